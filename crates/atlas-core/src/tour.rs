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

use crate::date::HistDate;
use crate::geo::Bounds;
use crate::text::LocalizedText;
use crate::time::TimeFilter;

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
