//! The spreadsheet commands: `import` turns a curator's CSV or XLSX sheet
//! into a dataset (and checks it on the way), `export` lays a dataset out as
//! a sheet. The conversion itself is atlas-core's (`atlas_core::spreadsheet`),
//! shared with the app; this module only reads and writes the files. XLSX
//! stays here, out of the app: calamine and rust_xlsxwriter are for the
//! curator's machine.

use std::fmt::Write as _;
use std::path::Path;

use atlas_core::spreadsheet::{
    export_dataset, import_table, read_csv, write_csv, ImportError, SheetProblem, Table,
};
use atlas_core::{FatalError, Lang, Severity, MAX_DATASET_BYTES};
use serde_json::{json, Value};

use crate::cli_args::{is_option, ArgReader, CommonFlags};
use crate::severity_word;

/// How to call `import`.
pub const IMPORT_USAGE: &str = "\
usage: atlas-check import [--sheet NAME] [--lang en|zh] [--strict] [--format text|json] SHEET [-o OUT.geojson]

Reads a spreadsheet (.csv or .xlsx) laid out as docs/spreadsheet.md says, one
row per event, checks it exactly as the app would read it, and writes the
dataset to OUT.geojson. Every problem names its row and column. Without -o
the sheet is only checked. Sites with errors are left out of OUT; fix the
sheet and import again.

  -o FILE          where to write the dataset (GeoJSON)
  --sheet NAME     the XLSX sheet to read (default: the first)
  --strict         exit 1 when there are warnings (and no errors)
  --format json    one JSON document for machines instead of lines
  --lang zh        messages in Chinese (default: English)

exit status: 0 clean, 1 warnings with --strict, 2 errors";

/// How to call `export`.
pub const EXPORT_USAGE: &str = "\
usage: atlas-check export [--lang en|zh] DATASET -o OUT.csv|OUT.xlsx

Writes a dataset (ours, or GeoJSON from another tool, read as the app reads
it) as a spreadsheet in the layout of docs/spreadsheet.md: CSV (UTF-8 with a
byte order mark, so Excel shows the Chinese) or XLSX, by OUT's extension.
Prints the dataset's problems first; sites with errors cannot be written.
A .csv or .xlsx DATASET is copied cell for cell into the other format (this
is how docs/template.xlsx is made from docs/template.csv).

exit status: 0 written, 2 errors (sites left out) or nothing written";

/// The command line of `import` and `export`, read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetArgs {
    /// The file to read.
    pub input: Option<String>,
    /// `-o`: the file to write.
    pub output: Option<String>,
    /// `--sheet`: the XLSX sheet.
    pub sheet: Option<String>,
    /// `--strict`, `--format`, `--lang`, `--help`.
    pub flags: CommonFlags,
}

/// Reads the arguments after `import` or `export`.
pub fn parse_sheet_args(args: impl IntoIterator<Item = String>) -> Result<SheetArgs, String> {
    let (mut input, mut output, mut sheet) = (None, None, None);
    let mut flags = CommonFlags::default();
    let mut words = ArgReader::new(args);
    while let Some(word) = words.next_word() {
        if words.common(&word, &mut flags)? {
            continue;
        }
        match word.as_str() {
            "-o" | "--output" => output = Some(words.value("-o")?),
            "--sheet" => sheet = Some(words.value("--sheet")?),
            f if is_option(f) => return Err(format!("unknown option {f}")),
            _ if input.is_some() => {
                return Err(format!("one file at a time: \"{word}\" is a second one"))
            }
            _ => input = Some(word),
        }
    }
    if input.is_none() && !flags.help {
        return Err("no file given".into());
    }
    Ok(SheetArgs {
        input,
        output,
        sheet,
        flags,
    })
}

