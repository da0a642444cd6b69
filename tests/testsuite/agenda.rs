//! The agenda (`/agenda/`), its calendar files (`/agenda.ics`, each
//! event's `acara.ics`) and the announcement banner, on a village in WITA.
//!
//! Events are set far in the future (2099) or the past (2020), because a
//! build's "now" is the real clock.

use std::collections::BTreeSet;

use crate::support::Site;

/// The minimal fixture moved to WITA, with four events (three to come,
/// one over; one in the `berita` section, written in WIB) and two
/// announcements (one expired).
fn wita_site() -> Site {
    let site = Site::fixture("minimal");
    site.edit(
        "profile.toml",
        "district = \"Contoh\"",
        "district = \"Contoh\"\ntimezone = \"Asia/Makassar\"",
    );
    site.write(
        "content/agenda/2020-01-01-musdes.md",
        r#"+++
title = "Musyawarah Desa RKPDes 2100"
date = 2020-01-01T08:00:00
summary = "Musyawarah desa membahas rencana kerja; semua warga, RT, dan RW diundang."

[event]
start = 2099-03-14T09:00:00
end = 2099-03-14T11:30:00
venue = "Balai Desa Ujicoba, Jl. Poros; RT 01"
organizer = "Pemerintah Desa Ujicoba"
+++

Musyawarah desa.
"#,
    );
    site.write(
        "content/agenda/2020-01-02-kerja-bakti-mei.md",
        r#"+++
title = "Kerja Bakti Bulan Mei"
date = 2020-01-02
[event]
start = 2099-05-01
end = 2099-05-02
venue = "Seluruh dusun"
+++

Dua hari kerja bakti.
"#,
    );
    site.write(
        "content/agenda/2020-01-03-posyandu-lalu.md",
        r#"+++
title = "Posyandu Februari 2020"
date = 2020-01-03
[event]
start = 2020-02-10T08:00:00
end = 2020-02-10T10:00:00
venue = "Balai Dusun Krajan"
+++

Sudah lewat.
"#,
    );
    // An event in another section, written in WIB, with a title full of
    // multi-byte characters for line folding.
    site.write(
        "content/berita/2020-01-04-pesta-rakyat.md",
        format!(
            r#"+++
title = "{TITLE}"
date = 2020-01-04
category = "berita-desa"
[event]
start = 2099-08-17T07:00:00+07:00
end = 2099-08-17T12:00:00+07:00
venue = "Lapangan Désa Ujicoba ⚽"
+++

Pesta rakyat.
"#
        ),
    );
    site.write(
        "content/pengumuman/2020-03-01-lama.md",
        r#"+++
title = "Pengumuman Lama Sudah Berakhir"
date = 2020-03-01
expires = 2020-03-31
category = "pengumuman"
+++

Sudah berakhir.
"#,
    );
    site.write(
        "content/pengumuman/2020-04-01-aktif.md",
        r#"+++
title = "Jam Layanan Kantor Desa Ujicoba"
date = 2020-04-01
expires = 2099-12-31
category = "pengumuman"
+++

Masih berlaku.
"#,
    );
    site
}

const TITLE: &str = "Pésta Rakyat 🎉 Kéramaian Désa Ujicoba: Lomba Panjat Pinang, Égrang, dan Tarik Tambang 🇮🇩🇮🇩🇮🇩 Café Séni Ñusantara ✨✨✨ éééééééééééééééééééé";

/// Every event's own calendar file.
const EVENT_FILES: [&str; 4] = [
    "public/agenda/musdes/acara.ics",
    "public/agenda/kerja-bakti-mei/acara.ics",
    "public/agenda/posyandu-lalu/acara.ics",
    "public/berita/pesta-rakyat/acara.ics",
];

