//! What can be wrong with a dataset, said so a curator can find and fix it:
//! every problem carries its place (feature index, id, field).

use std::fmt;

use crate::date::DateError;
use crate::interop::Mapping;
use crate::kiosk::PublicUrlError;
use crate::quote::{escape_invisible, quote};
use crate::text::Lang;

/// The dataset cannot be read at all; nothing can be shown from it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FatalError {
    /// The text is not JSON.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    InvalidJson {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
        /// What the JSON reader says.
        message: String,
    },
    /// Valid JSON, but not a GeoJSON FeatureCollection.
    #[error("not a GeoJSON FeatureCollection: {found}")]
    NotFeatureCollection {
        /// What was found instead.
        found: String,
    },
    /// A `crs` other than longitude/latitude on WGS84: every position would be misplaced.
    #[error("the coordinates are in \"{name}\"; this viewer reads longitude and latitude on WGS84 (CRS84, RFC 7946's only system): export the file again as EPSG:4326 / CRS84")]
    UnsupportedCrs {
        /// The `crs` name as written.
        name: String,
    },
    /// The bytes are not UTF-8 text, which JSON must be (RFC 8259).
    #[error(
        "not UTF-8 text: the bytes from offset {offset} are not UTF-8; save the file as UTF-8"
    )]
    InvalidUtf8 {
        /// 0-based offset in the file (a byte order mark counted) of the first byte that is not UTF-8.
        offset: usize,
    },
    /// The file is larger than the app will read without freezing the tab.
    #[error("the file is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the file.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// More features than the app will hold ([`crate::limits::MAX_FEATURES`]).
    #[error(
        "the file has {count} features, over the limit of {limit}; split it into several datasets"
    )]
    TooManyFeatures {
        /// How many features the file has.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// Lists and objects nested deeper than [`crate::limits::MAX_NESTING_DEPTH`]
    /// outside any feature (a feature nested too deep is skipped on its own).
    #[error("lists and objects are nested {depth} levels deep from line {line}, column {column}, over the limit of {limit} levels")]
    TooDeep {
        /// The deepest level found (the top-level object is level 1).
        depth: usize,
        /// The limit.
        limit: usize,
        /// 1-based line of the first bracket past the limit.
        line: usize,
        /// 1-based column (in bytes) of that bracket.
        column: usize,
    },
}

impl FatalError {
    /// The message in a visitor's language.
    pub fn message(&self, lang: Lang) -> String {
        // The JSON reader's message and a `crs` name can hold the file's own text.
        let message = match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                FatalError::InvalidJson {
                    line,
                    column,
                    message,
                } => {
                    format!("不是有效的 JSON：第 {line} 行第 {column} 列（{message}）")
                }
                FatalError::NotFeatureCollection { found } => {
                    format!("不是 GeoJSON 要素集合（FeatureCollection）：{found}")
                }
                FatalError::UnsupportedCrs { name } => {
                    format!("坐标采用“{name}”；本查看器只读取 WGS84 经纬度（CRS84，RFC 7946 唯一的坐标系）：请重新导出为 EPSG:4326 / CRS84")
                }
                FatalError::InvalidUtf8 { offset } => {
                    format!("不是 UTF-8 文本：从第 {offset} 字节（自 0 起计）起不是 UTF-8；请以 UTF-8 编码保存")
                }
                FatalError::TooLarge { bytes, limit } => {
                    format!("文件大小为 {bytes} 字节，超过 {limit} 字节的上限")
                }
                FatalError::TooManyFeatures { count, limit } => {
                    format!("文件含 {count} 个要素，超过 {limit} 个的上限；请拆分为多个数据集")
                }
                FatalError::TooDeep {
                    depth,
                    limit,
                    line,
                    column,
                } => {
                    format!("列表和对象从第 {line} 行第 {column} 列起嵌套了 {depth} 层，超过 {limit} 层的上限")
                }
            },
        };
        escape_invisible(&message).into_owned()
    }
}

/// Whether a problem stops a feature from showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The feature is skipped.
    Error,
    /// The feature shows; the curator should still look.
    Warning,
}

