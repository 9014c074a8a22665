//! Reading `atlas.tour` from a dataset: each chapter checked against the
//! sites actually shown, with a problem (and its place) for everything wrong.
//! Apart from the tour's types (tour.rs) so those stay below the model.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::date::HistDate;
use crate::geo::{Bounds, LonLat};
use crate::model::Site;
use crate::problem::{Expected, Problem, ProblemKind, Severity};
use crate::text::LocalizedText;
use crate::tour::{
    Chapter, ChapterTime, Tour, CHAPTER_KEYS, DEFAULT_CHAPTER_SECONDS, MAX_CHAPTER_SECONDS,
};
use crate::typo;

/// The sites a chapter may name: those shown, and every feature id read
/// (to tell "no such site" from "that site has errors").
pub(crate) struct SiteIds<'a> {
    /// The valid sites, as they will be in the atlas.
    pub sites: &'a [Site],
    /// Each valid id in the file and the feature that has it, shown or not.
    pub in_file: &'a HashMap<String, usize>,
}

/// Reads `atlas.tour`: the valid chapters, and a problem for every bad one.
pub(crate) fn read(value: Option<&Value>, ids: SiteIds, problems: &mut Vec<Problem>) -> Tour {
    let list = match value {
        None | Some(Value::Null) => return Tour::default(),
        Some(Value::Array(list)) => list,
        Some(_) => {
            let kind = ProblemKind::WrongType {
                expected: Expected::ChapterList,
            };
            problems.push(Problem::in_settings(Severity::Error, "atlas.tour", kind));
            return Tour::default();
        }
    };
    let shown: HashMap<&str, usize> = ids
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let chapters = list
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let mut reader = ChapterReader {
                field: format!("atlas.tour[{i}]"),
                problems: &mut *problems,
                failed: false,
            };
            let chapter = reader.chapter(item, &ids, &shown);
            chapter.filter(|_| !reader.failed)
        })
        .collect();
    Tour { chapters }
}

struct ChapterReader<'p> {
    field: String,
    problems: &'p mut Vec<Problem>,
    failed: bool,
}

