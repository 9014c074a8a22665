//! Spreadsheets in and out: curators keep their sites in a spreadsheet, one
//! row per event, and this turns its rows into the dataset's GeoJSON (and a
//! dataset back into rows). docs/spreadsheet.md is the curators' guide.
//!
//! Reading goes in two steps so that a sheet is checked exactly like a
//! dataset: [`import_table`] (or [`import_csv`]) turns the rows into GeoJSON,
//! reporting what only a sheet can get wrong (a date or a coordinate it
//! cannot read, a row with no site to belong to, an unknown column); then
//! the normal loader ([`crate::load`]) reads that GeoJSON, and
//! [`ImportedSheet::check`] puts each of its problems back on the row and
//! column it came from. File formats stay outside: CSV is read here (the app
//! opens .csv files too), XLSX by the command line.

mod columns;
mod coordinate;
mod csv_file;
mod locate;
mod problem;
mod read;
mod sheet_date;
mod write;

pub use columns::{column_letter, Column, Part};
pub use coordinate::{parse_coordinate, Axis, CoordinateError};
pub use csv_file::{read_csv, write_csv};
pub use problem::{CellPlace, ColumnRef, ImportError, SheetProblem, SheetProblemKind};
pub use sheet_date::{parse_sheet_date, SheetDate};
pub use write::export_table;

use crate::parse::{load, Loaded, MAX_DATASET_BYTES};
use crate::problem::{FatalError, ProblemKind};

/// A sheet's cells as text, independent of the file format: `rows[0]` is
/// normally the header (blank rows above it are skipped).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The sheet's name (an XLSX tab), for messages; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The rows, each a list of cells; rows may differ in length.
    pub rows: Vec<Vec<String>>,
}

/// A sheet turned into a dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedSheet {
    /// The dataset as GeoJSON text, which [`crate::load_bytes`] and
    /// [`crate::load`] accept; sites with errors in the sheet are left out.
    pub geojson: String,
    /// What the import itself found, each with its sheet, row and column.
    pub problems: Vec<SheetProblem>,
    places: read::Places,
}

/// The dataset read from a sheet, with every problem on its cell.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetCheck {
    /// The dataset as the app will show it.
    pub loaded: Loaded,
    /// The import's problems and the loader's, ordered by row (problems of
    /// the whole sheet last).
    pub problems: Vec<SheetProblem>,
}

/// Reads a CSV file (UTF-8, with or without a byte order mark; comma,
/// semicolon or tab separated) in the spreadsheet layout.
pub fn import_csv(bytes: &[u8]) -> Result<ImportedSheet, ImportError> {
    if bytes.len() > MAX_DATASET_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_DATASET_BYTES,
        });
    }
    import_table(&read_csv(bytes)?)
}

/// Reads rows in the spreadsheet layout (from any file format).
pub fn import_table(table: &Table) -> Result<ImportedSheet, ImportError> {
    let read = read::read_table(table)?;
    let geojson = serde_json::to_string_pretty(&read.collection).unwrap_or_default();
    Ok(ImportedSheet {
        geojson,
        problems: read.problems,
        places: read.places,
    })
}

impl ImportedSheet {
    /// Loads the dataset with the normal loader, and lists every problem
    /// (the import's and the loader's) on its cell.
    pub fn check(&self) -> Result<SheetCheck, FatalError> {
        let loaded = load(&self.geojson)?;
        let mut problems = self.problems.clone();
        problems.extend(loaded.problems.iter().filter_map(|p| self.sheet_problem(p)));
        problems.sort_by_key(|p| p.place.row.unwrap_or(usize::MAX));
        Ok(SheetCheck { loaded, problems })
    }

    /// A loader problem placed on the sheet: the row and column its value
    /// came from. `None` for the problems the import already says in the
    /// sheet's terms (sites without dates or ids, counted by row).
    pub fn sheet_problem(&self, problem: &crate::Problem) -> Option<SheetProblem> {
        if matches!(
            problem.kind,
            ProblemKind::Undated { .. } | ProblemKind::GeneratedIds { .. }
        ) {
            return None;
        }
        Some(SheetProblem {
            severity: problem.severity,
            place: self.places.locate(problem),
            kind: SheetProblemKind::Dataset(problem.kind.clone()),
        })
    }
}

/// Reads a dataset's text and lays it out as rows, with the loader's result
/// (whose problems say what did not come through: a site with errors is not
/// in the rows).
pub fn export_dataset(text: &str) -> Result<(Table, Loaded), FatalError> {
    let loaded = load(text)?;
    // The settings are kept as written: the model holds them resolved
    // (a tour's site as an index), and the sheet should give back the file.
    #[derive(serde::Deserialize)]
    struct Settings {
        atlas: Option<serde_json::Value>,
    }
    let settings = serde_json::from_str::<Settings>(text)
        .ok()
        .and_then(|s| s.atlas);
    Ok((export_table(&loaded.atlas, settings.as_ref()), loaded))
}
