//! The village data pages: `/statistik/`, `/transparansi/`,
//! `/pembangunan/`, `/lembaga/` and `/wilayah/`. Each is built only when
//! `profile.toml` has something for it (figures, an APBDes, development
//! data, institutions, hamlets), so a site never shows an empty page or a
//! link to one.
//!
//! Sums, shares and the APBDes balance are worked out here in Rust, with
//! checked arithmetic, rather than in templates: a village's numbers may
//! be anything a person typed, and none of them may stop the build. The
//! charts themselves are drawn by the Tera functions of [`super::charts`].

use std::borrow::Cow;

use crate::load::profile::{Budget, Money, StatRow};
use crate::model::Model;
use crate::render::kind::Key;
use crate::render::structured::{crumbs, words};
use serde::Serialize;

pub mod dokumen;
pub mod lembaga;
pub mod pembangunan;
pub mod statistik;
pub mod transparansi;
pub mod wilayah;

/// The one page of a village data kind, when the profile has something
/// for it.
fn one_page(has: bool) -> Vec<Key> {
    if has {
        vec![Key::default()]
    } else {
        Vec::new()
    }
}

/// The breadcrumbs of a village data page named `id` (`en` in English).
fn trail(m: &Model, id: &str, en: &str, path: &str) -> Option<Vec<serde_json::Value>> {
    Some(vec![crumbs(m, vec![(words(m, id, en), path.to_string())])])
}

#[derive(Serialize, Debug)]
pub struct TableView<'a> {
    pub key: &'a str,
    pub title: Cow<'a, str>,
    /// An id for the table's section: `tabel-1`, `tabel-2`, ….
    pub anchor: String,
    /// `pyramid`, `pairs` or `bars`: see [`super::charts::chart_kind`].
    pub chart: &'static str,
    /// Whether any row has a male or female figure (the table shows L/P columns).
    pub gender: bool,
    pub rows: Vec<RowView<'a>>,
    /// Sums of the columns; `male`/`female` only where some row gives one.
    pub sum: Sums,
}

#[derive(Serialize, Debug)]
pub struct RowView<'a> {
    pub label: Cow<'a, str>,
    pub male: Option<u64>,
    pub female: Option<u64>,
    pub total: u64,
    /// Share of the table's total, in per cent; none for a zero total.
    pub percent: Option<f64>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct Sums {
    pub male: Option<u64>,
    pub female: Option<u64>,
    pub total: u64,
}

/// `s` without control characters (a `\u0001` typed into profile.toml),
/// which HTML and XML do not allow in text.
fn printable(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// A statistics table with its sums and shares. Sums saturate rather
/// than overflow: a typo of many digits makes a wrong total, not a crash.
pub fn table_view<'a>(
    index: usize,
    key: &'a str,
    title: &'a str,
    rows: &'a [StatRow],
) -> TableView<'a> {
    let add = |f: fn(&StatRow) -> Option<u64>| {
        rows.iter().filter_map(f).fold(None, |acc: Option<u64>, v| {
            Some(acc.unwrap_or(0).saturating_add(v))
        })
    };
    let sum = Sums {
        male: add(|r| r.male),
        female: add(|r| r.female),
        total: rows.iter().fold(0u64, |acc, r| acc.saturating_add(r.total)),
    };
    let kind = super::charts::chart_kind(rows.iter().map(|r| (r.label.as_str(), r.male, r.female)));
    TableView {
        key,
        title: printable(title),
        anchor: format!("tabel-{}", index + 1),
        chart: kind.name(),
        gender: sum.male.is_some() || sum.female.is_some(),
        rows: rows
            .iter()
            .map(|r| RowView {
                label: printable(&r.label),
                male: r.male,
                female: r.female,
                total: r.total,
                percent: (sum.total > 0).then(|| r.total as f64 / sum.total as f64 * 100.0),
            })
            .collect(),
        sum,
    }
}

#[derive(Serialize, Debug)]
pub struct YearView<'a> {
    pub year: i32,
    pub source: Option<&'a str>,
    /// The year as written in profile.toml, for `budget_chart(budget=…)`.
    pub budget: &'a Budget,
    /// `income`, `spending`, `financing_in`, `financing_out`, as given.
    pub parts: Vec<PartView>,
    /// Income − spending.
    pub surplus: Pair,
    /// Financing received − financing spent.
    pub net_financing: Pair,
    /// Surplus + net financing (SILPA).
    pub silpa: Pair,
}

#[derive(Serialize, Debug, Clone, Copy, PartialEq)]
pub struct PartView {
    pub key: &'static str,
    pub planned: Option<i64>,
    pub realized: Option<i64>,
    /// Realised as a share of planned, in per cent; none when nothing was planned.
    pub percent: Option<f64>,
}

/// Planned and realised amounts; none where a figure is missing or the
/// sum does not fit.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Default)]
pub struct Pair {
    pub planned: Option<i64>,
    pub realized: Option<i64>,
}

