//! `/pembangunan/`: the village's development data from `profile.toml`:
//! the IDM per year, the SDGs Desa scores, and stunting per measuring
//! period. Built when any of the three is given; a section without data
//! is left out by the template.

use serde::Serialize;
use serde_json::Value;

use super::{one_page, trail};
use crate::diag::Lang;
use crate::format;
use crate::load::profile::{Idm, Sdgs, Stunting};
use crate::model::Model;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::kind::{Body, Key, Kind, Listed};

pub struct Pembangunan;

/// The 18 goals of SDGs Desa (Permendesa PDTT No. 13/2020), in Indonesian
/// and in English.
const GOALS: [(&str, &str); 18] = [
    ("Desa Tanpa Kemiskinan", "Village without poverty"),
    ("Desa Tanpa Kelaparan", "Village without hunger"),
    ("Desa Sehat dan Sejahtera", "Healthy and prosperous village"),
    ("Pendidikan Desa Berkualitas", "Quality village education"),
    (
        "Keterlibatan Perempuan Desa",
        "Involvement of village women",
    ),
    (
        "Desa Layak Air Bersih dan Sanitasi",
        "Village with clean water and sanitation",
    ),
    (
        "Desa Berenergi Bersih dan Terbarukan",
        "Village with clean, renewable energy",
    ),
    (
        "Pertumbuhan Ekonomi Desa Merata",
        "Even village economic growth",
    ),
    (
        "Infrastruktur dan Inovasi Desa sesuai Kebutuhan",
        "Village infrastructure and innovation as needed",
    ),
    ("Desa Tanpa Kesenjangan", "Village without inequality"),
    (
        "Kawasan Permukiman Desa Aman dan Nyaman",
        "Safe and comfortable village settlements",
    ),
    (
        "Konsumsi dan Produksi Desa Sadar Lingkungan",
        "Environmentally aware consumption and production",
    ),
    (
        "Desa Tanggap Perubahan Iklim",
        "Village responsive to climate change",
    ),
    ("Desa Peduli Lingkungan Laut", "Village caring for the sea"),
    (
        "Desa Peduli Lingkungan Darat",
        "Village caring for the land",
    ),
    ("Desa Damai Berkeadilan", "Peaceful and just village"),
    (
        "Kemitraan untuk Pembangunan Desa",
        "Partnership for village development",
    ),
    (
        "Kelembagaan Desa Dinamis dan Budaya Desa Adaptif",
        "Dynamic institutions and adaptive village culture",
    ),
];

/// Goal `n`'s name in `lang`.
fn goal_name(n: u8, lang: Lang) -> &'static str {
    let (id, en) = GOALS[usize::from(n.clamp(1, 18)) - 1];
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

#[derive(Serialize)]
struct IdmView<'a> {
    year: i32,
    score: f64,
    /// Kemendesa's word: "Sangat Tertinggal".
    status: &'static str,
    /// `sangat_tertinggal` … `mandiri`, for a theme's own words.
    status_key: &'static str,
    /// The status in the site's language.
    status_label: &'static str,
    /// Score minus the year before's, when that year is given.
    change: Option<f64>,
    source: Option<&'a str>,
}

fn idm_views(idm: &[Idm], lang: Lang) -> Vec<IdmView<'_>> {
    idm.iter()
        .enumerate()
        .map(|(i, r)| IdmView {
            year: r.year,
            score: r.score,
            status: r.status.word(),
            status_key: r.status.key(),
            status_label: r.status.label(lang),
            change: i
                .checked_sub(1)
                .map(|j| &idm[j])
                .filter(|prev| prev.year + 1 == r.year)
                .map(|prev| r.score - prev.score),
            source: r.source.as_deref(),
        })
        .collect()
}

#[derive(Serialize)]
struct SdgsView<'a> {
    year: i32,
    source: Option<&'a str>,
    average: Option<f64>,
    goals: Vec<GoalView>,
}

#[derive(Serialize)]
struct GoalView {
    goal: u8,
    name: &'static str,
    score: f64,
}

/// A row of the SDGs table: one goal, its score in each year of `sdgs`.
#[derive(Serialize)]
struct GoalRow {
    goal: u8,
    name: &'static str,
    scores: Vec<Option<f64>>,
}