fn raw(site: &Site, rel: &str) -> Vec<u8> {
    std::fs::read(site.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The physical lines of an .ics file, checked for CRLF, 75-octet
/// folding and whole UTF-8 characters on every line.
fn physical_lines(bytes: &[u8], name: &str) -> Vec<String> {
    assert!(bytes.ends_with(b"\r\n"), "{name} ends with CRLF");
    let body = &bytes[..bytes.len() - 1];
    body.split(|&b| b == b'\n')
        .map(|line| {
            let line = line
                .strip_suffix(b"\r")
                .unwrap_or_else(|| panic!("{name}: a line ends with a bare LF"));
            assert!(!line.contains(&b'\r'), "{name}: a bare CR");
            assert!(line.len() <= 75, "{name}: {} octets in a line", line.len());
            std::str::from_utf8(line)
                .unwrap_or_else(|_| panic!("{name}: folding split a UTF-8 character"))
                .to_string()
        })
        .collect()
}

/// Content lines, unfolded.
fn unfolded(bytes: &[u8], name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in physical_lines(bytes, name) {
        match line.strip_prefix(' ') {
            Some(more) => out.last_mut().expect("a first line").push_str(more),
            None => out.push(line),
        }
    }
    out
}

fn values<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    lines.iter().filter_map(|l| l.strip_prefix(name)).collect()
}

#[test]
fn a_wita_event_keeps_its_village_time_in_the_calendar_and_on_the_page() {
    let site = wita_site();
    site.build_ok();
    let ics = unfolded(&raw(&site, "public/agenda.ics"), "agenda.ics");
    for want in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-TIMEZONE:Asia/Makassar",
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Makassar",
        "TZOFFSETFROM:+0800",
        "TZOFFSETTO:+0800",
        "TZNAME:WITA",
        "DTSTART;TZID=Asia/Makassar:20990314T090000",
        "DTEND;TZID=Asia/Makassar:20990314T113000",
        // Written in WIB, shown in the village's WITA.
        "DTSTART;TZID=Asia/Makassar:20990817T080000",
        // A plain-date event is all-day, its end exclusive.
        "DTSTART;VALUE=DATE:20990501",
        "DTEND;VALUE=DATE:20990503",
        // TEXT escaping of `,` and `;`.
        "LOCATION:Balai Desa Ujicoba\\, Jl. Poros\\; RT 01\\, Desa Ujicoba\\, Kabupaten Malang",
        "URL:https://kim-uji.example.org/agenda/musdes/",
        "END:VCALENDAR",
    ] {
        assert!(ics.iter().any(|l| l == want), "agenda.ics lacks {want:?}");
    }
    assert!(ics.iter().any(|l| l.starts_with("PRODID:")));
    assert!(ics.iter().any(|l| l.starts_with("X-WR-CALNAME:")));
    assert_eq!(values(&ics, "SUMMARY:").len(), 4, "every event");
    assert!(
        values(&ics, "SUMMARY:").contains(&"Pésta Rakyat 🎉 Kéramaian Désa Ujicoba: Lomba Panjat Pinang\\, Égrang\\, dan Tarik Tambang 🇮🇩🇮🇩🇮🇩 Café Séni Ñusantara ✨✨✨ éééééééééééééééééééé"),
        "the long title, escaped and unfolded whole"
    );
    // The title is long enough to be folded, with multi-byte characters
    // at the folds.
    let physical = physical_lines(&raw(&site, "public/agenda.ics"), "agenda.ics");
    assert!(physical.iter().filter(|l| l.starts_with(' ')).count() >= 3);

    let one = unfolded(&raw(&site, EVENT_FILES[0]), EVENT_FILES[0]);
    assert!(one.contains(&"DTSTART;TZID=Asia/Makassar:20990314T090000".to_string()));
    assert!(one.contains(&"TZOFFSETTO:+0800".to_string()));
    assert_eq!(values(&one, "BEGIN:VEVENT").len(), 1);

    let page = site.read("public/agenda/musdes/index.html");
    assert!(
        page.contains("Sabtu, 14 Maret 2099, 09.00</time>–\u{2060}<time datetime=\"2099-03-14T11:30:00+08:00\">11.30 WITA"),
        "the post shows the village's time:\n{page}"
    );
    assert!(page.contains("href=\"/agenda/musdes/acara.ics\""));
    let agenda = site.read("public/agenda/index.html");
    assert!(
        agenda.contains(
            "09.00</time>–\u{2060}<time datetime=\"2099-03-14T11:30:00+08:00\">11.30 WITA"
        )
    );
    let two = site.read("public/agenda/halaman/2/index.html");
    assert!(two.contains("Senin, 17 Agustus 2099, 08.00</time>–"));
    assert!(agenda.contains(
        "Jumat, 1 Mei 2099</time> – <time datetime=\"2099-05-02\">Sabtu, 2 Mei 2099</time>"
    ));
    assert!(agenda.contains("Tambahkan ke kalender"));
    assert!(agenda.contains("href=\"/agenda.ics\""));
    // Calendars are files, not pages: not in the sitemap.
    assert!(!site.read("public/sitemap.xml").contains(".ics"));
}

