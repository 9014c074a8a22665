//! Hostile datasets (issue 13): what atlas-core makes of a file written to
//! attack the viewer. Text is kept exactly as typed (the views render it as
//! text); every unsafe link is an error at its field; messages quote the
//! file's text cut and with its invisible characters written out; files that
//! would take the parser down (deep nesting, numbers JSON cannot hold) are
//! refused with their line.
//!
//! The browser side is end2end/tests/hostile-data.spec.ts; the committed
//! fixture is written by tools/hostile_datasets.py.

use atlas_core::quote::is_invisible;
use atlas_core::{load, load_bytes, FatalError, Lang, Problem, ProblemKind, Severity};

const HOSTILE: &str = include_str!("../../../end2end/fixtures/hostile-text.geojson");

fn problems_at(problems: &[Problem], feature: usize) -> Vec<&Problem> {
    problems
        .iter()
        .filter(|p| p.feature == Some(feature))
        .collect()
}

/// The problems that name a key given twice, in the order they are listed.
fn repeated_keys(problems: &[Problem]) -> Vec<&Problem> {
    problems
        .iter()
        .filter(|p| matches!(p.kind, ProblemKind::RepeatedKey { .. }))
        .collect()
}

#[test]
fn script_in_text_fields_is_kept_as_typed() {
    let loaded = load(HOSTILE).unwrap();
    let site = loaded
        .atlas
        .sites
        .iter()
        .find(|s| s.id == "script-everywhere")
        .expect("the site with script in its text is shown");
    assert!(site
        .name
        .get(Lang::En)
        .starts_with("English <img src=/pwned/name.en onerror="));
    assert!(site
        .name
        .get(Lang::Zh)
        .contains("<script>window.__pwned=\"name.zh\""));
    assert!(site.events[0]
        .title
        .get(Lang::En)
        .contains("\"><svg onload="));
    let entities = loaded
        .atlas
        .sites
        .iter()
        .find(|s| s.id == "entities")
        .unwrap();
    // Never decoded: `&lt;` stays four characters.
    assert_eq!(
        entities.name.get(Lang::En),
        "&lt;b&gt;not bold&lt;/b&gt; &#x3C;i&#x3E; &amp;amp; &quot;"
    );
    let bidi = loaded.atlas.sites.iter().find(|s| s.id == "bidi").unwrap();
    assert!(bidi.name.get(Lang::En).starts_with('\u{202E}'));
}

#[test]
fn every_unsafe_link_is_an_error_at_its_field() {
    let loaded = load(HOSTILE).unwrap();
    let first_url_feature = 7;
    let urls = 13;
    for feature in first_url_feature..first_url_feature + urls {
        let problems = problems_at(&loaded.problems, feature);
        let fields: Vec<&str> = problems
            .iter()
            .filter(|p| {
                p.severity == Severity::Error && matches!(p.kind, ProblemKind::UnsafeUrl(_))
            })
            .map(|p| p.field.as_str())
            .collect();
        assert_eq!(
            fields,
            ["properties.media[0].src", "properties.sources[0].url"],
            "feature {feature}: {problems:?}"
        );
        assert!(
            !loaded
                .atlas
                .sites
                .iter()
                .any(|s| s.feature_index == feature),
            "feature {feature} is skipped"
        );
    }
    // The settings' links: warnings, and the map stays offline.
    let settings: Vec<&str> = loaded
        .problems
        .iter()
        .filter(|p| p.feature.is_none())
        .map(|p| p.field.as_str())
        .collect();
    for field in [
        "atlas.basemap[0].url",
        "atlas.basemap[1].url",
        "atlas.basemap[2].url",
        "atlas.tiles.url",
        "atlas.kiosk.public_url",
    ] {
        assert!(settings.contains(&field), "{field} in {settings:?}");
    }
    assert!(loaded.atlas.settings.basemap.is_empty());
    assert!(loaded.atlas.settings.tiles.is_none());
}

#[test]
fn messages_hold_no_invisible_character_in_either_language() {
    let loaded = load(HOSTILE).unwrap();
    assert!(loaded.problems.len() > 20);
    for problem in &loaded.problems {
        for lang in [Lang::En, Lang::Zh] {
            let message = problem.message(lang);
            assert!(
                !message.chars().any(is_invisible),
                "{message:?} holds an invisible character"
            );
        }
    }
    // The tab in "java\tscript:" is shown the way the file writes it.
    let tab = loaded
        .problems
        .iter()
        .find(|p| p.feature == Some(9))
        .unwrap();
    assert!(
        tab.message(Lang::En).contains("java\\tscript:"),
        "{}",
        tab.message(Lang::En)
    );
    for group in atlas_core::triage(&loaded.problems) {
        for lang in [Lang::En, Lang::Zh] {
            assert!(!group.headline(lang).chars().any(is_invisible));
        }
    }
}

#[test]
fn a_megabyte_in_a_message_is_cut() {
    let url = format!("javascript:{}", "x".repeat(1 << 20));
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":null,
        "properties":{{"id":"a","name":"A","category":"{long}","sources":[{{"title":"t","url":"{url}"}}]}}}}]}}"#,
        long = "c".repeat(1 << 20)
    );
    let loaded = load(&text).unwrap();
    for problem in &loaded.problems {
        assert!(problem.message(Lang::En).len() < 1_000, "{problem:?}");
    }
    for group in atlas_core::triage(&loaded.problems) {
        assert!(group.headline(Lang::En).len() < 1_000);
    }
}

