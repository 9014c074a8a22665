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
        // Browsers drop tabs and newlines and read `\` as `/`: these are all //evil.example.
        "java\tscript:alert(1)",
        " \u{1}javascript:alert(1)",
        "/\\evil.example/a",
        "\\\\evil.example/a",
        "/\t/evil.example/a",
        "\n//evil.example/a",
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

/// The documented example with its tour replaced by one chapter.
fn example_with_chapter(chapter: Value) -> Value {
    let mut example: Value = serde_json::from_str(&documented_example()).unwrap();
    example["atlas"]["tour"] = serde_json::json!([chapter]);
    example
}

#[test]
fn the_schema_refuses_exactly_the_chapters_the_app_skips() {
    let validator = validator();
    let good = serde_json::json!({
        "site": "xushuguan-raid-memorial", "t": "1939-06-24",
        "title": { "zh": "夜袭", "en": "Night raid" }, "text": { "zh": "正文", "en": "Text" }
    });
    let with = |changes: Value| {
        let mut chapter = good.clone();
        for (k, v) in changes.as_object().unwrap() {
            chapter[k] = v.clone();
        }
        chapter
    };
    let without = |keys: &[&str]| {
        let mut chapter = good.clone();
        for k in keys {
            chapter.as_object_mut().unwrap().remove(*k);
        }
        chapter
    };
    // (chapter, does the app skip it, can a schema see why)
    let cases = [
        (good.clone(), false, true),
        (with(serde_json::json!({ "seconds": 20 })), false, true),
        (
            with(serde_json::json!({ "seconds": null, "bbox": null })),
            false,
            true,
        ),
        (
            with(serde_json::json!({ "site": null, "bbox": [120.4, 31.3, 120.6, 31.5] })),
            false,
            true,
        ),
        (
            with(serde_json::json!({ "t": null, "from": "1939", "to": 1945 })),
            false,
            true,
        ),
        (
            with(serde_json::json!({ "title": "Plain text serves both languages" })),
            false,
            true,
        ),
        (
            with(serde_json::json!({ "title": { "zh": "只有中文" } })),
            false,
            true,
        ),
        (without(&["site"]), true, true),
        (with(serde_json::json!({ "site": null })), true, true),
        (without(&["t"]), true, true),
        (
            with(serde_json::json!({ "t": null, "from": "1939" })),
            true,
            true,
        ),
        (
            with(serde_json::json!({ "t": null, "to": "1939" })),
            true,
            true,
        ),
        (with(serde_json::json!({ "t": "1939-13" })), true, true),
        (with(serde_json::json!({ "t": "June 1939" })), true, true),
        (without(&["title"]), true, true),
        (with(serde_json::json!({ "text": " " })), true, true),
        (
            with(serde_json::json!({ "text": { "zh": "", "en": "" } })),
            true,
            true,
        ),
        (with(serde_json::json!({ "seconds": 0 })), true, true),
        (with(serde_json::json!({ "seconds": 601 })), true, true),
        (with(serde_json::json!({ "seconds": "12" })), true, true),
        (
            with(serde_json::json!({ "bbox": [120.4, 31.3, 120.6] })),
            true,
            true,
        ),
        (
            with(serde_json::json!({ "bbox": [120.4, 31.3, 190, 31.5] })),
            true,
            true,
        ),
        (
            with(serde_json::json!({ "site": "has spaces" })),
            true,
            true,
        ),
        (serde_json::json!("xushuguan-raid-memorial"), true, true),
        // Only the whole file, or comparing two values, can tell these.
        (
            with(serde_json::json!({ "site": "no-such-site" })),
            true,
            false,
        ),
        (
            with(serde_json::json!({ "bbox": [120.6, 31.3, 120.4, 31.5] })),
            true,
            false,
        ),
        (
            with(serde_json::json!({ "t": null, "from": "1945", "to": "1937" })),
            true,
            false,
        ),
    ];
    for (chapter, skipped, visible) in cases {
        let example = example_with_chapter(chapter.clone());
        let loaded = load(&example.to_string()).unwrap();
        assert_eq!(
            loaded.atlas.settings.tour.is_empty(),
            skipped,
            "app on {chapter}: {:#?}",
            loaded.problems
        );
        assert_eq!(
            !validator.is_valid(&example),
            skipped && visible,
            "schema on {chapter}: {:#?}",
            schema_errors(&validator, &example)
        );
    }
    let not_a_list = {
        let mut example: Value = serde_json::from_str(&documented_example()).unwrap();
        example["atlas"]["tour"] = serde_json::json!({ "chapters": [] });
        example
    };
    assert!(!validator.is_valid(&not_a_list));
}

#[test]
fn the_schema_agrees_with_the_app_on_kiosk_settings() {
    let validator = validator();
    for (kiosk, ok) in [
        (serde_json::json!({}), true),
        (serde_json::json!(null), true),
        (serde_json::json!({ "enabled": true, "idle_s": 10 }), true),
        (serde_json::json!({ "enabled": "yes" }), false),
        (serde_json::json!({ "idle_s": 9 }), false),
        (serde_json::json!({ "idle_s": 90000 }), false),
        (serde_json::json!({ "idle_s": "90" }), false),
        (serde_json::json!("on"), false),
    ] {
        let mut example: Value = serde_json::from_str(&documented_example()).unwrap();
        example["atlas"]["kiosk"] = kiosk.clone();
        let loaded = load(&example.to_string()).unwrap();
        assert_eq!(loaded.problems.is_empty(), ok, "app on {kiosk}");
        assert_eq!(validator.is_valid(&example), ok, "schema on {kiosk}");
    }
    for (url, ok) in [
        ("https://example.org/atlas/", true),
        (" https://example.org/atlas/?data=data/x.geojson#map ", true),
        ("HTTP://Museum.example:8080", true),
        ("http://192.168.1.20/", true),
        ("https://user@atlas.example/", true),
        ("https://[2001:db8::1]/atlas/", true),
        ("http://localhost.example.org/", true),
        ("/atlas/", false),
        ("example.org/atlas", false),
        ("ftp://example.org/", false),
        ("javascript:alert(1)", false),
        ("https://", false),
        ("https:///path", false),
        ("https://:8080/", false),
        ("https://exa mple.org/", false),
        ("http://localhost:8080/", false),
        ("http://LOCALHOST/", false),
        ("http://localhost./", false),
        ("http://127.0.0.1/", false),
        ("http://127.1.2.3:9000/a", false),
        ("http://[::1]:8080/", false),
        ("http://kiosk.localhost/", false),
        ("http://0.0.0.0", false),
        ("http://a@b@localhost/", false),
    ] {
        let mut example: Value = serde_json::from_str(&documented_example()).unwrap();
        example["atlas"]["kiosk"] = serde_json::json!({ "public_url": url });
        assert_eq!(
            atlas_core::kiosk::check_public_url(url.trim()).is_ok(),
            ok,
            "app on {url}"
        );
        assert_eq!(validator.is_valid(&example), ok, "schema on {url}");
    }
}
