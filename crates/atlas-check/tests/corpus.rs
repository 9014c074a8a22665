//! The bad-dataset corpus: atlas-check must print exactly the expected lines,
//! and the binary must exit as documented (0 clean, 1 warnings with --strict,
//! 2 errors).

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_check::{check_file, Outcome};
use atlas_core::Lang;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad-datasets")
}

/// Mistakes in the `atlas` settings (tour, kiosk): checked by atlas-check
/// only, so they live beside its tests rather than in the app's corpus.
fn settings_corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/settings-datasets")
}

fn datasets_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|_| panic!("{} exists", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "geojson"))
        .collect();
    files.sort();
    files
}

fn datasets() -> Vec<PathBuf> {
    let mut files = datasets_in(&corpus_dir());
    files.extend(datasets_in(&settings_corpus_dir()));
    files
}

fn atlas_check(args: &[&str]) -> (String, u8) {
    let out = Command::new(env!("CARGO_BIN_EXE_atlas-check"))
        .args(args)
        .current_dir(corpus_dir())
        .output()
        .expect("atlas-check runs");
    let code = out.status.code().expect("exited normally") as u8;
    (String::from_utf8(out.stdout).expect("UTF-8 output"), code)
}

#[test]
fn every_bad_dataset_prints_exactly_its_expected_lines() {
    let files = datasets();
    assert!(files.len() >= 10, "the corpus is there: {files:?}");
    for file in files {
        let expected_path = file.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has an .expected file", file.display()));
        let report = check_file(file.to_str().unwrap());
        let mut actual = report.lines(Lang::En).join("\n");
        actual.push('\n');
        actual.push_str(&report.summary(Lang::En));
        actual.push('\n');
        assert_eq!(actual, expected, "{}", file.display());
    }
}

#[test]
fn every_message_also_exists_in_chinese() {
    for file in datasets() {
        let report = check_file(file.to_str().unwrap());
        let (en, zh) = (report.lines(Lang::En), report.lines(Lang::Zh));
        assert_eq!(en.len(), zh.len());
        for (en, zh) in en.iter().zip(&zh) {
            assert!(zh.starts_with("错误: ") || zh.starts_with("提醒: "), "{zh}");
            // Field names and values stay as written; the explanation is Chinese.
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert_ne!(en, zh);
        }
    }
}

#[test]
fn errors_exit_2_and_each_line_names_file_feature_id_and_field() {
    let (out, code) = atlas_check(&["names-and-events.geojson"]);
    assert_eq!(code, 2);
    assert!(out.lines().any(|l| {
        l == "names-and-events.geojson: error: feature 3 (id bad-date), properties.events[0].date: \
            month 13 is not between 01 and 12; write the month as 01 to 12"
    }));
    assert!(out
        .lines()
        .all(|l| l.starts_with("names-and-events.geojson: ")));
}

#[test]
fn warnings_exit_0_unless_strict_then_1() {
    assert_eq!(atlas_check(&["warnings.geojson"]).1, 0);
    assert_eq!(atlas_check(&["--strict", "warnings.geojson"]).1, 1);
    // Any error in any file wins over warnings.
    assert_eq!(
        atlas_check(&["--strict", "warnings.geojson", "ids.geojson"]).1,
        2
    );
}

