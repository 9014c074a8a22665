//! Reading a dataset: JSON → validated [`Atlas`] plus every problem found.
//!
//! A feature with an error is skipped and the rest still load; warnings keep
//! the feature. The app and atlas-check both call [`load`], so curators see
//! exactly what visitors would.

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};

use crate::date::{EventDate, HistDate};
use crate::first_view;
use crate::foreign_date::{self, Reading, TimeField};
use crate::geo::LonLat;
use crate::interop::{self, Mapping};
use crate::kiosk_read;
use crate::limits::{MAX_NESTING_DEPTH, MAX_TEXT_BYTES};
use crate::load_job::LoadJob;
use crate::long_text;
use crate::model::{
    Atlas, AtlasSettings, BasemapLayerRef, Category, DateAsWritten, Event, Location, Media, Site,
    Source,
};
use crate::outliers;
use crate::problem::{Expected, FatalError, Problem, ProblemKind, Severity};
use crate::repeated_key::CheckedValue;
use crate::scan;
use crate::shape::{self, GeometryErrorKind, Shape};
use crate::stream::{self, Collection};
use crate::text::{Lang, LocalizedText};
use crate::tour_read;
use crate::typo;

pub use crate::limits::MAX_DATASET_BYTES;

/// Members a Feature may have.
pub const FEATURE_KEYS: &[&str] = &["type", "geometry", "properties", "id", "bbox"];
/// Properties of a site, including the other tools' names [`crate::interop`] reads.
pub const PROPERTY_KEYS: &[&str] = &[
    "id",
    "name",
    "category",
    "events",
    "summary",
    "description",
    "address",
    "location",
    "media",
    "sources",
    "title",
    "date",
    "end_date",
    "start_date",
    "start",
    "end",
    "year",
];
/// Members of an event.
pub const EVENT_KEYS: &[&str] = &["date", "end_date", "circa", "title", "text"];
/// Members of `location`.
pub const LOCATION_KEYS: &[&str] = &["datum", "precision_m", "approximate", "note"];
/// Members of a source.
pub const SOURCE_KEYS: &[&str] = &["title", "url", "accessed"];
/// Members of a media item.
pub const MEDIA_KEYS: &[&str] = &["src", "alt", "caption", "credit", "license"];
/// Members of the top-level `atlas` settings (some are reserved for later versions).
pub const ATLAS_KEYS: &[&str] = &[
    "version",
    "title",
    "description",
    "default_language",
    "basemap",
    "basemap_attribution",
    "view",
    "tour",
    "tiles",
    "kiosk",
];

/// A dataset that could be read, and what is wrong in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// The valid part of the dataset.
    pub atlas: Atlas,
    /// Every problem found, errors and warnings: the settings' first, then
    /// each feature's in file order, then the collection's.
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// The problems that made a feature be skipped.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// The problems that leave the feature shown.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }
}

/// Reads and validates a dataset.
///
/// The same as running a [`LoadJob`] to its end in one go: the app runs one
/// a batch at a time, and gets exactly this.
pub fn load(text: &str) -> Result<Loaded, FatalError> {
    LoadJob::new(text)?.finish()
}

/// Reads a whole file in one pass of serde_json, feature by feature: for
/// the files [`scan`] does not lay out (a single Feature, a top level that
/// is not an object, punctuation out of place), so their messages are
/// serde_json's own, and the reference the batched reader is tested against.
pub(crate) fn load_whole(text: &str) -> Result<Loaded, FatalError> {
    if text.len() > MAX_DATASET_BYTES {
        return Err(FatalError::TooLarge {
            bytes: text.len(),
            limit: MAX_DATASET_BYTES,
        });
    }
    // serde_json would stop at 128 levels with a bare "recursion limit
    // exceeded"; the limit here is lower and says where.
    if let Some(part) = scan::nesting(text) {
        if let Some(at) = part.too_deep_at {
            return Err(too_deep(text, at, part.depth));
        }
    }
    // Each feature is validated as soon as it is read, so only one feature's
    // JSON tree is alive at a time (see `stream`).
    let mut file = FileReader::default();
    let mut collection = stream::read_collection(text, &mut |index, feature| {
        file.feature(index, feature);
    })
    .map_err(|e| FatalError::InvalidJson {
        line: e.line(),
        column: e.column(),
        message: json_error_message(&e),
    })?;
    if let Some(kind) = collection.not_an_object {
        return Err(FatalError::NotFeatureCollection {
            found: format!("the top level is {kind}"),
        });
    }
    match collection.kind.as_ref().map(|k| k.as_str()) {
        Some(Some("FeatureCollection")) => {}
        // RFC 7946 also lets a file be one Feature or one bare geometry: a one-site dataset.
        Some(Some(single)) if single == "Feature" || shape::is_geometry_type(single) => {
            let read: CheckedValue =
                serde_json::from_str(text).map_err(|e| FatalError::InvalidJson {
                    line: e.line(),
                    column: e.column(),
                    message: json_error_message(&e),
                })?;
            let feature = if single == "Feature" {
                read
            } else {
                CheckedValue {
                    value: serde_json::json!({ "type": "Feature", "geometry": read.value, "properties": null }),
                    repeated: read
                        .repeated
                        .into_iter()
                        .map(|r| r.under("geometry"))
                        .collect(),
                }
            };
            // Whatever a stray `features` member held is not part of a single
            // Feature, and the top level's repeats are the feature's own.
            collection.repeated.clear();
            file = FileReader::default();
            file.feature(0, feature);
            collection.feature_count = 1;
            collection.features_listed = false;
        }
        Some(Some(other)) => {
            return Err(FatalError::NotFeatureCollection {
                found: format!("\"type\" is \"{other}\""),
            })
        }
        Some(None) | None => {
            return Err(FatalError::NotFeatureCollection {
                found: "no \"type\" member".into(),
            })
        }
    }
    let single = collection.feature_count == 1 && !collection.features_listed;
    if !collection.features_listed && !single {
        return Err(FatalError::NotFeatureCollection {
            found: "\"features\" is not a list".into(),
        });
    }
    finish(file, collection)
}

