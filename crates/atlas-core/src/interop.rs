//! GeoJSON written by other tools, read without rewriting: a Feature with no
//! `events` but a date in another tool's field gets one event from it
//! ([`crate::foreign_date`] reads the field), and a
//! Feature with no `name` takes its `title` or OpenStreetMap-style
//! `name:zh`/`name:en`. Each mapping is reported as a warning, so a curator
//! knows what the viewer made of the file.

use serde_json::{Map, Value};

use crate::foreign_date::TimeField;
use crate::text::{Lang, LocalizedText};

/// What the viewer read differently from the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapping {
    /// One event was made from another tool's time field.
    EventFrom(TimeField),
    /// The name was taken from `title`.
    NameFromTitle,
    /// The name was taken from `name:zh` / `name:en`.
    NameFromTags,
    /// The name was taken from `NAME` (Natural Earth, shapefile exports).
    NameFromCapitals,
    /// The category was taken from another tool's field (`historic`, `featurecla`, `type`).
    CategoryFrom(&'static str),
}

impl Mapping {
    /// What was mapped, and how to write it natively, in `lang`.
    pub fn describe(self, lang: Lang) -> String {
        match (self, lang) {
            (Mapping::EventFrom(field), Lang::En) => format!(
                "no events; made one event from {}, titled with the site's name; write an \"events\" list to give it a title and text",
                field.describe(Lang::En)
            ),
            (Mapping::EventFrom(field), Lang::Zh) => format!(
                "没有 events；已根据 {} 生成一个以地点名称为标题的事件；请写 \"events\" 列表以给出标题和说明",
                field.describe(Lang::Zh)
            ),
            (Mapping::NameFromTitle, Lang::En) => {
                "no \"name\"; used \"title\" as the name; rename it to \"name\"".into()
            }
            (Mapping::NameFromTitle, Lang::Zh) => {
                "没有“name”；已将“title”用作名称；请改名为“name”".into()
            }
            (Mapping::NameFromTags, Lang::En) => {
                "no \"name\"; used \"name:zh\"/\"name:en\"; write \"name\": { \"zh\": …, \"en\": … }".into()
            }
            (Mapping::NameFromTags, Lang::Zh) => {
                "没有“name”；已使用“name:zh”/“name:en”；请写 \"name\": { \"zh\": …, \"en\": … }".into()
            }
            (Mapping::NameFromCapitals, Lang::En) => {
                "no \"name\"; used \"NAME\" (as Natural Earth and shapefile exports write it); rename it to \"name\"".into()
            }
            (Mapping::CategoryFrom(key), Lang::En) => format!(
                "no \"category\"; used \"{key}\" as the category; write \"category\" to choose the legend's groups"
            ),
            (Mapping::CategoryFrom(key), Lang::Zh) => {
                format!("没有“category”；已将“{key}”用作类别；请写 \"category\" 以确定图例分组")
            }
            (Mapping::NameFromCapitals, Lang::Zh) => {
                "没有“name”；已使用“NAME”（Natural Earth 和 shapefile 导出的写法）；请改名为“name”".into()
            }
        }
    }
}

/// A name for a feature without `name`, from `title`, then OpenStreetMap's
/// `name:en`/`name:zh` tags, then `NAME`/`Name` (Natural Earth, shapefile
/// exports), in that order.
pub fn foreign_name(props: &Map<String, Value>) -> Option<(LocalizedText, Mapping)> {
    let tag = |key: &str| {
        props
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
    };
    if let Some(title) = props
        .get("title")
        .and_then(LocalizedText::from_json)
        .filter(|t| !t.is_empty())
    {
        return Some((title, Mapping::NameFromTitle));
    }
    // OSM tags write `name:en`; Natural Earth writes `name_en`.
    let tagged = LocalizedText {
        zh: tag("name:zh").or_else(|| tag("name_zh")),
        en: tag("name:en").or_else(|| tag("name_en")),
    };
    if !tagged.is_empty() {
        return Some((tagged, Mapping::NameFromTags));
    }
    ["NAME", "Name"]
        .into_iter()
        .find_map(tag)
        .map(|name| (LocalizedText::plain(name), Mapping::NameFromCapitals))
}

/// Text to make an id from, for a feature without one: the name as the
/// viewer reads it, English first (ids are ASCII, so a Latin name makes the
/// readable slug).
pub fn name_for_id(props: &Map<String, Value>) -> Option<String> {
    let name = props
        .get("name")
        .and_then(LocalizedText::from_json)
        .filter(|t| !t.is_empty())
        .or_else(|| foreign_name(props).map(|(name, _)| name))?;
    Some(name.get(Lang::En).to_owned())
}

