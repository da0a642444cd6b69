//! `/potensi/`: the village's potentials, with the newest posts of
//! `content/potensi/`.

use serde_json::Value;

use super::views::PotentialView;
use super::{list_crumb, section_posts};
use crate::model::Model;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::kind::{Body, Key, Kind, Listed};
use crate::render::structured::crumbs;

pub struct Potentials;

impl Kind for Potentials {
    fn pages(&self, m: &Model) -> Vec<Key> {
        if m.profile.potentials.is_empty() {
            Vec::new()
        } else {
            vec![Key::default()]
        }
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "potensi/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let items: Vec<PotentialView> = m
            .profile
            .potentials
            .iter()
            .map(PotentialView::new)
            .collect();
        to.json("potentials", &items);
        section_posts(m, "potensi", to);
        Body::Template("potensi.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        let crumb = list_crumb(m, "Potensi Desa", "Village potential", "potensi/");
        Some(vec![crumbs(m, vec![crumb])])
    }
}