fn sdgs_views(sdgs: &[Sdgs], lang: Lang) -> (Vec<SdgsView<'_>>, Vec<GoalRow>) {
    let years = sdgs
        .iter()
        .map(|y| SdgsView {
            year: y.year,
            source: y.source.as_deref(),
            average: y.average,
            goals: y
                .goals
                .iter()
                .map(|g| GoalView {
                    goal: g.goal,
                    name: goal_name(g.goal, lang),
                    score: g.score,
                })
                .collect(),
        })
        .collect();
    let rows = (1..=18u8)
        .map(|n| GoalRow {
            goal: n,
            name: goal_name(n, lang),
            scores: sdgs
                .iter()
                .map(|y| y.goals.iter().find(|g| g.goal == n).map(|g| g.score))
                .collect(),
        })
        .filter(|r| r.scores.iter().any(Option::is_some))
        .collect();
    (years, rows)
}

#[derive(Serialize)]
struct StuntingView<'a> {
    period: &'a str,
    /// "Agustus 2025".
    label: String,
    year: i32,
    month: u32,
    measured: u64,
    stunted: u64,
    prevalence: f64,
    source: Option<&'a str>,
}

fn stunting_views(rows: &[Stunting], lang: Lang) -> Vec<StuntingView<'_>> {
    rows.iter()
        .map(|s| StuntingView {
            period: &s.period,
            label: format::month_year(s.year, s.month, lang),
            year: s.year,
            month: s.month,
            measured: s.measured,
            stunted: s.stunted,
            prevalence: s.prevalence,
            source: s.source.as_deref(),
        })
        .collect()
}

/// The sources given, each once, in order: printed under a table
/// instead of a column that would make a phone's table tall.
fn sources<'a>(given: impl Iterator<Item = Option<&'a str>>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for s in given.flatten() {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

impl Kind for Pembangunan {
    fn pages(&self, m: &Model) -> Vec<Key> {
        one_page(m.profile.has_development())
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "pembangunan/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let lang = m.config.language;
        let (sdgs, goals) = sdgs_views(&m.profile.indices.sdgs, lang);
        let (idm, health) = (&m.profile.indices.idm, &m.profile.health);
        to.json("idm", &idm_views(idm, lang));
        to.value(
            "idm_sources",
            &sources(idm.iter().map(|i| i.source.as_deref())),
        );
        to.value(
            "stunting_sources",
            &sources(health.stunting.iter().map(|s| s.source.as_deref())),
        );
        to.json("sdgs", &sdgs);
        to.json("sdgs_goals", &goals);
        to.json(
            "stunting",
            &stunting_views(&m.profile.health.stunting, lang),
        );
        Body::Template("pembangunan.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        trail(m, "Pembangunan", "Development", "pembangunan/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::profile::IdmStatus;

    fn idm(year: i32, score: f64) -> Idm {
        Idm {
            year,
            score,
            status: IdmStatus::for_score(score),
            source: None,
        }
    }

    #[test]
    fn idm_change_is_only_against_the_year_before() {
        let rows = [idm(2022, 0.6), idm(2023, 0.65), idm(2025, 0.72)];
        let v = idm_views(&rows, Lang::En);
        assert_eq!(v[0].change, None);
        assert!((v[1].change.unwrap() - 0.05).abs() < 1e-9);
        assert_eq!(v[2].change, None, "2024 is missing");
        assert_eq!((v[2].status, v[2].status_label), ("Maju", "Advanced"));
    }

    #[test]
    fn sdgs_rows_hold_each_year_and_skip_goals_never_given() {
        use crate::load::profile::SdgsGoal;
        let year = |year, goals: &[(u8, f64)]| Sdgs {
            year,
            source: None,
            goals: goals
                .iter()
                .map(|&(goal, score)| SdgsGoal { goal, score })
                .collect(),
            average: None,
        };
        let sdgs = [
            year(2024, &[(1, 50.0)]),
            year(2025, &[(1, 55.0), (18, 70.0)]),
        ];
        let (years, rows) = sdgs_views(&sdgs, Lang::Id);
        assert_eq!(
            years[1].goals[1].name,
            "Kelembagaan Desa Dinamis dan Budaya Desa Adaptif"
        );
        let cells: Vec<(u8, Vec<Option<f64>>)> =
            rows.into_iter().map(|r| (r.goal, r.scores)).collect();
        assert_eq!(
            cells,
            [
                (1, vec![Some(50.0), Some(55.0)]),
                (18, vec![None, Some(70.0)])
            ]
        );
    }
}
