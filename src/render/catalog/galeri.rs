//! `/galeri/` (every album, with the newest posts of `content/galeri/`)
//! and `/galeri/<slug>/` (one album's photos).

use serde_json::Value;

use super::views::AlbumView;
use super::{jsonld, list_crumb, section_posts};
use crate::model::Model;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::kind::{Body, Key, Kind, Listed};
use crate::render::structured::crumbs;

fn gallery_crumb(m: &Model) -> (String, String) {
    list_crumb(m, "Galeri", "Gallery", "galeri/")
}

/// `/galeri/`.
pub struct Gallery;

impl Kind for Gallery {
    fn pages(&self, m: &Model) -> Vec<Key> {
        if m.catalog.albums.is_empty() {
            Vec::new()
        } else {
            vec![Key::default()]
        }
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "galeri/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let albums: Vec<AlbumView> = (0..m.catalog.albums.len())
            .map(|i| AlbumView::new(m, i, false))
            .collect();
        to.json("albums", &albums);
        section_posts(m, "galeri", to);
        Body::Template("galeri.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        Some(vec![crumbs(m, vec![gallery_crumb(m)])])
    }
}

/// `/galeri/<slug>/` (key: index into `catalog.albums`).
pub struct Album;

impl Kind for Album {
    fn pages(&self, m: &Model) -> Vec<Key> {
        (0..m.catalog.albums.len()).map(Key::item).collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        m.catalog.album_path(key.item)
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        to.json("album", &AlbumView::new(m, key.item, true));
        to.value("all_url", &m.url("galeri/"));
        Body::Template("album.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let a = &m.catalog.albums[key.item];
        let trail = vec![
            gallery_crumb(m),
            (a.title.clone(), m.catalog.album_path(key.item)),
        ];
        Some(vec![jsonld::album(m, key.item), crumbs(m, trail)])
    }
}
