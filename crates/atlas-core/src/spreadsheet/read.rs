//! Rows → the dataset's GeoJSON. One row per event; a site's cells are
//! written on its first row and may be left blank below (carried down), or
//! repeated. Rows with the same id belong to the same site wherever they
//! are, so a sheet sorted by date still reads right.
//!
//! A cell that cannot be read (a date, a coordinate, JSON) is an error and
//! leaves its site out, as the loader does with a feature; everything else
//! is left to the loader, whose problems [`Places`] puts back on cells.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};

use crate::problem::{Expected, ProblemKind, Severity};
use crate::text::Lang;
use crate::typo;

use super::columns::{column_letter, Column, Part};
use super::coordinate::{parse_coordinate, Axis};
use super::problem::{CellPlace, ColumnRef, ImportError, SheetProblem, SheetProblemKind};
use super::sheet_date::parse_sheet_date;
use super::Table;

/// The rows each emitted feature came from, to place the loader's problems.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FeatureRows {
    /// The site's first row.
    pub first: usize,
    /// The row each site cell was read from.
    pub cells: BTreeMap<Column, usize>,
    /// The row of each event, in the order written to `events`.
    pub events: Vec<usize>,
    /// The row of each source.
    pub sources: Vec<usize>,
    /// The row of each image.
    pub media: Vec<usize>,
    /// The site's place was given as `geometry` JSON rather than longitude/latitude.
    pub geometry_json: bool,
}

/// How the sheet's columns and rows map onto the dataset.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Places {
    pub sheet: Option<String>,
    /// Known columns → their index in the sheet.
    pub columns: HashMap<Column, usize>,
    /// The header as written, by index.
    pub headers: Vec<String>,
    /// One entry per emitted feature.
    pub features: Vec<FeatureRows>,
    /// The row the `dataset` settings came from.
    pub settings_row: Option<usize>,
}

impl Places {
    /// The cell of `column` in `row` (a column the sheet lacks is named by its header).
    pub fn cell(&self, row: Option<usize>, column: Option<Column>) -> CellPlace {
        CellPlace {
            sheet: self.sheet.clone(),
            row,
            column: column.map(|c| match self.columns.get(&c) {
                Some(&i) => ColumnRef {
                    letter: Some(column_letter(i)),
                    header: self.headers[i].trim().to_owned(),
                },
                None => ColumnRef {
                    letter: None,
                    header: c.header().to_owned(),
                },
            }),
        }
    }
}

/// What reading the rows gave.
pub(crate) struct Read {
    pub collection: Value,
    pub problems: Vec<SheetProblem>,
    pub places: Places,
}

