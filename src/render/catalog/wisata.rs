//! `/wisata/` (every tourism spot, with the newest posts of
//! `content/wisata/`) and `/wisata/<slug>/` (one spot).

use serde_json::Value;

use super::views::SpotView;
use super::{jsonld, list_crumb, section_posts};
use crate::model::Model;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::kind::{Body, Key, Kind, Listed};
use crate::render::structured::crumbs;

fn tourism_crumb(m: &Model) -> (String, String) {
    list_crumb(m, "Wisata", "Tourism", "wisata/")
}

/// `/wisata/`.
pub struct Tourism;

impl Kind for Tourism {
    fn pages(&self, m: &Model) -> Vec<Key> {
        if m.profile.tourism.is_empty() {
            Vec::new()
        } else {
            vec![Key::default()]
        }
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "wisata/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let spots: Vec<SpotView> = (0..m.catalog.spots.len())
            .map(|i| SpotView::new(m, i))
            .collect();
        to.json("spots", &spots);
        section_posts(m, "wisata", to);
        Body::Template("wisata.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        Some(vec![crumbs(m, vec![tourism_crumb(m)])])
    }
}

/// `/wisata/<slug>/` (key: index into `profile.tourism`).
pub struct Spot;

impl Kind for Spot {
    fn pages(&self, m: &Model) -> Vec<Key> {
        if m.profile.tourism.is_empty() {
            return Vec::new();
        }
        (0..m.catalog.spots.len()).map(Key::item).collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        m.catalog.spots[key.item].path.clone()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        to.json("spot", &SpotView::new(m, key.item));
        to.value("all_url", &m.url("wisata/"));
        Body::Template("wisata_item.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let i = key.item;
        let name = m.profile.tourism[i].name.clone();
        let trail = vec![tourism_crumb(m), (name, m.catalog.spots[i].path.clone())];
        Some(vec![jsonld::attraction(m, i), crumbs(m, trail)])
    }
}