/// Parses calendars with the `icalendar` crate (an RFC 5545 parser that
/// knows nothing of warta) and gives one row per event: path, UID, start
/// (ISO 8601, with the offset its `VTIMEZONE` declares), end, summary.
fn parse_with_icalendar(site: &Site, files: &[&str]) -> Vec<Vec<String>> {
    use icalendar::{Calendar, CalendarComponent, Component};
    let mut rows = Vec::new();
    for file in files {
        let text = site.read(file);
        let cal: Calendar = text
            .parse()
            .unwrap_or_else(|e| panic!("icalendar could not read {file}: {e}"));
        assert_eq!(cal.property_value("VERSION"), Some("2.0"), "{file}");
        assert_eq!(cal.property_value("METHOD"), Some("PUBLISH"), "{file}");
        let zones: Vec<_> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Other(o) if o.component_kind() == "VTIMEZONE" => Some(o),
                _ => None,
            })
            .collect();
        assert_eq!(zones.len(), 1, "{file}: one VTIMEZONE");
        assert_eq!(zones[0].property_value("TZID"), Some("Asia/Makassar"));
        let offset = zones[0]
            .components()
            .iter()
            .find(|c| c.component_kind() == "STANDARD")
            .and_then(|c| c.property_value("TZOFFSETTO"))
            .unwrap_or_else(|| panic!("{file}: VTIMEZONE without STANDARD TZOFFSETTO"));
        for event in cal.events() {
            assert!(event.get_timestamp().is_some(), "{file}: DTSTAMP");
            let when = |d: Option<icalendar::DatePerhapsTime>| iso(d, offset, file);
            rows.push(vec![
                file.to_string(),
                event.get_uid().expect("UID").to_string(),
                when(event.get_start()),
                when(event.get_end()),
                event.get_summary().expect("SUMMARY").to_string(),
            ]);
        }
    }
    rows
}

/// A DTSTART/DTEND as ISO 8601: a date alone, or a local time in the
/// calendar's one zone with that zone's offset (`+0800` → `+08:00`).
fn iso(value: Option<icalendar::DatePerhapsTime>, offset: &str, file: &str) -> String {
    use icalendar::{CalendarDateTime, DatePerhapsTime};
    match value {
        Some(DatePerhapsTime::Date(day)) => day.to_string(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
            assert_eq!(tzid, "Asia/Makassar", "{file}");
            let (hours, minutes) = offset.split_at(3);
            format!("{}{hours}:{minutes}", date_time.format("%Y-%m-%dT%H:%M:%S"))
        }
        other => panic!("{file}: expected a date or a time in Asia/Makassar, got {other:?}"),
    }
}

