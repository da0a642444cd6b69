//! `/kim/laporan/<year>/<month>/`: the KIM's activity report for each
//! month with posts, the evidence a KIM contest asks for. The month's
//! posts are grouped by the ADINDA principle they name (a post under each
//! of its principles; those naming none in a group of their own), with
//! the events held, the products promoted (those whose story was posted
//! that month), the counts and a chart (`report_chart`,
//! [`crate::render::charts`]), on a page that prints as one clean A4
//! report (the theme's `laporan.css`, loaded for print on these pages
//! only, over its print rules).
//!
//! Made only when the profile has a `[kim]`, from the months of the
//! archive: the same posts `/arsip/<year>/<month>/` lists.
//! `/kim/laporan/` lists them all, by year ([`ReportIndex`]), so a reader
//! who shortens a report's address lands on a page, not a 404.

use chrono::Datelike;
use serde::Serialize;
use serde_json::Value;

use super::inputs::Inputs;
use super::kind::{Body, Key, Kind, Listed};
use super::sitemap::Dates;
use super::structured::{crumbs, words};
use crate::model::adinda::PRINCIPLES;
use crate::model::{ArchiveMonth, Model, Moment};
use crate::render::Input;
use crate::render::catalog::ProductView;

/// One ADINDA principle in a month: `items` are positions in the page's
/// `posts`.
#[derive(Serialize, Hash)]
struct Group {
    key: &'static str,
    name: &'static str,
    items: Vec<usize>,
}

/// A month's report, as `/kim/` links it.
#[derive(Serialize, Hash)]
pub struct ReportLink {
    year: i32,
    month: u32,
    url: String,
    count: usize,
}

/// `/kim/laporan/<year>/<month>/` (key: year index, month index within
/// that year, as in the archive).
pub struct MonthlyReports;

fn month(m: &Model, key: Key) -> &ArchiveMonth {
    &m.archive[key.item].months[key.page]
}

fn report_path(month: &ArchiveMonth) -> String {
    format!("kim/laporan/{:04}/{:02}/", month.year, month.month)
}

/// Every month's report, newest first; none without a `[kim]`.
pub fn report_links(m: &Model) -> Vec<ReportLink> {
    if m.profile.kim.is_none() {
        return Vec::new();
    }
    let months = m.archive.iter().flat_map(|y| y.months.iter());
    months
        .map(|month| ReportLink {
            year: month.year,
            month: month.month,
            url: m.url(&report_path(month)),
            count: month.posts.len(),
        })
        .collect()
}

/// The six principles with the month's posts naming each, then (key
/// `lainnya`) the posts naming none.
fn groups(m: &Model, posts: &[usize]) -> Vec<Group> {
    let adinda = |i: usize| &m.posts[posts[i]].adinda;
    let mut out: Vec<Group> = PRINCIPLES
        .iter()
        .map(|p| Group {
            key: p.key,
            name: p.name,
            items: (0..posts.len())
                .filter(|&i| adinda(i).contains(p))
                .collect(),
        })
        .collect();
    out.push(Group {
        key: "lainnya",
        name: "",
        items: (0..posts.len()).filter(|&i| adinda(i).is_empty()).collect(),
    });
    out
}

/// The events that started in `month`, whenever their posts appeared,
/// earliest first.
fn events_in(m: &Model, month: &ArchiveMonth) -> Vec<usize> {
    let starts_in = |i: &usize| {
        m.posts[*i].event.as_ref().is_some_and(|e| {
            let d = e.start.date();
            (d.year(), d.month()) == (month.year, month.month)
        })
    };
    let mut ids: Vec<usize> = (0..m.posts.len()).filter(starts_in).collect();
    ids.sort_by_key(|&i| m.posts[i].event.as_ref().map(|e| e.start.at));
    ids
}

/// The products whose story (a post of `content/produk/`) is among the
/// month's posts, in the catalog's order.
fn products_in<'m>(m: &'m Input<'m>, posts: &[usize]) -> Vec<ProductView<'m>> {
    let promoted = |i: &usize| {
        m.catalog.products[*i]
            .post
            .is_some_and(|p| posts.contains(&p))
    };
    (0..m.catalog.products.len())
        .filter(promoted)
        .map(|i| ProductView::new(m, i, false))
        .collect()
}

impl Kind for MonthlyReports {
    fn pages(&self, m: &Model) -> Vec<Key> {
        if m.profile.kim.is_none() {
            return Vec::new();
        }
        let years = m.archive.iter().enumerate();
        years
            .flat_map(|(y, year)| (0..year.months.len()).map(move |k| Key::paged(y, k)))
            .collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        report_path(month(m, key))
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let month = month(m, key);
        let events = events_in(m, month);
        let tagged = month
            .posts
            .iter()
            .filter(|&&i| !m.posts[i].adinda.is_empty());
        to.value("year", &month.year);
        to.value("month", &month.month);
        to.value("archive_url", &m.url(&month.path));
        to.value("tagged", &tagged.count());
        to.value("groups", &groups(m, &month.posts));
        to.summaries("posts", &month.posts);
        to.summaries("events", &events);
        to.json("products", &products_in(m, &month.posts));
        Body::Template("kim_laporan.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Other)
    }

    fn lastmod(&self, m: &Model, key: Key, dates: &Dates) -> Option<Moment> {
        dates.newest(m, &month(m, key).posts)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let month = month(m, key);
        let kim = m.profile.kim.as_ref()?;
        let when = crate::format::month_year(month.year, month.month, m.config.language);
        let label = format!("{} {when}", words(m, "Laporan kegiatan", "Activity report"));
        let trail = vec![
            (kim.name.clone(), "kim/".into()),
            (index_label(m), INDEX_PATH.into()),
            (label, report_path(month)),
        ];
        Some(vec![crumbs(m, trail)])
    }
}

const INDEX_PATH: &str = "kim/laporan/";

fn index_label(m: &Model) -> String {
    words(m, "Laporan kegiatan bulanan", "Monthly activity reports")
}

/// A year of reports on `/kim/laporan/`, newest month first.
#[derive(Serialize, Hash)]
struct ReportYear {
    year: i32,
    reports: Vec<ReportLink>,
}

/// `/kim/laporan/`: every monthly report, by year, newest first.
pub struct ReportIndex;

impl Kind for ReportIndex {
    fn pages(&self, m: &Model) -> Vec<Key> {
        let any = m.profile.kim.is_some() && !m.archive.is_empty();
        any.then(Key::default).into_iter().collect()
    }

    fn path(&self, _: &Model, _: Key) -> String {
        INDEX_PATH.into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let mut years: Vec<ReportYear> = Vec::new();
        for link in report_links(m) {
            match years.last_mut() {
                Some(y) if y.year == link.year => y.reports.push(link),
                _ => years.push(ReportYear {
                    year: link.year,
                    reports: vec![link],
                }),
            }
        }
        to.value("years", &years);
        Body::Template("kim_laporan_index.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Other)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        let kim = m.profile.kim.as_ref()?;
        let trail = vec![
            (kim.name.clone(), "kim/".into()),
            (index_label(m), INDEX_PATH.into()),
        ];
        Some(vec![crumbs(m, trail)])
    }
}