#[test]
fn the_bundled_dataset_is_clean_even_when_strict() {
    let (out, code) = atlas_check(&["--strict", "../../public/data/suzhou-red-heritage.geojson"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with("12 sites shown, 0 errors, 0 warnings\n"),
        "{out}"
    );
}

#[test]
fn tour_mistakes_are_errors_and_kiosk_mistakes_warnings() {
    let dir = settings_corpus_dir();
    let tour = dir.join("tour.geojson");
    let kiosk = dir.join("kiosk.geojson");
    let (tour, kiosk) = (tour.to_str().unwrap(), kiosk.to_str().unwrap());
    let (out, code) = atlas_check(&[tour]);
    assert_eq!(code, 2, "{out}");
    assert!(out.lines().any(|l| l
        == format!(
            "{tour}: error: dataset, atlas.tour[1].site: no site has the id \"memorail\", \
             probably meant \"memorial\""
        )));
    assert_eq!(atlas_check(&[kiosk]).1, 0);
    assert_eq!(atlas_check(&["--strict", kiosk]).1, 1);
    let (json, _) = atlas_check(&["--format", "json", tour]);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let first = &doc["files"][0]["problems"][0];
    assert_eq!(first["code"], "unknown-site");
    assert_eq!(first["feature"], serde_json::Value::Null);
    assert_eq!(first["field"], "atlas.tour[1].site");
    assert!(first["message_zh"]
        .as_str()
        .unwrap()
        .contains("可能应为“memorial”"));
}

#[test]
fn json_output_carries_place_code_and_both_languages() {
    let (out, code) = atlas_check(&["--format", "json", "ids.geojson", "invalid-json.geojson"]);
    assert_eq!(code, 2);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(doc["errors"], 3);
    let ids = &doc["files"][0];
    assert_eq!(ids["file"], "ids.geojson");
    assert_eq!(ids["sites"], 3);
    let dup = &ids["problems"][1];
    assert_eq!(dup["severity"], "error");
    assert_eq!(dup["code"], "duplicate-id");
    assert_eq!(dup["feature"], 1);
    assert_eq!(dup["id"], "first");
    assert_eq!(dup["field"], "properties.id");
    assert!(dup["message_zh"].as_str().unwrap().contains("id 重复"));
    let fatal = &doc["files"][1]["fatal"];
    assert_eq!(fatal["code"], "invalid-json");
    assert_eq!(
        (fatal["line"].as_u64(), fatal["column"].as_u64()),
        (Some(5), Some(3))
    );
}

#[test]
fn chinese_lines_on_request() {
    let (out, _) = atlas_check(&["--lang", "zh", "ids.geojson"]);
    assert!(
        out.contains("ids.geojson: 错误: 要素 1 (id first), properties.id: id 重复"),
        "{out}"
    );
}

#[test]
fn a_missing_file_and_a_bad_option_are_errors() {
    let (out, code) = atlas_check(&["no-such-file.geojson"]);
    assert_eq!(code, 2);
    assert!(
        out.starts_with("no-such-file.geojson: error: cannot read the file"),
        "{out}"
    );
    assert_eq!(atlas_check(&["--frobnicate", "ids.geojson"]).1, 2);
    assert_eq!(atlas_check(&[]).1, 2);
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = std::env::temp_dir().join(format!("atlas-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.geojson");
    let file = std::fs::File::create(&path).unwrap();
    // A sparse file: the size counts, nothing is written or read.
    file.set_len(atlas_core::MAX_DATASET_BYTES as u64 + 1)
        .unwrap();
    let report = check_file(path.to_str().unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
    match report.outcome {
        Outcome::Fatal(f) => assert_eq!(f.code(), "too-large"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_limit_is_reported_with_its_own_code() {
    use atlas_check::check_text;
    use atlas_core::{MAX_FEATURES, MAX_TEXT_BYTES};
    let many = format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        vec!["0"; MAX_FEATURES + 1].join(",")
    );
    let deep = format!(
        r#"{{"type":"FeatureCollection","atlas":{}{},"features":[]}}"#,
        "[".repeat(100),
        "]".repeat(100)
    );
    for (text, code) in [(many, "too-many-features"), (deep, "too-deep")] {
        match check_text("limit.geojson", &text).outcome {
            Outcome::Fatal(f) => assert_eq!(f.code(), code),
            other => panic!("{other:?}"),
        }
    }
    let long = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":null,"properties":{{"id":"a","name":"{}"}}}}]}}"#,
        "x".repeat(MAX_TEXT_BYTES + 1)
    );
    let report = check_text("long.geojson", &long);
    let lines = report.lines(Lang::En);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("error: feature 0, properties.name: the text is 65537 bytes long")),
        "{lines:?}"
    );
    match report.outcome {
        Outcome::Loaded { problems, .. } => {
            assert!(problems.iter().any(|p| p.kind.code() == "text-too-long"))
        }
        other => panic!("{other:?}"),
    }
}
