//! The validated profile: the public types templates receive as `profile`.
//!
//! These are built from [`super::raw`] by the rules in the sibling modules
//! and serialized as is (to templates and to `/profile.json`), so field
//! order and names here are the JSON's; the module doc of [`super`]
//! describes that shape and the fields derived for themes. A few small
//! sections with nothing to check (`Hamlet`, `Social`, `Budget`, …) are
//! also deserialized directly, hence `Deserialize` and
//! `deny_unknown_fields` on them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::format::Zone;

/// The validated village profile; see the module doc for its shape.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub schema_version: u32,
    pub village: Village,
    pub region: Region,
    pub terms: Terms,
    pub zone: Zone,
    pub location: Location,
    pub hamlets: Vec<Hamlet>,
    pub government: Government,
    pub officials: Vec<Official>,
    pub institutions: Vec<Institution>,
    pub kim: Option<Kim>,
    pub contact: Contact,
    pub social: Social,
    pub potentials: Vec<Potential>,
    pub products: Vec<Product>,
    pub tourism: Vec<Tourism>,
    pub statistics: Option<Statistics>,
    pub budget: Vec<Budget>,
    pub has_budget: bool,
    pub indices: Indices,
    pub health: Health,
}

impl Profile {
    /// The village's time zone: `region.timezone`, else the province's.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// Whether the profile has development data (IDM, SDGs Desa, stunting).
    pub fn has_development(&self) -> bool {
        !self.indices.idm.is_empty()
            || !self.indices.sdgs.is_empty()
            || !self.health.stunting.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VillageKind {
    Desa,
    Kelurahan,
    DesaAdat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegencyKind {
    Kabupaten,
    Kota,
}

#[derive(Debug, Clone, Serialize)]
pub struct Village {
    pub name: String,
    pub kind: VillageKind,
    /// Always dotted: `35.07.12.2003`.
    pub area_code: String,
    /// `35`, `35.07`, `35.07.12`: prefixes a portal groups villages by.
    pub province_code: String,
    pub regency_code: String,
    pub district_code: String,
    pub bps_code: Option<String>,
    pub postal_code: Option<String>,
    pub tagline: Option<String>,
    pub founded_year: Option<i32>,
    pub logo: Option<String>,
    pub office_photo: Option<String>,
    pub website: Option<String>,
    pub vision: Option<String>,
    pub missions: Vec<String>,
    pub history_page: Option<String>,
    /// A page with the village head's greeting (sambutan), shown on the home page.
    pub welcome_page: Option<String>,
    /// `terms.village` + name: "Desa Sukamaju".
    pub display_name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Region {
    pub province: String,
    pub regency: String,
    pub regency_kind: RegencyKind,
    pub district: String,
    pub district_head: Option<String>,
    pub timezone: Option<String>,
    /// "Kabupaten Malang" / "Kota Salatiga".
    pub regency_display: String,
    /// "Kecamatan Contoh" (or "Distrik …" with that term).
    pub district_display: String,
}

/// Local names for units and offices (DOMAIN.md §c.3), all filled.
#[derive(Debug, Clone, Serialize)]
pub struct Terms {
    pub village: String,
    pub village_head: String,
    pub village_secretary: String,
    pub village_government: String,
    pub hamlet: String,
    pub district: String,
    pub district_head: String,
    pub regency: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Location {
    pub office_address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub map_zoom: Option<u8>,
    pub boundary_geojson: Option<String>,
    pub area_ha: Option<f64>,
    pub elevation_masl: Option<f64>,
    pub typology: Vec<String>,
    pub borders: Borders,
    pub distance_km: Distances,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Borders {
    pub north: Option<String>,
    pub east: Option<String>,
    pub south: Option<String>,
    pub west: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Distances {
    pub district_office: Option<f64>,
    pub regency_office: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hamlet {
    pub name: String,
    pub head: Option<String>,
    pub rw_count: Option<u32>,
    pub rt_count: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Government {
    pub org_chart: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Official {
    pub name: String,
    pub title_prefix: Option<String>,
    pub title_suffix: Option<String>,
    pub position: Option<String>,
    pub role: Option<String>,
    pub photo: Option<String>,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
    pub order: Option<i64>,
    pub full_name: String,
    pub initials: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Institution {
    pub name: String,
    pub abbreviation: Option<String>,
    pub kind: Option<String>,
    pub chair: Option<String>,
    pub page: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Kim {
    pub name: String,
    pub founded: Option<NaiveDate>,
    pub focus: Vec<String>,
    pub vision: Option<String>,
    pub missions: Vec<String>,
    pub secretariat: Option<String>,
    pub email: Option<String>,
    pub whatsapp: Option<String>,
    pub whatsapp_e164: Option<String>,
    pub whatsapp_display: Option<String>,
    pub kim_id_profile: Option<String>,
    /// The KIM's registration number on kelola.kim.id, as written.
    pub registration: Option<String>,
    pub decree: Option<Decree>,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Decree {
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub issuer: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub name: String,
    pub title_prefix: Option<String>,
    pub title_suffix: Option<String>,
    pub position: Option<String>,
    pub role: Option<String>,
    pub section: Option<String>,
    pub photo: Option<String>,
    pub show_contact: bool,
    pub whatsapp: Option<String>,
    pub whatsapp_e164: Option<String>,
    pub whatsapp_display: Option<String>,
    pub full_name: String,
    pub initials: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub phone: Option<String>,
    pub phone_e164: Option<String>,
    pub phone_display: Option<String>,
    pub mobile: Option<String>,
    pub mobile_e164: Option<String>,
    pub mobile_display: Option<String>,
    pub email: Option<String>,
    pub complaints: Option<String>,
    pub office_hours: Vec<OfficeHours>,
}

/// Opening hours; `open` and `close` normalised to "HH:MM" (the theme
/// renders them in the site's [`crate::format::TimeStyle`]).
#[derive(Debug, Clone, Serialize)]
pub struct OfficeHours {
    pub days: Option<String>,
    pub open: String,
    pub close: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Social {
    pub facebook: Option<String>,
    pub instagram: Option<String>,
    pub youtube: Option<String>,
    pub tiktok: Option<String>,
    pub telegram: Option<String>,
    pub x: Option<String>,
    pub whatsapp_channel: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Potential {
    pub title: String,
    pub sector: Option<String>,
    pub description: Option<String>,
    pub photos: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Product {
    pub name: String,
    pub category: Option<String>,
    pub price_idr: Option<i64>,
    pub unit: Option<String>,
    pub discount_idr: Option<i64>,
    pub description: Option<String>,
    pub photos: Vec<String>,
    pub seller: Option<String>,
    pub whatsapp: Option<String>,
    pub whatsapp_e164: Option<String>,
    pub whatsapp_display: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub marketplace: BTreeMap<String, String>,
    /// Defaults to true.
    pub active: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tourism {
    pub name: String,
    pub description: Option<String>,
    pub photos: Vec<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub ticket_idr: Option<i64>,
    pub opening_hours: Option<String>,
    pub facilities: Vec<String>,
    pub contact_whatsapp: Option<String>,
    pub contact_whatsapp_e164: Option<String>,
    pub contact_whatsapp_display: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Statistics {
    pub as_of: Option<NaiveDate>,
    pub source: Option<String>,
    pub population: Option<u64>,
    pub male: Option<u64>,
    pub female: Option<u64>,
    pub households: Option<u64>,
    pub tables: Vec<StatTable>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatTable {
    pub key: String,
    /// Defaults to the key.
    pub title: String,
    pub rows: Vec<StatRow>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatRow {
    pub label: String,
    pub male: Option<u64>,
    pub female: Option<u64>,
    pub count: Option<u64>,
    /// Derived, not read: `count`, else male + female.
    #[serde(skip_deserializing)]
    pub total: u64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub year: i32,
    pub source: Option<String>,
    pub income: Option<Money>,
    pub spending: Option<Money>,
    pub financing_in: Option<Money>,
    pub financing_out: Option<Money>,
}

/// Anggaran and realisasi, in whole rupiah.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    pub planned: Option<i64>,
    pub realized: Option<i64>,
}

/// `[indices]`: the development indices the ministry of villages publishes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Indices {
    /// Oldest year first.
    pub idm: Vec<Idm>,
    /// Oldest year first.
    pub sdgs: Vec<Sdgs>,
}

/// One year of the Indeks Desa Membangun.
#[derive(Debug, Clone, Serialize)]
pub struct Idm {
    pub year: i32,
    /// 0 to 1, as Kemendesa publishes it (four decimals).
    pub score: f64,
    /// As written, or the band of the score when not written.
    pub status: IdmStatus,
    pub source: Option<String>,
}

/// The five IDM bands, worst first; serialized as Kemendesa writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum IdmStatus {
    #[serde(rename = "Sangat Tertinggal")]
    SangatTertinggal,
    Tertinggal,
    Berkembang,
    Maju,
    Mandiri,
}

/// One year of the SDGs Desa scores.
#[derive(Debug, Clone, Serialize)]
pub struct Sdgs {
    pub year: i32,
    pub source: Option<String>,
    /// By goal number.
    pub goals: Vec<SdgsGoal>,
    /// The SDGs Desa score: the mean of the 18 goals, only when all 18 are given.
    pub average: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SdgsGoal {
    /// 1 to 18.
    pub goal: u8,
    /// 0 to 100.
    pub score: f64,
}

/// `[health]`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Health {
    /// Oldest period first.
    pub stunting: Vec<Stunting>,
}

/// One measuring period of children under five.
#[derive(Debug, Clone, Serialize)]
pub struct Stunting {
    /// "2025-08", as written.
    pub period: String,
    pub year: i32,
    pub month: u32,
    pub measured: u64,
    pub stunted: u64,
    /// Derived: stunted of measured, in per cent.
    pub prevalence: f64,
    pub source: Option<String>,
}
