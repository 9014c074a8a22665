//! Playing the guided tour: which chapter comes next, where the map looks for
//! a chapter, and how far a chapter's time has run while autoplay is on.
//!
//! The app feeds these the clock and the map's size and shows what they
//! answer; the rules themselves need no browser.

use crate::geo::Viewport;
use crate::model::Atlas;
use crate::tour::{Chapter, ChapterTime, Tour};

/// A chapter about one site shows it this close: the streets around it and
/// its uncertainty circle, but not the whole district (a plain selection
/// zooms to at least 11, which still shows every site of a city).
pub const CHAPTER_SITE_ZOOM: f64 = 13.0;
/// Free space kept around a chapter's box, in CSS px.
pub const CHAPTER_FIT_PADDING: f64 = 48.0;
/// A small chapter box never zooms closer than a site chapter does.
pub const CHAPTER_FIT_MAX_ZOOM: f64 = CHAPTER_SITE_ZOOM;

impl Tour {
    /// The chapter a link or a caller asks for, kept inside the tour: a
    /// chapter past the end shows the last one. `None` for an empty tour.
    pub fn clamped(&self, chapter: usize) -> Option<usize> {
        self.len().checked_sub(1).map(|last| chapter.min(last))
    }

    /// The chapter after `current`. After the last one there is none, except
    /// in the kiosk's attract loop (`looping`), which starts over.
    pub fn next_chapter(&self, current: usize, looping: bool) -> Option<usize> {
        let next = current.checked_add(1)?;
        if next < self.len() {
            Some(next)
        } else if looping && !self.is_empty() {
            Some(0)
        } else {
            None
        }
    }

    /// The chapter before `current`; none before the first.
    pub fn previous_chapter(&self, current: usize) -> Option<usize> {
        current
            .checked_sub(1)
            .map(|previous| previous.min(self.len().saturating_sub(1)))
            .filter(|_| !self.is_empty())
    }
}

impl ChapterTime {
    /// The years the timeline must show for this chapter: the cursor's year
    /// twice, or the period's start and end.
    pub fn span_years(&self) -> (f64, f64) {
        match *self {
            ChapterTime::AsOf(t) => (t.start_years(), t.start_years()),
            ChapterTime::Period { from, to } => (from.start_years(), to.end_years()),
        }
    }
}

/// Where the map looks for `chapter` on a map `width`×`height` CSS px: its
/// box fitted, or else its site at [`CHAPTER_SITE_ZOOM`]. `None` when the
/// chapter's site has no place on the map (the map then stays where it is).
pub fn chapter_view(atlas: &Atlas, chapter: &Chapter, width: f64, height: f64) -> Option<Viewport> {
    if let Some(bbox) = chapter.bbox {
        return Some(Viewport::fit(
            bbox,
            width,
            height,
            CHAPTER_FIT_PADDING,
            CHAPTER_FIT_MAX_ZOOM,
        ));
    }
    let position = atlas.sites.get(chapter.site?)?.position?;
    Some(Viewport {
        center: position.to_world(),
        zoom: CHAPTER_SITE_ZOOM,
        width,
        height,
    })
}

/// How long the shown chapter has played: a stopwatch that autoplay runs and
/// the Pause button stops, restarted for every chapter.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ChapterClock {
    /// Milliseconds played before the current run (or in all, when paused).
    played_ms: f64,
    /// When the current run began, while the clock runs.
    running_since: Option<f64>,
}

impl ChapterClock {
    /// A clock for a chapter just shown with autoplay on, at `now_ms`.
    pub fn running(now_ms: f64) -> Self {
        Self {
            played_ms: 0.0,
            running_since: Some(now_ms),
        }
    }

    /// A clock for a chapter just shown with autoplay off.
    pub fn stopped() -> Self {
        Self::default()
    }

    /// Whether the clock runs (autoplay is on).
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    /// Milliseconds the chapter has played by `now_ms`.
    pub fn played_ms(&self, now_ms: f64) -> f64 {
        let run = self
            .running_since
            .map_or(0.0, |since| (now_ms - since).max(0.0));
        self.played_ms + run
    }

    /// Stops the clock, keeping the time played.
    pub fn pause(&mut self, now_ms: f64) {
        self.played_ms = self.played_ms(now_ms);
        self.running_since = None;
    }