/// Why a sheet could not be read at all.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetFatal {
    /// The file could not be read.
    Unreadable(String),
    /// Not .csv or .xlsx.
    UnknownFormat(String),
    /// The XLSX file is damaged or not XLSX.
    Xlsx(String),
    /// `--sheet` names a sheet the workbook does not have.
    NoSuchSheet {
        /// The name asked for.
        name: String,
        /// The sheets there are.
        sheets: Vec<String>,
    },
    /// The rows are not in the layout.
    Import(ImportError),
    /// The dataset made from the rows was refused (a size limit).
    Dataset(FatalError),
}

impl SheetFatal {
    /// A stable name for machines.
    pub fn code(&self) -> &'static str {
        match self {
            SheetFatal::Unreadable(_) => "unreadable",
            SheetFatal::UnknownFormat(_) => "unknown-format",
            SheetFatal::Xlsx(_) => "invalid-xlsx",
            SheetFatal::NoSuchSheet { .. } => "no-such-sheet",
            SheetFatal::Import(e) => e.code(),
            SheetFatal::Dataset(_) => "too-large",
        }
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SheetFatal::Unreadable(e), Lang::En) => format!("cannot read the file: {e}"),
            (SheetFatal::Unreadable(e), Lang::Zh) => format!("无法读取文件：{e}"),
            (SheetFatal::UnknownFormat(ext), Lang::En) => {
                format!("\"{ext}\" is not a spreadsheet this tool reads; save it as .csv (UTF-8) or .xlsx")
            }
            (SheetFatal::UnknownFormat(ext), Lang::Zh) => {
                format!("“{ext}”不是本工具能读取的表格；请另存为 .csv（UTF-8）或 .xlsx")
            }
            (SheetFatal::Xlsx(e), Lang::En) => format!("not a readable XLSX file: {e}"),
            (SheetFatal::Xlsx(e), Lang::Zh) => format!("不是可读取的 XLSX 文件：{e}"),
            (SheetFatal::NoSuchSheet { name, sheets }, Lang::En) => {
                format!(
                    "no sheet named \"{name}\"; the sheets are: {}",
                    sheets.join(", ")
                )
            }
            (SheetFatal::NoSuchSheet { name, sheets }, Lang::Zh) => {
                format!(
                    "没有名为“{name}”的工作表；现有工作表：{}",
                    sheets.join("、")
                )
            }
            (SheetFatal::Import(e), lang) => e.message(lang),
            (SheetFatal::Dataset(e), lang) => e.message(lang),
        }
    }
}

/// The extension of `path`, lower case ("" when there is none).
fn extension(path: &str) -> String {
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Reads a .csv or .xlsx file into rows.
pub fn read_sheet(path: &str, sheet: Option<&str>) -> Result<Table, SheetFatal> {
    let ext = extension(path);
    if ext != "csv" && ext != "xlsx" {
        return Err(SheetFatal::UnknownFormat(format!(".{ext}")));
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_DATASET_BYTES as u64 => {
            return Err(SheetFatal::Import(ImportError::TooLarge {
                bytes: meta.len() as usize,
                limit: MAX_DATASET_BYTES,
            }))
        }
        Ok(_) => {}
        Err(e) => return Err(SheetFatal::Unreadable(e.to_string())),
    }
    let bytes = std::fs::read(path).map_err(|e| SheetFatal::Unreadable(e.to_string()))?;
    if ext == "csv" {
        read_csv(&bytes).map_err(SheetFatal::Import)
    } else {
        xlsx_table(&bytes, sheet)
    }
}

/// Reads one sheet of an XLSX workbook (the first unless `sheet` names one).
/// Rows and columns keep the places the spreadsheet shows, so messages
/// name the row and column letter the curator sees.
pub fn xlsx_table(bytes: &[u8], sheet: Option<&str>) -> Result<Table, SheetFatal> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| SheetFatal::Xlsx(e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(name) if names.iter().any(|n| n == name) => name.to_owned(),
        Some(name) => {
            return Err(SheetFatal::NoSuchSheet {
                name: name.to_owned(),
                sheets: names,
            })
        }
        None => names
            .first()
            .cloned()
            .ok_or(SheetFatal::Import(ImportError::Empty))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| SheetFatal::Xlsx(e.to_string()))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); top as usize];
    for cells in range.rows() {
        let mut row = vec![String::new(); left as usize];
        row.extend(cells.iter().map(cell_text));
        rows.push(row);
    }
    Ok(Table {
        sheet: Some(name),
        rows,
    })
}

