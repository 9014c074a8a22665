//! The guided tour: chapters that each show a place at a time with a short
//! text, played in order by the "Tour" button and a kiosk's attract loop.
//!
//! The tour is the dataset's `atlas.tour`, a list of chapters:
//!
//! ```json
//! { "site": "xushuguan-raid-memorial", "t": "1939-06-24",
//!   "title": { "zh": "夜袭浒墅关", "en": "Night raid on Xushuguan" },
//!   "text": { "zh": "…", "en": "…" }, "seconds": 15 }
//! ```
//!
//! Chapters are checked against the sites actually shown. A chapter that
//! names no shown site, has no place or no time, a bad date or box, no title
//! or text, or a bad duration is an error: it is reported with its place
//! (`atlas.tour[2].site`) and skipped, and the rest of the tour still plays.
//! A missing translation, or a site that is not on the map at the chapter's
//! time, is a warning: the chapter plays.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::date::HistDate;
use crate::geo::{Bounds, LonLat};
use crate::model::Site;
use crate::problem::{Expected, Problem, ProblemKind, Severity};
use crate::text::LocalizedText;
use crate::time::TimeFilter;
use crate::typo;

/// How long a chapter stays when the dataset does not say: time to read two
/// or three sentences on a kiosk.
pub const DEFAULT_CHAPTER_SECONDS: f64 = 12.0;
/// Longer chapters are almost always milliseconds written as seconds.
pub const MAX_CHAPTER_SECONDS: f64 = 600.0;
/// Members of a chapter.
pub const CHAPTER_KEYS: &[&str] = &[
    "site", "bbox", "t", "from", "to", "title", "text", "seconds",
];

/// The dataset's guided tour: its valid chapters, in the order written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tour {
    /// The chapters that passed validation; skipped ones leave no gap.
    pub chapters: Vec<Chapter>,
}

impl Tour {
    /// True when the dataset has no (valid) tour: the app offers none.
    pub fn is_empty(&self) -> bool {
        self.chapters.is_empty()
    }

    /// How many chapters there are ("Chapter 3 of 9").
    pub fn len(&self) -> usize {
        self.chapters.len()
    }

    /// The chapter at `index` (0-based), if there is one.
    pub fn chapter(&self, index: usize) -> Option<&Chapter> {
        self.chapters.get(index)
    }

    /// Seconds one pass through the whole tour takes, played without a touch.
    pub fn total_seconds(&self) -> f64 {
        self.chapters.iter().map(|c| c.seconds).sum()
    }
}

/// One step of the tour: where to look, when, and what to read.
#[derive(Clone, Debug, PartialEq)]
pub struct Chapter {
    /// The site to select, as an index into [`crate::Atlas::sites`].
    pub site: Option<usize>,
    /// The box to fit the map to; without it the map goes to `site`.
    /// At least one of `site` and `bbox` is always there.
    pub bbox: Option<Bounds>,
    /// The time to show.
    pub time: ChapterTime,
    /// A short title.
    pub title: LocalizedText,
    /// A few sentences.
    pub text: LocalizedText,
    /// How long the chapter stays before the next, in seconds (> 0).
    pub seconds: f64,
}

/// When a chapter is set: a cursor, or a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChapterTime {
    /// `"t"`: the "as of" cursor at the start of this date, as `?t=` does.
    AsOf(HistDate),
    /// `"from"`/`"to"`: a period that includes the whole of both dates as
    /// written (`"to": "1945"` runs to the end of 1945), never empty.
    Period {
        /// First date of the period.
        from: HistDate,
        /// Last date of the period, included.
        to: HistDate,
    },
}

impl ChapterTime {
    /// The time filter this chapter puts the map and timeline in.
    pub fn filter(&self) -> TimeFilter {
        match *self {
            ChapterTime::AsOf(t) => TimeFilter::AsOf(t.start_years()),
            ChapterTime::Period { from, to } => {
                TimeFilter::Between(from.start_years(), to.end_years())
            }
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Expected;
    use crate::text::Lang;

    fn date(text: &str) -> HistDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_cursor_sits_at_the_start_of_its_date_as_links_do() {
        let time = ChapterTime::AsOf(date("1939-06-24"));
        assert_eq!(
            time.filter(),
            TimeFilter::from_query(Some("1939-06-24"), None, None)
        );
    }

    #[test]
    fn a_period_includes_the_whole_of_its_last_date() {
        let time = ChapterTime::Period {
            from: date("1937"),
            to: date("1945"),
        };
        assert_eq!(time.filter(), TimeFilter::Between(1937.0, 1946.0));
        let august_1945 = crate::date::EventDate::on(date("1945-08-15"));
        assert!(time.filter().admits_event(&august_1945));
    }

    #[test]
    fn a_tour_plays_for_the_sum_of_its_chapters() {
        let chapter = |seconds| Chapter {
            site: Some(0),
            bbox: None,
            time: ChapterTime::AsOf(date("1939")),
            title: LocalizedText::plain("t"),
            text: LocalizedText::plain("x"),
            seconds,
        };
        let tour = Tour {
            chapters: vec![chapter(12.0), chapter(20.5)],
        };
        assert_eq!((tour.len(), tour.total_seconds()), (2, 32.5));
        assert!(tour.chapter(2).is_none() && !tour.is_empty());
    }

    #[test]
    fn the_stated_duration_range_is_the_one_enforced() {
        let text = Expected::ChapterSeconds.describe(Lang::En);
        assert!(
            text.contains(&format!("at most {MAX_CHAPTER_SECONDS}")),
            "{text}"
        );
    }
}
