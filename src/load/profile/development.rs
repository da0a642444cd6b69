//! `[[indices.idm]]`, `[[indices.sdgs]]` and `[[health.stunting]]`: the
//! development figures a village publishes on `/pembangunan/`.
//!
//! Each is a figure someone copied from a ministry's portal or a posyandu
//! report, so the checks are about copying mistakes: an IDM status that
//! does not match its score, a score on the wrong scale (65.12 for
//! 0.6512), an SDGs goal number that does not exist, more stunted
//! children than children measured, a year given twice. Every one is an
//! error at `profile.toml:line:col`. Lists are sorted oldest first, and
//! stunting's prevalence is worked out here, so themes only print it.

use std::collections::BTreeSet;
use std::ops::Range;

use super::checks::{Check, text_of};
use super::raw::{RawGoal, RawHealth, RawIdm, RawIndices, RawSdgs, RawStunting};
use super::types::{Health, Idm, IdmStatus, Indices, Sdgs, SdgsGoal, Stunting};
use crate::diag::{Lang, Text};
use crate::load::years;
use crate::text;

/// The upper bound of every IDM band but the top one. Source: Peraturan
/// Menteri Desa, Pembangunan Daerah Tertinggal dan Transmigrasi Nomor 2
/// Tahun 2016 tentang Indeks Desa Membangun, Bab III (klasifikasi status
/// desa): Sangat Tertinggal IDM ≤ 0,4907; Tertinggal 0,4907 < IDM ≤ 0,5989;
/// Berkembang 0,5989 < IDM ≤ 0,7072; Maju 0,7072 < IDM ≤ 0,8155; Mandiri
/// IDM > 0,8155. (The Indeks Desa Kemendesa uses from 2024 is a different
/// index; these bands are the IDM's only.)
const IDM_BANDS: [(f64, IdmStatus); 4] = [
    (0.4907, IdmStatus::SangatTertinggal),
    (0.5989, IdmStatus::Tertinggal),
    (0.7072, IdmStatus::Berkembang),
    (0.8155, IdmStatus::Maju),
];

/// Kemendesa publishes scores rounded to four decimals, so a published
/// score within half of the last digit of a bound may lie on either side.
const IDM_ROUNDING: f64 = 0.000_05;

/// The choices of `status`, as Kemendesa writes them.
const IDM_WORDS: [(&str, IdmStatus); 5] = [
    ("Sangat Tertinggal", IdmStatus::SangatTertinggal),
    ("Tertinggal", IdmStatus::Tertinggal),
    ("Berkembang", IdmStatus::Berkembang),
    ("Maju", IdmStatus::Maju),
    ("Mandiri", IdmStatus::Mandiri),
];

impl IdmStatus {
    /// The band of an exact score.
    pub fn for_score(score: f64) -> IdmStatus {
        IDM_BANDS
            .iter()
            .find(|(upper, _)| score <= *upper)
            .map_or(IdmStatus::Mandiri, |(_, status)| *status)
    }

    /// Whether a published (rounded) score may have this status.
    pub fn fits(self, score: f64) -> bool {
        let low = IdmStatus::for_score(score - IDM_ROUNDING);
        let high = IdmStatus::for_score(score + IDM_ROUNDING);
        (low..=high).contains(&self)
    }

    /// The status as Kemendesa writes it: "Sangat Tertinggal".
    pub fn word(self) -> &'static str {
        IDM_WORDS[self as usize].0
    }

    /// A key for themes' words: `sangat_tertinggal`, `mandiri`.
    pub fn key(self) -> &'static str {
        [
            "sangat_tertinggal",
            "tertinggal",
            "berkembang",
            "maju",
            "mandiri",
        ][self as usize]
    }

    /// The status in `lang`; Indonesian is Kemendesa's own word.
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.word(),
            Lang::En => [
                "Very underdeveloped",
                "Underdeveloped",
                "Developing",
                "Advanced",
                "Independent",
            ][self as usize],
        }
    }

    /// The band's scores in words: "0.5989 < IDM ≤ 0.7072".
    fn range(self) -> String {
        let i = self as usize;
        let lower = i.checked_sub(1).map(|j| IDM_BANDS[j].0);
        match (lower, IDM_BANDS.get(i)) {
            (None, Some((upper, _))) => format!("IDM ≤ {upper}"),
            (Some(lower), Some((upper, _))) => format!("{lower} < IDM ≤ {upper}"),
            (Some(lower), None) => format!("IDM > {lower}"),
            (None, None) => String::new(),
        }
    }
}

