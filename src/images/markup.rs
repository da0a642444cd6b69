//! What pages print for a photo: `<picture>` with a WebP `srcset`, a
//! JPEG (or PNG) `srcset` on the `<img>`, `sizes`, `width` and `height`
//! (nothing shifts while it loads) and `loading="lazy"` for all but a
//! page's first photo; and the Tera functions themes call for it.
//!
//! | function | returns |
//! |---|---|
//! | `picture(src, alt, sizes="100vw", lazy=true, priority=false, class="")` | the `<picture>` markup (safe; print it as it is) |
//! | `image_info(src)` | `{url, width, height, webp_srcset, srcset, og: {url, width, height}, variants: [{width, height, webp, url}]}` or none |
//! | `og_image(src)` | `{url, width, height}` of the 1200-wide sharing JPEG (absolute URL); for what is not a photo of the site, `{url}` as given; none for "" |
//! | `share_card(title, subtitle="", logo="", background="#0b6b5c", color="#ffffff", accent="")` | `{url, width, height, alt}` of a generated 1200 × 630 share card ([`super::card`]) |
//! | `url(path)`, `abs_url(path)` | as before, but a photo's path gives its largest web version, never the original |
//!
//! `src` is a photo's site path (`media/kantor.jpg`, `/media/kantor.jpg`,
//! with or without the sub-path) or the URL of one of its versions (what
//! `page.image.src` holds). Every URL goes through the site's root path,
//! so a site under `https://x.github.io/sukamaju/` works.

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;
use tera::{Kwargs, State, Tera, Value};

use super::refs::dest_of;
use super::{ImagePlan, Processed};
use crate::format::{absolute, join_url};
use crate::model::post::{Image, escape_html};

/// How a photo is shown.
pub struct Show<'a> {
    pub alt: &'a str,
    /// The `sizes` attribute: how wide the photo is drawn.
    pub sizes: &'a str,
    pub lazy: bool,
    /// `fetchpriority="high"`: the page's main photo.
    pub priority: bool,
    pub class: &'a str,
}

