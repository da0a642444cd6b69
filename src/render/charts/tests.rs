//! Tests of the chart geometry and markup.

use super::functions::{MoneyArg, RowArg, budget_chart, stat_chart};
use super::*;
use crate::format;

/// Every shape inside the box, no negative size, and no two texts
/// (nor a text and a bar) on top of each other.
fn assert_tidy(d: &Drawing) {
    let eps = 0.01;
    for s in &d.shapes {
        let (x0, y0, x1, y1) = s.bounds();
        assert!(x1 >= x0 && y1 >= y0, "negative size: {s:?}");
        if let Shape::Rect { w, h, .. } = s {
            assert!(*w >= 0.0 && *h >= 0.0, "{s:?}");
        }
        assert!(
            x0 >= -eps && x1 <= W + eps && y0 >= -eps && y1 <= d.height + eps,
            "outside the box ({} high): {s:?}",
            d.height
        );
    }
    for (i, a) in d.shapes.iter().enumerate() {
        for b in &d.shapes[i + 1..] {
            if matches!((a, b), (Shape::Rect { .. }, Shape::Rect { .. })) {
                continue;
            }
            let (a0, a1) = (a.bounds(), b.bounds());
            let apart = a0.2 <= a1.0 + eps
                || a1.2 <= a0.0 + eps
                || a0.3 <= a1.1 + eps
                || a1.3 <= a0.1 + eps;
            assert!(apart, "overlap:\n{a:?}\n{b:?}");
        }
    }
}

fn group(label: &str, values: &[i128]) -> Group {
    Group {
        label: label.into(),
        bars: values
            .iter()
            .map(|&v| Bar {
                value: Some(v),
                text: format::integer(v, Lang::Id),
                style: Style::Solid,
            })
            .collect(),
    }
}

#[test]
fn scale_is_never_negative_and_zero_max_draws_nothing() {
    assert_eq!(scale(5, 0, 300.0), 0.0);
    assert_eq!(scale(0, 0, 300.0), 0.0);
    assert_eq!(scale(-5, 10, 300.0), 0.0);
    assert_eq!(scale(10, 10, 300.0), 300.0);
    assert_eq!(scale(5, 10, 300.0), 150.0);
    assert_eq!(scale(1, 1_000_000, 300.0), 1.0, "a small value still shows");
    assert_eq!(scale(5, 10, -3.0), 0.0);
    assert_eq!(scale(i128::MAX, i128::MAX, 300.0), 300.0);
}

#[test]
fn bars_all_zero_and_negative() {
    let d = bars_layout(&[group("Nol", &[0]), group("Minus", &[-50])], &[], false);
    assert!(d.shapes.iter().all(|s| !matches!(s, Shape::Rect { .. })));
    assert_tidy(&d);
    let d = bars_layout(&[group("A", &[-50, 20]), group("B", &[0, 40])], &[], true);
    assert_tidy(&d);
}

#[test]
fn long_labels_wrap_and_huge_values_fit() {
    let long = "Akademi/Diploma III/Sarjana Muda dan pendidikan lain yang sederajat menurut data kependudukan desa";
    let d = bars_layout(
        &[
            group(long, &[38]),
            group(&"x".repeat(300), &[1]),
            group("Strata III", &[0]),
            group("Petani", &[i64::MAX as i128]),
        ],
        &[
            (
                "Anggaran tahun berjalan yang sangat panjang",
                Style::Outline,
            ),
            ("Realisasi", Style::Solid),
        ],
        false,
    );
    assert_tidy(&d);
    let lines = wrap(long, LABEL, false, W);
    assert!(lines.len() > 1 && lines.len() <= MAX_LINES, "{lines:?}");
    let cut = wrap(&"kata ".repeat(200), LABEL, false, W);
    assert_eq!(cut.len(), MAX_LINES);
    assert!(cut[MAX_LINES - 1].ends_with('…'));
    assert_eq!(wrap("", LABEL, false, W), vec![String::new()]);
    // A width too small for one character still makes progress.
    assert_eq!(wrap("abc", LABEL, false, 1.0).len(), 3);
}

