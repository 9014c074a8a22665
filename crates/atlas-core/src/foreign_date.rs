//! Dates as other tools write them, read into our [`EventDate`] without
//! rewriting the file: epoch milliseconds from the USGS feed, ISO 8601 from
//! Leaflet.TimeDimension, `3/4/1863` from a spreadsheet behind a
//! Leaflet.timeline layer, OpenHistoricalMap's `~1850`, a QGIS layer's
//! "12th century", a story map's "1814 (First post)".
//!
//! Text that holds no date ("Historic", "Late 1700s") is not an error: the
//! place stays undated and the text is kept for the panel. A date that could
//! be read two ways (`3/4/1863`) is read month first and says so, never a
//! silent guess.

mod numeric;
mod prose;

use std::fmt;

use serde_json::{Map, Number, Value};

use crate::date::{DateError, EventDate, HistDate, Precision};
use crate::quote::quote;
use crate::text::Lang;

/// A property other tools write a feature's date in. [`time_field`] tries
/// them in the order of [`TimeField::ALL`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeField {
    /// `date` (and `end_date`) directly on the properties, in our own forms but
    /// outside an `events` list: hand-written files and spreadsheets turned
    /// into GeoJSON (csv2geojson, QGIS).
    Date,
    /// `start_date`/`end_date`: OpenHistoricalMap's and OpenStreetMap's tags
    /// (`1850`, `1850-05-01`, `~1850`, `1850?`, `C18`, `1855..1860`), as
    /// overpass-turbo exports them.
    OpenHistoricalMap,
    /// `start`/`end`, which Leaflet.timeline hands to JavaScript's `Date`:
    /// ISO 8601, epoch milliseconds, or `M/D/YYYY` typed in a spreadsheet.
    LeafletTimeline,
    /// `time`: epoch milliseconds (the USGS earthquake feed) or ISO 8601
    /// (Leaflet.TimeDimension).
    Time,
    /// `timestamp`: ISO 8601 or epoch milliseconds, as GPS loggers and sensor
    /// exports write it.
    Timestamp,
    /// `times`: a list of ISO 8601 times or epoch milliseconds, the form of a
    /// Leaflet.TimeDimension track; one event from the earliest to the latest.
    Times,
    /// `year`: story maps (StoryMapJS, ArcGIS story maps) and spreadsheets;
    /// a number or text ("1939", "c. 1939", "-221").
    Year,
    /// `century`: QGIS layers of historic buildings ("12th century", "XII",
    /// "XIIe siècle", 12); a period of a hundred years.
    Century,
    /// `founded`: story maps and Wikipedia-derived place lists; a year found in text.
    Founded,
    /// `built`: building inventories; a year found in text.
    Built,
    /// `established`: story maps and gazetteers; a year found in text.
    Established,
    /// `opened`: lists of museums, stations and bridges; a year found in text.
    Opened,
}

impl TimeField {
    /// Every field, in the order [`time_field`] prefers them.
    pub const ALL: [TimeField; 12] = [
        TimeField::Date,
        TimeField::OpenHistoricalMap,
        TimeField::LeafletTimeline,
        TimeField::Time,
        TimeField::Timestamp,
        TimeField::Times,
        TimeField::Year,
        TimeField::Century,
        TimeField::Founded,
        TimeField::Built,
        TimeField::Established,
        TimeField::Opened,
    ];

