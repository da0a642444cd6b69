//! The Tera functions `stat_chart` and `budget_chart`: their arguments
//! read from the template, the kind of chart chosen, and the description
//! in words that goes with each drawing.

use serde::Deserialize;
use tera::{Kwargs, State, Tera};

use super::layout::{bars_layout, pyramid_layout};
use super::svg::svg;
use super::{Bar, Group, PyramidRow, Style};
use crate::diag::Lang;
use crate::format;

/// The parts of a statistics table a chart needs (`profile.statistics.tables[]`).
#[derive(Deserialize)]
struct TableArg {
    #[serde(default)]
    rows: Vec<RowArg>,
}

#[derive(Deserialize)]
pub(super) struct RowArg {
    #[serde(default)]
    pub(super) label: String,
    pub(super) male: Option<u64>,
    pub(super) female: Option<u64>,
    #[serde(default)]
    pub(super) total: u64,
}

/// One year of `profile.budget`.
#[derive(Deserialize)]
struct BudgetArg {
    income: Option<MoneyArg>,
    spending: Option<MoneyArg>,
    financing_in: Option<MoneyArg>,
    financing_out: Option<MoneyArg>,
}

#[derive(Deserialize)]
pub(super) struct MoneyArg {
    pub(super) planned: Option<i64>,
    pub(super) realized: Option<i64>,
}

/// How a statistics table is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Male bars left, female right, by age.
    Pyramid,
    /// A male and a female bar for each row.
    Pairs,
    /// One bar of each row's total.
    Bars,
}

impl Kind {
    /// What templates see as the table's `chart`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pyramid => "pyramid",
            Kind::Pairs => "pairs",
            Kind::Bars => "bars",
        }
    }
}