/// What a file whose features are all read adds up to: the settings, the
/// file-wide notes and the collection's own problems.
pub(crate) fn finish(file: FileReader, mut collection: Collection) -> Result<Loaded, FatalError> {
    if let Some(crs) = &collection.crs {
        check_crs(crs)?;
    }
    let FileReader {
        first_by_id,
        mut feature_problems,
        sites,
        notes,
        ..
    } = file;

    let mut problems: Vec<Problem> = std::mem::take(&mut collection.repeated)
        .into_iter()
        .map(|r| {
            // Features are shown as they are read: a second list comes too late.
            let first_is_read = r.field == "features";
            Problem::in_settings(
                Severity::Warning,
                r.field,
                ProblemKind::RepeatedKey {
                    key: r.key,
                    first_is_read,
                },
            )
        })
        .collect();
    // A string over the limit in the settings is left out, and said so.
    if let Some(atlas) = collection.atlas.as_mut() {
        let mut taken = Vec::new();
        long_text::take_long_texts(atlas, "atlas", &mut taken);
        problems.extend(taken.into_iter().map(|t| {
            Problem::in_settings(
                Severity::Warning,
                t.field,
                ProblemKind::TextTooLong {
                    bytes: t.bytes,
                    limit: MAX_TEXT_BYTES,
                },
            )
        }));
    }
    let ids = tour_read::SiteIds {
        sites: &sites,
        in_file: &first_by_id,
    };
    let settings = read_settings(collection.atlas.as_ref(), ids, &mut problems);
    report_outliers(&sites, &mut feature_problems);
    problems.extend(notes.problems());
    if let Some(view) = first_view::first_view(&sites).filter(|v| !v.left_out.is_empty()) {
        problems.push(Problem {
            severity: Severity::Warning,
            feature: None,
            id: None,
            field: "geometry.coordinates".into(),
            kind: ProblemKind::LeftOutOfFirstView {
                features: view
                    .left_out
                    .iter()
                    .map(|&i| sites[i].feature_index)
                    .collect(),
            },
        });
    }
    problems.extend(feature_problems.into_iter().flatten());
    if sites.is_empty() && collection.feature_count > 0 {
        problems.push(Problem {
            severity: Severity::Error,
            feature: None,
            id: None,
            field: "features".into(),
            kind: ProblemKind::NoSites,
        });
    }
    Ok(Loaded {
        atlas: Atlas::new(settings, sites),
        problems,
    })
}

/// The UTF-8 byte order mark, which some editors on Windows write first.
pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads and validates a dataset from the bytes of its file, as a server
/// sends them: a UTF-8 byte order mark is skipped, other bytes that are not
/// UTF-8 are a [`FatalError::InvalidUtf8`] with their offset, and the text
/// goes to [`load`]. The app reads responses this way, so the file enters
/// WebAssembly with one copy and no transcoding.
pub fn load_bytes(bytes: &[u8]) -> Result<Loaded, FatalError> {
    LoadJob::from_bytes(bytes)?.finish()
}

/// The message for nesting past [`MAX_NESTING_DEPTH`] at byte `at`.
pub(crate) fn too_deep(text: &str, at: usize, depth: usize) -> FatalError {
    let (line, column) = scan::line_column(text, at);
    FatalError::TooDeep {
        depth,
        limit: MAX_NESTING_DEPTH,
        line,
        column,
    }
}

/// Links allowed in data: http(s) with a host, or a path on the page's own
/// server; the rule and what it refuses are [`crate::link::Link::parse`]'s.
pub fn is_safe_url(url: &str) -> bool {
    crate::link::Link::parse(url).is_some()
}

/// Ids appear in links (`?site=`), so they stay URL-safe.
/// OpenStreetMap's `node/123`, `way/4`, `relation/5` are accepted as written
/// (links escape the `/`).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
}

/// Warnings for located sites far from all the others, placed with their feature's problems.
fn report_outliers(sites: &[Site], feature_problems: &mut [Vec<Problem>]) {
    let located: Vec<(&Site, LonLat)> = sites
        .iter()
        .filter_map(|s| s.position.map(|p| (s, p)))
        .collect();
    let positions: Vec<LonLat> = located.iter().map(|(_, p)| *p).collect();
    for outlier in outliers::find(&positions) {
        let site = located[outlier.index].0;
        let kind = if outlier.swapped_fits {
            ProblemKind::ProbablySwapped {
                shown_swapped: false,
            }
        } else {
            ProblemKind::FarFromOthers {
                km: outlier.km,
                typical_km: outlier.typical_km,
            }
        };
        feature_problems[site.feature_index].push(Problem {
            severity: Severity::Warning,
            feature: Some(site.feature_index),
            id: Some(site.id.clone()),
            field: "geometry.coordinates".into(),
            kind,
        });
    }
}