    /// The property that holds the date, or the start of the range.
    pub fn key(self) -> &'static str {
        self.keys().0
    }

    /// The property keys, start then end (for the fields that have an end).
    pub fn keys(self) -> (&'static str, Option<&'static str>) {
        match self {
            TimeField::Date => ("date", Some("end_date")),
            TimeField::OpenHistoricalMap => ("start_date", Some("end_date")),
            TimeField::LeafletTimeline => ("start", Some("end")),
            TimeField::Time => ("time", None),
            TimeField::Timestamp => ("timestamp", None),
            TimeField::Times => ("times", None),
            TimeField::Year => ("year", None),
            TimeField::Century => ("century", None),
            TimeField::Founded => ("founded", None),
            TimeField::Built => ("built", None),
            TimeField::Established => ("established", None),
            TimeField::Opened => ("opened", None),
        }
    }

    /// The field and how it is read, for the one warning per file that names
    /// the mapping: "\"time\" (epoch milliseconds or ISO 8601, as the USGS
    /// feed and Leaflet.TimeDimension write it)".
    pub fn describe(self, lang: Lang) -> String {
        let keys = match (self.keys(), lang) {
            ((start, None), Lang::En) => format!("\"{start}\""),
            ((start, Some(end)), Lang::En) => format!("\"{start}\"/\"{end}\""),
            ((start, None), Lang::Zh) => format!("“{start}”"),
            ((start, Some(end)), Lang::Zh) => format!("“{start}”/“{end}”"),
        };
        let how = match (self, lang) {
            (TimeField::Date, Lang::En) => "YYYY, YYYY-MM or YYYY-MM-DD beside the properties, not in an \"events\" list",
            (TimeField::Date, Lang::Zh) => "写在属性中而非 \"events\" 列表里的 YYYY、YYYY-MM 或 YYYY-MM-DD",
            (TimeField::OpenHistoricalMap, Lang::En) => "OpenHistoricalMap and OpenStreetMap tags; \"~1850\" and \"1850?\" are approximate",
            (TimeField::OpenHistoricalMap, Lang::Zh) => "OpenHistoricalMap 与 OpenStreetMap 的标签；“~1850”“1850?”为约数",
            (TimeField::LeafletTimeline, Lang::En) => "as Leaflet.timeline reads them: ISO 8601, epoch milliseconds, or M/D/YYYY and D/M/YYYY where the numbers tell which",
            (TimeField::LeafletTimeline, Lang::Zh) => "按 Leaflet.timeline 的读法：ISO 8601、纪元毫秒，或能分辨月日顺序的 M/D/YYYY 与 D/M/YYYY",
            (TimeField::Time, Lang::En) => "epoch milliseconds or ISO 8601, as the USGS feed and Leaflet.TimeDimension write it",
            (TimeField::Time, Lang::Zh) => "纪元毫秒或 ISO 8601，USGS 地震数据与 Leaflet.TimeDimension 的写法",
            (TimeField::Timestamp, Lang::En) => "ISO 8601 or epoch milliseconds, as GPS logs write it",
            (TimeField::Timestamp, Lang::Zh) => "ISO 8601 或纪元毫秒，GPS 记录的写法",
            (TimeField::Times, Lang::En) => "a list of times, as a Leaflet.TimeDimension track writes it; one event from the first to the last",
            (TimeField::Times, Lang::Zh) => "时间列表，Leaflet.TimeDimension 轨迹的写法；从第一个到最后一个时间生成一个事件",
            (TimeField::Year, Lang::En) => "a year, as story maps and spreadsheets write it",
            (TimeField::Year, Lang::Zh) => "年份，故事地图与电子表格的写法",
            (TimeField::Century, Lang::En) => "a period of a hundred years: \"19th century\" is 1801–1900",
            (TimeField::Century, Lang::Zh) => "一百年的时段：“19th century”即 1801—1900 年",
            (TimeField::Founded | TimeField::Built | TimeField::Established | TimeField::Opened, Lang::En) => {
                "the year found in its text: \"1814 (First post)\" is 1814"
            }
            (TimeField::Founded | TimeField::Built | TimeField::Established | TimeField::Opened, Lang::Zh) => {
                "取文字中的年份：“1814 (First post)”即 1814 年"
            }
        };
        match lang {
            Lang::En => format!("{keys} ({how})"),
            Lang::Zh => format!("{keys}（{how}）"),
        }
    }

    /// The forms a value of this field is read in, for the message of a date
    /// that is in none of them.
    fn forms(self, lang: Lang) -> &'static str {
        match (self.shape(), lang) {
            (Shape::Instant, Lang::En) => {
                "ISO 8601 (1863-03-04 or 2013-01-01T00:00:00Z), epoch milliseconds, or M/D/YYYY"
            }
            (Shape::Instant, Lang::Zh) => {
                "ISO 8601（1863-03-04 或 2013-01-01T00:00:00Z）、纪元毫秒或 M/D/YYYY"
            }
            (Shape::Calendar, Lang::En) => "a year or a date: 1850, ~1850, 1850-05-01, c. 1850",
            (Shape::Calendar, Lang::Zh) => "年份或日期：1850、~1850、1850-05-01、c. 1850",
            (Shape::Century, Lang::En) => "a century: 12th century, XII, 12, 1st century BCE",
            (Shape::Century, Lang::Zh) => "世纪：12th century、XII、12、1st century BCE",
            (Shape::Prose, Lang::En) => "text with a year in it",
            (Shape::Prose, Lang::Zh) => "含年份的文字",
        }
    }

    fn shape(self) -> Shape {
        match self {
            TimeField::LeafletTimeline
            | TimeField::Time
            | TimeField::Timestamp
            | TimeField::Times => Shape::Instant,
            TimeField::Date | TimeField::OpenHistoricalMap | TimeField::Year => Shape::Calendar,
            TimeField::Century => Shape::Century,
            TimeField::Founded | TimeField::Built | TimeField::Established | TimeField::Opened => {
                Shape::Prose
            }
        }
    }
}

