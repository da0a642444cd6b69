//! What the catalog templates see: products, categories, potentials,
//! tourism spots and albums, as serializable views borrowing from the
//! model (see docs/THEMES.md for each field).

use serde::Serialize;

use crate::format::{self, slugify};
use crate::images::refs::dest_of;
use crate::render::Input;
use crate::render::filters::percent_encode;
use crate::render::views::PostView;

/// A photo to show: a site path (or URL) and its alternative text,
/// empty when the profile gives none (the theme then names the item).
#[derive(Serialize)]
pub struct PhotoRef {
    pub src: String,
    pub alt: String,
}

#[derive(Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct ProductView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub permalink: String,
    pub category: Option<CategoryView<'a>>,
    /// What a buyer pays: `price_idr` less `discount_idr`.
    pub price: Option<i64>,
    /// `price_idr` when there is a discount: the struck-through price.
    pub price_before: Option<i64>,
    pub unit: Option<&'a str>,
    /// The profile's description, else (on lists) the story's summary.
    pub description: Option<&'a str>,
    pub photos: Vec<PhotoRef>,
    pub seller: Option<&'a str>,
    pub whatsapp_e164: Option<&'a str>,
    pub whatsapp_display: Option<&'a str>,
    /// The seller's place on OpenStreetMap.
    pub map_url: Option<String>,
    /// Online shops with an address: `[{name, url}]`.
    pub marketplace: Vec<Link>,
    /// False for a profile product with `active = false`.
    pub active: bool,
    /// The post of `content/produk/` telling its story: a summary on
    /// lists, the full post (with `content`) on the product's page.
    pub story: Option<PostView<'a>>,
}

/// Known shops, as their names are written.
const SHOPS: &[(&str, &str)] = &[
    ("blibli", "Blibli"),
    ("bukalapak", "Bukalapak"),
    ("facebook", "Facebook Marketplace"),
    ("lazada", "Lazada"),
    ("shopee", "Shopee"),
    ("tiktok", "TikTok Shop"),
    ("tiktokshop", "TikTok Shop"),
    ("tokopedia", "Tokopedia"),
];