/// A path for an HTML attribute, and for `srcset` (where a space or a
/// comma would split it).
fn url_attr(root_path: &str, dest: &str) -> String {
    let mut out = String::with_capacity(root_path.len() + dest.len() + 8);
    out.push_str(root_path);
    for c in dest.chars() {
        match c {
            ' ' => out.push_str("%20"),
            ',' => out.push_str("%2C"),
            '"' => out.push_str("%22"),
            '\'' => out.push_str("%27"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

fn srcset(p: &Processed, root_path: &str, name: impl Fn(u32) -> String) -> String {
    p.variants
        .iter()
        .map(|&(w, _)| format!("{} {w}w", url_attr(root_path, &name(w))))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `<picture>` element for a processed photo.
pub fn picture(p: &Processed, root_path: &str, show: &Show) -> String {
    let (w, h) = p.largest();
    let sizes = escape_html(show.sizes);
    let mut s = String::with_capacity(512);
    s.push_str("<picture><source type=\"image/webp\" srcset=\"");
    s.push_str(&srcset(p, root_path, |w| p.webp_dest(w)));
    s.push_str(&format!("\" sizes=\"{sizes}\"><img src=\""));
    s.push_str(&url_attr(root_path, &p.fallback_dest(w)));
    if p.variants.len() > 1 {
        s.push_str("\" srcset=\"");
        s.push_str(&srcset(p, root_path, |w| p.fallback_dest(w)));
        s.push_str(&format!("\" sizes=\"{sizes}"));
    }
    s.push_str(&format!(
        "\" width=\"{w}\" height=\"{h}\" alt=\"{}\"",
        escape_html(show.alt)
    ));
    if !show.class.is_empty() {
        s.push_str(&format!(" class=\"{}\"", escape_html(show.class)));
    }
    s.push_str(lazy_attrs(show));
    s.push_str("></picture>");
    s
}

fn lazy_attrs(show: &Show) -> &'static str {
    match (show.lazy, show.priority) {
        (_, true) => " fetchpriority=\"high\"",
        (true, false) => " loading=\"lazy\" decoding=\"async\"",
        (false, false) => "",
    }
}

/// An `<img>` for what is not a processed photo (external, SVG, or a
/// photo that could not be read, already reported).
fn plain_img(src: &str, root_path: &str, show: &Show) -> String {
    let mut s = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape_html(&join_url(root_path, src)),
        escape_html(show.alt)
    );
    if !show.class.is_empty() {
        s.push_str(&format!(" class=\"{}\"", escape_html(show.class)));
    }
    s.push_str(lazy_attrs(show));
    s.push('>');
    s
}

/// How wide a photo in a post's body is drawn by the `desa` theme: the
/// text column, 42rem at most.
pub const BODY_SIZES: &str = "(min-width: 44rem) 42rem, 100vw";

/// A post's body with each `<img>` of a processed photo turned into a
/// `<picture>`. The first photo loads at once when `first_eager` (the
/// page shows no photo above it), the others when scrolled to.
pub fn rewrite_body<'a>(
    html: &'a str,
    store: &ImagePlan,
    root_path: &str,
    first_eager: bool,
) -> Cow<'a, str> {
    if !html.contains("<img ") {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 512);
    let mut rest = html;
    let mut eager = first_eager;
    while let Some(at) = rest.find("<img ") {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let Some(end) = tag.find('>') else {
            out.push_str(tag);
            return Cow::Owned(out);
        };
        let (tag, after) = tag.split_at(end + 1);
        let attrs = attributes(tag);
        let get = |name: &str| {
            attrs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.as_str())
        };
        let processed = get("src")
            .and_then(|src| dest_of(src, root_path))
            .and_then(|dest| store.get(&dest));
        match processed {
            Some(p) => {
                let alt = get("alt").unwrap_or_default();
                let show = Show {
                    alt,
                    sizes: BODY_SIZES,
                    lazy: !eager,
                    priority: false,
                    class: "",
                };
                let pic = picture(&p, root_path, &show);
                match get("title") {
                    Some(t) => out.push_str(&pic.replacen(
                        "<img ",
                        &format!("<img title=\"{}\" ", escape_html(t)),
                        1,
                    )),
                    None => out.push_str(&pic),
                }
                eager = false;
            }
            None => out.push_str(tag),
        }
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `name="value"` pairs of a tag as pulldown-cmark writes it, values
/// unescaped.
fn attributes(tag: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_start_matches("<img").trim_end_matches('>');
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim();
        let value_start = eq + 2;
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        out.push((name, unescape(&rest[value_start..value_start + len])));
        rest = &rest[value_start + len + 1..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A post's main photo as templates see it: `src` is the largest web
/// version (the original is not published), with its size.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView<'a> {
    pub src: String,
    pub alt: &'a str,
    pub caption: &'a str,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

impl<'a> ImageView<'a> {
    pub fn new(img: &'a Image, store: &ImagePlan, root_path: &str) -> ImageView<'a> {
        let p = dest_of(&img.src, root_path).and_then(|d| store.get_og(&d));
        let (src, size) = match &p {
            Some(p) => {
                let (w, h) = p.largest();
                (join_url(root_path, &p.fallback_dest(w)), Some((w, h)))
            }
            None => (img.src.clone(), None),
        };
        ImageView {
            src,
            alt: &img.alt,
            caption: &img.caption,
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
        }
    }
}

#[derive(Serialize)]
struct OgView {
    url: String,
    width: Option<u32>,
    height: Option<u32>,
}

#[derive(Serialize)]
struct CardView {
    url: String,
    width: u32,
    height: u32,
    alt: String,
}

#[derive(Serialize)]
struct VariantView {
    width: u32,
    height: u32,
    webp: String,
    url: String,
}

#[derive(Serialize)]
struct InfoView {
    url: String,
    width: u32,
    height: u32,
    webp_srcset: String,
    srcset: String,
    og: OgView,
    variants: Vec<VariantView>,
}

/// The absolute URL of a photo's sharing JPEG (1200 wide), for JSON-LD
/// and `/profile.json`; `None` for what is not a photo of the site.
pub fn og_url(store: &ImagePlan, root_path: &str, base_url: &str, src: &str) -> Option<String> {
    let p = store.get_og(&dest_of(src, root_path)?)?;
    Some(absolute(base_url, &join_url(root_path, &p.og_dest())))
}

/// What the Tera functions need, shared by each of them.
struct Ctx {
    store: Arc<ImagePlan>,
    root: String,
    base: String,
}

impl Ctx {
    fn lookup(&self, src: &str) -> Option<Arc<Processed>> {
        self.store.get(&dest_of(src, &self.root)?)
    }

    fn largest_url(&self, p: &Processed) -> String {
        join_url(&self.root, &p.fallback_dest(p.largest().0))
    }

    fn info(&self, p: &Processed) -> InfoView {
        let (w, h) = p.largest();
        InfoView {
            url: self.largest_url(p),
            width: w,
            height: h,
            webp_srcset: srcset(p, &self.root, |w| p.webp_dest(w)),
            srcset: srcset(p, &self.root, |w| p.fallback_dest(w)),
            og: OgView {
                url: absolute(&self.base, &p.og_dest()),
                width: Some(p.og.0),
                height: Some(p.og.1),
            },
            variants: p
                .variants
                .iter()
                .map(|&(w, h)| VariantView {
                    width: w,
                    height: h,
                    webp: join_url(&self.root, &p.webp_dest(w)),
                    url: join_url(&self.root, &p.fallback_dest(w)),
                })
                .collect(),
        }
    }
}

/// `picture()`: its output is markup, not text to escape.
struct PictureFn(Arc<Ctx>);

impl tera::Function<tera::TeraResult<String>> for PictureFn {
    fn call(&self, kw: Kwargs, _: &State) -> tera::TeraResult<String> {
        let src: String = kw.must_get("src")?;
        let alt: Option<String> = kw.get("alt")?;
        let sizes: Option<String> = kw.get("sizes")?;
        let class: Option<String> = kw.get("class")?;
        let show = Show {
            alt: alt.as_deref().unwrap_or_default(),
            sizes: sizes.as_deref().unwrap_or("100vw"),
            lazy: kw.get::<bool>("lazy")?.unwrap_or(true),
            priority: kw.get::<bool>("priority")?.unwrap_or(false),
            class: class.as_deref().unwrap_or_default(),
        };
        Ok(match self.0.lookup(&src) {
            Some(p) => picture(&p, &self.0.root, &show),
            None => plain_img(&src, &self.0.root, &show),
        })
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Registers `picture`, `image_info` and `og_image`, and makes `url`
/// and `abs_url` give a photo's web version. Call after
/// [`crate::render::filters::register`].
pub fn register(tera: &mut Tera, store: &Arc<ImagePlan>, root_path: &str, base_url: &str) {
    let ctx = Arc::new(Ctx {
        store: Arc::clone(store),
        root: root_path.to_string(),
        base: base_url.to_string(),
    });
    tera.register_function("picture", PictureFn(Arc::clone(&ctx)));
    let c = Arc::clone(&ctx);
    tera.register_function("image_info", move |kw: Kwargs, _: &State| {
        let src: String = kw.must_get("src")?;
        Ok::<_, tera::Error>(match c.lookup(&src) {
            Some(p) => Value::from_serializable(&c.info(&p)),
            None => Value::none(),
        })
    });
    let c = Arc::clone(&ctx);
    tera.register_function("og_image", move |kw: Kwargs, _: &State| {
        let src: String = kw.get("src")?.unwrap_or_default();
        let src = src.trim();
        if src.is_empty() {
            return Ok::<_, tera::Error>(Value::none());
        }
        let og = match dest_of(src, &c.root).and_then(|d| c.store.get_og(&d)) {
            Some(p) => OgView {
                url: absolute(&c.base, &p.og_dest()),
                width: Some(p.og.0),
                height: Some(p.og.1),
            },
            None => OgView {
                url: absolute(&c.base, &join_url(&c.root, src)),
                width: None,
                height: None,
            },
        };
        Ok(Value::from_serializable(&og))
    });
    tera.register_function("share_card", share_card(Arc::clone(&ctx)));
    let c = Arc::clone(&ctx);
    tera.register_function("url", move |kw: Kwargs, _: &State| {
        let path: &str = kw.must_get("path")?;
        Ok::<_, tera::Error>(match c.lookup(path) {
            Some(p) => c.largest_url(&p),
            None => join_url(&c.root, path),
        })
    });
    let c = ctx;
    tera.register_function("abs_url", move |kw: Kwargs, _: &State| {
        let path: &str = kw.must_get("path")?;
        Ok::<_, tera::Error>(match c.lookup(path) {
            Some(p) => absolute(&c.base, &c.largest_url(&p)),
            None => absolute(&c.base, path),
        })
    });
}

/// `share_card(title, …)` (see [`super::card::spec_of`]): names the card
/// and records it for the page.
fn share_card(c: Arc<Ctx>) -> impl Fn(Kwargs, &State) -> Result<Value, tera::Error> {
    move |kw: Kwargs, _: &State| {
        let spec =
            super::card::spec_of(&kw, |logo| c.store.store().source(&dest_of(logo, &c.root)?))?;
        let alt = spec.alt();
        let dest = c.store.card(spec);
        Ok(Value::from_serializable(&CardView {
            url: absolute(&c.base, &dest),
            width: super::card::WIDTH,
            height: super::card::HEIGHT,
            alt,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::{Show, attributes, picture, url_attr};
    use crate::images::Processed;
    use crate::images::process::Fallback;

    fn kantor() -> Processed {
        Processed {
            dest: "media/kantor desa.jpg".into(),
            width: 4000,
            height: 3000,
            alpha: false,
            fallback: Fallback::Jpeg,
            variants: vec![(480, 360), (960, 720)],
            og: (1200, 900),
            dir: None,
        }
    }

    #[test]
    fn prints_a_picture_with_both_srcsets_and_its_size() {
        let show = Show {
            alt: "Kantor \"desa\"",
            sizes: "100vw",
            lazy: true,
            priority: false,
            class: "foto",
        };
        let html = picture(&kantor(), "/sukamaju/", &show);
        assert_eq!(
            html,
            "<picture><source type=\"image/webp\" srcset=\"/sukamaju/media/kantor%20desa-480w.webp 480w, \
             /sukamaju/media/kantor%20desa-960w.webp 960w\" sizes=\"100vw\"><img \
             src=\"/sukamaju/media/kantor%20desa-960w.jpg\" srcset=\"/sukamaju/media/kantor%20desa-480w.jpg 480w, \
             /sukamaju/media/kantor%20desa-960w.jpg 960w\" sizes=\"100vw\" width=\"960\" height=\"720\" \
             alt=\"Kantor &quot;desa&quot;\" class=\"foto\" loading=\"lazy\" decoding=\"async\"></picture>"
        );
        assert_eq!(url_attr("/", "a,b&c.jpg"), "/a%2Cb&amp;c.jpg");
    }

    #[test]
    fn reads_the_attributes_pulldown_cmark_writes() {
        let a = attributes("<img src=\"/a%20b.jpg\" alt=\"Kader &amp; balita\" title=\"t\" />");
        assert_eq!(
            a,
            vec![
                ("src", "/a%20b.jpg".to_string()),
                ("alt", "Kader & balita".to_string()),
                ("title", "t".to_string())
            ]
        );
    }
}