#[test]
fn calendars_parse_with_icalendar_and_carry_the_right_times() {
    let site = wita_site();
    site.build_ok();
    let all = parse_with_icalendar(&site, &["public/agenda.ics"]);
    assert_eq!(all.len(), 4);
    let by_summary = |s: &str| {
        all.iter()
            .find(|e| e[4].starts_with(s))
            .unwrap_or_else(|| panic!("no event {s}: {all:?}"))
    };
    let musdes = by_summary("Musyawarah");
    assert_eq!(musdes[2], "2099-03-14T09:00:00+08:00");
    assert_eq!(musdes[3], "2099-03-14T11:30:00+08:00");
    let pesta = by_summary("Pésta");
    assert_eq!(pesta[2], "2099-08-17T08:00:00+08:00");
    assert_eq!(pesta[4], TITLE, "the title survives folding and escaping");
    let mei = by_summary("Kerja Bakti");
    assert_eq!(
        (mei[2].as_str(), mei[3].as_str()),
        ("2099-05-01", "2099-05-03")
    );

    let singles = parse_with_icalendar(&site, &EVENT_FILES);
    assert_eq!(singles.len(), 4, "one event in each file");
    for single in &singles {
        let same = all.iter().find(|e| e[1] == single[1]).expect("same UID");
        assert_eq!(same[2..], single[2..], "{}", single[0]);
    }
}

fn uids(site: &Site) -> Vec<String> {
    let ics = unfolded(&raw(site, "public/agenda.ics"), "agenda.ics");
    values(&ics, "UID:")
        .into_iter()
        .map(str::to_string)
        .collect()
}

#[test]
fn uids_are_stable_across_builds_and_unique() {
    let a = wita_site();
    a.build_ok();
    let first = uids(&a);
    assert_eq!(first.len(), 4);
    assert_eq!(first.iter().collect::<BTreeSet<_>>().len(), 4, "unique");
    for uid in &first {
        assert!(uid.ends_with("@kim-uji.example.org"), "{uid}");
    }
    assert!(first.contains(&"agenda/2020-01-01-musdes@kim-uji.example.org".to_string()));
    // Again, and in another folder at another time: the same UIDs.
    a.build_ok();
    assert_eq!(uids(&a), first);
    let b = wita_site();
    b.build_ok();
    assert_eq!(uids(&b), first);
    // The same files, byte for byte: nothing depends on the build's clock.
    assert_eq!(raw(&a, "public/agenda.ics"), raw(&b, "public/agenda.ics"));
    // A sub-path is part of the UID (two villages under one host).
    let c = wita_site();
    let r = c.run(&["build", "--base-url", "https://nama.github.io/ujicoba"]);
    assert_eq!(r.code, 0, "{}", r.output(&c));
    assert!(
        uids(&c).contains(&"ujicoba/agenda/2020-01-01-musdes@nama.github.io".to_string()),
        "{:?}",
        uids(&c)
    );
}

/// The events on an agenda page, in order, each with the id of the list
/// it is under (`upcoming`, `past`).
fn event_titles(html: &str) -> Vec<(String, String)> {
    const H2: &str = "<h2 id=\"h-";
    const TITLE: &str = "class=\"agenda-title\"><a href=\"";
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut rest = html;
    loop {
        match (rest.find(H2), rest.find(TITLE)) {
            (Some(a), b) if b.is_none_or(|b| a < b) => {
                rest = &rest[a + H2.len()..];
                heading = rest.split('"').next().unwrap().to_string();
            }
            (_, Some(b)) => {
                rest = &rest[b + TITLE.len()..];
                let title = rest.split_once("\">").unwrap().1;
                out.push((
                    heading.clone(),
                    title.split("</a>").next().unwrap().to_string(),
                ));
            }
            _ => return out,
        }
    }
}

#[test]
fn the_agenda_lists_upcoming_events_soonest_first_then_past_ones() {
    let site = wita_site();
    site.build_ok();
    // Two posts a page (minimal's posts_per_page): four events, two pages.
    let one = event_titles(&site.read("public/agenda/index.html"));
    let two = event_titles(&site.read("public/agenda/halaman/2/index.html"));
    let up = "upcoming".to_string();
    assert_eq!(
        one,
        vec![
            (up.clone(), "Musyawarah Desa RKPDes 2100".to_string()),
            (up.clone(), "Kerja Bakti Bulan Mei".to_string()),
        ]
    );
    assert_eq!(two[0], (up, TITLE.to_string()));
    assert_eq!(
        two[1],
        ("past".to_string(), "Posyandu Februari 2020".to_string())
    );
    assert!(!site.path("public/agenda/halaman/3/index.html").exists());

    // The home page shows the next three, and links to /agenda/.
    let home = site.read("public/index.html");
    let first = home.find("Musyawarah Desa RKPDes").expect("next event");
    let second = home.find("Kerja Bakti Bulan Mei").expect("second event");
    assert!(first < second);
    assert!(!home.contains("Posyandu Februari 2020"), "a past event");
    assert!(home.contains("href=\"/agenda/\""));
    // The agenda page is in the sitemap.
    assert!(site.read("public/sitemap.xml").contains("/agenda/</loc>"));
}

