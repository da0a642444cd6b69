//! The village globs of `network.toml` (`desa/*`, `kec-*/desa-?`):
//! `*` matches any run of characters within one folder name and `?` one
//! character; there is no `**`, no `[...]`, no `..`, no absolute path, so
//! a glob can only name folders below the network root. A dozen lines of
//! matching, not a dependency: nothing else of a glob language is needed.

use std::path::Path;

use crate::diag::Text;
use crate::{fsx, text};

/// Top-level folders of a network root that a wildcard never matches:
/// the output and the portal's own sources.
const NOT_VILLAGES: [&str; 2] = ["public", "portal"];

/// Whether `name` matches one glob segment.
pub fn matches(segment: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match p.split_first() {
            None => n.is_empty(),
            Some(('*', rest)) => (0..=n.len()).any(|i| go(rest, &n[i..])),
            Some(('?', rest)) => !n.is_empty() && go(rest, &n[1..]),
            Some((c, rest)) => n.first() == Some(c) && go(rest, &n[1..]),
        }
    }
    let p: Vec<char> = segment.chars().collect();
    let n: Vec<char> = name.chars().collect();
    go(&p, &n)
}

/// Why `pattern` may not be used, if it reaches outside the root.
pub fn escapes(pattern: &str) -> Option<Text> {
    let absolute = pattern.starts_with('/')
        || pattern.contains('\\')
        || pattern.contains(':')
        || pattern.trim().is_empty();
    if absolute || pattern.split('/').any(|s| s == "..") {
        return Some(text!(
            "Pola desa `{pattern}` keluar dari folder jaringan.",
            "The village glob `{pattern}` leaves the network folder."
        ));
    }
    None
}

/// The folders below `root` that `pattern` matches, as `/`-separated
/// paths relative to it, sorted. Hidden folders (`.git`) are never
/// matched by a wildcard, nor `public/` and `portal/` at the top.
pub fn expand(root: &Path, pattern: &str) -> Vec<String> {
    let mut found = vec![String::new()];
    for segment in pattern.split('/').filter(|s| !s.is_empty() && *s != ".") {
        let wild = segment.contains(['*', '?']);
        let mut next = Vec::new();
        for rel in &found {
            let dir = if rel.is_empty() {
                root.to_path_buf()
            } else {
                root.join(rel)
            };
            let join = |name: &str| {
                if rel.is_empty() {
                    name.to_string()
                } else {
                    format!("{rel}/{name}")
                }
            };
            if !wild {
                if dir.join(segment).is_dir() {
                    next.push(join(segment));
                }
                continue;
            }
            let Ok(entries) = fsx::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let name = entry.file_name().to_string_lossy().into_owned();
                let skipped = name.starts_with('.')
                    || rel.is_empty() && NOT_VILLAGES.contains(&name.as_str());
                if !skipped && entry.path().is_dir() && matches(segment, &name) {
                    next.push(join(&name));
                }
            }
        }
        found = next;
    }
    found.retain(|rel| !rel.is_empty());
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::{escapes, expand, matches};

    #[test]
    fn segments() {
        for (p, n, ok) in [
            ("*", "sukamaju", true),
            ("desa-*", "desa-sukamaju", true),
            ("desa-*", "kel-sukamaju", false),
            ("?uka*", "sukamaju", true),
            ("s*j*u", "sukamaju", true),
            ("s*x", "sukamaju", false),
            ("sukamaju", "sukamaju", true),
            ("", "", true),
        ] {
            assert_eq!(matches(p, n), ok, "{p} {n}");
        }
    }

    #[test]
    fn escaping_globs() {
        for (p, bad) in [
            ("desa/*", false),
            ("./desa/*", false),
            ("../desa/*", true),
            ("desa/../../x", true),
            ("/etc/*", true),
            ("C:/desa", true),
            ("desa\\*", true),
            ("", true),
        ] {
            assert_eq!(escapes(p).is_some(), bad, "{p}");
        }
    }

    #[test]
    fn expands_below_the_root() {
        let tmp = tempfile::tempdir().unwrap();
        for d in [
            "desa/a",
            "desa/b",
            "desa/.git",
            "kec/x/desa/c",
            "portal",
            "public",
        ] {
            std::fs::create_dir_all(tmp.path().join(d)).unwrap();
        }
        std::fs::write(tmp.path().join("desa/file"), "").unwrap();
        assert_eq!(expand(tmp.path(), "desa/*"), ["desa/a", "desa/b"]);
        assert_eq!(expand(tmp.path(), "kec/*/desa/*"), ["kec/x/desa/c"]);
        assert_eq!(expand(tmp.path(), "*"), ["desa", "kec"]);
        assert_eq!(expand(tmp.path(), "desa/a"), ["desa/a"]);
        assert!(expand(tmp.path(), "nothing/*").is_empty());
    }
}
