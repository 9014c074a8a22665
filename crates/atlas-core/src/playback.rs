//! Playback of the timeline: the "as of" cursor travels through history at a
//! chosen speed and rests on the events it reaches.
//!
//! The app calls [`Playhead::frame`] once per animation frame (or, when the
//! visitor prefers reduced motion, [`Course::hop`] once per step) and applies
//! the [`Step`] it gets back; everything about how far to move, where to rest
//! and when to stop is decided here, without a browser.
//!
//! The cursor itself belongs to the app (a visitor may click the strip while
//! playback runs, and playback then carries on from there), so each step is
//! given the cursor it starts from.

use crate::time_axis::TimeAxis;

/// At normal speed the cursor crosses the whole axis in this many seconds
/// (gaps collapsed on the axis are crossed quickly too).
pub const AXIS_SECONDS: f64 = 60.0;
/// The cursor rests this long on each event it reaches (ms, at normal speed).
pub const DWELL_MS: f64 = 1600.0;
/// Frames further apart than this (a background tab) do not jump the cursor.
pub const MAX_FRAME_MS: f64 = 100.0;

/// What playback travels over.
#[derive(Clone, Copy, Debug)]
pub struct Course<'a> {
    /// The timeline's axis: the cursor moves at a constant pace along it.
    pub axis: &'a TimeAxis,
    /// Start of each event on the continuous year axis, non-decreasing.
    pub starts: &'a [f64],
    /// Where playback starts over (the data's first moment).
    pub start: f64,
    /// Where playback stops (the data's last moment).
    pub end: f64,
    /// Width of one mark slot along the axis at the current zoom: events
    /// closer than this share a mark, so the cursor rests on only one of them.
    pub slot_u: f64,
}

/// What one step of playback did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    /// Resting on an event: the cursor stays where it is.
    Resting,
    /// The cursor moved on to `t` (possibly onto an event it does not rest on).
    Moved {
        /// The cursor's new place.
        t: f64,
    },
    /// The cursor reached event `index` (of [`Course::starts`]) at its start
    /// `t`, and rests there.
    Arrived {
        /// The cursor's new place: the event's start.
        t: f64,
        /// Which event.
        index: usize,
    },
    /// The cursor reached [`Course::end`]: playback stops there.
    Ended {
        /// An event reached on the way, which the cursor would have rested on.
        arrived: Option<usize>,
    },
}

impl Course<'_> {
    /// Where Play puts the cursor: it continues from an "as of" cursor
    /// short of the end, and otherwise starts over from the beginning.
    pub fn play_from(&self, cursor: Option<f64>) -> f64 {
        match cursor {
            Some(t) if t < self.end => t,
            _ => self.start,
        }
    }

    /// The first event that starts strictly after `t`.
    pub fn next_event_after(&self, t: f64) -> Option<usize> {
        let i = self.starts.partition_point(|&s| s <= t);
        (i < self.starts.len()).then_some(i)
    }

    /// One step under reduced motion: no travel, the cursor jumps from
    /// `cursor` to the next event, or to the end when none is left.
    pub fn hop(&self, cursor: f64) -> Step {
        match self.next_event_after(cursor) {
            Some(index) => Step::Arrived {
                t: self.starts[index],
                index,
            },
            None => Step::Ended { arrived: None },
        }
    }
}

/// How long to wait between reduced-motion hops at `speed` (ms): one rest.
pub fn hop_delay_ms(speed: f64) -> f64 {
    DWELL_MS / speed
}

/// What playback remembers between frames: its clock and where it last rested.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Playhead {
    /// Clock reading of the previous frame.
    last_frame: Option<f64>,
    /// Clock reading until which the cursor rests.
    dwell_until: f64,
    /// Axis position of the last event rested on.
    last_dwell_u: f64,
}

impl Default for Playhead {
    fn default() -> Self {
        Self::new()
    }
}

impl Playhead {
    /// A playhead that has not moved yet.
    pub fn new() -> Self {
        Self {
            last_frame: None,
            dwell_until: f64::NEG_INFINITY,
            last_dwell_u: f64::NEG_INFINITY,
        }
    }

    /// Forgets the clock (frames restarted on a new clock), keeping where it last rested.
    pub fn restart_clock(&mut self) {
        self.last_frame = None;
        self.dwell_until = f64::NEG_INFINITY;
    }

