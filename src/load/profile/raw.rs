//! The raw side of `profile.toml`: structs that mirror the file key for key.
//!
//! Every struct is `deny_unknown_fields`, so a typo such as `nama` is a
//! TOML error naming the key and the expected ones, and no profile is built.
//! Values that a rule in [`super::checks`] or its neighbours looks at are
//! wrapped in [`Spanned`], so the rule can point at `profile.toml:line:col`.
//! Sections that need no checking (hamlets, social links, budget, …) are
//! read straight into their public types from [`super::types`].

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::types::{Borders, Budget, Distances, Government, Hamlet, Social, StatRow};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProfile {
    pub(super) schema_version: Option<Spanned<i64>>,
    pub(super) village: RawVillage,
    pub(super) region: RawRegion,
    #[serde(default)]
    pub(super) terms: RawTerms,
    #[serde(default)]
    pub(super) location: RawLocation,
    #[serde(default)]
    pub(super) hamlets: Vec<Hamlet>,
    #[serde(default)]
    pub(super) government: Government,
    #[serde(default)]
    pub(super) officials: Vec<RawOfficial>,
    #[serde(default)]
    pub(super) institutions: Vec<RawInstitution>,
    pub(super) kim: Option<RawKim>,
    #[serde(default)]
    pub(super) contact: RawContact,
    #[serde(default)]
    pub(super) social: Social,
    #[serde(default)]
    pub(super) potentials: Vec<RawPotential>,
    #[serde(default)]
    pub(super) products: Vec<RawProduct>,
    #[serde(default)]
    pub(super) tourism: Vec<RawTourism>,
    pub(super) statistics: Option<Spanned<RawStatistics>>,
    #[serde(default)]
    pub(super) budget: Vec<Budget>,
    #[serde(default)]
    pub(super) indices: RawIndices,
    #[serde(default)]
    pub(super) health: RawHealth,
}

