//! The limits that protect a visitor's tab (atlas_core::limits): each at its
//! value and one past it, with the message that names it.

use atlas_core::{
    load, FatalError, Lang, LoadJob, ProblemKind, Severity, MAX_DATASET_BYTES, MAX_FEATURES,
    MAX_NESTING_DEPTH, MAX_TEXT_BYTES,
};
use serde_json::{json, Value};

fn site(id: &str, extra: Value) -> Value {
    let mut props = json!({
        "id": id, "name": { "zh": "地点", "en": "Site" }, "category": "memorial",
        "events": [{ "date": "1939", "title": { "zh": "事件", "en": "Event" } }],
        "sources": [{ "title": "Source", "url": "https://example.org" }]
    });
    for (k, v) in extra.as_object().unwrap() {
        props[k] = v.clone();
    }
    json!({ "type": "Feature", "geometry": { "type": "Point", "coordinates": [120.5, 31.3] }, "properties": props })
}

fn collection(features: Vec<Value>) -> String {
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

#[test]
fn a_file_of_exactly_the_size_limit_loads_and_one_byte_more_is_refused() {
    let text = collection(vec![site("a", json!({}))]);
    let padded = format!("{text}{}", " ".repeat(MAX_DATASET_BYTES - text.len()));
    assert_eq!(padded.len(), MAX_DATASET_BYTES);
    assert_eq!(load(&padded).unwrap().atlas.sites.len(), 1);
    let over = format!("{padded} ");
    let e = load(&over).unwrap_err();
    assert_eq!(
        e,
        FatalError::TooLarge {
            bytes: MAX_DATASET_BYTES + 1,
            limit: MAX_DATASET_BYTES
        }
    );
    assert_eq!(
        e.message(Lang::En),
        format!(
            "the file is {} bytes, over the limit of {MAX_DATASET_BYTES} bytes",
            MAX_DATASET_BYTES + 1
        )
    );
}

/// `n` features that are each the smallest thing the scan lays out.
fn many(n: usize) -> String {
    let mut text = String::from(r#"{"type":"FeatureCollection","features":["#);
    text.push_str(&vec!["0"; n].join(","));
    text.push_str("]}");
    text
}

#[test]
fn the_feature_limit_is_counted_before_any_feature_is_read() {
    let text = many(MAX_FEATURES);
    let job = LoadJob::new(&text).unwrap();
    assert_eq!(job.total(), MAX_FEATURES);
    let e = LoadJob::new(&many(MAX_FEATURES + 1)).err().unwrap();
    assert_eq!(
        e,
        FatalError::TooManyFeatures {
            count: MAX_FEATURES + 1,
            limit: MAX_FEATURES
        }
    );
    assert!(e
        .message(Lang::En)
        .contains("400001 features, over the limit of 400000"));
    assert!(e
        .message(Lang::Zh)
        .contains("400001 个要素，超过 400000 个的上限"));
}

#[test]
fn a_string_at_the_limit_shows_and_one_byte_longer_skips_only_its_feature() {
    let at = "x".repeat(MAX_TEXT_BYTES);
    let over = "x".repeat(MAX_TEXT_BYTES + 1);
    let text = collection(vec![
        site("at", json!({ "description": at })),
        site("over", json!({ "description": { "zh": "短", "en": over } })),
        site("after", json!({})),
    ]);
    let loaded = load(&text).unwrap();
    let ids: Vec<&str> = loaded.atlas.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["at", "after"]);
    let errors: Vec<_> = loaded.errors().collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].feature, Some(1));
    assert_eq!(errors[0].field, "properties.description.en");
    assert_eq!(errors[0].kind.code(), "text-too-long");
    assert_eq!(
        errors[0].message(Lang::En),
        format!(
            "feature 1, properties.description.en: the text is {} bytes long, over the limit of {MAX_TEXT_BYTES} bytes; shorten it or link to a page that holds it",
            MAX_TEXT_BYTES + 1
        )
    );
}

