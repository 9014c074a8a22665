//! The spreadsheet commands: `import` of CSV and XLSX, `export` to both, and
//! their exit statuses (0 clean, 1 warnings with --strict, 2 errors or
//! nothing read), as docs/spreadsheet.md documents them.

use std::path::{Path, PathBuf};
use std::process::Command;

use atlas_check::sheet::{read_sheet, xlsx_bytes, xlsx_table};
use atlas_core::load;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A scratch directory of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-sheets-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn atlas_check(args: &[&str]) -> (String, u8) {
    let out = Command::new(env!("CARGO_BIN_EXE_atlas-check"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("atlas-check runs");
    let code = out.status.code().expect("exited normally") as u8;
    let mut text = String::from_utf8(out.stdout).expect("UTF-8 output");
    text.push_str(&String::from_utf8(out.stderr).expect("UTF-8 errors"));
    (text, code)
}

#[test]
fn the_template_imports_clean_and_the_dataset_written_checks_clean() {
    let dir = scratch("template");
    let out = dir.join("template.geojson");
    let (text, code) = atlas_check(&[
        "import",
        "--strict",
        "docs/template.csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("docs/template.csv: 3 sites shown, 0 errors, 0 warnings"),
        "{text}"
    );
    let (text, code) = atlas_check(&["check", "--strict", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_committed_xlsx_template_holds_the_csv_templates_cells() {
    let csv = read_sheet(repo().join("docs/template.csv").to_str().unwrap(), None).unwrap();
    let xlsx = read_sheet(repo().join("docs/template.xlsx").to_str().unwrap(), None).unwrap();
    assert_eq!(
        xlsx.rows, csv.rows,
        "regenerate: atlas-check export docs/template.csv -o docs/template.xlsx"
    );
    assert_eq!(xlsx.sheet.as_deref(), Some("sites"));
}

#[test]
fn a_sheet_with_mistakes_exits_2_and_names_row_and_column() {
    let (text, code) = atlas_check(&["import", "tests/bad-sheets/mistakes.csv"]);
    assert_eq!(code, 2);
    assert!(text.lines().any(|l| l
        == "tests/bad-sheets/mistakes.csv: error: row 4, column G (date): day 31 does not exist in 1939-02; \
            correct the day, or give only YYYY-MM"), "{text}");
    let (json, code) = atlas_check(&[
        "import",
        "--format",
        "json",
        "tests/bad-sheets/mistakes.csv",
    ]);
    assert_eq!(code, 2);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let bad_date = doc["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "bad-date")
        .expect("a bad date");
    assert_eq!(bad_date["row"], 4);
    assert_eq!(bad_date["column"], "G");
    assert_eq!(bad_date["header"], "date");
    assert_eq!(bad_date["severity"], "error");
    assert_eq!(
        bad_date["message_zh"],
        "1939-02 没有第 31 日；请更正日期，或只写到月份 YYYY-MM"
    );
    assert_eq!(doc["sites"], 4);
}

#[test]
fn warnings_exit_0_unless_strict_then_1() {
    let dir = scratch("warnings");
    let sheet = dir.join("no-sources.csv");
    std::fs::write(
        &sheet,
        "id,name_zh,name_en,category,longitude,latitude,date,event_title_zh,event_title_en\n\
        a,甲,A,memorial,120.5,31.3,1939,事件,Event\n",
    )
    .unwrap();
    let path = sheet.to_str().unwrap();
    assert_eq!(atlas_check(&["import", path]).1, 0);
    assert_eq!(atlas_check(&["import", "--strict", path]).1, 1);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_bundled_dataset_goes_out_as_csv_and_xlsx_and_comes_back_the_same() {
    let bundled = repo().join("public/data/suzhou-red-heritage.geojson");
    let original = load(&std::fs::read_to_string(&bundled).unwrap()).unwrap();
    let dir = scratch("round-trip");
    for ext in ["csv", "xlsx"] {
        let sheet = dir.join(format!("suzhou.{ext}"));
        let back = dir.join(format!("suzhou-from-{ext}.geojson"));
        let (text, code) = atlas_check(&[
            "export",
            bundled.to_str().unwrap(),
            "-o",
            sheet.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{text}");
        let (text, code) = atlas_check(&[
            "import",
            "--strict",
            sheet.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{text}");
        let again = load(&std::fs::read_to_string(&back).unwrap()).unwrap();
        assert_eq!(again.atlas, original.atlas, "{ext}");
        assert_eq!(again.problems, original.problems, "{ext}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn xlsx_cells_are_read_where_the_spreadsheet_shows_them() {
    let table = atlas_core::spreadsheet::Table {
        sheet: None,
        rows: vec![
            vec![],
            vec!["".into(), "id".into(), "date".into()],
            vec!["".into(), "a".into(), "24/06/1939".into()],
        ],
    };
    let bytes = xlsx_bytes(&table, "Sites").unwrap();
    let read = xlsx_table(&bytes, Some("Sites")).unwrap();
    assert_eq!(read.sheet.as_deref(), Some("Sites"));
    // Row 2, column B stays row 2, column B: messages name the cell the curator sees.
    assert_eq!(read.rows[1][1], "id");
    assert_eq!(read.rows[2][2], "24/06/1939");
    let missing = xlsx_table(&bytes, Some("Events")).unwrap_err();
    assert_eq!(
        missing.message(atlas_core::Lang::En),
        "no sheet named \"Events\"; the sheets are: Sites"
    );
}

#[test]
fn mistakes_in_the_command_line_exit_2() {
    assert_eq!(
        atlas_check(&["export", "public/data/suzhou-red-heritage.geojson"]).1,
        2,
        "no -o"
    );
    let (text, code) = atlas_check(&[
        "export",
        "public/data/suzhou-red-heritage.geojson",
        "-o",
        "out.txt",
    ]);
    assert_eq!(code, 2);
    assert!(text.contains("\".txt\" is not a spreadsheet"), "{text}");
    assert_eq!(atlas_check(&["import", "README.md"]).1, 2);
    assert_eq!(atlas_check(&["import", "no-such.csv"]).1, 2);
    assert_eq!(
        atlas_check(&["import", "--sheet", "Nope", "docs/template.xlsx"]).1,
        2
    );
    assert_eq!(atlas_check(&["import"]).1, 2);
    assert_eq!(atlas_check(&["import", "--help"]).1, 0);
}

#[test]
fn check_as_a_subcommand_is_the_check() {
    let (text, code) = atlas_check(&[
        "check",
        "--strict",
        "public/data/suzhou-red-heritage.geojson",
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.ends_with("12 sites shown, 0 errors, 0 warnings\n"),
        "{text}"
    );
}