pub(super) type Str = Option<Spanned<String>>;
pub(super) type LocalDate = Option<Spanned<Datetime>>;
pub(super) type Coord = Option<Spanned<f64>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVillage {
    pub(super) name: Spanned<String>,
    pub(super) kind: Spanned<String>,
    pub(super) area_code: Spanned<String>,
    pub(super) bps_code: Option<String>,
    pub(super) postal_code: Str,
    pub(super) tagline: Option<String>,
    pub(super) founded_year: Option<Spanned<i32>>,
    pub(super) logo: Str,
    pub(super) office_photo: Str,
    pub(super) website: Option<String>,
    pub(super) vision: Option<String>,
    #[serde(default)]
    pub(super) missions: Vec<String>,
    pub(super) history_page: Str,
    pub(super) welcome_page: Str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRegion {
    pub(super) province: Spanned<String>,
    pub(super) regency: Spanned<String>,
    pub(super) regency_kind: Str,
    pub(super) district: Spanned<String>,
    pub(super) district_head: Option<String>,
    pub(super) timezone: Str,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTerms {
    pub(super) village: Option<String>,
    pub(super) village_head: Option<String>,
    pub(super) village_secretary: Option<String>,
    pub(super) village_government: Option<String>,
    pub(super) hamlet: Option<String>,
    pub(super) district: Option<String>,
    pub(super) district_head: Option<String>,
    pub(super) regency: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLocation {
    pub(super) office_address: Option<String>,
    pub(super) latitude: Coord,
    pub(super) longitude: Coord,
    pub(super) map_zoom: Option<Spanned<u8>>,
    pub(super) boundary_geojson: Option<String>,
    pub(super) area_ha: Coord,
    pub(super) elevation_masl: Coord,
    #[serde(default)]
    pub(super) typology: Vec<String>,
    #[serde(default)]
    pub(super) borders: Borders,
    #[serde(default)]
    pub(super) distance_km: Distances,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOfficial {
    pub(super) name: String,
    pub(super) title_prefix: Option<String>,
    pub(super) title_suffix: Option<String>,
    pub(super) position: Option<String>,
    pub(super) role: Str,
    pub(super) photo: Str,
    pub(super) term_start: LocalDate,
    pub(super) term_end: LocalDate,
    pub(super) order: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInstitution {
    pub(super) name: String,
    pub(super) abbreviation: Option<String>,
    pub(super) kind: Str,
    pub(super) chair: Option<String>,
    pub(super) page: Str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawKim {
    pub(super) name: String,
    pub(super) founded: LocalDate,
    #[serde(default)]
    pub(super) focus: Vec<String>,
    pub(super) vision: Option<String>,
    #[serde(default)]
    pub(super) missions: Vec<String>,
    pub(super) secretariat: Option<String>,
    pub(super) email: Option<String>,
    pub(super) whatsapp: Str,
    pub(super) kim_id_profile: Option<String>,
    pub(super) registration: Str,
    pub(super) decree: Option<RawDecree>,
    #[serde(default)]
    pub(super) members: Vec<RawMember>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDecree {
    pub(super) number: Option<String>,
    pub(super) date: LocalDate,
    pub(super) issuer: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMember {
    pub(super) name: String,
    pub(super) title_prefix: Option<String>,
    pub(super) title_suffix: Option<String>,
    pub(super) position: Option<String>,
    pub(super) role: Str,
    pub(super) section: Option<String>,
    pub(super) photo: Str,
    #[serde(default)]
    pub(super) show_contact: bool,
    pub(super) whatsapp: Str,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawContact {
    pub(super) phone: Str,
    pub(super) mobile: Str,
    pub(super) email: Option<String>,
    pub(super) complaints: Option<String>,
    #[serde(default)]
    pub(super) office_hours: Vec<RawHours>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHours {
    pub(super) days: Option<String>,
    pub(super) open: Spanned<String>,
    pub(super) close: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPotential {
    pub(super) title: String,
    pub(super) sector: Str,
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) photos: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProduct {
    pub(super) name: String,
    pub(super) category: Option<String>,
    pub(super) price_idr: Option<Spanned<i64>>,
    pub(super) unit: Option<String>,
    pub(super) discount_idr: Option<Spanned<i64>>,
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) photos: Vec<Spanned<String>>,
    pub(super) seller: Option<String>,
    pub(super) whatsapp: Str,
    pub(super) latitude: Coord,
    pub(super) longitude: Coord,
    #[serde(default)]
    pub(super) marketplace: BTreeMap<String, String>,
    pub(super) active: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTourism {
    pub(super) name: String,
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) photos: Vec<Spanned<String>>,
    pub(super) latitude: Coord,
    pub(super) longitude: Coord,
    pub(super) ticket_idr: Option<Spanned<i64>>,
    pub(super) opening_hours: Str,
    #[serde(default)]
    pub(super) facilities: Vec<String>,
    pub(super) contact_whatsapp: Str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStatistics {
    pub(super) as_of: LocalDate,
    pub(super) source: Str,
    pub(super) population: Option<Spanned<u64>>,
    pub(super) male: Option<u64>,
    pub(super) female: Option<u64>,
    pub(super) households: Option<Spanned<u64>>,
    #[serde(default)]
    pub(super) tables: Vec<Spanned<RawStatTable>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStatTable {
    pub(super) key: String,
    pub(super) title: Option<String>,
    #[serde(default)]
    pub(super) rows: Vec<StatRow>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIndices {
    #[serde(default)]
    pub(super) idm: Vec<RawIdm>,
    #[serde(default)]
    pub(super) sdgs: Vec<RawSdgs>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIdm {
    pub(super) year: Spanned<i32>,
    pub(super) score: Spanned<f64>,
    pub(super) status: Str,
    pub(super) source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSdgs {
    pub(super) year: Spanned<i32>,
    pub(super) source: Option<String>,
    #[serde(default)]
    pub(super) goals: Vec<RawGoal>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGoal {
    pub(super) goal: Spanned<i64>,
    pub(super) score: Spanned<f64>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHealth {
    #[serde(default)]
    pub(super) stunting: Vec<Spanned<RawStunting>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStunting {
    pub(super) period: Spanned<String>,
    pub(super) measured: Spanned<u64>,
    pub(super) stunted: Spanned<u64>,
    pub(super) source: Str,
}
