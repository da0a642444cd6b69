//! A pass over a whole TOML file, with positions, for the rules that hold
//! for every value of a kind wherever it sits: each address under a URL
//! key must pass the URL policy ([`super::urlpolicy`]), and each date and
//! each year number must lie in [`super::years::YEARS`].
//!
//! `profile.toml` and `warta.toml` are read into typed structs elsewhere,
//! several of whose maps and sections carry no positions (social links,
//! marketplaces, budget years); scanning the document once here keeps these
//! rules in one place, covers keys added later, and points at
//! `file:line:col` for each of them.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::urlpolicy::{self, Verdict};
use super::years;
use crate::diag::{Diagnostic, Text};

/// Which keys hold what; each gets the key path (`["kim", "kim_id_profile"]`,
/// array positions left out).
pub struct Rules {
    pub url_key: fn(&[&str]) -> bool,
    pub year_key: fn(&[&str]) -> bool,
}

/// The addresses and years of `profile.toml`.
pub const PROFILE: Rules = Rules {
    url_key: profile_url_key,
    year_key: |path| matches!(path.last(), Some(&("founded_year" | "year"))),
};

/// The addresses of `warta.toml` (the menu).
pub const CONFIG: Rules = Rules {
    url_key: |path| path == ["menu", "url"],
    year_key: |_| false,
};

fn profile_url_key(path: &[&str]) -> bool {
    const KEYS: [&str; 14] = [
        "website",
        "url",
        "complaints",
        "kim_id_profile",
        "logo",
        "office_photo",
        "photo",
        "photos",
        "org_chart",
        "page",
        "history_page",
        "welcome_page",
        "boundary_geojson",
        "image",
    ];
    let parent = path.len().checked_sub(2).map(|i| path[i]);
    matches!(parent, Some("social" | "marketplace"))
        || path.last().is_some_and(|k| KEYS.contains(k))
}

/// Every value of `source` that breaks `rules`, as errors in `file`. A
/// document that does not parse gives nothing: its parse error is
/// reported where it is deserialized.
pub fn scan(source: &str, file: &Path, rules: &Rules) -> Vec<Diagnostic> {
    let Ok(doc) = DeTable::parse(source) else {
        return Vec::new();
    };
    let mut scan = Scan {
        source,
        file,
        rules,
        path: Vec::new(),
        found: Vec::new(),
    };
    scan.table(doc.get_ref());
    scan.found
}

struct Scan<'a> {
    source: &'a str,
    file: &'a Path,
    rules: &'a Rules,
    path: Vec<String>,
    found: Vec<Diagnostic>,
}

impl Scan<'_> {
    fn table(&mut self, table: &DeTable) {
        for (key, value) in table {
            self.path.push(key.get_ref().to_string());
            self.value(value);
            self.path.pop();
        }
    }

    fn value(&mut self, value: &Spanned<DeValue>) {
        let path: Vec<&str> = self.path.iter().map(String::as_str).collect();
        let key = path.join(".");
        match value.get_ref() {
            DeValue::Table(t) => self.table(t),
            DeValue::Array(items) => items.iter().for_each(|v| self.value(v)),
            DeValue::String(s) if (self.rules.url_key)(&path) => {
                if let Verdict::Refused(scheme) = urlpolicy::verdict(s) {
                    let (message, hint) = urlpolicy::refused_value(s, &scheme, &key);
                    self.error(value.span(), message, hint);
                }
            }
            DeValue::Datetime(dt) => {
                if let Some(d) = dt.date.filter(|d| !years::in_range(d.year.into())) {
                    let (message, hint) = years::out_of_range(d.year.into(), &key);
                    self.error(value.span(), message, hint);
                }
            }
            DeValue::Integer(n) if (self.rules.year_key)(&path) => {
                let year = integer(n.as_str(), n.radix());
                if !year.is_some_and(years::in_range) {
                    let shown = n.as_str().to_string();
                    let (mut message, hint) = years::out_of_range(0, &key);
                    message = Text::new(
                        message.id.replacen("Tahun 0", &format!("Tahun {shown}"), 1),
                        message.en.replacen("year 0", &format!("year {shown}"), 1),
                    );
                    self.error(value.span(), message, hint);
                }
            }
            _ => {}
        }
    }

    fn error(&mut self, span: std::ops::Range<usize>, message: Text, hint: Text) {
        self.found.push(
            Diagnostic::error(message)
                .in_file(self.file)
                .at(self.source, span.start, span.len().max(1))
                .hint(hint),
        );
    }
}

/// A TOML integer's value, `None` past `i64`.
fn integer(digits: &str, radix: u32) -> Option<i64> {
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let (negative, body) = match clean.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, clean.trim_start_matches('+')),
    };
    let body = match radix {
        16 => body.trim_start_matches("0x"),
        8 => body.trim_start_matches("0o"),
        2 => body.trim_start_matches("0b"),
        _ => body,
    };
    let n = i64::from_str_radix(body, radix).ok()?;
    Some(if negative { -n } else { n })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{CONFIG, PROFILE, scan};

    fn lines(source: &str, rules: &super::Rules) -> Vec<(usize, usize)> {
        scan(source, Path::new("profile.toml"), rules)
            .iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                (l.line, l.column)
            })
            .collect()
    }

    #[test]
    fn finds_refused_addresses_under_url_keys_only() {
        let src = "[village]\nwebsite = \"javascript:alert(1)\"\ntagline = \"catatan: x\"\n\
                   [social]\nfacebook = \"https://fb.com/x\"\ntiktok = \"data:text/html,x\"\n\
                   [[products]]\nname = \"a\"\nphotos = [\"a.jpg\", \"vbscript:x\"]\n\
                   [products.marketplace]\nshopee = \"JaVaScRiPt:x\"\n";
        assert_eq!(
            lines(src, &PROFILE),
            vec![(2, 11), (6, 10), (9, 20), (11, 10)]
        );
    }

    #[test]
    fn finds_years_out_of_range() {
        let src = "[village]\nfounded_year = 0\n[kim]\nfounded = 9999-01-01\n\
                   [[budget]]\nyear = 2025\n[[budget]]\nyear = -9223372036854775808\n\
                   [x]\nwhen = 1899-12-31T23:00:00Z\nyear = 0x7FF\n";
        assert_eq!(
            lines(src, &PROFILE),
            vec![(2, 16), (4, 11), (8, 8), (10, 8)]
        );
        let d = &scan(src, Path::new("profile.toml"), &PROFILE)[2];
        assert!(
            d.message.id.contains("Tahun -9223372036854775808"),
            "{:?}",
            d.message
        );
    }

    #[test]
    fn checks_the_menu_of_warta_toml() {
        let src = "[[menu]]\nname = \"A\"\nurl = \"/berita/\"\n[[menu]]\nname = \"B\"\nurl = \"javascript:x\"\n";
        assert_eq!(lines(src, &CONFIG), vec![(6, 7)]);
        assert!(lines("not toml = = =", &CONFIG).is_empty());
    }
}