/// A cell as the text a curator typed: whole numbers without ".0", dates
/// Excel converted back to `YYYY-MM-DD`.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (*f as i64).to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => excel_date(d.as_f64()),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => e.to_string(),
    }
}

/// An Excel day number (1900 date system: day 1 is 1900-01-01, counted as
/// if 1900 were a leap year) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    // Day 0 falls on 1899-12-30 for every serial after Excel's phantom 29 Feb 1900.
    let days = serial.floor() as i64 - 25569; // days from 1970-01-01
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's algorithm: days since 1970-01-01 → (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// An XLSX workbook of one sheet: the header bold and frozen, every column
/// formatted as text so Excel keeps `1939-06` and `24/06/1939` as written.
pub fn xlsx_bytes(table: &Table, sheet_name: &str) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    for col in 0..width {
        let col = u16::try_from(col).map_err(|e| e.to_string())?;
        sheet
            .set_column_format(col, &text)
            .map_err(|e| e.to_string())?;
        sheet.set_column_width(col, 16).map_err(|e| e.to_string())?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r).map_err(|e| e.to_string())?;
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let c = u16::try_from(c).map_err(|e| e.to_string())?;
            let written = if r == 0 {
                sheet.write_string_with_format(r, c, cell, &bold)
            } else {
                sheet.write_string_with_format(r, c, cell, &text)
            };
            written.map_err(|e| e.to_string())?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    book.save_to_buffer().map_err(|e| e.to_string())
}

/// What `import` found in one sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportOutcome {
    /// The sheet was read; the dataset (GeoJSON) and every problem on its cell.
    Read {
        /// The dataset's text.
        geojson: String,
        /// Sites the app would show.
        sites: usize,
        /// Every problem, by row.
        problems: Vec<SheetProblem>,
    },
    /// Nothing could be read.
    Fatal(SheetFatal),
}

/// Reads and checks one sheet.
pub fn import_file(path: &str, sheet: Option<&str>) -> ImportOutcome {
    let table = match read_sheet(path, sheet) {
        Ok(t) => t,
        Err(e) => return ImportOutcome::Fatal(e),
    };
    let imported = match import_table(&table) {
        Ok(i) => i,
        Err(e) => return ImportOutcome::Fatal(SheetFatal::Import(e)),
    };
    match imported.check() {
        Ok(check) => ImportOutcome::Read {
            sites: check.loaded.atlas.sites.len(),
            problems: check.problems,
            geojson: imported.geojson,
        },
        // The importer writes valid GeoJSON, so only the size limit is left.
        Err(e) => ImportOutcome::Fatal(SheetFatal::Dataset(e)),
    }
}

fn count(problems: &[SheetProblem], severity: Severity) -> usize {
    problems.iter().filter(|p| p.severity == severity).count()
}