#[test]
fn pyramid_geometry() {
    let rows: Vec<PyramidRow> = [
        ("0–4 tahun", 118, 112),
        ("75 tahun ke atas dan seterusnya sampai tua sekali", 41, 42),
        ("Nol", 0, 0),
        ("Besar", u64::MAX, u64::MAX / 3),
    ]
    .iter()
    .map(|&(l, m, f)| PyramidRow {
        label: l.into(),
        male: m,
        female: f,
    })
    .collect();
    assert_tidy(&pyramid_layout(&rows, "Laki-laki", "Perempuan", Lang::Id));
    assert_tidy(&pyramid_layout(&rows[..1], "Male", "Female", Lang::En));
    let zero = [PyramidRow {
        label: "Kosong".into(),
        male: 0,
        female: 0,
    }];
    assert_tidy(&pyramid_layout(
        &zero,
        &"L".repeat(400),
        &"P".repeat(400),
        Lang::Id,
    ));
    let empty = pyramid_layout(&[], "L", "P", Lang::Id);
    assert_tidy(&empty);
}

#[test]
fn markup_escapes_text_and_names_itself() {
    let rows = vec![RowArg {
        label: "<b>\"A&B\"</b>\u{1}".into(),
        male: None,
        female: None,
        total: 3,
    }];
    let s = stat_chart(&rows, "9 x", "Judul <&>", "L", "P", Lang::Id);
    assert!(s.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(
        s.contains("<title id=\"grafik-9-x-t\">Judul &lt;&amp;&gt;</title>"),
        "{s}"
    );
    assert!(s.contains("aria-labelledby=\"grafik-9-x-t\""));
    assert!(
        s.contains("&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;</text>"),
        "{s}"
    );
    assert!(!s.contains('\u{1}'));
    assert!(!s.contains("<script"));
    assert_eq!(stat_chart(&[], "a", "b", "L", "P", Lang::Id), "");
}

#[test]
fn pyramid_stands_on_the_youngest() {
    assert!(youngest_first(
        ["0–4 tahun", "5–9", "75 tahun ke atas"].into_iter()
    ));
    assert!(!youngest_first(["75+", "0–4"].into_iter()));
    assert!(!youngest_first(["Balita", "Lansia"].into_iter()));
    assert!(!youngest_first(std::iter::empty()));
    assert!(!youngest_first(
        ["99999999999999999999999 tahun", "1"].into_iter()
    ));
}

#[test]
fn kind_of_chart() {
    let kind = |rows: &[(&'static str, Option<u64>, Option<u64>)]| chart_kind(rows.iter().copied());
    assert_eq!(
        kind(&[("0–4 tahun", Some(1), Some(2)), ("75+", Some(0), Some(0))]),
        Kind::Pyramid
    );
    assert_eq!(
        kind(&[("Islam", Some(1), Some(2)), ("Kristen", Some(0), Some(0))]),
        Kind::Pairs
    );
    assert_eq!(
        kind(&[("0–4", Some(1), Some(2)), ("5–9", None, Some(0))]),
        Kind::Bars
    );
    assert_eq!(kind(&[("Petani", None, None)]), Kind::Bars);
    assert_eq!(kind(&[]), Kind::Bars);
    assert_eq!(Kind::Pairs.name(), "pairs");
}

#[test]
fn budget_bars_in_rupiah() {
    let parts = [
        (
            "Pendapatan",
            MoneyArg {
                planned: Some(2_147_350_000),
                realized: Some(2_139_800_000),
            },
        ),
        (
            "Pengeluaran pembiayaan",
            MoneyArg {
                planned: Some(0),
                realized: None,
            },
        ),
    ];
    let s = budget_chart(
        &parts,
        "apbdes-2025",
        "APBDes 2025",
        "Anggaran",
        "Realisasi",
    );
    assert!(s.contains(">Rp2.147.350.000</text>"), "{s}");
    assert!(s.contains("Pendapatan: Anggaran Rp2.147.350.000, Realisasi Rp2.139.800.000; "));
    assert!(s.contains(">–</text>"));
    assert_eq!(budget_chart(&[], "a", "b", "c", "d"), "");
}
