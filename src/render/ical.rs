//! iCalendar files (RFC 5545) for the agenda: `/agenda.ics` with every
//! event, and `<post>/acara.ics` for one event ("Tambahkan ke kalender").
//!
//! Written by hand: the format is small, and what matters is getting a
//! handful of rules right, each of which a phone's calendar app is strict
//! about:
//!
//! - **Lines** end with CRLF (§3.1), the last one too.
//! - **Folding** (§3.1): a content line longer than 75 octets is split,
//!   each continuation starting with one space (which counts towards its
//!   75). Splits fall between UTF-8 characters, never inside one: an
//!   Indonesian title with "é" or an emoji stays valid UTF-8 on every line
//!   (the RFC says "SHOULD NOT" split a character; Google's and Apple's
//!   importers show mojibake when it is done).
//! - **TEXT values** (§3.3.11) escape `\`, `;` and `,` with a backslash
//!   and write line breaks as `\n`; other control characters are not
//!   allowed and are dropped. URIs (`URL`) and the UID are not TEXT-escaped
//!   (the UID is built only from characters that need no escaping).
//! - **Times** carry the village's zone: `DTSTART;TZID=Asia/Makassar:
//!   20270117T090000`, with a `VTIMEZONE` for that TZID (§3.6.5; required
//!   for every TZID used). Indonesia has had no daylight saving time since
//!   1964, so the zone is one `STANDARD` component whose `TZOFFSETFROM` and
//!   `TZOFFSETTO` are the same (+0700 WIB, +0800 WITA, +0900 WIT). A phone
//!   in any zone then shows the event at the village's hour, converted to
//!   its own. A plain date (`start = 2027-01-17`) is an all-day event:
//!   `VALUE=DATE`, with `DTEND` the day *after* the last day (§3.6.1,
//!   DTEND is exclusive).
//! - **DTSTAMP** (required, UTC) is when the post was last changed
//!   (`updated`, else `date`), not the build time: the same sources give
//!   the same file, and a calendar sees a change only when there is one.
//! - **UID** (required, stable, unique): the post's source file (without
//!   `.md`) under the site's sub-path, `@` the site's host:
//!   `agenda/2026-11-18-jalan-sehat@kim-sukamaju.example.org`. Not random
//!   and not a time, so rebuilding, or importing the same event twice,
//!   updates the event instead of adding a copy. Two villages under one
//!   host (`nama.github.io/desa-a`, `…/desa-b`) differ by their sub-path.
//! - The calendar carries `PRODID`, `VERSION:2.0`, `CALSCALE:GREGORIAN`,
//!   `METHOD:PUBLISH`, and `X-WR-TIMEZONE`. The whole agenda also has a
//!   name (`X-WR-CALNAME`, RFC 7986 `NAME`) and a refresh interval for a
//!   subscription; a single event's file has no calendar name, so Outlook
//!   and others import it as one appointment instead of offering a new
//!   calendar.

use chrono::{DateTime, FixedOffset, Utc};

use crate::diag::Lang;
use crate::model::{Model, Moment, Post};

/// The file name of one event's calendar, in its post's folder.
pub const EVENT_FILE: &str = "acara.ics";

/// The URL path (below the site root) of the whole agenda's calendar.
pub const AGENDA_FILE: &str = "agenda.ics";

/// `/agenda.ics`: every event of the site, by start time.
pub fn agenda(model: &Model) -> String {
    let mut ids: Vec<usize> = (0..model.posts.len())
        .filter(|&i| model.posts[i].event.is_some())
        .collect();
    ids.sort_by_key(|&i| model.posts[i].event.as_ref().map(|e| e.start.at));
    let mut out = Writer::default();
    header(&mut out, model, true);
    for i in ids {
        event(&mut out, model, &model.posts[i]);
    }
    out.line("END:VCALENDAR");
    out.text
}

