//! The filters and functions warta adds to Tera, for what Indonesian pages
//! print: `Selasa, 26 Agustus 2025`, `09.30 WIB`, `Rp15.000`, `3.120`,
//! `412,5`. Each filter knows the site's language, time zone and time
//! style, so a template writes `{{ page.date | date_long }}` and nothing
//! more. Dates come in as the model serializes them: `2025-08-26` or
//! `2025-08-26T09:30:00+07:00`.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use tera::{Kwargs, State, Tera, Value};

use crate::diag::Lang;
use crate::format::{self, TimeStyle, Zone};

/// What the filters need to know about the site.
#[derive(Debug, Clone)]
pub struct FilterSettings {
    pub lang: Lang,
    pub zone: Zone,
    pub time_style: TimeStyle,
    pub root_path: String,
    pub base_url: String,
    /// Content files (`lembaga/bpd.md`) and their page URLs.
    pub content_urls: std::collections::HashMap<String, String>,
}

/// A date or datetime as written by the model.
fn parse_moment(s: &str) -> Option<(NaiveDate, Option<DateTime<FixedOffset>>)> {
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some((dt.date_naive(), Some(dt)));
    }
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
        .ok()
        .map(|d| (d, None))
}

fn date_arg(
    value: &str,
    filter: &str,
) -> tera::TeraResult<(NaiveDate, Option<DateTime<FixedOffset>>)> {
    parse_moment(value).ok_or_else(|| {
        tera::Error::message(format!(
            "filter `{filter}` expects a date like 2025-08-26 or 2025-08-26T09:30:00+07:00, got `{value}`"
        ))
    })
}

fn number_arg(value: &Value, filter: &str) -> tera::TeraResult<f64> {
    value
        .as_number()
        .map(|n| n.as_float())
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
        .ok_or_else(|| {
            tera::Error::message(format!("filter `{filter}` expects a number, got `{value}`"))
        })
}

/// A plain date as the start of that day in the village's zone.
fn midnight(d: NaiveDate, offset: FixedOffset) -> DateTime<FixedOffset> {
    use chrono::TimeZone;
    offset
        .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
        .single()
        .unwrap_or_else(|| offset.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN)))
}

/// An RFC 2822 date for RSS; `None` for a year RFC 2822 cannot hold
/// (chrono's `to_rfc2822` panics on those).
fn rfc822(t: DateTime<FixedOffset>) -> Option<String> {
    (0..=9999)
        .contains(&t.naive_local().year())
        .then(|| t.to_rfc2822())
}

/// Registers every filter and function on `tera`.
pub fn register(tera: &mut Tera, s: &FilterSettings) {
    register_dates(tera, s);
    register_numbers(tera, s);
    register_urls(tera, s);
}

/// Dates and times, in the site's language, zone and time style.
fn register_dates(tera: &mut Tera, s: &FilterSettings) {
    let lang = s.lang;
    tera.register_filter("date_long", move |v: &str, _: Kwargs, _: &State| {
        date_arg(v, "date_long").map(|(d, _)| format::date_long(d, lang))
    });
    tera.register_filter("date_medium", move |v: &str, _: Kwargs, _: &State| {
        date_arg(v, "date_medium").map(|(d, _)| format::date_medium(d, lang))
    });
    tera.register_filter("date_short", move |v: &str, _: Kwargs, _: &State| {
        date_arg(v, "date_short").map(|(d, _)| format::date_short(d))
    });
    tera.register_filter("month_year", move |v: &str, _: Kwargs, _: &State| {
        date_arg(v, "month_year").map(|(d, _)| format::month_year(d.year(), d.month(), lang))
    });
    tera.register_filter("month_name", move |v: i64, _: Kwargs, _: &State| {
        format::month_name(v.clamp(1, 12) as u32, lang).to_string()
    });
    let (zone, style) = (s.zone, s.time_style);
    tera.register_filter("time", move |v: &str, _: Kwargs, _: &State| {
        date_arg(v, "time").map(|(_, t)| {
            t.map(|t| format::time_with_zone(&t, zone, style))
                .unwrap_or_default()
        })
    });
    tera.register_filter("datetime", move |v: &str, _: Kwargs, _: &State| {
        date_arg(v, "datetime").map(|(d, t)| match t {
            Some(t) => format!(
                "{} · {}",
                format::date_long(d, lang),
                format::time_with_zone(&t, zone, style)
            ),
            None => format::date_long(d, lang),
        })
    });
    let offset = s.zone.offset();
    tera.register_filter("rfc3339", move |v: &str, _: Kwargs, _: &State| {
        date_arg(v, "rfc3339").map(|(d, t)| {
            let t = t.unwrap_or_else(|| midnight(d, offset));
            t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
        })
    });
    tera.register_filter("rfc822", move |v: &str, _: Kwargs, _: &State| {
        let (d, t) = date_arg(v, "rfc822")?;
        rfc822(t.unwrap_or_else(|| midnight(d, offset))).ok_or_else(|| {
            tera::Error::message(format!(
                "filter `rfc822` cannot write `{v}`: RSS dates need a year from 0 to 9999"
            ))
        })
    });
}

