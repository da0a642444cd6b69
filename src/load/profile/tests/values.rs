//! Rules on single values and on statistics: each broken rule is one
//! problem at the position of the value that breaks it.

use super::{MINIMAL, load, problems, variant};

/// Each case appends to MINIMAL (which ends on line 9) and expects one
/// problem at the given position.
// Long because: one table, one row per rule; split, the rules would
// scatter over many tests that all read the same way.
#[test]
fn value_rules() {
    for (extra, error, position, needle) in [
        (
            "\n[location]\nlatitude = 8.2\n",
            true,
            "profile.toml:12:12",
            "latitude 8.2 lies outside Indonesia",
        ),
        (
            "\n[location]\nlongitude = 150\n",
            true,
            "profile.toml:12:13",
            "longitude 150",
        ),
        (
            "\n[[products]]\nname = \"Kopi\"\nlatitude = -20.5\n",
            true,
            "profile.toml:13:12",
            "latitude -20.5",
        ),
        (
            "\n[[tourism]]\nname = \"Coban\"\nlongitude = 90\n",
            true,
            "profile.toml:13:13",
            "longitude 90",
        ),
        (
            "\n[contact]\nphone = \"0341-ABC\"\n",
            true,
            "profile.toml:12:9",
            "`contact.phone` contains letters",
        ),
        (
            "\n[kim]\nname = \"KIM\"\nwhatsapp = \"+1 555 123 4567\"\n",
            true,
            "profile.toml:13:12",
            "not an Indonesian number",
        ),
        (
            "\n[kim]\nname = \"KIM\"\nregistration = \"https://kelola.kim.id/kim/42\"\n",
            true,
            "profile.toml:13:16",
            "registration number \"https://kelola.kim.id/kim/42\" does not look like a number",
        ),
        (
            "\n[[contact.office_hours]]\nopen = \"8 pagi\"\nclose = \"15:00\"\n",
            true,
            "profile.toml:12:8",
            "The time `8 pagi`",
        ),
        (
            "\n[[officials]]\nname = \"A\"\nterm_start = 2021-03-15T08:00:00\n",
            true,
            "profile.toml:13:14",
            "must be a plain date",
        ),
        (
            "\n[[officials]]\nname = \"A\"\nrole = \"kades\"\n",
            true,
            "profile.toml:13:8",
            "Unknown value `kades`",
        ),
        (
            "\n[[institutions]]\nname = \"BPD\"\npage = \" \"\n",
            true,
            "profile.toml:13:8",
            "`institutions.page` is empty",
        ),
        (
            "\n[[products]]\nname = \"Kopi\"\nprice_idr = -5\n",
            true,
            "profile.toml:13:13",
            "must not be negative",
        ),
    ] {
        let (_, diags) = load(&format!("{MINIMAL}{extra}"));
        let found = problems(&diags);
        assert_eq!(found.len(), 1, "{extra}: {found:#?}");
        assert_eq!(
            (found[0].0, found[0].1.as_str()),
            (error, position),
            "{extra}: {}",
            found[0].2
        );
        assert!(found[0].2.contains(needle), "{}", found[0].2);
    }
}

#[test]
fn postal_codes() {
    for (postal, ok) in [
        ("65151", true),
        ("6515", false),
        ("651512", false),
        ("65 15", false),
        ("abcde", false),
    ] {
        let (_, diags) = load(&variant(
            "kind = \"desa\"\n",
            &format!("kind = \"desa\"\npostal_code = \"{postal}\"\n"),
            "",
        ));
        let found = problems(&diags);
        if ok {
            assert!(found.is_empty(), "{postal}: {found:#?}");
        } else {
            assert_eq!(found.len(), 1, "{postal}");
            assert_eq!(
                (found[0].0, found[0].1.as_str()),
                (true, "profile.toml:4:15"),
                "{postal}"
            );
            assert!(found[0].2.contains("must be 5 digits"), "{}", found[0].2);
        }
    }
}

#[test]
fn statistics_need_date_and_source() {
    for (body, wanted) in [
        ("population = 3120\n", vec!["`as_of`", "`source`"]),
        ("as_of = 2025-06-30\npopulation = 3120\n", vec!["`source`"]),
        ("source = \"Desa\"\nhouseholds = 980\n", vec!["`as_of`"]),
        (
            "as_of = 2025-06-30\nsource = \"Desa\"\npopulation = 3120\n",
            vec![],
        ),
        ("source = \"Belum ada angka\"\n", vec![]),
    ] {
        let (_, diags) = load(&format!("{MINIMAL}\n[statistics]\n{body}"));
        let found = problems(&diags);
        assert_eq!(found.len(), wanted.len(), "{body}: {found:#?}");
        for ((error, position, text), needle) in found.iter().zip(&wanted) {
            assert!(error);
            assert!(position.starts_with("profile.toml:11:"), "{position}");
            assert!(text.contains(needle), "{text}");
        }
    }
}

#[test]
fn male_female_sums_are_warnings() {
    let stats = "\n[statistics]\nas_of = 2025-06-30\nsource = \"Desa\"\npopulation = 3000\nmale = 1570\nfemale = 1550\n\n\
        [[statistics.tables]]\nkey = \"agama\"\nrows = [{ label = \"Islam\", male = 1500, female = 1550 }]\n\n\
        [[statistics.tables]]\nkey = \"pekerjaan\"\nrows = [{ label = \"Petani\", count = 812 }]\n";
    let (profile, diags) = load(&format!("{MINIMAL}{stats}"));
    let found = problems(&diags);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found.iter().all(|(error, ..)| !error));
    assert_eq!(found[0].1, "profile.toml:14:14");
    assert!(
        found[0].2.contains("1570 + 1550 = 3120") && found[0].2.contains("(3000)"),
        "{}",
        found[0].2
    );
    assert!(found[1].1.starts_with("profile.toml:18:"), "{}", found[1].1);
    assert!(
        found[1].2.contains(
            "table `agama` (1500/1550) differ from the totals under [statistics] (1570/1550)"
        ),
        "{}",
        found[1].2
    );
    let stats = profile.unwrap().statistics.unwrap();
    assert_eq!(
        (
            stats.tables[0].title.as_str(),
            stats.tables[0].rows[0].total
        ),
        ("agama", 3050)
    );
}
