//! The curators' check: reads datasets with the very code the app uses
//! (`atlas_core::load`) and lists every problem with its place and its fix,
//! so a mistake is caught on the curator's machine, not on a kiosk.

pub mod cli_args;
pub mod sheet;

use std::fmt::Write as _;
use std::path::Path;

use atlas_core::quote::escape_invisible;
use atlas_core::{
    load, load_bytes, triage, FatalError, Lang, Problem, Severity, MAX_DATASET_BYTES,
};
use serde_json::{json, Value};

use cli_args::{is_option, ArgReader, CommonFlags};

/// How to call the tool.
pub const USAGE: &str = "\
usage: atlas-check [check] [--strict] [--format text|json] [--lang en|zh] FILE...
       atlas-check import SHEET.csv|SHEET.xlsx [-o OUT.geojson]   (see import --help)
       atlas-check export DATASET -o OUT.csv|OUT.xlsx             (see export --help)

Checks Heritage Atlas datasets exactly as the app reads them and prints every
problem as `FILE: error|warning: feature N (id X), FIELD: what is wrong; how to fix`,
then the same problems grouped by kind (as the app's alert shows them), errors
and far-off points first, then a summary line. Sites with errors are not shown by the app; warnings keep the site.

  --strict         exit 1 when there are warnings (and no errors)
  --format json    one JSON document for machines instead of lines
  --lang zh        messages in Chinese (default: English)

exit status: 0 clean, 1 warnings with --strict, 2 errors";

/// The command line, read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Args {
    /// Datasets to check.
    pub files: Vec<String>,
    /// `--strict`, `--format`, `--lang`, `--help`.
    pub flags: CommonFlags,
}

/// Reads the arguments (without the program name).
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut files = Vec::new();
    let mut flags = CommonFlags::default();
    let mut words = ArgReader::new(args);
    while let Some(word) = words.next_word() {
        if words.common(&word, &mut flags)? {
            continue;
        }
        match word.as_str() {
            "--" => files.extend(words.rest()),
            f if is_option(f) => return Err(format!("unknown option {f}")),
            _ => files.push(word),
        }
    }
    if files.is_empty() && !flags.help {
        return Err("no dataset given".into());
    }
    Ok(Args { files, flags })
}

/// What one file gave.
#[derive(Clone, Debug, PartialEq)]
pub struct FileReport {
    /// The path as given.
    pub file: String,
    /// The outcome.
    pub outcome: Outcome,
}

/// A file either loads (with problems) or cannot be used at all.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The dataset loaded.
    Loaded {
        /// Sites the app would show.
        sites: usize,
        /// Every problem, in file order.
        problems: Vec<Problem>,
    },
    /// Nothing in the file can be shown.
    Fatal(Fatal),
}

/// Why a file cannot be used at all.
#[derive(Clone, Debug, PartialEq)]
pub enum Fatal {
    /// Reading the file failed (missing, a directory, no permission).
    Unreadable(String),
    /// atlas-core refused it.
    Dataset(FatalError),
}

impl Fatal {
    /// A stable name for machines.
    pub fn code(&self) -> &'static str {
        match self {
            Fatal::Unreadable(_) => "unreadable",
            Fatal::Dataset(FatalError::InvalidJson { .. }) => "invalid-json",
            Fatal::Dataset(FatalError::NotFeatureCollection { .. }) => "not-a-feature-collection",
            Fatal::Dataset(FatalError::TooLarge { .. }) => "too-large",
            Fatal::Dataset(FatalError::InvalidUtf8 { .. }) => "not-utf8",
            Fatal::Dataset(FatalError::UnsupportedCrs { .. }) => "unsupported-crs",
            Fatal::Dataset(FatalError::TooManyFeatures { .. }) => "too-many-features",
            Fatal::Dataset(FatalError::TooDeep { .. }) => "too-deep",
        }
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Fatal::Unreadable(e), Lang::En) => format!("cannot read the file: {e}"),
            (Fatal::Unreadable(e), Lang::Zh) => format!("无法读取文件：{e}"),
            (Fatal::Dataset(e), lang) => e.message(lang),
        }
    }
}

/// Reads and checks one dataset.
pub fn check_file(path: &str) -> FileReport {
    FileReport {
        file: path.to_owned(),
        outcome: read(Path::new(path)),
    }
}

/// Checks a dataset already in memory (the file name is for messages only).
pub fn check_text(file: &str, text: &str) -> FileReport {
    FileReport {
        file: file.to_owned(),
        outcome: outcome(load(text)),
    }
}

