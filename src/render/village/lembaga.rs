//! `/lembaga/`: the village's institutions, each with the page its
//! `page =` names, then the rest of `content/lembaga/`.

use serde::Serialize;
use serde_json::Value;

use super::{one_page, trail};
use crate::model::Model;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::kind::{Body, Key, Kind, Listed};
use crate::render::pages::page_index;
use crate::render::views::PostView;

pub struct Lembaga;

#[derive(Serialize)]
struct InstitutionView<'a> {
    name: &'a str,
    abbreviation: Option<&'a str>,
    kind: Option<&'a str>,
    chair: Option<&'a str>,
    /// The page `page =` names, as a post summary (`url`, `title`, `summary`).
    page: Option<PostView<'a>>,
}

impl Kind for Lembaga {
    fn pages(&self, m: &Model) -> Vec<Key> {
        one_page(!m.profile.institutions.is_empty())
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "lembaga/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let institutions: Vec<InstitutionView> = m
            .profile
            .institutions
            .iter()
            .map(|i| InstitutionView {
                name: &i.name,
                abbreviation: i.abbreviation.as_deref(),
                kind: i.kind.as_deref(),
                chair: i.chair.as_deref(),
                page: m
                    .page_by_source(i.page.as_deref())
                    .map(|pg| PostView::summary(m, pg)),
            })
            .collect();
        let linked: Vec<usize> = m
            .profile
            .institutions
            .iter()
            .filter_map(|i| page_index(m, i.page.as_deref()))
            .collect();
        let pages: Vec<usize> = (0..m.pages.len())
            .filter(|i| m.pages[*i].section == "lembaga" && !linked.contains(i))
            .collect();
        to.json("institutions", &institutions);
        to.page_summaries("pages", &pages);
        Body::Template("lembaga.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        trail(m, "Lembaga", "Institutions", "lembaga/")
    }
}