/// Reads a table (header row first) into a FeatureCollection.
pub(crate) fn read_table(table: &Table) -> Result<Read, ImportError> {
    let header_index = table
        .rows
        .iter()
        .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        .ok_or(ImportError::Empty)?;
    let mut reader = Reader {
        problems: Vec::new(),
        places: Places {
            sheet: table.sheet.clone(),
            headers: table.rows[header_index].clone(),
            ..Places::default()
        },
    };
    reader.read_header(header_index + 1);
    if reader.places.columns.is_empty() {
        return Err(ImportError::NoKnownColumns {
            row: header_index + 1,
        });
    }
    let mut sites: Vec<SiteRows> = Vec::new();
    let mut by_key: HashMap<SiteKey, usize> = HashMap::new();
    let mut current: Option<usize> = None;
    let mut settings: Option<Value> = None;
    let columns = reader.places.columns.clone();
    for (i, cells) in table.rows.iter().enumerate().skip(header_index + 1) {
        let row = Row {
            number: i + 1,
            cells,
            columns: &columns,
        };
        if let Some(text) = row.get(Column::Dataset) {
            reader.settings(&row, text, &mut settings);
        }
        if !row.has_content() {
            continue;
        }
        let site = match row.key() {
            // A name repeated below a site (with or without its id) is that site.
            Some(SiteKey::Name(zh, en)) if current.is_some_and(|s| sites[s].is_named(&zh, &en)) => {
                current.unwrap_or_default()
            }
            Some(key) => *by_key.entry(key.clone()).or_insert_with(|| {
                sites.push(SiteRows::new(row.number));
                sites.len() - 1
            }),
            None => match current {
                Some(site) => site,
                None => {
                    let column = [Column::Id, Column::NameZh, Column::NameEn]
                        .into_iter()
                        .find(|c| columns.contains_key(c));
                    reader.report(
                        Severity::Error,
                        Some(row.number),
                        column,
                        SheetProblemKind::CarryDownFromNothing,
                    );
                    continue;
                }
            },
        };
        current = Some(site);
        reader.add_row(&mut sites[site], &row);
    }
    let mut features = Vec::new();
    let mut undated = Vec::new();
    let mut generated = Vec::new();
    for site in &sites {
        if let Some((feature, rows)) = reader.feature(site) {
            if rows.events.is_empty() {
                undated.push(rows.first);
            }
            if !rows.cells.contains_key(&Column::Id) {
                generated.push(rows.first);
            }
            features.push(feature);
            reader.places.features.push(rows);
        }
    }
    let mut collection = Map::new();
    collection.insert("type".into(), json!("FeatureCollection"));
    if let Some(settings) = settings {
        collection.insert("atlas".into(), settings);
    }
    collection.insert("features".into(), Value::Array(features));
    // Said once in sheet terms, by row, instead of the loader's feature numbers.
    if !undated.is_empty() {
        reader.report(
            Severity::Warning,
            None,
            Some(Column::Date),
            SheetProblemKind::Undated { rows: undated },
        );
    }
    if !generated.is_empty() {
        reader.report(
            Severity::Warning,
            None,
            Some(Column::Id),
            SheetProblemKind::GeneratedIds { rows: generated },
        );
    }
    Ok(Read {
        collection: Value::Object(collection),
        problems: reader.problems,
        places: reader.places,
    })
}

/// How rows are matched to a site: by id, else by name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum SiteKey {
    Id(String),
    Name(String, String),
}

/// One row's cells, read through the header.
struct Row<'a> {
    number: usize,
    cells: &'a [String],
    columns: &'a HashMap<Column, usize>,
}

impl Row<'_> {
    /// The text of a column as written, `None` when blank or absent. Free
    /// text keeps its spaces (the dataset then reads exactly as typed); the
    /// cells that are parsed (ids, dates, coordinates…) are trimmed where read.
    fn get(&self, column: Column) -> Option<&str> {
        let i = *self.columns.get(&column)?;
        let cell = self.cells.get(i)?.as_str();
        let trimmed = cell.trim();
        match column {
            _ if trimmed.is_empty() => None,
            Column::Id | Column::Category => Some(trimmed),
            _ => Some(cell),
        }
    }

    fn any(&self, part: Part) -> bool {
        Column::ALL
            .iter()
            .any(|c| c.part() == part && self.get(*c).is_some())
    }

    /// Anything besides the dataset settings.
    fn has_content(&self) -> bool {
        Column::ALL
            .iter()
            .any(|c| c.part() != Part::Dataset && self.get(*c).is_some())
    }

    fn key(&self) -> Option<SiteKey> {
        if let Some(id) = self.get(Column::Id) {
            return Some(SiteKey::Id(id.to_owned()));
        }
        let (zh, en) = (self.get(Column::NameZh), self.get(Column::NameEn));
        if zh.is_none() && en.is_none() {
            return None;
        }
        Some(SiteKey::Name(
            zh.unwrap_or_default().to_owned(),
            en.unwrap_or_default().to_owned(),
        ))
    }
}

/// The rows of one site, as read.
struct SiteRows {
    first: usize,
    /// Each site cell: its text and its row.
    cells: BTreeMap<Column, (String, usize)>,
    /// Each part's cells by row.
    events: Vec<(usize, BTreeMap<Column, String>)>,
    sources: Vec<(usize, BTreeMap<Column, String>)>,
    media: Vec<(usize, BTreeMap<Column, String>)>,
}

