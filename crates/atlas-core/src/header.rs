//! The part of a dataset the loader needs before the full parse: the basemap
//! layers its `atlas` member asks for, so their requests can go out while the
//! sites are still being read.
//!
//! Only the top level is scanned, and the scan stops at the `atlas` member:
//! in a file that writes it before `features` (the bundled ones, and what the
//! schema's examples show) the features are never read here. Whatever is
//! wrong with the file is for [`crate::load`] to report; this module only
//! guesses early, and a guess it cannot make is an empty list.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use crate::model::BasemapLayerRef;
use crate::parse::{is_safe_url, UTF8_BOM};

/// The basemap layers of the dataset in `bytes`, exactly as [`crate::load`]
/// would list them in `atlas.settings.basemap` (same rules, same defaults),
/// read without parsing the features. Empty when the file has no readable
/// `atlas` member before an error; a file with two `atlas` members gets the
/// first one's here and the last one's from `load`, so callers that must be
/// exact compare with `load`'s answer once they have it.
pub fn basemap_layers(bytes: &[u8]) -> Vec<BasemapLayerRef> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let mut atlas = None;
    let mut de = serde_json::Deserializer::from_slice(bytes);
    // Stopping at `atlas` leaves the rest unread, which serde_json reports as
    // an error: the member is kept all the same.
    let _ = AtlasMember(&mut atlas).deserialize(&mut de);
    atlas.as_ref().map(layers_in).unwrap_or_default()
}

/// The rule of `parse::read_settings` for `atlas.basemap`: layers without a
/// `url` or with one that leaves the page's origin are left out.
fn layers_in(atlas: &Value) -> Vec<BasemapLayerRef> {
    let Some(Value::Array(layers)) = atlas.get("basemap") else {
        return Vec::new();
    };
    layers
        .iter()
        .enumerate()
        .filter_map(|(i, layer)| {
            let get = |k: &str| layer.get(k).and_then(Value::as_str).map(str::to_owned);
            let url = get("url")?;
            let lower = url.to_ascii_lowercase();
            if !is_safe_url(&url) || lower.starts_with("http:") || lower.starts_with("https:") {
                return None;
            }
            Some(BasemapLayerRef {
                id: get("id").unwrap_or_else(|| format!("layer-{i}")),
                kind: get("kind").unwrap_or_else(|| "water".into()),
                url,
            })
        })
        .collect()
}

/// Reads the top-level object up to its `atlas` member and keeps that.
struct AtlasMember<'a>(&'a mut Option<Value>);

impl<'de> DeserializeSeed<'de> for AtlasMember<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for AtlasMember<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "atlas" {
                *self.0 = Some(map.next_value()?);
                return Ok(());
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use proptest::prelude::*;
    use serde_json::json;

    fn layer(id: &str, url: &str, kind: &str) -> BasemapLayerRef {
        BasemapLayerRef {
            id: id.into(),
            url: url.into(),
            kind: kind.into(),
        }
    }

    #[test]
    fn the_bundled_dataset_asks_for_water_and_rivers() {
        let bytes = include_bytes!("../../../public/data/suzhou-red-heritage.geojson");
        assert_eq!(
            basemap_layers(bytes),
            vec![
                layer("water", "basemap/water.geojson", "water"),
                layer("rivers", "basemap/rivers.geojson", "river"),
            ]
        );
    }

    #[test]
    fn the_features_after_the_atlas_member_are_not_read() {
        // Broken JSON after `atlas`: the layers are still known.
        let bytes = br#"{"type":"FeatureCollection","atlas":{"basemap":[{"url":"w.geojson"}]},"features":[{"#;
        assert_eq!(
            basemap_layers(bytes),
            vec![layer("layer-0", "w.geojson", "water")]
        );
    }

    #[test]
    fn an_atlas_member_after_the_features_is_found_too() {
        let bytes = br#"{"features":[{"type":"Feature","properties":{"a":[1,{"b":2}]}}],"atlas":{"basemap":[{"url":"w.geojson","kind":"lake"}]}}"#;
        assert_eq!(
            basemap_layers(bytes),
            vec![layer("layer-0", "w.geojson", "lake")]
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let bytes = b"\xEF\xBB\xBF{\"atlas\":{\"basemap\":[{\"url\":\"w.geojson\"}]}}";
        assert_eq!(basemap_layers(bytes).len(), 1);
    }

    #[test]
    fn no_atlas_or_no_json_gives_no_layers() {
        assert!(basemap_layers(b"{\"type\":\"FeatureCollection\",\"features\":[]}").is_empty());
        assert!(basemap_layers(b"<html>not json</html>").is_empty());
        assert!(basemap_layers(b"[1,2]").is_empty());
        assert!(basemap_layers(b"").is_empty());
        assert!(basemap_layers(b"{\"atlas\":{\"basemap\":{\"url\":\"w\"}}}").is_empty());
    }

    #[test]
    fn layers_that_would_leave_the_origin_are_left_out_as_load_leaves_them() {
        let bytes = br#"{"atlas":{"basemap":[{"url":"https://elsewhere.example/w.geojson"},{"url":"//elsewhere.example/w"},{"url":"javascript:alert(1)"},{"id":"ok","url":"b/r.geojson","kind":"river"},{"kind":"water"}]}}"#;
        assert_eq!(
            basemap_layers(bytes),
            vec![layer("ok", "b/r.geojson", "river")]
        );
    }

    /// A JSON value a curator might write in a layer's member.
    fn member() -> impl Strategy<Value = Option<Value>> {
        prop_oneof![
            Just(None),
            Just(Some(json!(null))),
            Just(Some(json!(3))),
            prop::sample::select(vec![
                "basemap/water.geojson",
                "../shared/rivers.geojson",
                "/data/basemap/water.geojson",
                "http://127.0.0.1/water.geojson",
                "HTTPS://example.org/w",
                "//example.org/w",
                "\\\\share\\w",
                "javascript:alert(1)",
                "data:application/json,{}",
                "",
                " ",
                "water",
                "river",
                "湖泊",
            ])
            .prop_map(|s| Some(json!(s))),
        ]
    }

    fn layer_json() -> impl Strategy<Value = Value> {
        (member(), member(), member()).prop_map(|(id, url, kind)| {
            let mut layer = serde_json::Map::new();
            for (k, v) in [("id", id), ("url", url), ("kind", kind)] {
                if let Some(v) = v {
                    layer.insert(k.into(), v);
                }
            }
            Value::Object(layer)
        })
    }

    proptest! {
        /// The early guess is what the full parse settles on, so the loader
        /// never fetches a layer the dataset does not get.
        #[test]
        fn the_early_list_is_the_one_load_settles_on(
            layers in prop::collection::vec(layer_json(), 0..6),
            atlas_first in any::<bool>(),
            bom in any::<bool>(),
        ) {
            let atlas = json!({ "title": "t", "basemap": layers });
            let features = json!([{ "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [120.5, 31.3] },
                "properties": { "id": "a", "name": "A", "events": [{ "date": "1939", "title": "e" }] } }]);
            let text = if atlas_first {
                json!({ "type": "FeatureCollection", "atlas": atlas, "features": features }).to_string()
            } else {
                json!({ "type": "FeatureCollection", "features": features, "atlas": atlas }).to_string()
            };
            let mut bytes = if bom { UTF8_BOM.to_vec() } else { Vec::new() };
            bytes.extend_from_slice(text.as_bytes());
            let loaded = load(&text).expect("a valid collection");
            prop_assert_eq!(basemap_layers(&bytes), loaded.atlas.settings.basemap);
        }
    }
}