#[test]
fn announcements_show_on_every_page_until_they_expire() {
    let site = wita_site();
    site.build_ok();
    for page in [
        "public/index.html",
        "public/berita/posyandu-krajan/index.html",
        "public/agenda/index.html",
        "public/404.html",
    ] {
        let html = site.read(page);
        let banner = html
            .split("<section class=\"announce\" aria-labelledby=\"h-ann\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{page} has no banner"));
        let banner = banner.split("</section>").next().unwrap();
        assert!(banner.contains("<h2 id=\"h-ann\">Pengumuman</h2>"));
        assert!(banner.contains("Jam Layanan Kantor Desa Ujicoba"), "{page}");
        assert!(!banner.contains("Pengumuman Lama"), "{page}: expired");
        assert!(!html.contains("aria-live"), "not a live region");
    }
    // Expired, but still in the archive and its category.
    assert!(
        site.read("public/arsip/2020/03/index.html")
            .contains("Pengumuman Lama Sudah Berakhir")
    );
    assert!(
        site.read("public/kategori/pengumuman/index.html")
            .contains("Pengumuman Lama Sudah Berakhir")
    );
    assert!(site.path("public/pengumuman/lama/index.html").exists());
}

/// The banner shows the newest three of any number in force and links
/// to the rest; every page walks three, not all of them (issue 16: a
/// 50,000-post corpus has 6,250 in force).
#[test]
fn the_banner_shows_the_newest_three_and_links_to_the_rest() {
    let site = wita_site();
    for day in 10..15 {
        site.write(
            &format!("content/pengumuman/2020-05-{day}-baru-{day}.md"),
            format!(
                "+++\ntitle = \"Pengumuman Tanggal {day}\"\ndate = 2020-05-{day}\ncategory = \"pengumuman\"\n+++\n\nBerlaku.\n"
            ),
        );
    }
    site.build_ok();
    let html = site.read("public/berita/posyandu-krajan/index.html");
    let banner = html
        .split("<section class=\"announce\" aria-labelledby=\"h-ann\">")
        .nth(1)
        .expect("a banner");
    let banner = banner.split("</section>").next().unwrap();
    assert_eq!(banner.matches("<li>").count(), 3, "{banner}");
    for newest in ["Tanggal 14", "Tanggal 13", "Tanggal 12"] {
        assert!(banner.contains(newest), "{newest}: {banner}");
    }
    assert!(!banner.contains("Tanggal 11"), "{banner}");
    assert!(!banner.contains("Jam Layanan"), "{banner}");
    assert!(banner.contains("Semua pengumuman"), "{banner}");
    assert!(banner.contains("/kategori/pengumuman/"), "{banner}");
}

#[test]
fn an_event_that_ends_before_it_starts_is_an_error_at_its_line() {
    let site = wita_site();
    site.edit(
        "content/agenda/2020-01-01-musdes.md",
        "end = 2099-03-14T11:30:00",
        "end = 2099-03-13T11:30:00",
    );
    let r = site.run(&["build"]);
    assert_eq!(r.code, 1);
    let out = r.output(&site);
    assert!(out.contains("2020-01-01-musdes.md:8"), "{out}");
    assert!(out.contains("sebelum dimulai"), "{out}");
}

#[test]
fn a_site_without_events_has_no_agenda_pages_or_calendars() {
    let site = Site::fixture("minimal");
    site.build_ok();
    let files = site.output_files();
    assert!(!files.iter().any(|f| f.ends_with(".ics")), "{files:?}");
    assert!(!files.iter().any(|f| f.starts_with("agenda/")), "{files:?}");
}
