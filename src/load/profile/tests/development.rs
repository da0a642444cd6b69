//! `[[indices.idm]]`, `[[indices.sdgs]]` and `[[health.stunting]]`: what
//! a valid table gives themes, and one problem at its position for each
//! broken rule.

use super::{MINIMAL, load, problems};
use crate::load::profile::IdmStatus;

#[test]
fn valid_figures_are_sorted_and_derived() {
    let extra = r#"
[[indices.idm]]
year = 2025
score = 0.7254
status = "Maju"

[[indices.idm]]
year = 2024
score = 0.5989
status = "Berkembang"

[[indices.idm]]
year = 2023
score = 0.4

[[indices.sdgs]]
year = 2025
goals = [{ goal = 2, score = 50 }, { goal = 1, score = 40.5 }]

[[health.stunting]]
period = "2025-08"
measured = 200
stunted = 25
source = "Posyandu"

[[health.stunting]]
period = "2025-02"
measured = 0
stunted = 0
source = "Posyandu"
"#;
    let (profile, diags) = load(&format!("{MINIMAL}{extra}"));
    let found = problems(&diags);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "profile.toml:37:12", "measured = 0");
    let p = profile.unwrap();
    assert!(p.has_development());
    let idm: Vec<(i32, IdmStatus)> = p.indices.idm.iter().map(|i| (i.year, i.status)).collect();
    assert_eq!(
        idm,
        [
            (2023, IdmStatus::SangatTertinggal),
            (2024, IdmStatus::Berkembang),
            (2025, IdmStatus::Maju)
        ],
        "sorted; a missing status is the score's; a rounded bound takes either side"
    );
    let goals: Vec<u8> = p.indices.sdgs[0].goals.iter().map(|g| g.goal).collect();
    assert_eq!(goals, [1, 2]);
    assert_eq!(p.indices.sdgs[0].average, None, "only 2 of 18 goals");
    let periods: Vec<(&str, f64)> = p
        .health
        .stunting
        .iter()
        .map(|s| (s.period.as_str(), s.prevalence))
        .collect();
    assert_eq!(periods, [("2025-02", 0.0), ("2025-08", 12.5)]);
}

/// Each case appends to MINIMAL (which ends on line 9) and expects one
/// error at the given position.
// Long because: one table, one row per rule.
#[test]
fn development_rules() {
    for (extra, position, needle) in [
        (
            "\n[[indices.idm]]\nyear = 2024\nscore = 0.6512\nstatus = \"Maju\"\n",
            "profile.toml:14:10",
            "The IDM status `Maju` of 2024 does not match its score 0.6512: that score is Berkembang (0.5989 < IDM ≤ 0.7072).",
        ),
        (
            "\n[[indices.idm]]\nyear = 2024\nscore = 65.12\n",
            "profile.toml:13:9",
            "The IDM score 65.12 of 2024 must lie between 0 and 1.",
        ),
        (
            "\n[[indices.idm]]\nyear = 2024\nscore = 0.7\nstatus = \"maju\"\n",
            "profile.toml:14:10",
            "Write `\"Maju\"`",
        ),
        (
            "\n[[indices.idm]]\nyear = 2024\nscore = 0.7\n[[indices.idm]]\nyear = 2024\nscore = 0.71\n",
            "profile.toml:15:8",
            "`2024` is written twice under [[indices.idm]].",
        ),
        (
            "\n[[indices.sdgs]]\nyear = 2024\ngoals = [{ goal = 3, score = 100.5 }]\n",
            "profile.toml:13:30",
            "The SDGs Desa score 100.5 of goal 3 (2024) must lie between 0 and 100.",
        ),
        (
            "\n[[indices.sdgs]]\nyear = 2024\ngoals = [{ goal = 3, score = -1 }]\n",
            "profile.toml:13:30",
            "The SDGs Desa score -1 of goal 3",
        ),
        (
            "\n[[indices.sdgs]]\nyear = 2024\ngoals = [{ goal = 0, score = 50 }]\n",
            "profile.toml:13:19",
            "There is no SDGs Desa goal number 0 (2024): the goals are numbered 1 to 18.",
        ),
        (
            "\n[[indices.sdgs]]\nyear = 2024\ngoals = [{ goal = 19, score = 50 }]\n",
            "profile.toml:13:19",
            "There is no SDGs Desa goal number 19 (2024)",
        ),
        (
            "\n[[indices.sdgs]]\nyear = 2024\ngoals = [{ goal = 3, score = 1 }, { goal = 3, score = 2 }]\n",
            "profile.toml:13:44",
            "SDGs Desa goal 3 is written twice for 2024.",
        ),
        (
            "\n[[health.stunting]]\nperiod = \"2025-08\"\nmeasured = 20\nstunted = 25\nsource = \"Posyandu\"\n",
            "profile.toml:14:11",
            "More children stunted (25) than children measured (20) in 2025-08.",
        ),
        (
            "\n[[health.stunting]]\nperiod = \"Agustus 2025\"\nmeasured = 20\nstunted = 2\nsource = \"Posyandu\"\n",
            "profile.toml:12:10",
            "The period `Agustus 2025` cannot be read.",
        ),
        (
            "\n[[health.stunting]]\nperiod = \"2025-08\"\nmeasured = 20\nstunted = 2\n",
            "profile.toml:11:1",
            "The stunting figures of 2025-08 have no source (`source`).",
        ),
    ] {
        let (profile, diags) = load(&format!("{MINIMAL}{extra}"));
        let found = problems(&diags);
        assert!(profile.is_some(), "{extra}");
        assert_eq!(found.len(), 1, "{extra}: {found:#?}");
        let (error, at, text) = &found[0];
        assert!(*error, "{extra}: an error");
        assert_eq!(at, position, "{extra}: {text}");
        assert!(text.contains(needle), "{extra}: {text}");
    }
}