/// Accepts `crs` only when it says what RFC 7946 assumes anyway (CRS84:
/// longitude, latitude on WGS84); any other would put every site in the wrong place.
fn check_crs(crs: &Value) -> Result<(), FatalError> {
    let name = crs
        .pointer("/properties/name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let upper = name.to_ascii_uppercase();
    // QGIS and GDAL write OGC's URN; older GeoJSON (2008) wrote EPSG:4326 meaning the same order.
    let wgs84_lon_lat = upper.ends_with("CRS84")
        || upper == "EPSG:4326"
        || upper.ends_with("EPSG::4326")
        || upper.ends_with("EPSG:4326");
    if wgs84_lon_lat {
        Ok(())
    } else {
        Err(FatalError::UnsupportedCrs {
            name: if name.is_empty() {
                crs.to_string()
            } else {
                name.to_owned()
            },
        })
    }
}

/// What the features of one file add up to, as they are read one by one.
#[derive(Default)]
pub(crate) struct FileReader {
    first_by_id: HashMap<String, usize>,
    feature_problems: Vec<Vec<Problem>>,
    sites: Vec<Site>,
    notes: FileNotes,
}

impl FileReader {
    /// A feature nested past [`MAX_NESTING_DEPTH`]: not parsed, not shown.
    pub(crate) fn too_deep(&mut self, index: usize, depth: usize) {
        self.feature_problems.push(vec![Problem {
            severity: Severity::Error,
            feature: Some(index),
            id: None,
            field: String::new(),
            kind: ProblemKind::NestedTooDeep {
                depth,
                limit: MAX_NESTING_DEPTH,
            },
        }]);
    }

    /// Reads feature `index`; features come in file order.
    pub(crate) fn feature(&mut self, index: usize, feature: CheckedValue) {
        let CheckedValue { value, repeated } = feature;
        let feature = &value;
        let mut reader = FeatureReader {
            index,
            id: None,
            problems: Vec::new(),
            failed: false,
            notes: &mut self.notes,
            displaces: None,
        };
        let site = reader.site(feature, &mut self.first_by_id);
        for r in repeated {
            reader.warn(
                r.field,
                ProblemKind::RepeatedKey {
                    key: r.key,
                    first_is_read: false,
                },
            );
        }
        let (failed, problems, displaced) = (reader.failed, reader.problems, reader.displaces);
        if let Some(earlier) = displaced {
            self.rename(earlier);
        }
        if let Some(site) = site.filter(|_| !failed) {
            if site.is_undated() {
                self.notes.undated.push(index);
            }
            self.sites.push(site);
        }
        self.feature_problems.push(problems);
    }

    /// Gives the feature `earlier` a new generated id: a later feature wrote its id.
    fn rename(&mut self, earlier: usize) {
        let Ok(at) = self
            .sites
            .binary_search_by_key(&earlier, |s| s.feature_index)
        else {
            return;
        };
        let old = self.sites[at].id.clone();
        let id = unused_id(&old, &self.first_by_id);
        self.first_by_id.insert(id.clone(), earlier);
        self.notes.generated.insert(id.clone());
        for problem in &mut self.feature_problems[earlier] {
            problem.id = Some(id.clone());
        }
        self.sites[at].id = id;
    }
}

/// Observations that are reported once for the whole file, not per feature:
/// a file from another tool repeats the same mapping in every feature.
#[derive(Default)]
struct FileNotes {
    mapped: Vec<(String, Mapping, Vec<usize>)>,
    undated: Vec<usize>,
    generated_ids: Vec<usize>,
    /// The ids the viewer made up, which an id written in the file may take over.
    generated: std::collections::HashSet<String>,
}

impl FileNotes {
    fn mapped(&mut self, field: impl Into<String>, mapping: Mapping, feature: usize) {
        match self.mapped.iter_mut().find(|(_, m, _)| *m == mapping) {
            Some((_, _, features)) => features.push(feature),
            None => self.mapped.push((field.into(), mapping, vec![feature])),
        }
    }

    fn problems(self) -> Vec<Problem> {
        let file_wide = |field: &str, kind| Problem {
            severity: Severity::Warning,
            feature: None,
            id: None,
            field: field.to_owned(),
            kind,
        };
        let mut problems = Vec::new();
        if !self.undated.is_empty() {
            problems.push(file_wide(
                "properties.events",
                ProblemKind::Undated {
                    features: self.undated,
                },
            ));
        }
        if !self.generated_ids.is_empty() {
            problems.push(file_wide(
                "properties.id",
                ProblemKind::GeneratedIds {
                    features: self.generated_ids,
                },
            ));
        }
        for (field, mapping, features) in self.mapped {
            problems.push(file_wide(&field, ProblemKind::Mapped { mapping, features }));
        }
        problems
    }
}

/// A field's path (`properties.events[2].date`), spelt out only when a
/// problem names it: most fields have none, and formatting every path up front
/// was about a twentieth of a 36k load.
#[derive(Clone, Copy)]
enum Path<'a> {
    /// A path written out whole.
    Root(&'a str),
    /// An item of a list: `list[i]`.
    Item(&'a Path<'a>, usize),
    /// A member of an object: `parent.name` (`parent.` with an empty name, a prefix).
    Member(&'a Path<'a>, &'a str),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(path) => f.write_str(path),
            Path::Item(list, i) => write!(f, "{list}[{i}]"),
            Path::Member(parent, name) => write!(f, "{parent}.{name}"),
        }
    }
}

