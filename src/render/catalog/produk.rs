//! `/produk/` (every listed product), `/produk/kategori/<slug>/` (one
//! category's) and `/produk/<slug>/` (one product, with its story).

use serde_json::Value;

use super::jsonld;
use super::list_crumb;
use super::views::{CategoryView, ProductView};
use crate::model::Model;
use crate::render::Input;
use crate::render::inputs::Inputs;
use crate::render::kind::{Body, Key, Kind, Listed};
use crate::render::structured::crumbs;

fn products_crumb(m: &Model) -> (String, String) {
    list_crumb(m, "Produk", "Products", "produk/")
}

/// The products list, of every listed product or (`category`) of one.
fn list<'m>(m: &'m Input<'m>, category: Option<usize>, to: &mut Inputs<'_, 'm>) -> Body<'m> {
    let c = &m.catalog;
    let ids: Vec<usize> = match category {
        Some(k) => c.categories[k].products.clone(),
        None => c.listed().collect(),
    };
    let products: Vec<ProductView> = ids.iter().map(|&i| ProductView::new(m, i, false)).collect();
    to.json("products", &products);
    to.json("categories", &CategoryView::all(m, category));
    let current = category.map(|k| CategoryView::new(m, k, true));
    to.json("category", &current);
    to.value("all_url", &m.url("produk/"));
    to.value("total_products", &c.listed().count());
    Body::Template("produk.html")
}

/// `/produk/`.
pub struct Products;

impl Kind for Products {
    fn pages(&self, m: &Model) -> Vec<Key> {
        if m.catalog.listed().next().is_some() {
            vec![Key::default()]
        } else {
            Vec::new()
        }
    }

    fn path(&self, _: &Model, _: Key) -> String {
        "produk/".into()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, _: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        list(m, None, to)
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, _: Key) -> Option<Vec<Value>> {
        Some(vec![crumbs(m, vec![products_crumb(m)])])
    }
}

/// `/produk/kategori/<slug>/` (key: index into `catalog.categories`).
pub struct ProductCategories;

impl Kind for ProductCategories {
    fn pages(&self, m: &Model) -> Vec<Key> {
        if m.catalog.listed().next().is_none() {
            return Vec::new();
        }
        (0..m.catalog.categories.len()).map(Key::item).collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        m.catalog.categories[key.item].path.clone()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        list(m, Some(key.item), to)
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let cat = &m.catalog.categories[key.item];
        let trail = vec![products_crumb(m), (cat.name.clone(), cat.path.clone())];
        Some(vec![crumbs(m, trail)])
    }
}

/// `/produk/<slug>/` (key: index into `catalog.products`).
pub struct Product;

impl Kind for Product {
    fn pages(&self, m: &Model) -> Vec<Key> {
        (0..m.catalog.products.len()).map(Key::item).collect()
    }

    fn path(&self, m: &Model, key: Key) -> String {
        m.catalog.products[key.item].path.clone()
    }

    fn inputs<'m>(&self, m: &'m Input<'m>, key: Key, to: &mut Inputs<'_, 'm>) -> Body<'m> {
        let (c, i) = (&m.catalog, key.item);
        to.json("product", &ProductView::new(m, i, true));
        let more: Vec<ProductView> = c.products[i]
            .category
            .map(|k| c.categories[k].products.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|&&n| n != i)
            .take(3)
            .map(|&n| ProductView::new(m, n, false))
            .collect();
        to.json("more_products", &more);
        to.value("all_url", &m.url("produk/"));
        Body::Template("produk_item.html")
    }

    fn listed(&self) -> Option<Listed> {
        Some(Listed::Village)
    }

    fn json_ld(&self, m: &Input<'_>, key: Key) -> Option<Vec<Value>> {
        let (c, i) = (&m.catalog, key.item);
        let (item, name) = jsonld::product(m, i);
        let mut trail = Vec::new();
        if c.products[i].listed {
            trail.push(products_crumb(m));
        }
        if let Some(k) = c.products[i].category {
            trail.push((c.categories[k].name.clone(), c.categories[k].path.clone()));
        }
        trail.push((name, c.products[i].path.clone()));
        Some(vec![item, crumbs(m, trail)])
    }
}