fn read(path: &Path) -> Outcome {
    // Refuse a huge file before reading it, as the app does from Content-Length.
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_DATASET_BYTES as u64 => {
            return Outcome::Fatal(Fatal::Dataset(FatalError::TooLarge {
                bytes: meta.len() as usize,
                limit: MAX_DATASET_BYTES,
            }))
        }
        Ok(_) => {}
        Err(e) => return Outcome::Fatal(Fatal::Unreadable(e.to_string())),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Outcome::Fatal(Fatal::Unreadable(e.to_string())),
    };
    // The bytes as the app reads a response: a byte order mark skipped, and
    // bytes that are not UTF-8 refused with their offset.
    outcome(load_bytes(&bytes))
}

fn outcome(loaded: Result<atlas_core::Loaded, FatalError>) -> Outcome {
    match loaded {
        Ok(l) => Outcome::Loaded {
            sites: l.atlas.sites.len(),
            problems: l.problems,
        },
        Err(e) => Outcome::Fatal(Fatal::Dataset(e)),
    }
}

impl FileReport {
    /// Errors, counting a fatal one.
    pub fn errors(&self) -> usize {
        match &self.outcome {
            Outcome::Loaded { problems, .. } => problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count(),
            Outcome::Fatal(_) => 1,
        }
    }

    /// Warnings.
    pub fn warnings(&self) -> usize {
        match &self.outcome {
            Outcome::Loaded { problems, .. } => problems
                .iter()
                .filter(|p| p.severity == Severity::Warning)
                .count(),
            Outcome::Fatal(_) => 0,
        }
    }

    /// The lines a curator reads, without the file name: `error: …` / `warning: …`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        match &self.outcome {
            Outcome::Loaded { problems, .. } => problems
                .iter()
                .map(|p| format!("{}: {}", severity_word(p.severity, lang), p.message(lang)))
                .collect(),
            Outcome::Fatal(f) => vec![format!(
                "{}: {}",
                severity_word(Severity::Error, lang),
                f.message(lang)
            )],
        }
    }

    /// The problems grouped as the app's alert shows them, one line per group
    /// with its count: `  306 warnings: 306 features: no category, shown with
    /// a generic symbol`, after a heading; nothing for a clean or fatal file.
    pub fn grouped(&self, lang: Lang) -> Vec<String> {
        let Outcome::Loaded { problems, .. } = &self.outcome else {
            return Vec::new();
        };
        if problems.is_empty() {
            return Vec::new();
        }
        let heading = match lang {
            Lang::En => "by kind:",
            Lang::Zh => "按类别：",
        };
        let groups = triage(problems).into_iter().map(|g| {
            let n = g.count();
            let count = match (g.severity, lang) {
                (Severity::Error, Lang::En) => format!("{n} {}", plural(n, "error", "errors")),
                (Severity::Warning, Lang::En) => {
                    format!("{n} {}", plural(n, "warning", "warnings"))
                }
                (Severity::Error, Lang::Zh) => format!("{n} 个错误"),
                (Severity::Warning, Lang::Zh) => format!("{n} 条提醒"),
            };
            let colon = if lang == Lang::Zh { "：" } else { ": " };
            format!("  {count}{colon}{}", g.headline(lang))
        });
        std::iter::once(heading.to_owned()).chain(groups).collect()
    }

    /// One closing line: how many sites show, how many problems.
    pub fn summary(&self, lang: Lang) -> String {
        let (errors, warnings) = (self.errors(), self.warnings());
        match (&self.outcome, lang) {
            (Outcome::Fatal(_), Lang::En) => "nothing can be shown from this file".into(),
            (Outcome::Fatal(_), Lang::Zh) => "此文件中没有可显示的内容".into(),
            (Outcome::Loaded { sites, .. }, Lang::En) => format!(
                "{sites} {} shown, {errors} {}, {warnings} {}",
                plural(*sites, "site", "sites"),
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings"),
            ),
            (Outcome::Loaded { sites, .. }, Lang::Zh) => {
                format!("显示 {sites} 处地点，{errors} 个错误，{warnings} 条提醒")
            }
        }
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

pub(crate) fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "提醒",
    }
}

/// Lines for people: `FILE: error: feature N (id X), FIELD: what; fix`, then
/// the problems grouped by kind, then a summary per file.
pub fn render_text(reports: &[FileReport], lang: Lang) -> String {
    let mut out = String::new();
    for report in reports {
        // Messages already quote the file's text safely; the file's name is
        // written out the same way, so no line can start a fake one or move
        // a terminal's cursor.
        let file = escape_invisible(&report.file);
        for line in report.lines(lang).into_iter().chain(report.grouped(lang)) {
            let _ = writeln!(out, "{file}: {}", escape_invisible(&line));
        }
        let _ = writeln!(out, "{file}: {}", report.summary(lang));
    }
    out
}

