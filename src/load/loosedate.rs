//! Dates and times as people write them, read into the form TOML wants.
//!
//! A writer types `29/11/2026`, `Selasa, 26 Agustus 2025`, `19.30 WIB` or
//! `+0700`: the forms of Indonesian letters and phone calendars. TOML only
//! reads `2026-11-29`, `2025-08-26T19:30:00+07:00`, `19:30`, `+07:00`, so a
//! TOML error alone tells the writer nothing they can act on. [`read`]
//! understands the loose forms (day first, as Indonesians write it; month
//! names and abbreviations in Indonesian and English; `.` or `:` in times;
//! WIB/WITA/WIT) and returns the exact TOML text to write instead, so the
//! message in [`super::tomlerr`] can show the right form of what the writer
//! wrote. It never guesses a value the writer did not write, except the
//! zone of a time without one (WIB, flagged so the message can say so).

use chrono::NaiveDate;

/// What a loosely written date or time means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loose {
    /// A date, or a date and time: the TOML text to write, unquoted.
    /// `zone_guessed` is true when the writer gave a time but no zone and
    /// `+07:00` (WIB) was filled in.
    Datetime { toml: String, zone_guessed: bool },
    /// A time of day only: `19:30`.
    Time(String),
    /// A UTC offset only: `+07:00`.
    Offset(String),
    /// A date whose day does not exist (`2025-02-30`).
    NoSuchDay { year: i32, month: u32, day: u32 },
    /// A time that does not exist (`25:99`).
    NoSuchTime { hour: u32, minute: u32 },
}

/// Month names and abbreviations, Indonesian and English, lower case.
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("pebruari", 2),
    ("february", 2),
    ("feb", 2),
    ("peb", 2),
    ("maret", 3),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("agustus", 8),
    ("august", 8),
    ("agu", 8),
    ("agt", 8),
    ("ags", 8),
    ("agust", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nopember", 11),
    ("nov", 11),
    ("nop", 11),
    ("desember", 12),
    ("december", 12),
    ("des", 12),
    ("dec", 12),
];

/// Words around a date that carry no value: weekdays, "pukul", "tanggal".
const FILLER: &[&str] = &[
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "jum'at",
    "sabtu",
    "minggu",
    "ahad",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "pukul",
    "pkl",
    "jam",
    "tanggal",
    "tgl",
    "at",
    "on",
];

/// Time zone names used in Indonesia (and UTC), as TOML offsets.
const ZONES: &[(&str, &str)] = &[
    ("wib", "+07:00"),
    ("wita", "+08:00"),
    ("wit", "+09:00"),
    ("utc", "Z"),
    ("gmt", "Z"),
    ("z", "Z"),
];

/// The parts found so far.
#[derive(Default)]
struct Parts {
    date: Option<(i32, u32, u32)>,
    month: Option<u32>,
    numbers: Vec<u32>,
    time: Option<(u32, u32, u32)>,
    offset: Option<String>,
}

/// Reads a loosely written date, time, datetime or offset. `None` when the
/// text is not one (a word that is no month, a stray sign…).
pub fn read(written: &str) -> Option<Loose> {
    let s = strip_quotes(written.trim());
    if s.is_empty() {
        return None;
    }
    let mut parts = Parts::default();
    for token in tokens(s) {
        take_token(&token.to_lowercase(), &mut parts)?;
    }
    assemble(parts)
}

/// The text inside straight or curly quotes, if it is quoted.
pub fn strip_quotes(s: &str) -> &str {
    let opens = ['"', '\'', '“', '”', '‘', '’', '„'];
    let s = s.strip_prefix(opens).unwrap_or(s);
    s.strip_suffix(opens).unwrap_or(s).trim()
}

/// Splits on spaces and commas, then a glued `T` between date and time
/// (`2025-08-26T19.30`) and a glued offset after a time (`19:30+0700`).
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in s.split([' ', ',', '\t']).filter(|w| !w.is_empty()) {
        let word = word.trim_end_matches('.');
        let (date, rest) = match word.find(['T', 't']) {
            Some(i) if i > 0 && word[..i].ends_with(|c: char| c.is_ascii_digit()) => {
                (&word[..i], Some(&word[i + 1..]))
            }
            _ => (word, None),
        };
        match rest {
            Some(time) => {
                out.push(date.to_string());
                push_time_and_offset(time, &mut out);
            }
            None if looks_like_time(date) => push_time_and_offset(date, &mut out),
            None => out.push(date.to_string()),
        }
    }
    out
}

fn looks_like_time(w: &str) -> bool {
    w.contains(':') || (w.contains('.') && w.split('.').count() == 2)
}