/// One problem, with its place in the dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Index in `features` (0-based), or `None` for the collection itself.
    pub feature: Option<usize>,
    /// The feature's id, when it has one.
    pub id: Option<String>,
    /// Path of the field, such as `properties.events[0].date`.
    pub field: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What is wrong, in terms a curator can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// An item of `features` is not a Feature object.
    NotAFeature,
    /// A required field is absent or empty.
    Missing,
    /// A field has the wrong JSON type.
    WrongType {
        /// What the contract expects there.
        expected: Expected,
    },
    /// The id is not URL-safe.
    InvalidId,
    /// Another feature already uses this id.
    DuplicateId {
        /// Index of the feature that has it first.
        first: usize,
    },
    /// Places with no date: shown on the map, not on the timeline. One
    /// problem for the whole file.
    Undated {
        /// Their feature indexes, in file order.
        features: Vec<usize>,
    },
    /// Features without an id were given one (from the name, else the index).
    /// One problem for the whole file.
    GeneratedIds {
        /// Their feature indexes, in file order.
        features: Vec<usize>,
    },
    /// Far-off points left out of the first view so the rest can be seen.
    /// One problem for the whole file.
    LeftOutOfFirstView {
        /// Their feature indexes, in file order.
        features: Vec<usize>,
    },
    /// A day and month that could be read either way (`3/4/1863`): the
    /// reading chosen is said, never silently guessed.
    AmbiguousDate(crate::foreign_date::Ambiguity),
    /// Another tool's time field that cannot be read as a date: the place
    /// shows undated, the value kept in its panel.
    ForeignDate(crate::foreign_date::ForeignDateError),
    /// A feature with no name in any field the viewer knows; it shows as
    /// "Unnamed place (feature N)".
    Unnamed,
    /// A date that does not parse.
    BadDate(DateError),
    /// `end_date` before `date`.
    EndBeforeStart,
    /// The geometry is not shaped as GeoJSON says.
    BadGeometry {
        /// What was expected at that place.
        expected: Expected,
    },
    /// A geometry `type` that GeoJSON does not define.
    UnknownGeometry(String),
    /// A geometry without any position.
    EmptyGeometry,
    /// Longitude or latitude outside the world, whichever way round.
    OutOfRange {
        /// The longitude given.
        lon: f64,
        /// The latitude given.
        lat: f64,
    },
    /// The positions look like [latitude, longitude].
    ProbablySwapped {
        /// The positions were impossible as written, so the site shows swapped.
        shown_swapped: bool,
    },
    /// A polygon ring whose last position is not its first; it was closed.
    UnclosedRing,
    /// The site lies far from all the others: often a typing slip in a coordinate.
    FarFromOthers {
        /// Distance from the middle of the located sites, km.
        km: f64,
        /// How far the sites typically are from that middle, km.
        typical_km: f64,
    },
    /// A link that is not http(s) or relative (javascript:, data:, …).
    UnsafeUrl(String),
    /// An image without alternative text.
    MissingAlt,
    /// Text present in one language only.
    MissingTranslation(Lang),
    /// No sources for the record.
    NoSources,
    /// A category outside the known set; the site shows with a generic symbol.
    UnknownCategory(String),
    /// No category; the site shows with a generic symbol.
    NoCategory,
    /// An unknown field whose name is one slip away from a known one.
    LikelyTypo {
        /// The name as written.
        found: String,
        /// The known name it is probably meant to be.
        meant: &'static str,
    },
    /// A field written the way another tool writes it was read as ours. One
    /// problem for the whole file per kind of mapping.
    Mapped {
        /// What was read differently.
        mapping: Mapping,
        /// The features it was done for, in file order.
        features: Vec<usize>,
    },
    /// No feature in the collection could be shown.
    NoSites,
    /// A tour chapter names a site id that no feature has.
    UnknownSite {
        /// The id as written.
        id: String,
        /// A shown site's id one or two slips away, if there is one.
        meant: Option<String>,
    },
    /// A tour chapter names a site that has errors, so it is not shown.
    SiteNotShown {
        /// Index of that feature.
        feature: usize,
    },
    /// A tour chapter with neither `site` nor `bbox`: nothing to show.
    ChapterWithoutPlace,
    /// A tour chapter with neither `t` nor `from`/`to`.
    ChapterWithoutTime,
    /// A `bbox` that is not `[west, south, east, north]` inside the world.
    BadBbox,
    /// A period whose `to` ends before its `from` begins.
    PeriodReversed,
    /// A chapter gives both a cursor `t` and a period; the period is used.
    CursorAndPeriod,
    /// The chapter's site is not on the map at the chapter's time.
    SiteHiddenAtTime {
        /// The site's first date, in the data form (`1995-09`).
        first: String,
    },
    /// A string (or key) longer than [`crate::limits::MAX_TEXT_BYTES`]: the
    /// feature is not shown; in `atlas`, the string is left out.
    TextTooLong {
        /// Its length in bytes of UTF-8.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A feature nests lists and objects deeper than
    /// [`crate::limits::MAX_NESTING_DEPTH`]; it is not shown.
    NestedTooDeep {
        /// The deepest level reached (the file's top-level object is level 1).
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// An object gives the same key twice; the last value is read, as
    /// JSON.parse reads it ([`crate::repeated_key`]), except for a second
    /// top-level `features` list: the first one is already on the page by
    /// the time a second arrives, so that one is read.
    RepeatedKey {
        /// The key as written.
        key: String,
        /// The first value is the one read (`features`), not the last.
        first_is_read: bool,
    },
    /// `atlas.kiosk.public_url` cannot serve as a base for links on a phone.
    BadPublicUrl {
        /// The URL as written.
        url: String,
        /// Why not.
        why: PublicUrlError,
    },
}

/// What the data contract expects at a place, said to a curator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A JSON object.
    Object,
    /// A string.
    String,
    /// `true` or `false`.
    Bool,
    /// Plain text or `{ "zh": …, "en": … }`.
    Text,
    /// A list of event objects.
    EventList,
    /// `{ date, title, text }`.
    Event,
    /// A date string such as "1939-06-24".
    DateString,
    /// A number of metres, at least 0.
    Metres,
    /// A list of `{ title, url }`.
    SourceList,
    /// `{ title, url }`.
    Source,
    /// A list of `{ src, alt }`.
    MediaList,
    /// `{ src, alt, caption, credit, license }`.
    Media,
    /// A geometry object.
    Geometry,
    /// A geometry `type` member.
    GeometryType,
    /// The `geometries` of a GeometryCollection.
    GeometryList,
    /// `[longitude, latitude]`.
    Position,
    /// A list of positions (MultiPoint).
    PositionList,
    /// A line of at least two positions.
    Line,
    /// A list of lines (MultiLineString).
    LineList,
    /// A list of rings (Polygon).
    Polygon,
    /// A list of polygons (MultiPolygon).
    PolygonList,
    /// A closed ring of at least four positions.
    Ring,
    /// The tour: a list of chapters.
    ChapterList,
    /// One chapter `{ site, t, title, text, seconds }`.
    Chapter,
    /// A chapter's duration: seconds, more than 0 and at most
    /// [`crate::tour::MAX_CHAPTER_SECONDS`].
    ChapterSeconds,
    /// The kiosk's idle time: seconds between [`crate::kiosk::MIN_IDLE_SECONDS`]
    /// and [`crate::kiosk::MAX_IDLE_SECONDS`].
    IdleSeconds,
}

