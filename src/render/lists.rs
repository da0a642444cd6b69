//! The lists of posts: a section's pages (`/berita/`, `/berita/halaman/2/`),
//! a category's and a tag's, the index of categories and of tags, and the
//! archive with a page per month.

use serde::Serialize;
use serde_json::Value;

use super::agenda::AGENDA_PATH;
use super::catalog;
use super::inputs::Inputs;
use super::kind::{Body, Key, Kind, Listed};
use super::sitemap::Dates;
use super::structured::{crumbs, words};
use super::views::{TermView, page_count, page_path};
use crate::model::{Model, Moment, Term};
use crate::render::Input;

/// The pages of each list in `lists` (by the number of posts in it).
fn paged<'a>(m: &Model, lists: impl Iterator<Item = (usize, &'a [usize])>) -> Vec<Key> {
    let per = m.config.posts_per_page;
    lists
        .flat_map(|(i, posts)| (1..=page_count(posts.len(), per)).map(move |p| Key::paged(i, p)))
        .collect()
}

/// `/<section>/` and its further pages.
pub struct SectionPages;

impl Kind for SectionPages {
    fn pages(&self, m: &Model) -> Vec<Key> {
        let has_events = m.has_events();
        // The agenda pages replace the `agenda` section's list.
        let lists = m.sections.iter().enumerate();
        let lists = lists.filter(|(_, s)| !(has_events && s.path == AGENDA_PATH));
        let mut keys = paged(m, lists.map(|(i, s)| (i, &s.posts[..])));
        // Some sections give way to catalog pages.
        keys.retain(|k| !catalog::replaces_section(m, &m.sections[k.item].key, k.page));
        keys
    }

    fn path(&self, m: &Model, key: Key) -> String {
        page_path(&m.sections[key.item].path, key.page)
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let s = &m.sections[key.item];
        to.section("section", Some(key.item));
        to.pager("paginator", &s.path, &s.posts, key.page);
        Body::Template("section.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::List)
    }

    fn lastmod(&self, m: &Model, key: Key, dates: &Dates) -> Option<Moment> {
        dates.newest(m, &m.sections[key.item].posts)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let s = &m.sections[key.item];
        Some(vec![crumbs(m, vec![(s.title.clone(), s.path.clone())])])
    }
}

/// Categories and tags: their lists have the same shape.
#[derive(Clone, Copy)]
enum Terms {
    Categories,
    Tags,
}

impl Terms {
    fn of(self, m: &Model) -> &[Term] {
        match self {
            Terms::Categories => &m.categories,
            Terms::Tags => &m.tags,
        }
    }

    /// The index page's name and path, for breadcrumbs.
    fn index(self, m: &Model) -> (String, String) {
        match self {
            Terms::Categories => (words(m, "Kategori", "Categories"), "kategori/".into()),
            Terms::Tags => (words(m, "Tag", "Tags"), "tag/".into()),
        }
    }

    fn pages(self, m: &Model) -> Vec<Key> {
        paged(m, self.of(m).iter().map(|t| &t.posts[..]).enumerate())
    }

    fn inputs(self, m: &Model, key: Key, to: &mut Inputs) {
        let t = &self.of(m)[key.item];
        to.value("term", &TermView::new(m, t));
        to.pager("paginator", &t.path, &t.posts, key.page);
    }

    fn json_ld(self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let t = &self.of(m)[key.item];
        let trail = vec![self.index(m), (t.name.clone(), t.path.clone())];
        Some(vec![crumbs(m, trail)])
    }

    /// The index of every term: `/kategori/`, `/tag/`.
    fn all(self, m: &Model, to: &mut Inputs) {
        let terms: Vec<_> = self.of(m).iter().map(|t| TermView::new(m, t)).collect();
        to.value("terms", &terms);
    }
}

/// `/kategori/<key>/` and its further pages.
pub struct CategoryPages;

impl Kind for CategoryPages {
    fn pages(&self, m: &Model) -> Vec<Key> {
        Terms::Categories.pages(m)
    }