/// The first field of [`TimeField::ALL`] the properties fill in (not null,
/// not blank text), if any.
pub fn time_field(props: &Map<String, Value>) -> Option<TimeField> {
    TimeField::ALL
        .into_iter()
        .find(|f| props.get(f.key()).is_some_and(holds_something))
}

/// What a field's value says about when the place belongs.
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    /// A date or a period.
    Dated(ForeignDate),
    /// Text that holds no date ("Historic", "Late 1700s", "unknown", ""): the
    /// place stays undated and `shown` is kept for the panel.
    NoDate {
        /// The value as written (trimmed), "" for an empty list or a missing field.
        shown: String,
    },
    /// A value that looks like a date but is not one, or is not text at all.
    Bad(ForeignDateError),
}

/// A date read from another tool's field.
#[derive(Clone, Debug, PartialEq)]
pub struct ForeignDate {
    /// The date or period; `circa` when the text said so (`~1850`, "c. 1750").
    pub date: EventDate,
    /// Set when a day and month could be read either way (`3/4/1863`).
    pub ambiguous: Option<Ambiguity>,
}

/// A numeric date whose day and month could swap (`3/4/1863`): read month
/// first, as the browsers' `Date` does for the slashed dates Leaflet.timeline
/// and spreadsheets from the US write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ambiguity {
    /// The property the date was in.
    pub key: &'static str,
    /// The value as written.
    pub text: String,
    /// The month-first reading, which was used.
    pub chosen: HistDate,
    /// The day-first reading.
    pub other: HistDate,
}

impl Ambiguity {
    /// Which reading was chosen and how to make it certain:
    /// "\"start\" \"3/4/1863\" could be 4 March 1863 or 3 April 1863; read as 4 March 1863 …".
    pub fn describe(&self, lang: Lang) -> String {
        let (key, chosen, other) = (self.key, self.chosen, self.other);
        let text = quote(&self.text);
        match lang {
            Lang::En => format!(
                "\"{key}\" \"{text}\" could be {} or {}; read as {} (month first, as US spreadsheets and browsers read it); write {chosen} to make it certain",
                chosen.format(lang),
                other.format(lang),
                chosen.format(lang)
            ),
            Lang::Zh => format!(
                "“{key}”的“{text}”可能是{}或{}；已按月在前（美国电子表格与浏览器的读法）读作{}；写成 {chosen} 可消除歧义",
                chosen.format(lang),
                other.format(lang),
                chosen.format(lang)
            ),
        }
    }
}

/// Why a field's value was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForeignDateError {
    /// Written like a date, but no such date exists (`2/30/1863`, `13/13/1863`, year 0).
    Impossible {
        /// The property.
        key: &'static str,
        /// The value as written.
        text: String,
        /// What is wrong with it.
        error: DateError,
    },
    /// Holds numbers, but in none of the forms the field is read in.
    Unreadable {
        /// The field, which says the forms.
        field: TimeField,
        /// The property.
        key: &'static str,
        /// The value as written.
        text: String,
    },
    /// Not text or a number (or, for `times`, a list).
    WrongType {
        /// The property.
        key: &'static str,
        /// What it is instead: "an object", "true or false", "a list".
        found: &'static str,
    },
    /// The end of the range is before its start.
    EndBeforeStart {
        /// The property of the end.
        key: &'static str,
        /// The start read.
        start: HistDate,
        /// The end read.
        end: HistDate,
    },
}

