//! Photos from phones, made light and safe for the web.
//!
//! Stage 3, between the model and rendering. Every photo the site refers
//! to (a post's `image`, `![alt](foto.jpg)` in a body, the photos of
//! `profile.toml`, and whatever a template asks for with `picture()`) is
//! decoded within limits, turned upright by its EXIF orientation, stripped
//! of every tag (the GPS position of the writer's house above all),
//! resized to `[images] widths` (never upscaled) and written as WebP and
//! as JPEG (PNG for PNG sources), plus one 1200-pixel JPEG of at most
//! 300 KB for link previews (WhatsApp shows JPEG, not WebP). Originals
//! are never published: `media/`, bundles and `content/` publish their
//! other files as they are, but a `.jpg`, `.jpeg`, `.png` or `.webp` only
//! through its processed variants, and only when a page shows it. The one
//! way to publish an original on purpose is a page linking it through
//! [`ImagePlan::original`] (for the gallery's `original = true` in
//! `album.toml`, issue 6): [`crate::site::published`] then publishes the
//! source with its metadata cut out losslessly.
//!
//! Names: `media/kantor.jpg` gives `media/kantor-480w.webp`,
//! `media/kantor-480w.jpg`, …, and `media/kantor-og.jpg`, next to where the
//! original would have been, so a bundle's photos stay in the bundle.
//!
//! ## Cache and `serve`
//!
//! Results are kept in `.warta-cache/images/` keyed by the source's bytes
//! and the settings ([`cache`]); a build copies from there. A build with
//! no new photo reads each photo once to hash it and does no image work.
//! The store itself lives as long as `serve` does, and re-reads a photo
//! only when its modification time or size changed, so saving a post
//! never touches the photos. Work runs on at most four threads (rayon),
//! which with the decoder limits below bounds memory.
//!
//! ## Limits and bad files
//!
//! The header is read first: more than 16383 pixels a side or 64 million
//! pixels in all is refused before any pixel is decoded (a 20000 × 20000
//! "decompression bomb" is a few kilobytes of PNG), and the decoder may
//! not allocate more than 512 MiB. A file that is empty, not an image, in
//! a format browsers do not take, or broken is an error naming the file
//! and every page that uses it; a PNG named `.jpg` is simply a PNG. CMYK
//! JPEGs become RGB; 16-bit PNGs become 8-bit, keeping transparency.
//!
//! ## Libraries, chosen by measurement
//!
//! Measured on this project's 2-core machine, release build, on real
//! 4000 × 2250 (1.8 MB) and 5512 × 3675 (6.5 MB) camera JPEGs; times
//! are per operation:
//!
//! | step | chosen | time | rejected | time, size |
//! |---|---|---|---|---|
//! | decode JPEG | `image` 0.25 (zune-jpeg inside; also PNG and WebP, with [`image::Limits`]) | 210–390 ms | `mozjpeg` (libjpeg-turbo, C, no SIMD without nasm) | 160–440 ms full, 80–230 ms at 1/2 scale |
//! | resize to 960 | `fast_image_resize` 6, Lanczos3 | 37–190 ms from full size; much less cascaded | `image::imageops::resize` Lanczos3 / Triangle | 360–950 ms / 205–245 ms |
//! | WebP, lossy | `webp` 0.3 (libwebp via `libwebp-sys`, built from C with `cc`) | 960 w: 87–90 ms, 19–37 KB (0.6–1.1 % of the original) | `image`'s WebP encoder | lossless only: many times larger |
//! | JPEG | `jpeg-encoder` 0.7, standard Huffman tables | 960 w: 11–12 ms, 40–81 KB | `image`'s encoder: 27–35 ms, 45–87 KB; `mozjpeg` q75: 108–124 ms, 26–47 KB; `jpeg-encoder`'s optimised tables: 10–18 % smaller, but zune-jpeg reads those files back with wrong colours | |
//! | orientation | `image`'s own EXIF reader ([`image::ImageDecoder::orientation`]) | | `kamadak-exif` | one dependency more for one tag |
//! | cache key | `siphasher` (SipHash 1-3, 128 bits, stable across Rust releases) | ~1.5 GB/s | std's `DefaultHasher` | may change between Rust releases |
//!
//! mozjpeg's smaller JPEGs (about 30 % less) were not worth ten times the
//! encoding time and a C build that needs nasm for speed: the JPEG is
//! the fallback for browsers without WebP and the link-preview image, so
//! few readers ever load it. Each size is resized from the next larger
//! one (4000 → 1600 → 1200 → 960 → 480), so the source is read once.
//! Binary and build cost of the chosen crates: `bench/images.md` (about
//! 2.7 MB stripped; `fast_image_resize` is built for RGBA only, which
//! saves 3 MB). Throughput (`bench/images.sh`, 50 phone photos of 4.5 MB,
//! 2 cores): 2.45 photos/s cold, the 960-wide WebP 1.6 % of the
//! original, a warm rebuild 0.8 % of the cold one.

