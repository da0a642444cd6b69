//! The Tera functions of `/pembangunan/`: `idm_chart`, `sdgs_chart` and
//! `stunting_chart`. Each reads the items the page's view gives the
//! template (`idm`, one item of `sdgs`, `stunting`) and draws bars as the
//! statistics charts do. Scores are drawn against their whole scale (IDM
//! 0–1, SDGs 0–100), so a bar's length means the same in every year;
//! stunting prevalences against the highest of them, which is small.

use serde::Deserialize;
use tera::{Kwargs, State, Tera};

use super::functions::{arg, sentence};
use super::layout::bars_layout_upto;
use super::svg::svg;
use super::{Bar, Group, Style};
use crate::diag::Lang;
use crate::format;

/// Scores are drawn as whole numbers: this many units to one.
const IDM_UNITS: f64 = 10_000.0;
const PERCENT_UNITS: f64 = 100.0;

#[derive(Deserialize)]
pub(super) struct IdmArg {
    pub(super) year: i32,
    pub(super) score: f64,
    #[serde(default)]
    pub(super) status_label: String,
}

#[derive(Deserialize)]
struct SdgsArg {
    #[serde(default)]
    goals: Vec<GoalArg>,
}

#[derive(Deserialize)]
pub(super) struct GoalArg {
    pub(super) goal: u8,
    #[serde(default)]
    pub(super) name: String,
    pub(super) score: f64,
}

#[derive(Deserialize)]
pub(super) struct StuntingArg {
    #[serde(default)]
    pub(super) label: String,
    pub(super) measured: u64,
    pub(super) stunted: u64,
    pub(super) prevalence: f64,
}

/// A score as a bar's whole-number length; none for what is not a number.
fn units(v: f64, per: f64) -> Option<i128> {
    v.is_finite().then(|| (v.max(0.0) * per).round() as i128)
}

fn solid(value: Option<i128>, text: String) -> Vec<Bar> {
    vec![Bar {
        value,
        text,
        style: Style::Solid,
    }]
}

/// The charts' common arguments: the data under `data`, `id`, `title`.
fn common<T: serde::de::DeserializeOwned>(
    kw: &Kwargs,
    data: &str,
) -> tera::TeraResult<(T, String, String)> {
    Ok((arg(kw, data)?, kw.must_get("id")?, kw.must_get("title")?))
}

struct IdmChart(Lang);