struct FeatureReader<'a> {
    index: usize,
    id: Option<String>,
    problems: Vec<Problem>,
    failed: bool,
    notes: &'a mut FileNotes,
    /// A feature whose generated id this feature's own id takes over.
    displaces: Option<usize>,
}

/// The name shown for a feature without one; its number lets a curator find it.
fn unnamed(index: usize) -> LocalizedText {
    LocalizedText {
        zh: Some(format!("未命名地点（要素 {index}）")),
        en: Some(format!("Unnamed place (feature {index})")),
    }
}

/// At most this many of another tool's properties are kept per site…
const OTHER_FIELDS: usize = 24;
/// …each at most this many characters.
const OTHER_FIELD_CHARS: usize = 200;

/// Another tool's plain properties the viewer does not read otherwise, in
/// file order: text, numbers and true/false (lists, objects and styling are
/// left out).
fn other_fields(props: &Map<String, Value>) -> Vec<(String, String)> {
    props
        .iter()
        .filter(|(key, _)| {
            !PROPERTY_KEYS.contains(&key.as_str())
                && !key.starts_with("marker-")
                && !key.starts_with("stroke")
                && !key.starts_with("fill")
        })
        .filter_map(|(key, value)| {
            let text = match value {
                Value::String(s) if !s.trim().is_empty() => s.trim().to_owned(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            let text = match text.char_indices().nth(OTHER_FIELD_CHARS) {
                Some((cut, _)) => format!("{}…", &text[..cut]),
                None => text,
            };
            Some((key.clone(), text))
        })
        .take(OTHER_FIELDS)
        .collect()
}

/// `base`, or `base-2`, `base-3`… whichever no site has yet.
fn unused_id(base: &str, taken: &HashMap<String, usize>) -> String {
    if !taken.contains_key(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains_key(id))
        .unwrap_or_default()
}

impl FeatureReader<'_> {
    fn report(&mut self, severity: Severity, field: impl fmt::Display, kind: ProblemKind) {
        self.failed |= severity == Severity::Error;
        self.problems.push(Problem {
            severity,
            feature: Some(self.index),
            id: self.id.clone(),
            field: field.to_string(),
            kind,
        });
    }

    fn error(&mut self, field: impl fmt::Display, kind: ProblemKind) {
        self.report(Severity::Error, field, kind);
    }

    fn warn(&mut self, field: impl fmt::Display, kind: ProblemKind) {
        self.report(Severity::Warning, field, kind);
    }

    /// Reads a list of objects item by item: an item that is not an object is
    /// a warning, unknown keys are checked for typos, and `read` turns each
    /// object (with its field path) into a value, reporting in list order.
    fn each_object<T>(
        &mut self,
        list: &[Value],
        name: &str,
        expected: Expected,
        known: &[&'static str],
        mut read: impl FnMut(&mut Self, Path<'_>, &Map<String, Value>) -> Option<T>,
    ) -> Vec<T> {
        let list_path = Path::Root(name);
        list.iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let field = Path::Item(&list_path, i);
                let Value::Object(object) = item else {
                    self.warn(field, ProblemKind::WrongType { expected });
                    return None;
                };
                self.typos(object, known, Path::Member(&field, ""));
                read(self, field, object)
            })
            .collect()
    }

    /// Warns about unknown keys that look like misspelt known ones.
    fn typos(
        &mut self,
        object: &Map<String, Value>,
        known: &[&'static str],
        prefix: impl fmt::Display + Copy,
    ) {
        for key in object.keys() {
            // `name:en`-style keys are tags from other tools, not misspellings.
            if key.contains(':') {
                continue;
            }
            // Another producer's own field is not a slip, and neither is a key
            // beside the very field it resembles (`source` next to `sources`).
            if interop::PRODUCER_KEYS.contains(&key.as_str()) {
                continue;
            }
            if let Some(meant) = typo::likely_meant(key, known)
                .filter(|m| !object.contains_key(*m) && !interop::cut_by_shapefile(key, m))
            {
                self.warn(
                    format!("{prefix}{key}"),
                    ProblemKind::LikelyTypo {
                        found: key.clone(),
                        meant,
                    },
                );
            }
        }
    }

    fn site(&mut self, feature: &Value, first_by_id: &mut HashMap<String, usize>) -> Option<Site> {
        let whole = feature;
        let Value::Object(feature) = feature else {
            self.error("", ProblemKind::NotAFeature);
            return None;
        };
        if feature.get("type").and_then(Value::as_str) != Some("Feature") {
            self.error("type", ProblemKind::NotAFeature);
            return None;
        }
        // Before the id is read: an over-long id is neither kept nor printed.
        if let Some(long) = long_text::first_long_text(whole, "") {
            self.error(
                long.field,
                ProblemKind::TextTooLong {
                    bytes: long.bytes,
                    limit: MAX_TEXT_BYTES,
                },
            );
            return None;
        }
        let empty = Map::new();
        let props = match feature.get("properties") {
            Some(Value::Object(p)) => p,
            None | Some(Value::Null) => &empty,
            Some(_) => {
                self.error(
                    "properties",
                    ProblemKind::WrongType {
                        expected: Expected::Object,
                    },
                );
                &empty
            }
        };

        // The id first: every later problem of this feature carries it.
        let id = self.id(props, feature, first_by_id);
        self.typos(feature, FEATURE_KEYS, "");
        self.typos(props, PROPERTY_KEYS, "properties.");
        let name = self.name(props);
        let category = self.category(props);
        let mut date_as_written = None;
        let events = self.events(props, &name, &mut date_as_written);
        let summary = self.text(props, "summary", false);
        let description = self.text(props, "description", false);
        let address = self.text(props, "address", false);
        let placed = self.position(feature.get("geometry"));
        let location = self.location(props.get("location"));
        let media = self.media(props.get("media"));
        let sources = self.sources(props.get("sources"));
        let (position, shape) = placed?;
        let other_fields = if props.get("events").is_none_or(Value::is_null) {
            other_fields(props)
        } else {
            Vec::new()
        };

        Some(Site {
            id: id?,
            feature_index: self.index,
            name,
            category,
            events,
            summary: summary.unwrap_or_default(),
            address: address.unwrap_or_default(),
            position,
            shape,
            location,
            sources,
            description: description.unwrap_or_default(),
            media,
            date_as_written,
            other_fields,
        })
    }

    fn id(
        &mut self,
        props: &Map<String, Value>,
        feature: &Map<String, Value>,
        first_by_id: &mut HashMap<String, usize>,
    ) -> Option<String> {
        // RFC 7946 lets the id be the Feature's own member; the property wins
        // when both exist; overpass-turbo writes `@id` ("node/123").
        let given = [
            ("properties.id", props.get("id")),
            ("id", feature.get("id")),
            ("properties.@id", props.get("@id")),
        ]
        .into_iter()
        .find_map(|(field, v)| v.filter(|v| !v.is_null()).map(|v| (field, v)));
        let Some((field, raw)) = given else {
            return Some(self.generated_id(props, first_by_id));
        };
        let id = match raw {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => {
                self.error(
                    field,
                    ProblemKind::WrongType {
                        expected: Expected::String,
                    },
                );
                return None;
            }
        };
        self.id = Some(id.clone());
        if !is_valid_id(&id) {
            self.error(field, ProblemKind::InvalidId);
            return None;
        }
        if let Some(&first) = first_by_id.get(&id) {
            if self.notes.generated.contains(&id) {
                // An id the file chose wins over one the viewer made up.
                self.displaces = Some(first);
            } else {
                self.error(field, ProblemKind::DuplicateId { first });
                return None;
            }
        }
        first_by_id.insert(id.clone(), self.index);
        Some(id)
    }

    /// An id for a feature without one: a slug of its name, else its index,
    /// deduplicated. It depends only on the file, so `?site=` links made
    /// from it keep working after a reload.
    fn generated_id(
        &mut self,
        props: &Map<String, Value>,
        first_by_id: &mut HashMap<String, usize>,
    ) -> String {
        let base = interop::name_for_id(props)
            .and_then(|name| interop::slug(&name))
            .unwrap_or_else(|| format!("feature-{}", self.index));
        let id = unused_id(&base, first_by_id);
        self.notes.generated_ids.push(self.index);
        self.notes.generated.insert(id.clone());
        first_by_id.insert(id.clone(), self.index);
        self.id = Some(id.clone());
        id
    }

    /// The name, from `name` or another tool's field; a feature with none is
    /// still shown, as "Unnamed place (feature N)".
    fn name(&mut self, props: &Map<String, Value>) -> LocalizedText {
        if props.get("name").is_none_or(Value::is_null) {
            if let Some((name, mapping)) = interop::foreign_name(props) {
                let field = match mapping {
                    Mapping::NameFromTitle => "properties.title",
                    Mapping::NameFromTags => "properties.name:en",
                    _ => "properties.NAME",
                };
                self.notes.mapped(field, mapping, self.index);
                for lang in name.missing() {
                    self.warn("properties.name", ProblemKind::MissingTranslation(lang));
                }
                return name;
            }
            self.warn("properties.name", ProblemKind::Unnamed);
            return unnamed(self.index);
        }
        match self.text(props, "name", false) {
            Some(name) => name,
            None => {
                self.warn("properties.name", ProblemKind::Unnamed);
                unnamed(self.index)
            }
        }
    }

    fn text(
        &mut self,
        props: &Map<String, Value>,
        key: &str,
        required: bool,
    ) -> Option<LocalizedText> {
        let field = Path::Member(&Path::Root("properties"), key);
        self.text_at(props.get(key), field, required)
    }

    fn text_at(
        &mut self,
        value: Option<&Value>,
        field: impl fmt::Display + Copy,
        required: bool,
    ) -> Option<LocalizedText> {
        match value.filter(|v| !v.is_null()) {
            None => {
                if required {
                    self.error(field, ProblemKind::Missing);
                }
                None
            }
            Some(v) => match LocalizedText::from_json(v) {
                Some(t) if !t.is_empty() => {
                    for lang in t.missing() {
                        self.warn(field, ProblemKind::MissingTranslation(lang));
                    }
                    Some(t)
                }
                Some(_) if required => {
                    self.error(field, ProblemKind::Missing);
                    None
                }
                Some(_) => None,
                None => {
                    let kind = ProblemKind::WrongType {
                        expected: Expected::Text,
                    };
                    if required {
                        self.error(field, kind);
                    } else {
                        self.warn(field, kind);
                    }
                    None
                }
            },
        }
    }

    fn category(&mut self, props: &Map<String, Value>) -> Category {
        match props.get("category") {
            Some(Value::String(name)) => {
                let category = Category::from_name(name);
                if let Category::Other(name) = &category {
                    self.warn(
                        "properties.category",
                        ProblemKind::UnknownCategory(name.clone()),
                    );
                }
                category
            }
            None | Some(Value::Null) => {
                if let Some((key, value)) = interop::foreign_category(props) {
                    let field = format!("properties.{key}");
                    self.notes
                        .mapped(field, Mapping::CategoryFrom(key), self.index);
                    return Category::from_name(&value);
                }
                self.warn("properties.category", ProblemKind::NoCategory);
                Category::Other(String::new())
            }
            Some(_) => {
                self.warn(
                    "properties.category",
                    ProblemKind::WrongType {
                        expected: Expected::String,
                    },
                );
                Category::Other(String::new())
            }
        }
    }

    /// The events; none for a place without a date, which shows on the map
    /// and not on the timeline (reported once for the file).
    fn events(
        &mut self,
        props: &Map<String, Value>,
        name: &LocalizedText,
        date_as_written: &mut Option<DateAsWritten>,
    ) -> Vec<Event> {
        let list = match props.get("events") {
            Some(Value::Array(list)) if !list.is_empty() => list,
            None | Some(Value::Null) => {
                if let Some(field) = foreign_date::time_field(props) {
                    return self
                        .foreign_event(props, field, name, date_as_written)
                        .into_iter()
                        .collect();
                }
                return Vec::new();
            }
            Some(Value::Array(_)) => return Vec::new(),
            Some(_) => {
                self.error(
                    "properties.events",
                    ProblemKind::WrongType {
                        expected: Expected::EventList,
                    },
                );
                return Vec::new();
            }
        };
        let list_path = Path::Root("properties.events");
        let mut events: Vec<Event> = list
            .iter()
            .enumerate()
            .filter_map(|(i, e)| self.event(e, Path::Item(&list_path, i)))
            .collect();
        events.sort_by_key(|e| e.date);
        events
    }

    /// One event from the time field another tool writes. A value that holds
    /// no date, or one that cannot be a date, leaves the place undated (with
    /// the text kept for the panel): another tool's field is read as well as
    /// it can be, and losing the place would be worse than losing its date.
    fn foreign_event(
        &mut self,
        props: &Map<String, Value>,
        field: TimeField,
        name: &LocalizedText,
        date_as_written: &mut Option<DateAsWritten>,
    ) -> Option<Event> {
        let as_written = |key: &str| DateAsWritten {
            field: key.to_owned(),
            text: match props.get(key) {
                Some(Value::String(s)) => s.trim().to_owned(),
                Some(other) => other.to_string(),
                None => String::new(),
            },
        };
        match foreign_date::read(field, props) {
            Reading::Dated(read) => {
                self.notes.mapped(
                    format!("properties.{}", field.key()),
                    Mapping::EventFrom(field),
                    self.index,
                );
                if let Some(ambiguity) = read.ambiguous {
                    self.warn(
                        format!("properties.{}", ambiguity.key),
                        ProblemKind::AmbiguousDate(ambiguity),
                    );
                }
                Some(Event {
                    date: read.date,
                    title: name.clone(),
                    text: LocalizedText::default(),
                })
            }
            Reading::NoDate { shown } => {
                if !shown.is_empty() {
                    *date_as_written = Some(DateAsWritten {
                        field: field.key().to_owned(),
                        text: shown,
                    });
                }
                None
            }
            Reading::Bad(error) => {
                *date_as_written = Some(as_written(error.key()));
                self.warn(
                    format!("properties.{}", error.key()),
                    ProblemKind::ForeignDate(error),
                );
                None
            }
        }
    }

    fn event(&mut self, value: &Value, field: Path<'_>) -> Option<Event> {
        let Value::Object(event) = value else {
            self.error(
                field,
                ProblemKind::WrongType {
                    expected: Expected::Event,
                },
            );
            return None;
        };
        let member = |name| Path::Member(&field, name);
        self.typos(event, EVENT_KEYS, member(""));
        let start = self.date(event.get("date"), member("date"), true);
        let end = self.date(event.get("end_date"), member("end_date"), false);
        let title = self.text_at(event.get("title"), member("title"), true);
        let text = self.text_at(event.get("text"), member("text"), false);
        let circa = match event.get("circa") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.warn(
                    member("circa"),
                    ProblemKind::WrongType {
                        expected: Expected::Bool,
                    },
                );
                false
            }
        };
        let start = start??;
        let end = end.flatten();
        if end.is_some_and(|end| end < start) {
            self.error(member("end_date"), ProblemKind::EndBeforeStart);
            return None;
        }
        Some(Event {
            date: EventDate { start, end, circa },
            title: title?,
            text: text.unwrap_or_default(),
        })
    }

    /// `None` on error, `Some(None)` when absent and optional.
    fn date(
        &mut self,
        value: Option<&Value>,
        field: impl fmt::Display + Copy,
        required: bool,
    ) -> Option<Option<HistDate>> {
        match value {
            None | Some(Value::Null) if required => {
                self.error(field, ProblemKind::Missing);
                None
            }
            None | Some(Value::Null) => Some(None),
            Some(Value::String(s)) => match s.trim().parse::<HistDate>() {
                Ok(d) => Some(Some(d)),
                Err(e) => {
                    self.error(field, ProblemKind::BadDate(e));
                    None
                }
            },
            // A bare year number is a common slip; accept it rather than lose the event.
            Some(Value::Number(n)) if n.as_i64().is_some_and(|y| y != 0 && y.abs() <= 9999) => {
                Some(Some(HistDate::year(n.as_i64().unwrap_or(1) as i32)))
            }
            Some(_) => {
                self.error(
                    field,
                    ProblemKind::WrongType {
                        expected: Expected::DateString,
                    },
                );
                None
            }
        }
    }

    /// `None` on error; `Some((None, None))` for a site not located yet (`"geometry": null`).
    fn position(&mut self, geometry: Option<&Value>) -> Option<(Option<LonLat>, Option<Shape>)> {
        let value = match geometry {
            None | Some(Value::Null) => return Some((None, None)),
            Some(v) => v,
        };
        match shape::read_geometry(value) {
            Ok(placed) => {
                if placed.swapped {
                    self.warn(
                        "geometry.coordinates",
                        ProblemKind::ProbablySwapped {
                            shown_swapped: true,
                        },
                    );
                }
                if placed.closed_a_ring {
                    self.warn("geometry.coordinates", ProblemKind::UnclosedRing);
                }
                Some((Some(placed.anchor), placed.shape))
            }
            Err(e) => {
                let field = format!("geometry{}", e.path);
                let kind = match e.kind {
                    GeometryErrorKind::Malformed(expected) => ProblemKind::BadGeometry { expected },
                    GeometryErrorKind::UnknownType(t) => ProblemKind::UnknownGeometry(t),
                    GeometryErrorKind::Empty => ProblemKind::EmptyGeometry,
                    GeometryErrorKind::OutOfRange { lon, lat } => {
                        ProblemKind::OutOfRange { lon, lat }
                    }
                };
                self.error(field, kind);
                None
            }
        }
    }

    fn location(&mut self, value: Option<&Value>) -> Location {
        let Some(Value::Object(loc)) = value else {
            if value.is_some_and(|v| !v.is_null()) {
                self.warn(
                    "properties.location",
                    ProblemKind::WrongType {
                        expected: Expected::Object,
                    },
                );
            }
            return Location::default();
        };
        self.typos(loc, LOCATION_KEYS, "properties.location.");
        let precision_m = match loc.get("precision_m") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) if n.as_f64().is_some_and(|m| m.is_finite() && m >= 0.0) => {
                n.as_f64()
            }
            Some(_) => {
                self.warn(
                    "properties.location.precision_m",
                    ProblemKind::WrongType {
                        expected: Expected::Metres,
                    },
                );
                None
            }
        };
        let approximate = loc
            .get("approximate")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let note = self
            .text_at(loc.get("note"), "properties.location.note", false)
            .unwrap_or_default();
        Location {
            precision_m,
            approximate,
            note,
        }
    }

    fn media(&mut self, value: Option<&Value>) -> Vec<Media> {
        let list = match value {
            None | Some(Value::Null) => return Vec::new(),
            Some(Value::Array(list)) => list,
            Some(_) => {
                self.warn(
                    "properties.media",
                    ProblemKind::WrongType {
                        expected: Expected::MediaList,
                    },
                );
                return Vec::new();
            }
        };
        self.each_object(
            list,
            "properties.media",
            Expected::Media,
            MEDIA_KEYS,
            |this, field, m| {
                let src = match m.get("src") {
                    Some(Value::String(src)) if is_safe_url(src) => Some(src.clone()),
                    Some(Value::String(src)) => {
                        this.error(format!("{field}.src"), ProblemKind::UnsafeUrl(src.clone()));
                        None
                    }
                    _ => {
                        this.error(format!("{field}.src"), ProblemKind::Missing);
                        None
                    }
                };
                let alt = m
                    .get("alt")
                    .and_then(LocalizedText::from_json)
                    .filter(|t| !t.is_empty());
                if alt.is_none() {
                    this.error(format!("{field}.alt"), ProblemKind::MissingAlt);
                }
                let caption =
                    this.text_at(m.get("caption"), Path::Member(&field, "caption"), false);
                let text = |k: &str| m.get(k).and_then(Value::as_str).map(str::to_owned);
                Some(Media {
                    src: src?,
                    alt: alt?,
                    caption: caption.unwrap_or_default(),
                    credit: text("credit"),
                    license: text("license"),
                })
            },
        )
    }

    fn sources(&mut self, value: Option<&Value>) -> Vec<Source> {
        let list = match value {
            Some(Value::Array(list)) if !list.is_empty() => list,
            // The USGS feed's `sources` is a string of network codes (",us,"), not ours.
            None | Some(Value::Null) | Some(Value::Array(_)) | Some(Value::String(_)) => {
                self.warn("properties.sources", ProblemKind::NoSources);
                return Vec::new();
            }
            Some(_) => {
                self.warn(
                    "properties.sources",
                    ProblemKind::WrongType {
                        expected: Expected::SourceList,
                    },
                );
                return Vec::new();
            }
        };
        self.each_object(
            list,
            "properties.sources",
            Expected::Source,
            SOURCE_KEYS,
            |this, field, s| {
                let url = s.get("url").and_then(Value::as_str).map(str::to_owned);
                if let Some(u) = &url {
                    if !is_safe_url(u) {
                        this.error(format!("{field}.url"), ProblemKind::UnsafeUrl(u.clone()));
                        return None;
                    }
                }
                let title = s
                    .get("title")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .or_else(|| url.clone());
                let Some(title) = title else {
                    this.warn(format!("{field}.title"), ProblemKind::Missing);
                    return None;
                };
                let accessed = s.get("accessed").and_then(Value::as_str).map(str::to_owned);
                Some(Source {
                    title,
                    url,
                    accessed,
                })
            },
        )
    }
}

