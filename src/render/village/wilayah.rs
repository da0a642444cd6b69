//! `/wilayah/`: the hamlets with their heads and RW/RT counts.

use serde::Serialize;
use serde_json::Value;

use super::{one_page, trail};
use crate::load::profile::Hamlet;
use crate::model::Model;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::kind::{Body, Key, Kind, Listed};

pub struct Wilayah;

#[derive(Serialize, Hash)]
struct HamletTotals {
    hamlets: usize,
    /// Sums of the counts given; none when no hamlet gives one.
    rw: Option<u64>,
    rt: Option<u64>,
}

impl Kind for Wilayah {
    fn pages(&self, m: &Model) -> Vec<Key> {
        one_page(!m.profile.hamlets.is_empty())
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "wilayah/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let hamlets = &m.profile.hamlets;
        let sum = |f: fn(&Hamlet) -> Option<u32>| {
            let given: Vec<u64> = hamlets.iter().filter_map(f).map(u64::from).collect();
            (!given.is_empty()).then(|| given.iter().sum::<u64>())
        };
        let totals = HamletTotals {
            hamlets: hamlets.len(),
            rw: sum(|h| h.rw_count),
            rt: sum(|h| h.rt_count),
        };
        to.value("totals", &totals);
        Body::Template("wilayah.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        trail(m, "Wilayah", "Territory", "wilayah/")
    }
}
