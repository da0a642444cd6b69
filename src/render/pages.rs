//! Pages made from Markdown files: a post (`/berita/x/`), a standalone
//! page (`/profil/sejarah/`), and the four profile pages (`/profil/`,
//! `/pemerintahan/`, `/kim/`, `/kontak/`) that list the standalone pages
//! of their folder.

use std::path::Path;

use serde_json::Value;

use super::inputs::Inputs;
use super::kind::{Body, Key, Kind, Listed};
use super::sitemap::Dates;
use super::structured::{article, crumbs, event, government, publisher, words};
use crate::model::{Model, Moment, Post};
use crate::render::Input;

/// `/<section>/<slug>/`: one post, with its neighbours and related posts.
pub struct Posts;

impl Kind for Posts {
    fn pages(&self, m: &Model) -> Vec<Key> {
        // A product's story is shown on its product page instead.
        (0..m.posts.len())
            .filter(|&i| m.catalog.product_of_post(i).is_none())
            .map(Key::item)
            .collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        m.posts[key.item].path.clone()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let i = key.item;
        let n = m.neighbours(i);
        to.summary("prev", n.older);
        to.summary("next", n.newer);
        if n.section.is_some() {
            to.section("section", n.section);
        }
        to.summaries("related", &n.related);
        to.post("page", i);
        Body::Template(template_of(&m.posts[i], "post.html"))
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Post)
    }

    fn lastmod(&self, m: &Model, key: Key, _: &Dates) -> Option<Moment> {
        changed(&m.posts[key.item])
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let post = &m.posts[key.item];
        let mut graph = vec![article(m, post)];
        graph.extend(event(m, post));
        let mut items = Vec::new();
        if let Some(s) = m.sections.iter().find(|s| s.key == post.section) {
            items.push((s.title.clone(), s.path.clone()));
        }
        items.push((post.title.clone(), post.path.clone()));
        graph.push(crumbs(m, items));
        Some(graph)
    }

    fn source<'m>(&self, m: &'m Model, key: Key) -> Option<&'m Path> {
        Some(&m.posts[key.item].file)
    }
}

/// A standalone page: `content/profil/sejarah.md` at `/profil/sejarah/`.
pub struct Pages;

impl Kind for Pages {
    fn pages(&self, m: &Model) -> Vec<Key> {
        (0..m.pages.len()).map(Key::item).collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        m.pages[key.item].path.clone()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        to.page("page", Some(key.item));
        Body::Template(template_of(&m.pages[key.item], "page.html"))
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Page)
    }

    fn lastmod(&self, m: &Model, key: Key, _: &Dates) -> Option<Moment> {
        changed(&m.pages[key.item])
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let page = &m.pages[key.item];
        let mut items = Vec::new();
        if let Some(p) = ProfilePage::ALL.iter().find(|p| p.key() == page.section) {
            items.push((p.name(m), format!("{}/", p.key())));
        } else if page.section == "lembaga" && !m.profile.institutions.is_empty() {
            items.push((words(m, "Lembaga", "Institutions"), "lembaga/".into()));
        }
        items.push((page.title.clone(), page.path.clone()));
        Some(vec![crumbs(m, items)])
    }

    fn source<'m>(&self, m: &'m Model, key: Key) -> Option<&'m Path> {
        Some(&m.pages[key.item].file)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfilePage {
    Profil,
    Pemerintahan,
    Kim,
    Kontak,
}

impl ProfilePage {
    pub const ALL: [ProfilePage; 4] = [
        ProfilePage::Profil,
        ProfilePage::Pemerintahan,
        ProfilePage::Kim,
        ProfilePage::Kontak,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ProfilePage::Profil => "profil",
            ProfilePage::Pemerintahan => "pemerintahan",
            ProfilePage::Kim => "kim",
            ProfilePage::Kontak => "kontak",
        }
    }

    fn template(self) -> &'static str {
        match self {
            ProfilePage::Profil => "profil.html",
            ProfilePage::Pemerintahan => "pemerintahan.html",
            ProfilePage::Kim => "kim.html",
            ProfilePage::Kontak => "kontak.html",
        }
    }

    /// The page's name, as its breadcrumb shows it.
    fn name(self, m: &Model) -> String {
        let terms = &m.profile.terms;
        match self {
            ProfilePage::Profil => {
                format!("{} {}", words(m, "Profil", "Profile"), terms.village)
            }
            ProfilePage::Pemerintahan => terms.village_government.clone(),
            ProfilePage::Kim => m
                .profile
                .kim
                .as_ref()
                .map_or_else(|| "KIM".to_string(), |k| k.name.clone()),
            ProfilePage::Kontak => words(m, "Kontak", "Contact"),
        }
    }
}

/// `/profil/`, `/pemerintahan/`, `/kim/`, `/kontak/`: the profile, with
/// the standalone pages of the folder of the same name.
pub struct ProfilePages;

impl Kind for ProfilePages {
    fn pages(&self, _: &Model) -> Vec<Key> {
        (0..ProfilePage::ALL.len()).map(Key::item).collect()
    }

    fn path(&self, _: &Model, key: Key) -> String {
        format!("{}/", ProfilePage::ALL[key.item].key())
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let p = ProfilePage::ALL[key.item];
        if p == ProfilePage::Profil {
            let history = page_index(m, m.profile.village.history_page.as_deref());
            to.page("history", history);
        }
        if p == ProfilePage::Kim {
            to.value("reports", &super::laporan::report_links(m));
        }
        let pages: Vec<usize> = (0..m.pages.len())
            .filter(|&i| m.pages[i].section == p.key())
            .collect();
        to.page_summaries("pages", &pages);
        Body::Template(p.template())
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Page)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let p = ProfilePage::ALL[key.item];
        let trail = vec![(p.name(m), self.path(m, key))];
        let mut data = vec![government(m), crumbs(m, trail)];
        if p == ProfilePage::Kim && m.profile.kim.is_some() {
            data.push(publisher(m));
        }
        Some(data)
    }
}

/// The template a post chose (`template = "…"`), else `default`.
fn template_of<'m>(post: &'m Post, default: &'static str) -> &'m str {
    post.template.as_deref().unwrap_or(default)
}

/// When a post or page last changed: `updated`, else `date`.
pub fn changed(p: &Post) -> Option<Moment> {
    p.updated.or(p.date)
}

/// The index (into `model.pages`) of the standalone page the profile
/// names by its source path (see [`Model::page_by_source`]).
pub fn page_index(m: &Model, rel: Option<&str>) -> Option<usize> {
    let rel = rel?.trim_start_matches("content/");
    m.pages.iter().position(|p| p.rel == rel)
}