impl SiteRows {
    fn new(first: usize) -> Self {
        SiteRows {
            first,
            cells: BTreeMap::new(),
            events: Vec::new(),
            sources: Vec::new(),
            media: Vec::new(),
        }
    }

    /// Whether the names given (blank for "not given") are this site's.
    fn is_named(&self, zh: &str, en: &str) -> bool {
        let has = |column: Column, name: &str| {
            name.is_empty() || self.cells.get(&column).is_some_and(|(t, _)| t == name)
        };
        has(Column::NameZh, zh) && has(Column::NameEn, en)
    }
}

struct Reader {
    problems: Vec<SheetProblem>,
    places: Places,
}

impl Reader {
    fn report(
        &mut self,
        severity: Severity,
        row: Option<usize>,
        column: Option<Column>,
        kind: SheetProblemKind,
    ) {
        let place = self.places.cell(row, column);
        self.problems.push(SheetProblem {
            severity,
            place,
            kind,
        });
    }

    fn read_header(&mut self, row: usize) {
        let headers = self.places.headers.clone();
        for (i, header) in headers.iter().enumerate() {
            let text = header.trim();
            if text.is_empty() {
                continue;
            }
            let place = CellPlace {
                sheet: self.places.sheet.clone(),
                row: Some(row),
                column: Some(ColumnRef {
                    letter: Some(column_letter(i)),
                    header: text.to_owned(),
                }),
            };
            let kind = match Column::from_header(text) {
                Some(column) => match self.places.columns.get(&column) {
                    None => {
                        self.places.columns.insert(column, i);
                        continue;
                    }
                    Some(&first) => SheetProblemKind::DuplicateColumn {
                        first: column_letter(first),
                    },
                },
                None => {
                    let lower = text.to_ascii_lowercase();
                    match typo::likely_meant(&lower, &HEADERS) {
                        Some(meant) => SheetProblemKind::LikelyTypo {
                            found: text.to_owned(),
                            meant,
                        },
                        None => SheetProblemKind::UnknownColumn(text.to_owned()),
                    }
                }
            };
            self.problems.push(SheetProblem {
                severity: Severity::Warning,
                place,
                kind,
            });
        }
    }

    fn settings(&mut self, row: &Row<'_>, text: &str, settings: &mut Option<Value>) {
        if let Some(first) = self.places.settings_row {
            self.report(
                Severity::Warning,
                Some(row.number),
                Some(Column::Dataset),
                SheetProblemKind::ConflictingValue {
                    first_row: first,
                    kept: shorten(text),
                },
            );
            return;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(value) => {
                *settings = Some(value);
                self.places.settings_row = Some(row.number);
            }
            // The settings are not worth losing the sites over: a warning, and none are used.
            Err(e) => self.report(
                Severity::Warning,
                Some(row.number),
                Some(Column::Dataset),
                SheetProblemKind::BadJson(e.to_string()),
            ),
        }
    }

    fn add_row(&mut self, site: &mut SiteRows, row: &Row<'_>) {
        for column in Column::ALL.into_iter().filter(|c| c.part() == Part::Site) {
            let Some(text) = row.get(column) else {
                continue;
            };
            match site.cells.get(&column) {
                None => {
                    site.cells.insert(column, (text.to_owned(), row.number));
                }
                Some((kept, first_row)) if kept != text => {
                    let kind = SheetProblemKind::ConflictingValue {
                        first_row: *first_row,
                        kept: shorten(kept),
                    };
                    self.report(Severity::Warning, Some(row.number), Some(column), kind);
                }
                Some(_) => {}
            }
        }
        let part = |part: Part| -> BTreeMap<Column, String> {
            Column::ALL
                .into_iter()
                .filter(|c| c.part() == part)
                .filter_map(|c| row.get(c).map(|t| (c, t.to_owned())))
                .collect()
        };
        if row.any(Part::Event) {
            site.events.push((row.number, part(Part::Event)));
        }
        // The same source or image repeated on every row of a site is one source.
        if row.any(Part::Source) {
            let cells = part(Part::Source);
            if !site.sources.iter().any(|(_, s)| *s == cells) {
                site.sources.push((row.number, cells));
            }
        }
        if row.any(Part::Media) {
            let cells = part(Part::Media);
            if !site.media.iter().any(|(_, m)| *m == cells) {
                site.media.push((row.number, cells));
            }
        }
    }