impl ForeignDateError {
    /// The property the problem is in.
    pub fn key(&self) -> &'static str {
        match self {
            ForeignDateError::Impossible { key, .. }
            | ForeignDateError::Unreadable { key, .. }
            | ForeignDateError::WrongType { key, .. }
            | ForeignDateError::EndBeforeStart { key, .. } => key,
        }
    }

    /// What is wrong, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (ForeignDateError::Impossible { key, text, error }, Lang::En) => {
                let text = quote(text);
                format!("\"{key}\" \"{text}\" is not a real date: {error}")
            }
            (ForeignDateError::Impossible { key, text, .. }, Lang::Zh) => {
                let text = quote(text);
                format!("“{key}”的“{text}”不是存在的日期")
            }
            // The text is the file's own: cut, its invisible characters written out.
            (ForeignDateError::Unreadable { field, key, text }, lang) => {
                match (lang, quote(text)) {
                    (Lang::En, text) => format!(
                        "\"{key}\" \"{text}\" is not a date in a form this field is read in: {}",
                        field.forms(lang)
                    ),
                    (Lang::Zh, text) => format!(
                        "“{key}”的“{text}”不是此字段能读的日期形式：{}",
                        field.forms(lang)
                    ),
                }
            }
            (ForeignDateError::WrongType { key, found }, Lang::En) => {
                format!("\"{key}\" should be text or a number, not {found}")
            }
            (ForeignDateError::WrongType { key, .. }, Lang::Zh) => {
                format!("“{key}”应为文字或数字")
            }
            (ForeignDateError::EndBeforeStart { key, start, end }, lang) => match lang {
                Lang::En => format!(
                    "\"{key}\" {} is before the start, {}",
                    end.format(lang),
                    start.format(lang)
                ),
                Lang::Zh => format!(
                    "“{key}”的{}早于开始日期{}",
                    end.format(lang),
                    start.format(lang)
                ),
            },
        }
    }
}

impl fmt::Display for ForeignDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for ForeignDateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ForeignDateError::Impossible { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Reads `field` (and its end, if it has one) from the properties.
///
/// An end that holds no date ("present") leaves the event with its start; an
/// end before the start is [`ForeignDateError::EndBeforeStart`].
pub fn read(field: TimeField, props: &Map<String, Value>) -> Reading {
    let (start_key, end_key) = field.keys();
    let start_value = props.get(start_key).unwrap_or(&Value::Null);
    let start = match read_value(field, start_key, start_value) {
        Ok(Some(piece)) => piece,
        Ok(None) => {
            return Reading::NoDate {
                shown: shown(start_value),
            }
        }
        Err(e) => return Reading::Bad(e),
    };
    let end = match end_key.and_then(|k| Some(k).zip(props.get(k).filter(|v| holds_something(v)))) {
        None => None,
        Some((key, value)) => match read_value(field, key, value) {
            Ok(piece) => piece.map(|p| (key, p)),
            Err(e) => return Reading::Bad(e),
        },
    };
    let mut date = EventDate {
        start: start.start,
        end: start.end,
        circa: start.circa,
    };
    let mut ambiguous = start.ambiguous;
    if let Some((key, piece)) = end {
        let last = piece.end.unwrap_or(piece.start);
        if last < date.start {
            return Reading::Bad(ForeignDateError::EndBeforeStart {
                key,
                start: date.start,
                end: last,
            });
        }
        date.end = Some(last);
        date.circa |= piece.circa;
        ambiguous = ambiguous.or(piece.ambiguous);
    }
    date.end = date.end.filter(|e| *e != date.start);
    Reading::Dated(ForeignDate { date, ambiguous })
}

// ---------------------------------------------------------------------------

/// How a field's values are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// A moment: ISO 8601, epoch milliseconds, slashed dates.
    Instant,
    /// A calendar date or year, possibly approximate.
    Calendar,
    /// A century.
    Century,
    /// Free text with a year somewhere in it.
    Prose,
}

/// One value read: a date, or a period from `start` to `end`.
#[derive(Clone, Debug, PartialEq)]
struct Piece {
    start: HistDate,
    end: Option<HistDate>,
    circa: bool,
    ambiguous: Option<Ambiguity>,
}

impl Piece {
    fn on(start: HistDate) -> Self {
        Piece {
            start,
            end: None,
            circa: false,
            ambiguous: None,
        }
    }

    fn span(start: HistDate, end: HistDate) -> Self {
        Piece {
            end: Some(end).filter(|e| *e != start),
            ..Piece::on(start)
        }
    }

    fn circa(self, circa: bool) -> Self {
        Piece {
            circa: self.circa || circa,
            ..self
        }
    }
}

