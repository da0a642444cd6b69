//! Indonesian formatting: dates, times, time zones, numbers, Rupiah, slugs
//! and phone numbers, written the way PUEBI and Indonesian news sites write
//! them (DOMAIN.md §c).
//!
//! Everything here is a pure function of its arguments, so the loaders
//! (profile, front matter), the model (slugs, permalinks) and the template
//! filters all share one spelling of "Selasa, 26 Agustus 2025", "09.30 WIB",
//! "3.120" and "Rp15.000". English forms exist for sites built with
//! `--lang en`. Nothing here reads the clock or the environment: a build
//! server running in UTC must still print each village's local time, so the
//! caller always passes the [`Zone`].

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Weekday};

use crate::diag::Lang;

/// One of Indonesia's three time zones (Keppres 41/1987).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Zone {
    /// What readers see after a time: `WIB`, `WITA` or `WIT`.
    pub label: &'static str,
    /// The IANA name, for `<time>` and calendar files.
    pub iana: &'static str,
    pub offset_hours: i32,
}

impl Zone {
    /// Waktu Indonesia Barat, UTC+7.
    pub const WIB: Zone = Zone {
        label: "WIB",
        iana: "Asia/Jakarta",
        offset_hours: 7,
    };
    /// Waktu Indonesia Tengah, UTC+8.
    pub const WITA: Zone = Zone {
        label: "WITA",
        iana: "Asia/Makassar",
        offset_hours: 8,
    };
    /// Waktu Indonesia Timur, UTC+9.
    pub const WIT: Zone = Zone {
        label: "WIT",
        iana: "Asia/Jayapura",
        offset_hours: 9,
    };

    pub fn offset(self) -> FixedOffset {
        FixedOffset::east_opt(self.offset_hours * 3600).expect("zone offsets are within a day")
    }
}

/// The zone of a province, by its two-digit Kemendagri code (DOMAIN.md
/// §c.1). `None` for a code not in use.
pub fn zone_for_province(code: u32) -> Option<Zone> {
    match code {
        11..=19 | 21 | 31..=36 | 61 | 62 => Some(Zone::WIB),
        51..=53 | 63..=65 | 71..=76 => Some(Zone::WITA),
        81 | 82 | 91..=96 => Some(Zone::WIT),
        _ => None,
    }
}

/// The zone of one of the four IANA names used in Indonesia.
pub fn zone_from_iana(name: &str) -> Option<Zone> {
    match name {
        "Asia/Jakarta" | "Asia/Pontianak" => Some(Zone::WIB),
        "Asia/Makassar" => Some(Zone::WITA),
        "Asia/Jayapura" => Some(Zone::WIT),
        _ => None,
    }
}

const DAYS_ID: [&str; 7] = [
    "Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu",
];
const DAYS_EN: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Jumat", never "Jum'at" (KBBI).
pub fn day_name(weekday: Weekday, lang: Lang) -> &'static str {
    let i = weekday.num_days_from_sunday() as usize;
    match lang {
        Lang::Id => DAYS_ID[i],
        Lang::En => DAYS_EN[i],
    }
}

/// The name of month 1–12; an empty string for any other number.
pub fn month_name(month: u32, lang: Lang) -> &'static str {
    let names = match lang {
        Lang::Id => &MONTHS_ID,
        Lang::En => &MONTHS_EN,
    };
    month
        .checked_sub(1)
        .and_then(|i| names.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// "Selasa, 26 Agustus 2025": no leading zero on the day.
pub fn date_long(date: NaiveDate, lang: Lang) -> String {
    format!(
        "{}, {}",
        day_name(date.weekday(), lang),
        date_medium(date, lang)
    )
}

/// "26 Agustus 2025".
pub fn date_medium(date: NaiveDate, lang: Lang) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month(), lang),
        date.year()
    )
}

/// "26/8/2025", as in the news dateline "Selasa (26/8/2025)".
pub fn date_short(date: NaiveDate) -> String {
    format!("{}/{}/{}", date.day(), date.month(), date.year())
}

/// "Agustus 2025", for archive headings.
pub fn month_year(year: i32, month: u32, lang: Lang) -> String {
    format!("{} {year}", month_name(month, lang))
}

/// How hours and minutes are separated: PUEBI's period (the default) or
/// the colon many news sites use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeStyle {
    #[default]
    Dot,
    Colon,
}

impl TimeStyle {
    fn separator(self) -> char {
        match self {
            TimeStyle::Dot => '.',
            TimeStyle::Colon => ':',
        }
    }
}