    /// The Feature of one site, or `None` when a cell of it could not be read.
    fn feature(&mut self, site: &SiteRows) -> Option<(Value, FeatureRows)> {
        let mut ok = true;
        let mut rows = FeatureRows {
            first: site.first,
            cells: site.cells.iter().map(|(c, (_, r))| (*c, *r)).collect(),
            ..FeatureRows::default()
        };
        let cell = |c: Column| site.cells.get(&c).map(|(t, r)| (t.as_str(), *r));
        let mut props = Map::new();
        if let Some((id, _)) = cell(Column::Id) {
            props.insert("id".into(), json!(id));
        }
        let text = |this: &mut Self, zh: Column, en: Column| -> Option<Value> {
            this.text(cell(zh), zh, cell(en), en)
        };
        if let Some(name) = text(self, Column::NameZh, Column::NameEn) {
            props.insert("name".into(), name);
        }
        if let Some((category, _)) = cell(Column::Category) {
            props.insert("category".into(), json!(category));
        }
        for (key, zh, en) in [
            ("summary", Column::SummaryZh, Column::SummaryEn),
            ("description", Column::DescriptionZh, Column::DescriptionEn),
            ("address", Column::AddressZh, Column::AddressEn),
        ] {
            if let Some(value) = text(self, zh, en) {
                props.insert(key.into(), value);
            }
        }
        let mut location = Map::new();
        if let Some((m, row)) = cell(Column::PrecisionM) {
            match m.trim().parse::<f64>() {
                Ok(m) if m.is_finite() && m >= 0.0 => {
                    location.insert("precision_m".into(), json!(m));
                }
                _ => self.report(
                    Severity::Warning,
                    Some(row),
                    Some(Column::PrecisionM),
                    SheetProblemKind::Dataset(ProblemKind::WrongType {
                        expected: Expected::Metres,
                    }),
                ),
            }
        }
        if let Some((yes, row)) = cell(Column::Approximate) {
            if self.yes_no(yes, row, Column::Approximate) == Some(true) {
                location.insert("approximate".into(), json!(true));
            }
        }
        if let Some(note) = text(self, Column::LocationNoteZh, Column::LocationNoteEn) {
            location.insert("note".into(), note);
        }
        let geometry = match self.geometry(site, &mut rows) {
            Ok(g) => g,
            Err(()) => {
                ok = false;
                Value::Null
            }
        };
        if geometry.is_object() {
            location.insert("datum".into(), json!("WGS84"));
        }
        if !location.is_empty() {
            props.insert("location".into(), Value::Object(location));
        }
        let mut events = Vec::new();
        for (row, cells) in &site.events {
            match self.event(*row, cells) {
                Some(event) => {
                    events.push(event);
                    rows.events.push(*row);
                }
                None => ok = false,
            }
        }
        if !events.is_empty() {
            props.insert("events".into(), Value::Array(events));
        }
        let mut sources = Vec::new();
        for (row, cells) in &site.sources {
            let mut source = Map::new();
            for (column, key) in [
                (Column::SourceTitle, "title"),
                (Column::SourceUrl, "url"),
                (Column::SourceAccessed, "accessed"),
            ] {
                if let Some(t) = cells.get(&column) {
                    source.insert(key.into(), json!(t));
                }
            }
            sources.push(Value::Object(source));
            rows.sources.push(*row);
        }
        if !sources.is_empty() {
            props.insert("sources".into(), Value::Array(sources));
        }
        let mut media = Vec::new();
        for (row, cells) in &site.media {
            let mut item = Map::new();
            let pick = |c: Column| cells.get(&c).map(|t| (t.as_str(), *row));
            if let Some(src) = cells.get(&Column::MediaSrc) {
                item.insert("src".into(), json!(src));
            }
            for (key, zh, en) in [
                ("alt", Column::MediaAltZh, Column::MediaAltEn),
                ("caption", Column::MediaCaptionZh, Column::MediaCaptionEn),
            ] {
                if let Some(t) = self.text(pick(zh), zh, pick(en), en) {
                    item.insert(key.into(), t);
                }
            }
            for (column, key) in [
                (Column::MediaCredit, "credit"),
                (Column::MediaLicense, "license"),
            ] {
                if let Some(t) = cells.get(&column) {
                    item.insert(key.into(), json!(t));
                }
            }
            media.push(Value::Object(item));
            rows.media.push(*row);
        }
        if !media.is_empty() {
            props.insert("media".into(), Value::Array(media));
        }
        ok.then(|| {
            (
                json!({ "type": "Feature", "geometry": geometry, "properties": Value::Object(props) }),
                rows,
            )
        })
    }

