//! What can be wrong with a dataset, said so a curator can find and fix it:
//! every problem carries its place (feature index, id, field).

use std::fmt;

use crate::date::DateError;
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
    /// The file is larger than the app will read without freezing the tab.
    #[error("the file is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the file.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

impl FatalError {
    /// The message in a visitor's language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
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
                FatalError::TooLarge { bytes, limit } => {
                    format!("文件大小为 {bytes} 字节，超过 {limit} 字节的上限")
                }
            },
        }
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
        /// What the contract expects, e.g. "a list of events".
        expected: &'static str,
    },
    /// The id is not URL-safe.
    InvalidId,
    /// Another feature already uses this id.
    DuplicateId {
        /// Index of the feature that has it first.
        first: usize,
    },
    /// A date that does not parse.
    BadDate(DateError),
    /// `end_date` before `date`.
    EndBeforeStart,
    /// The geometry is not valid GeoJSON.
    BadGeometry(String),
    /// A geometry type this version does not draw.
    UnsupportedGeometry(String),
    /// Longitude or latitude outside the world.
    OutOfRange {
        /// The longitude given.
        lon: f64,
        /// The latitude given.
        lat: f64,
    },
    /// The point only makes sense with longitude and latitude exchanged.
    ProbablySwapped,
    /// A link that is not http(s) or relative (javascript:, data:, …).
    UnsafeUrl(String),
    /// Text present in one language only.
    MissingTranslation(Lang),
    /// No sources for the record.
    NoSources,
    /// A category outside the known set; the site shows with a generic symbol.
    UnknownCategory(String),
    /// No feature in the collection could be shown.
    NoSites,
}

impl Problem {
    /// The line a curator reads: place, then what is wrong and how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        format!("{}: {}", self.place(lang), self.kind.message(lang))
    }

    /// "feature 3 (id xushuguan), properties.events[0].date" / "第 4 个要素（id …）".
    pub fn place(&self, lang: Lang) -> String {
        let mut place = match (self.feature, lang) {
            (None, Lang::En) => "dataset".to_owned(),
            (None, Lang::Zh) => "数据集".to_owned(),
            (Some(i), Lang::En) => format!("feature {i}"),
            (Some(i), Lang::Zh) => format!("要素 {i}"),
        };
        if let Some(id) = &self.id {
            place.push_str(&format!(" (id {id})"));
        }
        if !self.field.is_empty() {
            place.push_str(&format!(", {}", self.field));
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
    /// What is wrong and how to fix it, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use ProblemKind::*;
        match lang {
            Lang::En => match self {
                NotAFeature => "not a GeoJSON Feature object; give it \"type\": \"Feature\"".into(),
                Missing => "missing; this field is required".into(),
                WrongType { expected } => format!("wrong type; expected {expected}"),
                InvalidId => "id must be letters, digits, '-', '_' or '.' (it appears in links)".into(),
                DuplicateId { first } => format!("duplicate id, already used by feature {first}; give each site its own id"),
                BadDate(e) => format!("{e}"),
                EndBeforeStart => "end_date is before date; swap them or correct one".into(),
                BadGeometry(m) => format!("invalid geometry ({m})"),
                UnsupportedGeometry(t) => format!("{t} geometry is not drawn yet; use a Point"),
                OutOfRange { lon, lat } => format!(
                    "coordinates [{lon}, {lat}] are outside the world; write [longitude, latitude] with longitude in -180..180 and latitude in -90..90"
                ),
                ProbablySwapped => "latitude and longitude are probably swapped; GeoJSON writes [longitude, latitude]".into(),
                UnsafeUrl(u) => format!("link \"{u}\" is not allowed; use https://, http:// or a relative path"),
                MissingTranslation(l) => format!(
                    "no {} text; visitors reading {} see the other language",
                    lang_name(*l, Lang::En),
                    lang_name(*l, Lang::En)
                ),
                NoSources => "no sources; add at least one { title, url }".into(),
                UnknownCategory(c) => format!("unknown category \"{c}\"; it shows with a generic symbol"),
                NoSites => "no site in the file can be shown".into(),
            },
            Lang::Zh => match self {
                NotAFeature => "不是 GeoJSON Feature 对象；请写明 \"type\": \"Feature\"".into(),
                Missing => "缺少此必填字段".into(),
                WrongType { expected } => format!("类型错误；应为 {expected}"),
                InvalidId => "id 只能包含字母、数字、“-”“_”“.”（它会出现在链接中）".into(),
                DuplicateId { first } => format!("id 重复，要素 {first} 已使用；每个地点须有唯一 id"),
                BadDate(e) => format!("日期无效：{e}"),
                EndBeforeStart => "end_date 早于 date；请调换或更正".into(),
                BadGeometry(m) => format!("几何对象无效（{m}）"),
                UnsupportedGeometry(t) => format!("暂不支持绘制 {t} 几何；请使用 Point"),
                OutOfRange { lon, lat } => format!(
                    "坐标 [{lon}, {lat}] 超出范围；请按 [经度, 纬度] 书写，经度 -180..180，纬度 -90..90"
                ),
                ProbablySwapped => "经纬度可能写反了；GeoJSON 的顺序是 [经度, 纬度]".into(),
                UnsafeUrl(u) => format!("不允许的链接“{u}”；请使用 https://、http:// 或相对路径"),
                MissingTranslation(l) => format!("缺少{}文本；将显示另一种语言", lang_name(*l, Lang::Zh)),
                NoSources => "没有资料来源；请至少添加一条 { title, url }".into(),
                UnknownCategory(c) => format!("未知类别“{c}”；将以通用符号显示"),
                NoSites => "文件中没有可显示的地点".into(),
            },
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