pub mod cache;
pub mod card;
pub mod formats;
pub mod markup;
mod messages;
pub mod plan;
pub mod process;
mod progress;
pub mod refs;
pub mod strip;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Lang, Text};
use crate::load::config::ImageSettings;
use crate::load::content::Stamp;
pub use crate::load::{Asset, is_photo};
use crate::text;

use cache::DiskCache;
pub use plan::{ImagePlan, Published, Uses, recording};
use process::{Fallback, Problem, Settings};
use progress::Progress;
pub use refs::ImageRef;

/// Bumped whenever what the pipeline writes changes, so old cache
/// entries are not reused.
const PIPELINE: &str = "warta-images-1";

/// One source, processed (or, in `check`, only decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Processed {
    /// Where the original would be published: `media/kantor.jpg`.
    pub dest: String,
    /// Upright size of the source.
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub fallback: Fallback,
    /// (width, height), ascending.
    pub variants: Vec<(u32, u32)>,
    pub og: (u32, u32),
    /// The cache folder holding the files; `None` when nothing was written.
    pub dir: Option<PathBuf>,
}

/// `media/kantor.jpg` + `-480w.webp` → `media/kantor-480w.webp`.
fn sibling(dest: &str, suffix: &str) -> String {
    let name_at = dest.rfind('/').map_or(0, |i| i + 1);
    let stem = match dest[name_at..].rfind('.') {
        Some(dot) if dot > 0 => &dest[..name_at + dot],
        _ => dest,
    };
    format!("{stem}{suffix}")
}

impl Processed {
    pub fn webp_dest(&self, width: u32) -> String {
        sibling(&self.dest, &format!("-{width}w.webp"))
    }

    pub fn fallback_dest(&self, width: u32) -> String {
        sibling(&self.dest, &format!("-{width}w.{}", self.fallback.ext()))
    }

    pub fn og_dest(&self) -> String {
        sibling(&self.dest, "-og.jpg")
    }

    /// The largest variant: (width, height).
    pub fn largest(&self) -> (u32, u32) {
        self.variants
            .last()
            .copied()
            .unwrap_or((self.width, self.height))
    }

    /// Every output path this image may be asked for by, with the files
    /// behind them (none in `check`).
    fn files(&self, og: bool) -> Vec<Asset> {
        let Some(dir) = &self.dir else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for &(w, _) in &self.variants {
            out.push(Asset {
                src: dir.join(cache::webp_file(w)),
                dest: self.webp_dest(w),
            });
            out.push(Asset {
                src: dir.join(cache::fallback_file(w, self.fallback)),
                dest: self.fallback_dest(w),
            });
        }
        if og {
            out.push(Asset {
                src: dir.join(cache::OG_FILE),
                dest: self.og_dest(),
            });
        }
        out
    }

    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .variants
            .iter()
            .flat_map(|&(w, _)| [self.webp_dest(w), self.fallback_dest(w)])
            .collect();
        v.push(self.og_dest());
        v
    }
}

struct Slot {
    file: PathBuf,
    stamp: Stamp,
    result: Result<Arc<Processed>, Problem>,
}

/// Every photo of a site, processed on first use and kept. Shared by the
/// build's stages and, in `serve`, from one rebuild to the next.
pub struct ImageStore {
    cache: DiskCache,
    settings: Settings,
    /// What the settings add to each cache key.
    settings_key: String,
    /// `false` for `warta check`: decode to find bad files, write nothing.
    write: bool,
    /// The photos of the site by the output path of the original.
    sources: RwLock<HashMap<String, PathBuf>>,
    /// Output paths of files published as they are.
    as_is: RwLock<HashSet<String>>,
    slots: Mutex<HashMap<String, Arc<Mutex<Option<Slot>>>>>,
    /// Variant output path → original's output path.
    names: RwLock<HashMap<String, String>>,
    /// Counts changes to images already seen, for `serve` to re-render.
    generation: AtomicU64,
    /// The share cards pages asked for.
    cards: card::Cards,
}