impl tera::Function<tera::TeraResult<String>> for IdmChart {
    fn call(&self, kw: Kwargs, _: &State) -> tera::TeraResult<String> {
        let (rows, id, title): (Vec<IdmArg>, _, _) = common(&kw, "idm")?;
        Ok(idm_chart(&rows, &id, &title, self.0))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A bar per year, the score and its status after it.
pub(super) fn idm_chart(rows: &[IdmArg], id: &str, title: &str, lang: Lang) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let text = |r: &IdmArg| {
        let score = format::number(r.score, 4, lang);
        if r.status_label.is_empty() {
            score
        } else {
            format!("{score} ({})", r.status_label)
        }
    };
    let groups: Vec<Group> = rows
        .iter()
        .map(|r| Group {
            label: r.year.to_string(),
            bars: solid(units(r.score, IDM_UNITS), text(r)),
        })
        .collect();
    let desc = sentence(rows.iter().map(|r| format!("{}: {}", r.year, text(r))));
    let drawing = bars_layout_upto(&groups, &[], true, IDM_UNITS as i128);
    svg(&drawing, id, title, &desc)
}

struct SdgsChart(Lang);

impl tera::Function<tera::TeraResult<String>> for SdgsChart {
    fn call(&self, kw: Kwargs, _: &State) -> tera::TeraResult<String> {
        let (year, id, title): (SdgsArg, _, _) = common(&kw, "year")?;
        Ok(sdgs_chart(&year.goals, &id, &title, self.0))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A bar per goal, against the whole 0–100 scale.
pub(super) fn sdgs_chart(goals: &[GoalArg], id: &str, title: &str, lang: Lang) -> String {
    if goals.is_empty() {
        return String::new();
    }
    let label = |g: &GoalArg| match g.name.as_str() {
        "" => g.goal.to_string(),
        name => format!("{}. {name}", g.goal),
    };
    let groups: Vec<Group> = goals
        .iter()
        .map(|g| Group {
            label: label(g),
            bars: solid(
                units(g.score, PERCENT_UNITS),
                format::number_auto(g.score, lang),
            ),
        })
        .collect();
    let desc = sentence(
        goals
            .iter()
            .map(|g| format!("{}: {}", label(g), format::number_auto(g.score, lang))),
    );
    let full = (100.0 * PERCENT_UNITS) as i128;
    svg(
        &bars_layout_upto(&groups, &[], false, full),
        id,
        title,
        &desc,
    )
}

struct StuntingChart(Lang);

impl tera::Function<tera::TeraResult<String>> for StuntingChart {
    fn call(&self, kw: Kwargs, _: &State) -> tera::TeraResult<String> {
        let (rows, id, title): (Vec<StuntingArg>, _, _) = common(&kw, "stunting")?;
        Ok(stunting_chart(&rows, &id, &title, self.0))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A bar per period of its prevalence; the counts in the description.
pub(super) fn stunting_chart(rows: &[StuntingArg], id: &str, title: &str, lang: Lang) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let percent = |r: &StuntingArg| format!("{}%", format::number(r.prevalence, 1, lang));
    let groups: Vec<Group> = rows
        .iter()
        .map(|r| Group {
            label: r.label.clone(),
            bars: solid(units(r.prevalence, PERCENT_UNITS), percent(r)),
        })
        .collect();
    let desc = sentence(rows.iter().map(|r| {
        let (stunted, measured) = (
            format::integer(r.stunted.into(), lang),
            format::integer(r.measured.into(), lang),
        );
        format!("{}: {} ({stunted}/{measured})", r.label, percent(r))
    }));
    let max = groups
        .iter()
        .flat_map(|g| &g.bars)
        .filter_map(|b| b.value)
        .max()
        .unwrap_or(0);
    svg(&bars_layout_upto(&groups, &[], true, max), id, title, &desc)
}

/// Registers the three functions.
pub fn register(tera: &mut Tera, lang: Lang) {
    tera.register_function("idm_chart", IdmChart(lang));
    tera.register_function("sdgs_chart", SdgsChart(lang));
    tera.register_function("stunting_chart", StuntingChart(lang));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The widths of the bars of a chart's markup.
    fn widths(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .map(|r| {
                let w = r.split("width=\"").nth(1).unwrap();
                w[..w.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn scores_are_drawn_against_their_whole_scale() {
        let idm = |year, score| IdmArg {
            year,
            score,
            status_label: "Maju".into(),
        };
        let s = idm_chart(&[idm(2024, 0.5), idm(2025, 1.0)], "idm", "IDM", Lang::Id);
        let w = widths(&s);
        assert!((w[0] * 2.0 - w[1]).abs() < 0.2, "{w:?}");
        assert!(s.contains(">0,5000 (Maju)</text>") && s.contains("2025: 1,0000 (Maju)."));
        let nan = idm_chart(&[idm(2024, f64::NAN)], "idm", "IDM", Lang::En);
        assert!(widths(&nan).is_empty(), "no bar for what is not a number");
        assert_eq!(idm_chart(&[], "a", "b", Lang::Id), "");

        let goal = |goal, score| GoalArg {
            goal,
            name: "Desa <Damai>".into(),
            score,
        };
        let s = sdgs_chart(&[goal(16, 50.0), goal(17, 25.0)], "s", "SDGs", Lang::En);
        let w = widths(&s);
        assert!((w[0] - 2.0 * w[1]).abs() < 0.2, "{w:?}");
        assert!(s.contains(">16. Desa &lt;Damai&gt;</text>") && s.contains(">50</text>"));
        assert_eq!(sdgs_chart(&[], "a", "b", Lang::Id), "");
    }

    #[test]
    fn stunting_bars_show_the_prevalence_and_say_the_counts() {
        let row = |label: &str, measured, stunted| StuntingArg {
            label: label.into(),
            measured,
            stunted,
            prevalence: stunted as f64 / measured as f64 * 100.0,
        };
        let s = stunting_chart(
            &[row("Februari 2025", 312, 41), row("Agustus 2025", 1000, 0)],
            "stunting",
            "Stunting",
            Lang::Id,
        );
        assert!(
            s.contains(">13,1%</text>") && s.contains(">0,0%</text>"),
            "{s}"
        );
        assert!(s.contains("Februari 2025: 13,1% (41/312); Agustus 2025: 0,0% (0/1.000)."));
        assert_eq!(widths(&s).len(), 1, "a zero prevalence draws no bar");
        assert_eq!(stunting_chart(&[], "a", "b", Lang::Id), "");
    }
}
