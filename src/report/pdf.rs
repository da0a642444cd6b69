//! A standalone report printed to PDF by headless Chromium, when one is
//! installed: warta ships no PDF engine of its own (a layout engine for
//! one command would double the binary), and the page's print rules
//! (`laporan.css`: A4, margins) are what a person printing from the
//! browser gets too.
//!
//! Chromium is looked for as the browser tests look for it:
//! `WARTA_CHROMIUM`, else `chromium`, `chromium-browser`, `google-chrome`
//! or `google-chrome-stable` on `PATH`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::diag::Diagnostic;
use crate::text;

/// Names Chromium goes by on Linux distributions and macOS's Homebrew.
const NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How long a print may take before Chromium is stopped.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The Chromium to print with, if any.
pub fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("WARTA_CHROMIUM") {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let dirs = std::env::var_os("PATH")?;
    std::env::split_paths(&dirs)
        .flat_map(|dir| NAMES.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Prints `html` (a standalone page on disk) to `pdf`. `scratch` is an
/// empty folder Chromium may use as its profile; the caller removes it.
pub fn print(chromium: &Path, html: &Path, pdf: &Path, scratch: &Path) -> Result<(), Diagnostic> {
    let url = file_url(&crate::fsx::canonicalize(html)?);
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            // A file warta made, with nothing to fetch; the sandbox
            // cannot start as root (containers, CI).
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", scratch.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed(chromium, &e.to_string()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(chromium, "timeout"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(failed(chromium, &e.to_string())),
        }
    };
    let made = std::fs::metadata(pdf).is_ok_and(|m| m.len() > 0);
    if status.success() && made {
        Ok(())
    } else {
        Err(failed(chromium, &status.to_string()))
    }
}

/// `path` (absolute) as a `file://` URL: `/` separators, a `/` before a
/// Windows drive (`file:///C:/…`, without the `\\?\` that
/// `canonicalize` puts there), and the characters a URL gives a meaning
/// to (`#`, `?`, `%`, space) escaped, so a site folder named
/// `Desa #1` still prints.
fn file_url(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("//?/").unwrap_or(&s);
    let mut url = String::from("file://");
    if !s.starts_with('/') {
        url.push('/');
    }
    for c in s.chars() {
        match c {
            '%' | '#' | '?' | ' ' | '"' | '<' | '>' => url.push_str(&format!("%{:02X}", c as u32)),
            c => url.push(c),
        }
    }
    url
}

fn failed(chromium: &Path, cause: &str) -> Diagnostic {
    let c = chromium.display();
    Diagnostic::error(text!(
        "Chromium ({c}) gagal mencetak laporan ke PDF ({cause}).",
        "Chromium ({c}) failed to print the report to PDF ({cause})."
    ))
    .hint(text!(
        "Berkas HTML-nya tetap ada: buka di peramban lalu Cetak > Simpan sebagai PDF.",
        "The HTML file is still there: open it in a browser, then Print > Save as PDF."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_what_a_url_gives_meaning_to() {
        let url = |p: &str| file_url(Path::new(p));
        assert_eq!(
            url("/home/kim/laporan/a.html"),
            "file:///home/kim/laporan/a.html"
        );
        assert_eq!(
            url("/srv/Desa #1/50% jadi?.html"),
            "file:///srv/Desa%20%231/50%25%20jadi%3F.html"
        );
        assert_eq!(
            url("/tmp/Sukamaju Berdaya/é.html"),
            "file:///tmp/Sukamaju%20Berdaya/é.html"
        );
        assert_eq!(url("\\\\?\\C:\\desa\\a.html"), "file:///C:/desa/a.html");
    }
}