/// `19:30:00+0700` → `19:30:00`, `+0700`; `09:30Z` → `09:30`, `Z`.
fn push_time_and_offset(w: &str, out: &mut Vec<String>) {
    let cut = w
        .char_indices()
        .skip(1)
        .find(|(_, c)| matches!(c, '+' | '-' | 'Z' | 'z'))
        .map(|(i, _)| i);
    match cut {
        Some(i) => {
            out.push(w[..i].to_string());
            out.push(w[i..].to_string());
        }
        None => out.push(w.to_string()),
    }
}

/// Files one token into `parts`; `None` if it means nothing here.
fn take_token(t: &str, parts: &mut Parts) -> Option<()> {
    if FILLER.contains(&t) {
        return Some(());
    }
    if let Some((_, month)) = MONTHS.iter().find(|(name, _)| *name == t) {
        parts.month = Some(*month);
        return Some(());
    }
    if let Some(offset) = offset(t) {
        parts.offset = Some(offset);
        return Some(());
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        if t.len() > 4 {
            return None;
        }
        parts.numbers.push(t.parse().ok()?);
        return Some(());
    }
    let (sep, pieces) = numbers(t)?;
    let clock_sep = matches!(sep, ':' | '.');
    match pieces.as_slice() {
        [h, m] if clock_sep && m.1 == 2 && parts.time.is_none() => {
            parts.time = Some((h.0, m.0, 0));
        }
        [a, b, c] if sep != ':' && parts.date.is_none() => {
            parts.date = Some(numeric_date(*a, *b, *c)?);
        }
        [h, m, s] if clock_sep && parts.time.is_none() => parts.time = Some((h.0, m.0, s.0)),
        _ => return None,
    }
    Some(())
}

/// Numbers split on one separator (`/`, `-`, `.` or `:`), each with its
/// digit count.
fn numbers(t: &str) -> Option<(char, Vec<(u32, usize)>)> {
    let sep = t.chars().find(|c| matches!(c, '/' | '-' | '.' | ':'))?;
    let pieces = t
        .split(sep)
        .map(|p| {
            let ok = (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| p.parse().ok().map(|n| (n, p.len()))).flatten()
        })
        .collect::<Option<Vec<_>>>()?;
    Some((sep, pieces))
}

/// Year first when it has four digits, else day first (Indonesian), or
/// month first when only that reading is possible (`08/26/2025`).
fn numeric_date(a: (u32, usize), b: (u32, usize), c: (u32, usize)) -> Option<(i32, u32, u32)> {
    if a.1 == 4 {
        return Some((a.0 as i32, b.0, c.0));
    }
    let year = full_year(c)?;
    if b.0 > 12 && a.0 <= 12 {
        return Some((year, a.0, b.0));
    }
    Some((year, b.0, a.0))
}

/// `2025` stays; `25` is read as 2025.
fn full_year((n, digits): (u32, usize)) -> Option<i32> {
    match digits {
        4 => Some(n as i32),
        2 => Some(2000 + n as i32),
        _ => None,
    }
}

/// `+7`, `+07`, `+0700`, `+07:00`, `+07.00`, `GMT+7`, WIB/WITA/WIT, Z.
fn offset(t: &str) -> Option<String> {
    if let Some((_, off)) = ZONES.iter().find(|(name, _)| *name == t) {
        return Some(off.to_string());
    }
    let t = t
        .strip_prefix("gmt")
        .or_else(|| t.strip_prefix("utc"))
        .unwrap_or(t);
    let sign = t.chars().next().filter(|c| matches!(c, '+' | '-'))?;
    let digits: String = t[1..].chars().filter(|c| *c != ':' && *c != '.').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<u32>().ok()?, 0),
        3 => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    (h <= 14 && m < 60).then(|| format!("{sign}{h:02}:{m:02}"))
}

/// Builds the result from the parts found.
fn assemble(p: Parts) -> Option<Loose> {
    let date = match (p.date, p.month, p.numbers.as_slice()) {
        (Some(d), None, []) => Some(d),
        (None, Some(month), [a, b]) => Some(day_and_year(month, *a, *b)?),
        (None, None, []) => None,
        _ => return None,
    };
    if let Some((hour, minute, _)) = p.time
        && (hour > 23 || minute > 59)
    {
        return Some(Loose::NoSuchTime { hour, minute });
    }
    let Some((year, month, day)) = date else {
        return match (p.time, p.offset) {
            (Some((h, m, s)), None) => Some(Loose::Time(clock(h, m, s))),
            (None, Some(off)) => Some(Loose::Offset(off)),
            _ => None,
        };
    };
    if NaiveDate::from_ymd_opt(year, month, day).is_none() {
        return Some(Loose::NoSuchDay { year, month, day });
    }
    let day_text = format!("{year:04}-{month:02}-{day:02}");
    Some(match p.time {
        None => Loose::Datetime {
            toml: day_text,
            zone_guessed: false,
        },
        Some((h, m, s)) => Loose::Datetime {
            toml: format!(
                "{day_text}T{h:02}:{m:02}:{s:02}{}",
                p.offset.as_deref().unwrap_or("+07:00")
            ),
            zone_guessed: p.offset.is_none(),
        },
    })
}

