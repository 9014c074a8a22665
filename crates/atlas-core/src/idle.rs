//! A kiosk's idle cycle: a visitor uses the kiosk; after a while without a
//! touch it asks "Still there?" and counts down; nobody answers, so it goes
//! back to its start and rests there (playing its attract tour) until the next
//! visitor touches it.
//!
//! The app feeds the cycle the time and the visitor's input and does what the
//! cycle answers ([`IdleStep`], [`InputMeaning`]); when to ask, when to give
//! up, and what a touch means in each phase are decided here, without a
//! browser. Times are milliseconds on one monotonic clock (`performance.now()`).

use crate::kiosk::KioskSettings;

/// Seconds the "Still there?" question waits for an answer.
pub const COUNTDOWN_SECONDS: f64 = 10.0;
/// While a visitor uses the kiosk, the app looks this often (ms) whether a
/// video or sound is playing, which holds the idle clock.
pub const MEDIA_CHECK_MS: f64 = 1000.0;

/// Seconds without input before the kiosk asks "Still there?": the page's own
/// `?idle=N` (a trial or a test), else the dataset's `atlas.kiosk.idle_s`
/// (which already falls back to its default).
pub fn idle_seconds(page: Option<f64>, settings: &KioskSettings) -> f64 {
    page.filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(settings.idle_s)
}

/// Where the cycle stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IdlePhase {
    /// Someone is using the kiosk; without input it asks at `deadline_ms`.
    Visiting {
        /// When the kiosk asks "Still there?".
        deadline_ms: f64,
    },
    /// "Still there?" shows; without an answer the kiosk starts over at `ends_ms`.
    AskingStillThere {
        /// When the kiosk goes back to its start.
        ends_ms: f64,
    },
    /// Nobody is there: the kiosk is back at its start (with its attract
    /// tour, when the dataset has one) and waits for a touch, with no clock.
    Resting,
}

/// What the app must do after [`IdleCycle::tick`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdleStep {
    /// Show the "Still there?" dialog and its countdown.
    AskStillThere,
    /// Nobody answered: close the dialog, put everything back to the start,
    /// pick up a waiting update, and start the attract tour.
    StartOver,
}

/// What a visitor's input (a touch, a click, a key, the wheel) means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputMeaning {
    /// The visit goes on; the idle clock starts again.
    StillVisiting,
    /// An answer to "Still there?": close the dialog; the visit goes on as it was.
    ContinueVisit,
    /// A new visitor at a resting kiosk: stop the attract tour and let them in.
    EndAttract,
}

/// The idle cycle of one kiosk page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IdleCycle {
    idle_ms: f64,
    countdown_ms: f64,
    phase: IdlePhase,
}

impl IdleCycle {
    /// A visit that starts at `now_ms`, asking after `idle_s` seconds without
    /// input and waiting [`COUNTDOWN_SECONDS`] for the answer.
    pub fn new(idle_s: f64, now_ms: f64) -> Self {
        let idle_ms = idle_s.max(0.0) * 1000.0;
        Self {
            idle_ms,
            countdown_ms: COUNTDOWN_SECONDS * 1000.0,
            phase: IdlePhase::Visiting {
                deadline_ms: now_ms + idle_ms,
            },
        }
    }

    /// Where the cycle stands.
    pub fn phase(&self) -> IdlePhase {
        self.phase
    }

    /// The visitor touched, clicked, scrolled or pressed a key at `now_ms`.
    /// Whatever the phase, the idle clock starts again.
    pub fn input(&mut self, now_ms: f64) -> InputMeaning {
        let meaning = match self.phase {
            IdlePhase::Visiting { .. } => InputMeaning::StillVisiting,
            IdlePhase::AskingStillThere { .. } => InputMeaning::ContinueVisit,
            IdlePhase::Resting => InputMeaning::EndAttract,
        };
        self.restart(now_ms);
        meaning
    }

    /// Time passed: at `now_ms`, with `media_playing` when a video or sound
    /// on the page is playing. Returns what the app must do, if anything.
    ///
    /// Someone watching a video touches nothing, so playing media holds the
    /// clock: each check while it plays starts the idle time again, and a
    /// visitor who watched to the end gets the whole idle time to go on.
    /// Media does not hold the countdown or end a rest (the attract tour may
    /// play media of its own).
    pub fn tick(&mut self, now_ms: f64, media_playing: bool) -> Option<IdleStep> {
        match self.phase {
            IdlePhase::Visiting { .. } if media_playing => {
                self.restart(now_ms);
                None
            }
            IdlePhase::Visiting { deadline_ms } if now_ms >= deadline_ms => {
                self.phase = IdlePhase::AskingStillThere {
                    ends_ms: now_ms + self.countdown_ms,
                };
                Some(IdleStep::AskStillThere)
            }
            IdlePhase::AskingStillThere { ends_ms } if now_ms >= ends_ms => {
                self.phase = IdlePhase::Resting;
                Some(IdleStep::StartOver)
            }
            _ => None,
        }
    }