impl Check<'_> {
    pub(super) fn indices(&mut self, raw: RawIndices) -> Indices {
        let (mut idm, mut years) = (Vec::new(), BTreeSet::new());
        for r in raw.idm {
            let span = r.year.span();
            let i = self.idm(r);
            self.once(&mut years, i.year, span, "indices.idm");
            idm.push(i);
        }
        idm.sort_by_key(|i| i.year);
        let (mut sdgs, mut years) = (Vec::new(), BTreeSet::new());
        for r in raw.sdgs {
            let span = r.year.span();
            let s = self.sdgs(r);
            self.once(&mut years, s.year, span, "indices.sdgs");
            sdgs.push(s);
        }
        sdgs.sort_by_key(|s| s.year);
        Indices { idm, sdgs }
    }

    /// A year (or period) given twice is an error at the second one.
    fn once<T: Ord + std::fmt::Display>(
        &mut self,
        seen: &mut BTreeSet<T>,
        value: T,
        at: Range<usize>,
        table: &str,
    ) {
        let shown = value.to_string();
        if !seen.insert(value) {
            self.error(
                at,
                text!(
                    "`{shown}` tertulis dua kali di [[{table}]].",
                    "`{shown}` is written twice under [[{table}]]."
                ),
                Text::new(
                    "Hapus salah satunya, atau perbaiki yang kedua bila datanya untuk tahun atau periode lain.",
                    "Remove one of them, or fix the second if its figures are for another year or period.",
                ),
            );
        }
    }

    fn idm(&mut self, raw: RawIdm) -> Idm {
        let score = *raw.score.get_ref();
        let year = *raw.year.get_ref();
        if !(0.0..=1.0).contains(&score) {
            self.error(
                raw.score.span(),
                text!(
                    "Skor IDM {score} tahun {year} harus antara 0 dan 1.",
                    "The IDM score {score} of {year} must lie between 0 and 1."
                ),
                Text::new(
                    "Tulis skor seperti di data Kemendesa, dengan titik desimal: `score = 0.6512`, bukan 65.12.",
                    "Write the score as Kemendesa's data has it, with a decimal point: `score = 0.6512`, not 65.12.",
                ),
            );
        }
        let band = IdmStatus::for_score(score);
        let status = match &raw.status {
            Some(s) => match self.choice(s, "indices.idm.status", &IDM_WORDS) {
                Some(status) => {
                    self.idm_status_fits(s.span(), status, score, year);
                    status
                }
                None => band,
            },
            None => band,
        };
        Idm {
            year,
            score,
            status,
            source: raw.source.filter(|s| !s.trim().is_empty()),
        }
    }

    /// A status that contradicts the score is an error naming the band.
    fn idm_status_fits(&mut self, at: Range<usize>, status: IdmStatus, score: f64, year: i32) {
        if !(0.0..=1.0).contains(&score) || status.fits(score) {
            return;
        }
        let (written, band) = (status.word(), IdmStatus::for_score(score));
        let (word, range) = (band.word(), band.range());
        let bands = IDM_WORDS
            .iter()
            .map(|(w, s)| format!("{w}: {}", s.range()))
            .collect::<Vec<_>>()
            .join("; ");
        self.error(
            at,
            text!(
                "Status IDM `{written}` tahun {year} tidak sesuai dengan skornya {score}: skor itu berstatus {word} ({range}).",
                "The IDM status `{written}` of {year} does not match its score {score}: that score is {word} ({range})."
            ),
            text!(
                "Salin skor dan status dari data IDM Kemendesa; salah satunya keliru. Batas status menurut Permendesa PDTT No. 2/2016: {bands}.",
                "Copy the score and the status from Kemendesa's IDM data; one of them is wrong. The bands of Permendesa PDTT No. 2/2016: {bands}."
            ),
        );
    }

    fn sdgs(&mut self, raw: RawSdgs) -> Sdgs {
        let year = *raw.year.get_ref();
        let mut seen = BTreeSet::new();
        let mut goals = Vec::new();
        for g in raw.goals {
            let at = g.goal.span();
            let Some(goal) = self.sdgs_goal(g, year) else {
                continue;
            };
            if seen.insert(goal.goal) {
                goals.push(goal);
            } else {
                let n = goal.goal;
                self.error(
                    at,
                    text!(
                        "Tujuan SDGs Desa nomor {n} tertulis dua kali untuk tahun {year}.",
                        "SDGs Desa goal {n} is written twice for {year}."
                    ),
                    Text::new(
                        "Hapus salah satunya; yang pertama yang dipakai.",
                        "Remove one of them; the first one is used.",
                    ),
                );
            }
        }
        goals.sort_by_key(|g| g.goal);
        let average = (goals.len() == SDGS_GOALS)
            .then(|| goals.iter().map(|g| g.score).sum::<f64>() / SDGS_GOALS as f64);
        Sdgs {
            year,
            source: raw.source.filter(|s| !s.trim().is_empty()),
            goals,
            average,
        }
    }

    /// One goal's score, or None after reporting a goal number outside
    /// 1–18 or one given twice (the first is kept).
    fn sdgs_goal(&mut self, raw: RawGoal, year: i32) -> Option<SdgsGoal> {
        let number = *raw.goal.get_ref();
        let score = *raw.score.get_ref();
        let Some(goal) = u8::try_from(number).ok().filter(|g| (1..=18).contains(g)) else {
            self.error(
                raw.goal.span(),
                text!(
                    "Tujuan SDGs Desa nomor {number} (tahun {year}) tidak ada: nomornya 1 sampai 18.",
                    "There is no SDGs Desa goal number {number} ({year}): the goals are numbered 1 to 18."
                ),
                Text::new(
                    "Tulis nomor tujuan seperti di data SDGs Desa Kemendesa, misalnya `{ goal = 1, score = 72.5 }` untuk Desa Tanpa Kemiskinan.",
                    "Write the goal's number as Kemendesa's SDGs Desa data has it, e.g. `{ goal = 1, score = 72.5 }` for Desa Tanpa Kemiskinan.",
                ),
            );
            return None;
        };
        if !(0.0..=100.0).contains(&score) {
            self.error(
                raw.score.span(),
                text!(
                    "Skor SDGs Desa {score} untuk tujuan {goal} (tahun {year}) harus antara 0 dan 100.",
                    "The SDGs Desa score {score} of goal {goal} ({year}) must lie between 0 and 100."
                ),
                Text::new(
                    "Salin skor dari data SDGs Desa Kemendesa: angka 0 sampai 100, dengan titik desimal, misalnya `score = 72.5`.",
                    "Copy the score from Kemendesa's SDGs Desa data: a number from 0 to 100, with a decimal point, e.g. `score = 72.5`.",
                ),
            );
        }
        Some(SdgsGoal { goal, score })
    }

    pub(super) fn health(&mut self, raw: RawHealth) -> Health {
        let mut seen = BTreeSet::new();
        let mut stunting = Vec::new();
        for r in raw.stunting {
            let at = r.span();
            let r = r.into_inner();
            let span = r.period.span();
            if let Some(s) = self.stunting(r, at) {
                self.once(&mut seen, s.period.clone(), span, "health.stunting");
                stunting.push(s);
            }
        }
        stunting.sort_by_key(|s| (s.year, s.month));
        Health { stunting }
    }
}

