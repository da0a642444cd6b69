//! Turning a request target into a file of the built site, safely.
//!
//! The preview serves only what the build produced: a request names a key
//! in the in-memory site, never a path that is joined onto a folder. Even
//! so, anything that looks like an escape (`..` in any encoding, a
//! backslash, a NUL byte, a drive letter) is refused outright, so a
//! future change to how files are looked up cannot open a hole.

/// What a request target resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A key into the built site (`berita/x/index.html`).
    File(String),
    /// The live-reload event stream.
    Events,
    /// Redirect to this path (e.g. `/` → `/sukamaju/`).
    Redirect(String),
    /// 400: a target that tries to leave the site or is malformed.
    Bad,
    /// 404: outside the site's path.
    NotFound,
}

pub const EVENTS_PATH: &str = "__warta/events";

/// Decodes `%XX` once. `None` for malformed escapes.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Resolves a request target against the site's root path (`/` or
/// `/sukamaju/`).
pub fn resolve(target: &str, root_path: &str) -> Target {
    // Absolute form (`http://host/path`) carries the path after the host.
    let target = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => target,
    };
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(bytes) = percent_decode(path) else {
        return Target::Bad;
    };
    let Ok(path) = String::from_utf8(bytes) else {
        return Target::Bad;
    };
    if !path.starts_with('/')
        || path.contains('\0')
        || path.contains('\\')
        || path
            .split('/')
            .any(|seg| seg == ".." || seg == "." || seg.contains(':'))
    {
        return Target::Bad;
    }
    if path == format!("/{EVENTS_PATH}") || path == format!("{root_path}{EVENTS_PATH}") {
        return Target::Events;
    }
    let Some(rest) = path.strip_prefix(root_path) else {
        return if path == "/" || format!("{path}/") == root_path {
            Target::Redirect(root_path.to_string())
        } else {
            Target::NotFound
        };
    };
    let rest = rest.trim_start_matches('/');
    if rest
        .split('/')
        .any(|seg| seg.starts_with('.') && !seg.is_empty())
    {
        return Target::NotFound;
    }
    if rest.is_empty() || rest.ends_with('/') {
        Target::File(format!("{rest}index.html"))
    } else {
        Target::File(rest.to_string())
    }
}

/// The `Content-Type` for a file name.
pub fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "geojson" => "application/geo+json; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "webp" => "image/webp",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "ogv" => "video/ogg",
        "3gp" => "video/3gpp",
        "mov" => "video/quicktime",
        "mp3" => "audio/mpeg",
        "m4a" | "aac" => "audio/mp4",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "wav" => "audio/wav",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::{Target, content_type, resolve};

    fn file(s: &str) -> Target {
        Target::File(s.to_string())
    }

    #[test]
    fn resolves_site_paths() {
        assert_eq!(resolve("/", "/"), file("index.html"));
        assert_eq!(
            resolve("/berita/x/?utm=wa#top", "/"),
            file("berita/x/index.html")
        );
        assert_eq!(resolve("/style.css", "/"), file("style.css"));
        assert_eq!(
            resolve("/berita/foto%20desa.jpg", "/"),
            file("berita/foto desa.jpg")
        );
        assert_eq!(
            resolve("http://127.0.0.1:1111/kim/", "/"),
            file("kim/index.html")
        );
        assert_eq!(resolve("/__warta/events", "/"), Target::Events);
    }

    #[test]
    fn serves_a_sub_path_site_at_its_sub_path() {
        assert_eq!(resolve("/sukamaju/", "/sukamaju/"), file("index.html"));
        assert_eq!(
            resolve("/sukamaju/berita/", "/sukamaju/"),
            file("berita/index.html")
        );
        assert_eq!(
            resolve("/", "/sukamaju/"),
            Target::Redirect("/sukamaju/".into())
        );
        assert_eq!(
            resolve("/sukamaju", "/sukamaju/"),
            Target::Redirect("/sukamaju/".into())
        );
        assert_eq!(resolve("/berita/", "/sukamaju/"), Target::NotFound);
        assert_eq!(
            resolve("/sukamaju/__warta/events", "/sukamaju/"),
            Target::Events
        );
    }

    #[test]
    fn refuses_every_escape() {
        for bad in [
            "/../etc/passwd",
            "/berita/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fetc%2fpasswd",
            "/..%5c..%5cwindows",
            "/berita\\..\\x",
            "/x%00.html",
            "/C:/Windows/win.ini",
            "/%zz",
            "/%c0%ae%c0%ae/",
            "etc/passwd",
        ] {
            assert_eq!(resolve(bad, "/"), Target::Bad, "{bad}");
        }
        // Double-encoded dots decode once to a literal name, which no built file has.
        assert_eq!(
            resolve("/%252e%252e/etc/passwd", "/"),
            file("%2e%2e/etc/passwd")
        );
        assert_eq!(resolve("/.warta-output", "/"), Target::NotFound);
    }

    #[test]
    fn knows_content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("rss.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("agenda.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("x.WEBP"), "image/webp");
        assert_eq!(content_type("logo.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("media/musdes.MP4"), "video/mp4");
        assert_eq!(content_type("media/rekaman.mp3"), "audio/mpeg");
        assert_eq!(content_type("media/pesan.opus"), "audio/ogg");
        assert_eq!(
            content_type("profile.json"),
            "application/json; charset=utf-8"
        );
    }
}