impl ImageStore {
    pub fn new(site_root: &Path, settings: &ImageSettings, write: bool) -> ImageStore {
        let settings = settings_of(settings);
        ImageStore {
            cache: DiskCache::new(site_root),
            settings_key: format!("{PIPELINE} {settings:?}"),
            settings,
            write,
            sources: RwLock::default(),
            as_is: RwLock::default(),
            slots: Mutex::default(),
            names: RwLock::default(),
            generation: AtomicU64::new(0),
            cards: card::Cards::new(site_root, write),
        }
    }

    /// The share cards of the site ([`card`]).
    pub fn cards(&self) -> &card::Cards {
        &self.cards
    }

    /// A store that knows no photo: every image stays as written.
    pub fn empty() -> ImageStore {
        ImageStore::new(Path::new(""), &ImageSettings::default(), false)
    }

    /// The site the photos are of.
    pub fn site_root(&self) -> &Path {
        self.cache.site_root()
    }

    /// Whether this store was made for `settings` (`serve` keeps it then).
    pub fn made_for(&self, settings: &ImageSettings, write: bool) -> bool {
        self.settings == settings_of(settings) && self.write == write
    }

    /// Tells the store which files the site has: `photos` (the files of
    /// `media/`, of bundles and of `content/` that [`is_photo`]) and the
    /// output paths of the files published as they are (`static/`, other
    /// files), which a page may show without them being processed.
    pub fn set_sources(
        &self,
        photos: impl IntoIterator<Item = Asset>,
        as_is: impl IntoIterator<Item = String>,
    ) {
        let map: HashMap<String, PathBuf> = photos
            .into_iter()
            .filter(|a| is_photo(&a.dest))
            .map(|a| (a.dest, a.src))
            .collect();
        *self.sources.write().expect("image sources lock") = map;
        *self.as_is.write().expect("as-is lock") = as_is.into_iter().collect();
    }

    pub fn is_source(&self, dest: &str) -> bool {
        self.sources
            .read()
            .expect("image sources lock")
            .contains_key(dest)
    }

