//! Values of the profile that read well but cannot be true.
//!
//! TOML and the single-value rules of [`super::checks`] accept a village
//! founded in year 0, a term of office that ends before it starts, an
//! office that closes before it opens or a tourism spot open until "25.99".
//! Each would be published as written, so each is an error at
//! `profile.toml:line:col`, or a warning where a person might mean it (a
//! figure dated later than today may be a planned one). "Today" is the
//! build machine's date: a check against it can only turn a build red,
//! never change what a green build writes.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use toml::Spanned;

use super::checks::Check;
use super::raw::LocalDate;
use crate::diag::Text;
use crate::load::loosedate::{self, Loose};
use crate::text;

/// The oldest founding year taken as true: older villages exist, but a
/// year before this is a typo (`195` for `1952`) far more often.
const OLDEST_YEAR: i32 = 1000;

/// Highest zoom of OpenStreetMap tiles.
const MAX_ZOOM: u8 = 19;

/// Puncak Jaya is 4,884 m; the lowest inhabited land a little below sea level.
const ELEVATION: (f64, f64) = (-50.0, 5000.0);

/// Indonesia's largest desa are some hundreds of thousands of hectares.
const MAX_AREA_HA: f64 = 2_000_000.0;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl Check<'_> {
    /// `village.founded_year`: a year that has already come.
    pub(super) fn founded_year(&mut self, v: Option<Spanned<i32>>) -> Option<i32> {
        let v = v?;
        let year = *v.get_ref();
        let now = today().year();
        if (OLDEST_YEAR..=now).contains(&year) {
            return Some(year);
        }
        let (why_id, why_en) = if year > now {
            (
                format!("tahun {year} belum tiba"),
                format!("the year {year} has not come yet"),
            )
        } else {
            (
                format!("tahun {year} terlalu awal"),
                format!("the year {year} is too early"),
            )
        };
        self.error(
            v.span(),
            text!(
                "Tahun berdiri desa (`founded_year`) tidak mungkin: {why_id}.",
                "The village's founding year (`founded_year`) cannot be true: {why_en}."
            ),
            text!(
                "Tulis tahun berdirinya dengan empat angka, misalnya `founded_year = 1952`, atau hapus baris ini bila tidak diketahui.",
                "Write the founding year with four digits, e.g. `founded_year = 1952`, or remove the line if it is not known."
            ),
        );
        None
    }

    /// A date that must already have happened (`kim.founded`,
    /// `kim.decree.date`): an error when it lies after today.
    pub(super) fn past_date(&mut self, v: LocalDate, key: &str) -> Option<NaiveDate> {
        let at = v.as_ref().map(Spanned::span);
        let date = self.date(v, key)?;
        if let Some(at) = at
            && date > today()
        {
            let short = key.rsplit('.').next().unwrap_or(key);
            self.error(
                at,
                text!(
                    "`{key}` = {date} masih di masa depan.",
                    "`{key}` = {date} lies in the future."
                ),
                text!(
                    "Tulis tanggal yang sudah terjadi, misalnya `{short} = 2019-05-12` (tahun-bulan-tanggal).",
                    "Write a date that has already happened, e.g. `{short} = 2019-05-12` (year-month-day)."
                ),
            );
        }
        Some(date)
    }

    /// `statistics.as_of` after today: a warning, the figures may be planned.
    pub(super) fn data_date(&mut self, v: LocalDate, key: &str) -> Option<NaiveDate> {
        let at = v.as_ref().map(Spanned::span);
        let date = self.date(v, key)?;
        if let Some(at) = at
            && date > today()
        {
            self.warning(
                at,
                text!(
                    "Tanggal data `{key}` = {date} masih di masa depan.",
                    "The date of the data `{key}` = {date} lies in the future."
                ),
                Text::new(
                    "Tulis tanggal saat angka itu dihitung, misalnya akhir semester: `as_of = 2025-06-30`.",
                    "Write the date the figures were counted, e.g. the end of a half year: `as_of = 2025-06-30`.",
                ),
            );
        }
        Some(date)
    }

    /// A term of office that ends before it starts.
    pub(super) fn term(
        &mut self,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
        end_at: Option<Range<usize>>,
    ) {
        if let (Some(s), Some(e), Some(at)) = (start, end, end_at)
            && e < s
        {
            self.error(
                at,
                text!(
                    "Masa jabatan berakhir ({e}) sebelum dimulai ({s}).",
                    "The term of office ends ({e}) before it starts ({s})."
                ),
                Text::new(
                    "Periksa `term_start` dan `term_end`: `term_end` sama dengan atau sesudah `term_start`, misalnya `term_start = 2020-01-15` dan `term_end = 2026-01-15`.",
                    "Check `term_start` and `term_end`: `term_end` is the same as or after `term_start`, e.g. `term_start = 2020-01-15` and `term_end = 2026-01-15`.",
                ),
            );
        }
    }

    /// Office hours that close before they open: a warning, a night
    /// service would mean it.
    pub(super) fn hours_order(&mut self, open: &str, close: &str, close_at: Range<usize>) {
        let (Some(o), Some(c)) = (
            crate::format::parse_hhmm(open),
            crate::format::parse_hhmm(close),
        ) else {
            return;
        };
        if c <= o {
            self.warning(
                close_at,
                text!(
                    "Kantor tutup ({close}) sebelum atau saat buka ({open}).",
                    "The office closes ({close}) before or when it opens ({open})."
                ),
                Text::new(
                    "Jam ditulis dalam format 24 jam: tutup pukul 3 sore ditulis `close = \"15:00\"`.",
                    "Hours use the 24-hour clock: closing at 3 pm is `close = \"15:00\"`.",
                ),
            );
        }
    }

    /// `tourism.opening_hours` is free text ("Setiap hari 07.00–17.00"),
    /// but a time in it that cannot exist is a typo.
    pub(super) fn opening_hours(&mut self, v: Option<Spanned<String>>) -> Option<String> {
        let v = v?;
        if let Some(bad) = impossible_time(v.get_ref()) {
            self.error(
                v.span(),
                text!(
                    "Jam `{bad}` di `tourism.opening_hours` tidak ada.",
                    "The time `{bad}` in `tourism.opening_hours` does not exist."
                ),
                Text::new(
                    "Jam ditulis 00 sampai 23 dan menit 00 sampai 59, misalnya `opening_hours = \"Setiap hari 07.00–17.00\"`.",
                    "Hours are 00 to 23 and minutes 00 to 59, e.g. `opening_hours = \"Every day 07.00–17.00\"`.",
                ),
            );
        }
        Some(v.into_inner())
    }

    /// `location`: zoom, elevation and area that a map or a village can have.
    pub(super) fn location_figures(
        &mut self,
        zoom: Option<&Spanned<u8>>,
        elevation: Option<&Spanned<f64>>,
        area: Option<&Spanned<f64>>,
    ) {
        if let Some(z) = zoom.filter(|z| *z.get_ref() > MAX_ZOOM) {
            let n = z.get_ref();
            self.error(
                z.span(),
                text!(
                    "`location.map_zoom = {n}` tidak ada di peta: zoom 1 sampai {MAX_ZOOM}.",
                    "`location.map_zoom = {n}` does not exist on the map: zoom is 1 to {MAX_ZOOM}."
                ),
                Text::new(
                    "Zoom 14 menampilkan satu desa utuh: `map_zoom = 14`.",
                    "Zoom 14 shows a whole village: `map_zoom = 14`.",
                ),
            );
        }
        if let Some(e) = elevation.filter(|e| !(ELEVATION.0..=ELEVATION.1).contains(e.get_ref())) {
            let n = e.get_ref();
            let (lo, hi) = ELEVATION;
            self.error(
                e.span(),
                text!(
                    "Ketinggian `elevation_masl = {n}` tidak mungkin di Indonesia ({lo} sampai {hi} mdpl).",
                    "The elevation `elevation_masl = {n}` cannot be true in Indonesia ({lo} to {hi} m above sea level)."
                ),
                Text::new(
                    "Tulis ketinggian dalam meter di atas permukaan laut, misalnya `elevation_masl = 450`.",
                    "Write the elevation in metres above sea level, e.g. `elevation_masl = 450`.",
                ),
            );
        }
        if let Some(a) = area.filter(|a| !(*a.get_ref() > 0.0 && *a.get_ref() <= MAX_AREA_HA)) {
            let n = a.get_ref();
            self.error(
                a.span(),
                text!(
                    "Luas `area_ha = {n}` tidak mungkin: luas desa lebih dari 0 dan paling banyak {MAX_AREA_HA} hektare.",
                    "The area `area_ha = {n}` cannot be true: a village is larger than 0 and at most {MAX_AREA_HA} hectares."
                ),
                Text::new(
                    "Tulis luas dalam hektare (1 km² = 100 ha), misalnya `area_ha = 512.5`.",
                    "Write the area in hectares (1 km² = 100 ha), e.g. `area_ha = 512.5`.",
                ),
            );
        }
    }

    /// More households than people cannot be: every household has someone.
    pub(super) fn households(
        &mut self,
        population: Option<&Spanned<u64>>,
        households: Option<&Spanned<u64>>,
    ) {
        let (Some(p), Some(h)) = (population, households) else {
            return;
        };
        let (people, homes) = (*p.get_ref(), *h.get_ref());
        if homes > people {
            self.error(
                h.span(),
                text!(
                    "Jumlah KK (`households = {homes}`) lebih banyak dari jumlah penduduk ({people}).",
                    "There are more households (`households = {homes}`) than people ({people})."
                ),
                Text::new(
                    "Periksa `households` dan `population`: setiap KK punya sedikitnya satu anggota.",
                    "Check `households` and `population`: every household has at least one member.",
                ),
            );
        }
    }
}

/// The first time in `text` (`HH.MM` or `HH:MM`) that cannot exist.
fn impossible_time(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .map(|w| w.trim_matches(['.', ':']))
        .filter(|w| w.contains(['.', ':']))
        .find(|w| matches!(loosedate::read(w), Some(Loose::NoSuchTime { .. })))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::impossible_time;

    #[test]
    fn finds_times_that_cannot_exist_in_free_text() {
        for (text, bad) in [
            ("Setiap hari 07.00–17.00", None),
            ("Sabtu-Minggu 08:00 - 16:30 WIB", None),
            ("Setiap hari 07.00–25.99", Some("25.99")),
            ("buka 24:30", Some("24:30")),
            ("Tiket Rp5.000, buka 08.00-17.00", None),
        ] {
            assert_eq!(impossible_time(text).as_deref(), bad, "{text}");
        }
    }
}