    /// The whole seconds the countdown shows at `now_ms` (10, 9, … 1), while
    /// "Still there?" is asked.
    pub fn seconds_left(&self, now_ms: f64) -> Option<u32> {
        match self.phase {
            IdlePhase::AskingStillThere { ends_ms } => {
                let left = ((ends_ms - now_ms) / 1000.0).ceil().max(0.0);
                // At most the countdown's length, so the cast cannot overflow.
                Some(left.min(self.countdown_ms / 1000.0) as u32)
            }
            _ => None,
        }
    }

    /// How long (ms from `now_ms`) until the app should call [`Self::tick`]
    /// again; `None` while resting, which needs no clock at all (kiosks run
    /// for weeks).
    ///
    /// While visiting: at the deadline, or sooner to look for playing media.
    /// While asking: when the countdown's whole seconds change, so its number
    /// stays true, and at its end.
    pub fn next_tick_in_ms(&self, now_ms: f64) -> Option<f64> {
        match self.phase {
            IdlePhase::Visiting { deadline_ms } => {
                Some((deadline_ms - now_ms).clamp(0.0, MEDIA_CHECK_MS))
            }
            IdlePhase::AskingStillThere { ends_ms } => {
                let left = (ends_ms - now_ms).max(0.0);
                let to_next_second = left % 1000.0;
                Some(if to_next_second > 0.0 {
                    to_next_second
                } else {
                    left.min(1000.0)
                })
            }
            IdlePhase::Resting => None,
        }
    }