/// One JSON document for machines; messages in both languages.
pub fn render_json(reports: &[FileReport]) -> String {
    let files: Vec<Value> = reports.iter().map(report_json).collect();
    let doc = json!({
        "files": files,
        "errors": reports.iter().map(FileReport::errors).sum::<usize>(),
        "warnings": reports.iter().map(FileReport::warnings).sum::<usize>(),
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn report_json(report: &FileReport) -> Value {
    match &report.outcome {
        Outcome::Loaded { sites, problems } => json!({
            "file": report.file,
            "sites": sites,
            "fatal": null,
            "problems": problems.iter().map(problem_json).collect::<Vec<_>>(),
        }),
        Outcome::Fatal(f) => {
            let (line, column) = match f {
                Fatal::Dataset(FatalError::InvalidJson { line, column, .. }) => {
                    (json!(line), json!(column))
                }
                _ => (Value::Null, Value::Null),
            };
            json!({
                "file": report.file,
                "sites": 0,
                "fatal": {
                    "code": f.code(),
                    "line": line,
                    "column": column,
                    "message": f.message(Lang::En),
                    "message_zh": f.message(Lang::Zh),
                },
                "problems": [],
            })
        }
    }
}

fn problem_json(p: &Problem) -> Value {
    json!({
        "severity": match p.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "code": p.kind.code(),
        "feature": p.feature,
        "id": p.id,
        "field": p.field,
        "message": p.kind.message(Lang::En),
        "message_zh": p.kind.message(Lang::Zh),
    })
}

/// 2 on any error, 1 on warnings under `--strict`, else 0.
pub fn exit_code(reports: &[FileReport], strict: bool) -> u8 {
    if reports.iter().any(|r| r.errors() > 0) {
        2
    } else if strict && reports.iter().any(|r| r.warnings() > 0) {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse_args(list.iter().map(|s| s.to_string()))
    }

    #[test]
    fn options_come_in_both_spellings_and_any_order() {
        let a = args(&[
            "a.geojson",
            "--format=json",
            "--strict",
            "--lang",
            "zh-CN",
            "b.geojson",
        ])
        .unwrap();
        assert_eq!(a.files, ["a.geojson", "b.geojson"]);
        assert!(a.flags.json && a.flags.strict);
        assert_eq!(a.flags.lang, Lang::Zh);
        let b = args(&["--format", "text", "--", "--odd-name.geojson"]).unwrap();
        assert!(!b.flags.json);
        assert_eq!(b.files, ["--odd-name.geojson"]);
    }

    #[test]
    fn mistakes_in_the_command_line_are_said_plainly() {
        assert_eq!(args(&[]).unwrap_err(), "no dataset given");
        assert_eq!(
            args(&["--format", "xml", "a"]).unwrap_err(),
            "unknown format \"xml\" (text or json)"
        );
        assert_eq!(
            args(&["--lang", "fr", "a"]).unwrap_err(),
            "unknown language \"fr\" (en or zh)"
        );
        assert_eq!(
            args(&["a", "--format"]).unwrap_err(),
            "--format needs a value"
        );
        assert_eq!(args(&["-x", "a"]).unwrap_err(), "unknown option -x");
        assert!(args(&["--help"]).unwrap().flags.help);
    }

    #[test]
    fn the_text_ends_with_the_problems_grouped_then_the_summary() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[120.5,31.3]},
             "properties":{"id":"a","name":"A","events":[{"date":"1939","title":"x"}],"sources":[{"title":"s"}]}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[120.6,31.3]},
             "properties":{"id":"b","name":"B","events":[{"date":"1939","title":"x"}],"sources":[{"title":"s"}]}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[120.6,31.3]},
             "properties":{"id":"c","name":"C","events":[{"date":"1939-13","title":"x"}]}}]}"#;
        let report = check_text("d.geojson", text);
        let out = render_text(std::slice::from_ref(&report), Lang::En);
        let lines: Vec<&str> = out.lines().collect();
        // Every problem line first, as the docs promise.
        let problems = report.lines(Lang::En).len();
        assert!(lines[..problems]
            .iter()
            .all(|l| l.starts_with("d.geojson: error: ") || l.starts_with("d.geojson: warning: ")));
        assert_eq!(
            &lines[problems..],
            [
                "d.geojson: by kind:",
                "d.geojson:   1 error: 1 feature skipped: a date that cannot be read",
                "d.geojson:   3 warnings: 3 features: no category, shown with a generic symbol",
                "d.geojson:   1 warning: 1 feature: no sources, still shown",
                "d.geojson: 2 sites shown, 1 error, 4 warnings",
            ]
        );
        assert!(report.grouped(Lang::Zh)[1].starts_with("  1 个错误：1 个要素未显示"));
    }

    #[test]
    fn exit_codes_follow_the_worst_problem() {
        let clean = check_text("c", r#"{"type":"FeatureCollection","features":[]}"#);
        let fatal = check_text("f", "not json");
        assert_eq!(exit_code(std::slice::from_ref(&clean), true), 0);
        assert_eq!(exit_code(&[clean, fatal], false), 2);
    }
}