impl Expected {
    /// The expectation in `lang`.
    pub fn describe(self, lang: Lang) -> &'static str {
        use Expected::*;
        let (en, zh) = match self {
            Object => ("an object { … }", "对象 { … }"),
            String => ("a string", "字符串"),
            Bool => ("true or false", "true 或 false"),
            Text => (
                "text or { \"zh\": …, \"en\": … }",
                "文本或 { \"zh\": …, \"en\": … }",
            ),
            EventList => (
                "a list of events [{ date, title }]",
                "事件列表 [{ date, title }]",
            ),
            Event => (
                "an event { date, title, text }",
                "事件对象 { date, title, text }",
            ),
            DateString => (
                "a date string such as \"1939-06-24\"",
                "日期字符串，如 \"1939-06-24\"",
            ),
            Metres => ("metres, a number ≥ 0", "米数，不小于 0 的数字"),
            SourceList => (
                "a list of sources [{ title, url }]",
                "来源列表 [{ title, url }]",
            ),
            Source => (
                "a source { title, url, accessed }",
                "来源对象 { title, url, accessed }",
            ),
            MediaList => ("a list of media [{ src, alt }]", "媒体列表 [{ src, alt }]"),
            Media => (
                "a media item { src, alt, caption, credit, license }",
                "媒体对象 { src, alt, caption, credit, license }",
            ),
            Geometry => (
                "a geometry { \"type\": \"Point\", \"coordinates\": [lon, lat] }, or null",
                "几何对象 { \"type\": \"Point\", \"coordinates\": [经度, 纬度] } 或 null",
            ),
            GeometryType => (
                "a geometry type such as \"Point\"",
                "几何类型，如 \"Point\"",
            ),
            GeometryList => ("a list of geometries", "几何对象列表"),
            Position => (
                "a position [longitude, latitude] of numbers",
                "由数字组成的位置 [经度, 纬度]",
            ),
            PositionList => ("a list of positions", "位置列表"),
            Line => ("a line of at least 2 positions", "至少含 2 个位置的线"),
            LineList => ("a list of lines", "线的列表"),
            Polygon => ("a polygon: a list of rings", "多边形：环的列表"),
            PolygonList => ("a list of polygons", "多边形列表"),
            Ring => (
                "a ring of at least 4 positions, the last equal to the first",
                "至少 4 个位置且首尾相同的环",
            ),
            ChapterList => (
                "a list of chapters [{ site, t, title, text }]",
                "章节列表 [{ site, t, title, text }]",
            ),
            Chapter => (
                "a chapter { site, t, title, text, seconds }",
                "章节对象 { site, t, title, text, seconds }",
            ),
            ChapterSeconds => (
                "a number of seconds, more than 0 and at most 600",
                "秒数，大于 0 且不超过 600",
            ),
            IdleSeconds => (
                "a number of seconds from 10 to 3600",
                "秒数，10 到 3600 之间",
            ),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

impl Problem {
    /// A problem of the dataset's `atlas` settings (no feature), at `field`
    /// such as `atlas.tour[2].site`.
    pub fn in_settings(severity: Severity, field: impl Into<String>, kind: ProblemKind) -> Self {
        Problem {
            severity,
            feature: None,
            id: None,
            field: field.into(),
            kind,
        }
    }

    /// The line a curator reads: place, then what is wrong and how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        format!("{}: {}", self.place(lang), self.kind.message(lang))
    }

    /// "feature 3 (id xushuguan), properties.events[0].date" / "要素 3 (id xushuguan), …".
    pub fn place(&self, lang: Lang) -> String {
        let mut place = match (self.feature, lang) {
            (None, Lang::En) => "dataset".to_owned(),
            (None, Lang::Zh) => "数据集".to_owned(),
            (Some(i), Lang::En) => format!("feature {i}"),
            (Some(i), Lang::Zh) => format!("要素 {i}"),
        };
        if let Some(id) = &self.id {
            place.push_str(&format!(" (id {})", quote(id)));
        }
        if !self.field.is_empty() {
            // A field path holds the file's own keys (a misspelt one, say).
            place.push_str(&format!(", {}", escape_invisible(&self.field)));
        }
        place
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl ProblemKind {
    /// A stable name for machines (`atlas-check --format json`).
    pub fn code(&self) -> &'static str {
        use ProblemKind::*;
        match self {
            NotAFeature => "not-a-feature",
            Missing => "missing",
            WrongType { .. } => "wrong-type",
            InvalidId => "invalid-id",
            DuplicateId { .. } => "duplicate-id",
            Undated { .. } => "undated",
            GeneratedIds { .. } => "generated-ids",
            Unnamed => "unnamed",
            AmbiguousDate(_) => "ambiguous-date",
            ForeignDate(_) => "foreign-date",
            LeftOutOfFirstView { .. } => "left-out-of-first-view",
            BadDate(_) => "bad-date",
            EndBeforeStart => "end-before-start",
            BadGeometry { .. } => "bad-geometry",
            UnknownGeometry(_) => "unknown-geometry",
            EmptyGeometry => "empty-geometry",
            OutOfRange { .. } => "out-of-range",
            ProbablySwapped { .. } => "probably-swapped",
            UnclosedRing => "unclosed-ring",
            FarFromOthers { .. } => "far-from-others",
            UnsafeUrl(_) => "unsafe-url",
            MissingAlt => "missing-alt",
            MissingTranslation(_) => "missing-translation",
            NoSources => "no-sources",
            UnknownCategory(_) => "unknown-category",
            NoCategory => "no-category",
            LikelyTypo { .. } => "likely-typo",
            Mapped { .. } => "mapped",
            NoSites => "no-sites",
            UnknownSite { .. } => "unknown-site",
            SiteNotShown { .. } => "site-not-shown",
            ChapterWithoutPlace => "chapter-without-place",
            ChapterWithoutTime => "chapter-without-time",
            BadBbox => "bad-bbox",
            PeriodReversed => "period-reversed",
            CursorAndPeriod => "cursor-and-period",
            SiteHiddenAtTime { .. } => "site-hidden-at-time",
            BadPublicUrl { .. } => "bad-public-url",
            TextTooLong { .. } => "text-too-long",
            NestedTooDeep { .. } => "too-deep",
            RepeatedKey { .. } => "repeated-key",
        }
    }

    /// What is wrong and how to fix it, in `lang`.
    /// Values quoted from the file are cut and their invisible characters
    /// written out ([`crate::quote`]), so no value can bury or rearrange the line.
    pub fn message(&self, lang: Lang) -> String {
        let message = match lang {
            Lang::En => self.message_en(),
            Lang::Zh => self.message_zh(),
        };
        escape_invisible(&message).into_owned()
    }

    fn message_en(&self) -> String {
        use ProblemKind::*;
        match self {
            NotAFeature => "not a GeoJSON Feature object; give it \"type\": \"Feature\"".into(),
            Missing => "missing; this field is required".into(),
            WrongType { expected } => format!("wrong type; write {}", expected.describe(Lang::En)),
            InvalidId => "id must be letters, digits, '-', '_' or '.' (it appears in links)".into(),
            DuplicateId { first } => format!("duplicate id, already used by feature {first}; give each site its own id"),
            Undated { features } => format!(
                "{} {} no date ({}): shown on the map, not on the timeline; give each an \"events\" list (or a date field) to place it in time",
                features.len(),
                if features.len() == 1 { "place has" } else { "places have" },
                feature_list(features, Lang::En)
            ),
            GeneratedIds { features } => format!(
                "{} {} no id ({}): each was given one from its name, else its index, the same on every load; write \"id\" to choose the names used in links",
                features.len(),
                if features.len() == 1 { "feature has" } else { "features have" },
                feature_list(features, Lang::En)
            ),
            LeftOutOfFirstView { features } => format!(
                "{} far from all the others {} left out of the first view so the rest can be seen ({}); zoom out or choose them in the list, and check their coordinates",
                if features.len() == 1 { "1 point".to_owned() } else { format!("{} points", features.len()) },
                if features.len() == 1 { "is" } else { "are" },
                feature_list(features, Lang::En)
            ),
            AmbiguousDate(a) => a.describe(Lang::En),
            ForeignDate(e) => format!("{}; the place shows on the map without a date", e.describe(Lang::En)),
            Unnamed => "no name (none of \"name\", \"title\", \"name:en\", \"name:zh\", \"NAME\"); shown as \"Unnamed place\" with its feature number; add \"name\"".into(),
            BadDate(e) => format!("{e}; {}", date_fix(e, Lang::En)),
            EndBeforeStart => "end_date is before date; swap them or correct one".into(),
            BadGeometry { expected } => format!("invalid geometry; expected {}", expected.describe(Lang::En)),
            UnknownGeometry(t) => format!("\"{}\" is not a GeoJSON geometry type; use Point, LineString, Polygon or their Multi* forms", quote(t)),
            EmptyGeometry => "the geometry has no positions; use \"geometry\": null for a site whose place is not known".into(),
            OutOfRange { lon, lat } => format!(
                "coordinates [{lon}, {lat}] are outside the world; write [longitude, latitude] with longitude in -180..180 and latitude in -90..90"
            ),
            ProbablySwapped { shown_swapped: true } => "latitude and longitude are swapped; GeoJSON writes [longitude, latitude] (shown swapped back for now)".into(),
            ProbablySwapped { shown_swapped: false } => "latitude and longitude are probably swapped: swapped, the site would lie among the others; GeoJSON writes [longitude, latitude]".into(),
            UnclosedRing => "a polygon ring does not end where it starts; repeat the first position at the end (closed for now)".into(),
            FarFromOthers { km, typical_km } => format!(
                "about {} km from the middle of the other sites (typically {} km from it); check the coordinates",
                km.round(),
                typical_km.round().max(1.0)
            ),
            UnsafeUrl(u) => format!("link \"{}\" is not allowed; use https://, http:// or a relative path", quote(u)),
            MissingAlt => "image without alt text; describe it in \"alt\" for visitors who cannot see it".into(),
            MissingTranslation(l) => format!(
                "no {} text; visitors reading {} see the other language",
                lang_name(*l, Lang::En),
                lang_name(*l, Lang::En)
            ),
            NoSources => "no sources; add at least one { title, url }".into(),
            UnknownCategory(c) => format!(
                "unknown category \"{}\"; it shows with a generic symbol (known: {})",
                quote(c),
                crate::contract::CATEGORY_NAMES.join(", ")
            ),
            NoCategory => format!(
                "no category; it shows with a generic symbol (known: {})",
                crate::contract::CATEGORY_NAMES.join(", ")
            ),
            LikelyTypo { found, meant } => format!("unknown field \"{}\", probably meant \"{meant}\"; rename it, or it is ignored", quote(found)),
            Mapped { mapping, features } => format!(
                "{} ({}): {}",
                count_features(features.len(), Lang::En),
                feature_list(features, Lang::En),
                mapping.describe(Lang::En)
            ),
            NoSites => "no site in the file can be shown".into(),
            UnknownSite { id, meant: Some(meant) } => format!("no site has the id \"{}\", probably meant \"{meant}\"", quote(id)),
            UnknownSite { id, meant: None } => format!("no site has the id \"{}\"; write the id of a site in this file", quote(id)),
            SiteNotShown { feature } => format!("the site is feature {feature}, which has errors and is not shown; fix that feature first"),
            ChapterWithoutPlace => "the chapter shows no place; give it a \"site\" id or a \"bbox\" [west, south, east, north]".into(),
            ChapterWithoutTime => "the chapter has no time; give it \"t\": \"1939-06-24\" or a period \"from\" and \"to\"".into(),
            BadBbox => "write the box as [west, south, east, north] in degrees: west < east within -180..180, south < north within -90..90".into(),
            PeriodReversed => "\"to\" ends before \"from\" begins; swap them or correct one".into(),
            CursorAndPeriod => "both \"t\" and \"from\"/\"to\"; the period is used, as in links; remove one".into(),
            SiteHiddenAtTime { first } => format!(
                "the site is not on the map at the chapter's time (its first event: {first}); move \"t\" or \"from\"/\"to\", or choose another site"
            ),
            BadPublicUrl { url, why } => format!("\"{}\" {}", quote(url), why.message(Lang::En)),
            TextTooLong { bytes, limit } => format!(
                "the text is {bytes} bytes long, over the limit of {limit} bytes; shorten it or link to a page that holds it"
            ),
            NestedTooDeep { depth, limit } => format!(
                "lists and objects are nested {depth} levels deep, over the limit of {limit} levels (the file's top level counts as 1)"
            ),
            RepeatedKey { key, first_is_read: false } => format!(
                "\"{}\" is given more than once in the same object; only the last one is read (as browsers read JSON); remove or rename the others",
                quote(key)
            ),
            RepeatedKey { key, first_is_read: true } => format!(
                "\"{}\" is given more than once in the same object; only the first list is read; merge them into one",
                quote(key)
            ),
        }
    }

    fn message_zh(&self) -> String {
        use ProblemKind::*;
        match self {
            NotAFeature => "不是 GeoJSON Feature 对象；请写明 \"type\": \"Feature\"".into(),
            Missing => "缺少此必填字段".into(),
            WrongType { expected } => format!("类型错误；应为{}", expected.describe(Lang::Zh)),
            InvalidId => "id 只能包含字母、数字、“-”“_”“.”（它会出现在链接中）".into(),
            DuplicateId { first } => format!("id 重复，要素 {first} 已使用；每个地点须有唯一 id"),
            Undated { features } => format!(
                "{} 个地点没有日期（{}）：显示在地图上，不显示在时间轴上；请为每个地点写 \"events\" 列表（或日期字段）以确定其时间",
                features.len(),
                feature_list(features, Lang::Zh)
            ),
            GeneratedIds { features } => format!(
                "{} 个要素没有 id（{}）：已按名称（无名称时按序号）生成，每次载入都相同；请写 \"id\" 以自定链接中的名称",
                features.len(),
                feature_list(features, Lang::Zh)
            ),
            LeftOutOfFirstView { features } => format!(
                "{} 个远离其他地点的点未纳入初始视图，以便看清其余地点（{}）；缩小地图或在列表中选择即可看到它们，并请检查其坐标",
                features.len(),
                feature_list(features, Lang::Zh)
            ),
            AmbiguousDate(a) => a.describe(Lang::Zh),
            ForeignDate(e) => format!("{}；该地点显示在地图上，但没有日期", e.describe(Lang::Zh)),
            Unnamed => "没有名称（\"name\"、\"title\"、\"name:en\"、\"name:zh\"、\"NAME\" 均无）；显示为“未命名地点”及其要素序号；请添加 \"name\"".into(),
            BadDate(e) => format!("{}；{}", date_problem_zh(e), date_fix(e, Lang::Zh)),
            EndBeforeStart => "end_date 早于 date；请调换或更正".into(),
            BadGeometry { expected } => format!("几何对象无效；应为{}", expected.describe(Lang::Zh)),
            UnknownGeometry(t) => format!("“{}”不是 GeoJSON 几何类型；请使用 Point、LineString、Polygon 或其 Multi* 形式", quote(t)),
            EmptyGeometry => "几何对象没有任何位置；位置未知的地点请写 \"geometry\": null".into(),
            OutOfRange { lon, lat } => format!(
                "坐标 [{lon}, {lat}] 超出范围；请按 [经度, 纬度] 书写，经度 -180..180，纬度 -90..90"
            ),
            ProbablySwapped { shown_swapped: true } => "经纬度写反了；GeoJSON 的顺序是 [经度, 纬度]（暂按调换后的位置显示）".into(),
            ProbablySwapped { shown_swapped: false } => "经纬度可能写反了：调换后该地点才与其他地点相邻；GeoJSON 的顺序是 [经度, 纬度]".into(),
            UnclosedRing => "多边形的环首尾不相接；请在末尾重复第一个位置（暂已自动闭合）".into(),
            FarFromOthers { km, typical_km } => format!(
                "距其他地点的中心约 {} 公里（其他地点一般约 {} 公里）；请检查坐标",
                km.round(),
                typical_km.round().max(1.0)
            ),
            UnsafeUrl(u) => format!("不允许的链接“{}”；请使用 https://、http:// 或相对路径", quote(u)),
            MissingAlt => "图片缺少替代文本；请在 \"alt\" 中为看不到图片的观众描述它".into(),
            MissingTranslation(l) => format!("缺少{}文本；将显示另一种语言", lang_name(*l, Lang::Zh)),
            NoSources => "没有资料来源；请至少添加一条 { title, url }".into(),
            UnknownCategory(c) => format!(
                "未知类别“{}”；将以通用符号显示（已知类别：{}）",
                quote(c),
                crate::contract::CATEGORY_NAMES.join("、")
            ),
            NoCategory => format!(
                "没有类别；将以通用符号显示（已知类别：{}）",
                crate::contract::CATEGORY_NAMES.join("、")
            ),
            LikelyTypo { found, meant } => format!("未知字段“{}”，可能应为“{meant}”；请改名，否则该字段会被忽略", quote(found)),
            Mapped { mapping, features } => format!(
                "{}（{}）：{}",
                count_features(features.len(), Lang::Zh),
                feature_list(features, Lang::Zh),
                mapping.describe(Lang::Zh)
            ),
            NoSites => "文件中没有可显示的地点".into(),
            UnknownSite { id, meant: Some(meant) } => format!("没有 id 为“{}”的地点，可能应为“{meant}”", quote(id)),
            UnknownSite { id, meant: None } => format!("没有 id 为“{}”的地点；请填写本文件中某个地点的 id", quote(id)),
            SiteNotShown { feature } => format!("该地点是要素 {feature}，它有错误而未显示；请先修正该要素"),
            ChapterWithoutPlace => "章节没有要显示的位置；请给出地点 \"site\" 的 id 或范围 \"bbox\" [西, 南, 东, 北]".into(),
            ChapterWithoutTime => "章节没有时间；请给出 \"t\": \"1939-06-24\" 或时段 \"from\" 和 \"to\"".into(),
            BadBbox => "范围请写成 [西, 南, 东, 北]（度）：西 < 东，在 -180..180 之间；南 < 北，在 -90..90 之间".into(),
            PeriodReversed => "\"to\" 在 \"from\" 开始之前就结束了；请调换或更正".into(),
            CursorAndPeriod => "同时给出了 \"t\" 和 \"from\"/\"to\"；与链接一样采用时段；请删去其一".into(),
            SiteHiddenAtTime { first } => format!(
                "在章节的时间该地点不在地图上（它的第一个事件：{first}）；请调整 \"t\" 或 \"from\"/\"to\"，或换一个地点"
            ),
            BadPublicUrl { url, why } => format!("“{}”{}", quote(url), why.message(Lang::Zh)),
            TextTooLong { bytes, limit } => format!(
                "文本长 {bytes} 字节，超过 {limit} 字节的上限；请缩短，或链接到载有全文的网页"
            ),
            NestedTooDeep { depth, limit } => format!(
                "列表和对象嵌套了 {depth} 层，超过 {limit} 层的上限（文件顶层算第 1 层）"
            ),
            RepeatedKey { key, first_is_read: false } => format!(
                "同一对象中“{}”出现了不止一次；只读取最后一个（与浏览器读取 JSON 相同）；请删去或改名其余的",
                quote(key)
            ),
            RepeatedKey { key, first_is_read: true } => format!(
                "同一对象中“{}”出现了不止一次；只读取第一个列表；请合并为一个",
                quote(key)
            ),
        }
    }
}

/// How to write a date that failed, after what failed.
fn date_fix(e: &DateError, lang: Lang) -> &'static str {
    match (e, lang) {
        (DateError::Form(_), Lang::En) => {
            "write 1939, 1939-06 or 1939-06-24 (years BCE with a minus: -221)"
        }
        (DateError::Form(_), Lang::Zh) => {
            "请写成 1939、1939-06 或 1939-06-24（公元前用负号：-221）"
        }
        (DateError::YearZero, Lang::En) => "write -1 or 1",
        (DateError::YearZero, Lang::Zh) => "请写 -1 或 1",
        (DateError::Month(_), Lang::En) => "write the month as 01 to 12",
        (DateError::Month(_), Lang::Zh) => "月份请写 01 到 12",
        (DateError::Day { .. }, Lang::En) => "correct the day, or give only YYYY-MM",
        (DateError::Day { .. }, Lang::Zh) => "请更正日期，或只写到月份 YYYY-MM",
    }
}

fn date_problem_zh(e: &DateError) -> String {
    match e {
        DateError::Form(text) => format!(
            "“{}”不是 YYYY、YYYY-MM 或 YYYY-MM-DD 形式的日期",
            quote(text)
        ),
        DateError::YearZero => "不存在公元 0 年：公元前 1 年写 -1，公元 1 年写 1".into(),
        DateError::Month(m) => format!("月份 {m} 不在 01 到 12 之间"),
        DateError::Day { year, month, day } => format!("{year}-{month:02} 没有第 {day} 日"),
    }
}

/// "1 feature" / "306 features" / "306 个要素".
fn count_features(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 feature".into(),
        (Lang::En, n) => format!("{n} features"),
        (Lang::Zh, n) => format!("{n} 个要素"),
    }
}

