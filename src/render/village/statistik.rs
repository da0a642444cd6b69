//! `/statistik/`: the population figures and tables of `profile.toml`,
//! each table with its sums, shares and chart.

use serde_json::Value;

use super::{TableView, one_page, table_view, trail};
use crate::model::Model;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::kind::{Body, Key, Kind, Listed};

pub struct Statistik;

impl Kind for Statistik {
    fn pages(&self, m: &Model) -> Vec<Key> {
        let stats = m.profile.statistics.as_ref().is_some_and(|s| {
            s.population.is_some()
                || s.male.is_some()
                || s.female.is_some()
                || s.households.is_some()
                || s.tables.iter().any(|t| !t.rows.is_empty())
        });
        one_page(stats)
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "statistik/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let tables: Vec<TableView> = m
            .profile
            .statistics
            .iter()
            .flat_map(|s| &s.tables)
            .enumerate()
            .map(|(i, t)| table_view(i, &t.key, &t.title, &t.rows))
            .collect();
        to.json("tables", &tables);
        Body::Template("statistik.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        trail(m, "Statistik", "Statistics", "statistik/")
    }
}