    /// `{ "zh": …, "en": … }` from a pair of cells, each checked for its language.
    fn text(
        &mut self,
        zh: Option<(&str, usize)>,
        zh_column: Column,
        en: Option<(&str, usize)>,
        en_column: Column,
    ) -> Option<Value> {
        // The same text in both columns is one text meant for both languages
        // (a place name in Latin letters, a plain-text field exported).
        let same = matches!((zh, en), (Some((a, _)), Some((b, _))) if a == b);
        let mut text = Map::new();
        for (cell, column, lang) in [(zh, zh_column, Lang::Zh), (en, en_column, Lang::En)] {
            let Some((t, row)) = cell else { continue };
            if !same && in_the_other_language(t, lang) {
                self.report(
                    Severity::Warning,
                    Some(row),
                    Some(column),
                    SheetProblemKind::WrongLanguage { column_lang: lang },
                );
            }
            text.insert(lang.code().into(), json!(t));
        }
        (!text.is_empty()).then_some(Value::Object(text))
    }

    fn yes_no(&mut self, text: &str, row: usize, column: Column) -> Option<bool> {
        match text.trim().to_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "是" | "x" | "✓" => Some(true),
            "false" | "no" | "n" | "0" | "否" => Some(false),
            _ => {
                self.report(
                    Severity::Warning,
                    Some(row),
                    Some(column),
                    SheetProblemKind::Dataset(ProblemKind::WrongType {
                        expected: Expected::Bool,
                    }),
                );
                None
            }
        }
    }

    /// The site's geometry: a Point from longitude and latitude, else the
    /// `geometry` cell's JSON, else `null` (place not known yet).
    fn geometry(&mut self, site: &SiteRows, rows: &mut FeatureRows) -> Result<Value, ()> {
        let cell = |c: Column| site.cells.get(&c).map(|(t, r)| (t.as_str(), *r));
        match (cell(Column::Longitude), cell(Column::Latitude)) {
            (Some((lon, lon_row)), Some((lat, lat_row))) => {
                let lon = parse_coordinate(lon, Axis::Longitude).map_err(|e| {
                    self.report(
                        Severity::Error,
                        Some(lon_row),
                        Some(Column::Longitude),
                        SheetProblemKind::BadCoordinate(e),
                    );
                });
                let lat = parse_coordinate(lat, Axis::Latitude).map_err(|e| {
                    self.report(
                        Severity::Error,
                        Some(lat_row),
                        Some(Column::Latitude),
                        SheetProblemKind::BadCoordinate(e),
                    );
                });
                Ok(json!({ "type": "Point", "coordinates": [lon?, lat?] }))
            }
            (Some((_, row)), None) | (None, Some((_, row))) => {
                let missing = if cell(Column::Longitude).is_some() {
                    Column::Latitude
                } else {
                    Column::Longitude
                };
                self.report(
                    Severity::Error,
                    Some(row),
                    Some(missing),
                    SheetProblemKind::Dataset(ProblemKind::Missing),
                );
                Err(())
            }
            (None, None) => match cell(Column::Geometry) {
                None => Ok(Value::Null),
                Some((text, row)) => match serde_json::from_str::<Value>(text) {
                    Ok(value) => {
                        rows.geometry_json = true;
                        Ok(value)
                    }
                    Err(e) => {
                        self.report(
                            Severity::Error,
                            Some(row),
                            Some(Column::Geometry),
                            SheetProblemKind::BadJson(e.to_string()),
                        );
                        Err(())
                    }
                },
            },
        }
    }

    /// One event from its row, or `None` when a date cannot be read.
    fn event(&mut self, row: usize, cells: &BTreeMap<Column, String>) -> Option<Value> {
        let mut event = Map::new();
        let mut circa = false;
        let mut ok = true;
        for (column, key) in [(Column::Date, "date"), (Column::EndDate, "end_date")] {
            let Some(text) = cells.get(&column) else {
                continue;
            };
            match parse_sheet_date(text) {
                Ok(read) => {
                    circa |= read.circa && column == Column::Date;
                    event.insert(key.into(), json!(read.date.to_string()));
                }
                Err(e) => {
                    self.report(
                        Severity::Error,
                        Some(row),
                        Some(column),
                        SheetProblemKind::BadDate(e),
                    );
                    ok = false;
                }
            }
        }
        if let Some(yes) = cells.get(&Column::Circa) {
            circa |= self.yes_no(yes, row, Column::Circa).unwrap_or(false);
        }
        if circa {
            event.insert("circa".into(), json!(true));
        }
        let pick = |c: Column| cells.get(&c).map(|t| (t.as_str(), row));
        for (key, zh, en) in [
            ("title", Column::EventTitleZh, Column::EventTitleEn),
            ("text", Column::EventTextZh, Column::EventTextEn),
        ] {
            if let Some(t) = self.text(pick(zh), zh, pick(en), en) {
                event.insert(key.into(), t);
            }
        }
        ok.then_some(Value::Object(event))
    }
}