    fn path(&self, m: &Model, key: Key) -> String {
        page_path(&m.categories[key.item].path, key.page)
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        Terms::Categories.inputs(m, key, to);
        Body::Template("category.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Other)
    }

    fn lastmod(&self, m: &Model, key: Key, dates: &Dates) -> Option<Moment> {
        dates.newest(m, &m.categories[key.item].posts)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        Terms::Categories.json_ld(m, key)
    }
}

/// `/tag/<key>/` and its further pages.
pub struct TagPages;

impl Kind for TagPages {
    fn pages(&self, m: &Model) -> Vec<Key> {
        Terms::Tags.pages(m)
    }

    fn path(&self, m: &Model, key: Key) -> String {
        page_path(&m.tags[key.item].path, key.page)
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        Terms::Tags.inputs(m, key, to);
        Body::Template("tag.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Other)
    }

    fn lastmod(&self, m: &Model, key: Key, dates: &Dates) -> Option<Moment> {
        dates.newest(m, &m.tags[key.item].posts)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        Terms::Tags.json_ld(m, key)
    }
}

/// `/kategori/`: every category.
pub struct Categories;

impl Kind for Categories {
    fn pages(&self, _: &Model) -> Vec<Key> {
        vec![Key::default()]
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "kategori/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        Terms::Categories.all(m, to);
        Body::Template("categories.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Other)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        Some(vec![crumbs(m, vec![Terms::Categories.index(m)])])
    }
}

/// `/tag/`: every tag.
pub struct Tags;

impl Kind for Tags {
    fn pages(&self, _: &Model) -> Vec<Key> {
        vec![Key::default()]
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "tag/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        Terms::Tags.all(m, to);
        Body::Template("tags.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Other)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        Some(vec![crumbs(m, vec![Terms::Tags.index(m)])])
    }
}

/// `/arsip/`: every year and month with posts.
pub struct Archive;

#[derive(Serialize, Hash)]
struct YearView {
    year: i32,
    count: usize,
    months: Vec<MonthView>,
}

#[derive(Serialize, Hash)]
struct MonthView {
    month: u32,
    url: String,
    count: usize,
}

fn archive_view(model: &Model) -> Vec<YearView> {
    let month = |m: &crate::model::ArchiveMonth| MonthView {
        month: m.month,
        url: model.url(&m.path),
        count: m.posts.len(),
    };
    let year = |y: &crate::model::ArchiveYear| YearView {
        year: y.year,
        count: y.months.iter().map(|m| m.posts.len()).sum(),
        months: y.months.iter().map(month).collect(),
    };
    model.archive.iter().map(year).collect()
}

fn archive_crumb(m: &Model) -> (String, String) {
    (words(m, "Arsip", "Archive"), "arsip/".to_string())
}

impl Kind for Archive {
    fn pages(&self, _: &Model) -> Vec<Key> {
        vec![Key::default()]
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "arsip/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        to.value("years", &archive_view(m));
        Body::Template("archive.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Other)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        Some(vec![crumbs(m, vec![archive_crumb(m)])])
    }
}

/// `/arsip/<year>/<month>/`: the posts of one month (key: year index,
/// month index within that year).
pub struct ArchiveMonths;

impl Kind for ArchiveMonths {
    fn pages(&self, m: &Model) -> Vec<Key> {
        let years = m.archive.iter().enumerate();
        years
            .flat_map(|(y, year)| (0..year.months.len()).map(move |k| Key::paged(y, k)))
            .collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        m.archive[key.item].months[key.page].path.clone()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let month = &m.archive[key.item].months[key.page];
        to.value("year", &month.year);
        to.value("month", &month.month);
        to.summaries("posts", &month.posts);
        Body::Template("archive_month.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Other)
    }

    fn lastmod(&self, m: &Model, key: Key, dates: &Dates) -> Option<Moment> {
        dates.newest(m, &m.archive[key.item].months[key.page].posts)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let month = &m.archive[key.item].months[key.page];
        let label = crate::format::month_year(month.year, month.month, m.config.language);
        let trail = vec![archive_crumb(m), (label, month.path.clone())];
        Some(vec![crumbs(m, trail)])
    }
}
