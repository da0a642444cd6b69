//! The six ADINDA principles a KIM's work is judged by (Akses informasi,
//! Diskusi, Implementasi, Networking, Diseminasi, Aspirasi), as a post's
//! `adinda = ["akses-informasi", "diseminasi"]` names them.
//!
//! Part of the model stage: the keys are checked with a post's other
//! front matter (`front::Check::adinda`), and a post keeps the principles
//! it names in the order of this list, each once. Their names stay
//! Indonesian in every site language: ADINDA is the acronym of these
//! words, and contest juries read them so.

use serde::Serialize;

/// One principle: its front-matter key and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Principle {
    pub key: &'static str,
    pub name: &'static str,
}

/// The six, in the order of the acronym.
pub const PRINCIPLES: [Principle; 6] = [
    Principle {
        key: "akses-informasi",
        name: "Akses informasi",
    },
    Principle {
        key: "diskusi",
        name: "Diskusi",
    },
    Principle {
        key: "implementasi",
        name: "Implementasi",
    },
    Principle {
        key: "networking",
        name: "Networking",
    },
    Principle {
        key: "diseminasi",
        name: "Diseminasi",
    },
    Principle {
        key: "aspirasi",
        name: "Aspirasi",
    },
];

/// The principle whose key is `written` (spaces and case aside).
pub fn find(written: &str) -> Option<Principle> {
    let key = written.trim().to_lowercase();
    PRINCIPLES.iter().find(|p| p.key == key).copied()
}

impl Principle {
    /// Its place in the acronym, 0 to 5.
    pub fn order(self) -> usize {
        PRINCIPLES.iter().position(|p| *p == self).unwrap_or(0)
    }
}

/// The keys, for messages and suggestions.
pub fn keys() -> Vec<&'static str> {
    PRINCIPLES.iter().map(|p| p.key).collect()
}

#[cfg(test)]
mod tests {
    use super::{PRINCIPLES, find};

    #[test]
    fn keys_are_found_whatever_their_case() {
        assert_eq!(find("Diseminasi").map(|p| p.name), Some("Diseminasi"));
        assert_eq!(
            find(" akses-informasi ").map(|p| p.name),
            Some("Akses informasi")
        );
        assert_eq!(find("akses informasi"), None);
        assert_eq!(find("adinda"), None);
        let initials: String = PRINCIPLES.iter().map(|p| &p.name[..1]).collect();
        assert_eq!(initials, "ADINDA");
    }
}
