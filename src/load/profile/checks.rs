//! The rules for single values, and [`Check`], which collects what they find.
//!
//! Every rule of DOMAIN.md §b that looks at one value lives here: required
//! text, paths, choices from a list, plain dates, rupiah amounts, "HH:MM"
//! times, postal codes, phone numbers and coordinates. A broken rule is a
//! [`Diagnostic`] at the value's `profile.toml:line:col` with an
//! Indonesian-first fix, and the rule still returns what it can, so loading
//! goes on and `warta check` lists every problem at once. The sections are
//! assembled from these rules in [`super::sections`], [`super::people`],
//! [`super::area`] and [`super::statistics`], each as an `impl Check` of
//! its own.

use std::ops::{Range, RangeInclusive};
use std::path::Path;

use chrono::NaiveDate;
use toml::Spanned;

use super::raw::{Coord, LocalDate, Str};
use crate::diag::{Diagnostic, Diagnostics, Text};
use crate::format::{self, PhoneError};
use crate::text;

/// A phone number as written, as E.164 digits, and as people read it.
pub(super) type PhoneTriple = (Option<String>, Option<String>, Option<String>);

/// Collects diagnostics while turning raw sections into validated ones.
pub(super) struct Check<'a> {
    file: &'a Path,
    source: &'a str,
    diags: Diagnostics,
}

impl<'a> Check<'a> {
    /// `file` names the profile in messages; `source` is its text, for
    /// line, column and the quoted source line.
    pub(super) fn new(file: &'a Path, source: &'a str) -> Self {
        Check {
            file,
            source,
            diags: Diagnostics::new(),
        }
    }

    /// Every problem found, in the order the rules ran.
    pub(super) fn into_diagnostics(self) -> Diagnostics {
        self.diags
    }
}

/// The text of an optional value, without its position.
pub(super) fn text_of(v: Str) -> Option<String> {
    v.map(Spanned::into_inner)
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

    pub(super) fn error(&mut self, at: Range<usize>, message: Text, hint: Text) {
        self.report(Diagnostic::error(message), at, hint);
    }

    pub(super) fn warning(&mut self, at: Range<usize>, message: Text, hint: Text) {
        self.report(Diagnostic::warning(message), at, hint);
    }

    /// The value of `v` among `choices` (as written, value), or None after
    /// reporting an unknown one; the caller picks a fallback.
    pub(super) fn choice<T: Copy>(
        &mut self,
        v: &Spanned<String>,
        key: &str,
        choices: &[(&str, T)],
    ) -> Option<T> {
        let value = v.get_ref().as_str();
        let found = choices.iter().find(|(word, _)| *word == value);
        if found.is_none() {
            let words: Vec<&str> = choices.iter().map(|(word, _)| *word).collect();
            self.one_of_failed(v.span(), key, value, &words);
        }
        found.map(|(_, t)| *t)
    }

    /// `village.postal_code`: five digits, kept as written either way.
    pub(super) fn postal_code(&mut self, v: Str) -> Option<String> {
        if let Some(p) = &v {
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
        text_of(v)
    }

    pub(super) fn required(&mut self, v: Spanned<String>, key: &str) -> String {
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
    pub(super) fn path(&mut self, v: Str, key: &str) -> Option<String> {
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

    pub(super) fn paths(&mut self, v: Vec<Spanned<String>>, key: &str) -> Vec<String> {
        v.into_iter()
            .filter_map(|p| self.path(Some(p), key))
            .collect()
    }

    pub(super) fn one_of(&mut self, v: Str, key: &str, allowed: &[&str]) -> Option<String> {
        let v = v?;
        if !allowed.contains(&v.get_ref().as_str()) {
            self.one_of_failed(v.span(), key, v.get_ref(), allowed);
        }
        Some(v.into_inner())
    }

    /// Reports `value` for `key` as not among `allowed`, suggesting the
    /// nearest choice when there is one.
    pub(super) fn one_of_failed(
        &mut self,
        at: Range<usize>,
        key: &str,
        value: &str,
        allowed: &[&str],
    ) {
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

    pub(super) fn date(&mut self, v: LocalDate, key: &str) -> Option<NaiveDate> {
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

    pub(super) fn money(&mut self, v: Option<Spanned<i64>>, key: &str) -> Option<i64> {
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

    pub(super) fn hhmm(&mut self, v: &Spanned<String>, key: &str) -> String {
        let value = v.get_ref();
        match format::parse_hhmm(value) {
            Some((h, m)) => format!("{h:02}:{m:02}"),
            None => {
                let impossible = matches!(
                    crate::load::loosedate::read(value),
                    Some(crate::load::loosedate::Loose::NoSuchTime { .. })
                );
                let message = if impossible {
                    text!(
                        "Jam `{value}` di `{key}` tidak ada: jam 00 sampai 23, menit 00 sampai 59.",
                        "The time `{value}` in `{key}` does not exist: hours are 00 to 23, minutes 00 to 59."
                    )
                } else {
                    text!(
                        "Jam `{value}` di `{key}` tidak bisa dibaca.",
                        "The time `{value}` in `{key}` cannot be read."
                    )
                };
                self.error(
                    v.span(),
                    message,
                    Text::new(
                        "Tulis jam dalam format 24 jam di antara tanda kutip, misalnya `open = \"08:00\"` atau `close = \"15:30\"`.",
                        "Write a 24-hour time in quotes, e.g. `open = \"08:00\"` or `close = \"15:30\"`.",
                    ),
                );
                value.clone()
            }
        }
    }

    /// Checks a phone number and gives the three forms of the module doc of
    /// [`super`]; an empty string is "not given".
    pub(super) fn phone(&mut self, v: Str, key: &str) -> PhoneTriple {
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
                let why = phone_problem(e);
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
    pub(super) fn coordinates(&mut self, lat: Coord, lon: Coord) -> (Option<f64>, Option<f64>) {
        let lat = self.coordinate(lat, ("Lintang", "latitude"), -11.5..=6.5);
        let lon = self.coordinate(lon, ("Bujur", "longitude"), 94.5..=141.5);
        (lat, lon)
    }

    fn coordinate(
        &mut self,
        v: Coord,
        (id, en): (&str, &str),
        range: RangeInclusive<f64>,
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

/// What is wrong with a phone number, as the end of a sentence.
fn phone_problem(e: PhoneError) -> Text {
    match e {
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
    }
}