fn part(key: &'static str, m: &Option<Money>) -> Option<PartView> {
    let m = m.as_ref()?;
    if m.planned.is_none() && m.realized.is_none() {
        return None;
    }
    let percent = match (m.planned, m.realized) {
        (Some(p), Some(r)) if p > 0 => Some(r as f64 / p as f64 * 100.0),
        _ => None,
    };
    Some(PartView {
        key,
        planned: m.planned,
        realized: m.realized,
        percent,
    })
}

/// `a - b` (or `a + b`) of each column, where both are known.
fn combine(a: Pair, b: Pair, op: fn(i64, i64) -> Option<i64>) -> Pair {
    let f = |x: Option<i64>, y: Option<i64>| op(x?, y?);
    Pair {
        planned: f(a.planned, b.planned),
        realized: f(a.realized, b.realized),
    }
}

fn pair(m: &Option<Money>) -> Pair {
    m.as_ref().map_or_else(Pair::default, |m| Pair {
        planned: m.planned,
        realized: m.realized,
    })
}

pub fn year_view(b: &Budget) -> YearView<'_> {
    let parts = [
        part("income", &b.income),
        part("spending", &b.spending),
        part("financing_in", &b.financing_in),
        part("financing_out", &b.financing_out),
    ];
    let surplus = combine(pair(&b.income), pair(&b.spending), i64::checked_sub);
    // A year without any financing has a net financing of zero; a missing
    // side of a year with financing counts as zero too.
    let zero = Pair {
        planned: Some(0),
        realized: Some(0),
    };
    let side = |m: &Option<Money>| {
        let p = pair(m);
        Pair {
            planned: p.planned.or(Some(0)),
            realized: p.realized.or(Some(0)),
        }
    };
    let net_financing = if b.financing_in.is_none() && b.financing_out.is_none() {
        zero
    } else {
        combine(
            side(&b.financing_in),
            side(&b.financing_out),
            i64::checked_sub,
        )
    };
    YearView {
        year: b.year,
        source: b.source.as_deref().filter(|s| !s.trim().is_empty()),
        budget: b,
        parts: parts.into_iter().flatten().collect(),
        silpa: combine(surplus, net_financing, i64::checked_add),
        surplus,
        net_financing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, male: Option<u64>, female: Option<u64>, count: Option<u64>) -> StatRow {
        StatRow {
            label: label.into(),
            male,
            female,
            count,
            total: count.unwrap_or_else(|| male.unwrap_or(0).saturating_add(female.unwrap_or(0))),
        }
    }

    #[test]
    fn table_sums_and_shares() {
        let rows = vec![
            row("0–4", Some(10), Some(20), None),
            row("5–9", Some(30), Some(40), None),
        ];
        let t = table_view(0, "umur", "Umur", &rows);
        assert_eq!(
            (t.chart, t.gender, t.anchor.as_str()),
            ("pyramid", true, "tabel-1")
        );
        assert_eq!(
            t.sum,
            Sums {
                male: Some(40),
                female: Some(60),
                total: 100
            }
        );
        assert_eq!(t.rows[1].percent, Some(70.0));
        let counts = vec![row("Petani", None, None, Some(0))];
        let t = table_view(1, "kerja", "Kerja", &counts);
        assert_eq!(
            (t.chart, t.gender, t.rows[0].percent),
            ("bars", false, None)
        );
        let huge = vec![
            row("a", Some(u64::MAX), None, None),
            row("b", Some(u64::MAX), None, None),
        ];
        let t = table_view(2, "x", "x", &huge);
        assert_eq!((t.sum.male, t.sum.total), (Some(u64::MAX), u64::MAX));
        assert!(table_view(3, "k", "k", &[]).rows.is_empty());
    }

    fn money(planned: Option<i64>, realized: Option<i64>) -> Option<Money> {
        Some(Money { planned, realized })
    }

    #[test]
    fn budget_balance() {
        let b = Budget {
            year: 2025,
            source: Some("Perdes 6/2024".into()),
            income: money(Some(2_147_350_000), Some(2_139_800_000)),
            spending: money(Some(2_197_350_000), Some(2_101_420_000)),
            financing_in: money(Some(50_000_000), Some(50_000_000)),
            financing_out: None,
        };
        let y = year_view(&b);
        assert_eq!(y.parts.len(), 3);
        assert_eq!(y.surplus.planned, Some(-50_000_000));
        assert_eq!(y.net_financing.realized, Some(50_000_000));
        assert_eq!(
            y.silpa,
            Pair {
                planned: Some(0),
                realized: Some(88_380_000)
            }
        );
        let pct = y.parts[0].percent.unwrap();
        assert!((pct - 99.648).abs() < 0.01, "{pct}");

        let odd = Budget {
            year: 2026,
            source: Some("  ".into()),
            income: money(Some(0), Some(i64::MAX)),
            spending: money(None, Some(i64::MIN)),
            financing_in: money(None, None),
            financing_out: None,
        };
        let y = year_view(&odd);
        assert_eq!(y.source, None);
        assert_eq!(y.parts.len(), 2, "a part with no figure is left out");
        assert_eq!(y.parts[0].percent, None, "nothing planned: no share");
        assert_eq!(y.surplus, Pair::default(), "overflow and gaps give none");
        assert_eq!(y.net_financing.planned, Some(0));
    }
}
