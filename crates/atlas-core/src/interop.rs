//! GeoJSON written by other tools, read without rewriting: a Feature with no
//! `events` but a date in a common shape gets one event from it, and a
//! Feature with no `name` takes its `title` or OpenStreetMap-style
//! `name:zh`/`name:en`. Each mapping is reported as a warning, so a curator
//! knows what the viewer made of the file.

use serde_json::{Map, Value};

use crate::text::{Lang, LocalizedText};

/// Where a date came from when the feature has no `events`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateConvention {
    /// `date` (and `end_date`) directly on the properties.
    Date,
    /// `start_date`/`end_date`, as OpenHistoricalMap writes them.
    OpenHistoricalMap,
    /// `start`/`end`, as Leaflet.timeline reads them.
    LeafletTimeline,
    /// A bare `year`.
    Year,
}

impl DateConvention {
    /// The property keys, start then end.
    pub fn keys(self) -> (&'static str, Option<&'static str>) {
        match self {
            DateConvention::Date => ("date", Some("end_date")),
            DateConvention::OpenHistoricalMap => ("start_date", Some("end_date")),
            DateConvention::LeafletTimeline => ("start", Some("end")),
            DateConvention::Year => ("year", None),
        }
    }
}

/// What the viewer read differently from the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapping {
    /// One event was made from a date property.
    EventFrom(DateConvention),
    /// The name was taken from `title`.
    NameFromTitle,
    /// The name was taken from `name:zh` / `name:en`.
    NameFromTags,
}

impl Mapping {
    /// What was mapped, and how to write it natively, in `lang`.
    pub fn describe(self, lang: Lang) -> String {
        match (self, lang) {
            (Mapping::EventFrom(c), Lang::En) => {
                let (start, end) = c.keys();
                let origin = match c {
                    DateConvention::Date | DateConvention::Year => "",
                    DateConvention::OpenHistoricalMap => " (OpenHistoricalMap style)",
                    DateConvention::LeafletTimeline => " (Leaflet.timeline style)",
                };
                let from = match end {
                    Some(end) => format!("\"{start}\"/\"{end}\""),
                    None => format!("\"{start}\""),
                };
                format!("no events; made one event from {from}{origin}, titled with the site's name; write an \"events\" list to give it a title and text")
            }
            (Mapping::EventFrom(c), Lang::Zh) => {
                let (start, end) = c.keys();
                let from = match end {
                    Some(end) => format!("“{start}”/“{end}”"),
                    None => format!("“{start}”"),
                };
                format!("没有 events；已根据 {from} 生成一个以地点名称为标题的事件；请写 \"events\" 列表以给出标题和说明")
            }
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
        }
    }
}

/// The first date convention the properties use, if any, in order of preference.
pub fn date_convention(props: &Map<String, Value>) -> Option<DateConvention> {
    [
        DateConvention::Date,
        DateConvention::OpenHistoricalMap,
        DateConvention::LeafletTimeline,
        DateConvention::Year,
    ]
    .into_iter()
    .find(|c| props.get(c.keys().0).is_some_and(|v| !v.is_null()))
}

/// A date as other tools write it, reduced to our form: ISO date-times lose
/// their time ("1939-06-24T00:00:00Z" → "1939-06-24"); a `~` or `?` of
/// uncertainty is dropped, and reported back as circa.
pub fn date_text(text: &str) -> (&str, bool) {
    let text = text.trim();
    let date = match text.find('T') {
        Some(t) if t >= 4 => &text[..t],
        _ => text,
    };
    let stripped = date.trim_start_matches('~').trim_end_matches(['~', '?']);
    (stripped, stripped.len() != date.len())
}

/// A name from `name:zh`/`name:en` or `title`, for a feature without `name`.
pub fn foreign_name(props: &Map<String, Value>) -> Option<(LocalizedText, Mapping)> {
    let tag = |key: &str| {
        props
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
    };
    let tagged = LocalizedText {
        zh: tag("name:zh"),
        en: tag("name:en"),
    };
    if !tagged.is_empty() {
        return Some((tagged, Mapping::NameFromTags));
    }
    props
        .get("title")
        .and_then(LocalizedText::from_json)
        .filter(|t| !t.is_empty())
        .map(|t| (t, Mapping::NameFromTitle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn props(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn conventions_are_recognised_by_their_keys() {
        let cases = [
            (json!({ "date": "1939" }), DateConvention::Date),
            (
                json!({ "start_date": "1939" }),
                DateConvention::OpenHistoricalMap,
            ),
            (
                json!({ "start": "1939", "end": "1940" }),
                DateConvention::LeafletTimeline,
            ),
            (json!({ "year": 1939 }), DateConvention::Year),
        ];
        for (p, convention) in cases {
            assert_eq!(date_convention(&props(p)), Some(convention));
        }
        assert_eq!(date_convention(&props(json!({ "prop0": "x" }))), None);
    }

    #[test]
    fn date_times_lose_their_time_and_uncertainty_marks_become_circa() {
        assert_eq!(date_text("1939-06-24T00:00:00Z"), ("1939-06-24", false));
        assert_eq!(date_text(" 1939 "), ("1939", false));
        assert_eq!(date_text("~1939"), ("1939", true));
        assert_eq!(date_text("1939?"), ("1939", true));
    }

    #[test]
    fn a_name_comes_from_tags_before_title() {
        let p = props(json!({ "name:en": "Memorial", "title": "Other" }));
        let (name, how) = foreign_name(&p).unwrap();
        assert_eq!(name.get(Lang::En), "Memorial");
        assert_eq!(how, Mapping::NameFromTags);
        let (name, how) = foreign_name(&props(json!({ "title": "Route" }))).unwrap();
        assert_eq!((name.get(Lang::Zh), how), ("Route", Mapping::NameFromTitle));
    }
}
