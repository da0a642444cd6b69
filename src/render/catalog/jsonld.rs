//! Structured data for the catalog pages: a `Product` with its `Offer`
//! in rupiah on each product's page, a `TouristAttraction` on each
//! spot's, an `ImageGallery` on each album's, and the breadcrumb trail
//! of every catalog page (made by each page's kind). [`crate::render::structured`]
//! wraps them into the page's `@graph` and makes the text safe for `<script>`.

use serde_json::{Map, Value, json};

use super::views::{hours_range, photo_path, prices};
use crate::images::refs::dest_of;
use crate::render::Input;
use crate::render::filters::{absolute, join_url};

/// The absolute URL of a photo's 1200-wide sharing JPEG (published for
/// the purpose), or of the path as written when it is not a photo of
/// the site; `None` for a photo that is missing.
fn share_url(model: &Input<'_>, src: &str) -> Option<String> {
    let root = &model.config.root_path;
    let base = &model.config.base_url;
    match dest_of(src, root) {
        Some(dest) => {
            let p = model.images.get_og(&dest)?;
            Some(absolute(base, &join_url(root, &photo_path(&p.og_dest()))))
        }
        None => Some(absolute(base, src)),
    }
}

/// The absolute URL of a photo's largest web version.
fn largest_url(model: &Input<'_>, src: &str) -> Option<String> {
    let root = &model.config.root_path;
    let p = model.images.get(&dest_of(src, root)?)?;
    let file = p.fallback_dest(p.largest().0);
    Some(absolute(
        &model.config.base_url,
        &join_url(root, &photo_path(&file)),
    ))
}

/// Product `i` and its name.
pub fn product(model: &Input<'_>, i: usize) -> (Value, String) {
    let entry = &model.catalog.products[i];
    let p = entry.profile.map(|k| &model.profile.products[k]);
    let post = entry.post.map(|n| &model.posts[n]);
    let url = model.permalink(&entry.path);
    let name = p.map_or_else(
        || post.map(|x| x.title.clone()).unwrap_or_default(),
        |p| p.name.clone(),
    );
    let mut o = Map::new();
    o.insert("@type".into(), "Product".into());
    o.insert("@id".into(), format!("{url}#produk").into());
    o.insert("name".into(), name.clone().into());
    o.insert("url".into(), url.clone().into());
    let description = p
        .and_then(|p| p.description.clone())
        .or_else(|| post.map(|x| x.summary.clone()))
        .filter(|d| !d.is_empty());
    if let Some(d) = description {
        o.insert("description".into(), d.into());
    }
    let mut photos: Vec<&str> = p
        .map(|p| p.photos.iter().map(String::as_str).collect())
        .unwrap_or_default();
    if let Some(img) = post.and_then(|x| x.image.as_ref()) {
        photos.push(&img.src);
    }
    let images: Vec<String> = photos.iter().filter_map(|s| share_url(model, s)).collect();
    if !images.is_empty() {
        o.insert("image".into(), json!(images));
    }
    if let Some(k) = entry.category {
        o.insert(
            "category".into(),
            model.catalog.categories[k].name.clone().into(),
        );
    }
    if let Some(offer) = p.and_then(|p| offer(p, url)) {
        o.insert("offers".into(), offer);
    }
    (Value::Object(o), name)
}

/// A profile product's `Offer`: its price in rupiah (with the price
/// before a discount), whether it is in stock, and its seller.
fn offer(p: &crate::load::profile::Product, url: String) -> Option<Value> {
    let (price, before) = prices(p.price_idr, p.discount_idr);
    let price = price?;
    let mut offer = Map::new();
    offer.insert("@type".into(), "Offer".into());
    offer.insert("url".into(), url.into());
    offer.insert("price".into(), price.into());
    offer.insert("priceCurrency".into(), "IDR".into());
    let stock = if p.active { "InStock" } else { "OutOfStock" };
    offer.insert(
        "availability".into(),
        format!("https://schema.org/{stock}").into(),
    );
    offer.insert(
        "itemCondition".into(),
        "https://schema.org/NewCondition".into(),
    );
    if let Some(before) = before {
        offer.insert(
            "priceSpecification".into(),
            json!({
                "@type": "UnitPriceSpecification",
                "priceType": "https://schema.org/StrikethroughPrice",
                "price": before,
                "priceCurrency": "IDR",
            }),
        );
    }
    if let Some(seller) = p.seller.as_deref().filter(|s| !s.trim().is_empty()) {
        let mut s = Map::new();
        s.insert("@type".into(), "Organization".into());
        s.insert("name".into(), seller.into());
        if let Some(wa) = &p.whatsapp_e164 {
            s.insert("telephone".into(), format!("+{wa}").into());
        }
        offer.insert("seller".into(), Value::Object(s));
    }
    Some(Value::Object(offer))
}