fn shop_name(key: &str) -> String {
    let lower = key.to_lowercase();
    match SHOPS.iter().find(|(k, _)| *k == lower) {
        Some((_, name)) => name.to_string(),
        None => {
            let mut c = key.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// `https://www.openstreetmap.org/?mlat=…&mlon=…#map=17/…/…`.
pub fn osm_url(lat: Option<f64>, lon: Option<f64>) -> Option<String> {
    let (lat, lon) = (lat?, lon?);
    Some(format!(
        "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    ))
}

/// (what is paid, the price before the discount). A discount that is not
/// below the price is left out (the profile check reports it).
pub fn prices(price: Option<i64>, discount: Option<i64>) -> (Option<i64>, Option<i64>) {
    match (price, discount) {
        (Some(p), Some(d)) if d > 0 && d < p => (Some(p - d), Some(p)),
        (p, _) => (p, None),
    }
}

impl<'a> ProductView<'a> {
    /// Product `i` of the catalog; `full` on its own page.
    pub fn new(model: &'a Input<'a>, i: usize, full: bool) -> Self {
        let entry = &model.catalog.products[i];
        let p = entry.profile.map(|k| &model.profile.products[k]);
        let post = entry.post.map(|n| &model.posts[n]);
        let (price, price_before) =
            prices(p.and_then(|p| p.price_idr), p.and_then(|p| p.discount_idr));
        let photos = product_photos(model, p, post);
        // On its own page the story is shown whole, so not its summary.
        let description = p.and_then(|p| p.description.as_deref()).or_else(|| {
            post.filter(|_| !full)
                .map(|x| x.summary.as_str())
                .filter(|s| !s.is_empty())
        });
        ProductView {
            name: p.map_or_else(
                || post.map_or("", |x| x.title.as_str()),
                |p| p.name.as_str(),
            ),
            slug: &entry.slug,
            url: model.url(&entry.path),
            permalink: model.permalink(&entry.path),
            category: entry.category.map(|k| CategoryView::new(model, k, false)),
            price,
            price_before,
            unit: p
                .and_then(|p| p.unit.as_deref())
                .filter(|u| !u.trim().is_empty()),
            description,
            photos,
            seller: p.and_then(|p| p.seller.as_deref()),
            whatsapp_e164: p.and_then(|p| p.whatsapp_e164.as_deref()),
            whatsapp_display: p.and_then(|p| p.whatsapp_display.as_deref()),
            map_url: p.and_then(|p| osm_url(p.latitude, p.longitude)),
            marketplace: p
                .map(|p| {
                    p.marketplace
                        .iter()
                        .filter(|(_, url)| {
                            url.starts_with("https://") || url.starts_with("http://")
                        })
                        .map(|(k, url)| Link {
                            name: shop_name(k),
                            url: url.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            active: p.is_none_or(|p| p.active),
            story: entry.post.map(|n| super::story(model, n, full)),
        }
    }
}

/// A product's photos: the profile's, then its story's main photo
/// when it is not one of them.
fn product_photos(
    model: &Input<'_>,
    p: Option<&crate::load::profile::Product>,
    post: Option<&std::sync::Arc<crate::model::Post>>,
) -> Vec<PhotoRef> {
    let mut photos: Vec<PhotoRef> = p
        .map(|p| p.photos.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|src| PhotoRef {
            src: src.clone(),
            alt: String::new(),
        })
        .collect();
    if let Some(img) = post.and_then(|x| x.image.as_ref()) {
        let root = &model.config.root_path;
        let same =
            |s: &str| dest_of(s, root).is_some() && dest_of(s, root) == dest_of(&img.src, root);
        if !photos.iter().any(|ph| same(&ph.src)) {
            photos.push(PhotoRef {
                src: img.src.clone(),
                alt: img.alt.clone(),
            });
        }
    }
    photos
}

#[derive(Serialize)]
pub struct CategoryView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub count: usize,
    /// The category of the page being shown.
    pub current: bool,
}

impl<'a> CategoryView<'a> {
    pub fn new(model: &'a Input<'a>, k: usize, current: bool) -> Self {
        let c = &model.catalog.categories[k];
        CategoryView {
            name: &c.name,
            slug: &c.slug,
            url: model.url(&c.path),
            count: c.products.len(),
            current,
        }
    }

    pub fn all(model: &'a Input<'a>, current: Option<usize>) -> Vec<Self> {
        (0..model.catalog.categories.len())
            .map(|k| CategoryView::new(model, k, current == Some(k)))
            .collect()
    }
}

#[derive(Serialize)]
pub struct PotentialView<'a> {
    pub title: &'a str,
    /// For an anchor: `/potensi/#kopi-robusta-lereng-kawi`.
    pub id: String,
    /// The key as written (`perkebunan`); the theme names it.
    pub sector: Option<&'a str>,
    pub description: Option<&'a str>,
    pub photos: &'a [String],
}

impl<'a> PotentialView<'a> {
    pub fn new(p: &'a crate::load::profile::Potential) -> Self {
        PotentialView {
            title: &p.title,
            id: slugify(&p.title),
            sector: p.sector.as_deref(),
            description: p.description.as_deref(),
            photos: &p.photos,
        }
    }
}

#[derive(Serialize)]
pub struct SpotView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub permalink: String,
    pub description: Option<&'a str>,
    pub photos: &'a [String],
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub map_url: Option<String>,
    /// The ticket in rupiah; 0 is free.
    pub ticket: Option<i64>,
    /// `07.00–16.00` (in the site's time style) when `opening_hours` is a
    /// time range; else `hours_text` holds it as written ("24 jam").
    pub hours: Option<String>,
    pub hours_text: Option<&'a str>,
    pub facilities: &'a [String],
    pub whatsapp_e164: Option<&'a str>,
    pub whatsapp_display: Option<&'a str>,
}

impl<'a> SpotView<'a> {
    pub fn new(model: &'a Input<'a>, i: usize) -> Self {
        let t = &model.profile.tourism[i];
        let spot = &model.catalog.spots[i];
        let written = t
            .opening_hours
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let hours = written
            .and_then(hours_range)
            .map(|(a, b)| format::time_range(a, b, model.config.time_style));
        SpotView {
            name: &t.name,
            slug: &spot.slug,
            url: model.url(&spot.path),
            permalink: model.permalink(&spot.path),
            description: t.description.as_deref(),
            photos: &t.photos,
            latitude: t.latitude,
            longitude: t.longitude,
            map_url: osm_url(t.latitude, t.longitude),
            ticket: t.ticket_idr,
            hours_text: if hours.is_none() { written } else { None },
            hours,
            facilities: &t.facilities,
            whatsapp_e164: t.contact_whatsapp_e164.as_deref(),
            whatsapp_display: t.contact_whatsapp_display.as_deref(),
        }
    }
}

/// Reads opening hours written as a range: "07:00-16:00", "07.00 – 16.00
/// WIB", "7.00 s.d. 16.00", "08:00 sampai 17:00".
pub fn hours_range(s: &str) -> Option<((u32, u32), (u32, u32))> {
    let mut t = s.trim().to_lowercase();
    for zone in [" wita", " wib", " wit"] {
        if let Some(rest) = t.strip_suffix(zone) {
            t = rest.to_string();
        }
    }
    for word in ["s.d.", "s/d", "sampai", "hingga", "until", "to", "–", "—"] {
        t = t.replace(word, "-");
    }
    let (a, b) = t.split_once('-')?;
    Some((format::parse_hhmm(a)?, format::parse_hhmm(b)?))
}

#[derive(Serialize)]
pub struct AlbumPhotoView<'a> {
    pub src: &'a str,
    pub file: &'a str,
    pub caption: &'a str,
    pub alt: &'a str,
    /// The original's URL, with `original = true` (on the album's page).
    pub original: Option<String>,
}

#[derive(Serialize)]
pub struct AlbumView<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub permalink: String,
    pub description: Option<&'a str>,
    /// `2025-03-14`, for the date filters.
    pub date: Option<String>,
    pub original: bool,
    pub count: usize,
    /// The photo shown on `/galeri/` (`cover`, else the first).
    pub cover: Option<AlbumPhotoView<'a>>,
    /// Every photo, on the album's own page only.
    pub photos: Vec<AlbumPhotoView<'a>>,
}

impl<'a> AlbumView<'a> {
    pub fn new(model: &'a Input<'a>, i: usize, full: bool) -> Self {
        let a = &model.catalog.albums[i];
        let path = model.catalog.album_path(i);
        let view = |p: &'a crate::load::gallery::AlbumPhoto, full: bool| AlbumPhotoView {
            src: &p.src,
            file: &p.file,
            caption: &p.caption,
            alt: &p.alt,
            original: (full && a.original)
                .then(|| model.images.original(&p.src))
                .flatten()
                .map(|dest| model.url(&photo_path(&dest))),
        };
        AlbumView {
            title: &a.title,
            slug: &a.slug,
            url: model.url(&path),
            permalink: model.permalink(&path),
            description: a.description.as_deref(),
            date: a.date.map(|d| d.format("%Y-%m-%d").to_string()),
            original: a.original,
            count: a.photos.len(),
            cover: a
                .photos
                .get(a.cover)
                .or(a.photos.first())
                .map(|p| view(p, false)),
            photos: if full {
                a.photos.iter().map(|p| view(p, true)).collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// A file's output path as a URL path: each segment percent-encoded.
pub fn photo_path(dest: &str) -> String {
    dest.split('/')
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::{hours_range, osm_url, photo_path, prices, shop_name};

    #[test]
    fn reads_opening_hours_ranges() {
        for (s, want) in [
            ("07:00-16:00", Some(((7, 0), (16, 0)))),
            ("07.00 – 16.00 WIB", Some(((7, 0), (16, 0)))),
            ("7.00 s.d. 16.30", Some(((7, 0), (16, 30)))),
            ("08:00 sampai 17:00", Some(((8, 0), (17, 0)))),
            ("24 jam", None),
            ("Sabtu–Minggu", None),
            ("", None),
        ] {
            assert_eq!(hours_range(s), want, "{s}");
        }
    }

    #[test]
    fn discounts_give_the_price_paid_and_the_old_price() {
        assert_eq!(
            prices(Some(35_000), Some(5_000)),
            (Some(30_000), Some(35_000))
        );
        assert_eq!(prices(Some(15_000), Some(0)), (Some(15_000), None));
        assert_eq!(prices(Some(15_000), None), (Some(15_000), None));
        assert_eq!(prices(Some(15_000), Some(15_000)), (Some(15_000), None));
        assert_eq!(prices(None, Some(5_000)), (None, None));
    }

    #[test]
    fn links_and_names() {
        assert_eq!(
            osm_url(Some(-8.07), Some(112.4752)).as_deref(),
            Some("https://www.openstreetmap.org/?mlat=-8.07&mlon=112.4752#map=17/-8.07/112.4752")
        );
        assert_eq!(osm_url(Some(-8.0), None), None);
        assert_eq!(shop_name("shopee"), "Shopee");
        assert_eq!(shop_name("warungku"), "Warungku");
        assert_eq!(
            photo_path("media/galeri/HUT RI/a b.jpg"),
            "media/galeri/HUT%20RI/a%20b.jpg"
        );
    }
}
