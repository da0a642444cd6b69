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
//! - `kim.registration`: the KIM's kelola.kim.id number, checked for the
//!   shape of a number (see `people`), as written;
//! - `total` on each statistics row (its `count`, else male + female);
//! - `indices.idm[].status` filled from the score when not written,
//!   `indices.sdgs[].average` (all 18 goals given), `health.stunting[]`'s
//!   `year`, `month` and `prevalence`; all three lists oldest first.
//!
//! Phone numbers follow one scheme everywhere: the key as written stays
//! (`whatsapp = "+62 812-3456-7890"`), `<key>_e164` holds the digits for
//! `wa.me/` and `tel:+` links ("6281234567890"), and `<key>_display` the
//! form people read ("0812-3456-7890"). An empty string means "not given".
//! A KIM member's number is published only with `show_contact = true`;
//! otherwise all three are `null`, although the number is still checked.
//!
//! The work is split by what each part knows about: `raw` mirrors the
//! file, `types` is what themes get, `checks` holds the single-value rules
//! and the `Check` that collects their diagnostics, and `area`, `terms`,
//! `people`, `sections`, `statistics` and `development` build the
//! sections. This module runs them in order: read, parse, then
//! `Check::profile`.

mod area;
mod checks;
mod development;
mod people;
mod plausible;
mod raw;
mod sections;
mod statistics;
mod terms;
mod types;

#[cfg(test)]
mod tests;

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Text, display_path};
use crate::fsx;
use crate::load::tomlerr::parse_toml;
use crate::load::tomlscan;
use crate::text;

use checks::Check;
use raw::RawProfile;
use terms::{default_terms, resolve_terms};
pub use types::{
    Borders, Budget, Contact, Decree, Distances, Government, Hamlet, Health, Idm, IdmStatus,
    Indices, Institution, Kim, Location, Member, Money, OfficeHours, Official, Potential, Product,
    Profile, RegencyKind, Region, Sdgs, SdgsGoal, Social, StatRow, StatTable, Statistics, Stunting,
    Terms, Tourism, Village, VillageKind,
};

const FILE: &str = "profile.toml";

/// The keys `profile.toml` accepts in the tables `warta cms`
/// (`crate::cms`) puts in its profile form, by their path in the file,
/// read from the raw structs. Every table holding a date is among them:
/// the editor writes a date it has no field for back as a quoted string.
pub fn form_keys() -> [(&'static str, &'static [&'static str]); 8] {
    use crate::load::keys::keys;
    [
        ("village", keys::<raw::RawVillage>()),
        ("contact", keys::<raw::RawContact>()),
        ("contact.office_hours", keys::<raw::RawHours>()),
        ("kim", keys::<raw::RawKim>()),
        ("kim.decree", keys::<raw::RawDecree>()),
        ("officials", keys::<raw::RawOfficial>()),
        ("statistics", keys::<raw::RawStatistics>()),
        ("products", keys::<raw::RawProduct>()),
    ]
}

/// Reads `<root>/profile.toml`. Returns the profile (None if it could not
/// be parsed) and every problem found, errors and warnings, each naming
/// `profile.toml` with line and column.
pub fn load_profile(root: &Path) -> (Option<Profile>, Diagnostics) {
    let path = root.join(FILE);
    let file = display_path(root, &path);
    if !fsx::exists(&path) {
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
    match fsx::read_site_text(root, &path) {
        Ok(source) => parse_profile(&source, &file),
        Err(d) => (None, d.in_file(&file).into()),
    }
}

/// Parses and validates the text of a profile; `file` names it in messages.
fn parse_profile(source: &str, file: &Path) -> (Option<Profile>, Diagnostics) {
    let what = Text::new(FILE, FILE);
    match parse_toml::<RawProfile>(source, file, source, 0, &what) {
        Ok(raw) => {
            let mut check = Check::new(file, source);
            let profile = check.profile(raw);
            let mut problems = check.into_diagnostics();
            for d in tomlscan::scan(source, file, &tomlscan::PROFILE) {
                problems.push(d);
            }
            (Some(profile), problems)
        }
        Err(problems) => (None, problems),
    }
}

impl Check<'_> {
    /// The whole profile. The area code goes first: kind, regency kind,
    /// time zone and terms all depend on it, and the rest on the terms.
    fn profile(&mut self, raw: RawProfile) -> Profile {
        self.schema_version(raw.schema_version.as_ref());
        let code = self.area_code(&raw.village.area_code);
        let kind = self.village_kind(&raw.village.kind, code.as_ref());
        let regency_kind = self.regency_kind(raw.region.regency_kind.as_ref(), code.as_ref());
        let zone = self.zone(raw.region.timezone.as_ref(), code.as_ref());
        let terms = resolve_terms(raw.terms, default_terms(kind, regency_kind));
        let village = self.village(raw.village, kind, code, &terms);
        let region = self.region(raw.region, regency_kind, &terms);
        let officials = self.officials(raw.officials);
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
            indices: self.indices(raw.indices),
            health: self.health(raw.health),
            village,
            region,
            terms,
            zone,
        }
    }

    /// Only version 1 exists; the profile is still read as version 1.
    fn schema_version(&mut self, v: Option<&toml::Spanned<i64>>) {
        let Some(v) = v else { return };
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
}
