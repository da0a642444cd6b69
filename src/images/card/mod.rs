//! Share cards: the 1200 × 630 JPEG a link preview (WhatsApp, Facebook,
//! X) shows for a page that has no photo of its own, made at build time:
//! the theme's colours, the village's logo on a white plate, the
//! village's name, and the page's title in DejaVu Sans Bold (embedded in
//! the binary, `assets/fonts/`, with its licence), broken into at most
//! three lines at one of two sizes, cut with "…" past that
//! ([`layout`]).
//!
//! A template asks for a card with `share_card()` ([`crate::images::markup`]),
//! which only names it: `kartu/<key>.jpg`, the key a hash of everything
//! the card shows (title, village name, the logo's bytes, colours, the
//! font and this pipeline's version). The page's render records that name
//! in its [`super::Uses`], like a photo it shows, and the write stage
//! ([`super::ImagePlan::published`]) makes the cards no one made yet, in
//! parallel, into `.warta-cache/cards/<key>.jpg`, and publishes them from
//! there: `build` and `serve` publish the same files, a rebuild makes
//! none again, and `serve` makes only the cards of titles it has not
//! seen. Two pages with the same title share one card.
//!
//! Speed: a card is mostly flat colour and differs from the site's other
//! cards only where its title is. What they share (the backdrop) is
//! drawn and JPEG-coded once per build; each card then codes anew only
//! the blocks its title covers, with warta's own small baseline encoder
//! ([`encode`]).
//!
//! Rasteriser: `ab_glyph` (pure Rust, over `owned_ttf_parser`; glyph
//! outlines are read when first drawn), not `fontdue`, which parses every
//! outline when the font loads and brings `hashbrown`.

pub mod draw;
pub mod encode;
mod jpeg;
pub mod layout;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, OnceLock, RwLock};

use ab_glyph::FontRef;
use rayon::prelude::*;
use siphasher::sip128::{Hasher128, SipHasher13};

use super::Asset;
use super::cache::CACHE_DIR;
use super::process::Pixels;
use crate::diag::Diagnostics;
use crate::load::content::Stamp;
pub use draw::{HEIGHT, Rgb, WIDTH};

/// The output folder of the cards.
pub const DIR: &str = "kartu";
/// Bumped whenever what a card looks like changes.
const PIPELINE: &str = "warta-card-1";
pub const QUALITY: u8 = 80;

static FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
/// What the key knows of the font.
const FONT_NAME: &str = "DejaVuSans-Bold 2.37";

/// The embedded font, parsed on first use.
pub fn font() -> &'static FontRef<'static> {
    static FONT: LazyLock<FontRef<'static>> = LazyLock::new(|| {
        FontRef::try_from_slice(FONT_BYTES).expect("the embedded font is a valid TrueType file")
    });
    &FONT
}

/// What a card shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CardSpec {
    pub title: String,
    /// The village's name, beside the logo.
    pub subtitle: String,
    /// The logo's source file.
    pub logo: Option<PathBuf>,
    pub background: Rgb,
    pub color: Rgb,
    pub accent: Option<Rgb>,
}

impl CardSpec {
    /// What describes the card to someone who cannot see it.
    pub fn alt(&self) -> String {
        match (self.title.is_empty(), self.subtitle.is_empty()) {
            (false, false) => format!("{} · {}", self.title, self.subtitle),
            (false, true) => self.title.clone(),
            _ => self.subtitle.clone(),
        }
    }
}