/// Runs `import`: returns what to print and the exit status.
pub fn run_import(args: &SheetArgs) -> (String, u8) {
    let input = args.input.clone().unwrap_or_default();
    let outcome = import_file(&input, args.sheet.as_deref());
    let mut out = String::new();
    let lang = args.flags.lang;
    let (errors, warnings) = match &outcome {
        ImportOutcome::Read { problems, .. } => (
            count(problems, Severity::Error),
            count(problems, Severity::Warning),
        ),
        ImportOutcome::Fatal(_) => (1, 0),
    };
    let mut written = None;
    if let (ImportOutcome::Read { geojson, .. }, Some(output)) = (&outcome, &args.output) {
        written = Some(std::fs::write(output, format!("{geojson}\n")).map_err(|e| e.to_string()));
    }
    if args.flags.json {
        out = import_json(&input, &outcome, errors, warnings);
    } else {
        match &outcome {
            ImportOutcome::Read {
                problems, sites, ..
            } => {
                for p in problems {
                    let _ = writeln!(
                        out,
                        "{input}: {}: {}",
                        severity_word(p.severity, lang),
                        p.message(lang)
                    );
                }
                let _ = writeln!(
                    out,
                    "{input}: {}",
                    match lang {
                        Lang::En => format!(
                            "{sites} {} shown, {errors} {}, {warnings} {}",
                            if *sites == 1 { "site" } else { "sites" },
                            if errors == 1 { "error" } else { "errors" },
                            if warnings == 1 { "warning" } else { "warnings" }
                        ),
                        Lang::Zh =>
                            format!("显示 {sites} 处地点，{errors} 个错误，{warnings} 条提醒"),
                    }
                );
            }
            ImportOutcome::Fatal(f) => {
                let _ = writeln!(
                    out,
                    "{input}: {}: {}",
                    severity_word(Severity::Error, lang),
                    f.message(lang)
                );
            }
        }
    }
    match (&written, &args.output) {
        (Some(Ok(())), Some(output)) if !args.flags.json => {
            let _ = match lang {
                Lang::En => writeln!(out, "{input}: wrote {output}"),
                Lang::Zh => writeln!(out, "{input}：已写入 {output}"),
            };
        }
        (Some(Err(e)), Some(output)) => {
            let _ = writeln!(out, "{output}: error: {e}");
            return (out, 2);
        }
        _ => {}
    }
    let code = if errors > 0 {
        2
    } else if args.flags.strict && warnings > 0 {
        1
    } else {
        0
    };
    (out, code)
}

/// `export SHEET -o OTHER`: the same cells in the other format.
fn copy_sheet(input: &str, output: &str, ext: &str, args: &SheetArgs) -> (String, u8) {
    let lang = args.flags.lang;
    let table = match read_sheet(input, args.sheet.as_deref()) {
        Ok(t) => t,
        Err(f) => {
            return (
                format!(
                    "{input}: {}: {}\n",
                    severity_word(Severity::Error, lang),
                    f.message(lang)
                ),
                2,
            )
        }
    };
    let bytes = if ext == "csv" {
        Ok(write_csv(&table))
    } else {
        xlsx_bytes(&table, table.sheet.as_deref().unwrap_or("sites"))
    };
    match bytes.and_then(|b| std::fs::write(output, b).map_err(|e| e.to_string())) {
        Ok(()) => {
            let rows = table.rows.len().saturating_sub(1);
            let line = match lang {
                Lang::En => format!("{input}: wrote {output} ({rows} rows, copied as written)\n"),
                Lang::Zh => format!("{input}：已写入 {output}（{rows} 行，按原样复制）\n"),
            };
            (line, 0)
        }
        Err(e) => (
            format!("{output}: {}: {e}\n", severity_word(Severity::Error, lang)),
            2,
        ),
    }
}