/// Reads `atlas`; the tour is resolved against the sites read (`ids`).
fn read_settings(
    value: Option<&Value>,
    ids: tour_read::SiteIds,
    problems: &mut Vec<Problem>,
) -> AtlasSettings {
    let Some(Value::Object(atlas)) = value else {
        return AtlasSettings::default();
    };
    for key in atlas.keys() {
        if let Some(meant) = typo::likely_meant(key, ATLAS_KEYS) {
            problems.push(Problem {
                severity: Severity::Warning,
                feature: None,
                id: None,
                field: format!("atlas.{key}"),
                kind: ProblemKind::LikelyTypo {
                    found: key.clone(),
                    meant,
                },
            });
        }
    }
    let text = |key: &str| {
        atlas
            .get(key)
            .and_then(LocalizedText::from_json)
            .unwrap_or_default()
    };
    let mut basemap = Vec::new();
    if let Some(Value::Array(layers)) = atlas.get("basemap") {
        for (i, layer) in layers.iter().enumerate() {
            let get = |k: &str| layer.get(k).and_then(Value::as_str).map(str::to_owned);
            let Some(url) = get("url") else { continue };
            // Basemap layers are fetched, so they must stay on the page's origin.
            let lower = url.to_ascii_lowercase();
            if !is_safe_url(&url) || lower.starts_with("http:") || lower.starts_with("https:") {
                problems.push(Problem {
                    severity: Severity::Warning,
                    feature: None,
                    id: None,
                    field: format!("atlas.basemap[{i}].url"),
                    kind: ProblemKind::UnsafeUrl(url),
                });
                continue;
            }
            basemap.push(BasemapLayerRef {
                id: get("id").unwrap_or_else(|| format!("layer-{i}")),
                kind: get("kind").unwrap_or_else(|| "water".into()),
                url,
            });
        }
    }
    AtlasSettings {
        title: text("title"),
        description: text("description"),
        default_language: atlas
            .get("default_language")
            .and_then(Value::as_str)
            .and_then(Lang::from_tag),
        basemap,
        basemap_attribution: atlas
            .get("basemap_attribution")
            .and_then(Value::as_str)
            .map(str::to_owned),
        tiles: read_tiles(atlas.get("tiles"), problems),
        tour: tour_read::read(atlas.get("tour"), ids, problems),
        kiosk: kiosk_read::read(atlas.get("kiosk"), problems),
    }
}

/// serde_json appends " at line L column C"; the place is reported separately.
pub(crate) fn json_error_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    }
}

/// Reads `atlas.tiles`; a bad template is a warning and leaves the map offline.
fn read_tiles(
    value: Option<&Value>,
    problems: &mut Vec<Problem>,
) -> Option<crate::model::TileSettings> {
    let tiles = value?.as_object()?;
    let url = tiles.get("url").and_then(Value::as_str)?.to_owned();
    if crate::tiles::validate_template(&url).is_err() {
        problems.push(Problem {
            severity: Severity::Warning,
            feature: None,
            id: None,
            field: "atlas.tiles.url".into(),
            kind: ProblemKind::UnsafeUrl(url),
        });
        return None;
    }
    let datum = match tiles
        .get("datum")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("gcj02" | "gcj-02") => crate::tiles::Datum::Gcj02,
        _ => crate::tiles::Datum::Wgs84,
    };
    Some(crate::model::TileSettings {
        url,
        attribution: tiles
            .get("attribution")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        datum,
        max_zoom: tiles
            .get("max_zoom")
            .and_then(Value::as_u64)
            .map_or(18, |z| z.min(22) as u8),
    })
}