/// "09.30" (24-hour clock).
pub fn time_of_day(hour: u32, minute: u32, style: TimeStyle) -> String {
    format!("{hour:02}{}{minute:02}", style.separator())
}

/// "09.30 WIB": `dt` is first moved into `zone`, so a post written with
/// `+07:00` shows in WITA on a WITA village's site.
pub fn time_with_zone(dt: &DateTime<FixedOffset>, zone: Zone, style: TimeStyle) -> String {
    let local = dt.with_timezone(&zone.offset());
    format!(
        "{} {}",
        time_of_day(local.hour(), local.minute(), style),
        zone.label
    )
}

/// "08.00–11.00", with an en dash.
pub fn time_range(start: (u32, u32), end: (u32, u32), style: TimeStyle) -> String {
    format!(
        "{}–{}",
        time_of_day(start.0, start.1, style),
        time_of_day(end.0, end.1, style)
    )
}

/// Reads "08:00", "08.00" or "8.00" as (hour, minute) of a 24-hour clock.
pub fn parse_hhmm(s: &str) -> Option<(u32, u32)> {
    let (h, m) = s.trim().split_once([':', '.'])?;
    let digits = |p: &str, lens: std::ops::RangeInclusive<usize>| {
        (lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (h, m) = (digits(h, 1..=2)?, digits(m, 2..=2)?);
    (h < 24 && m < 60).then_some((h, m))
}

/// Separators for thousands and decimals: Indonesian "3.120,5", English "3,120.5".
fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Id => ('.', ','),
        Lang::En => (',', '.'),
    }
}

/// Digits of an unsigned integer string with a thousands separator.
fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Rounds the decimal text of `|value|` to `decimals` places, half away
/// from zero. Works on the shortest decimal text of the float ("1.005"),
/// not its binary value (1.00499…), so it rounds the way a reader expects.
fn round_decimal(value: f64, decimals: usize) -> (String, String) {
    let text = format!("{}", value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = int
        .bytes()
        .chain(frac.bytes().chain(std::iter::repeat(b'0')).take(decimals))
        .collect();
    if frac.as_bytes().get(decimals).is_some_and(|&d| d >= b'5') {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - decimals;
    let text = String::from_utf8(digits).expect("ASCII digits");
    (text[..split].to_string(), text[split..].to_string())
}

/// "3.120", "412,5", "-1.234" (Indonesian) or "3,120", "412.5" (English),
/// rounded half away from zero to `decimals` places.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let (thousands, decimal) = separators(lang);
    let (int, frac) = round_decimal(value, decimals);
    let is_zero = int.bytes().chain(frac.bytes()).all(|b| b == b'0');
    let mut out = String::new();
    if value < 0.0 && !is_zero {
        out.push('-');
    }
    out.push_str(&group(&int, thousands));
    if decimals > 0 {
        out.push(decimal);
        out.push_str(&frac);
    }
    out
}

/// Whole numbers without decimals, others with at most two, trailing zeros
/// dropped: 3120 → "3.120", 412.5 → "412,5", 3.001 → "3".
pub fn number_auto(value: f64, lang: Lang) -> String {
    if value.fract() == 0.0 {
        return number(value, 0, lang);
    }
    let (_, decimal) = separators(lang);
    let text = number(value, 2, lang);
    text.trim_end_matches('0')
        .trim_end_matches(decimal)
        .to_string()
}

/// A whole number exactly, however large: "3.458", "-1.234" ("3,458").
/// [`number`] goes through `f64`, which rounds past 2^53.
pub fn integer(value: i128, lang: Lang) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let digits = value.unsigned_abs().to_string();
    format!("{sign}{}", group(&digits, separators(lang).0))
}

/// Rupiah as PUEBI writes it: "Rp15.000", no space, no ",00".
pub fn rupiah(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}Rp{}", group(&amount.unsigned_abs().to_string(), '.'))
}

/// Latin letters with diacritics and what they fold to in a slug.
const FOLDS: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"),
    ("çćĉċč", "c"),
    ("ďđ", "d"),
    ("èéêëēĕėęě", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįı", "i"),
    ("ĵ", "j"),
    ("ķ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉ", "n"),
    ("òóôõöøōŏő", "o"),
    ("ŕŗř", "r"),
    ("śŝşš", "s"),
    ("ţťŧ", "t"),
    ("ùúûüũūŭůűų", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("œ", "oe"),
];

fn fold(c: char) -> Option<&'static str> {
    FOLDS
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|(_, to)| *to)
}

