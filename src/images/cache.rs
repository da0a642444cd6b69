//! `.warta-cache/images/`: processed photos kept between builds.
//!
//! One folder per source and settings, named by a 128-bit SipHash of the
//! source's bytes and of the settings: `<key>/480.webp`, `<key>/480.jpg`,
//! …, `<key>/og.jpg` and `<key>/info`, which lists them. A folder is
//! written under a temporary name and renamed into place, so a build that
//! is stopped half-way leaves no half-written entry, and two builds of the
//! same site may share the cache. Nothing here is ever published as it
//! is named: the build copies files out under their web names.

use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use siphasher::sip128::{Hasher128, SipHasher13};

use super::process::{Fallback, Output};
use crate::diag::Diagnostic;
use crate::fsx;

/// The site folder's cache, as `init` git-ignores it.
pub const CACHE_DIR: &str = ".warta-cache";

/// What a cache entry holds, read back from its `info` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub fallback: Fallback,
    /// (width, height), ascending.
    pub variants: Vec<(u32, u32)>,
    pub og: (u32, u32),
}

impl Manifest {
    pub fn of(out: &Output) -> Manifest {
        Manifest {
            width: out.width,
            height: out.height,
            alpha: out.alpha,
            fallback: out.fallback,
            variants: out.variants.iter().map(|v| (v.width, v.height)).collect(),
            og: (out.og.0, out.og.1),
        }
    }

    fn to_text(&self) -> String {
        let mut s = format!(
            "warta-images 1\nsource {} {} {} {}\nog {} {}\n",
            self.width,
            self.height,
            u8::from(self.alpha),
            self.fallback.ext(),
            self.og.0,
            self.og.1
        );
        for (w, h) in &self.variants {
            s.push_str(&format!("variant {w} {h}\n"));
        }
        s
    }

    fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != "warta-images 1" {
            return None;
        }
        let nums =
            |rest: &str| -> Option<Vec<u32>> { rest.split(' ').map(|n| n.parse().ok()).collect() };
        let source: Vec<&str> = lines.next()?.strip_prefix("source ")?.split(' ').collect();
        let [w, h, a, ext] = source.as_slice() else {
            return None;
        };
        let fallback = match *ext {
            "jpg" => Fallback::Jpeg,
            "png" => Fallback::Png,
            _ => return None,
        };
        let og = nums(lines.next()?.strip_prefix("og ")?)?;
        let mut variants = Vec::new();
        for line in lines {
            match nums(line.strip_prefix("variant ")?)?.as_slice() {
                [w, h] => variants.push((*w, *h)),
                _ => return None,
            }
        }
        Some(Manifest {
            width: w.parse().ok()?,
            height: h.parse().ok()?,
            alpha: *a == "1",
            fallback,
            variants,
            og: match og.as_slice() {
                [w, h] => (*w, *h),
                _ => return None,
            },
        })
        .filter(|m| !m.variants.is_empty())
    }
}

/// The file names inside an entry's folder.
pub fn webp_file(width: u32) -> String {
    format!("{width}.webp")
}

pub fn fallback_file(width: u32, f: Fallback) -> String {
    format!("{width}.{}", f.ext())
}

pub const OG_FILE: &str = "og.jpg";

/// The cache key of a source under some settings.
pub fn key(bytes: &[u8], settings: &str) -> String {
    let mut h = SipHasher13::new();
    h.write(bytes);
    h.write(settings.as_bytes());
    format!("{:032x}", h.finish128().as_u128())
}

pub struct DiskCache {
    root: PathBuf,
    dir: PathBuf,
}

static TEMP: AtomicU64 = AtomicU64::new(0);

impl DiskCache {
    pub fn new(site_root: &Path) -> DiskCache {
        DiskCache {
            root: site_root.to_path_buf(),
            dir: site_root.join(CACHE_DIR).join("images"),
        }
    }

    pub fn site_root(&self) -> &Path {
        &self.root
    }

    pub fn entry_dir(&self, key: &str) -> PathBuf {
        self.dir.join(key)
    }

    /// The entry for `key`, when it is whole.
    pub fn load(&self, key: &str) -> Option<Manifest> {
        let dir = self.entry_dir(key);
        // An entry that cannot be read is a miss: the photo is made again.
        let m = Manifest::parse(&fsx::read_text(&dir.join("info")).ok()?)?;
        let whole = m.variants.iter().all(|(w, _)| {
            dir.join(webp_file(*w)).is_file() && dir.join(fallback_file(*w, m.fallback)).is_file()
        }) && dir.join(OG_FILE).is_file();
        whole.then_some(m)
    }

    /// Writes an entry: into a temporary folder, then renamed into place.
    pub fn store(&self, key: &str, out: &Output) -> Result<Manifest, Diagnostic> {
        let manifest = Manifest::of(out);
        let n = TEMP.fetch_add(1, Ordering::Relaxed);
        let tmp = self
            .dir
            .join(format!(".tmp-{}-{n}-{key}", std::process::id()));
        let write = || -> Result<(), Diagnostic> {
            for v in &out.variants {
                fsx::write(&tmp.join(webp_file(v.width)), &v.webp)?;
                fsx::write(&tmp.join(fallback_file(v.width, out.fallback)), &v.fallback)?;
            }
            fsx::write(&tmp.join(OG_FILE), &out.og.2)?;
            fsx::write(&tmp.join("info"), manifest.to_text())
        };
        let done = write().and_then(|()| {
            let dest = self.entry_dir(key);
            if dest.exists() {
                // A stale or half-deleted entry, or another build's: ours is whole.
                let _ = fsx::remove_dir_all(&dest);
            }
            // Another build storing the same photo at once may have won
            // the rename: its entry is as good as ours.
            fsx::rename(&tmp, &dest).or_else(|e| match self.load(key) {
                Some(_) => Ok(()),
                None => Err(e),
            })
        });
        if tmp.exists() {
            let _ = fsx::remove_dir_all(&tmp);
        }
        done.map(|()| manifest)
    }
}

#[cfg(test)]
mod tests {
    use super::{Fallback, Manifest, key};

    #[test]
    fn manifests_read_back_and_refuse_garbage() {
        let m = Manifest {
            width: 4000,
            height: 3000,
            alpha: false,
            fallback: Fallback::Jpeg,
            variants: vec![(480, 360), (960, 720)],
            og: (1200, 900),
        };
        assert_eq!(Manifest::parse(&m.to_text()), Some(m));
        for bad in [
            "",
            "warta-images 2\n",
            "warta-images 1\nsource 1 2 0 gif\nog 1 2\n",
        ] {
            assert_eq!(Manifest::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn keys_follow_bytes_and_settings() {
        assert_eq!(key(b"a", "s"), key(b"a", "s"));
        assert_ne!(key(b"a", "s"), key(b"b", "s"));
        assert_ne!(key(b"a", "s"), key(b"a", "t"));
        assert_eq!(key(b"a", "s").len(), 32);
    }
}
