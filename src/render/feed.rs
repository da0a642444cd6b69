//! Feeds: RSS 2.0 and Atom, for the whole site (`/rss.xml`) and for each
//! category (`/kategori/<key>/rss.xml`), holding the newest posts in full.

use super::global::site_now;
use super::inputs::Inputs;
use super::kind::{Body, Key, Kind};
use crate::model::Model;
use crate::render::Input;

/// The feeds of one format. Key: item 0 is the site's feed, item `c + 1`
/// category `c`'s.
pub struct Feed {
    file: &'static str,
}

impl Feed {
    pub const RSS: Feed = Feed { file: "rss.xml" };
    pub const ATOM: Feed = Feed { file: "atom.xml" };
}

impl Kind for Feed {
    fn pages(&self, m: &Model) -> Vec<Key> {
        (0..=m.categories.len()).map(Key::item).collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        match key.item.checked_sub(1) {
            Some(c) => format!("{}{}", m.categories[c].path, self.file),
            None => self.file.to_string(),
        }
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let limit = m.config.feeds.limit;
        let category = key.item.checked_sub(1).map(|c| &m.categories[c]);
        let ids: Vec<usize> = match category {
            Some(c) => c.posts.iter().take(limit).copied().collect(),
            None => (0..m.posts.len().min(limit)).collect(),
        };
        to.posts("items", &ids);
        to.value("feed_title", &category.map(|c| c.name.as_str()));
        to.value("full_content", &m.config.feeds.full_content);
        let newest = ids
            .first()
            .and_then(|&i| m.posts[i].updated.or(m.posts[i].date));
        let updated = newest.map_or_else(|| site_now(m), |n| n.machine());
        to.value("updated", &updated);
        Body::Template(self.file)
    }
}
