//! The profile's plain sections: village, region, location, institutions,
//! contact, potentials, products and tourism.
//!
//! Each builder moves a raw section into its public type, running the
//! single-value rules of [`super::checks`] on the values that have one
//! (paths, choices, phones, coordinates, amounts, times) and adding the
//! fields derived for themes, such as `village.display_name` and the
//! area-code prefixes a portal groups villages by.

use super::area::AreaCode;
use super::checks::{Check, text_of};
use super::raw::{
    RawContact, RawInstitution, RawLocation, RawPotential, RawProduct, RawRegion, RawTourism,
    RawVillage,
};
use super::types::{
    Contact, Institution, Location, OfficeHours, Potential, Product, RegencyKind, Region, Terms,
    Tourism, Village, VillageKind,
};
use crate::diag::Text;
use crate::text;
use toml::Spanned;

impl Check<'_> {
    pub(super) fn village(
        &mut self,
        raw: RawVillage,
        kind: VillageKind,
        code: Option<AreaCode>,
        terms: &Terms,
    ) -> Village {
        let name = self.required(raw.name, "village.name");
        let postal_code = self.postal_code(raw.postal_code);
        let area_code =
            code.map_or_else(|| raw.area_code.get_ref().trim().to_string(), |c| c.dotted);
        let prefix = |n: usize| area_code.get(..n).unwrap_or_default().to_string();
        Village {
            display_name: format!("{} {name}", terms.village),
            province_code: prefix(2),
            regency_code: prefix(5),
            district_code: area_code
                .rsplit_once('.')
                .map_or_else(String::new, |(d, _)| d.to_string()),
            name,
            kind,
            bps_code: raw.bps_code,
            postal_code,
            tagline: raw.tagline,
            founded_year: self.founded_year(raw.founded_year),
            logo: self.path(raw.logo, "village.logo"),
            office_photo: self.path(raw.office_photo, "village.office_photo"),
            website: raw.website,
            vision: raw.vision,
            missions: raw.missions,
            history_page: self.path(raw.history_page, "village.history_page"),
            welcome_page: self.path(raw.welcome_page, "village.welcome_page"),
            area_code,
        }
    }

    pub(super) fn region(
        &mut self,
        raw: RawRegion,
        regency_kind: RegencyKind,
        terms: &Terms,
    ) -> Region {
        let (regency, district) = (
            self.required(raw.regency, "region.regency"),
            self.required(raw.district, "region.district"),
        );
        Region {
            province: self.required(raw.province, "region.province"),
            regency_display: format!("{} {regency}", terms.regency),
            district_display: format!("{} {district}", terms.district),
            regency,
            regency_kind,
            district,
            district_head: raw.district_head,
            timezone: text_of(raw.timezone),
        }
    }

    pub(super) fn location(&mut self, raw: RawLocation) -> Location {
        let (latitude, longitude) = self.coordinates(raw.latitude, raw.longitude);
        self.location_figures(
            raw.map_zoom.as_ref(),
            raw.elevation_masl.as_ref(),
            raw.area_ha.as_ref(),
        );
        Location {
            office_address: raw.office_address,
            latitude,
            longitude,
            map_zoom: raw.map_zoom.map(Spanned::into_inner),
            boundary_geojson: raw.boundary_geojson,
            area_ha: raw.area_ha.map(Spanned::into_inner),
            elevation_masl: raw.elevation_masl.map(Spanned::into_inner),
            typology: raw.typology,
            borders: raw.borders,
            distance_km: raw.distance_km,
        }
    }

    pub(super) fn institution(&mut self, raw: RawInstitution) -> Institution {
        const KINDS: &[&str] = &[
            "bpd",
            "pkk",
            "lpm",
            "karang_taruna",
            "posyandu",
            "bumdes",
            "kelompok_tani",
            "kim",
            "other",
        ];
        Institution {
            kind: self.one_of(raw.kind, "institutions.kind", KINDS),
            page: self.path(raw.page, "institutions.page"),
            name: raw.name,
            abbreviation: raw.abbreviation,
            chair: raw.chair,
        }
    }

    pub(super) fn contact(&mut self, raw: RawContact) -> Contact {
        let (phone, phone_e164, phone_display) = self.phone(raw.phone, "contact.phone");
        let (mobile, mobile_e164, mobile_display) = self.phone(raw.mobile, "contact.mobile");
        let office_hours = raw
            .office_hours
            .into_iter()
            .map(|h| {
                let open = self.hhmm(&h.open, "contact.office_hours.open");
                let close = self.hhmm(&h.close, "contact.office_hours.close");
                self.hours_order(&open, &close, h.close.span());
                OfficeHours {
                    open,
                    close,
                    days: h.days,
                }
            })
            .collect();
        Contact {
            phone,
            phone_e164,
            phone_display,
            mobile,
            mobile_e164,
            mobile_display,
            email: raw.email,
            complaints: raw.complaints,
            office_hours,
        }
    }

    pub(super) fn potential(&mut self, raw: RawPotential) -> Potential {
        const SECTORS: &[&str] = &[
            "pertanian",
            "perkebunan",
            "perikanan",
            "peternakan",
            "kerajinan",
            "kuliner",
            "wisata",
            "budaya",
            "lainnya",
        ];
        Potential {
            title: raw.title,
            sector: self.one_of(raw.sector, "potentials.sector", SECTORS),
            description: raw.description,
            photos: self.paths(raw.photos, "potentials.photos"),
        }
    }

    pub(super) fn product(&mut self, raw: RawProduct) -> Product {
        let (whatsapp, whatsapp_e164, whatsapp_display) =
            self.phone(raw.whatsapp, "products.whatsapp");
        let (latitude, longitude) = self.coordinates(raw.latitude, raw.longitude);
        let discount_at = raw.discount_idr.as_ref().map(|d| d.span());
        let price_idr = self.money(raw.price_idr, "products.price_idr");
        let discount_idr = self.money(raw.discount_idr, "products.discount_idr");
        if let (Some(at), Some(d)) = (discount_at, discount_idr.filter(|d| *d > 0)) {
            self.discount(at, d, price_idr);
        }
        Product {
            name: raw.name,
            category: raw.category,
            price_idr,
            unit: raw.unit,
            discount_idr,
            description: raw.description,
            photos: self.paths(raw.photos, "products.photos"),
            seller: raw.seller,
            whatsapp,
            whatsapp_e164,
            whatsapp_display,
            latitude,
            longitude,
            marketplace: raw.marketplace,
            active: raw.active.unwrap_or(true),
        }
    }

    /// `discount_idr` is taken off `price_idr` (the theme shows both, the
    /// old price struck through), so it needs a price above it.
    fn discount(&mut self, at: std::ops::Range<usize>, discount: i64, price: Option<i64>) {
        let shown = crate::format::rupiah(discount);
        let (message, hint) = match price {
            None => (
                text!(
                    "Potongan harga {shown} (`discount_idr`) ditulis tanpa harga (`price_idr`).",
                    "A discount of {shown} (`discount_idr`) is given without a price (`price_idr`)."
                ),
                Text::new(
                    "Tambahkan `price_idr`, harga sebelum dipotong, misalnya `price_idr = 35000`.",
                    "Add `price_idr`, the price before the discount, e.g. `price_idr = 35000`.",
                ),
            ),
            Some(p) if discount >= p => {
                let price = crate::format::rupiah(p);
                (
                    text!(
                        "Potongan harga {shown} (`discount_idr`) tidak lebih kecil dari harganya, {price}.",
                        "The discount of {shown} (`discount_idr`) is not less than the price, {price}."
                    ),
                    Text::new(
                        "`discount_idr` adalah besar potongan dalam rupiah, bukan harga setelah dipotong: harga 35000 dengan potongan 5000 dijual Rp30.000. Tulis 0 bila tidak ada potongan.",
                        "`discount_idr` is the amount taken off in rupiah, not the price after it: a price of 35000 with a discount of 5000 sells at Rp30.000. Write 0 for no discount.",
                    ),
                )
            }
            Some(_) => return,
        };
        self.error(at, message, hint);
    }

    pub(super) fn tourism(&mut self, raw: RawTourism) -> Tourism {
        let (contact_whatsapp, contact_whatsapp_e164, contact_whatsapp_display) =
            self.phone(raw.contact_whatsapp, "tourism.contact_whatsapp");
        let (latitude, longitude) = self.coordinates(raw.latitude, raw.longitude);
        Tourism {
            name: raw.name,
            description: raw.description,
            photos: self.paths(raw.photos, "tourism.photos"),
            latitude,
            longitude,
            ticket_idr: self.money(raw.ticket_idr, "tourism.ticket_idr"),
            opening_hours: self.opening_hours(raw.opening_hours),
            facilities: raw.facilities,
            contact_whatsapp,
            contact_whatsapp_e164,
            contact_whatsapp_display,
        }
    }
}
