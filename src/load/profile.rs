//! Loads and validates `profile.toml`, the village profile.
//!
//! The file is read into private `Raw*` structs that mirror it key for key
//! (`deny_unknown_fields`, so a typo such as `nama` is an error naming
//! `name`), with [`toml::Spanned`] on every value a rule looks at. The rules
//! of DOMAIN.md §b then build the public [`Profile`]: area code, kind,
//! postal code, coordinates, phone numbers, office hours, time zone,
//! statistics. Each broken rule is a [`Diagnostic`] at `profile.toml:line:col`
//! with an Indonesian-first fix; loading goes on, so `warta check` lists all
//! of them. Only a file that is not valid TOML (or has an unknown key or a
//! wrong type) gives no profile at all.
//!
//! [`Profile`] is handed to templates as `profile` and written out as
//! `/profile.json`, so its serialized shape is the file's shape (same keys,
//! dates as `"YYYY-MM-DD"`, money as integer rupiah, absent values as
//! `null`, absent lists as `[]`) plus fields derived for themes:
//!
//! - `zone` (`{label, iana, offset_hours}`), `has_budget` (never for a
//!   kelurahan, which has no APBDes), `terms` with every local term filled;
//! - `village.display_name` ("Desa Sukamaju"), `village.area_code` always
//!   dotted, plus `province_code`, `regency_code`, `district_code`;
//! - `region.regency_kind` (always set), `regency_display` ("Kabupaten
//!   Malang"), `district_display` ("Kecamatan Contoh");
//! - `full_name` ("H. Ahmad Sholeh, S.Pd.") and `initials` ("AS") on
//!   officials and KIM members; officials sorted by `order`;
//! - `total` on each statistics row (its `count`, else male + female).
//!
//! Phone numbers follow one scheme everywhere: the key as written stays
//! (`whatsapp = "+62 812-3456-7890"`), `<key>_e164` holds the digits for
//! `wa.me/` and `tel:+` links ("6281234567890"), and `<key>_display` the
//! form people read ("0812-3456-7890"). An empty string means "not given".
//! A KIM member's number is published only with `show_contact = true`;
//! otherwise all three are `null`, although the number is still checked.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::value::Datetime;

use crate::diag::{Diagnostic, Diagnostics, Text, display_path};
use crate::format::{self, PhoneError, Zone};
use crate::fsx;
use crate::load::tomlerr::toml_diagnostic;
use crate::text;

const FILE: &str = "profile.toml";
const PROVINCES_IN_USE: &str = "11–19, 21, 31–36, 51–53, 61–65, 71–76, 81–82, 91–96";
const EXAMPLE_CODE: &str = "35.07.12.2003";

// ------------------------------------------------------------ raw: the file as written

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    schema_version: Option<Spanned<i64>>,
    village: RawVillage,
    region: RawRegion,
    #[serde(default)]
    terms: RawTerms,
    #[serde(default)]
    location: RawLocation,
    #[serde(default)]
    hamlets: Vec<Hamlet>,
    #[serde(default)]
    government: Government,
    #[serde(default)]
    officials: Vec<RawOfficial>,
    #[serde(default)]
    institutions: Vec<RawInstitution>,
    kim: Option<RawKim>,
    #[serde(default)]
    contact: RawContact,
    #[serde(default)]
    social: Social,
    #[serde(default)]
    potentials: Vec<RawPotential>,
    #[serde(default)]
    products: Vec<RawProduct>,
    #[serde(default)]
    tourism: Vec<RawTourism>,
    statistics: Option<Spanned<RawStatistics>>,
    #[serde(default)]
    budget: Vec<Budget>,
}