/// `<post>/acara.ics`: the calendar of one post's event (empty when the
/// post has none).
pub fn single(model: &Model, post: &Post) -> String {
    let mut out = Writer::default();
    header(&mut out, model, false);
    event(&mut out, model, post);
    out.line("END:VCALENDAR");
    out.text
}

/// Content lines, folded, each ended with CRLF.
#[derive(Default)]
struct Writer {
    text: String,
}

impl Writer {
    /// A whole content line, folded.
    fn line(&mut self, line: &str) {
        fold_into(&mut self.text, line);
    }

    /// `NAME:value` with the value escaped as TEXT.
    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }
}

fn header(out: &mut Writer, model: &Model, whole: bool) {
    let zone = model.zone;
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!(
        "PRODID:-//warta//warta {}//{}",
        env!("CARGO_PKG_VERSION"),
        model.config.language.code().to_uppercase()
    ));
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    if whole {
        let name = match model.config.language {
            Lang::Id => format!("Agenda {}", model.config.title),
            Lang::En => format!("{} events", model.config.title),
        };
        out.text("NAME", &name);
        out.text("X-WR-CALNAME", &name);
        if !model.config.description.is_empty() {
            out.text("X-WR-CALDESC", &model.config.description);
        }
        out.line(&format!("URL:{}", model.permalink("agenda/")));
        out.line("REFRESH-INTERVAL;VALUE=DURATION:PT12H");
        out.line("X-PUBLISHED-TTL:PT12H");
    }
    out.text("X-WR-TIMEZONE", zone.iana);
    let offset = format!("{:+03}00", zone.offset_hours);
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", zone.iana));
    out.line("BEGIN:STANDARD");
    out.line("DTSTART:19700101T000000");
    out.line(&format!("TZOFFSETFROM:{offset}"));
    out.line(&format!("TZOFFSETTO:{offset}"));
    out.text("TZNAME", zone.label);
    out.line("END:STANDARD");
    out.line("END:VTIMEZONE");
}

fn event(out: &mut Writer, model: &Model, post: &Post) {
    let Some(ev) = &post.event else { return };
    let zone = model.zone;
    let local = |at: DateTime<FixedOffset>| {
        at.with_timezone(&zone.offset())
            .format("%Y%m%dT%H%M%S")
            .to_string()
    };
    let utc = |at: DateTime<FixedOffset>| at.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ");
    let day = |m: &Moment| m.date().format("%Y%m%d").to_string();
    let changed = post.updated.or(post.date).map_or(model.now, |m| m.at);

    out.line("BEGIN:VEVENT");
    out.line(&format!("UID:{}", uid(model, post)));
    out.line(&format!("DTSTAMP:{}", utc(changed)));
    out.line(&format!("LAST-MODIFIED:{}", utc(changed)));
    if ev.start.has_time {
        out.line(&format!(
            "DTSTART;TZID={}:{}",
            zone.iana,
            local(ev.start.at)
        ));
        // DTEND has DTSTART's value type; an end written as a plain date
        // means the end of that day.
        if let Some(end) = &ev.end {
            out.line(&format!("DTEND;TZID={}:{}", zone.iana, local(end.until())));
        }
    } else {
        out.line(&format!("DTSTART;VALUE=DATE:{}", day(&ev.start)));
        // Exclusive: the day after the last day. An end with a time ends
        // on that day.
        let last = ev.end.as_ref().unwrap_or(&ev.start);
        let after = next_day(last).unwrap_or_else(|| day(last));
        out.line(&format!("DTEND;VALUE=DATE:{after}"));
    }
    out.text("SUMMARY", &post.title);
    out.text("DESCRIPTION", &description(model, post));
    out.text("LOCATION", &location(model, post));
    out.line(&format!("URL:{}", model.permalink(&post.path)));
    if let Some(c) = post.category.as_deref().and_then(|k| model.category(k)) {
        out.text("CATEGORIES", &c.name);
    }
    out.line("END:VEVENT");
}

/// The day after a moment's date, as `YYYYMMDD`.
fn next_day(m: &Moment) -> Option<String> {
    let next = m.date().succ_opt()?;
    Some(next.format("%Y%m%d").to_string())
}

