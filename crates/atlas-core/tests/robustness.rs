//! Whatever a curator's file contains, atlas-core answers with sites and
//! problems, never a panic, and the answer is consistent: a feature shows
//! exactly when no error names it.

use atlas_core::{load, Severity};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const BUNDLED: &str = include_str!("../../../public/data/suzhou-red-heritage.geojson");

/// Any JSON value, biased towards the shapes and words of the format.
fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("type".to_owned()),
        Just("id".to_owned()),
        Just("name".to_owned()),
        Just("events".to_owned()),
        Just("date".to_owned()),
        Just("end_date".to_owned()),
        Just("title".to_owned()),
        Just("coordinates".to_owned()),
        Just("geometry".to_owned()),
        Just("geometries".to_owned()),
        Just("properties".to_owned()),
        Just("media".to_owned()),
        Just("sources".to_owned()),
        Just("start".to_owned()),
        Just("year".to_owned()),
        Just("zh".to_owned()),
        Just("en".to_owned()),
        "[a-z_:]{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-400.0f64..400.0).prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop_oneof![
            Just("Feature"),
            Just("Point"),
            Just("LineString"),
            Just("Polygon"),
            Just("MultiPolygon"),
            Just("GeometryCollection"),
            Just("1939-06-24"),
            Just("-221"),
            Just("0"),
            Just("1939-02-30"),
            Just("~1939?"),
            Just("javascript:alert(1)"),
            Just("https://example.org"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Loads and checks that every feature either shows or is named by an error.
fn assert_consistent(text: &str) {
    let Ok(loaded) = load(text) else { return };
    let root = serde_json::from_str::<Value>(text).unwrap();
    // A file that is one Feature or one bare geometry is a one-site dataset.
    let features = match root["type"].as_str() {
        Some("FeatureCollection") => root["features"].as_array().map_or(0, Vec::len),
        _ => 1,
    };
    for problem in &loaded.problems {
        assert!(problem.feature.is_none_or(|i| i < features), "{problem:?}");
        // Building messages must not panic either.
        let _ = (
            problem.message(atlas_core::Lang::En),
            problem.message(atlas_core::Lang::Zh),
        );
    }
    for i in 0..features {
        let shown = loaded.atlas.sites.iter().any(|s| s.feature_index == i);
        let has_error = loaded
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error && p.feature == Some(i));
        assert_ne!(shown, has_error, "feature {i} shows iff no error names it");
    }
    for site in &loaded.atlas.sites {
        // A place without events is allowed, and then the file says so once.
        if site.is_undated() {
            assert!(loaded.problems.iter().any(|p| matches!(
                &p.kind,
                atlas_core::ProblemKind::Undated { features } if features.contains(&site.feature_index)
            )));
        }
        if let Some(p) = site.position {
            assert!(p.lon.abs() <= 180.0 && p.lat.abs() <= 90.0, "{p:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_features_never_panic(features in prop::collection::vec(any_json(), 0..6)) {
        let text = json!({ "type": "FeatureCollection", "features": features }).to_string();
        assert_consistent(&text);
    }

    #[test]
    fn random_properties_and_geometries_never_panic(
        props in prop::collection::vec(any_json(), 1..5),
        geometries in prop::collection::vec(any_json(), 1..5),
    ) {
        let features: Vec<Value> = props
            .into_iter()
            .zip(geometries)
            .map(|(p, g)| json!({ "type": "Feature", "geometry": g, "properties": p }))
            .collect();
        let text = json!({ "type": "FeatureCollection", "atlas": features[0]["properties"], "features": features }).to_string();
        assert_consistent(&text);
    }

    #[test]
    fn a_bundled_dataset_with_one_value_replaced_never_panics(
        path in prop::collection::vec(any::<prop::sample::Index>(), 1..8),
        replacement in any_json(),
    ) {
        let mut root: Value = serde_json::from_str(BUNDLED).unwrap();
        // Walk down a random path and replace what is there.
        let mut node = &mut root;
        for step in path {
            let next = match node {
                Value::Array(items) if !items.is_empty() => step.index(items.len()),
                Value::Object(map) if !map.is_empty() => step.index(map.len()),
                _ => break,
            };
            node = match node {
                Value::Array(items) => &mut items[next],
                Value::Object(map) => map.values_mut().nth(next).unwrap(),
                _ => unreachable!(),
            };
        }
        *node = replacement;
        assert_consistent(&root.to_string());
    }

    #[test]
    fn a_bundled_dataset_with_bytes_mangled_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let mut bytes = BUNDLED.as_bytes().to_vec();
        for (at, byte, how) in edits {
            let i = at.index(bytes.len());
            match how {
                0 => { bytes.remove(i); }
                1 => bytes.insert(i, byte),
                _ => bytes[i] = byte,
            }
        }
        if let Ok(text) = String::from_utf8(bytes) {
            assert_consistent(&text);
        }
    }
}