    /// One animation frame at clock reading `now` (ms): moves the cursor on
    /// from `cursor` at `speed` (a multiple of normal), stopping on the
    /// first event it passes.
    pub fn frame(&mut self, now: f64, cursor: f64, speed: f64, course: &Course) -> Step {
        let dt = self
            .last_frame
            .map_or(0.0, |last| (now - last).min(MAX_FRAME_MS));
        self.last_frame = Some(now);
        if now < self.dwell_until {
            return Step::Resting;
        }
        let axis = course.axis;
        let travelled = axis.t(axis.u(cursor) + dt / 1000.0 * speed / AXIS_SECONDS);
        let mut next = travelled.max(cursor);
        let mut arrived = None;
        // The cursor stops on the first event it passes in this frame…
        if let Some(index) = course
            .next_event_after(cursor)
            .filter(|&i| course.starts[i] <= travelled)
        {
            next = course.starts[index];
            // …but dense stretches are not rested on event by event: once per mark slot at most.
            let u = axis.u(next);
            if (u - self.last_dwell_u).abs() >= course.slot_u {
                self.last_dwell_u = u;
                self.dwell_until = now + DWELL_MS / speed;
                arrived = Some(index);
            }
        }
        if next >= course.end {
            Step::Ended { arrived }
        } else if let Some(index) = arrived {
            Step::Arrived { t: next, index }
        } else {
            Step::Moved { t: next }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FRAME_MS: f64 = 16.0;

    fn axis_1900s() -> TimeAxis {
        TimeAxis::linear(1900.0, 2000.0)
    }

    fn course<'a>(axis: &'a TimeAxis, starts: &'a [f64]) -> Course<'a> {
        Course {
            axis,
            starts,
            start: 1900.0,
            end: 2000.0,
            slot_u: 0.01,
        }
    }

    #[test]
    fn the_first_frame_only_starts_the_clock() {
        let axis = axis_1900s();
        let c = course(&axis, &[]);
        let mut p = Playhead::new();
        let Step::Moved { t } = p.frame(5000.0, 1950.0, 1.0, &c) else {
            panic!("expected a move");
        };
        assert!((t - 1950.0).abs() < 1e-9, "{t}");
    }

    #[test]
    fn normal_speed_crosses_the_axis_in_a_minute() {
        let axis = axis_1900s();
        let c = course(&axis, &[]);
        let mut p = Playhead::new();
        p.frame(0.0, 1900.0, 1.0, &c);
        // 60 ms is a thousandth of a minute: a tenth of a year on a century.
        let Step::Moved { t } = p.frame(60.0, 1900.0, 1.0, &c) else {
            panic!("expected a move");
        };
        assert!((t - 1900.1).abs() < 1e-9, "{t}");
        let Step::Moved { t } = p.frame(120.0, 1900.0, 2.0, &c) else {
            panic!("expected a move");
        };
        assert!(
            (t - 1900.2).abs() < 1e-9,
            "twice the speed, twice as far: {t}"
        );
    }

    #[test]
    fn a_long_pause_between_frames_moves_no_further_than_max_frame() {
        let axis = axis_1900s();
        let c = course(&axis, &[]);
        let mut p = Playhead::new();
        p.frame(0.0, 1900.0, 1.0, &c);
        let Step::Moved { t } = p.frame(60_000.0, 1900.0, 1.0, &c) else {
            panic!("expected a move");
        };
        let max_years = MAX_FRAME_MS / 1000.0 / AXIS_SECONDS * 100.0;
        assert!((t - 1900.0 - max_years).abs() < 1e-9, "{t}");
    }

    #[test]
    fn the_cursor_stops_on_an_event_it_passes_and_rests_there() {
        let axis = axis_1900s();
        let starts = [1900.05, 1950.0];
        let c = course(&axis, &starts);
        let mut p = Playhead::new();
        p.frame(0.0, 1900.0, 2.0, &c);
        assert_eq!(
            p.frame(60.0, 1900.0, 2.0, &c),
            Step::Arrived {
                t: 1900.05,
                index: 0
            }
        );
        // At twice the speed the rest is half as long.
        assert_eq!(p.frame(80.0, 1900.05, 2.0, &c), Step::Resting);
        assert_eq!(p.frame(859.0, 1900.05, 2.0, &c), Step::Resting);
        assert!(matches!(
            p.frame(860.0, 1900.05, 2.0, &c),
            Step::Moved { t } if t > 1900.05
        ));
    }

    #[test]
    fn events_in_one_slot_are_rested_on_once() {
        let axis = axis_1900s();
        // A slot is a hundredth of the axis: a year here.
        let starts = [1900.01, 1900.02, 1901.5];
        let c = course(&axis, &starts);
        let (cursors, arrivals, ended) = play(&c, 4.0, &[FRAME_MS], 1900.0);
        assert!(ended);
        assert_eq!(arrivals, [0, 2]);
        // The cursor still lands exactly on the event it does not rest on.
        assert!(cursors.contains(&1900.02));
    }

    #[test]
    fn reaching_the_end_ends_playback() {
        let axis = axis_1900s();
        let c = course(&axis, &[]);
        let mut p = Playhead::new();
        p.frame(0.0, 1999.99, 1.0, &c);
        assert_eq!(
            p.frame(100.0, 1999.99, 1.0, &c),
            Step::Ended { arrived: None }
        );
        // A cursor already at (or past) the end ends at once.
        assert_eq!(
            Playhead::new().frame(0.0, 2000.0, 1.0, &c),
            Step::Ended { arrived: None }
        );
    }

    #[test]
    fn play_continues_from_the_cursor_or_starts_over() {
        let axis = axis_1900s();
        let c = course(&axis, &[]);
        assert_eq!(c.play_from(Some(1950.0)), 1950.0);
        assert_eq!(c.play_from(Some(2000.0)), 1900.0);
        assert_eq!(c.play_from(None), 1900.0);
    }

    #[test]
    fn next_event_after_skips_events_at_the_cursor() {
        let axis = axis_1900s();
        let starts = [1910.0, 1920.0, 1920.0, 1930.0];
        let c = course(&axis, &starts);
        assert_eq!(c.next_event_after(1900.0), Some(0));
        assert_eq!(c.next_event_after(1910.0), Some(1));
        assert_eq!(c.next_event_after(1920.0), Some(3));
        assert_eq!(c.next_event_after(1930.0), None);
    }

    #[test]
    fn reduced_motion_hops_from_event_to_event_then_to_the_end() {
        let axis = axis_1900s();
        let starts = [1939.0, 1939.47];
        let c = course(&axis, &starts);
        assert_eq!(
            c.hop(1930.0),
            Step::Arrived {
                t: 1939.0,
                index: 0
            }
        );
        assert_eq!(
            c.hop(1939.0),
            Step::Arrived {
                t: 1939.47,
                index: 1
            }
        );
        assert_eq!(c.hop(1939.47), Step::Ended { arrived: None });
        assert_eq!(hop_delay_ms(2.0), 800.0);
    }

    #[test]
    fn a_new_clock_forgets_the_rest_but_not_where_it_was() {
        let axis = axis_1900s();
        let starts = [1900.05, 1900.06];
        let c = course(&axis, &starts);
        let mut p = Playhead::new();
        p.frame(0.0, 1900.0, 1.0, &c);
        assert!(matches!(
            p.frame(60.0, 1900.0, 1.0, &c),
            Step::Arrived { .. }
        ));
        p.restart_clock();
        p.frame(0.0, 1900.05, 1.0, &c);
        // No rest left to wait out, and the next event shares the slot.
        assert_eq!(p.frame(60.0, 1900.05, 1.0, &c), Step::Moved { t: 1900.06 });
    }

    /// Plays a whole course with the given frame gaps (cycled), as the app does.
    fn play(course: &Course, speed: f64, gaps: &[f64], from: f64) -> (Vec<f64>, Vec<usize>, bool) {
        let mut p = Playhead::new();
        let mut cursor = from;
        let mut now = 0.0;
        let mut cursors = vec![cursor];
        let mut arrivals = Vec::new();
        for gap in gaps.iter().cycle().take(400_000) {
            match p.frame(now, cursor, speed, course) {
                Step::Resting => {}
                Step::Moved { t } => cursor = t,
                Step::Arrived { t, index } => {
                    cursor = t;
                    arrivals.push(index);
                }
                Step::Ended { arrived } => {
                    arrivals.extend(arrived);
                    cursors.push(course.end);
                    return (cursors, arrivals, true);
                }
            }
            cursors.push(cursor);
            now += gap;
        }
        (cursors, arrivals, false)
    }

    proptest! {
        #[test]
        fn playback_moves_forward_rests_once_per_slot_and_stops_at_the_end(
            mut starts in prop::collection::vec(1900.0f64..2000.0, 0..40),
            gaps in prop::collection::vec(4.0f64..250.0, 1..20),
            speed in prop::sample::select(vec![0.5, 1.0, 2.0, 4.0]),
            slot_u in 0.0f64..0.05,
            from in 1900.0f64..2000.0,
        ) {
            starts.sort_by(f64::total_cmp);
            // Gaps collapse on a fitted axis: play over one, not a plain line.
            let axis = TimeAxis::fit(starts.iter().map(|&s| (s, s + 0.1)));
            let c = Course { axis: &axis, starts: &starts, start: 1900.0, end: 2000.0, slot_u };
            let end = c.end.min(axis.end());
            let c = Course { end, ..c };
            let (cursors, arrivals, ended) = play(&c, speed, &gaps, from.min(end));
            prop_assert!(ended, "reaching the end stops playback");
            prop_assert_eq!(*cursors.last().unwrap(), end);
            for w in cursors.windows(2) {
                prop_assert!(w[1] >= w[0], "never backwards: {} then {}", w[0], w[1]);
                prop_assert!(w[1] <= end, "never past the end: {}", w[1]);
            }
            for w in arrivals.windows(2) {
                prop_assert!(w[1] > w[0], "each event rested on once, in order");
            }
            let rested: Vec<f64> = arrivals.iter().map(|&i| axis.u(starts[i])).collect();
            for &s in starts.iter().filter(|&&s| s > from.min(end) && s <= end) {
                let u = axis.u(s);
                prop_assert!(
                    rested.iter().any(|&r| u == r || (u - r).abs() < slot_u),
                    "event at {} neither rested on nor within a slot of one that was", s
                );
                prop_assert!(cursors.contains(&s), "the cursor lands on every event: {}", s);
            }
        }
    }
}
