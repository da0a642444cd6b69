//! The keys a raw settings struct accepts, read from its serde derive.
//!
//! `warta cms` (`crate::cms`) builds the browser editor's forms from the
//! structs the loader reads (`FrontMatter`, `profile.toml`'s raw
//! sections), not from a second hand-kept list: a key added to a struct
//! without a label in the editor fails the CMS tests. serde hands a
//! derived struct's field names to `Deserializer::deserialize_struct`;
//! [`keys`] is a deserializer that only takes them and stops.

use serde::Deserializer;
use serde::de::{DeserializeOwned, Visitor};

/// The field names of `T`'s `#[derive(Deserialize)]`, in declaration
/// order; empty when `T` is not a struct.
pub fn keys<T: DeserializeOwned>() -> &'static [&'static str] {
    match T::deserialize(Probe) {
        Err(Stop(fields)) => fields,
        Ok(_) => &[],
    }
}

struct Probe;

/// What the probe "fails" with: the fields it was handed.
#[derive(Debug)]
struct Stop(&'static [&'static str]);

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "fields: {:?}", self.0)
    }
}

impl std::error::Error for Stop {}

impl serde::de::Error for Stop {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Stop(&[])
    }
}

impl<'de> Deserializer<'de> for Probe {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop(&[]))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        Err(Stop(fields))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::keys;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Two {
        first: String,
        #[serde(default)]
        second: Vec<u8>,
    }

    #[test]
    fn reads_a_structs_field_names() {
        assert_eq!(keys::<Two>(), ["first", "second"]);
        assert!(keys::<String>().is_empty());
        assert!(keys::<Vec<Two>>().is_empty());
    }
}
