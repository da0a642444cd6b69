//! `/transparansi/`: the APBDes per year, planned against realised.

use serde_json::Value;

use super::{YearView, one_page, trail, year_view};
use crate::model::Model;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::kind::{Body, Key, Kind, Listed};

pub struct Transparansi;

impl Kind for Transparansi {
    fn pages(&self, m: &Model) -> Vec<Key> {
        one_page(m.profile.has_budget)
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "transparansi/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let mut years: Vec<YearView> = m.profile.budget.iter().map(year_view).collect();
        years.sort_by_key(|y| std::cmp::Reverse(y.year));
        to.json("years", &years);
        Body::Template("transparansi.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        trail(m, "Transparansi", "Transparency", "transparansi/")
    }
}