#[test]
fn an_over_long_id_is_neither_kept_nor_printed() {
    let id = "a".repeat(MAX_TEXT_BYTES + 1);
    let loaded = load(&collection(vec![
        site(&id, json!({})),
        site("b", json!({})),
    ]))
    .unwrap();
    let error = loaded.errors().next().unwrap();
    assert_eq!(
        (error.field.as_str(), error.id.as_deref()),
        ("properties.id", None)
    );
}

#[test]
fn an_over_long_setting_is_left_out_with_a_warning() {
    let mut value: Value = serde_json::from_str(&collection(vec![site("a", json!({}))])).unwrap();
    value["atlas"] = json!({ "title": { "zh": "标题", "en": "x".repeat(MAX_TEXT_BYTES + 1) } });
    let loaded = load(&value.to_string()).unwrap();
    assert_eq!(loaded.atlas.settings.title.zh.as_deref(), Some("标题"));
    assert_eq!(loaded.atlas.settings.title.en, None);
    let p = &loaded.problems[0];
    assert_eq!(
        (p.severity, p.field.as_str()),
        (Severity::Warning, "atlas.title.en")
    );
    assert!(matches!(p.kind, ProblemKind::TextTooLong { .. }));
}

/// A feature whose `properties.deep` nests so that the feature reaches `depth`.
fn nested_feature(id: &str, depth: usize) -> String {
    // The feature is level 3, properties 4, `deep` 5 and so on.
    let lists = depth - 4;
    let nested = format!("{}{}", "[".repeat(lists), "]".repeat(lists));
    site(id, json!({ "deep": "DEEP" }))
        .to_string()
        .replace("\"DEEP\"", &nested)
}

#[test]
fn nesting_at_the_limit_loads_and_one_level_deeper_skips_only_that_feature() {
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{},{},{}]}}"#,
        nested_feature("at", MAX_NESTING_DEPTH),
        nested_feature("over", MAX_NESTING_DEPTH + 1),
        site("after", json!({})),
    );
    let loaded = load(&text).unwrap();
    let ids: Vec<&str> = loaded.atlas.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["at", "after"]);
    let error = loaded.errors().next().unwrap();
    assert_eq!(error.feature, Some(1));
    assert_eq!(
        error.kind,
        ProblemKind::NestedTooDeep {
            depth: MAX_NESTING_DEPTH + 1,
            limit: MAX_NESTING_DEPTH
        }
    );
    assert_eq!(error.kind.code(), "too-deep");
}

#[test]
fn ten_thousand_levels_are_named_with_their_place_not_serde_json_s_recursion_message() {
    // Outside the features: the whole file cannot be read.
    let deep = format!(
        "{{\"type\":\"FeatureCollection\",\n\"atlas\":{}{},\"features\":[]}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let e = load(&deep).unwrap_err();
    // The first list is level 2, so the 64th bracket is the first past the limit.
    let column = "\"atlas\":".len() + MAX_NESTING_DEPTH;
    assert_eq!(
        e,
        FatalError::TooDeep {
            depth: 10_001,
            limit: MAX_NESTING_DEPTH,
            line: 2,
            column
        }
    );
    assert_eq!(
        e.message(Lang::En),
        format!("lists and objects are nested 10001 levels deep from line 2, column {column}, over the limit of 64 levels")
    );
    // A top level that is not an object is read whole, with the same check.
    let list = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(
        load(&list),
        Err(FatalError::TooDeep {
            depth: 10_000,
            line: 1,
            column: 65,
            ..
        })
    ));
    // Inside a feature: that feature alone.
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}{},{}]}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000),
        site("fine", json!({}))
    );
    let loaded = load(&text).unwrap();
    assert_eq!(loaded.atlas.sites.len(), 1);
    assert!(matches!(
        loaded.errors().next().unwrap().kind,
        ProblemKind::NestedTooDeep { depth: 10_002, .. }
    ));
}

#[test]
fn a_number_beyond_a_double_is_invalid_json_with_its_place() {
    let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,0]},"properties":{}}]}"#;
    assert!(matches!(
        load(text),
        Err(FatalError::InvalidJson { line: 1, .. })
    ));
}