/// `"Fort Snelling (1820)"` → `"fort-snelling-1820"`: ASCII letters and
/// digits, runs of anything else become one `-`, at most 64 characters.
/// `None` when nothing is left (a name in Chinese characters only).
pub fn slug(text: &str) -> Option<String> {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if let Some(latin) = latin_letter(c) {
            slug.push_str(latin);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 64 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    (!slug.is_empty()).then(|| slug.to_owned())
}

/// Where other tools keep what we call the category, in order: OpenStreetMap's
/// `historic` (castle, memorial, ruins), Natural Earth's `featurecla`, and the
/// generic `type` (the USGS feed: "earthquake").
pub const CATEGORY_KEYS: &[&str] = &["historic", "featurecla", "type"];

/// A category from another tool's field, with the field it came from.
pub fn foreign_category(props: &Map<String, Value>) -> Option<(&'static str, String)> {
    CATEGORY_KEYS.iter().find_map(|&key| {
        let value = props.get(key)?.as_str()?.trim();
        (!value.is_empty() && value != "yes").then(|| (key, value.to_owned()))
    })
}

/// A shapefile's field names are cut to 10 characters (dBase), so
/// `descriptio` is `description` after a trip through one: not a typo.
pub fn cut_by_shapefile(key: &str, known: &str) -> bool {
    key.len() == 10 && known.len() > 10 && known.starts_with(key)
}

/// The plain letters of an accented Latin one, so "Schloßberg" and "Château"
/// make readable ids: `schlossberg`, `chateau`.
fn latin_letter(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next()?;
    Some(match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ß' => "ss",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

/// Properties that common producers write for their own purposes: never
/// reported as misspellings of ours, even when one looks like a slip
/// (`ids` beside `id`, `source` beside `sources`, `types` beside `type`).
pub const PRODUCER_KEYS: &[&str] = &[
    // overpass-turbo / OpenStreetMap
    "@id",
    "@relations",
    "@geometry",
    "source",
    "wikidata",
    "wikipedia",
    // the USGS earthquake feed
    "ids",
    "sources",
    "types",
    "code",
    "net",
    "place",
    "mag",
    "magType",
    "time",
    "updated",
    "tz",
    "url",
    "detail",
    // Esri and QGIS exports
    "OBJECTID",
    "FID",
    "fid",
    "sourceId",
    "Shape_Leng",
    "Shape_Area",
    // Natural Earth
    "NAME",
    "Name",
    "SOURCE",
    "scalerank",
    "featurecla",
    // Leaflet.TimeDimension, story maps
    "times",
    "timestamp",
    "style",
    "icon",
    "popupContent",
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn props(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn a_name_comes_from_title_then_tags_then_capitals() {
        let p = props(json!({ "name:en": "Memorial", "title": "Other", "NAME": "X" }));
        let (name, how) = foreign_name(&p).unwrap();
        assert_eq!((name.get(Lang::En), how), ("Other", Mapping::NameFromTitle));
        let p = props(json!({ "name:en": "Memorial", "NAME": "X" }));
        let (name, how) = foreign_name(&p).unwrap();
        assert_eq!(
            (name.get(Lang::En), how),
            ("Memorial", Mapping::NameFromTags)
        );
        let (name, how) = foreign_name(&props(json!({ "NAME": "Paris" }))).unwrap();
        assert_eq!(
            (name.get(Lang::Zh), how),
            ("Paris", Mapping::NameFromCapitals)
        );
        assert_eq!(foreign_name(&props(json!({ "NAME": "  " }))), None);
    }

    #[test]
    fn slugs_keep_ascii_letters_and_digits() {
        assert_eq!(
            slug("Fort Snelling (1820)").as_deref(),
            Some("fort-snelling-1820")
        );
        assert_eq!(slug("  Château d'If ").as_deref(), Some("chateau-d-if"));
        assert_eq!(
            slug("Burgstall Schloßberg").as_deref(),
            Some("burgstall-schlossberg")
        );
        assert_eq!(slug("Nevşehir Kalesi").as_deref(), Some("nevsehir-kalesi"));
        assert_eq!(slug("中国刺绣艺术馆"), None);
        assert_eq!(slug(&"a".repeat(200)).map(|s| s.len()), Some(64));
        assert!(slug("Xushuguan 夜袭").is_some_and(|s| crate::parse::is_valid_id(&s)));
    }

    #[test]
    fn an_id_is_made_from_the_english_name_first() {
        let p = props(json!({ "name": { "zh": "纪念碑", "en": "Memorial" } }));
        assert_eq!(name_for_id(&p).as_deref(), Some("Memorial"));
        assert_eq!(
            name_for_id(&props(json!({ "NAME": "Lyon" }))).as_deref(),
            Some("Lyon")
        );
        assert_eq!(name_for_id(&props(json!({ "prop0": 1 }))), None);
    }
}
