//! docs/atlas.schema.json stays true: the bundled datasets and the documented
//! example validate against it, and it refuses the bad datasets exactly where
//! `load` reports errors, so the schema and the app never disagree.

use std::path::{Path, PathBuf};

use atlas_core::{load, ProblemKind};
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator() -> jsonschema::Validator {
    let schema = read_json(&repo().join("docs/atlas.schema.json"));
    jsonschema::meta::validate(&schema).expect("the schema is valid JSON Schema");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The block after the "example: complete" marker in docs/data-format.md.
fn documented_example() -> String {
    let doc = std::fs::read_to_string(repo().join("docs/data-format.md")).unwrap();
    let after = doc
        .split("<!-- example: complete")
        .nth(1)
        .expect("the doc marks its complete example");
    let start = after.find("```json\n").expect("a json block follows") + "```json\n".len();
    let end = after[start..].find("\n```").expect("the block ends") + start;
    after[start..end].to_owned()
}

#[test]
fn every_bundled_dataset_matches_the_schema() {
    let validator = validator();
    let mut checked = 0;
    // Datasets sit directly in public/data; basemap layers (public/data/basemap) are not datasets.
    for entry in std::fs::read_dir(repo().join("public/data")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "geojson") {
            let errors = schema_errors(&validator, &read_json(&path));
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 1, "found the bundled dataset");
}

#[test]
fn the_documented_example_matches_the_schema_and_loads_cleanly() {
    let text = documented_example();
    let errors = schema_errors(&validator(), &serde_json::from_str(&text).unwrap());
    assert!(errors.is_empty(), "{errors:#?}");
    let loaded = load(&text).expect("the example loads");
    assert_eq!(loaded.problems, vec![], "{:#?}", loaded.problems);
    assert_eq!(loaded.atlas.sites.len(), 3);
    let route = &loaded.atlas.sites[1];
    assert!(
        route.shape.is_some() && route.position.is_some(),
        "the route draws and has a marker"
    );
}

/// Each feature of each bad dataset, alone: the schema refuses it exactly when
/// `load` skips it (or forgives it with a warning).
#[test]
fn the_schema_refuses_exactly_the_features_the_app_skips() {
    let validator = validator();
    let corpus = repo().join("tests/bad-datasets");
    let mut compared = 0;
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Interop files are meant to fail the schema (they are other tools' format) yet load.
        if path.extension().is_none_or(|e| e != "geojson") || name == "foreign-tools.geojson" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(Value::Object(root)) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let Some(Value::Array(features)) = root.get("features") else {
            assert!(!validator.is_valid(&Value::Object(root.clone())), "{name}");
            continue;
        };
        for (i, feature) in features.iter().enumerate() {
            // Duplicate ids need the whole file; the schema cannot see them.
            let alone = serde_json::json!({ "type": "FeatureCollection", "features": [feature] });
            let loaded = load(&alone.to_string()).unwrap();
            let skipped = loaded.atlas.sites.is_empty();
            let refused = !validator.is_valid(&alone);
            // The app forgives a few mistakes the format forbids, and says so in a warning.
            let forgiven = loaded.problems.iter().any(|p| {
                matches!(
                    p.kind,
                    ProblemKind::ProbablySwapped {
                        shown_swapped: true
                    } | ProblemKind::UnclosedRing
                )
            });
            // A schema cannot compare two values (end_date before date).
            let only_beyond_schema = loaded
                .errors()
                .all(|p| matches!(p.kind, ProblemKind::EndBeforeStart | ProblemKind::NoSites));
            assert_eq!(
                refused,
                (skipped && !only_beyond_schema) || forgiven,
                "{name} feature {i}: {:#?}",
                schema_errors(&validator, &alone)
            );
            compared += 1;
        }
    }
    assert!(compared >= 20, "compared {compared} features");
}

#[test]
fn the_schema_refuses_unsafe_links_and_accepts_safe_ones() {
    let validator = validator();
    let with_url = |url: &str| {
        let mut example: Value = serde_json::from_str(&documented_example()).unwrap();
        example["features"][0]["properties"]["sources"][0]["url"] = url.into();
        example
    };
    for url in [
        "https://example.org/a",
        "http://example.org",
        "notes/source.html",
        "#top",
        "?q=1",
    ] {
        assert!(validator.is_valid(&with_url(url)), "{url} is allowed");
        assert!(atlas_core::parse::is_safe_url(url), "{url}");
    }
    for url in [
        "javascript:alert(1)",
        "data:text/html,x",
        "//evil.example/a",
        "file:///etc/passwd",
        "JAVASCRIPT:x",
    ] {
        assert!(!validator.is_valid(&with_url(url)), "{url} is refused");
        assert!(!atlas_core::parse::is_safe_url(url), "{url}");
    }
}

#[test]
fn the_schema_accepts_exactly_the_dates_the_parser_accepts() {
    let validator = validator();
    for (date, ok) in [
        ("1939", true),
        ("1939-06", true),
        ("1939-06-24", true),
        ("-221", true),
        ("0502", true),
        ("0", false),
        ("0000", false),
        ("-0", false),
        ("1939-13", false),
        ("1939-6", false),
        ("19390", false),
        ("someday", false),
        ("1939-06-24T00:00", false),
    ] {
        let mut example: Value = serde_json::from_str(&documented_example()).unwrap();
        example["features"][0]["properties"]["events"][0]["date"] = date.into();
        assert_eq!(validator.is_valid(&example), ok, "schema on {date}");
        assert_eq!(
            date.parse::<atlas_core::HistDate>().is_ok(),
            ok,
            "parser on {date}"
        );
    }
}

#[test]
fn the_schema_agrees_with_the_app_on_tile_templates() {
    let validator = validator();
    for (url, ok) in [
        ("https://tiles.example/{z}/{x}/{y}.png", true),
        ("tiles/{z}/{x}/{y}.png", true),
        ("javascript:alert('{z}{x}{y}')", false),
        ("https://tiles.example/{z}/{x}.png", false),
        ("https://{s}.tiles.example/{z}/{x}/{y}.png", false),
        ("https://tiles.example/{z}/{x}/{y}.png?k= 1", false),
    ] {
        let mut example: Value = serde_json::from_str(&documented_example()).unwrap();
        example["atlas"]["tiles"] =
            serde_json::json!({ "url": url, "datum": "gcj02", "max_zoom": 18 });
        assert_eq!(validator.is_valid(&example), ok, "schema on {url}");
        assert_eq!(
            atlas_core::tiles::validate_template(url).is_ok(),
            ok,
            "app on {url}"
        );
    }
}