    fn restart(&mut self, now_ms: f64) {
        self.phase = IdlePhase::Visiting {
            deadline_ms: now_ms + self.idle_ms,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const IDLE_S: f64 = 90.0;

    /// Runs the cycle's own clock, as the app's timer does, from `now` until
    /// it answers a step or `until`; returns the step and the time it came.
    fn run_until(cycle: &mut IdleCycle, mut now: f64, until: f64) -> (Option<IdleStep>, f64) {
        while now <= until {
            if let Some(step) = cycle.tick(now, false) {
                return (Some(step), now);
            }
            match cycle.next_tick_in_ms(now) {
                Some(wait) => now += wait.max(1.0),
                None => break,
            }
        }
        (None, now)
    }

    #[test]
    fn the_kiosk_asks_after_the_idle_time_and_not_before() {
        let mut cycle = IdleCycle::new(IDLE_S, 0.0);
        assert_eq!(cycle.tick(89_999.0, false), None);
        assert_eq!(cycle.tick(90_000.0, false), Some(IdleStep::AskStillThere));
        assert_eq!(
            cycle.phase(),
            IdlePhase::AskingStillThere { ends_ms: 100_000.0 }
        );
    }

    #[test]
    fn input_while_visiting_moves_the_deadline() {
        let mut cycle = IdleCycle::new(IDLE_S, 0.0);
        assert_eq!(cycle.input(60_000.0), InputMeaning::StillVisiting);
        assert_eq!(cycle.tick(90_000.0, false), None);
        assert_eq!(cycle.tick(150_000.0, false), Some(IdleStep::AskStillThere));
    }

    #[test]
    fn the_countdown_runs_ten_seconds_then_starts_over() {
        let mut cycle = IdleCycle::new(IDLE_S, 0.0);
        cycle.tick(90_000.0, false);
        assert_eq!(cycle.seconds_left(90_000.0), Some(10));
        assert_eq!(cycle.seconds_left(90_001.0), Some(10));
        assert_eq!(cycle.seconds_left(99_000.0), Some(1));
        assert_eq!(cycle.tick(99_999.0, false), None);
        assert_eq!(cycle.tick(100_000.0, false), Some(IdleStep::StartOver));
        assert_eq!(cycle.phase(), IdlePhase::Resting);
        assert_eq!(cycle.seconds_left(100_000.0), None);
    }

    #[test]
    fn a_touch_during_the_countdown_continues_the_visit() {
        let mut cycle = IdleCycle::new(IDLE_S, 0.0);
        cycle.tick(90_000.0, false);
        assert_eq!(cycle.input(95_000.0), InputMeaning::ContinueVisit);
        assert_eq!(cycle.seconds_left(95_000.0), None);
        // A whole idle time again, from the touch.
        assert_eq!(cycle.tick(184_999.0, false), None);
        assert_eq!(cycle.tick(185_000.0, false), Some(IdleStep::AskStillThere));
    }

    #[test]
    fn a_resting_kiosk_needs_no_clock_and_a_touch_ends_the_attract_tour() {
        let mut cycle = IdleCycle::new(IDLE_S, 0.0);
        cycle.tick(90_000.0, false);
        cycle.tick(100_000.0, false);
        assert_eq!(cycle.next_tick_in_ms(100_000.0), None);
        // However long it rests, time alone changes nothing.
        assert_eq!(cycle.tick(1e9, false), None);
        assert_eq!(cycle.input(1e9), InputMeaning::EndAttract);
        assert_eq!(
            cycle.phase(),
            IdlePhase::Visiting {
                deadline_ms: 1e9 + 90_000.0
            }
        );
    }

    #[test]
    fn playing_media_holds_the_idle_clock() {
        let mut cycle = IdleCycle::new(IDLE_S, 0.0);
        // A video plays from 60 s to 170 s: no question meanwhile…
        let mut now = 60_000.0;
        while now <= 170_000.0 {
            assert_eq!(cycle.tick(now, true), None);
            now += MEDIA_CHECK_MS;
        }
        // …and the visitor has the whole idle time after it ends.
        assert_eq!(cycle.tick(170_000.0 + 89_000.0, false), None);
        assert_eq!(
            cycle.tick(170_000.0 + 90_000.0, false),
            Some(IdleStep::AskStillThere)
        );
    }

    #[test]
    fn media_neither_holds_the_countdown_nor_ends_a_rest() {
        let mut cycle = IdleCycle::new(IDLE_S, 0.0);
        cycle.tick(90_000.0, false);
        assert_eq!(cycle.tick(100_000.0, true), Some(IdleStep::StartOver));
        assert_eq!(cycle.tick(200_000.0, true), None);
        assert_eq!(cycle.phase(), IdlePhase::Resting);
    }

    #[test]
    fn a_late_timer_still_gives_the_whole_countdown() {
        // A throttled background tab wakes long after both the deadline and
        // the countdown's end: the visitor still gets ten seconds to answer.
        let mut cycle = IdleCycle::new(IDLE_S, 0.0);
        assert_eq!(cycle.tick(500_000.0, false), Some(IdleStep::AskStillThere));
        assert_eq!(cycle.seconds_left(500_000.0), Some(10));
    }

    #[test]
    fn the_clock_wakes_for_media_checks_and_each_second_of_the_countdown() {
        let mut cycle = IdleCycle::new(IDLE_S, 0.0);
        assert_eq!(cycle.next_tick_in_ms(0.0), Some(MEDIA_CHECK_MS));
        assert_eq!(cycle.next_tick_in_ms(89_700.0), Some(300.0));
        assert_eq!(cycle.next_tick_in_ms(95_000.0), Some(0.0));
        cycle.tick(90_000.0, false);
        assert_eq!(cycle.next_tick_in_ms(90_000.0), Some(1000.0));
        assert_eq!(cycle.next_tick_in_ms(90_250.0), Some(750.0));
        assert_eq!(cycle.next_tick_in_ms(100_000.0), Some(0.0));
    }

    #[test]
    fn the_page_idle_time_wins_over_the_dataset() {
        let settings = KioskSettings {
            idle_s: 120.0,
            ..KioskSettings::default()
        };
        assert_eq!(idle_seconds(Some(3.0), &settings), 3.0);
        assert_eq!(idle_seconds(None, &settings), 120.0);
        assert_eq!(idle_seconds(Some(f64::NAN), &settings), 120.0);
        assert_eq!(idle_seconds(None, &KioskSettings::default()), 90.0);
    }

    proptest! {
        /// Driven by its own clock, with no input, every visit asks exactly at
        /// its deadline and starts over exactly one countdown later, and the
        /// countdown's number only ever goes down.
        #[test]
        fn an_unattended_visit_asks_then_starts_over_on_time(
            idle_s in 1.0f64..4000.0,
            start in 0.0f64..1e9,
        ) {
            let mut cycle = IdleCycle::new(idle_s, start);
            let (asked, at) = run_until(&mut cycle, start, start + idle_s * 1000.0 + 5000.0);
            prop_assert_eq!(asked, Some(IdleStep::AskStillThere));
            prop_assert!(at - (start + idle_s * 1000.0) < 2.0);
            let mut now = at;
            let mut shown = cycle.seconds_left(now).unwrap();
            prop_assert_eq!(shown, 10);
            loop {
                now += cycle.next_tick_in_ms(now).unwrap().max(1e-3);
                if let Some(step) = cycle.tick(now, false) {
                    prop_assert_eq!(step, IdleStep::StartOver);
                    prop_assert!(now - at >= COUNTDOWN_SECONDS * 1000.0);
                    prop_assert!(now - at < COUNTDOWN_SECONDS * 1000.0 + 2.0);
                    break;
                }
                let next = cycle.seconds_left(now).unwrap();
                prop_assert!(next <= shown && next >= 1);
                shown = next;
            }
        }

        /// Input in any phase leaves the kiosk visiting with a whole idle time ahead.
        #[test]
        fn any_input_restarts_the_whole_idle_time(
            idle_s in 1.0f64..4000.0,
            waits in proptest::collection::vec(0.0f64..200_000.0, 0..6),
            touch_after in 0.0f64..50_000.0,
        ) {
            let mut cycle = IdleCycle::new(idle_s, 0.0);
            let mut now = 0.0;
            for wait in waits {
                now += wait;
                cycle.tick(now, false);
            }
            now += touch_after;
            cycle.input(now);
            prop_assert_eq!(
                cycle.phase(),
                IdlePhase::Visiting { deadline_ms: now + idle_s * 1000.0 }
            );
        }
    }
}