/// The first few feature indexes of a file-wide problem, so a curator can find them:
/// "feature 3", "features 3, 7, 12 and 240 more".
pub fn feature_list(features: &[usize], lang: Lang) -> String {
    first_few(features, lang, ("feature", "features"), ("要素 ", ""))
}

/// The first few of `numbers`, named in `lang` with the English noun
/// (singular, plural) or inside the Chinese words around them: "rows 3, 7,
/// 12 and 240 more" / "第 3、7、12 行等，另有 240 个".
pub(crate) fn first_few(
    numbers: &[usize],
    lang: Lang,
    en: (&str, &str),
    zh: (&str, &str),
) -> String {
    const NAMED: usize = 3;
    let named: Vec<String> = numbers.iter().take(NAMED).map(usize::to_string).collect();
    let rest = numbers.len().saturating_sub(NAMED);
    match lang {
        Lang::En => {
            let noun = if numbers.len() == 1 { en.0 } else { en.1 };
            let more = if rest > 0 {
                format!(" and {rest} more")
            } else {
                String::new()
            };
            format!("{noun} {}{more}", named.join(", "))
        }
        Lang::Zh => {
            let more = if rest > 0 {
                format!(" 等，另有 {rest} 个")
            } else {
                String::new()
            };
            format!("{}{}{}{more}", zh.0, named.join("、"), zh.1)
        }
    }
}

fn lang_name(of: Lang, in_lang: Lang) -> &'static str {
    match (of, in_lang) {
        (Lang::Zh, Lang::En) => "Chinese",
        (Lang::En, Lang::En) => "English",
        (Lang::Zh, Lang::Zh) => "中文",
        (Lang::En, Lang::Zh) => "英文",
    }
}
