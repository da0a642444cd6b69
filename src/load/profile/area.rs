//! The Kemendagri area code (`village.area_code`) and what follows from it.
//!
//! `PP.KK.CC.DDDD` names province, regency, district and village, so the
//! code is checked first and then used to check or fill in the rest: the
//! first digit of the village part must agree with `village.kind`, a
//! regency number of 71 or more means a kota, and the province gives the
//! time zone when `region.timezone` is absent. A malformed code is an
//! error, and these rules then fall back to their defaults (desa,
//! kabupaten, WIB) rather than stopping, so later problems are still found.

use std::ops::Range;

use toml::Spanned;

use super::checks::Check;
use super::types::{RegencyKind, VillageKind};
use crate::diag::Text;
use crate::format::{self, Zone};
use crate::text;

const PROVINCES_IN_USE: &str = "11–19, 21, 31–36, 51–53, 61–65, 71–76, 81–82, 91–96";
const EXAMPLE_CODE: &str = "35.07.12.2003";

/// `village.kind` as written, the kind, and the first digit of its village
/// part in the area code. Unknown kinds are listed in this order.
const VILLAGE_KINDS: [(&str, VillageKind, u8); 3] = [
    ("desa", VillageKind::Desa, 2),
    ("kelurahan", VillageKind::Kelurahan, 1),
    ("desa_adat", VillageKind::DesaAdat, 3),
];

const REGENCY_KINDS: [(&str, RegencyKind); 2] = [
    ("kabupaten", RegencyKind::Kabupaten),
    ("kota", RegencyKind::Kota),
];

/// Area code parts once the code has the right shape.
pub(super) struct AreaCode {
    pub(super) dotted: String,
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

/// The `VILLAGE_KINDS` entry for a village part's first digit; desa for
/// any other digit.
fn kind_of_status(status: u8) -> (&'static str, VillageKind, u8) {
    VILLAGE_KINDS
        .into_iter()
        .find(|(_, _, digit)| *digit == status)
        .unwrap_or(VILLAGE_KINDS[0])
}

impl Check<'_> {
    pub(super) fn area_code(&mut self, raw: &Spanned<String>) -> Option<AreaCode> {
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
        self.area_shape(at.clone(), value, &dotted, shape);
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

    /// Warns about the accepted shapes that are not the dotted one.
    fn area_shape(&mut self, at: Range<usize>, value: &str, dotted: &str, shape: AreaShape) {
        match shape {
            AreaShape::Dotted => {}
            AreaShape::Undotted => self.warning(
                at,
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
                at,
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
    }

    /// `village.kind`, which must agree with the code's village part; an
    /// unknown kind falls back to what the code says.
    pub(super) fn village_kind(
        &mut self,
        raw: &Spanned<String>,
        code: Option<&AreaCode>,
    ) -> VillageKind {
        let choices = VILLAGE_KINDS.map(|(word, kind, digit)| (word, (kind, digit)));
        let Some((kind, digit)) = self.choice(raw, "village.kind", &choices) else {
            return code.map_or(VillageKind::Desa, |c| kind_of_status(c.status).1);
        };
        if let Some(c) = code.filter(|c| c.status != digit) {
            let (word, code, status) = (raw.get_ref(), &c.dotted, c.status);
            let means = kind_of_status(status).0;
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

    /// `region.regency_kind`, else what the code's regency number says.
    pub(super) fn regency_kind(
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
        let Some(given) = self.choice(raw, "region.regency_kind", &REGENCY_KINDS) else {
            return from_code.unwrap_or(RegencyKind::Kabupaten);
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

    /// `region.timezone`, else the province's zone, else WIB.
    pub(super) fn zone(
        &mut self,
        timezone: Option<&Spanned<String>>,
        code: Option<&AreaCode>,
    ) -> Zone {
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
}

#[cfg(test)]
mod tests {
    use super::{AreaShape, parse_area_code};

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
}
