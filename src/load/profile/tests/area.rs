//! The area code and what depends on it: errors and warnings on the code,
//! `village.kind` against the code, kelurahan and kota terms, time zone.

use super::{load, problems, variant};
use crate::format::Zone;
use crate::load::profile::VillageKind;

#[test]
fn malformed_area_codes_are_errors_at_the_value() {
    for code in [
        "35.07.12",
        "35-07-12-2003",
        "3507.12.2003",
        "35.07.12.4003",
        "05.07.12.2003",
        "Malang",
    ] {
        let text = variant("\"35.07.12.2003\"", &format!("\"{code}\""), "");
        let (profile, diags) = load(&text);
        let found = problems(&diags);
        assert_eq!(found.len(), 1, "{code}: {found:#?}");
        let (error, position, rendered) = &found[0];
        assert!(error, "{code}");
        assert_eq!(position, "profile.toml:4:13", "{code}");
        assert!(
            rendered.contains(code) && rendered.contains("35.07.12.2003"),
            "{rendered}"
        );
        assert!(profile.is_some());
    }
}

#[test]
fn area_code_warnings_and_province() {
    for (code, error, needle) in [
        ("3507122003", false, "`area_code = \"35.07.12.2003\"`"),
        ("35.07.123.2003", false, "more than 2 digits"),
        ("37.07.12.2003", true, "province code `37`"),
        ("20.07.12.2003", true, "91–96"),
    ] {
        let (_, diags) = load(&variant("\"35.07.12.2003\"", &format!("\"{code}\""), ""));
        let found = problems(&diags);
        assert_eq!(found.len(), 1, "{code}: {found:#?}");
        assert_eq!(
            (found[0].0, found[0].1.as_str()),
            (error, "profile.toml:4:13"),
            "{code}"
        );
        assert!(found[0].2.contains(needle), "{}", found[0].2);
    }
}

#[test]
fn kind_must_agree_with_the_code() {
    for (kind, code, problem) in [
        ("desa", "35.07.12.2003", None),
        ("kelurahan", "35.07.12.1003", None),
        ("desa_adat", "51.03.05.3001", None),
        (
            "desa",
            "35.07.12.1003",
            Some("kind `desa` does not match the area code `35.07.12.1003`"),
        ),
        ("kelurahan", "35.07.12.2003", Some("which means desa")),
        ("desa_adat", "35.07.12.2003", Some("kind `desa_adat`")),
        (
            "dusun",
            "35.07.12.2003",
            Some("Unknown value `dusun` for `village.kind`"),
        ),
    ] {
        let text = variant(
            "kind = \"desa\"\narea_code = \"35.07.12.2003\"",
            &format!("kind = \"{kind}\"\narea_code = \"{code}\""),
            "",
        );
        let (_, diags) = load(&text);
        let found = problems(&diags);
        match problem {
            None => assert!(found.is_empty(), "{kind} {code}: {found:#?}"),
            Some(needle) => {
                assert_eq!(found.len(), 1, "{kind} {code}: {found:#?}");
                assert_eq!(
                    (found[0].0, found[0].1.as_str()),
                    (true, "profile.toml:3:8")
                );
                assert!(found[0].2.contains(needle), "{}", found[0].2);
            }
        }
    }
}

#[test]
fn kelurahan_and_kota_terms() {
    let text = variant(
        "kind = \"desa\"\narea_code = \"35.07.12.2003\"",
        "kind = \"kelurahan\"\narea_code = \"33.73.04.1001\"",
        "\n[[budget]]\nyear = 2025\n",
    );
    let (profile, diags) = load(&text);
    assert!(diags.is_empty(), "{diags}");
    let p = profile.unwrap();
    assert_eq!(p.village.kind, VillageKind::Kelurahan);
    assert_eq!(
        (p.terms.village_head.as_str(), p.terms.hamlet.as_str()),
        ("Lurah", "Lingkungan")
    );
    assert_eq!(
        (
            p.village.display_name.as_str(),
            p.region.regency_display.as_str()
        ),
        ("Kelurahan Sukamaju", "Kota Malang")
    );
    assert!(!p.has_budget, "a kelurahan has no APBDes");
}

#[test]
fn zone_from_timezone_or_province() {
    for (code, timezone, want, errors) in [
        ("35.07.12.2003", "", Zone::WIB, 0),
        ("51.03.05.2001", "", Zone::WITA, 0),
        ("61.01.01.2001", "", Zone::WIB, 0),
        ("94.01.01.2001", "", Zone::WIT, 0),
        (
            "35.07.12.2003",
            "timezone = \"Asia/Makassar\"\n",
            Zone::WITA,
            0,
        ),
        (
            "35.07.12.2003",
            "timezone = \"Asia/Bangkok\"\n",
            Zone::WIB,
            1,
        ),
    ] {
        let text = variant("\"35.07.12.2003\"", &format!("\"{code}\""), timezone);
        let (profile, diags) = load(&text);
        assert_eq!(diags.errors().count(), errors, "{code} {timezone}: {diags}");
        assert_eq!(profile.unwrap().zone(), want, "{code} {timezone}");
    }
}