/// `26 Agustus 2025` or `Agustus 26 2025`: the day is the small number.
fn day_and_year(month: u32, a: u32, b: u32) -> Option<(i32, u32, u32)> {
    let (day, year) = if a <= 31 && b > 31 { (a, b) } else { (b, a) };
    (year >= 100 && day >= 1).then_some((year as i32, month, day))
}

fn clock(h: u32, m: u32, s: u32) -> String {
    if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// Days in a month of a year, for "February 2025 has only 28 days".
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    u32::try_from(next.signed_duration_since(first).num_days()).ok()
}

#[cfg(test)]
mod tests {
    use super::{Loose, days_in_month, read};

    fn dt(s: &str) -> Option<Loose> {
        Some(Loose::Datetime {
            toml: s.to_string(),
            zone_guessed: s.contains('T') && s.ends_with("+07:00"),
        })
    }

    #[test]
    fn reads_dates_as_writers_type_them() {
        for (written, want) in [
            ("29/11/2026", "2026-11-29"),
            ("\"29/11/2026\"", "2026-11-29"),
            ("26/08/2025", "2025-08-26"),
            ("26-08-2025", "2025-08-26"),
            ("26.08.2025", "2025-08-26"),
            ("6/8/2025", "2025-08-06"),
            ("08/26/2025", "2025-08-26"),
            ("2025/08/26", "2025-08-26"),
            ("2025-8-6", "2025-08-06"),
            ("26/08/25", "2025-08-26"),
            ("26 Agustus 2025", "2025-08-26"),
            ("26 agt 2025", "2025-08-26"),
            ("26 Agt. 2025", "2025-08-26"),
            ("1 Mei 2025", "2025-05-01"),
            ("17 Nopember 2025", "2025-11-17"),
            ("Selasa, 26 Agustus 2025", "2025-08-26"),
            ("26 August 2025", "2025-08-26"),
            ("Aug 26, 2025", "2025-08-26"),
            ("“2025-08-26”", "2025-08-26"),
            ("‘26 Des 2025’", "2025-12-26"),
        ] {
            assert_eq!(read(written), dt(want), "{written}");
        }
    }

    #[test]
    fn reads_times_zones_and_datetimes() {
        for (written, want) in [
            ("2025-08-26 19.30", "2025-08-26T19:30:00+07:00"),
            ("2025-08-26T19.30", "2025-08-26T19:30:00+07:00"),
            ("26/08/2025 19:30", "2025-08-26T19:30:00+07:00"),
            (
                "26 Agustus 2025 pukul 19.30 WIB",
                "2025-08-26T19:30:00+07:00",
            ),
            ("26/08/2025 19.30 WITA", "2025-08-26T19:30:00+08:00"),
            ("2025-08-26 07:00 WIT", "2025-08-26T07:00:00+09:00"),
            ("2025-08-26T19:30:00+0700", "2025-08-26T19:30:00+07:00"),
            ("2025-08-26T19:30:00+7", "2025-08-26T19:30:00+07:00"),
            ("2025-08-26T09:30:00Z", "2025-08-26T09:30:00Z"),
            ("2025-08-26 19.30.15 GMT+8", "2025-08-26T19:30:15+08:00"),
        ] {
            let got = read(written);
            let Some(Loose::Datetime { toml, .. }) = &got else {
                panic!("{written}: {got:?}")
            };
            assert_eq!(toml, want, "{written}");
        }
        assert_eq!(read("19.30"), Some(Loose::Time("19:30".into())));
        assert_eq!(read("7.05"), Some(Loose::Time("07:05".into())));
        assert_eq!(read("\"08:00\""), Some(Loose::Time("08:00".into())));
        assert_eq!(read("+0700"), Some(Loose::Offset("+07:00".into())));
        assert_eq!(read("+07.00"), Some(Loose::Offset("+07:00".into())));
        assert_eq!(read("WITA"), Some(Loose::Offset("+08:00".into())));
    }

    #[test]
    fn names_days_and_times_that_do_not_exist() {
        assert_eq!(
            read("30/02/2025"),
            Some(Loose::NoSuchDay {
                year: 2025,
                month: 2,
                day: 30
            })
        );
        assert_eq!(
            read("25:99"),
            Some(Loose::NoSuchTime {
                hour: 25,
                minute: 99
            })
        );
        assert_eq!(days_in_month(2024, 2), Some(29));
        assert_eq!(days_in_month(2025, 12), Some(31));
    }

    #[test]
    fn refuses_what_is_no_date() {
        for s in [
            "",
            "besok",
            "Lomba KIM 2025",
            "26 Agustus",
            "12345678",
            "1/2",
            "2025-08-26 nanti",
        ] {
            assert_eq!(read(s), None, "{s}");
        }
    }
}