/// How many goals SDGs Desa has.
const SDGS_GOALS: usize = 18;

/// "2025-08" as (2025, 8): a year warta accepts and a month 1–12.
pub(super) fn period(s: &str) -> Option<(i32, u32)> {
    let (year, month) = s.split_once('-')?;
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) {
        return None;
    }
    let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
    (years::in_range(year.into()) && (1..=12).contains(&month)).then_some((year, month))
}

impl Check<'_> {
    /// One `[[health.stunting]]` period; None when its period cannot be
    /// read (reported), since the page orders and names periods by it.
    fn stunting(&mut self, raw: RawStunting, at: Range<usize>) -> Option<Stunting> {
        let written = raw.period.get_ref().clone();
        let Some((year, month)) = period(&written) else {
            self.error(
                raw.period.span(),
                text!("Periode `{written}` tidak bisa dibaca.", "The period `{written}` cannot be read."),
                Text::new(
                    "Tulis tahun dan bulan pengukuran di antara tanda kutip, misalnya `period = \"2025-08\"` untuk bulan penimbangan Agustus 2025.",
                    "Write the year and month of the measuring in quotes, e.g. `period = \"2025-08\"` for the weighing month of August 2025.",
                ),
            );
            return None;
        };
        let (measured, stunted) = (*raw.measured.get_ref(), *raw.stunted.get_ref());
        self.stunting_counts(&raw, &written);
        if raw
            .source
            .as_ref()
            .is_none_or(|s| s.get_ref().trim().is_empty())
        {
            self.error(
                at,
                text!("Data stunting periode {written} tanpa sumber (`source`).", "The stunting figures of {written} have no source (`source`)."),
                Text::new(
                    "Tambahkan asal angkanya, misalnya `source = \"e-PPGBM Posyandu Desa Sukamaju\"`.",
                    "Add where the figures come from, e.g. `source = \"e-PPGBM Posyandu Desa Sukamaju\"`.",
                ),
            );
        }
        let prevalence = if measured == 0 {
            0.0
        } else {
            stunted as f64 / measured as f64 * 100.0
        };
        Some(Stunting {
            period: written,
            year,
            month,
            measured,
            stunted,
            prevalence: prevalence.min(100.0),
            source: text_of(raw.source).filter(|s| !s.trim().is_empty()),
        })
    }

    /// Children measured must be some, and at least the stunted ones.
    fn stunting_counts(&mut self, raw: &RawStunting, period: &str) {
        let (measured, stunted) = (*raw.measured.get_ref(), *raw.stunted.get_ref());
        if measured == 0 {
            self.error(
                raw.measured.span(),
                text!(
                    "Tidak ada anak yang diukur pada periode {period} (`measured = 0`), jadi prevalensi stunting tidak bisa dihitung.",
                    "No child was measured in {period} (`measured = 0`), so the stunting prevalence cannot be worked out."
                ),
                Text::new(
                    "Tulis jumlah balita yang diukur pada periode itu, atau hapus periode ini.",
                    "Write how many children under five were measured in that period, or remove this period.",
                ),
            );
        } else if stunted > measured {
            self.error(
                raw.stunted.span(),
                text!(
                    "Jumlah anak stunting ({stunted}) lebih besar dari jumlah anak yang diukur ({measured}) pada periode {period}.",
                    "More children stunted ({stunted}) than children measured ({measured}) in {period}."
                ),
                Text::new(
                    "`measured` adalah semua balita yang diukur, `stunted` yang pendek atau sangat pendek di antaranya. Periksa kedua angka di laporan posyandu.",
                    "`measured` is every child under five measured, `stunted` those among them found stunted. Check both figures in the posyandu report.",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{IdmStatus, period};

    #[test]
    fn idm_bands_follow_permendesa_2_2016() {
        use IdmStatus::*;
        for (score, band) in [
            (0.0, SangatTertinggal),
            (0.4907, SangatTertinggal),
            (0.4908, Tertinggal),
            (0.5989, Tertinggal),
            (0.599, Berkembang),
            (0.7072, Berkembang),
            (0.7073, Maju),
            (0.8155, Maju),
            (0.8156, Mandiri),
            (1.0, Mandiri),
        ] {
            assert_eq!(IdmStatus::for_score(score), band, "{score}");
        }
        assert!(
            Berkembang.fits(0.5989) && Tertinggal.fits(0.5989),
            "a rounded bound"
        );
        assert!(!Maju.fits(0.6512) && Berkembang.fits(0.6512));
        assert_eq!(Berkembang.range(), "0.5989 < IDM ≤ 0.7072");
        assert_eq!(SangatTertinggal.range(), "IDM ≤ 0.4907");
        assert_eq!(Mandiri.range(), "IDM > 0.8155");
        assert_eq!(
            (SangatTertinggal.word(), Mandiri.key()),
            ("Sangat Tertinggal", "mandiri")
        );
    }

    #[test]
    fn periods_are_year_and_month() {
        for (text, read) in [
            ("2025-08", Some((2025, 8))),
            ("2025-12", Some((2025, 12))),
            ("2025-13", None),
            ("2025-00", None),
            ("2025-8", None),
            ("Agustus 2025", None),
            ("1899-01", None),
            ("2025-08-01", None),
            ("", None),
        ] {
            assert_eq!(period(text), read, "{text}");
        }
    }
}