fn import_json(file: &str, outcome: &ImportOutcome, errors: usize, warnings: usize) -> String {
    let doc = match outcome {
        ImportOutcome::Read {
            sites, problems, ..
        } => json!({
            "file": file,
            "sites": sites,
            "fatal": null,
            "problems": problems.iter().map(problem_json).collect::<Vec<_>>(),
            "errors": errors,
            "warnings": warnings,
        }),
        ImportOutcome::Fatal(f) => json!({
            "file": file,
            "sites": 0,
            "fatal": { "code": f.code(), "message": f.message(Lang::En), "message_zh": f.message(Lang::Zh) },
            "problems": [],
            "errors": errors,
            "warnings": warnings,
        }),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn problem_json(p: &SheetProblem) -> Value {
    let column = p.place.column.as_ref();
    json!({
        "severity": match p.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "code": p.kind.code(),
        "sheet": p.place.sheet,
        "row": p.place.row,
        "column": column.and_then(|c| c.letter.clone()),
        "header": column.map(|c| c.header.clone()),
        "message": p.kind.message(Lang::En),
        "message_zh": p.kind.message(Lang::Zh),
    })
}

/// Runs `export`: returns what to print and the exit status.
pub fn run_export(args: &SheetArgs) -> (String, u8) {
    let input = args.input.clone().unwrap_or_default();
    let lang = args.flags.lang;
    let mut out = String::new();
    let Some(output) = args.output.clone() else {
        return (
            format!("atlas-check export: -o OUT.csv or -o OUT.xlsx is needed\n\n{EXPORT_USAGE}\n"),
            2,
        );
    };
    let ext = extension(&output);
    if ext != "csv" && ext != "xlsx" {
        let f = SheetFatal::UnknownFormat(format!(".{ext}"));
        return (
            format!(
                "{output}: {}: {}\n",
                severity_word(Severity::Error, lang),
                f.message(lang)
            ),
            2,
        );
    }
    // A sheet in, a sheet out: copied cell for cell, so the CSV template
    // becomes the XLSX one with its examples exactly as typed.
    if matches!(extension(&input).as_str(), "csv" | "xlsx") {
        return copy_sheet(&input, &output, &ext, args);
    }
    let report = crate::check_file(&input);
    let text = match std::fs::read(&input).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        _ => {
            out.push_str(&crate::render_text(std::slice::from_ref(&report), lang));
            return (out, 2);
        }
    };
    let (table, _) = match export_dataset(&text) {
        Ok(done) => done,
        Err(_) => {
            out.push_str(&crate::render_text(std::slice::from_ref(&report), lang));
            return (out, 2);
        }
    };
    // The dataset's problems first: a site with errors is not in the sheet.
    for line in report.lines(lang) {
        let _ = writeln!(out, "{input}: {line}");
    }
    let bytes = if ext == "csv" {
        Ok(write_csv(&table))
    } else {
        xlsx_bytes(&table, "sites")
    };
    let written = bytes.and_then(|b| std::fs::write(&output, b).map_err(|e| e.to_string()));
    let rows = table.rows.len().saturating_sub(1);
    match written {
        Ok(()) => {
            let _ = match lang {
                Lang::En => writeln!(out, "{input}: wrote {output} ({rows} rows)"),
                Lang::Zh => writeln!(out, "{input}：已写入 {output}（{rows} 行）"),
            };
        }
        Err(e) => {
            let _ = writeln!(
                out,
                "{output}: {}: {e}",
                severity_word(Severity::Error, lang)
            );
            return (out, 2);
        }
    }
    let code = if report.errors() > 0 {
        2
    } else if args.flags.strict && report.warnings() > 0 {
        1
    } else {
        0
    };
    (out, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_day_numbers_become_dates() {
        assert_eq!(excel_date(14_420.0), "1939-06-24");
        assert_eq!(excel_date(25_569.0), "1970-01-01");
        assert_eq!(excel_date(61.0), "1900-03-01");
    }

    #[test]
    fn sheet_options_are_read() {
        let a = parse_sheet_args(
            [
                "in.xlsx",
                "-o",
                "out.geojson",
                "--sheet=Sites",
                "--lang",
                "zh",
            ]
            .map(String::from),
        )
        .unwrap();
        assert_eq!(a.input.as_deref(), Some("in.xlsx"));
        assert_eq!(a.output.as_deref(), Some("out.geojson"));
        assert_eq!(a.sheet.as_deref(), Some("Sites"));
        assert_eq!(a.flags.lang, Lang::Zh);
        assert_eq!(
            parse_sheet_args(["a.csv", "b.csv"].map(String::from)).unwrap_err(),
            "one file at a time: \"b.csv\" is a second one"
        );
        assert_eq!(
            parse_sheet_args(Vec::<String>::new()).unwrap_err(),
            "no file given"
        );
    }
}