    /// Runs the clock again from where it stopped; a chapter whose time was
    /// already up (the end of the tour) plays again from its start, so Play
    /// always plays something.
    pub fn resume(&mut self, now_ms: f64, seconds: f64) {
        if self.is_running() {
            return;
        }
        if self.is_up(now_ms, seconds) {
            self.played_ms = 0.0;
        }
        self.running_since = Some(now_ms);
    }

    /// How much of a `seconds`-long chapter has played, from 0 to 1.
    pub fn progress(&self, now_ms: f64, seconds: f64) -> f64 {
        if seconds <= 0.0 {
            return 1.0;
        }
        (self.played_ms(now_ms) / (seconds * 1000.0)).clamp(0.0, 1.0)
    }

    /// Milliseconds left of a `seconds`-long chapter (0 once it is up).
    pub fn remaining_ms(&self, now_ms: f64, seconds: f64) -> f64 {
        (seconds * 1000.0 - self.played_ms(now_ms)).max(0.0)
    }

    /// Whether a `seconds`-long chapter has had its time.
    pub fn is_up(&self, now_ms: f64, seconds: f64) -> bool {
        self.remaining_ms(now_ms, seconds) <= 0.0
    }

    /// Marks the chapter as played to its end and stops: the end of a tour
    /// shows a full progress bar with autoplay off.
    pub fn finish(&mut self, seconds: f64) {
        self.played_ms = seconds * 1000.0;
        self.running_since = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{Bounds, LonLat};
    use crate::text::LocalizedText;
    use proptest::prelude::*;

    fn chapter(site: Option<usize>, bbox: Option<Bounds>) -> Chapter {
        Chapter {
            site,
            bbox,
            time: ChapterTime::AsOf("1939".parse().unwrap()),
            title: LocalizedText::plain("t"),
            text: LocalizedText::plain("x"),
            seconds: 10.0,
        }
    }

    /// An atlas of one site, "s", at `position` (or with no known place).
    fn one_site(position: Option<LonLat>) -> Atlas {
        let geometry = position.map_or("null".to_owned(), |p| {
            format!(r#"{{"type":"Point","coordinates":[{},{}]}}"#, p.lon, p.lat)
        });
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":{geometry},
              "properties":{{"id":"s","name":"S","category":"museum","events":[{{"date":"1939","title":"E"}}]}}}}]}}"#
        );
        let atlas = crate::load(&text).unwrap().atlas;
        assert_eq!(atlas.sites.len(), 1, "the test site loads");
        atlas
    }

    fn tour_of(len: usize) -> Tour {
        Tour {
            chapters: (0..len).map(|_| chapter(Some(0), None)).collect(),
        }
    }

    #[test]
    fn next_stops_at_the_last_chapter_unless_the_tour_loops() {
        let tour = tour_of(3);
        assert_eq!(tour.next_chapter(0, false), Some(1));
        assert_eq!(tour.next_chapter(2, false), None);
        assert_eq!(tour.next_chapter(2, true), Some(0));
        assert_eq!(tour_of(0).next_chapter(0, true), None);
    }

    #[test]
    fn previous_stops_at_the_first_chapter_even_in_a_loop() {
        let tour = tour_of(3);
        assert_eq!(tour.previous_chapter(2), Some(1));
        assert_eq!(tour.previous_chapter(0), None);
        // A stale index past the end steps back into the tour.
        assert_eq!(tour.previous_chapter(7), Some(2));
        assert_eq!(Tour::default().previous_chapter(1), None);
    }

    #[test]
    fn a_link_past_the_end_opens_the_last_chapter() {
        assert_eq!(tour_of(9).clamped(2), Some(2));
        assert_eq!(tour_of(9).clamped(40), Some(8));
        assert_eq!(tour_of(0).clamped(0), None);
    }

    #[test]
    fn a_site_chapter_centres_its_site_closer_than_a_selection_does() {
        let place = LonLat::new(120.5056, 31.3875);
        let atlas = one_site(Some(place));
        let view = chapter_view(&atlas, &chapter(Some(0), None), 800.0, 600.0).unwrap();
        assert_eq!(view.center, place.to_world());
        assert_eq!(
            (view.zoom, view.width, view.height),
            (CHAPTER_SITE_ZOOM, 800.0, 600.0)
        );
    }

    #[test]
    fn a_box_chapter_fits_its_box_whatever_its_site() {
        let bbox = Bounds {
            min: LonLat::new(120.4, 31.2),
            max: LonLat::new(120.7, 31.5),
        };
        let atlas = one_site(Some(LonLat::new(100.0, 20.0)));
        let view = chapter_view(&atlas, &chapter(Some(0), Some(bbox)), 800.0, 600.0).unwrap();
        let fitted = Viewport::fit(
            bbox,
            800.0,
            600.0,
            CHAPTER_FIT_PADDING,
            CHAPTER_FIT_MAX_ZOOM,
        );
        assert_eq!(view, fitted);
        assert!(
            view.zoom < CHAPTER_SITE_ZOOM,
            "a district-sized box is wider than a site"
        );
    }

    #[test]
    fn a_chapter_about_an_unlocated_site_leaves_the_map_alone() {
        let atlas = one_site(None);
        assert!(atlas.sites[0].position.is_none());
        assert_eq!(
            chapter_view(&atlas, &chapter(Some(0), None), 800.0, 600.0),
            None
        );
    }

    #[test]
    fn a_cursor_chapter_shows_one_year_and_a_period_its_whole_span() {
        let cursor = ChapterTime::AsOf("1939-06-24".parse().unwrap());
        let (a, b) = cursor.span_years();
        assert_eq!(a, b);
        let period = ChapterTime::Period {
            from: "1937".parse().unwrap(),
            to: "1945".parse().unwrap(),
        };
        assert_eq!(period.span_years(), (1937.0, 1946.0));
    }

    #[test]
    fn the_clock_counts_only_while_it_runs() {
        let mut clock = ChapterClock::running(1_000.0);
        assert_eq!(clock.progress(3_500.0, 10.0), 0.25);
        clock.pause(3_500.0);
        assert!(!clock.is_running());
        assert_eq!(clock.played_ms(60_000.0), 2_500.0);
        clock.resume(60_000.0, 10.0);
        assert_eq!(clock.remaining_ms(61_000.0, 10.0), 6_500.0);
        assert!(clock.is_up(67_500.0, 10.0));
        assert_eq!(clock.progress(99_000.0, 10.0), 1.0);
    }

    #[test]
    fn a_stopped_clock_never_runs_out() {
        let clock = ChapterClock::stopped();
        assert_eq!(clock.progress(1e9, 1.0), 0.0);
        assert!(!clock.is_up(1e9, 1.0));
    }

    #[test]
    fn play_after_the_end_plays_the_chapter_again() {
        let mut clock = ChapterClock::running(0.0);
        clock.finish(5.0);
        assert_eq!(clock.progress(9_000.0, 5.0), 1.0);
        clock.resume(9_000.0, 5.0);
        assert!(clock.is_running());
        assert_eq!(clock.progress(10_000.0, 5.0), 0.2);
    }

    proptest! {
        #[test]
        fn stepping_stays_inside_the_tour(len in 0usize..20, current in 0usize..25, looping: bool) {
            let tour = tour_of(len);
            let steps = [tour.next_chapter(current, looping), tour.previous_chapter(current)];
            for i in steps.into_iter().flatten() {
                prop_assert!(i < len);
            }
            // A looping tour always has somewhere to go.
            if looping && len > 0 && current < len {
                prop_assert!(tour.next_chapter(current, true).is_some());
            }
        }

        #[test]
        fn next_then_previous_comes_back(len in 2usize..20, current in 0usize..19) {
            let tour = tour_of(len);
            prop_assume!(current + 1 < len);
            let next = tour.next_chapter(current, false).unwrap();
            prop_assert_eq!(tour.previous_chapter(next), Some(current));
        }

        #[test]
        fn progress_never_leaves_zero_to_one_and_never_goes_back(
            seconds in 0.1f64..600.0,
            pauses in proptest::collection::vec((0.0f64..5_000.0, 0.0f64..5_000.0), 0..8),
        ) {
            let mut clock = ChapterClock::running(0.0);
            let (mut now, mut last) = (0.0, 0.0);
            for (run, rest) in pauses {
                now += run;
                clock.pause(now);
                let p = clock.progress(now, seconds);
                prop_assert!((0.0..=1.0).contains(&p) && p >= last);
                last = p;
                now += rest;
                prop_assert_eq!(clock.progress(now, seconds), p, "paused time does not count");
                clock.resume(now, seconds);
                if p >= 1.0 {
                    last = 0.0;
                }
            }
        }
    }
}
