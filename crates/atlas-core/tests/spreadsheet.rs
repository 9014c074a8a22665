//! Spreadsheets in and out: the template imports clean, each kind of mistake
//! is named by row and column in both languages, and a dataset exported to
//! a sheet and imported again is the same dataset.

use std::path::{Path, PathBuf};

use atlas_core::spreadsheet::{
    export_dataset, import_csv, read_csv, write_csv, SheetCheck, SheetProblem,
};
use atlas_core::{load, HistDate, Lang, Severity};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn check(bytes: &[u8]) -> SheetCheck {
    import_csv(bytes)
        .expect("a sheet")
        .check()
        .expect("a dataset")
}

/// The lines `atlas-check import` prints for a sheet, without the file name.
fn lines(problems: &[SheetProblem], sites: usize, lang: Lang) -> String {
    let mut out = String::new();
    for p in problems {
        let severity = match (p.severity, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "提醒",
        };
        out.push_str(&format!("{severity}: {}\n", p.message(lang)));
    }
    out.push_str(&format!("{sites} sites shown\n"));
    out
}

#[test]
fn the_template_imports_clean() {
    let bytes = std::fs::read(repo().join("docs/template.csv")).unwrap();
    let checked = check(&bytes);
    assert_eq!(checked.problems, [], "{:#?}", checked.problems);
    let atlas = &checked.loaded.atlas;
    let ids: Vec<&str> = atlas.sites.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "xushuguan-raid-memorial",
            "embroidery-museum",
            "hengshan-martyrs-cemetery"
        ]
    );
    let memorial = &atlas.sites[0];
    // 120°30′20″E, 31°23′15″N; the second row carried down to the same site.
    let at = memorial.position.unwrap();
    assert!((at.lon - (120.0 + 30.0 / 60.0 + 20.0 / 3600.0)).abs() < 1e-9);
    assert!((at.lat - (31.0 + 23.0 / 60.0 + 15.0 / 3600.0)).abs() < 1e-9);
    let dates: Vec<HistDate> = memorial.events.iter().map(|e| e.date.start).collect();
    assert_eq!(
        dates,
        ["1939-06-24".parse().unwrap(), "1995-09".parse().unwrap()]
    );
    assert!(memorial.location.approximate);
    assert_eq!(memorial.location.precision_m, Some(300.0));
    let cemetery = &atlas.sites[2];
    assert!(cemetery.events[0].date.circa, "约1954年 is approximate");
    assert_eq!(cemetery.position, None);
    assert_eq!(
        atlas.settings.title.get(Lang::En),
        "Red footprints of Xushuguan"
    );
}

#[test]
fn every_bad_sheet_prints_exactly_its_expected_lines_in_both_languages() {
    let dir = repo().join("tests/bad-sheets");
    let mut sheets: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    sheets.sort();
    assert!(!sheets.is_empty());
    for sheet in sheets {
        let checked = check(&std::fs::read(&sheet).unwrap());
        let sites = checked.loaded.atlas.sites.len();
        for (lang, suffix) in [(Lang::En, "expected"), (Lang::Zh, "zh.expected")] {
            let expected_path = sheet.with_extension(suffix);
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|_| panic!("{} exists", expected_path.display()));
            assert_eq!(
                lines(&checked.problems, sites, lang),
                expected,
                "{}",
                expected_path.display()
            );
        }
    }
}

#[test]
fn mistakes_carry_the_same_codes_as_check() {
    let checked = check(&std::fs::read(repo().join("tests/bad-sheets/mistakes.csv")).unwrap());
    let codes: Vec<&str> = checked.problems.iter().map(|p| p.kind.code()).collect();
    for code in [
        "unknown-column",
        "likely-typo",
        "carry-down-from-nothing",
        "bad-coordinate",
        "bad-date",
        "unnamed",
        "wrong-language",
        "conflicting-value",
        "probably-swapped",
        "missing",
        "unknown-category",
        "no-sources",
        "invalid-id",
    ] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
}

/// Export, write as CSV, read back, import: the loaded model is the same.
fn round_trip(text: &str) {
    let original = load(text).unwrap();
    let (table, _) = export_dataset(text).unwrap();
    let csv = write_csv(&table);
    assert_eq!(
        read_csv(&csv).unwrap().rows,
        table.rows,
        "CSV keeps every cell"
    );
    let imported = import_csv(&csv).unwrap();
    let again = imported.check().unwrap();
    assert_eq!(again.loaded.atlas, original.atlas);
    assert_eq!(
        again.loaded.problems, original.problems,
        "the same problems, at the same features"
    );
}

#[test]
fn the_bundled_dataset_survives_export_and_import() {
    let text =
        std::fs::read_to_string(repo().join("public/data/suzhou-red-heritage.geojson")).unwrap();
    round_trip(&text);
}

#[test]
fn the_documented_example_survives_export_and_import_routes_and_images_included() {
    let doc = std::fs::read_to_string(repo().join("docs/data-format.md")).unwrap();
    let marker = "<!-- example: complete";
    let after = &doc[doc.find(marker).unwrap()..];
    let start = after.find("```json\n").unwrap() + "```json\n".len();
    let end = after[start..].find("```").unwrap();
    let example = &after[start..start + end];
    let loaded = load(example).unwrap();
    assert!(
        loaded.atlas.sites.iter().any(|s| s.shape.is_some()),
        "a route"
    );
    assert!(
        loaded.atlas.sites.iter().any(|s| !s.media.is_empty()),
        "an image"
    );
    round_trip(example);
}

/// What a sheet carries of a site: everything but what the viewer keeps
/// only for the panel of a foreign file's undated places (its other
/// properties and its time text as written), which the sheet does not hold.
fn carried(site: &atlas_core::Site) -> atlas_core::Site {
    atlas_core::Site {
        other_fields: Vec::new(),
        date_as_written: None,
        ..site.clone()
    }
}

#[test]
fn foreign_geojson_goes_out_as_the_viewer_reads_it_and_comes_back() {
    let dir = repo().join("tests/foreign-datasets");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "geojson"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let original = load(&text).unwrap();
        let (table, _) = export_dataset(&text).unwrap();
        let again = import_csv(&write_csv(&table)).unwrap().check().unwrap();
        let errors: Vec<_> = again
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        let (before, after) = (&original.atlas.sites, &again.loaded.atlas.sites);
        assert_eq!(after.len(), before.len(), "{}", file.display());
        for (b, a) in before.iter().zip(after) {
            assert_eq!(carried(a), carried(b), "{}", file.display());
        }
    }
}

#[test]
fn the_column_table_of_the_docs_lists_every_column_with_its_chinese_name() {
    use atlas_core::spreadsheet::Column;
    let doc = std::fs::read_to_string(repo().join("docs/spreadsheet.md")).unwrap();
    let listed: Vec<(String, String)> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| {
            let (header, rest) = l.split_once("` | ")?;
            let chinese = rest.split(" | ").next()?;
            Some((header.to_owned(), chinese.to_owned()))
        })
        .filter(|(h, _)| Column::from_header(h).is_some())
        .collect();
    let expected: Vec<(String, String)> = Column::ALL
        .iter()
        .map(|c| (c.header().to_owned(), c.chinese().to_owned()))
        .collect();
    assert_eq!(listed, expected);
}