/// The card a template asks for with `share_card(title, subtitle="",
/// logo="", background="#0b6b5c", color="#ffffff", accent="")`; `logo`
/// turns a logo's site path into its source file. The title may come from
/// a block a template captured, so it is HTML-escaped: it is read back
/// into text, with runs of spaces made one.
pub fn spec_of(
    kw: &tera::Kwargs,
    logo: impl Fn(&str) -> Option<PathBuf>,
) -> Result<CardSpec, tera::Error> {
    let text = |name: &str| -> Result<String, tera::Error> {
        let raw = kw.get::<&tera::Value>(name)?.and_then(|v| v.as_str());
        let plain = unescape_html(raw.unwrap_or_default());
        Ok(plain.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let colour = |name: &str, default: &str| -> Result<Option<Rgb>, tera::Error> {
        let value = text(name)?;
        let value = if value.is_empty() { default } else { &value };
        if value.is_empty() {
            return Ok(None);
        }
        parse_colour(value).map(Some).ok_or_else(|| {
            tera::Error::message(format!(
                "share_card: `{name}` must be a colour like \"#0b6b5c\", not `{value}`"
            ))
        })
    };
    let logo_path = text("logo")?;
    Ok(CardSpec {
        title: text("title")?,
        subtitle: text("subtitle")?,
        logo: (!logo_path.is_empty()).then(|| logo(&logo_path)).flatten(),
        background: colour("background", "#0b6b5c")?.unwrap_or(Rgb([11, 107, 92])),
        color: colour("color", "#ffffff")?.unwrap_or(Rgb([255, 255, 255])),
        accent: colour("accent", "")?,
    })
}

/// What Tera's escaping wrote, as text again.
fn unescape_html(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `#0b6b5c` or `#fff` as a colour.
pub fn parse_colour(s: &str) -> Option<Rgb> {
    let hex = s.trim().strip_prefix('#')?;
    let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
    match hex.len() {
        3 => Some(Rgb([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17])),
        6 => {
            let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
            Some(Rgb([byte(0)?, byte(2)?, byte(4)?]))
        }
        _ => None,
    }
}

/// A logo, read once (again when its file changes).
struct Logo {
    stamp: Stamp,
    hash: u128,
    bytes: Vec<u8>,
    pixels: OnceLock<Option<Pixels>>,
}

impl Logo {
    fn pixels(&self) -> Option<&Pixels> {
        self.pixels
            .get_or_init(|| {
                super::process::decode(&self.bytes, false)
                    .ok()
                    .map(|d| d.pixels)
            })
            .as_ref()
    }
}

/// A card a page asked for.
struct Wanted {
    spec: CardSpec,
    logo: Option<Arc<Logo>>,
    key: String,
}

impl Wanted {
    /// The key of what every card with this look shares.
    fn look_key(&self) -> u128 {
        let s = &self.spec;
        let mut h = SipHasher13::new();
        h.write(format!("{:?}{:?}{:?}", s.background, s.color, s.accent).as_bytes());
        h.write(s.subtitle.as_bytes());
        h.write(&self.logo.as_ref().map_or(0, |l| l.hash).to_le_bytes());
        h.finish128().as_u128()
    }
}

/// Every card of a site: asked for while pages render, made when the
/// write stage publishes them. Lives in the [`super::ImageStore`], so
/// `serve` keeps it from one save to the next.
pub struct Cards {
    dir: PathBuf,
    write: bool,
    wanted: RwLock<HashMap<String, Arc<Wanted>>>,
    /// Output paths whose file is in the cache.
    made: RwLock<HashSet<String>>,
    logos: Mutex<HashMap<PathBuf, Arc<Logo>>>,
}

static TEMP: AtomicU64 = AtomicU64::new(0);

impl Cards {
    pub fn new(site_root: &Path, write: bool) -> Cards {
        Cards {
            dir: site_root.join(CACHE_DIR).join("cards"),
            write,
            wanted: RwLock::default(),
            made: RwLock::default(),
            logos: Mutex::default(),
        }
    }

    /// Names the card for `spec` (its output path, `kartu/<key>.jpg`);
    /// nothing is drawn yet.
    pub fn request(&self, spec: CardSpec) -> String {
        let logo = spec.logo.as_deref().and_then(|p| self.logo(p));
        let key = key(&spec, logo.as_deref());
        let dest = format!("{DIR}/{key}.jpg");
        if !self.wanted.read().expect("cards lock").contains_key(&dest) {
            let wanted = Arc::new(Wanted { spec, logo, key });
            self.wanted
                .write()
                .expect("cards lock")
                .insert(dest.clone(), wanted);
        }
        dest
    }

    /// The logo at `file`, read again only when its size or time changed.
    fn logo(&self, file: &Path) -> Option<Arc<Logo>> {
        let stamp = Stamp::of(file);
        let mut logos = self.logos.lock().expect("logos lock");
        if let Some(l) = logos.get(file).filter(|l| l.stamp == stamp) {
            return Some(Arc::clone(l));
        }
        let bytes = crate::fsx::read(file).ok()?;
        let mut h = SipHasher13::new();
        h.write(&bytes);
        let logo = Arc::new(Logo {
            stamp,
            hash: h.finish128().as_u128(),
            bytes,
            pixels: OnceLock::new(),
        });
        logos.insert(file.to_path_buf(), Arc::clone(&logo));
        Some(logo)
    }

    /// The files of the cards at `dests`, making (in parallel) those not
    /// in the cache yet.
    pub fn files(&self, dests: &BTreeSet<String>) -> (Vec<Asset>, Diagnostics) {
        let wanted: Vec<(String, Arc<Wanted>)> = {
            let all = self.wanted.read().expect("cards lock");
            dests
                .iter()
                .filter_map(|d| Some((d.clone(), Arc::clone(all.get(d)?))))
                .collect()
        };
        let mut problems = Diagnostics::new();
        if self.write {
            let todo: Vec<&(String, Arc<Wanted>)> = {
                let made = self.made.read().expect("cards lock");
                wanted.iter().filter(|(d, _)| !made.contains(d)).collect()
            };
            let results = self.make_all(&todo);
            let mut made = self.made.write().expect("cards lock");
            for ((dest, _), r) in todo.iter().zip(results) {
                match r {
                    Ok(()) => {
                        made.insert(dest.clone());
                    }
                    Err(d) => problems.push(d),
                }
            }
        }
        let made = self.made.read().expect("cards lock");
        let assets = wanted
            .into_iter()
            .filter(|(d, _)| made.contains(d))
            .map(|(dest, w)| Asset {
                src: self.file(&w.key),
                dest,
            })
            .collect();
        (assets, problems)
    }

    fn file(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.jpg"))
    }

    /// Makes every card of `todo` not in the cache, on at most four
    /// threads (as photos); each look's backdrop is drawn once.
    fn make_all(
        &self,
        todo: &[&(String, Arc<Wanted>)],
    ) -> Vec<Result<(), crate::diag::Diagnostic>> {
        let backdrops: Mutex<HashMap<u128, Arc<encode::Backdrop>>> = Mutex::default();
        let backdrop = |w: &Wanted| -> Arc<encode::Backdrop> {
            let look = w.look_key();
            if let Some(b) = backdrops.lock().expect("backdrops lock").get(&look) {
                return Arc::clone(b);
            }
            let s = &w.spec;
            let made = Arc::new(encode::Backdrop::new(&draw::Look {
                background: s.background,
                color: s.color,
                accent: s.accent,
                subtitle: &s.subtitle,
                logo: w.logo.as_ref().and_then(|l| l.pixels()),
            }));
            let mut all = backdrops.lock().expect("backdrops lock");
            Arc::clone(all.entry(look).or_insert(made))
        };
        let run = || {
            todo.par_iter()
                .map(|(_, w)| {
                    let file = self.file(&w.key);
                    if file.is_file() {
                        return Ok(());
                    }
                    let jpeg = backdrop(w).card(&w.spec.title).map_err(|e| {
                        let title = &w.spec.title;
                        crate::diag::Diagnostic::error(crate::text!(
                            "Kartu berbagi untuk `{title}` tidak bisa dibuat: {e}",
                            "The share card for `{title}` cannot be made: {e}"
                        ))
                    })?;
                    self.store(&file, &jpeg)
                })
                .collect()
        };
        let threads = rayon::current_num_threads().min(4);
        match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
            Ok(pool) => pool.install(run),
            Err(_) => run(),
        }
    }

    /// Writes under a temporary name, then renames: a stopped build
    /// leaves no half-written card, and two builds may share the cache.
    fn store(&self, file: &Path, jpeg: &[u8]) -> Result<(), crate::diag::Diagnostic> {
        let n = TEMP.fetch_add(1, Ordering::Relaxed);
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let tmp = self
            .dir
            .join(format!(".tmp-{}-{n}-{name}", std::process::id()));
        crate::fsx::write(&tmp, jpeg)?;
        let done = crate::fsx::rename(&tmp, file);
        if done.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        done
    }
}

/// The cache key (and output name) of a card: every input of the
/// drawing, length-prefixed so that no two specs run together.
fn key(spec: &CardSpec, logo: Option<&Logo>) -> String {
    let mut h = SipHasher13::new();
    let mut field = |bytes: &[u8]| {
        h.write(&(bytes.len() as u64).to_le_bytes());
        h.write(bytes);
    };
    field(PIPELINE.as_bytes());
    field(FONT_NAME.as_bytes());
    field(&[QUALITY]);
    field(spec.title.as_bytes());
    field(spec.subtitle.as_bytes());
    field(&spec.background.0);
    field(&spec.color.0);
    field(spec.accent.as_ref().map_or(&[][..], |a| &a.0[..]));
    field(&logo.map_or(0, |l| l.hash).to_le_bytes());
    format!("{:032x}", h.finish128().as_u128())
}

#[cfg(test)]
mod tests {
    use super::{CardSpec, Rgb, key, parse_colour, unescape_html};

    fn spec(title: &str) -> CardSpec {
        CardSpec {
            title: title.into(),
            subtitle: "Desa Sukamaju".into(),
            logo: None,
            background: Rgb([11, 107, 92]),
            color: Rgb([255, 255, 255]),
            accent: None,
        }
    }

    #[test]
    fn reads_theme_colours() {
        assert_eq!(parse_colour("#0b6b5c"), Some(Rgb([11, 107, 92])));
        assert_eq!(parse_colour(" #FFF "), Some(Rgb([255, 255, 255])));
        for bad in ["", "0b6b5c", "#0b6b5", "#ggg", "#0b6b5cff", "#é12"] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }

    #[test]
    fn keys_change_with_everything_a_card_shows() {
        let base = key(&spec("Posyandu"), None);
        assert_eq!(base, key(&spec("Posyandu"), None));
        assert_eq!(base.len(), 32);
        let mut other = spec("Posyandu");
        other.subtitle = "Desa Sukamaju Lor".into();
        let mut colour = spec("Posyandu");
        colour.accent = Some(Rgb([217, 119, 6]));
        for changed in [spec("Posyandu Krajan"), other, colour] {
            assert_ne!(key(&changed, None), base, "{changed:?}");
        }
        assert_eq!(spec("Rapat").alt(), "Rapat · Desa Sukamaju");
        assert_eq!(
            unescape_html("Jalan &quot;Baru&quot; &amp; Jembatan &lt;RT 03&gt; D&#39;Sari"),
            "Jalan \"Baru\" & Jembatan <RT 03> D'Sari"
        );
    }
}
