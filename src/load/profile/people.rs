//! People in the profile: village officials and the KIM with its members.
//!
//! Gelar are stored apart from the name (DOMAIN.md §c.7), so both officials
//! and members get a derived `full_name` ("H. Ahmad Sholeh, S.Pd.") and
//! `initials` ("AS") for avatars without a photo. Officials are sorted by
//! `order` (those without one last). A member's WhatsApp number is always
//! checked but published only with `show_contact = true`, because it is a
//! private number given for the village's use.

use super::checks::Check;
use super::raw::{RawKim, RawMember, RawOfficial, Str};
use super::types::{Decree, Kim, Member, Official};
use crate::diag::Text;
use crate::text;

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

/// Letters, digits and `.` `-` `/`, at least three digits, 3 to 40
/// characters: "KIM-3507-0042", "35.07.12.2003/001".
fn registration_shape(number: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/');
    (3..=40).contains(&number.len())
        && number.chars().all(allowed)
        && number.chars().filter(char::is_ascii_digit).count() >= 3
}

/// `(full_name, initials)` of a person with optional gelar.
fn names(prefix: &Option<String>, name: &str, suffix: &Option<String>) -> (String, String) {
    (
        full_name(prefix.as_deref(), name, suffix.as_deref()),
        initials(name),
    )
}

impl Check<'_> {
    /// All officials, sorted by `order`; those without one keep their
    /// place after the rest.
    pub(super) fn officials(&mut self, raw: Vec<RawOfficial>) -> Vec<Official> {
        let mut officials: Vec<Official> = raw.into_iter().map(|o| self.official(o)).collect();
        officials.sort_by_key(|o| (o.order.is_none(), o.order));
        officials
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
        let (full_name, initials) = names(&raw.title_prefix, &raw.name, &raw.title_suffix);
        let end_at = raw.term_end.as_ref().map(toml::Spanned::span);
        let term_start = self.date(raw.term_start, "officials.term_start");
        let term_end = self.date(raw.term_end, "officials.term_end");
        self.term(term_start, term_end, end_at);
        Official {
            full_name,
            initials,
            role: self.one_of(raw.role, "officials.role", ROLES),
            photo: self.path(raw.photo, "officials.photo"),
            term_start,
            term_end,
            name: raw.name,
            title_prefix: raw.title_prefix,
            title_suffix: raw.title_suffix,
            position: raw.position,
            order: raw.order,
        }
    }

    pub(super) fn kim(&mut self, raw: RawKim) -> Kim {
        let (whatsapp, whatsapp_e164, whatsapp_display) = self.phone(raw.whatsapp, "kim.whatsapp");
        let decree = raw.decree.map(|d| Decree {
            number: d.number,
            date: self.past_date(d.date, "kim.decree.date"),
            issuer: d.issuer,
        });
        Kim {
            name: raw.name,
            founded: self.past_date(raw.founded, "kim.founded"),
            focus: raw.focus,
            vision: raw.vision,
            missions: raw.missions,
            secretariat: raw.secretariat,
            email: raw.email,
            whatsapp,
            whatsapp_e164,
            whatsapp_display,
            kim_id_profile: raw.kim_id_profile,
            registration: self.registration(raw.registration),
            decree,
            members: raw.members.into_iter().map(|m| self.member(m)).collect(),
        }
    }

    /// The registration number on kelola.kim.id. Its format is not
    /// published, so only what cannot be one is refused: a web address,
    /// spaces, other signs, fewer than three digits, over 40 characters.
    fn registration(&mut self, v: Str) -> Option<String> {
        let v = v?;
        let number = v.get_ref().trim();
        if number.is_empty() {
            return None;
        }
        if registration_shape(number) {
            return Some(number.to_string());
        }
        self.error(
            v.span(),
            text!(
                "Nomor registrasi KIM \"{number}\" tidak berbentuk nomor.",
                "The KIM registration number \"{number}\" does not look like a number."
            ),
            Text::new(
                "Salin nomor dari kelola.kim.id: huruf, angka, dan tanda `.` `-` `/` saja (paling sedikit tiga angka, tanpa spasi atau alamat web); alamat profil ditulis di `kim_id_profile`.",
                "Copy the number from kelola.kim.id: letters, digits and `.` `-` `/` only (at least three digits, no spaces or web address); the profile's address goes in `kim_id_profile`.",
            ),
        );
        None
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
        let (full_name, initials) = names(&raw.title_prefix, &raw.name, &raw.title_suffix);
        Member {
            full_name,
            initials,
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
}

#[cfg(test)]
mod tests {
    use super::{initials, registration_shape};

    #[test]
    fn registration_numbers() {
        for (number, ok) in [
            ("KIM-3507-0042", true),
            ("35.07.12.2003/001", true),
            ("0042", true),
            ("42", false),
            ("KIM 0042", false),
            ("https://kelola.kim.id/42", false),
            ("nomor-belum-ada", false),
            (&"1".repeat(41), false),
        ] {
            assert_eq!(registration_shape(number), ok, "{number}");
        }
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
