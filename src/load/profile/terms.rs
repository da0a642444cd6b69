//! Local terms (DOMAIN.md §c.3): what this village calls its units and
//! offices.
//!
//! A desa has a Kepala Desa and dusun, a kelurahan a Lurah and lingkungan,
//! a desa adat in Bali banjar; Papua says distrik for kecamatan. Defaults
//! come from `village.kind` and the regency kind, and any of them can be
//! overridden under `[terms]`. Themes get every term filled, so a template
//! never has to choose a fallback itself.

use super::raw::RawTerms;
use super::types::{RegencyKind, Terms, VillageKind};

/// The usual terms for this kind of village in this kind of regency.
pub(super) fn default_terms(kind: VillageKind, regency: RegencyKind) -> Terms {
    let [village, head, secretary, government, hamlet] = match kind {
        VillageKind::Desa => [
            "Desa",
            "Kepala Desa",
            "Sekretaris Desa",
            "Pemerintah Desa",
            "Dusun",
        ],
        VillageKind::Kelurahan => [
            "Kelurahan",
            "Lurah",
            "Sekretaris Kelurahan",
            "Pemerintah Kelurahan",
            "Lingkungan",
        ],
        VillageKind::DesaAdat => [
            "Desa Adat",
            "Kepala Desa Adat",
            "Sekretaris Desa Adat",
            "Pemerintah Desa Adat",
            "Banjar",
        ],
    };
    let regency = match regency {
        RegencyKind::Kabupaten => "Kabupaten",
        RegencyKind::Kota => "Kota",
    };
    Terms {
        village: village.into(),
        village_head: head.into(),
        village_secretary: secretary.into(),
        village_government: government.into(),
        hamlet: hamlet.into(),
        district: "Kecamatan".into(),
        district_head: "Camat".into(),
        regency: regency.into(),
    }
}

/// `[terms]` as written, with each absent or blank term taken from
/// `defaults`.
pub(super) fn resolve_terms(raw: RawTerms, defaults: Terms) -> Terms {
    let pick = |given: Option<String>, default: String| {
        given.filter(|s| !s.trim().is_empty()).unwrap_or(default)
    };
    Terms {
        village: pick(raw.village, defaults.village),
        village_head: pick(raw.village_head, defaults.village_head),
        village_secretary: pick(raw.village_secretary, defaults.village_secretary),
        village_government: pick(raw.village_government, defaults.village_government),
        hamlet: pick(raw.hamlet, defaults.hamlet),
        district: pick(raw.district, defaults.district),
        district_head: pick(raw.district_head, defaults.district_head),
        regency: pick(raw.regency, defaults.regency),
    }
}