/// English headers, for spotting a misspelt one. A `static` rather than
/// `Column::headers()`: `typo::likely_meant` caches answers by the list's
/// address, which a temporary array would not keep (a test keeps the two equal).
static HEADERS: [&str; 35] = [
    "id",
    "name_zh",
    "name_en",
    "category",
    "longitude",
    "latitude",
    "date",
    "end_date",
    "circa",
    "event_title_zh",
    "event_title_en",
    "event_text_zh",
    "event_text_en",
    "summary_zh",
    "summary_en",
    "description_zh",
    "description_en",
    "address_zh",
    "address_en",
    "precision_m",
    "approximate",
    "location_note_zh",
    "location_note_en",
    "source_title",
    "source_url",
    "source_accessed",
    "media_src",
    "media_alt_zh",
    "media_alt_en",
    "media_caption_zh",
    "media_caption_en",
    "media_credit",
    "media_license",
    "geometry",
    "dataset",
];

/// Text in a `_zh` column with no Chinese character but Latin letters, or in
/// an `_en` column with Chinese characters and no Latin letter: usually the
/// two columns filled the wrong way round. Mixed text (an English sentence
/// quoting a Chinese name) is fine.
fn in_the_other_language(text: &str, column: Lang) -> bool {
    let han = text.chars().any(is_han);
    let latin = text.chars().any(|c| c.is_ascii_alphabetic());
    match column {
        Lang::Zh => latin && !han,
        Lang::En => han && !latin,
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{2a6df}')
}

/// A value quoted in a message, cut to a readable length.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_header_list_matches_the_columns() {
        assert_eq!(HEADERS, Column::headers());
    }

    #[test]
    fn text_of_the_wrong_language_is_spotted_but_mixed_text_is_not() {
        assert!(in_the_other_language("Memorial", Lang::Zh));
        assert!(in_the_other_language("纪念碑", Lang::En));
        assert!(!in_the_other_language("Shishan Road (狮山路)", Lang::En));
        assert!(!in_the_other_language("OpenStreetMap 上的艺术馆", Lang::Zh));
        assert!(!in_the_other_language("1939", Lang::Zh));
    }
}