/// A URL slug: lower-case ASCII letters, digits and single hyphens.
/// Diacritics fold ("Café" → "cafe"), "&" reads "dan", apostrophes vanish
/// ("Jum'at" → "jumat"), everything else separates words.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    let push = |out: &mut String, piece: &str, gap: &mut bool| {
        if *gap && !out.is_empty() {
            out.push('-');
        }
        *gap = false;
        out.push_str(piece);
    };
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => push(&mut out, c.encode_utf8(&mut [0; 4]), &mut gap),
            '\'' | '’' | '‘' | '`' | 'ʼ' => {}
            '&' => {
                gap = true;
                push(&mut out, "dan", &mut gap);
                gap = true;
            }
            _ => match fold(c) {
                Some(f) => push(&mut out, f, &mut gap),
                None => gap = true,
            },
        }
    }
    out
}

/// Why a phone number was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    /// Letters or other characters that are not part of a phone number.
    NotANumber,
    /// Too few or too many digits for an Indonesian number.
    WrongLength,
    /// A foreign country code, or no 0 / +62 prefix.
    NotIndonesian,
}

/// An Indonesian phone number as E.164 digits without "+", ready for
/// `wa.me/…` and `tel:+…`: "0812-3456-7890", "+62 812 3456 7890" and
/// "62812…" all give "6281234567890"; "(0341) 123456" gives "62341123456".
/// Spaces, dashes, dots and parentheses may separate digits; a stray 0
/// after +62 ("+62 0812…", a common slip) is dropped.
pub fn normalize_phone(raw: &str) -> Result<String, PhoneError> {
    let raw = raw.trim();
    let (plus, body) = match raw.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || " -.()".contains(c))
    {
        return Err(PhoneError::NotANumber);
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest.strip_prefix('0').unwrap_or(rest)
    } else if plus {
        return Err(PhoneError::NotIndonesian);
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest
    } else if digits.starts_with('8') {
        &digits // "812-3456-7890": a mobile number written without its 0
    } else {
        return Err(PhoneError::NotIndonesian);
    };
    if !(8..=13).contains(&national.len()) {
        return Err(PhoneError::WrongLength);
    }
    if national.starts_with(['0', '1']) {
        return Err(PhoneError::NotIndonesian);
    }
    Ok(format!("62{national}"))
}

/// Area codes with two digits (Jakarta, Bandung, Semarang, Surabaya,
/// Medan); all others have three.
const TWO_DIGIT_AREAS: [&str; 5] = ["21", "22", "24", "31", "61"];

/// How Indonesians write a number: mobile "0812-3456-7890", landline
/// "(0341) 123456". Anything not starting with 62 comes back unchanged.
pub fn phone_display(e164: &str) -> String {
    let Some(national) = e164.strip_prefix("62").filter(|n| n.len() > 4) else {
        return e164.to_string();
    };
    if national.starts_with('8') {
        let (a, rest) = national.split_at(3);
        let (b, c) = rest.split_at(4.min(rest.len()));
        return [format!("0{a}"), b.to_string(), c.to_string()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
    }
    let area = if TWO_DIGIT_AREAS.iter().any(|a| national.starts_with(a)) {
        2
    } else {
        3
    };
    let (a, rest) = national.split_at(area);
    format!("(0{a}) {rest}")
}

/// `root_path` + `path` unless `path` is already absolute or external.
pub fn join_url(root: &str, path: &str) -> String {
    if path.contains("://")
        || path.starts_with("mailto:")
        || path.starts_with("tel:")
        || path.starts_with('#')
    {
        return path.to_string();
    }
    if root != "/" && path.starts_with(root) {
        return path.to_string();
    }
    format!("{root}{}", path.trim_start_matches('/'))
}

/// An absolute URL from a site path or an already-rooted URL.
pub fn absolute(base_url: &str, path: &str) -> String {
    if path.contains("://") {
        return path.to_string();
    }
    let origin_end = base_url
        .find("://")
        .map(|i| {
            base_url[i + 3..]
                .find('/')
                .map_or(base_url.len(), |j| i + 3 + j)
        })
        .unwrap_or(base_url.len());
    let root_path = &base_url[origin_end..];
    if !root_path.is_empty() && path.starts_with(&format!("{root_path}/")) {
        return format!("{}{path}", &base_url[..origin_end]);
    }
    format!("{base_url}/{}", path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests;

/// `text` broken at spaces into lines that each pass `fits` (a width
/// test), greedily; a word that does not fit on a line of its own (a long
/// URL or name) is cut between characters. No lines for blank text. The
/// charts' labels and the share cards' titles break their text with it.
pub fn break_lines(text: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if fits(&joined) {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than a line (a long URL or name) is cut anywhere.
        for c in word.chars() {
            line.push(c);
            if !fits(&line) && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