impl ChapterReader<'_> {
    fn report(&mut self, severity: Severity, key: &str, kind: ProblemKind) {
        self.failed |= severity == Severity::Error;
        let field = match key {
            "" => self.field.clone(),
            key => format!("{}.{key}", self.field),
        };
        self.problems
            .push(Problem::in_settings(severity, field, kind));
    }

    fn error(&mut self, key: &str, kind: ProblemKind) {
        self.report(Severity::Error, key, kind);
    }

    fn warn(&mut self, key: &str, kind: ProblemKind) {
        self.report(Severity::Warning, key, kind);
    }

    fn chapter(
        &mut self,
        item: &Value,
        ids: &SiteIds,
        shown: &HashMap<&str, usize>,
    ) -> Option<Chapter> {
        let Value::Object(chapter) = item else {
            let expected = Expected::Chapter;
            self.error("", ProblemKind::WrongType { expected });
            return None;
        };
        for key in chapter.keys() {
            if let Some(meant) = typo::likely_meant(key, CHAPTER_KEYS) {
                let found = key.clone();
                self.warn(key, ProblemKind::LikelyTypo { found, meant });
            }
        }
        let site = self.site(chapter.get("site"), ids, shown);
        let bbox = self.bbox(chapter.get("bbox"));
        if let (Some(None), Some(None)) = (site, bbox) {
            self.error("", ProblemKind::ChapterWithoutPlace);
        }
        let time = self.time(chapter);
        let title = self.text(chapter.get("title"), "title");
        let text = self.text(chapter.get("text"), "text");
        let seconds = self.seconds(chapter.get("seconds"));
        let (site, bbox, time) = (site?, bbox?, time?);
        if let Some(site) = site.map(|i| &ids.sites[i]) {
            if !time.filter().admits(site) {
                let first = site.first_date().map(|d| d.start.to_string());
                let first = first.unwrap_or_default();
                self.warn("site", ProblemKind::SiteHiddenAtTime { first });
            }
        }
        Some(Chapter {
            site,
            bbox,
            time,
            title: title?,
            text: text?,
            seconds: seconds?,
        })
    }

    /// `None` on error, `Some(None)` when absent.
    fn site(
        &mut self,
        value: Option<&Value>,
        ids: &SiteIds,
        shown: &HashMap<&str, usize>,
    ) -> Option<Option<usize>> {
        let id = match value {
            None | Some(Value::Null) => return Some(None),
            Some(Value::String(id)) => id.clone(),
            // A numeric Feature id is the site's id as decimal text.
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => {
                let expected = Expected::String;
                self.error("site", ProblemKind::WrongType { expected });
                return None;
            }
        };
        if let Some(&index) = shown.get(id.as_str()) {
            return Some(Some(index));
        }
        let kind = match ids.in_file.get(&id) {
            Some(&feature) => ProblemKind::SiteNotShown { feature },
            None => ProblemKind::UnknownSite {
                meant: nearest_id(&id, ids.sites),
                id,
            },
        };
        self.error("site", kind);
        None
    }

    /// `None` on error, `Some(None)` when absent.
    fn bbox(&mut self, value: Option<&Value>) -> Option<Option<Bounds>> {
        let value = match value {
            None | Some(Value::Null) => return Some(None),
            Some(v) => v,
        };
        let bounds = value.as_array().and_then(|list| {
            let numbers: Vec<f64> = list.iter().filter_map(Value::as_f64).collect();
            let [west, south, east, north] = numbers[..] else {
                return None;
            };
            let lon = -180.0..=180.0;
            let lat = -90.0..=90.0;
            let inside = lon.contains(&west) && lon.contains(&east);
            let inside = inside && lat.contains(&south) && lat.contains(&north);
            (list.len() == 4 && inside && west < east && south < north).then(|| Bounds {
                min: LonLat::new(west, south),
                max: LonLat::new(east, north),
            })
        });
        if bounds.is_none() {
            self.error("bbox", ProblemKind::BadBbox);
            return None;
        }
        Some(bounds)
    }

    fn time(&mut self, chapter: &Map<String, Value>) -> Option<ChapterTime> {
        let t = self.date(chapter.get("t"), "t");
        let from = self.date(chapter.get("from"), "from");
        let to = self.date(chapter.get("to"), "to");
        match (t?, from?, to?) {
            (t, Some(from), Some(to)) => {
                if to.end_years() <= from.start_years() {
                    self.error("to", ProblemKind::PeriodReversed);
                    return None;
                }
                if t.is_some() {
                    self.warn("t", ProblemKind::CursorAndPeriod);
                }
                Some(ChapterTime::Period { from, to })
            }
            (_, Some(_), None) => {
                self.error("to", ProblemKind::Missing);
                None
            }
            (_, None, Some(_)) => {
                self.error("from", ProblemKind::Missing);
                None
            }
            (Some(t), None, None) => Some(ChapterTime::AsOf(t)),
            (None, None, None) => {
                self.error("", ProblemKind::ChapterWithoutTime);
                None
            }
        }
    }

    /// `None` on error, `Some(None)` when absent. Reads dates as events do.
    fn date(&mut self, value: Option<&Value>, key: &str) -> Option<Option<HistDate>> {
        match value {
            None | Some(Value::Null) => Some(None),
            Some(Value::String(s)) => match s.trim().parse::<HistDate>() {
                Ok(d) => Some(Some(d)),
                Err(e) => {
                    self.error(key, ProblemKind::BadDate(e));
                    None
                }
            },
            // A bare year number is accepted, as in events.
            Some(Value::Number(n)) if n.as_i64().is_some_and(|y| y != 0 && y.abs() <= 9999) => {
                Some(Some(HistDate::year(n.as_i64().unwrap_or(1) as i32)))
            }
            Some(_) => {
                let expected = Expected::DateString;
                self.error(key, ProblemKind::WrongType { expected });
                None
            }
        }
    }

    /// Title and text are required, and should exist in both languages.
    fn text(&mut self, value: Option<&Value>, key: &str) -> Option<LocalizedText> {
        let Some(value) = value.filter(|v| !v.is_null()) else {
            self.error(key, ProblemKind::Missing);
            return None;
        };
        let Some(text) = LocalizedText::from_json(value) else {
            let expected = Expected::Text;
            self.error(key, ProblemKind::WrongType { expected });
            return None;
        };
        if text.is_empty() {
            self.error(key, ProblemKind::Missing);
            return None;
        }
        for lang in text.missing() {
            self.warn(key, ProblemKind::MissingTranslation(lang));
        }
        Some(text)
    }

    fn seconds(&mut self, value: Option<&Value>) -> Option<f64> {
        match value {
            None | Some(Value::Null) => Some(DEFAULT_CHAPTER_SECONDS),
            Some(Value::Number(n))
                if n.as_f64()
                    .is_some_and(|s| s > 0.0 && s <= MAX_CHAPTER_SECONDS) =>
            {
                n.as_f64()
            }
            Some(_) => {
                let expected = Expected::ChapterSeconds;
                self.error("seconds", ProblemKind::WrongType { expected });
                None
            }
        }
    }
}

/// The shown site's id that `id` is probably a slip of.
fn nearest_id(id: &str, sites: &[Site]) -> Option<String> {
    sites
        .iter()
        .map(|s| (s, typo::edit_distance(id, &s.id)))
        .filter(|&(_, d)| d <= 2)
        .min_by_key(|&(_, d)| d)
        .map(|(s, _)| s.id.clone())
}