/// The summary, who organises it, and the page's address.
fn description(model: &Model, post: &Post) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !post.summary.is_empty() {
        parts.push(post.summary.clone());
    }
    if let Some(org) = post.event.as_ref().and_then(|e| e.organizer.as_ref()) {
        let label = match model.config.language {
            Lang::Id => "Penyelenggara",
            Lang::En => "Organizer",
        };
        parts.push(format!("{label}: {org}"));
    }
    parts.push(model.permalink(&post.path));
    parts.join("\n\n")
}

/// The venue (or the post's place), then the village and regency, so a
/// phone's map search finds it.
fn location(model: &Model, post: &Post) -> String {
    let p = &model.profile;
    let venue = post
        .event
        .as_ref()
        .and_then(|e| e.venue.as_deref())
        .or(post.place.as_deref());
    let mut parts: Vec<&str> = venue.into_iter().collect();
    parts.push(&p.village.display_name);
    parts.push(&p.region.regency_display);
    parts.join(", ")
}

/// See the module documentation: the source file under the sub-path, `@`
/// the host. Characters other than ASCII letters, digits and `-._/` are
/// percent-encoded, so the UID needs no TEXT escaping.
pub fn uid(model: &Model, post: &Post) -> String {
    let base = &model.config.base_url;
    let after_scheme = base.split_once("://").map_or(base.as_str(), |(_, r)| r);
    let (host, sub) = after_scheme
        .split_once('/')
        .map_or((after_scheme, ""), |(h, s)| (h, s));
    let rel = post.rel.trim_end_matches(".md");
    let rel = rel.strip_suffix("/index").unwrap_or(rel);
    let local = [sub.trim_matches('/'), rel]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("/");
    format!("{}@{}", uid_part(&local), uid_part(host))
}

fn uid_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets, never inside a UTF-8 character,
/// each physical line ended with CRLF (RFC 5545 §3.1).
pub fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut rest = line;
    let mut first = true;
    loop {
        // A continuation line starts with a space, which counts.
        let room = if first { LIMIT } else { LIMIT - 1 };
        if !first {
            out.push(' ');
        }
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n");
        rest = &rest[cut..];
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_text, fold_into};

    fn fold(s: &str) -> String {
        let mut out = String::new();
        fold_into(&mut out, s);
        out
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("VERSION:2.0"), "VERSION:2.0\r\n");
        let exact = format!("SUMMARY:{}", "a".repeat(75 - 8));
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_with_a_leading_space() {
        let line = format!("DESCRIPTION:{}", "x".repeat(200));
        let out = fold(&line);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines.last(), Some(&""), "ends with CRLF");
        let lines = &lines[..lines.len() - 1];
        assert_eq!(lines[0].len(), 75);
        for l in &lines[1..] {
            assert!(l.starts_with(' '));
            assert!(l.len() <= 75);
        }
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, line);
    }

    #[test]
    fn folding_never_splits_a_utf8_character() {
        // Two- and four-byte characters at every offset around the cut.
        for pad in 0..4 {
            let line = format!(
                "SUMMARY:{}{}",
                "a".repeat(pad),
                "Pésta Rakyat é ü 🎉🇮🇩 Café ".repeat(12)
            );
            let out = fold(&line);
            for l in out.split("\r\n") {
                assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
            }
            let unfolded = out.replace("\r\n ", "");
            assert_eq!(unfolded, format!("{line}\r\n"));
        }
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(
            escape_text("Rapat; RT 01, RW 02\\03"),
            "Rapat\\; RT 01\\, RW 02\\\\03"
        );
        assert_eq!(escape_text("satu\r\ndua\nti\rga"), "satu\\ndua\\nti\\nga");
        assert_eq!(escape_text("bel\u{7}l"), "bell");
        assert_eq!(escape_text("Coban: 07.00"), "Coban: 07.00");
    }
}
