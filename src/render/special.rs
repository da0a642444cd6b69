//! The pages every site has once: the home page, 404, `robots.txt`, the
//! search page and its index; and the redirect pages at old addresses.

use serde_json::Value;

use super::inputs::Inputs;
use super::kind::{Body, Key, Kind, Listed};
use super::pages::page_index;
use super::structured::{crumbs, government, website, words};
use super::views::PostView;
use crate::model::Model;
use crate::render::Input;

/// A kind with one page at a fixed path, made from its template alone.
macro_rules! fixed_page {
    ($(#[$doc:meta])* $name:ident, $path:literal, $template:literal) => {
        $(#[$doc])*
        pub struct $name;

        impl Kind for $name {
            fn pages(&self, _: &Model) -> Vec<Key> {
                vec![Key::default()]
            }

            fn path(&self, _: &Model, _: Key) -> String {
                $path.into()
            }

            fn inputs<'m>(&self, _: &'m Input<'m>, _: Key, _: &mut Inputs<'_, 'm>) -> Body<'m> {
                Body::Template($template)
            }
        }
    };
}

fixed_page!(
    /// `/404.html`, which hosts show for an unknown address.
    NotFound,
    "404.html",
    "404.html"
);
fixed_page!(
    /// `/robots.txt`.
    Robots,
    "robots.txt",
    "robots.txt"
);

/// `/`: pinned and latest posts, announcements, the next events, and the
/// welcome page the profile names.
pub struct Home;

impl Kind for Home {
    fn pages(&self, _: &Model) -> Vec<Key> {
        vec![Key::default()]
    }

    fn path(&self, _: &Model, _: Key) -> String {
        String::new()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let per = m.config.posts_per_page;
        let pinned: Vec<usize> = (0..m.posts.len()).filter(|&i| m.posts[i].pinned).collect();
        let latest: Vec<usize> = (0..m.posts.len().min(per)).collect();
        let announcements: Vec<usize> = m.active_announcements().collect();
        let upcoming: Vec<usize> = to.agenda().upcoming.iter().take(3).copied().collect();
        to.summaries("pinned", &pinned);
        to.summaries("latest", &latest);
        to.summaries("announcements", &announcements);
        to.summaries("upcoming", &upcoming);
        to.value("total_posts", &m.posts.len());
        let welcome = page_index(m, m.profile.village.welcome_page.as_deref());
        to.page("welcome", welcome);
        Body::Template("index.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Home)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        Some(vec![website(m), government(m)])
    }
}

/// `/cari/`: the search page (its index is [`SearchIndex`]).
pub struct Search;

impl Kind for Search {
    fn pages(&self, _: &Model) -> Vec<Key> {
        vec![Key::default()]
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "cari/".into()
    }

    fn inputs<'m>(&self, _: &'m Input<'m>, _: Key, _: &mut Inputs<'_, 'm>) -> Body<'m> {
        Body::Template("cari.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Other)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let name = words(m, "Cari", "Search");
        Some(vec![crumbs(m, vec![(name, self.path(m, key))])])
    }
}

/// `/cari/index.js` and the other parts of the search index, made
/// together by [`crate::search`].
pub struct SearchIndex;

impl Kind for SearchIndex {
    fn pages(&self, _: &Model) -> Vec<Key> {
        vec![Key::default()]
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "cari/index.js".into()
    }

    fn inputs<'m>(&self, _: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        // The index holds every word of every post and page.
        to.uses_everything();
        Body::Files(|m, _| crate::search::index_files(m))
    }

    fn files(&self, m: &Model, _: Key) -> Vec<String> {
        crate::search::files::names(m)
    }

    fn deferred(&self) -> bool {
        true
    }
}

/// A redirect page at an old address (`aliases`): key, the index into
/// `model.redirects`.
pub struct Redirects;

impl Kind for Redirects {
    fn pages(&self, m: &Model) -> Vec<Key> {
        (0..m.redirects.len()).map(Key::item).collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        m.redirects[key.item].0.clone()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let target = &m.redirects[key.item].1;
        let mut posts = m.posts.iter().chain(&m.pages);
        let page = posts.find(|p| &p.path == target);
        to.json("page", &page.map(|p| PostView::summary(m, p)));
        to.value("target_url", &m.url(target));
        to.value("target_permalink", &m.permalink(target));
        Body::Template("alias.html")
    }
}
