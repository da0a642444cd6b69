//! `[statistics]`: population figures and the tables themes chart.
//!
//! Published figures always carry the date of the data and its source
//! (DOMAIN.md §c.5), so numbers without them are errors. Sums that do not
//! agree (male + female against the population, a table's rows against
//! the totals) are only warnings: villages often publish partial tables,
//! and the site should still build. Each table row gets a derived `total`.

use std::ops::Range;

use toml::Spanned;

use super::checks::{Check, text_of};
use super::raw::{RawStatTable, RawStatistics};
use super::types::{StatRow, StatTable, Statistics};
use crate::diag::Text;
use crate::text;

impl Check<'_> {
    pub(super) fn statistics(&mut self, raw: Spanned<RawStatistics>) -> Statistics {
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
        self.population_sum(&raw);
        self.households(raw.population.as_ref(), raw.households.as_ref());
        let tables = raw
            .tables
            .into_iter()
            .map(|t| self.stat_table(t, raw.male, raw.female))
            .collect();
        Statistics {
            as_of: self.data_date(raw.as_of, "statistics.as_of"),
            source: text_of(raw.source).filter(|s| !s.trim().is_empty()),
            population: raw.population.map(Spanned::into_inner),
            male: raw.male,
            female: raw.female,
            households: raw.households.map(Spanned::into_inner),
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

    /// Male + female must make the population, where all three are given.
    fn population_sum(&mut self, raw: &RawStatistics) {
        let (Some(pop), Some(male), Some(female)) = (&raw.population, raw.male, raw.female) else {
            return;
        };
        let (population, sum) = (*pop.get_ref(), male.saturating_add(female));
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
            row.total = row.count.unwrap_or_else(|| {
                row.male
                    .unwrap_or(0)
                    .saturating_add(row.female.unwrap_or(0))
            });
        }
        let key = raw.key;
        // Saturating: a table of absurd figures warns, it does not overflow.
        let sum = |f: fn(&StatRow) -> Option<u64>| {
            rows.iter()
                .try_fold(0u64, |acc, r| f(r).map(|v| acc.saturating_add(v)))
        };
        let sums = (sum(|r| r.male), sum(|r| r.female));
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
}