/// A pyramid when every row has male and female figures and the rows are
/// ages (the first and the last label start with a number: "0–4 tahun" …
/// "75 tahun ke atas"); pairs of bars when every row has both but the rows
/// are something else (religion, schooling); else bars of the totals.
pub fn chart_kind<'a>(
    rows: impl Iterator<Item = (&'a str, Option<u64>, Option<u64>)> + Clone,
) -> Kind {
    let mut all = rows.clone();
    let both = all.clone().next().is_some() && all.all(|(_, m, f)| m.is_some() && f.is_some());
    if !both {
        return Kind::Bars;
    }
    let number = |l: Option<(&str, _, _)>| {
        l.is_some_and(|(l, _, _)| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    };
    let last = rows.clone().last();
    if number(rows.clone().next()) && number(last) {
        Kind::Pyramid
    } else {
        Kind::Pairs
    }
}

/// Words of the charts in the site's language, for kwargs not given.
fn word(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

pub(super) fn arg<T: serde::de::DeserializeOwned>(kw: &Kwargs, name: &str) -> tera::TeraResult<T> {
    let value: tera::Value = kw.must_get(name)?;
    let json = serde_json::to_value(&value).map_err(|e| tera::Error::message(e.to_string()))?;
    serde_json::from_value(json).map_err(|e| tera::Error::message(format!("{name}: {e}")))
}

fn text_arg(kw: &Kwargs, name: &str, default: &str) -> tera::TeraResult<String> {
    Ok(kw
        .get::<String>(name)?
        .unwrap_or_else(|| default.to_string()))
}

struct StatChart(Lang);

impl tera::Function<tera::TeraResult<String>> for StatChart {
    fn call(&self, kw: Kwargs, _: &State) -> tera::TeraResult<String> {
        let lang = self.0;
        let table: TableArg = arg(&kw, "table")?;
        let id: String = kw.must_get("id")?;
        let title: String = kw.must_get("title")?;
        let male = text_arg(&kw, "male", word(lang, "Laki-laki", "Male"))?;
        let female = text_arg(&kw, "female", word(lang, "Perempuan", "Female"))?;
        Ok(stat_chart(&table.rows, &id, &title, &male, &female, lang))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

pub(super) fn stat_chart(
    rows: &[RowArg],
    id: &str,
    title: &str,
    male: &str,
    female: &str,
    lang: Lang,
) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let kind = chart_kind(rows.iter().map(|r| (r.label.as_str(), r.male, r.female)));
    if kind != Kind::Bars {
        return gender_chart(rows, kind, id, title, (male, female), lang);
    }
    let num = |v: u64| format::integer(v.into(), lang);
    let groups: Vec<Group> = rows
        .iter()
        .map(|r| Group {
            label: r.label.clone(),
            bars: vec![Bar {
                value: Some(r.total.into()),
                text: num(r.total),
                style: Style::Solid,
            }],
        })
        .collect();
    let desc = sentence(
        rows.iter()
            .map(|r| format!("{}: {}", r.label, num(r.total))),
    );
    svg(&bars_layout(&groups, &[], false), id, title, &desc)
}

/// A table with male and female figures: a pyramid, or pairs of bars.
fn gender_chart(
    rows: &[RowArg],
    kind: Kind,
    id: &str,
    title: &str,
    (male, female): (&str, &str),
    lang: Lang,
) -> String {
    let num = |v: u64| format::integer(v.into(), lang);
    let desc = sentence(rows.iter().map(|r| {
        format!(
            "{}: {male} {}, {female} {}",
            r.label,
            num(r.male.unwrap_or(0)),
            num(r.female.unwrap_or(0))
        )
    }));
    let mut pairs: Vec<PyramidRow> = rows
        .iter()
        .map(|r| PyramidRow {
            label: r.label.clone(),
            male: r.male.unwrap_or(0),
            female: r.female.unwrap_or(0),
        })
        .collect();
    if kind == Kind::Pairs {
        let bar = |v: u64, style| Bar {
            value: Some(v.into()),
            text: num(v),
            style,
        };
        let groups: Vec<Group> = pairs
            .iter()
            .map(|r| Group {
                label: r.label.clone(),
                bars: vec![bar(r.male, Style::Solid), bar(r.female, Style::Alt)],
            })
            .collect();
        let legend = [(male, Style::Solid), (female, Style::Alt)];
        return svg(&bars_layout(&groups, &legend, false), id, title, &desc);
    }
    // The description follows the table; the drawing stands on its youngest.
    if youngest_first(pairs.iter().map(|r| r.label.as_str())) {
        pairs.reverse();
    }
    let drawing = pyramid_layout(&pairs, male, female, lang);
    svg(&drawing, id, title, &desc)
}

/// Whether rows run from young to old: the first label starts with a
/// smaller number than the last ("0–4 tahun" … "75 tahun ke atas").
pub fn youngest_first<'a>(labels: impl DoubleEndedIterator<Item = &'a str> + Clone) -> bool {
    let lead = |s: Option<&str>| -> Option<u64> {
        let s = s?.trim_start();
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    match (
        lead(labels.clone().next()),
        lead(labels.clone().next_back()),
    ) {
        (Some(first), Some(last)) => first < last,
        _ => false,
    }
}

/// Parts joined by "; ", ending with a full stop.
pub(super) fn sentence(parts: impl Iterator<Item = String>) -> String {
    let mut s = parts.collect::<Vec<_>>().join("; ");
    s.push('.');
    s
}

struct BudgetChart(Lang);

impl tera::Function<tera::TeraResult<String>> for BudgetChart {
    fn call(&self, kw: Kwargs, _: &State) -> tera::TeraResult<String> {
        let lang = self.0;
        let budget: BudgetArg = arg(&kw, "budget")?;
        let id: String = kw.must_get("id")?;
        let title: String = kw.must_get("title")?;
        let planned = text_arg(&kw, "planned", word(lang, "Anggaran", "Planned"))?;
        let realized = text_arg(&kw, "realized", word(lang, "Realisasi", "Realised"))?;
        let names = [
            text_arg(&kw, "income", word(lang, "Pendapatan", "Income"))?,
            text_arg(&kw, "spending", word(lang, "Belanja", "Spending"))?,
            text_arg(
                &kw,
                "financing_in",
                word(lang, "Penerimaan pembiayaan", "Financing received"),
            )?,
            text_arg(
                &kw,
                "financing_out",
                word(lang, "Pengeluaran pembiayaan", "Financing spent"),
            )?,
        ];
        let parts = [
            budget.income,
            budget.spending,
            budget.financing_in,
            budget.financing_out,
        ];
        let parts: Vec<(&str, MoneyArg)> = names
            .iter()
            .map(String::as_str)
            .zip(parts)
            .filter_map(|(name, m)| m.map(|m| (name, m)))
            .filter(|(_, m)| m.planned.is_some() || m.realized.is_some())
            .collect();
        Ok(budget_chart(&parts, &id, &title, &planned, &realized))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

pub(super) fn budget_chart(
    parts: &[(&str, MoneyArg)],
    id: &str,
    title: &str,
    planned: &str,
    realized: &str,
) -> String {
    if parts.is_empty() {
        return String::new();
    }
    let money = |v: Option<i64>| v.map_or_else(|| "–".to_string(), format::rupiah);
    let groups: Vec<Group> = parts
        .iter()
        .map(|(name, m)| Group {
            label: name.to_string(),
            bars: vec![
                Bar {
                    value: m.planned.map(i128::from),
                    text: money(m.planned),
                    style: Style::Outline,
                },
                Bar {
                    value: m.realized.map(i128::from),
                    text: money(m.realized),
                    style: Style::Solid,
                },
            ],
        })
        .collect();
    let desc = sentence(parts.iter().map(|(name, m)| {
        format!(
            "{name}: {planned} {}, {realized} {}",
            money(m.planned),
            money(m.realized)
        )
    }));
    let legend = [(planned, Style::Outline), (realized, Style::Solid)];
    svg(&bars_layout(&groups, &legend, true), id, title, &desc)
}

/// Registers `stat_chart` and `budget_chart`.
pub fn register(tera: &mut Tera, lang: Lang) {
    tera.register_function("stat_chart", StatChart(lang));
    tera.register_function("budget_chart", BudgetChart(lang));
}