#[test]
fn ten_thousand_deep_nesting_skips_its_feature_with_its_place() {
    let depth = 10_000;
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":null,"properties":{{"id":"a","name":"A","deep":{}{}}}}}]}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    // The depth limit (limits.rs) is checked before parsing, so a stack
    // overflow or serde's bare "recursion limit" never comes into it: the
    // feature that nests too deep is skipped with an error at its place.
    let loaded = load(&text).expect("the file loads; only its deep feature is skipped");
    assert!(loaded.atlas.sites.is_empty());
    let deep: Vec<_> = problems_at(&loaded.problems, 0)
        .into_iter()
        .filter(|p| matches!(p.kind, ProblemKind::NestedTooDeep { .. }))
        .collect();
    assert_eq!(deep.len(), 1, "{:?}", loaded.problems);
    assert_eq!(deep[0].severity, Severity::Error);
}

#[test]
fn numbers_json_cannot_hold_refuse_the_file_with_their_line() {
    for token in ["NaN", "Infinity", "-Infinity", "1e400"] {
        let text = format!(
            "{{\"type\":\"FeatureCollection\",\n\"features\":[{{\"type\":\"Feature\",\n\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{token},0]}},\"properties\":{{\"id\":\"a\",\"name\":\"A\"}}}}]}}"
        );
        match load(&text) {
            Err(FatalError::InvalidJson { line, .. }) => assert_eq!(line, 3, "{token}"),
            other => panic!("{token}: {other:?}"),
        }
    }
}

#[test]
fn the_last_of_duplicate_keys_is_read_as_browsers_read_it_and_each_repeat_is_named() {
    // JSON.parse keeps the last; so does serde_json, so the viewer and any
    // JavaScript tool agree on what a file with a repeated key says. The
    // curator still hears of every key given twice, where it is.
    let text = r#"{"type":"FeatureCollection","type":"FeatureCollection",
        "atlas":{"title":{"en":"One"},"title":{"en":"Two"}},
        "features":[{"type":"Feature","geometry":null,
        "properties":{"id":"a","id":"b","name":"<script>first</script>","name":"Second",
        "events":[{"date":"1939","date":"1940","title":"t"}],"sources":[{"title":"s"}],"category":"museum"}}]}"#;
    let loaded = load(text).unwrap();
    assert_eq!(loaded.atlas.sites[0].id, "b");
    assert_eq!(loaded.atlas.sites[0].name.get(Lang::En), "Second");
    let repeats: Vec<(Option<usize>, &str, &str)> = repeated_keys(&loaded.problems)
        .into_iter()
        .map(|p| {
            assert_eq!(p.severity, Severity::Warning);
            assert_eq!(p.kind.code(), "repeated-key");
            let ProblemKind::RepeatedKey { key, .. } = &p.kind else {
                unreachable!()
            };
            (p.feature, p.field.as_str(), key.as_str())
        })
        .collect();
    assert_eq!(
        repeats,
        [
            (None, "type", "type"),
            (None, "atlas.title", "title"),
            (Some(0), "properties.id", "id"),
            (Some(0), "properties.name", "name"),
            (Some(0), "properties.events[0].date", "date"),
        ]
    );
    let named = loaded
        .problems
        .iter()
        .find(|p| p.field == "properties.name")
        .unwrap();
    assert_eq!(
        named.message(Lang::En),
        "feature 0 (id b), properties.name: \"name\" is given more than once in the same object; only the last one is read (as browsers read JSON); remove or rename the others"
    );
    assert!(named.message(Lang::Zh).contains("“name”出现了不止一次"));
}

#[test]
fn a_second_features_list_is_named_as_the_one_not_read() {
    // Sites are shown as they are read, so the first list is the one kept.
    let text = r#"{"type":"FeatureCollection",
        "features":[{"type":"Feature","geometry":null,"properties":{"id":"first","name":"First"}}],
        "features":[{"type":"Feature","geometry":null,"properties":{"id":"second","name":"Second"}}]}"#;
    let loaded = load(text).unwrap();
    let ids: Vec<&str> = loaded.atlas.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["first"]);
    let repeat = *repeated_keys(&loaded.problems)
        .first()
        .expect("the second list is named");
    assert_eq!(
        repeat.message(Lang::En),
        "dataset, features: \"features\" is given more than once in the same object; only the first list is read; merge them into one"
    );
    assert!(repeat.message(Lang::Zh).contains("只读取第一个列表"));
}

#[test]
fn a_single_feature_file_names_its_repeated_keys_too() {
    // Read by the whole-file reader, not the batched one: the same notes.
    let text = r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[120.5,31.3],"coordinates":[120.6,31.3]},
        "properties":{"id":"a","name":"A","name":"B","events":[{"date":"1939","title":"t"}],"sources":[{"title":"s"}],"category":"museum"}}"#;
    let loaded = load(text).unwrap();
    let fields: Vec<&str> = repeated_keys(&loaded.problems)
        .into_iter()
        .map(|p| p.field.as_str())
        .collect();
    assert_eq!(fields, ["geometry.coordinates", "properties.name"]);
    assert_eq!(loaded.atlas.sites[0].name.get(Lang::En), "B");
}

#[test]
fn a_byte_order_mark_and_bytes_that_are_not_utf8() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(HOSTILE.as_bytes());
    assert_eq!(load_bytes(&bytes), load(HOSTILE));
    let mut broken = HOSTILE.as_bytes().to_vec();
    broken.insert(100, 0xFF);
    assert_eq!(
        load_bytes(&broken),
        Err(FatalError::InvalidUtf8 { offset: 100 })
    );
}
