//! Tests of `profile.toml` loading as a whole, on small files written to a
//! temporary folder: the shipped profiles, the derived fields, missing
//! files, TOML errors. Rules about particular values are tested in
//! `area` and `values`; pure helpers next to their code.
//!
//! Every test loads real TOML text, so each expected position
//! (`profile.toml:line:col`) is what a user would see.

mod area;
mod catalog;
mod development;
mod values;

use std::path::Path;

use super::{Profile, load_profile};
use crate::diag::{Diagnostics, Lang};
use crate::format::Zone;

/// The smallest valid profile; tests replace a line or append tables.
pub(super) const MINIMAL: &str = r#"[village]
name = "Sukamaju"
kind = "desa"
area_code = "35.07.12.2003"

[region]
province = "Jawa Timur"
regency = "Malang"
district = "Contoh"
"#;

pub(super) fn load(text: &str) -> (Option<Profile>, Diagnostics) {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(dir.path().join("profile.toml"), text).unwrap();
    load_profile(dir.path())
}

/// MINIMAL with one line replaced and `extra` appended.
pub(super) fn variant(from: &str, to: &str, extra: &str) -> String {
    assert!(MINIMAL.contains(from), "{from}");
    format!("{}{extra}", MINIMAL.replacen(from, to, 1))
}

/// `(is_error, "profile.toml:line:col", rendered text)` of each problem.
pub(super) fn problems(d: &Diagnostics) -> Vec<(bool, String, String)> {
    d.items
        .iter()
        .map(|d| {
            (
                d.is_error(),
                d.position().unwrap_or_default(),
                d.render(Lang::En),
            )
        })
        .collect()
}

#[test]
fn shipped_profiles_load_without_errors() {
    // (file, warnings it is known to have); absent files are skipped
    // with a note, since shared/ sits outside the repository.
    for (file, warnings) in [
        ("scaffold/profile.toml", 0),
        ("content-example/profile.toml", 0),
        ("../shared/design/profile.example.toml", 1),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("ignored: {} is absent", path.display());
            continue;
        };
        let (profile, diags) = load(&text);
        let found = problems(&diags);
        assert!(
            profile.is_some() && !diags.has_errors(),
            "{file}: {found:#?}"
        );
        assert_eq!(found.len(), warnings, "{file}: {found:#?}");
    }
}

#[test]
fn shared_example_gives_the_derived_fields() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/design/profile.example.toml"
    ));
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("ignored: {} is absent", path.display());
        return;
    };
    let (profile, diags) = load(&text);
    // Its age table lists two bands only, so the sums cannot match the
    // totals: the one warning is the rule working.
    let found = problems(&diags);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].2.contains("table `rentang-umur` (208/199)"),
        "{}",
        found[0].2
    );
    assert_eq!(found[0].1, "profile.toml:207:1");
    let p = profile.unwrap();
    assert_eq!(p.village.display_name, "Desa Sukamaju");
    assert_eq!(p.region.regency_display, "Kabupaten Malang");
    assert_eq!(p.zone(), Zone::WIB);
    assert_eq!(p.officials[0].full_name, "H. Ahmad Sholeh, S.Pd.");
    assert_eq!(p.officials[0].initials, "AS");
    assert!(p.has_budget);
    derived_fields_in_json(&p);
}

/// What templates read of the shared example: codes, terms, phone
/// numbers, dates, sums, and a contact kept private.
fn derived_fields_in_json(p: &super::Profile) {
    let json = serde_json::to_value(p).unwrap();
    for (pointer, want) in [
        ("/village/area_code", "35.07.12.2003"),
        ("/village/regency_code", "35.07"),
        ("/village/district_code", "35.07.12"),
        ("/terms/village_head", "Kepala Desa"),
        ("/zone/label", "WIB"),
        ("/officials/0/term_start", "2021-03-15"),
        ("/kim/founded", "2019-08-17"),
        ("/kim/whatsapp_e164", "6281234567890"),
        ("/contact/phone_e164", "62341123456"),
        ("/contact/phone_display", "(0341) 123456"),
        ("/contact/office_hours/1/close", "11:00"),
        ("/statistics/as_of", "2025-06-30"),
        ("/tourism/0/contact_whatsapp_display", "0812-3456-7892"),
    ] {
        assert_eq!(
            json.pointer(pointer).and_then(|v| v.as_str()),
            Some(want),
            "{pointer}"
        );
    }
    // Siti Aminah has show_contact = false: her number is not published.
    assert_eq!(
        json.pointer("/kim/members/0/whatsapp"),
        Some(&serde_json::Value::Null)
    );
    assert_eq!(
        json.pointer("/statistics/tables/0/rows/0/total")
            .and_then(|v| v.as_u64()),
        Some(193)
    );
    assert_eq!(
        json.pointer("/budget/0/income/planned")
            .and_then(|v| v.as_i64()),
        Some(1_850_000_000)
    );
}

#[test]
fn minimal_profile_fills_defaults() {
    let (profile, diags) = load(MINIMAL);
    assert!(diags.is_empty(), "{diags}");
    let p = profile.unwrap();
    assert!(p.products.is_empty() && p.kim.is_none() && p.statistics.is_none() && !p.has_budget);
    assert_eq!(p.terms.hamlet, "Dusun");
    assert_eq!(p.region.district_display, "Kecamatan Contoh");
}

#[test]
fn missing_file_says_how_to_get_one() {
    let dir = tempfile::TempDir::new().unwrap();
    let (profile, diags) = load_profile(dir.path());
    assert!(profile.is_none());
    let found = problems(&diags);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "profile.toml");
    assert!(found[0].2.contains("warta init"), "{}", found[0].2);
    assert!(
        diags.items[0]
            .hint
            .as_ref()
            .unwrap()
            .id
            .contains("warta init")
    );
}

#[test]
fn toml_errors_name_file_line_and_key() {
    for (text, position, needles) in [
        (
            variant("name = ", "nama = ", ""),
            "profile.toml:2:1",
            vec!["Unknown key `nama`", "Replace `nama` with `name`"],
        ),
        (
            format!("{MINIMAL}\n[kim]\nname = \"KIM\"\nwebsite = \"x\"\n"),
            "profile.toml:13:1",
            vec!["Unknown key `website`"],
        ),
        (
            variant("district = \"Contoh\"\n", "district = \"Contoh\n", ""),
            "profile.toml:9:",
            vec!["Invalid TOML in profile.toml"],
        ),
        (
            variant("name = \"Sukamaju\"\n", "", ""),
            "profile.toml:1:",
            vec!["`name` is missing"],
        ),
        (
            format!("{MINIMAL}\n[statistics]\nas_of = \"2025-06-30\"\n"),
            "profile.toml:12:9",
            vec!["Remove the quotes: `as_of = 2025-06-30`"],
        ),
    ] {
        let (profile, diags) = load(&text);
        assert!(profile.is_none());
        let found = problems(&diags);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].1.starts_with(position),
            "{} vs {position}: {}",
            found[0].1,
            found[0].2
        );
        for needle in needles {
            assert!(found[0].2.contains(needle), "{needle}: {}", found[0].2);
        }
    }
}

#[test]
fn schema_version_must_be_one() {
    let (_, diags) = load(&format!("schema_version = 2\n{MINIMAL}"));
    let found = problems(&diags);
    assert_eq!(
        (found.len(), found[0].1.as_str()),
        (1, "profile.toml:1:18"),
        "{found:#?}"
    );
}