type Str = Option<Spanned<String>>;
type LocalDate = Option<Spanned<Datetime>>;
type Coord = Option<Spanned<f64>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVillage {
    name: Spanned<String>,
    kind: Spanned<String>,
    area_code: Spanned<String>,
    bps_code: Option<String>,
    postal_code: Str,
    tagline: Option<String>,
    founded_year: Option<i32>,
    logo: Str,
    office_photo: Str,
    website: Option<String>,
    vision: Option<String>,
    #[serde(default)]
    missions: Vec<String>,
    history_page: Str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    province: Spanned<String>,
    regency: Spanned<String>,
    regency_kind: Str,
    district: Spanned<String>,
    district_head: Option<String>,
    timezone: Str,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTerms {
    village: Option<String>,
    village_head: Option<String>,
    village_secretary: Option<String>,
    village_government: Option<String>,
    hamlet: Option<String>,
    district: Option<String>,
    district_head: Option<String>,
    regency: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLocation {
    office_address: Option<String>,
    latitude: Coord,
    longitude: Coord,
    map_zoom: Option<u8>,
    boundary_geojson: Option<String>,
    area_ha: Option<f64>,
    elevation_masl: Option<f64>,
    #[serde(default)]
    typology: Vec<String>,
    #[serde(default)]
    borders: Borders,
    #[serde(default)]
    distance_km: Distances,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOfficial {
    name: String,
    title_prefix: Option<String>,
    title_suffix: Option<String>,
    position: Option<String>,
    role: Str,
    photo: Str,
    term_start: LocalDate,
    term_end: LocalDate,
    order: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstitution {
    name: String,
    abbreviation: Option<String>,
    kind: Str,
    chair: Option<String>,
    page: Str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKim {
    name: String,
    founded: LocalDate,
    #[serde(default)]
    focus: Vec<String>,
    vision: Option<String>,
    #[serde(default)]
    missions: Vec<String>,
    secretariat: Option<String>,
    email: Option<String>,
    whatsapp: Str,
    kim_id_profile: Option<String>,
    decree: Option<RawDecree>,
    #[serde(default)]
    members: Vec<RawMember>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecree {
    number: Option<String>,
    date: LocalDate,
    issuer: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMember {
    name: String,
    title_prefix: Option<String>,
    title_suffix: Option<String>,
    position: Option<String>,
    role: Str,
    section: Option<String>,
    photo: Str,
    #[serde(default)]
    show_contact: bool,
    whatsapp: Str,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawContact {
    phone: Str,
    mobile: Str,
    email: Option<String>,
    complaints: Option<String>,
    #[serde(default)]
    office_hours: Vec<RawHours>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHours {
    days: Option<String>,
    open: Spanned<String>,
    close: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPotential {
    title: String,
    sector: Str,
    description: Option<String>,
    #[serde(default)]
    photos: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProduct {
    name: String,
    category: Option<String>,
    price_idr: Option<Spanned<i64>>,
    unit: Option<String>,
    discount_idr: Option<Spanned<i64>>,
    description: Option<String>,
    #[serde(default)]
    photos: Vec<Spanned<String>>,
    seller: Option<String>,
    whatsapp: Str,
    latitude: Coord,
    longitude: Coord,
    #[serde(default)]
    marketplace: BTreeMap<String, String>,
    active: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTourism {
    name: String,
    description: Option<String>,
    #[serde(default)]
    photos: Vec<Spanned<String>>,
    latitude: Coord,
    longitude: Coord,
    ticket_idr: Option<Spanned<i64>>,
    opening_hours: Option<String>,
    #[serde(default)]
    facilities: Vec<String>,
    contact_whatsapp: Str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatistics {
    as_of: LocalDate,
    source: Str,
    population: Option<Spanned<u64>>,
    male: Option<u64>,
    female: Option<u64>,
    households: Option<u64>,
    #[serde(default)]
    tables: Vec<Spanned<RawStatTable>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatTable {
    key: String,
    title: Option<String>,
    #[serde(default)]
    rows: Vec<StatRow>,
}

// ------------------------------------------------------------ validated: what themes get

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
}

impl Profile {
    /// The village's time zone: `region.timezone`, else the province's.
    pub fn zone(&self) -> Zone {
        self.zone
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
/// renders them in the site's [`format::TimeStyle`]).
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

// ------------------------------------------------------------ loading

/// Reads `<root>/profile.toml`. Returns the profile (None if it could not
/// be parsed) and every problem found, errors and warnings, each naming
/// `profile.toml` with line and column.
pub fn load_profile(root: &Path) -> (Option<Profile>, Diagnostics) {
    let path = root.join(FILE);
    let file = display_path(root, &path);
    if !path.is_file() {
        let d = Diagnostic::error(Text::new(
            "Berkas profile.toml (profil desa) tidak ada.",
            "The file profile.toml (the village profile) is missing.",
        ))
        .in_file(&file)
        .hint(Text::new(
            "Salin profile.toml dari situs baru buatan `warta init`, taruh di folder situs, lalu isi dengan data desa Anda.",
            "Copy profile.toml from a new site made with `warta init` into the site folder, then fill in your village's data.",
        ));
        return (None, d.into());
    }
    match fsx::read_text(&path) {
        Ok(source) => parse_profile(&source, &file),
        Err(d) => (None, d.in_file(&file).into()),
    }
}

/// Parses and validates the text of a profile; `file` names it in messages.
fn parse_profile(source: &str, file: &Path) -> (Option<Profile>, Diagnostics) {
    match toml::from_str::<RawProfile>(source) {
        Ok(raw) => {
            let mut check = Check {
                file,
                source,
                diags: Diagnostics::new(),
            };
            let profile = check.profile(raw);
            (Some(profile), check.diags)
        }
        Err(err) => {
            let what = Text::new(FILE, FILE);
            (None, toml_diagnostic(&err, file, source, 0, &what).into())
        }
    }
}

/// Area code parts once the code has the right shape.
struct AreaCode {
    dotted: String,
    province: u32,
    regency: u32,
    /// First digit of the village part: 1 kelurahan, 2 desa, 3 desa adat.
    status: u8,
}

#[derive(Debug, PartialEq, Eq)]
enum AreaShape {
    Dotted,
    /// Ten digits without dots: the same shape as a BPS code.
    Undotted,
    /// A kecamatan part of 3–5 digits, which some lists use.
    WideDistrict,
}

/// Checks `^[1-9]\d\.\d{2}\.\d{2}\.[123]\d{3}$` by hand, also accepting the
/// undotted and wide-kecamatan forms (DOMAIN.md §b); returns the dotted code.
fn parse_area_code(s: &str) -> Option<(String, AreaShape)> {
    let digits =
        |p: &str, n: Range<usize>| n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if digits(s, 10..11) {
        let dotted = format!("{}.{}.{}.{}", &s[..2], &s[2..4], &s[4..6], &s[6..]);
        return parse_area_code(&dotted).map(|(d, _)| (d, AreaShape::Undotted));
    }
    let [p, k, c, d] = s.split('.').collect::<Vec<_>>()[..] else {
        return None;
    };
    let ok = digits(p, 2..3)
        && !p.starts_with('0')
        && digits(k, 2..3)
        && digits(c, 2..6)
        && digits(d, 4..5)
        && d.starts_with(['1', '2', '3']);
    let shape = if c.len() == 2 {
        AreaShape::Dotted
    } else {
        AreaShape::WideDistrict
    };
    ok.then(|| (s.to_string(), shape))
}

fn text_of(v: Str) -> Option<String> {
    v.map(Spanned::into_inner)
}

/// "H. Ahmad Sholeh, S.Pd.": gelar are stored apart from the name (§c.7).
fn full_name(prefix: Option<&str>, name: &str, suffix: Option<&str>) -> String {
    fn given(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    let mut out = given(prefix).map(|p| format!("{p} ")).unwrap_or_default();
    out.push_str(name.trim());
    if let Some(s) = given(suffix) {
        out.push_str(", ");
        out.push_str(s);
    }
    out
}

/// Initials of the first and last word: "Ahmad Sholeh" → "AS".
fn initials(name: &str) -> String {
    let firsts: Vec<char> = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .collect();
    match firsts[..] {
        [] => String::new(),
        [one] => one.to_uppercase().collect(),
        [first, .., last] => first.to_uppercase().chain(last.to_uppercase()).collect(),
    }
}

fn default_terms(kind: VillageKind, regency: RegencyKind) -> Terms {
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

fn resolve_terms(raw: RawTerms, defaults: Terms) -> Terms {
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

/// A phone number as written, as E.164 digits, and as people read it.
type PhoneTriple = (Option<String>, Option<String>, Option<String>);

/// Collects diagnostics while turning raw sections into validated ones.
struct Check<'a> {
    file: &'a Path,
    source: &'a str,
    diags: Diagnostics,
}

impl Check<'_> {
    fn report(&mut self, d: Diagnostic, at: Range<usize>, hint: Text) {
        let len = at.len().max(1);
        self.diags.push(
            d.in_file(self.file)
                .at(self.source, at.start, len)
                .hint(hint),
        );
    }

    fn error(&mut self, at: Range<usize>, message: Text, hint: Text) {
        self.report(Diagnostic::error(message), at, hint);
    }

    fn warning(&mut self, at: Range<usize>, message: Text, hint: Text) {
        self.report(Diagnostic::warning(message), at, hint);
    }

    fn profile(&mut self, raw: RawProfile) -> Profile {
        if let Some(v) = &raw.schema_version {
            let n = *v.get_ref();
            if n != 1 {
                self.error(
                    v.span(),
                    text!(
                        "Versi skema {n} tidak dikenal.",
                        "Unknown schema version {n}."
                    ),
                    Text::new("Tulis `schema_version = 1`.", "Write `schema_version = 1`."),
                );
            }
        }
        let code = self.area_code(&raw.village.area_code);
        let kind = self.village_kind(&raw.village.kind, code.as_ref());
        let regency_kind = self.regency_kind(raw.region.regency_kind.as_ref(), code.as_ref());
        let zone = self.zone(raw.region.timezone.as_ref(), code.as_ref());
        let terms = resolve_terms(raw.terms, default_terms(kind, regency_kind));
        let village = self.village(raw.village, kind, code, &terms);
        let region = self.region(raw.region, regency_kind, &terms);
        let mut officials: Vec<Official> = raw
            .officials
            .into_iter()
            .map(|o| self.official(o))
            .collect();
        officials.sort_by_key(|o| (o.order.is_none(), o.order));
        let budget = raw.budget;
        Profile {
            schema_version: 1,
            location: self.location(raw.location),
            hamlets: raw.hamlets,
            government: raw.government,
            officials,
            institutions: raw
                .institutions
                .into_iter()
                .map(|i| self.institution(i))
                .collect(),
            kim: raw.kim.map(|k| self.kim(k)),
            contact: self.contact(raw.contact),
            social: raw.social,
            potentials: raw
                .potentials
                .into_iter()
                .map(|p| self.potential(p))
                .collect(),
            products: raw.products.into_iter().map(|p| self.product(p)).collect(),
            tourism: raw.tourism.into_iter().map(|t| self.tourism(t)).collect(),
            statistics: raw.statistics.map(|s| self.statistics(s)),
            has_budget: kind != VillageKind::Kelurahan && !budget.is_empty(),
            budget,
            village,
            region,
            terms,
            zone,
        }
    }

    fn area_code(&mut self, raw: &Spanned<String>) -> Option<AreaCode> {
        let at = raw.span();
        let value = raw.get_ref().trim();
        let Some((dotted, shape)) = parse_area_code(value) else {
            self.error(
                at,
                text!(
                    "Kode wilayah `{value}` tidak sesuai format Kemendagri PP.KK.CC.DDDD.",
                    "The area code `{value}` does not match the Kemendagri format PP.KK.CC.DDDD."
                ),
                text!(
                    "Tulis 10 angka dengan titik: provinsi.kabupaten.kecamatan.desa, misalnya `area_code = \"{EXAMPLE_CODE}\"`. Bagian desa diawali 1 (kelurahan), 2 (desa) atau 3 (desa adat).",
                    "Write 10 digits with dots: province.regency.district.village, e.g. `area_code = \"{EXAMPLE_CODE}\"`. The village part starts with 1 (kelurahan), 2 (desa) or 3 (desa adat)."
                ),
            );
            return None;
        };
        match shape {
            AreaShape::Dotted => {}
            AreaShape::Undotted => self.warning(
                at.clone(),
                text!(
                    "Kode wilayah `{value}` ditulis tanpa titik, sehingga bisa tertukar dengan kode BPS.",
                    "The area code `{value}` has no dots, so it can be mistaken for a BPS code."
                ),
                text!(
                    "Jika ini kode Kemendagri, tulis `area_code = \"{dotted}\"`. Kode BPS ditulis di `bps_code`.",
                    "If this is the Kemendagri code, write `area_code = \"{dotted}\"`. A BPS code goes in `bps_code`."
                ),
            ),
            AreaShape::WideDistrict => self.warning(
                at.clone(),
                text!(
                    "Bagian kecamatan pada kode wilayah `{value}` lebih dari 2 angka.",
                    "The district part of the area code `{value}` has more than 2 digits."
                ),
                Text::new(
                    "Kode Kemendagri memakai 2 angka untuk kecamatan (PP.KK.CC.DDDD); periksa kode di kantor kecamatan.",
                    "Kemendagri codes use 2 digits for the district (PP.KK.CC.DDDD); check the code with the district office.",
                ),
            ),
        }
        let number = |range: Range<usize>| dotted[range].parse::<u32>().unwrap_or(0);
        let (province, regency) = (number(0..2), number(3..5));
        if format::zone_for_province(province).is_none() {
            self.error(
                at,
                text!("Kode provinsi `{province}` tidak dipakai.", "The province code `{province}` is not in use."),
                text!(
                    "Dua angka pertama `area_code` adalah kode provinsi; yang dipakai: {PROVINCES_IN_USE}.",
                    "The first two digits of `area_code` are the province code; codes in use: {PROVINCES_IN_USE}."
                ),
            );
            return None;
        }
        let status = dotted
            .rsplit('.')
            .next()
            .map_or(0, |d| d.as_bytes()[0] - b'0');
        Some(AreaCode {
            dotted,
            province,
            regency,
            status,
        })
    }

    fn village_kind(&mut self, raw: &Spanned<String>, code: Option<&AreaCode>) -> VillageKind {
        let value = raw.get_ref().as_str();
        let kind = match value {
            "desa" => VillageKind::Desa,
            "kelurahan" => VillageKind::Kelurahan,
            "desa_adat" => VillageKind::DesaAdat,
            _ => {
                self.one_of_failed(
                    raw.span(),
                    "village.kind",
                    value,
                    &["desa", "kelurahan", "desa_adat"],
                );
                return code.map_or(VillageKind::Desa, |c| match c.status {
                    1 => VillageKind::Kelurahan,
                    3 => VillageKind::DesaAdat,
                    _ => VillageKind::Desa,
                });
            }
        };
        let (digit, word) = match kind {
            VillageKind::Kelurahan => (1, "kelurahan"),
            VillageKind::Desa => (2, "desa"),
            VillageKind::DesaAdat => (3, "desa_adat"),
        };
        if let Some(c) = code.filter(|c| c.status != digit) {
            let (code, status) = (&c.dotted, c.status);
            let means = ["", "kelurahan", "desa", "desa_adat"][status as usize];
            self.error(
                raw.span(),
                text!(
                    "Jenis `{word}` tidak cocok dengan kode wilayah `{code}`: bagian desa diawali {status}, artinya {means}.",
                    "The kind `{word}` does not match the area code `{code}`: its village part starts with {status}, which means {means}."
                ),
                text!(
                    "Tulis `kind = \"{means}\"`, atau periksa `area_code` (bagian desa diawali {digit} untuk {word}).",
                    "Write `kind = \"{means}\"`, or check `area_code` (the village part of a {word} starts with {digit})."
                ),
            );
        }
        kind
    }

    fn regency_kind(
        &mut self,
        raw: Option<&Spanned<String>>,
        code: Option<&AreaCode>,
    ) -> RegencyKind {
        let from_code = code.map(|c| {
            if c.regency >= 71 {
                RegencyKind::Kota
            } else {
                RegencyKind::Kabupaten
            }
        });
        let Some(raw) = raw else {
            return from_code.unwrap_or(RegencyKind::Kabupaten);
        };
        let given = match raw.get_ref().as_str() {
            "kabupaten" => RegencyKind::Kabupaten,
            "kota" => RegencyKind::Kota,
            other => {
                self.one_of_failed(
                    raw.span(),
                    "region.regency_kind",
                    other,
                    &["kabupaten", "kota"],
                );
                return from_code.unwrap_or(RegencyKind::Kabupaten);
            }
        };
        if let (Some(c), Some(expected)) = (code, from_code.filter(|k| *k != given)) {
            let (value, regency) = (raw.get_ref(), c.regency);
            let expected = if expected == RegencyKind::Kota {
                "kota"
            } else {
                "kabupaten"
            };
            self.warning(
                raw.span(),
                text!(
                    "`regency_kind = \"{value}\"`, tetapi kode kabupaten/kota {regency:02} di `area_code` berarti {expected}.",
                    "`regency_kind = \"{value}\"`, but the regency code {regency:02} in `area_code` means {expected}."
                ),
                Text::new(
                    "Kode 01–69 adalah kabupaten, 71–99 kota. Perbaiki salah satunya.",
                    "Codes 01–69 are kabupaten, 71–99 kota. Fix one of them.",
                ),
            );
        }
        given
    }

    fn zone(&mut self, timezone: Option<&Spanned<String>>, code: Option<&AreaCode>) -> Zone {
        if let Some(tz) = timezone {
            match format::zone_from_iana(tz.get_ref()) {
                Some(zone) => return zone,
                None => self.one_of_failed(
                    tz.span(),
                    "region.timezone",
                    tz.get_ref(),
                    &[
                        "Asia/Jakarta",
                        "Asia/Pontianak",
                        "Asia/Makassar",
                        "Asia/Jayapura",
                    ],
                ),
            }
        }
        code.and_then(|c| format::zone_for_province(c.province))
            .unwrap_or(Zone::WIB)
    }

    fn village(
        &mut self,
        raw: RawVillage,
        kind: VillageKind,
        code: Option<AreaCode>,
        terms: &Terms,
    ) -> Village {
        let name = self.required(raw.name, "village.name");
        if let Some(p) = &raw.postal_code {
            let value = p.get_ref();
            if value.len() != 5 || !value.bytes().all(|b| b.is_ascii_digit()) {
                self.error(
                    p.span(),
                    text!("Kode pos `{value}` harus 5 angka.", "The postal code `{value}` must be 5 digits."),
                    Text::new(
                        "Tulis kode pos sebagai teks 5 angka, misalnya `postal_code = \"65151\"`.",
                        "Write the postal code as 5 digits in quotes, e.g. `postal_code = \"65151\"`.",
                    ),
                );
            }
        }
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
            postal_code: text_of(raw.postal_code),
            tagline: raw.tagline,
            founded_year: raw.founded_year,
            logo: self.path(raw.logo, "village.logo"),
            office_photo: self.path(raw.office_photo, "village.office_photo"),
            website: raw.website,
            vision: raw.vision,
            missions: raw.missions,
            history_page: self.path(raw.history_page, "village.history_page"),
            area_code,
        }
    }

    fn region(&mut self, raw: RawRegion, regency_kind: RegencyKind, terms: &Terms) -> Region {
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

    fn location(&mut self, raw: RawLocation) -> Location {
        let (latitude, longitude) = self.coordinates(raw.latitude, raw.longitude);
        Location {
            office_address: raw.office_address,
            latitude,
            longitude,
            map_zoom: raw.map_zoom,
            boundary_geojson: raw.boundary_geojson,
            area_ha: raw.area_ha,
            elevation_masl: raw.elevation_masl,
            typology: raw.typology,
            borders: raw.borders,
            distance_km: raw.distance_km,
        }
    }

    fn official(&mut self, raw: RawOfficial) -> Official {
        const ROLES: &[&str] = &[
            "village_head",
            "secretary",
            "head_of_affairs",
            "head_of_section",
            "hamlet_head",
            "staff",
        ];
        Official {
            full_name: full_name(
                raw.title_prefix.as_deref(),
                &raw.name,
                raw.title_suffix.as_deref(),
            ),
            initials: initials(&raw.name),
            role: self.one_of(raw.role, "officials.role", ROLES),
            photo: self.path(raw.photo, "officials.photo"),
            term_start: self.date(raw.term_start, "officials.term_start"),
            term_end: self.date(raw.term_end, "officials.term_end"),
            name: raw.name,
            title_prefix: raw.title_prefix,
            title_suffix: raw.title_suffix,
            position: raw.position,
            order: raw.order,
        }
    }

    fn institution(&mut self, raw: RawInstitution) -> Institution {
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

    fn kim(&mut self, raw: RawKim) -> Kim {
        let (whatsapp, whatsapp_e164, whatsapp_display) = self.phone(raw.whatsapp, "kim.whatsapp");
        let decree = raw.decree.map(|d| Decree {
            number: d.number,
            date: self.date(d.date, "kim.decree.date"),
            issuer: d.issuer,
        });
        Kim {
            name: raw.name,
            founded: self.date(raw.founded, "kim.founded"),
            focus: raw.focus,
            vision: raw.vision,
            missions: raw.missions,
            secretariat: raw.secretariat,
            email: raw.email,
            whatsapp,
            whatsapp_e164,
            whatsapp_display,
            kim_id_profile: raw.kim_id_profile,
            decree,
            members: raw.members.into_iter().map(|m| self.member(m)).collect(),
        }
    }

    fn member(&mut self, raw: RawMember) -> Member {
        const ROLES: &[&str] = &[
            "chair",
            "vice_chair",
            "secretary",
            "treasurer",
            "coordinator",
            "member",
        ];
        let phone = self.phone(raw.whatsapp, "kim.members.whatsapp");
        // Published only with the member's consent; checked either way.
        let (whatsapp, whatsapp_e164, whatsapp_display) = if raw.show_contact {
            phone
        } else {
            (None, None, None)
        };
        Member {
            full_name: full_name(
                raw.title_prefix.as_deref(),
                &raw.name,
                raw.title_suffix.as_deref(),
            ),
            initials: initials(&raw.name),
            role: self.one_of(raw.role, "kim.members.role", ROLES),
            photo: self.path(raw.photo, "kim.members.photo"),
            name: raw.name,
            title_prefix: raw.title_prefix,
            title_suffix: raw.title_suffix,
            position: raw.position,
            section: raw.section,
            show_contact: raw.show_contact,
            whatsapp,
            whatsapp_e164,
            whatsapp_display,
        }
    }

    fn contact(&mut self, raw: RawContact) -> Contact {
        let (phone, phone_e164, phone_display) = self.phone(raw.phone, "contact.phone");
        let (mobile, mobile_e164, mobile_display) = self.phone(raw.mobile, "contact.mobile");
        let office_hours = raw
            .office_hours
            .into_iter()
            .map(|h| OfficeHours {
                open: self.hhmm(&h.open, "contact.office_hours.open"),
                close: self.hhmm(&h.close, "contact.office_hours.close"),
                days: h.days,
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

    fn potential(&mut self, raw: RawPotential) -> Potential {
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

    fn product(&mut self, raw: RawProduct) -> Product {
        let (whatsapp, whatsapp_e164, whatsapp_display) =
            self.phone(raw.whatsapp, "products.whatsapp");
        let (latitude, longitude) = self.coordinates(raw.latitude, raw.longitude);
        Product {
            name: raw.name,
            category: raw.category,
            price_idr: self.money(raw.price_idr, "products.price_idr"),
            unit: raw.unit,
            discount_idr: self.money(raw.discount_idr, "products.discount_idr"),
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

    fn tourism(&mut self, raw: RawTourism) -> Tourism {
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
            opening_hours: raw.opening_hours,
            facilities: raw.facilities,
            contact_whatsapp,
            contact_whatsapp_e164,
            contact_whatsapp_display,
        }
    }

    fn statistics(&mut self, raw: Spanned<RawStatistics>) -> Statistics {
        let at = raw.span();
        let raw = raw.into_inner();
        let has_numbers = raw.population.is_some()
            || raw.male.is_some()
            || raw.female.is_some()
            || raw.households.is_some()
            || !raw.tables.is_empty();
        if has_numbers {
            self.require_provenance(&raw, at);
        }
        if let (Some(pop), Some(male), Some(female)) = (&raw.population, raw.male, raw.female) {
            let (population, sum) = (*pop.get_ref(), male + female);
            if sum != population {
                self.warning(
                    pop.span(),
                    text!(
                        "Laki-laki + perempuan ({male} + {female} = {sum}) tidak sama dengan jumlah penduduk ({population}).",
                        "Male + female ({male} + {female} = {sum}) does not equal the population ({population})."
                    ),
                    Text::new(
                        "Periksa `population`, `male` dan `female` dengan data kependudukan desa.",
                        "Check `population`, `male` and `female` against the village's population data.",
                    ),
                );
            }
        }
        let tables = raw
            .tables
            .into_iter()
            .map(|t| self.stat_table(t, raw.male, raw.female))
            .collect();
        Statistics {
            as_of: self.date(raw.as_of, "statistics.as_of"),
            source: text_of(raw.source).filter(|s| !s.trim().is_empty()),
            population: raw.population.map(Spanned::into_inner),
            male: raw.male,
            female: raw.female,
            households: raw.households,
            tables,
        }
    }

    /// Published figures always carry a date and a source (DOMAIN.md §c.5).
    fn require_provenance(&mut self, raw: &RawStatistics, at: Range<usize>) {
        if raw.as_of.is_none() {
            self.error(
                at.clone(),
                Text::new(
                    "Statistik penduduk tanpa tanggal data (`as_of`).",
                    "Population statistics without the date of the data (`as_of`).",
                ),
                Text::new(
                    "Tambahkan di bawah [statistics] tanggal data itu, tanpa tanda kutip: `as_of = 2025-06-30`.",
                    "Add the date of the data under [statistics], without quotes: `as_of = 2025-06-30`.",
                ),
            );
        }
        if raw
            .source
            .as_ref()
            .is_none_or(|s| s.get_ref().trim().is_empty())
        {
            self.error(
                at,
                Text::new("Statistik penduduk tanpa sumber data (`source`).", "Population statistics without a source (`source`)."),
                Text::new(
                    "Tambahkan di bawah [statistics] asal angkanya, misalnya `source = \"Data kependudukan desa, semester I 2025\"`.",
                    "Add where the figures come from under [statistics], e.g. `source = \"Data kependudukan desa, semester I 2025\"`.",
                ),
            );
        }
    }

    fn stat_table(
        &mut self,
        raw: Spanned<RawStatTable>,
        male: Option<u64>,
        female: Option<u64>,
    ) -> StatTable {
        let at = raw.span();
        let raw = raw.into_inner();
        let mut rows = raw.rows;
        for row in &mut rows {
            row.total = row
                .count
                .unwrap_or_else(|| row.male.unwrap_or(0) + row.female.unwrap_or(0));
        }
        let key = raw.key;
        let sums = (
            rows.iter().map(|r| r.male).sum::<Option<u64>>(),
            rows.iter().map(|r| r.female).sum::<Option<u64>>(),
        );
        // Compare only what both sides give: a table of counts has no L/P.
        let differs = |sum, total| matches!((sum, total), (Some(s), Some(t)) if s != t);
        if differs(sums.0, male) || differs(sums.1, female) {
            let show = |v: Option<u64>| v.map_or_else(|| "–".to_string(), |n| n.to_string());
            let (sm, sf, tm, tf) = (show(sums.0), show(sums.1), show(male), show(female));
            self.warning(
                at,
                text!(
                    "Jumlah laki-laki/perempuan di tabel `{key}` ({sm}/{sf}) berbeda dari total di [statistics] ({tm}/{tf}).",
                    "The male/female sums of table `{key}` ({sm}/{sf}) differ from the totals under [statistics] ({tm}/{tf})."
                ),
                Text::new(
                    "Lengkapi baris tabel ini atau perbaiki `male`/`female` di [statistics], agar angkanya sama.",
                    "Complete this table's rows or fix `male`/`female` under [statistics], so the figures agree.",
                ),
            );
        }
        StatTable {
            title: raw.title.unwrap_or_else(|| key.clone()),
            key,
            rows,
        }
    }

    // -------------------------------------------------------- single values

    fn required(&mut self, v: Spanned<String>, key: &str) -> String {
        if v.get_ref().trim().is_empty() {
            self.error(
                v.span(),
                text!("`{key}` tidak boleh kosong.", "`{key}` must not be empty."),
                text!(
                    "Isi `{key}` di antara tanda kutip.",
                    "Write a value for `{key}` between the quotes."
                ),
            );
        }
        v.into_inner().trim().to_string()
    }

    /// A path to a page or photo: only non-empty here; the content loader
    /// checks that the file exists.
    fn path(&mut self, v: Str, key: &str) -> Option<String> {
        let v = v?;
        if v.get_ref().trim().is_empty() {
            self.error(
                v.span(),
                text!("`{key}` kosong.", "`{key}` is empty."),
                text!(
                    "Tulis path berkasnya, misalnya \"media/foto.jpg\", atau hapus baris `{key}`.",
                    "Write the file's path, e.g. \"media/foto.jpg\", or remove the `{key}` line."
                ),
            );
            return None;
        }
        Some(v.into_inner())
    }

    fn paths(&mut self, v: Vec<Spanned<String>>, key: &str) -> Vec<String> {
        v.into_iter()
            .filter_map(|p| self.path(Some(p), key))
            .collect()
    }

    fn one_of(&mut self, v: Str, key: &str, allowed: &[&str]) -> Option<String> {
        let v = v?;
        if !allowed.contains(&v.get_ref().as_str()) {
            self.one_of_failed(v.span(), key, v.get_ref(), allowed);
        }
        Some(v.into_inner())
    }

    fn one_of_failed(&mut self, at: Range<usize>, key: &str, value: &str, allowed: &[&str]) {
        let list = allowed.join(", ");
        let hint = match crate::load::tomlerr::suggest_key(value, allowed) {
            Some(s) => text!(
                "Tulis `\"{s}\"`. Pilihan: {list}.",
                "Write `\"{s}\"`. Choices: {list}."
            ),
            None => text!("Pilih salah satu: {list}.", "Choose one of: {list}."),
        };
        self.error(
            at,
            text!(
                "Nilai `{value}` untuk `{key}` tidak dikenal.",
                "Unknown value `{value}` for `{key}`."
            ),
            hint,
        );
    }

    fn date(&mut self, v: LocalDate, key: &str) -> Option<NaiveDate> {
        let v = v?;
        let dt = v.get_ref();
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            }
            _ => None,
        };
        if date.is_none() {
            let short = key.rsplit('.').next().unwrap_or(key);
            self.error(
                v.span(),
                text!("`{key}` harus berupa tanggal saja, tanpa jam.", "`{key}` must be a plain date, without a time."),
                text!(
                    "Tulis tanggal tanpa tanda kutip dan tanpa jam, misalnya `{short} = 2025-06-30`.",
                    "Write the date without quotes and without a time, e.g. `{short} = 2025-06-30`."
                ),
            );
        }
        date
    }

    fn money(&mut self, v: Option<Spanned<i64>>, key: &str) -> Option<i64> {
        let v = v?;
        let amount = *v.get_ref();
        if amount < 0 {
            self.error(
                v.span(),
                text!(
                    "`{key}` tidak boleh negatif ({amount}).",
                    "`{key}` must not be negative ({amount})."
                ),
                Text::new(
                    "Tulis harga dalam rupiah tanpa titik dan tanpa \"Rp\", misalnya `15000`.",
                    "Write the amount in rupiah without dots or \"Rp\", e.g. `15000`.",
                ),
            );
        }
        Some(amount)
    }

    fn hhmm(&mut self, v: &Spanned<String>, key: &str) -> String {
        let value = v.get_ref();
        match format::parse_hhmm(value) {
            Some((h, m)) => format!("{h:02}:{m:02}"),
            None => {
                self.error(
                    v.span(),
                    text!("Jam `{value}` di `{key}` tidak bisa dibaca.", "The time `{value}` in `{key}` cannot be read."),
                    Text::new(
                        "Tulis jam dalam format 24 jam di antara tanda kutip, misalnya `open = \"08:00\"` atau `close = \"15:30\"`.",
                        "Write a 24-hour time in quotes, e.g. `open = \"08:00\"` or `close = \"15:30\"`.",
                    ),
                );
                value.clone()
            }
        }
    }

    fn phone(&mut self, v: Str, key: &str) -> PhoneTriple {
        let Some(v) = v.filter(|v| !v.get_ref().trim().is_empty()) else {
            return (None, None, None);
        };
        let value = v.get_ref();
        match format::normalize_phone(value) {
            Ok(e164) => {
                let display = format::phone_display(&e164);
                (Some(v.into_inner()), Some(e164), Some(display))
            }
            Err(e) => {
                let why = match e {
                    PhoneError::NotANumber => Text::new(
                        "berisi huruf atau tanda yang bukan bagian nomor",
                        "contains letters or signs that are not part of a number",
                    ),
                    PhoneError::WrongLength => Text::new(
                        "terlalu pendek atau terlalu panjang",
                        "is too short or too long",
                    ),
                    PhoneError::NotIndonesian => Text::new(
                        "bukan nomor Indonesia (awali dengan 0 atau +62)",
                        "is not an Indonesian number (start with 0 or +62)",
                    ),
                };
                self.error(
                    v.span(),
                    Text::new(format!("Nomor `{value}` di `{key}` {}.", why.id), format!("The number `{value}` in `{key}` {}.", why.en)),
                    Text::new(
                        "Tulis nomor seperti `0812-3456-7890`, `+62 812-3456-7890` atau `(0341) 123456`.",
                        "Write the number like `0812-3456-7890`, `+62 812-3456-7890` or `(0341) 123456`.",
                    ),
                );
                (Some(v.into_inner()), None, None)
            }
        }
    }

    /// Latitude and longitude inside Indonesia's bounding box.
    fn coordinates(&mut self, lat: Coord, lon: Coord) -> (Option<f64>, Option<f64>) {
        let lat = self.coordinate(lat, ("Lintang", "latitude"), -11.5..=6.5);
        let lon = self.coordinate(lon, ("Bujur", "longitude"), 94.5..=141.5);
        (lat, lon)
    }

    fn coordinate(
        &mut self,
        v: Coord,
        (id, en): (&str, &str),
        range: std::ops::RangeInclusive<f64>,
    ) -> Option<f64> {
        let v = v?;
        let value = *v.get_ref();
        if !range.contains(&value) {
            let (lo, hi) = (range.start(), range.end());
            self.error(
                v.span(),
                text!(
                    "{id} ({en}) {value} berada di luar Indonesia ({lo} sampai {hi}).",
                    "The {en} {value} lies outside Indonesia ({lo} to {hi})."
                ),
                Text::new(
                    "Salin koordinat dari peta (misalnya Google Maps: tekan lama titiknya): angka pertama lintang, kedua bujur. Di Jawa lintang sekitar -7 (pakai tanda minus) dan bujur sekitar 110.",
                    "Copy the coordinates from a map (e.g. Google Maps: long-press the spot): the first number is latitude, the second longitude. In Java latitude is about -7 (with the minus) and longitude about 110.",
                ),
            );
            return None;
        }
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{AreaShape, Profile, VillageKind, initials, load_profile, parse_area_code};
    use crate::diag::{Diagnostics, Lang};
    use crate::format::Zone;

    /// The smallest valid profile; tests replace a line or append tables.
    const MINIMAL: &str = r#"[village]
name = "Sukamaju"
kind = "desa"
area_code = "35.07.12.2003"

[region]
province = "Jawa Timur"
regency = "Malang"
district = "Contoh"
"#;

    fn load(text: &str) -> (Option<Profile>, Diagnostics) {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(dir.path().join("profile.toml"), text).unwrap();
        load_profile(dir.path())
    }

    /// MINIMAL with one line replaced and `extra` appended.
    fn variant(from: &str, to: &str, extra: &str) -> String {
        assert!(MINIMAL.contains(from), "{from}");
        format!("{}{extra}", MINIMAL.replacen(from, to, 1))
    }

    /// `(is_error, "profile.toml:line:col", rendered text)` of each problem.
    fn problems(d: &Diagnostics) -> Vec<(bool, String, String)> {
        d.items
            .iter()
            .map(|d| {
                (
                    d.is_error(),
                    d.position().unwrap_or_default(),
                    d.render(Lang::En),
                )
            })
            .collect()
    }

    #[test]
    fn shipped_profiles_load_without_errors() {
        // (file, warnings it is known to have); absent files are skipped
        // with a note, since shared/ sits outside the repository.
        for (file, warnings) in [
            ("scaffold/profile.toml", 0),
            ("content-example/profile.toml", 0),
            ("../shared/design/profile.example.toml", 1),
        ] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            let Ok(text) = std::fs::read_to_string(&path) else {
                println!("note: {} is absent; skipping", path.display());
                continue;
            };
            let (profile, diags) = load(&text);
            let found = problems(&diags);
            assert!(
                profile.is_some() && !diags.has_errors(),
                "{file}: {found:#?}"
            );
            assert_eq!(found.len(), warnings, "{file}: {found:#?}");
        }
    }

    #[test]
    fn shared_example_gives_the_derived_fields() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/design/profile.example.toml"
        ));
        let Ok(text) = std::fs::read_to_string(path) else {
            println!("note: {} is absent; skipping", path.display());
            return;
        };
        let (profile, diags) = load(&text);
        // Its age table lists two bands only, so the sums cannot match the
        // totals: the one warning is the rule working.
        let found = problems(&diags);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].2.contains("table `rentang-umur` (208/199)"),
            "{}",
            found[0].2
        );
        assert_eq!(found[0].1, "profile.toml:207:1");
        let p = profile.unwrap();
        assert_eq!(p.village.display_name, "Desa Sukamaju");
        assert_eq!(p.region.regency_display, "Kabupaten Malang");
        assert_eq!(p.zone(), Zone::WIB);
        assert_eq!(p.officials[0].full_name, "H. Ahmad Sholeh, S.Pd.");
        assert_eq!(p.officials[0].initials, "AS");
        assert!(p.has_budget);
        let json = serde_json::to_value(&p).unwrap();
        for (pointer, want) in [
            ("/village/area_code", "35.07.12.2003"),
            ("/village/regency_code", "35.07"),
            ("/village/district_code", "35.07.12"),
            ("/terms/village_head", "Kepala Desa"),
            ("/zone/label", "WIB"),
            ("/officials/0/term_start", "2021-03-15"),
            ("/kim/founded", "2019-08-17"),
            ("/kim/whatsapp_e164", "6281234567890"),
            ("/contact/phone_e164", "62341123456"),
            ("/contact/phone_display", "(0341) 123456"),
            ("/contact/office_hours/1/close", "11:00"),
            ("/statistics/as_of", "2025-06-30"),
            ("/tourism/0/contact_whatsapp_display", "0812-3456-7892"),
        ] {
            assert_eq!(
                json.pointer(pointer).and_then(|v| v.as_str()),
                Some(want),
                "{pointer}"
            );
        }
        // Siti Aminah has show_contact = false: her number is not published.
        assert_eq!(
            json.pointer("/kim/members/0/whatsapp"),
            Some(&serde_json::Value::Null)
        );
        assert_eq!(
            json.pointer("/statistics/tables/0/rows/0/total")
                .and_then(|v| v.as_u64()),
            Some(193)
        );
        assert_eq!(
            json.pointer("/budget/0/income/planned")
                .and_then(|v| v.as_i64()),
            Some(1_850_000_000)
        );
    }

    #[test]
    fn minimal_profile_fills_defaults() {
        let (profile, diags) = load(MINIMAL);
        assert!(diags.is_empty(), "{diags}");
        let p = profile.unwrap();
        assert!(
            p.products.is_empty() && p.kim.is_none() && p.statistics.is_none() && !p.has_budget
        );
        assert_eq!(p.terms.hamlet, "Dusun");
        assert_eq!(p.region.district_display, "Kecamatan Contoh");
    }

    #[test]
    fn missing_file_says_how_to_get_one() {
        let dir = tempfile::TempDir::new().unwrap();
        let (profile, diags) = load_profile(dir.path());
        assert!(profile.is_none());
        let found = problems(&diags);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "profile.toml");
        assert!(found[0].2.contains("warta init"), "{}", found[0].2);
        assert!(
            diags.items[0]
                .hint
                .as_ref()
                .unwrap()
                .id
                .contains("warta init")
        );
    }

    #[test]
    fn area_code_shapes() {
        for (code, want) in [
            ("35.07.12.2003", Some(AreaShape::Dotted)),
            ("3507122003", Some(AreaShape::Undotted)),
            ("35.07.123.2003", Some(AreaShape::WideDistrict)),
            ("35.07.12", None),
            ("35-07-12-2003", None),
            ("3507.12.2003", None),
            ("35.7.12.2003", None),
            ("05.07.12.2003", None),
            ("35.07.12.4003", None),
            ("35.07.12.20O3", None),
            ("35.07.12.2003.1", None),
            ("350712200", None),
            ("", None),
        ] {
            assert_eq!(parse_area_code(code).map(|(_, s)| s), want, "{code}");
        }
    }

    #[test]
    fn malformed_area_codes_are_errors_at_the_value() {
        for code in [
            "35.07.12",
            "35-07-12-2003",
            "3507.12.2003",
            "35.07.12.4003",
            "05.07.12.2003",
            "Malang",
        ] {
            let text = variant("\"35.07.12.2003\"", &format!("\"{code}\""), "");
            let (profile, diags) = load(&text);
            let found = problems(&diags);
            assert_eq!(found.len(), 1, "{code}: {found:#?}");
            let (error, position, rendered) = &found[0];
            assert!(error, "{code}");
            assert_eq!(position, "profile.toml:4:13", "{code}");
            assert!(
                rendered.contains(code) && rendered.contains("35.07.12.2003"),
                "{rendered}"
            );
            assert!(profile.is_some());
        }
    }

    #[test]
    fn area_code_warnings_and_province() {
        for (code, error, needle) in [
            ("3507122003", false, "`area_code = \"35.07.12.2003\"`"),
            ("35.07.123.2003", false, "more than 2 digits"),
            ("37.07.12.2003", true, "province code `37`"),
            ("20.07.12.2003", true, "91–96"),
        ] {
            let (_, diags) = load(&variant("\"35.07.12.2003\"", &format!("\"{code}\""), ""));
            let found = problems(&diags);
            assert_eq!(found.len(), 1, "{code}: {found:#?}");
            assert_eq!(
                (found[0].0, found[0].1.as_str()),
                (error, "profile.toml:4:13"),
                "{code}"
            );
            assert!(found[0].2.contains(needle), "{}", found[0].2);
        }
    }

    #[test]
    fn kind_must_agree_with_the_code() {
        for (kind, code, problem) in [
            ("desa", "35.07.12.2003", None),
            ("kelurahan", "35.07.12.1003", None),
            ("desa_adat", "51.03.05.3001", None),
            (
                "desa",
                "35.07.12.1003",
                Some("kind `desa` does not match the area code `35.07.12.1003`"),
            ),
            ("kelurahan", "35.07.12.2003", Some("which means desa")),
            ("desa_adat", "35.07.12.2003", Some("kind `desa_adat`")),
            (
                "dusun",
                "35.07.12.2003",
                Some("Unknown value `dusun` for `village.kind`"),
            ),
        ] {
            let text = variant(
                "kind = \"desa\"\narea_code = \"35.07.12.2003\"",
                &format!("kind = \"{kind}\"\narea_code = \"{code}\""),
                "",
            );
            let (_, diags) = load(&text);
            let found = problems(&diags);
            match problem {
                None => assert!(found.is_empty(), "{kind} {code}: {found:#?}"),
                Some(needle) => {
                    assert_eq!(found.len(), 1, "{kind} {code}: {found:#?}");
                    assert_eq!(
                        (found[0].0, found[0].1.as_str()),
                        (true, "profile.toml:3:8")
                    );
                    assert!(found[0].2.contains(needle), "{}", found[0].2);
                }
            }
        }
    }

    #[test]
    fn kelurahan_and_kota_terms() {
        let text = variant(
            "kind = \"desa\"\narea_code = \"35.07.12.2003\"",
            "kind = \"kelurahan\"\narea_code = \"33.73.04.1001\"",
            "\n[[budget]]\nyear = 2025\n",
        );
        let (profile, diags) = load(&text);
        assert!(diags.is_empty(), "{diags}");
        let p = profile.unwrap();
        assert_eq!(p.village.kind, VillageKind::Kelurahan);
        assert_eq!(
            (p.terms.village_head.as_str(), p.terms.hamlet.as_str()),
            ("Lurah", "Lingkungan")
        );
        assert_eq!(
            (
                p.village.display_name.as_str(),
                p.region.regency_display.as_str()
            ),
            ("Kelurahan Sukamaju", "Kota Malang")
        );
        assert!(!p.has_budget, "a kelurahan has no APBDes");
    }

    #[test]
    fn zone_from_timezone_or_province() {
        for (code, timezone, want, errors) in [
            ("35.07.12.2003", "", Zone::WIB, 0),
            ("51.03.05.2001", "", Zone::WITA, 0),
            ("61.01.01.2001", "", Zone::WIB, 0),
            ("94.01.01.2001", "", Zone::WIT, 0),
            (
                "35.07.12.2003",
                "timezone = \"Asia/Makassar\"\n",
                Zone::WITA,
                0,
            ),
            (
                "35.07.12.2003",
                "timezone = \"Asia/Bangkok\"\n",
                Zone::WIB,
                1,
            ),
        ] {
            let text = variant("\"35.07.12.2003\"", &format!("\"{code}\""), timezone);
            let (profile, diags) = load(&text);
            assert_eq!(diags.errors().count(), errors, "{code} {timezone}: {diags}");
            assert_eq!(profile.unwrap().zone(), want, "{code} {timezone}");
        }
    }

    /// Each case appends to MINIMAL (which ends on line 9) and expects one
    /// problem at the given position.
    #[test]
    fn value_rules() {
        for (extra, error, position, needle) in [
            (
                "\n[location]\nlatitude = 8.2\n",
                true,
                "profile.toml:12:12",
                "latitude 8.2 lies outside Indonesia",
            ),
            (
                "\n[location]\nlongitude = 150\n",
                true,
                "profile.toml:12:13",
                "longitude 150",
            ),
            (
                "\n[[products]]\nname = \"Kopi\"\nlatitude = -20.5\n",
                true,
                "profile.toml:13:12",
                "latitude -20.5",
            ),
            (
                "\n[[tourism]]\nname = \"Coban\"\nlongitude = 90\n",
                true,
                "profile.toml:13:13",
                "longitude 90",
            ),
            (
                "\n[contact]\nphone = \"0341-ABC\"\n",
                true,
                "profile.toml:12:9",
                "`contact.phone` contains letters",
            ),
            (
                "\n[kim]\nname = \"KIM\"\nwhatsapp = \"+1 555 123 4567\"\n",
                true,
                "profile.toml:13:12",
                "not an Indonesian number",
            ),
            (
                "\n[[contact.office_hours]]\nopen = \"8 pagi\"\nclose = \"15:00\"\n",
                true,
                "profile.toml:12:8",
                "The time `8 pagi`",
            ),
            (
                "\n[[officials]]\nname = \"A\"\nterm_start = 2021-03-15T08:00:00\n",
                true,
                "profile.toml:13:14",
                "must be a plain date",
            ),
            (
                "\n[[officials]]\nname = \"A\"\nrole = \"kades\"\n",
                true,
                "profile.toml:13:8",
                "Unknown value `kades`",
            ),
            (
                "\n[[institutions]]\nname = \"BPD\"\npage = \" \"\n",
                true,
                "profile.toml:13:8",
                "`institutions.page` is empty",
            ),
            (
                "\n[[products]]\nname = \"Kopi\"\nprice_idr = -5\n",
                true,
                "profile.toml:13:13",
                "must not be negative",
            ),
        ] {
            let (_, diags) = load(&format!("{MINIMAL}{extra}"));
            let found = problems(&diags);
            assert_eq!(found.len(), 1, "{extra}: {found:#?}");
            assert_eq!(
                (found[0].0, found[0].1.as_str()),
                (error, position),
                "{extra}: {}",
                found[0].2
            );
            assert!(found[0].2.contains(needle), "{}", found[0].2);
        }
    }

    #[test]
    fn postal_codes() {
        for (postal, ok) in [
            ("65151", true),
            ("6515", false),
            ("651512", false),
            ("65 15", false),
            ("abcde", false),
        ] {
            let (_, diags) = load(&variant(
                "kind = \"desa\"\n",
                &format!("kind = \"desa\"\npostal_code = \"{postal}\"\n"),
                "",
            ));
            let found = problems(&diags);
            if ok {
                assert!(found.is_empty(), "{postal}: {found:#?}");
            } else {
                assert_eq!(found.len(), 1, "{postal}");
                assert_eq!(
                    (found[0].0, found[0].1.as_str()),
                    (true, "profile.toml:4:15"),
                    "{postal}"
                );
                assert!(found[0].2.contains("must be 5 digits"), "{}", found[0].2);
            }
        }
    }

    #[test]
    fn statistics_need_date_and_source() {
        for (body, wanted) in [
            ("population = 3120\n", vec!["`as_of`", "`source`"]),
            ("as_of = 2025-06-30\npopulation = 3120\n", vec!["`source`"]),
            ("source = \"Desa\"\nhouseholds = 980\n", vec!["`as_of`"]),
            (
                "as_of = 2025-06-30\nsource = \"Desa\"\npopulation = 3120\n",
                vec![],
            ),
            ("source = \"Belum ada angka\"\n", vec![]),
        ] {
            let (_, diags) = load(&format!("{MINIMAL}\n[statistics]\n{body}"));
            let found = problems(&diags);
            assert_eq!(found.len(), wanted.len(), "{body}: {found:#?}");
            for ((error, position, text), needle) in found.iter().zip(&wanted) {
                assert!(error);
                assert!(position.starts_with("profile.toml:11:"), "{position}");
                assert!(text.contains(needle), "{text}");
            }
        }
    }

    #[test]
    fn male_female_sums_are_warnings() {
        let stats = "\n[statistics]\nas_of = 2025-06-30\nsource = \"Desa\"\npopulation = 3000\nmale = 1570\nfemale = 1550\n\n\
            [[statistics.tables]]\nkey = \"agama\"\nrows = [{ label = \"Islam\", male = 1500, female = 1550 }]\n\n\
            [[statistics.tables]]\nkey = \"pekerjaan\"\nrows = [{ label = \"Petani\", count = 812 }]\n";
        let (profile, diags) = load(&format!("{MINIMAL}{stats}"));
        let found = problems(&diags);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found.iter().all(|(error, ..)| !error));
        assert_eq!(found[0].1, "profile.toml:14:14");
        assert!(
            found[0].2.contains("1570 + 1550 = 3120") && found[0].2.contains("(3000)"),
            "{}",
            found[0].2
        );
        assert!(found[1].1.starts_with("profile.toml:18:"), "{}", found[1].1);
        assert!(
            found[1].2.contains(
                "table `agama` (1500/1550) differ from the totals under [statistics] (1570/1550)"
            ),
            "{}",
            found[1].2
        );
        let stats = profile.unwrap().statistics.unwrap();
        assert_eq!(
            (
                stats.tables[0].title.as_str(),
                stats.tables[0].rows[0].total
            ),
            ("agama", 3050)
        );
    }

    #[test]
    fn toml_errors_name_file_line_and_key() {
        for (text, position, needles) in [
            (
                variant("name = ", "nama = ", ""),
                "profile.toml:2:1",
                vec!["Unknown key `nama`", "Replace `nama` with `name`"],
            ),
            (
                format!("{MINIMAL}\n[kim]\nname = \"KIM\"\nwebsite = \"x\"\n"),
                "profile.toml:13:1",
                vec!["Unknown key `website`"],
            ),
            (
                variant("district = \"Contoh\"\n", "district = \"Contoh\n", ""),
                "profile.toml:9:",
                vec!["Invalid TOML in profile.toml"],
            ),
            (
                variant("name = \"Sukamaju\"\n", "", ""),
                "profile.toml:1:",
                vec!["`name` is missing"],
            ),
            (
                format!("{MINIMAL}\n[statistics]\nas_of = \"2025-06-30\"\n"),
                "profile.toml:12:9",
                vec!["without quotes"],
            ),
        ] {
            let (profile, diags) = load(&text);
            assert!(profile.is_none());
            let found = problems(&diags);
            assert_eq!(found.len(), 1, "{found:#?}");
            assert!(
                found[0].1.starts_with(position),
                "{} vs {position}: {}",
                found[0].1,
                found[0].2
            );
            for needle in needles {
                assert!(found[0].2.contains(needle), "{needle}: {}", found[0].2);
            }
        }
    }

    #[test]
    fn schema_version_must_be_one() {
        let (_, diags) = load(&format!("schema_version = 2\n{MINIMAL}"));
        let found = problems(&diags);
        assert_eq!(
            (found.len(), found[0].1.as_str()),
            (1, "profile.toml:1:18"),
            "{found:#?}"
        );
    }

    #[test]
    fn names_and_initials() {
        for (name, want) in [
            ("Ahmad Sholeh", "AS"),
            ("Wagiman", "W"),
            ("Muhammad Rizki Pratama", "MP"),
            ("  siti  aminah ", "SA"),
            ("", ""),
        ] {
            assert_eq!(initials(name), want, "{name}");
        }
        assert_eq!(
            super::full_name(Some("H."), "Ahmad Sholeh", Some("S.Pd.")),
            "H. Ahmad Sholeh, S.Pd."
        );
        assert_eq!(
            super::full_name(None, "Dewi Lestari", Some("S.E.")),
            "Dewi Lestari, S.E."
        );
        assert_eq!(super::full_name(Some(" "), "Rudi", None), "Rudi");
    }
}
