//! Reading a FeatureCollection one feature at a time.
//!
//! Building one `serde_json::Value` for a whole 16 MB file and dropping it at
//! the end costs as much memory as the file many times over (over 300 MB for
//! 36,000 sites) and most of the load time goes to the allocator. Here each
//! feature becomes a `Value` of its own, is handed to the caller, and is
//! dropped before the next one is read.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::repeated_key::{CheckedValue, RepeatedKey};

/// The members of the collection other than its features, as read.
#[derive(Debug, Default)]
pub struct Collection {
    /// What the top level is when it is not an object ("a list", "a string"…).
    pub not_an_object: Option<&'static str>,
    /// The `type` member.
    pub kind: Option<Value>,
    /// The `atlas` settings member.
    pub atlas: Option<Value>,
    /// The 2008 GeoJSON `crs` member, which QGIS and GDAL still write.
    pub crs: Option<Value>,
    /// `features` was present and a list.
    pub features_listed: bool,
    /// How many features the list held.
    pub feature_count: usize,
    /// Keys given twice at the top level or inside `atlas`, with their paths
    /// from the top (`features`, `atlas.title`).
    pub repeated: Vec<RepeatedKey>,
    /// The top-level keys met so far (a handful), to tell a repeat.
    pub(crate) keys_met: Vec<String>,
}

impl Collection {
    /// Notes a top-level key, in file order, and whether it was given before.
    pub(crate) fn note_key(&mut self, key: &str) {
        if self.keys_met.iter().any(|k| k == key) {
            self.repeated.push(RepeatedKey {
                key: key.to_owned(),
                field: key.to_owned(),
            });
        } else {
            self.keys_met.push(key.to_owned());
        }
    }

    /// Keeps the `atlas` member (the last one, if it is given twice) and
    /// notes the keys given twice inside it.
    pub(crate) fn read_atlas(&mut self, atlas: CheckedValue) {
        let repeated = atlas.repeated.into_iter().map(|r| r.under("atlas"));
        self.repeated.extend(repeated);
        self.atlas = Some(atlas.value);
    }
}

/// Parses `text`, calling `on_feature(index, feature)` for each item of `features` in order.
pub fn read_collection(
    text: &str,
    on_feature: &mut dyn FnMut(usize, CheckedValue),
) -> Result<Collection, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut collection = Collection::default();
    RootSeed {
        collection: &mut collection,
        on_feature,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(collection)
}

struct RootSeed<'a> {
    collection: &'a mut Collection,
    on_feature: &'a mut dyn FnMut(usize, CheckedValue),
}

impl<'de> DeserializeSeed<'de> for RootSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RootSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            self.collection.note_key(&key);
            match key.as_str() {
                "type" => self.collection.kind = Some(map.next_value()?),
                "atlas" => self.collection.read_atlas(map.next_value()?),
                "crs" => self.collection.crs = Some(map.next_value()?),
                // A second "features" member is ignored: the first one is already shown.
                "features" if !self.collection.features_listed => {
                    map.next_value_seed(FeaturesSeed {
                        collection: self.collection,
                        on_feature: self.on_feature,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.collection.not_an_object = Some("a list");
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.collection.not_an_object = Some("a string");
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.collection.not_an_object = Some("a boolean");
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.collection.not_an_object = Some("a number");
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.collection.not_an_object = Some("a number");
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.collection.not_an_object = Some("a number");
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.collection.not_an_object = Some("null");
        Ok(())
    }
}

struct FeaturesSeed<'a> {
    collection: &'a mut Collection,
    on_feature: &'a mut dyn FnMut(usize, CheckedValue),
}

impl<'de> DeserializeSeed<'de> for FeaturesSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FeaturesSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.collection.features_listed = true;
        let mut index = 0;
        while let Some(feature) = seq.next_element::<CheckedValue>()? {
            (self.on_feature)(index, feature);
            index += 1;
        }
        self.collection.feature_count = index;
        Ok(())
    }

    // Anything else is "not a list": consume it and let the caller say so.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_arrive_one_by_one_in_order_with_the_other_members() {
        let mut seen = Vec::new();
        let c = read_collection(
            r#"{"features":[{"a":1},{"b":2}],"type":"FeatureCollection","atlas":{"t":1},"x":[1]}"#,
            &mut |i, f| seen.push((i, f.value)),
        )
        .unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[1], (1, serde_json::json!({ "b": 2 })));
        assert_eq!(c.kind, Some(Value::from("FeatureCollection")));
        assert!(c.atlas.is_some() && c.features_listed);
        assert_eq!(c.feature_count, 2);
    }

    #[test]
    fn other_top_levels_and_feature_shapes_are_named_not_fatal() {
        let c = read_collection("[1, {}]", &mut |_, _| panic!("no features")).unwrap();
        assert_eq!(c.not_an_object, Some("a list"));
        let c = read_collection(r#"{"features": {"a": 1}}"#, &mut |_, _| panic!()).unwrap();
        assert!(!c.features_listed);
    }

    #[test]
    fn broken_json_keeps_its_line_and_column() {
        let e = read_collection("{\n \"features\": [,]\n}", &mut |_, _| {}).unwrap_err();
        assert_eq!((e.line(), e.column()), (2, 15));
    }
}