/// Rupiah, numbers and times of day.
fn register_numbers(tera: &mut Tera, s: &FilterSettings) {
    let (lang, style) = (s.lang, s.time_style);
    tera.register_filter("hhmm", move |v: &str, _: Kwargs, _: &State| {
        format::parse_hhmm(v)
            .map(|(h, m)| format::time_of_day(h, m, style))
            .ok_or_else(|| {
                tera::Error::message(format!(
                    "filter `hhmm` expects a time like 08:00, got `{v}`"
                ))
            })
    });
    // Whole numbers exactly: through f64 they would round past 2^53.
    tera.register_filter("rupiah", |v: &Value, _: Kwargs, _: &State| {
        if let Some(n) = v.as_i128().and_then(|n| i64::try_from(n).ok()) {
            return Ok(format::rupiah(n));
        }
        number_arg(v, "rupiah").map(|n| format::rupiah(n.round() as i64))
    });
    tera.register_filter("number", move |v: &Value, kw: Kwargs, _: &State| {
        let n = number_arg(v, "number")?;
        let decimals = kw.get::<i64>("decimals")?;
        if let (None, Some(whole)) = (decimals, v.as_i128()) {
            return Ok(format::integer(whole, lang));
        }
        Ok::<_, tera::Error>(match decimals {
            Some(d) => format::number(n, d.clamp(0, 6) as usize, lang),
            None => format::number_auto(n, lang),
        })
    });
    tera.register_filter("urlencode", |v: &str, _: Kwargs, _: &State| {
        percent_encode(v)
    });
}

/// Addresses: a source file's page, a path under the site, an absolute URL.
fn register_urls(tera: &mut Tera, s: &FilterSettings) {
    let urls = s.content_urls.clone();
    tera.register_function("content_url", move |kw: Kwargs, _: &State| {
        let path: &str = kw.must_get("path")?;
        urls.get(path.trim_start_matches("content/"))
            .cloned()
            .ok_or_else(|| tera::Error::message(format!("no page comes from content/{path}")))
    });
    let root = s.root_path.clone();
    tera.register_function("url", move |kw: Kwargs, _: &State| {
        let path: &str = kw.must_get("path")?;
        Ok::<_, tera::Error>(join_url(&root, path))
    });
    let base = s.base_url.clone();
    tera.register_function("abs_url", move |kw: Kwargs, _: &State| {
        let path: &str = kw.must_get("path")?;
        Ok::<_, tera::Error>(absolute(&base, path))
    });
}

/// Percent-encodes everything but RFC 3986's unreserved characters, for
/// query values such as WhatsApp's `?text=`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub use crate::format::{absolute, join_url};

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, NaiveDate, TimeZone};

    use super::{absolute, join_url, parse_moment, percent_encode, rfc822};

    #[test]
    fn rfc822_refuses_years_it_cannot_write_instead_of_panicking() {
        let wita = FixedOffset::east_opt(8 * 3600).unwrap();
        let at = |y| {
            let d = NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
            wita.from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap())
                .unwrap()
        };
        assert_eq!(
            rfc822(at(2025)).as_deref(),
            Some("Wed, 1 Jan 2025 00:00:00 +0800")
        );
        assert_eq!(rfc822(at(-1)), None);
        assert_eq!(rfc822(at(10000)), None);
    }

    #[test]
    fn percent_encodes_query_values() {
        assert_eq!(percent_encode("Rapat & Musdes?"), "Rapat%20%26%20Musdes%3F");
        assert_eq!(percent_encode("Kopi é"), "Kopi%20%C3%A9");
    }

    #[test]
    fn joins_site_urls() {
        assert_eq!(join_url("/", "/berita/"), "/berita/");
        assert_eq!(join_url("/sukamaju/", "/berita/"), "/sukamaju/berita/");
        assert_eq!(
            join_url("/sukamaju/", "/sukamaju/berita/"),
            "/sukamaju/berita/"
        );
        assert_eq!(
            join_url("/sukamaju/", "https://wa.me/62"),
            "https://wa.me/62"
        );
        assert_eq!(
            absolute("https://x.github.io/sukamaju", "/sukamaju/berita/"),
            "https://x.github.io/sukamaju/berita/"
        );
        assert_eq!(
            absolute("https://x.github.io/sukamaju", "berita/"),
            "https://x.github.io/sukamaju/berita/"
        );
        assert_eq!(
            absolute("https://kim.example.org", "/media/a.jpg"),
            "https://kim.example.org/media/a.jpg"
        );
    }

    #[test]
    fn reads_model_dates() {
        assert!(parse_moment("2025-08-26").unwrap().1.is_none());
        assert!(
            parse_moment("2025-08-26T09:30:00+07:00")
                .unwrap()
                .1
                .is_some()
        );
        assert!(parse_moment("kemarin").is_none());
    }
}
