//! JSON objects that give the same key twice.
//!
//! JSON.parse and serde_json both keep the last value of a repeated key, and
//! so does the viewer, so it shows what any JavaScript tool would. But a
//! curator who wrote `"name"` twice in one object meant one of them, and
//! must hear that the other is not read, and where it is.
//!
//! [`CheckedValue`] reads a `serde_json::Value` the way serde_json does and
//! notes every key given twice, with the path to it. When no key repeats, the
//! only extra work is one length comparison per member and list item.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

/// A JSON value and the keys that were given twice inside it.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedValue {
    /// The value as serde_json (and JSON.parse) reads it: the last of a repeated key wins.
    pub value: Value,
    /// Each key given again in an object that already had it, in file order
    /// of the repeats (innermost objects first when they nest).
    pub repeated: Vec<RepeatedKey>,
}

/// A key given a second (or third…) time in one object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepeatedKey {
    /// The key as written (escapes read).
    pub key: String,
    /// Where it is, from the value read: `properties.name`, `events[2].date`.
    pub field: String,
}

impl RepeatedKey {
    /// The same key, its path under `prefix` (`atlas`, `geometry`).
    pub fn under(mut self, prefix: &str) -> RepeatedKey {
        let dot = if self.field.starts_with('[') { "" } else { "." };
        self.field = format!("{prefix}{dot}{}", self.field);
        self
    }
}

impl<'de> Deserialize<'de> for CheckedValue {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let mut found = Vec::new();
        let value = ValueSeed { found: &mut found }.deserialize(de)?;
        let repeated = found
            .into_iter()
            .map(|f| RepeatedKey {
                field: f.field(),
                key: f.key,
            })
            .collect();
        Ok(CheckedValue { value, repeated })
    }
}

/// A repeat found while reading; the path to its object is collected on the
/// way out, innermost step first, so nothing is spent on paths when no key
/// repeats.
struct Found {
    key: String,
    steps_out: Vec<Step>,
}

enum Step {
    Member(String),
    Item(usize),
}

impl Found {
    fn field(&self) -> String {
        let mut field = String::new();
        for step in self.steps_out.iter().rev() {
            match step {
                Step::Member(name) => {
                    if !field.is_empty() {
                        field.push('.');
                    }
                    field.push_str(name);
                }
                Step::Item(i) => field.push_str(&format!("[{i}]")),
            }
        }
        if !field.is_empty() {
            field.push('.');
        }
        field.push_str(&self.key);
        field
    }
}

struct ValueSeed<'a> {
    found: &'a mut Vec<Found>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Value, D::Error> {
        de.deserialize_any(self)
    }
}

/// Builds values as serde_json's own `Value` visitor does.
impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Value, D::Error> {
        self.deserialize(de)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let before = self.found.len();
            let Some(item) = seq.next_element_seed(ValueSeed { found: self.found })? else {
                break;
            };
            for f in &mut self.found[before..] {
                f.steps_out.push(Step::Item(items.len()));
            }
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let before = self.found.len();
            let value = access.next_value_seed(ValueSeed { found: self.found })?;
            if self.found.len() > before {
                for f in &mut self.found[before..] {
                    f.steps_out.push(Step::Member(key.clone()));
                }
            }
            match map.entry(key) {
                Entry::Occupied(mut earlier) => {
                    self.found.push(Found {
                        key: earlier.key().clone(),
                        steps_out: Vec::new(),
                    });
                    earlier.insert(value);
                }
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
            }
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(text: &str) -> CheckedValue {
        serde_json::from_str(text).unwrap()
    }

    fn fields(text: &str) -> Vec<String> {
        read(text).repeated.into_iter().map(|r| r.field).collect()
    }

    #[test]
    fn no_repeats_no_notes() {
        let c = read(r#"{"a":1,"b":[{"a":2},{"a":3}],"c":{"a":{"a":4}}}"#);
        assert!(c.repeated.is_empty());
    }

    #[test]
    fn the_last_value_is_read_and_the_key_is_named_with_its_path() {
        let c = read(
            r#"{"properties":{"name":"First","events":[{"date":"1939","date":"1940"}],"name":"Second"}}"#,
        );
        assert_eq!(c.value["properties"]["name"], "Second");
        assert_eq!(c.value["properties"]["events"][0]["date"], "1940");
        assert_eq!(
            c.repeated,
            vec![
                RepeatedKey {
                    key: "date".into(),
                    field: "properties.events[0].date".into()
                },
                RepeatedKey {
                    key: "name".into(),
                    field: "properties.name".into()
                },
            ]
        );
    }

    #[test]
    fn top_level_keys_three_times_and_escaped_keys() {
        assert_eq!(fields(r#"{"type":1,"type":2,"type":3}"#), ["type", "type"]);
        // The same key written two ways is the same key once read.
        assert_eq!(fields(r#"{"n\u0061me":1,"name":2}"#), ["name"]);
    }

    #[test]
    fn repeats_inside_a_value_that_is_itself_replaced_are_still_named() {
        // Both were written; the curator fixes the first object too.
        assert_eq!(fields(r#"{"p":{"x":1,"x":2},"p":{"y":1}}"#), ["p.x", "p"]);
    }

    #[test]
    fn under_prefixes_the_path() {
        let r = read(r#"[{"t":1,"t":2}]"#)
            .repeated
            .remove(0)
            .under("atlas.tour");
        assert_eq!(r.field, "atlas.tour[0].t");
    }

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| Value::Number(n.into())),
            (-1e6f64..1e6).prop_map(|f| serde_json::json!(f)),
            "[a-c\u{4e00}\"\\\\]{0,4}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::btree_map("[a-c]{0,2}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Without repeats, the value read is serde_json's own, and no repeat is named.
        #[test]
        fn reads_as_serde_json_does(value in json()) {
            let text = serde_json::to_string(&value).unwrap();
            let c = read(&text);
            prop_assert_eq!(&c.value, &serde_json::from_str::<Value>(&text).unwrap());
            prop_assert!(c.repeated.is_empty());
        }

        /// Writing one member of an object again (anywhere in the tree) is
        /// named once, by its path, and the value read is still serde_json's.
        #[test]
        fn a_key_written_twice_is_found(value in json(), pick in any::<prop::sample::Index>()) {
            let text = serde_json::to_string(&value).unwrap();
            // Where each object member starts: keys are `[a-c]*` and no string
            // holds a colon, so `":` ends a key and the `{` or `,` before it
            // comes right before its opening quote.
            let members: Vec<usize> = text
                .match_indices("\":")
                .filter_map(|(end, _)| Some(text[..end].rfind(['{', ','])? + 1))
                .collect();
            prop_assume!(!members.is_empty());
            let start = members[pick.index(members.len())];
            // The member's key with `": null,` after it, written right before it.
            let end = start + text[start..].find("\":").unwrap() + 2;
            let key_text = &text[start..end];
            let doubled = format!("{}{key_text}null,{}", &text[..start], &text[start..]);
            let c = read(&doubled);
            prop_assert_eq!(&c.value, &serde_json::from_str::<Value>(&doubled).unwrap());
            prop_assert_eq!(c.repeated.len(), 1);
            prop_assert!(c.repeated[0].field.ends_with(&key_text[1..key_text.len() - 2]));
        }
    }
}
