//! `warta serve` on 127.0.0.1: live reload, incremental rebuilds, the
//! error overlay, and refusing every path that leaves the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::support::{Site, serve_port};

const POST: &str = "content/berita/2025-08-26-posyandu-krajan.md";

struct Server {
    child: Child,
    port: u16,
    /// Kept so the thread draining the server's output keeps going (a
    /// full pipe would block the server).
    _lines: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &Site, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(extra)
            .env("LANG", "C")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (port, rx) = serve_port(&mut child);
        Server {
            child,
            port,
            _lines: rx,
        }
    }

    /// Sends a raw request target and returns (status, body).
    fn get_raw(&self, method: &str, target: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
        let text = String::from_utf8_lossy(&buf).into_owned();
        let status = text.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    fn get(&self, target: &str) -> (u16, String) {
        self.get_raw("GET", target)
    }

    fn headers(&self, target: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(s, "HEAD {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut buf = String::new();
        s.read_to_string(&mut buf).unwrap();
        buf
    }

    /// Opens the event stream, like a browser tab does.
    fn events(&self) -> Receiver<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(s, "GET /__warta/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait until the stream is open.
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if rx
                .recv_timeout(Duration::from_secs(1))
                .is_ok_and(|l| l.starts_with(": warta"))
            {
                return rx;
            }
        }
        panic!("event stream did not open");
    }

    /// Waits until the served `target` satisfies `pred`.
    fn wait_for(&self, target: &str, pred: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (status, body) = self.get(target);
            if pred(status, &body) {
                return (status, body);
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting on {target}: {status}\n{body}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn wait_reload(events: &Receiver<String>) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if events
            .recv_timeout(Duration::from_secs(1))
            .is_ok_and(|l| l == "data: reload")
        {
            return;
        }
    }
    panic!("no reload event");
}

#[test]
fn edit_add_delete_and_break_a_post_while_serving() {
    let site = Site::fixture("minimal");
    let server = Server::start(&site, &[]);
    let (status, page) = server.get("/berita/posyandu-krajan/");
    assert_eq!(status, 200);
    assert!(page.contains("Posyandu Balita Dusun Krajan"));
    assert!(page.contains("/__warta/events"), "reload script injected");

    // Edit: a reload event, and the new text.
    let events = server.events();
    site.edit(POST, "menimbang 64 balita", "menimbang 71 balita");
    wait_reload(&events);
    server.wait_for("/berita/posyandu-krajan/", |s, b| {
        s == 200 && b.contains("menimbang 71 balita")
    });

    // Add: listed at once, and its page served.
    site.write(
        "content/berita/2025-09-01-panen-raya.md",
        "+++\ntitle = \"Panen Raya Jagung\"\ndate = 2025-09-01\n+++\nPanen.\n",
    );
    server.wait_for("/berita/", |s, b| {
        s == 200 && b.contains("Panen Raya Jagung")
    });
    assert_eq!(server.get("/berita/panen-raya/").0, 200);

    // Delete: gone from the list, and its URL answers 404.
    std::fs::remove_file(site.path("content/berita/2025-09-01-panen-raya.md")).unwrap();
    server.wait_for("/berita/panen-raya/", |s, _| s == 404);
    server.wait_for("/berita/", |_, b| !b.contains("Panen Raya Jagung"));

    // Break the front matter: the last good page stays, with the overlay.
    site.edit(POST, "title = ", "judul = ");
    let (_, broken) = server.wait_for("/berita/posyandu-krajan/", |_, b| b.contains("warta-error"));
    assert!(
        broken.contains("menimbang 71 balita"),
        "last good page still served"
    );
    assert!(broken.contains(&format!("{POST}:2:1")), "{broken}");
    assert!(broken.contains("Ganti `judul` dengan `title`"));
    let (_, home) = server.get("/");
    assert!(home.contains("warta-error"), "every page shows the overlay");

    // Fix it: the overlay goes.
    site.edit(POST, "judul = ", "title = ");
    server.wait_for("/berita/posyandu-krajan/", |s, b| {
        s == 200 && !b.contains("warta-error")
    });

    // Serving never writes into the site's public/.
    assert!(!site.path("public").exists());
}

#[test]
fn only_files_of_the_built_site_are_served() {
    let site = Site::fixture("minimal");
    site.write("static/robots.txt", "User-agent: *\n");
    std::fs::write(site.dir.path().join("rahasia.txt"), "RAHASIA").unwrap();
    // A link out of the site (`static/tautan.txt`) refuses the whole
    // build: hostile::files::unix::links_out_of_the_site_are_refused….
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/robots.txt").0, 200);
    for target in [
        "/../rahasia.txt",
        "/%2e%2e/rahasia.txt",
        "/..%2frahasia.txt",
        "/%252e%252e/rahasia.txt",
        "/berita/..\\..\\rahasia.txt",
        "/rahasia.txt%00.html",
        "/tautan.txt",
        "/static/robots.txt",
        "/warta.toml",
        "/content/berita/2025-08-26-posyandu-krajan.md",
        "/.warta-output",
    ] {
        let (status, body) = server.get(target);
        assert!(status == 404 || status == 400, "{target}: {status}");
        assert!(
            !body.contains("RAHASIA") && !body.contains("base_url"),
            "{target} leaked"
        );
    }
    let (status, _) = server.get_raw("POST", "/");
    assert_eq!(status, 405);
    let (status, _) = server.get_raw("DELETE", "/berita/");
    assert_eq!(status, 405);
    let head = server.headers("/style.css");
    assert!(
        head.contains("Content-Type: text/css; charset=utf-8"),
        "{head}"
    );
    let head = server.headers("/berita/posyandu-krajan/");
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
}

#[test]
fn a_sub_path_site_is_served_at_its_sub_path() {
    let site = Site::fixture("minimal");
    site.edit(
        "warta.toml",
        "https://kim-uji.example.org",
        "https://x.github.io/sukamaju",
    );
    let server = Server::start(&site, &[]);
    let (status, home) = server.get("/sukamaju/");
    assert_eq!(status, 200);
    assert!(
        home.contains("href=\"/sukamaju/berita/posyandu-krajan/\""),
        "links carry the sub-path"
    );
    assert!(
        home.contains("\"/sukamaju/__warta/events\""),
        "live reload at the sub-path"
    );
    assert_eq!(server.get("/sukamaju/style.css").0, 200);
    assert_eq!(server.get("/sukamaju/berita/posyandu-krajan/").0, 200);
    assert_eq!(server.get("/").0, 302);
    assert_eq!(server.get("/berita/posyandu-krajan/").0, 404);
    let events = server.events();
    site.edit(POST, "menimbang 64 balita", "menimbang 80 balita");
    wait_reload(&events);
}

#[test]
fn an_editor_save_through_a_temp_file_is_one_reload() {
    let site = Site::fixture("minimal");
    let server = Server::start(&site, &[]);
    let events = server.events();
    let text = site
        .read(POST)
        .replace("menimbang 64 balita", "menimbang 90 balita");
    // How many editors save: a swap file, a temp file, then a rename over the original.
    site.write("content/berita/.2025-08-26-posyandu-krajan.md.swp", "swap");
    site.write("content/berita/2025-08-26-posyandu-krajan.md.tmp", &text);
    std::fs::rename(
        site.path("content/berita/2025-08-26-posyandu-krajan.md.tmp"),
        site.path(POST),
    )
    .unwrap();
    std::fs::remove_file(site.path("content/berita/.2025-08-26-posyandu-krajan.md.swp")).unwrap();
    wait_reload(&events);
    server.wait_for("/berita/posyandu-krajan/", |s, b| {
        s == 200 && b.contains("menimbang 90 balita")
    });
    // No second reload for the same save.
    let extra = events.recv_timeout(Duration::from_millis(1500));
    assert!(
        !extra.is_ok_and(|l| l == "data: reload"),
        "a second reload for one save"
    );
}

#[test]
fn a_changed_template_rebuilds_every_page() {
    let site = Site::fixture("minimal");
    let server = Server::start(&site, &[]);
    let events = server.events();
    site.write(
        "templates/post.html",
        "{% extends \"base.html\" %}{% block main %}<p>TEMPLAT BARU {{ page.title }}</p>{% endblock main %}",
    );
    wait_reload(&events);
    server.wait_for("/berita/kerja-bakti/", |s, b| {
        s == 200 && b.contains("TEMPLAT BARU Kerja Bakti")
    });
}

/// The search index is made in memory like a page: served as JavaScript,
/// without the reload script, every part of it as `build` writes it, and
/// made again when a post's words change.
#[test]
fn the_search_index_is_served_as_a_script_and_follows_edits() {
    let site = Site::fixture("minimal");
    site.build_ok();
    let server = Server::start(&site, &[]);
    let head = server.headers("/cari/index.js");
    assert!(
        head.contains("Content-Type: text/javascript; charset=utf-8"),
        "{head}"
    );
    let (status, js) = server.get("/cari/index.js");
    assert_eq!(status, 200);
    assert!(js.starts_with("window.WARTA_CARI={"), "{js}");
    assert!(!js.contains("__warta"));
    let parts = walkdir::WalkDir::new(site.path("public/cari"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "js"));
    let mut served = 0;
    for part in parts {
        let rel = part.path().strip_prefix(site.path("public")).unwrap();
        let url = format!("/{}", rel.to_str().unwrap());
        let built = std::fs::read_to_string(part.path()).unwrap();
        assert_eq!(server.get(&url), (200, built), "{url}");
        served += 1;
    }
    // Every file index.js names: itself, a vocabulary for each letter of
    // "l", "m" chunks and the blocks of "n" documents, "b" a block.
    let first: serde_json::Value = serde_json::from_str(
        js.trim_end()
            .trim_end_matches(';')
            .split_once('=')
            .unwrap()
            .1,
    )
    .unwrap();
    let count = |k: &str| first[k].as_u64().unwrap() as usize;
    let named =
        1 + first["l"].as_str().unwrap().len() + count("m") + count("n").div_ceil(count("b"));
    assert!(
        served >= 3 && served == named,
        "{served} parts of the index, {named} named"
    );
    let events = server.events();
    site.edit(
        POST,
        "menimbang 64 balita",
        "menimbang 64 balita gotongroyong",
    );
    wait_reload(&events);
    // The new word is in the chunk of the stems from the last of `k` not
    // after it on (src/search/files.rs).
    server.wait_for("/cari/index.js", |s, b| s == 200 && b != js);
    let (_, js) = server.get("/cari/index.js");
    let bounds = js
        .split("\"k\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let chunk = bounds
        .split(' ')
        .filter(|b| !b.is_empty() && *b <= "gotongroyong")
        .count();
    let (status, part) = server.get(&format!("/cari/kata/{chunk}.js"));
    let stems = part
        .split("\"w\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        status == 200 && stems.split(' ').any(|s| s == "gotongroyong"),
        "{part}"
    );
}

/// `serve` shows photos from the same cache as `build`, and saving a post
/// does not process its photo again; a replaced photo is.
#[test]
fn photos_are_served_from_the_cache_and_not_processed_again_on_save() {
    let site = Site::fixture("minimal");
    let dir = "content/berita/2025-08-19-rumah-warga";
    site.write(
        &format!("{dir}/index.md"),
        "+++\ntitle = \"Rumah Warga\"\ndate = 2025-08-19\nimage = \"foto.jpg\"\nimage_alt = \"Warga\"\n+++\nWarga bekerja bakti.\n",
    );
    site.write(
        &format!("{dir}/foto.jpg"),
        crate::images::phone_jpeg(1200, 900),
    );
    let server = Server::start(&site, &[]);
    let (status, page) = server.get("/berita/rumah-warga/");
    assert_eq!(status, 200);
    assert!(page.contains("width=\"900\" height=\"1200\""), "{page}");
    let (status, webp) = server.get("/berita/rumah-warga/foto-480w.webp");
    assert_eq!(status, 200);
    assert!(webp.starts_with("RIFF"));
    assert_eq!(
        server.get("/berita/rumah-warga/foto.jpg").0,
        404,
        "the original"
    );
    let cache = || {
        let mut v: Vec<_> = std::fs::read_dir(site.path(".warta-cache/images"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    let before = cache();
    assert_eq!(before.len(), 1);
    let stamp = std::fs::metadata(before[0].join("info"))
        .unwrap()
        .modified()
        .unwrap();

    let events = server.events();
    site.edit(
        &format!("{dir}/index.md"),
        "bekerja bakti",
        "bergotong royong",
    );
    wait_reload(&events);
    server.wait_for("/berita/rumah-warga/", |s, b| {
        s == 200 && b.contains("bergotong royong")
    });
    assert_eq!(cache(), before, "the photo was processed again");
    let again = std::fs::metadata(before[0].join("info"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(again, stamp);

    // A new photo under the same name: its new size shows.
    site.write(
        &format!("{dir}/foto.jpg"),
        crate::images::phone_jpeg(800, 600),
    );
    server.wait_for("/berita/rumah-warga/", |s, b| {
        s == 200 && b.contains("width=\"600\" height=\"800\"")
    });
}

#[test]
fn a_date_out_of_range_saved_while_serving_shows_the_overlay() {
    let site = Site::fixture("minimal");
    let server = Server::start(&site, &[]);
    assert_eq!(server.get("/berita/posyandu-krajan/").0, 200);
    // Year 0 once panicked in the RSS date filter and killed the server.
    site.edit(
        POST,
        "date = 2025-08-26T09:30:00+07:00",
        "date = 0000-01-01T00:00:00+08:00\nexpires = 9999-12-31",
    );
    let (_, broken) = server.wait_for("/berita/posyandu-krajan/", |_, b| b.contains("warta-error"));
    assert!(broken.contains(&format!("{POST}:3:8")), "{broken}");
    assert!(broken.contains(&format!("{POST}:4:11")), "{broken}");
    assert!(broken.contains("hapus saja baris `expires`"), "{broken}");
    site.edit(
        POST,
        "date = 0000-01-01T00:00:00+08:00\nexpires = 9999-12-31",
        "date = 2025-08-26T09:30:00+07:00",
    );
    server.wait_for("/berita/posyandu-krajan/", |s, b| {
        s == 200 && !b.contains("warta-error")
    });
}

/// The share card a page names in `og:image`, as a path on the server.
fn card_path(page: &str) -> String {
    let at = page.find("<meta property=\"og:image\" content=\"").unwrap() + 35;
    let url = &page[at..at + page[at..].find('"').unwrap()];
    let path = &url[url
        .find("/kartu/")
        .unwrap_or_else(|| panic!("no card: {url}"))..];
    path.to_string()
}

#[test]
fn share_cards_are_served_and_a_save_makes_only_the_new_title_s_card() {
    let site = Site::fixture("minimal");
    let server = Server::start(&site, &[]);
    let (status, page) = server.get("/berita/musim-tanam/");
    assert_eq!(status, 200);
    let card = card_path(&page);
    assert_eq!(server.get(&card).0, 200);
    assert!(server.headers(&card).contains("image/jpeg"), "{card}");
    let cache = || -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(site.path(".warta-cache/cards"))
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| (e.path(), e.metadata().unwrap().modified().unwrap()))
            .collect();
        v.sort();
        v
    };
    let before = cache();
    assert!(before.len() > 5, "{before:?}");

    let events = server.events();
    site.edit(
        "content/berita/2025-07-01-musim-tanam.md",
        "Musim Tanam Dimulai",
        "Musim Tanam Gadu Dimulai",
    );
    wait_reload(&events);
    let (_, page) = server.wait_for("/berita/musim-tanam/", |s, b| {
        s == 200 && b.contains("Musim Tanam Gadu Dimulai")
    });
    let new = card_path(&page);
    assert_ne!(new, card);
    assert_eq!(server.get(&new).0, 200);
    let after = cache();
    assert_eq!(after.len(), before.len() + 1, "one new card, no other");
    for entry in &before {
        assert!(after.contains(entry), "{entry:?} was made again");
    }
}