    /// Changes to images already seen; part of what every page depends on.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Relaxed)
    }

    /// The original's output path for an output path that is an original
    /// or one of its variants.
    pub fn resolve(&self, dest: &str) -> Option<String> {
        if self.is_source(dest) {
            return Some(dest.to_string());
        }
        self.names
            .read()
            .expect("image names lock")
            .get(dest)
            .cloned()
    }

    /// The processed image at `dest` (an original's or a variant's output
    /// path), processing it now if no one has yet (a photo only a
    /// template names, with `picture()`).
    pub fn get(&self, dest: &str) -> Option<Arc<Processed>> {
        let dest = self.resolve(dest)?;
        self.refresh(&dest, false).ok()
    }

    /// The source file of the photo at `dest`.
    pub fn source(&self, dest: &str) -> Option<PathBuf> {
        let dest = self.resolve(dest)?;
        self.sources
            .read()
            .expect("image sources lock")
            .get(&dest)
            .cloned()
    }

    fn slot(&self, dest: &str) -> Arc<Mutex<Option<Slot>>> {
        self.slots
            .lock()
            .expect("image slots lock")
            .entry(dest.to_string())
            .or_default()
            .clone()
    }

    /// The result for `dest`, from memory when the file is unchanged (or,
    /// unless `restat`, when it was seen before at all).
    fn refresh(&self, dest: &str, restat: bool) -> Result<Arc<Processed>, Problem> {
        let file = self
            .sources
            .read()
            .expect("image sources lock")
            .get(dest)
            .cloned()
            .ok_or(Problem::Missing)?;
        let slot = self.slot(dest);
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        let unchanged = |s: &&Slot| {
            s.file == file
                && (!restat || (s.stamp == Stamp::of(&file) && s.stamp.modified.is_some()))
        };
        if let Some(s) = slot.as_ref().filter(unchanged) {
            return s.result.clone();
        }
        let stamp = Stamp::of(&file);
        let result = self.load(&file, dest).map(Arc::new);
        if let Ok(p) = &result {
            let mut names = self.names.write().expect("image names lock");
            for n in p.names() {
                names.insert(n, dest.to_string());
            }
        }
        if slot
            .as_ref()
            .is_some_and(|old| old.result.as_ref().ok() != result.as_ref().ok())
        {
            self.generation.fetch_add(1, Ordering::Relaxed);
        }
        *slot = Some(Slot {
            file,
            stamp,
            result: result.clone(),
        });
        result
    }

    /// Reads, hashes, and takes the result from the disk cache or makes it.
    fn load(&self, file: &Path, dest: &str) -> Result<Processed, Problem> {
        let bytes = crate::fsx::read(file).map_err(|d| Problem::Io(d.message.en))?;
        let key = cache::key(&bytes, &self.settings_key);
        let from = |m: cache::Manifest, dir: Option<PathBuf>| Processed {
            dest: dest.to_string(),
            width: m.width,
            height: m.height,
            alpha: m.alpha,
            fallback: m.fallback,
            variants: m.variants,
            og: m.og,
            dir,
        };
        if let Some(m) = self.cache.load(&key) {
            return Ok(from(m, Some(self.cache.entry_dir(&key))));
        }
        if !self.write {
            return self.inspect(&bytes, dest);
        }
        let out = process::process(&bytes, &self.settings)?;
        let m = self
            .cache
            .store(&key, &out)
            .map_err(|d| Problem::Io(d.message.en))?;
        Ok(from(m, Some(self.cache.entry_dir(&key))))
    }

    /// `check`: decodes to find what is wrong, encodes nothing.
    fn inspect(&self, bytes: &[u8], dest: &str) -> Result<Processed, Problem> {
        let d = process::decode(bytes, false)?;
        let (width, height) = d.pixels.size();
        let variants = process::target_widths(width, &self.settings.widths)
            .into_iter()
            .map(|w| (w, process::scaled_height(width, height, w)))
            .collect();
        let og_w = process::OG_WIDTH.min(width);
        Ok(Processed {
            dest: dest.to_string(),
            width,
            height,
            alpha: d.alpha,
            fallback: if d.kind == process::Kind::Png {
                Fallback::Png
            } else {
                Fallback::Jpeg
            },
            variants,
            og: (og_w, process::scaled_height(width, height, og_w)),
            dir: None,
        })
    }

    /// Processes every photo in `refs` (in parallel, reporting progress on
    /// stderr when it takes a while), checks again the photos seen in an
    /// earlier `serve` rebuild, and reports each photo that cannot be used
    /// with the files that use it.
    pub fn prepare(&self, refs: &[ImageRef], lang: Lang) -> Diagnostics {
        let mut users: BTreeMap<&str, Vec<&Path>> = BTreeMap::new();
        let as_is = self.as_is.read().expect("as-is lock");
        for r in refs
            .iter()
            .filter(|r| !as_is.contains(&r.dest) || self.is_source(&r.dest))
        {
            let list = users.entry(r.dest.as_str()).or_default();
            if !list.contains(&r.by.as_path()) {
                list.push(&r.by);
            }
        }
        let seen: Vec<String> = self
            .slots
            .lock()
            .expect("image slots lock")
            .keys()
            .filter(|k| !users.contains_key(k.as_str()))
            .cloned()
            .collect();
        let mut todo: Vec<&str> = users.keys().copied().collect();
        todo.extend(seen.iter().map(String::as_str));
        let progress = Progress::new(todo.len(), lang);
        let threads = rayon::current_num_threads().min(4);
        let run = || -> Vec<(&str, Result<Arc<Processed>, Problem>)> {
            todo.par_iter()
                .map(|&dest| {
                    let r = self.refresh(dest, true);
                    progress.step();
                    (dest, r)
                })
                .collect()
        };
        let results = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool.install(run),
            Err(_) => run(),
        };
        progress.finish();
        let mut problems = Diagnostics::new();
        for (dest, r) in results {
            let by = users.get(dest).map(Vec::as_slice).unwrap_or_default();
            match r {
                // One warning per file, at the line that names the photo.
                Err(Problem::Missing) => {
                    for file in by {
                        problems.push(self.missing(dest, file));
                    }
                }
                Err(p) if !by.is_empty() => problems.push(self.diagnostic(dest, &p, by)),
                _ => {}
            }
        }
        problems.extend(self.collisions());
        problems
    }

    /// Two photos whose variants would take the same names
    /// (`kantor.jpg` and `kantor.png`).
    fn collisions(&self) -> Diagnostics {
        let mut owner: HashMap<String, &str> = HashMap::new();
        let mut problems = Diagnostics::new();
        let slots: Vec<(String, Arc<Processed>)> = self
            .slots
            .lock()
            .expect("image slots lock")
            .iter()
            .filter_map(|(k, s)| {
                let s = s.lock().ok()?;
                Some((k.clone(), s.as_ref()?.result.clone().ok()?))
            })
            .collect();
        let mut sorted: Vec<&(String, Arc<Processed>)> = slots.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        for (dest, p) in sorted {
            let name = p.webp_dest(p.largest().0);
            if let Some(first) = owner.insert(name.clone(), dest) {
                problems.push(
                    Diagnostic::error(text!(
                        "Foto `{first}` dan `{dest}` menghasilkan berkas web yang sama (`{name}`).",
                        "The photos `{first}` and `{dest}` give the same web file (`{name}`)."
                    ))
                    .hint(Text::new(
                        "Ganti nama salah satu foto.",
                        "Rename one of the photos.",
                    )),
                );
            }
        }
        problems
    }

    /// The warning for a photo `dest` that `by` names and the site lacks,
    /// pointing at the first place in `by` that names it.
    fn missing(&self, dest: &str, by: &Path) -> Diagnostic {
        let d = messages::diagnostic(dest, &Problem::Missing, &[by], None);
        let source = crate::fsx::read_text(&self.cache.site_root().join(by)).unwrap_or_default();
        match messages::find_name(&source, dest) {
            Some((at, len)) => d.at(&source, at, len),
            None => d,
        }
    }

    fn diagnostic(&self, dest: &str, p: &Problem, by: &[&Path]) -> Diagnostic {
        let file = self
            .sources
            .read()
            .expect("image sources lock")
            .get(dest)
            .map(|f| crate::diag::display_path(self.cache.site_root(), f));
        messages::diagnostic(dest, p, by, file)
    }
}

