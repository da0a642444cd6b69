//! The years a date written by people may have: 1900 to 2999.
//!
//! TOML accepts any year from 0 to 9999, but nothing a village publishes
//! happened before 1900 or will happen after 2999, and the extremes break
//! what comes later (a year-0 date in UTC is year -1, which RSS cannot
//! write; 9999 plus a time zone is year 10000). A writer who types 9999
//! usually means "never"; the hint for `expires` says to leave it out.
//! Every date of front matter, `profile.toml` and `album.toml` is checked
//! here at load, so the error names the writer's file and line.

use std::ops::RangeInclusive;

use crate::diag::Text;
use crate::text;

/// The years accepted.
pub const YEARS: RangeInclusive<i64> = 1900..=2999;

/// Whether `year` is a year warta accepts.
pub fn in_range(year: i64) -> bool {
    YEARS.contains(&year)
}

/// The error and hint for a year outside [`YEARS`] under `key` (its last
/// part decides the hint: `expires` gets "leave it out").
pub fn out_of_range(year: i64, key: &str) -> (Text, Text) {
    let (lo, hi) = (YEARS.start(), YEARS.end());
    let message = text!(
        "Tahun {year} di `{key}` di luar rentang yang diterima ({lo} sampai {hi}).",
        "The year {year} in `{key}` is outside the accepted range ({lo} to {hi})."
    );
    let short = key.rsplit('.').next().unwrap_or(key);
    let hint = if short == "expires" {
        Text::new(
            "Untuk pengumuman yang tidak pernah kedaluwarsa, hapus saja baris `expires`. Jika ada batasnya, tulis tanggal sebenarnya, misalnya expires = 2025-12-31.",
            "For an announcement that never expires, just remove the `expires` line. If it has an end, write the real date, e.g. expires = 2025-12-31.",
        )
    } else if short.ends_with("year") {
        text!(
            "Tulis tahun empat angka yang sebenarnya, misalnya {short} = 1985.",
            "Write the real four-digit year, e.g. {short} = 1985."
        )
    } else {
        text!(
            "Periksa tahunnya: tulis tanggal yang sebenarnya, misalnya {short} = 2025-08-26.",
            "Check the year: write the real date, e.g. {short} = 2025-08-26."
        )
    };
    (message, hint)
}

#[cfg(test)]
mod tests {
    use super::{in_range, out_of_range};

    #[test]
    fn accepts_1900_to_2999() {
        for (year, ok) in [
            (i64::MIN, false),
            (-1, false),
            (0, false),
            (1899, false),
            (1900, true),
            (2025, true),
            (2999, true),
            (3000, false),
            (9999, false),
            (i64::MAX, false),
        ] {
            assert_eq!(in_range(year), ok, "{year}");
        }
    }

    #[test]
    fn hints_fit_the_key() {
        assert!(
            out_of_range(9999, "expires")
                .1
                .id
                .contains("hapus saja baris `expires`")
        );
        assert!(
            out_of_range(0, "kim.founded")
                .1
                .en
                .contains("founded = 2025-08-26")
        );
        assert!(
            out_of_range(0, "village.founded_year")
                .1
                .en
                .contains("founded_year = 1985")
        );
        assert!(
            out_of_range(0, "date")
                .0
                .id
                .starts_with("Tahun 0 di `date`")
        );
    }
}
