//! atlas-check on a hostile dataset (issue 13): the same file the browser test
//! loads (end2end/fixtures/hostile-text.geojson, written by
//! tools/hostile_datasets.py). Every problem is reported at its feature and
//! field, the exit status says "errors", and the file's text reaches the
//! terminal safely: a newline, an escape sequence or a bidi control in the
//! data is written out (`\n`, `\u001B`, `\u202E`), so no line can be forged,
//! recoloured or reversed.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_core::quote::is_invisible;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../end2end/fixtures")
        .join(name)
}

fn atlas_check(args: &[&str]) -> (String, u8) {
    let out = Command::new(env!("CARGO_BIN_EXE_atlas-check"))
        .args(args)
        .output()
        .expect("atlas-check runs");
    let code = out.status.code().expect("exited normally") as u8;
    (String::from_utf8(out.stdout).expect("UTF-8 output"), code)
}

/// Features 7 to 19 each hold one unsafe link, as a source and as an image.
const URL_FEATURES: std::ops::Range<usize> = 7..20;

fn assert_terminal_safe(output: &str, file: &str) {
    for line in output.lines() {
        assert!(
            line.starts_with(&format!("{file}: ")),
            "a line that does not start with the file name (forged?): {line:?}"
        );
        let raw: Vec<char> = line.chars().filter(|c| is_invisible(*c)).collect();
        assert!(raw.is_empty(), "{raw:?} printed raw in {line:?}");
    }
}

#[test]
fn every_problem_is_named_by_feature_and_field_and_the_check_fails() {
    let file = fixture("hostile-text.geojson");
    let file = file.to_str().unwrap();
    let (out, code) = atlas_check(&[file]);
    assert_eq!(code, 2, "errors exit 2\n{out}");
    assert_terminal_safe(&out, file);
    for (k, feature) in URL_FEATURES.enumerate() {
        for field in ["properties.media[0].src", "properties.sources[0].url"] {
            let place = format!("{file}: error: feature {feature} (id url-{k}), {field}: ");
            assert!(out.contains(&place), "{place} in\n{out}");
        }
    }
    for place in [
        "error: feature 4 (id numbers-as-strings), geometry",
        "warning: dataset, atlas.tiles.url",
        "warning: dataset, atlas.kiosk.public_url",
        "warning: dataset, atlas.basemap[0].url",
    ] {
        assert!(out.contains(place), "{place} in\n{out}");
    }
    // Invisible characters as the JSON file writes them: a curator can search for them.
    assert!(out.contains("java\\tscript:"), "{out}");
    assert!(out.contains("java\\nscript:"), "{out}");
    assert!(out.contains("\\u0001javascript:"), "{out}");
    assert!(out.contains("\\u202Ememorial"), "{out}");
    // Script is printed as the text it is.
    assert!(out.contains("<img src=/pwned/category onerror="), "{out}");
}

#[test]
fn chinese_output_is_as_safe() {
    let file = fixture("hostile-text.geojson");
    let file = file.to_str().unwrap();
    let (out, code) = atlas_check(&["--lang", "zh", file]);
    assert_eq!(code, 2);
    assert_terminal_safe(&out, file);
    assert!(out.contains(&format!(
        "{file}: 错误: 要素 9 (id url-2), properties.sources[0].url: "
    )));
}

#[test]
fn json_output_quotes_messages_safely_and_keeps_fields_exact() {
    let file = fixture("hostile-text.geojson");
    let (out, code) = atlas_check(&["--format", "json", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    let doc: Value = serde_json::from_str(&out).expect("one JSON document");
    let problems = doc["files"][0]["problems"].as_array().unwrap();
    assert!(problems.len() > 30);
    for p in problems {
        for key in ["message", "message_zh"] {
            let message = p[key].as_str().unwrap();
            assert!(!message.chars().any(is_invisible), "{message:?}");
        }
    }
    let features: Vec<u64> = problems
        .iter()
        .filter(|p| p["code"] == "unsafe-url")
        .filter_map(|p| p["feature"].as_u64())
        .collect();
    assert_eq!(features.len(), 2 * URL_FEATURES.len());
}

#[test]
fn a_file_name_with_escape_sequences_is_written_out() {
    let dir = std::env::temp_dir().join(format!("atlas-check-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = dir.join("red\u{1B}[31m\u{202E}.geojson");
    std::fs::copy(fixture("short-tour.geojson"), &name).unwrap();
    let (out, code) = atlas_check(&[name.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.chars().any(|c| c != '\n' && is_invisible(c)),
        "{out:?}"
    );
    assert!(out.contains("red\\u001B[31m\\u202E.geojson: "), "{out}");
}

#[test]
fn a_byte_order_mark_is_skipped_as_the_app_skips_it() {
    let dir = std::env::temp_dir().join(format!("atlas-check-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plain = fixture("short-tour.geojson");
    let with_bom = dir.join("bom.geojson");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(&plain).unwrap());
    std::fs::write(&with_bom, &bytes).unwrap();
    let (out, code) = atlas_check(&[with_bom.to_str().unwrap()]);
    let (plain_out, plain_code) = atlas_check(&[plain.to_str().unwrap()]);
    // Bytes that are not UTF-8: refused with their offset.
    bytes.insert(100, 0xFF);
    std::fs::write(&with_bom, &bytes).unwrap();
    let (broken, broken_code) = atlas_check(&[with_bom.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, plain_code, "{out}");
    assert_eq!(
        out.replace(with_bom.to_str().unwrap(), "F"),
        plain_out.replace(plain.to_str().unwrap(), "F")
    );
    assert_eq!(broken_code, 2);
    assert!(broken.contains("offset 100"), "{broken}");
}