/// Why a value was refused, before the key and text are attached.
enum Refusal {
    Impossible(DateError),
    Unreadable,
    WrongType(&'static str),
}

fn read_value(
    field: TimeField,
    key: &'static str,
    value: &Value,
) -> Result<Option<Piece>, ForeignDateError> {
    let shape = field.shape();
    let read = match value {
        Value::Null => Ok(None),
        Value::Bool(_) => Err(Refusal::WrongType("true or false")),
        Value::Object(_) => Err(Refusal::WrongType("an object")),
        Value::Array(list) if field == TimeField::Times => {
            return read_list(field, key, list);
        }
        Value::Array(_) => Err(Refusal::WrongType("a list")),
        Value::Number(n) if shape == Shape::Century => prose::century_number(n),
        Value::Number(n) => number(n, shape == Shape::Instant),
        Value::String(s) if shape == Shape::Century => prose::century(s),
        Value::String(s) => text(s, shape),
    };
    let text = shown(value);
    read.map(|piece| {
        piece.map(|p| Piece {
            ambiguous: p.ambiguous.map(|a| Ambiguity {
                key,
                text: text.clone(),
                ..a
            }),
            ..p
        })
    })
    .map_err(|refusal| match refusal {
        Refusal::Impossible(error) => ForeignDateError::Impossible { key, text, error },
        Refusal::Unreadable => ForeignDateError::Unreadable { field, key, text },
        Refusal::WrongType(found) => ForeignDateError::WrongType { key, found },
    })
}

/// A track's times: the earliest to the latest, whatever their order.
fn read_list(
    field: TimeField,
    key: &'static str,
    list: &[Value],
) -> Result<Option<Piece>, ForeignDateError> {
    let mut whole: Option<Piece> = None;
    for value in list {
        let Some(piece) = read_value(TimeField::Time, key, value).map_err(|e| match e {
            ForeignDateError::Unreadable { key, text, .. } => {
                ForeignDateError::Unreadable { field, key, text }
            }
            other => other,
        })?
        else {
            continue;
        };
        let last = piece.end.unwrap_or(piece.start);
        whole = Some(match whole {
            None => piece,
            Some(w) => {
                let end = w.end.unwrap_or(w.start).max(last);
                Piece {
                    ambiguous: w.ambiguous.or(piece.ambiguous),
                    ..Piece::span(w.start.min(piece.start), end).circa(w.circa || piece.circa)
                }
            }
        });
    }
    Ok(whole)
}

/// A number is a year when it could be one (an integer, not 0, at most four
/// digits: no tool's timestamp falls within ten seconds of 1970), else, in
/// fields that hold moments, epoch milliseconds.
fn number(n: &Number, epoch: bool) -> Result<Option<Piece>, Refusal> {
    let value = n.as_f64().ok_or(Refusal::Unreadable)?;
    if value.fract() == 0.0 && value != 0.0 && value.abs() <= 9999.0 {
        return Ok(Some(Piece::on(HistDate::year(value as i32))));
    }
    if epoch {
        return numeric::epoch_ms(value).map(|d| Some(Piece::on(d)));
    }
    Err(Refusal::Unreadable)
}

fn text(raw: &str, shape: Shape) -> Result<Option<Piece>, Refusal> {
    let trimmed = raw.trim();
    if !trimmed.bytes().any(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let (core, circa) = numeric::approximate(trimmed);
    if shape == Shape::Instant && numeric::is_epoch_digits(core) {
        let ms: f64 = core.parse().map_err(|_| Refusal::Unreadable)?;
        return numeric::epoch_ms(ms).map(|d| Some(Piece::on(d)));
    }
    match numeric::iso_range(core) {
        // In free text a bare number is a year only by the rules of `prose::find` (1–2100).
        Some(Ok(p)) if shape == Shape::Prose && p.start.precision() == Precision::Year => {}
        Some(Err(_)) if shape == Shape::Prose => {}
        Some(read) => return read.map(|p| Some(p.circa(circa))),
        None => {}
    }
    if let Some(read) = numeric::slashed(core) {
        return read.map(|p| Some(p.circa(circa)));
    }
    if let Some(read) = prose::osm_century(core) {
        return read.map(|p| p.map(|p| p.circa(circa)));
    }
    match prose::find(trimmed) {
        prose::Found::Dated(piece) => Ok(Some(piece)),
        prose::Found::Qualified => Ok(None),
        prose::Found::Nothing if shape == Shape::Prose => Ok(None),
        prose::Found::Nothing => Err(Refusal::Unreadable),
    }
}

fn holds_something(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    }
}

/// The value as a curator wrote it, for the panel and for messages.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.trim().to_owned(),
        Value::Array(list) if list.is_empty() => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests;