/// Tourism spot `i`.
pub fn attraction(model: &Input<'_>, i: usize) -> Value {
    let t = &model.profile.tourism[i];
    let url = model.permalink(&model.catalog.spots[i].path);
    let mut o = Map::new();
    o.insert("@type".into(), "TouristAttraction".into());
    o.insert("@id".into(), format!("{url}#wisata").into());
    o.insert("name".into(), t.name.clone().into());
    o.insert("url".into(), url.into());
    if let Some(d) = &t.description {
        o.insert("description".into(), d.clone().into());
    }
    let images: Vec<String> = t
        .photos
        .iter()
        .filter_map(|s| share_url(model, s))
        .collect();
    if !images.is_empty() {
        o.insert("image".into(), json!(images));
    }
    if let (Some(lat), Some(lon)) = (t.latitude, t.longitude) {
        o.insert(
            "geo".into(),
            json!({ "@type": "GeoCoordinates", "latitude": lat, "longitude": lon }),
        );
    }
    o.insert(
        "containedInPlace".into(),
        json!({ "@type": "Place", "name": model.profile.village.display_name }),
    );
    if let Some(ticket) = t.ticket_idr {
        o.insert("isAccessibleForFree".into(), (ticket == 0).into());
        if ticket > 0 {
            o.insert(
                "offers".into(),
                json!({ "@type": "Offer", "price": ticket, "priceCurrency": "IDR" }),
            );
        }
    }
    visiting(t, &mut o);
    if let Some(wa) = &t.contact_whatsapp_e164 {
        o.insert("telephone".into(), format!("+{wa}").into());
    }
    Value::Object(o)
}

/// When a spot is open, and what it has.
fn visiting(t: &crate::load::profile::Tourism, o: &mut Map<String, Value>) {
    if let Some(((h1, m1), (h2, m2))) = t.opening_hours.as_deref().and_then(hours_range) {
        o.insert(
            "openingHoursSpecification".into(),
            json!({
                "@type": "OpeningHoursSpecification",
                "opens": format!("{h1:02}:{m1:02}"),
                "closes": format!("{h2:02}:{m2:02}"),
            }),
        );
    }
    if !t.facilities.is_empty() {
        let f: Vec<Value> = t
            .facilities
            .iter()
            .map(|f| json!({ "@type": "LocationFeatureSpecification", "name": f, "value": true }))
            .collect();
        o.insert("amenityFeature".into(), Value::Array(f));
    }
}

/// Album `i`: its photos with their captions.
pub fn album(model: &Input<'_>, i: usize) -> Value {
    let a = &model.catalog.albums[i];
    let url = model.permalink(&model.catalog.album_path(i));
    let media: Vec<Value> = a
        .photos
        .iter()
        .filter_map(|p| {
            let mut m = Map::new();
            m.insert("@type".into(), "ImageObject".into());
            m.insert("contentUrl".into(), largest_url(model, &p.src)?.into());
            if !p.caption.is_empty() {
                m.insert("caption".into(), p.caption.clone().into());
            }
            Some(Value::Object(m))
        })
        .collect();
    let mut o = Map::new();
    o.insert("@type".into(), "ImageGallery".into());
    o.insert("@id".into(), format!("{url}#galeri").into());
    o.insert("name".into(), a.title.clone().into());
    o.insert("url".into(), url.into());
    if let Some(d) = &a.description {
        o.insert("description".into(), d.clone().into());
    }
    if let Some(d) = a.date {
        o.insert(
            "dateCreated".into(),
            d.format("%Y-%m-%d").to_string().into(),
        );
    }
    o.insert("associatedMedia".into(), Value::Array(media));
    Value::Object(o)
}