/// The error for an original asked for with `original = true` whose
/// metadata cannot be cut out (a format or a file [`strip`] cannot follow
/// to its end): refused, never published as it is, never a broken link.
pub fn unstrippable(file: &Path, root: &Path) -> Diagnostic {
    let shown = crate::diag::display_path(root, file);
    let name = shown.display().to_string().replace('\\', "/");
    Diagnostic::error(text!(
        "Foto asli `{name}` tidak bisa dibersihkan dari data lokasinya (`original = true`), jadi tidak diterbitkan.",
        "The original photo `{name}` cannot be cleaned of its location data (`original = true`), so it is not published."
    ))
    .in_file(shown)
    .hint(Text::new(
        "Berkas itu terpotong atau rusak: salin ulang dari ponsel, atau buka lalu simpan ulang sebagai JPEG (.jpg). Bisa juga hapus `original = true` dari album.toml.",
        "The file is cut short or damaged: copy it from the phone again, or open it and save it again as JPEG (.jpg). Or remove `original = true` from album.toml.",
    ))
}

/// The settings as the pipeline uses them: widths sorted, no duplicates.
fn settings_of(s: &ImageSettings) -> Settings {
    let mut widths = s.widths.clone();
    widths.sort_unstable();
    widths.dedup();
    Settings {
        widths,
        quality: s.quality,
        strip_location: s.strip_location,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_photo, sibling};

    #[test]
    fn names_variants_next_to_the_original() {
        assert_eq!(
            sibling("media/kantor.jpg", "-480w.webp"),
            "media/kantor-480w.webp"
        );
        assert_eq!(
            sibling("berita/x/foto.v2.JPG", "-og.jpg"),
            "berita/x/foto.v2-og.jpg"
        );
        assert_eq!(sibling("a.b/foto", "-og.jpg"), "a.b/foto-og.jpg");
        assert_eq!(sibling(".jpg", "-og.jpg"), ".jpg-og.jpg");
        assert!(is_photo("media/A.JPG") && is_photo("x.webp") && !is_photo("x.svg"));
    }
}
