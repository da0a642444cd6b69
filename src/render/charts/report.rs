//! `report_chart`: the bars of a KIM monthly report (`/kim/laporan/`),
//! how many of the month's posts name each ADINDA principle. It reads the
//! `groups` the report page gives its template and draws them with the
//! statistics charts' layout, so the report looks like the rest of the
//! site's charts; the counts are in the page's table beside it too.

use serde::Deserialize;
use tera::{Kwargs, State, Tera};

use super::functions::{arg, sentence};
use super::layout::bars_layout;
use super::svg::svg;
use super::{Bar, Group, Style};
use crate::diag::Lang;
use crate::format;

/// One group of the report page (`{key, name, items}`); the group of
/// posts naming no principle has no name and is not drawn.
#[derive(Deserialize)]
pub(super) struct PrincipleArg {
    #[serde(default)]
    pub(super) name: String,
    #[serde(default)]
    pub(super) items: Vec<usize>,
}

struct ReportChart(Lang);

impl tera::Function<tera::TeraResult<String>> for ReportChart {
    fn call(&self, kw: Kwargs, _: &State) -> tera::TeraResult<String> {
        let groups: Vec<PrincipleArg> = arg(&kw, "groups")?;
        let (id, title): (String, String) = (kw.must_get("id")?, kw.must_get("title")?);
        Ok(report_chart(&groups, &id, &title, self.0))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A bar per principle of its number of posts; "" when no post names one
/// (a chart of six zeros says nothing the page does not).
pub(super) fn report_chart(groups: &[PrincipleArg], id: &str, title: &str, lang: Lang) -> String {
    let named: Vec<&PrincipleArg> = groups.iter().filter(|g| !g.name.is_empty()).collect();
    if named.iter().all(|g| g.items.is_empty()) {
        return String::new();
    }
    let count = |g: &PrincipleArg| format::integer(g.items.len() as i128, lang);
    let bars: Vec<Group> = named
        .iter()
        .map(|g| Group {
            label: g.name.clone(),
            bars: vec![Bar {
                value: Some(g.items.len() as i128),
                text: count(g),
                style: Style::Solid,
            }],
        })
        .collect();
    let desc = sentence(named.iter().map(|g| format!("{}: {}", g.name, count(g))));
    svg(&bars_layout(&bars, &[], false), id, title, &desc)
}

/// Registers `report_chart`.
pub fn register(tera: &mut Tera, lang: Lang) {
    tera.register_function("report_chart", ReportChart(lang));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, n: usize) -> PrincipleArg {
        PrincipleArg {
            name: name.into(),
            items: (0..n).collect(),
        }
    }

    #[test]
    fn a_bar_per_principle_and_none_for_the_untagged() {
        let groups = [group("Diskusi", 2), group("Aspirasi", 0), group("", 5)];
        let s = report_chart(&groups, "grafik-adinda", "ADINDA", Lang::Id);
        assert_eq!(s.matches("<rect ").count(), 1, "a zero draws no bar: {s}");
        assert!(s.contains(">Diskusi</text>") && s.contains(">Aspirasi</text>"));
        assert!(s.contains("Diskusi: 2; Aspirasi: 0."), "{s}");
        let empty = [group("Diskusi", 0), group("", 3)];
        assert_eq!(report_chart(&empty, "a", "b", Lang::Id), "");
    }
}
