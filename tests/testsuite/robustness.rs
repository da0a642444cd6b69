//! User input never panics warta: every truncation of a site's files
//! gives a result (a site or a list of problems), never a panic.

use std::panic::{AssertUnwindSafe, catch_unwind};

use warta::site::{BuildRequest, Site as Builder};

use crate::support::Site;

fn check_survives(site: &Site) -> Result<(), String> {
    let req = BuildRequest {
        root: site.root(),
        output: None,
        drafts: false,
        base_url: None,
        portable: false,
        options_now: None,
        strict: false,
    };
    match catch_unwind(AssertUnwindSafe(|| Builder::check(&req))) {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(f)) => {
            // A failure must say where: every error names a file.
            match f.problems.errors().find(|d| d.file.is_none()) {
                Some(d) => Err(format!("error without a file: {}", d.message.en)),
                None => Ok(()),
            }
        }
        Err(_) => Err("panicked".to_string()),
    }
}

#[test]
fn truncated_files_never_panic() {
    let site = Site::fixture("minimal");
    for file in [
        "content/berita/2025-08-26-posyandu-krajan.md",
        "warta.toml",
        "profile.toml",
    ] {
        let text = site.read(file);
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(3).collect();
        for cut in cuts {
            site.write(file, &text[..cut]);
            if let Err(e) = check_survives(&site) {
                panic!("{file} cut at byte {cut}: {e}\n---\n{}", &text[..cut]);
            }
        }
        site.write(file, &text);
    }
}

#[test]
fn mangled_front_matter_never_panics() {
    let site = Site::fixture("minimal");
    let file = "content/berita/2025-08-26-posyandu-krajan.md";
    let text = site.read(file);
    let mangles: Vec<fn(&str) -> String> = vec![
        |s| s.replace('"', ""),
        |s| s.replace('=', ":"),
        |s| s.replace('[', ""),
        |s| s.replace("+++", "++"),
        |s| s.replace('\n', "\r"),
        |s| s.replace("2025", "20250"),
        |s| s.replace("09:30:00", "29:70:00"),
        |s| s.replace("](", "](../../../../"),
        |s| format!("{s}\n[x](#)\n![](\u{0}.jpg)\n<script>x</script>"),
        |s| s.repeat(3),
    ];
    for (i, m) in mangles.iter().enumerate() {
        site.write(file, m(&text));
        if let Err(e) = check_survives(&site) {
            panic!("mangle {i}: {e}");
        }
    }
}
