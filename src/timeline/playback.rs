//! Playback: the "as of" cursor travels through history at a chosen speed,
//! dwelling on events, while the map follows.
//!
//! How far the cursor moves, where it rests and when it stops is decided by
//! `atlas_core::playback`; this module feeds it the clock and the timeline's
//! geometry and applies what it decides. Kiosks run for weeks, so nothing is
//! scheduled while paused: the frames (or, under prefers-reduced-motion, the
//! steps) go on only while playing, and pausing cancels the one pending.

use atlas_core::playback::{hop_delay_ms, Course, Playhead, Step};
use atlas_core::time_axis::AxisView;
use atlas_core::TimeFilter;
use leptos::prelude::*;

use super::geometry::TimelineGeometry;
use crate::motion::{prefers_reduced_motion, Frames};
use crate::state::AtlasState;

/// Speeds offered, as multiples of the normal one.
pub const SPEEDS: [f64; 4] = [0.5, 1.0, 2.0, 4.0];
/// Keeps the moving cursor this far inside the zoomed strip (CSS px).
const FOLLOW_MARGIN: f64 = 48.0;

/// Playback settings the controls change.
#[derive(Clone, Copy)]
pub struct Playback {
    /// Multiple of the normal speed.
    pub speed: RwSignal<f64>,
    /// Select each event's site as the cursor reaches it.
    pub follow: RwSignal<bool>,
}

/// What keeps playback going.
enum Pending {
    Frames(Frames),
    Step(TimeoutHandle),
}

#[derive(Clone, Copy)]
struct Player {
    state: AtlasState,
    geo: TimelineGeometry,
    settings: Playback,
    pending: StoredValue<Option<Pending>, LocalStorage>,
    playhead: StoredValue<Playhead>,
}

/// Starts and stops the cursor's travel as `state.playing()` changes.
pub fn use_playback(state: AtlasState, geo: TimelineGeometry) -> Playback {
    let settings = Playback {
        speed: RwSignal::new(1.0),
        follow: RwSignal::new(true),
    };
    let player = Player {
        state,
        geo,
        settings,
        pending: StoredValue::new_local(None),
        playhead: StoredValue::new(Playhead::new()),
    };
    Effect::new(move |_| {
        if state.playing().get() {
            player.start();
        } else {
            player.cancel();
        }
    });
    on_cleanup(move || player.cancel());
    settings
}

impl Player {
    fn start(self) {
        self.cancel();
        let cursor = match self.state.time().get_untracked() {
            TimeFilter::AsOf(t) => Some(t),
            _ => None,
        };
        let t = self.with_course(|c| c.play_from(cursor));
        self.state.set_time(TimeFilter::AsOf(t));
        self.playhead.set_value(Playhead::new());
        self.schedule();
    }

    fn cancel(self) {
        match self.pending.try_update_value(Option::take).flatten() {
            Some(Pending::Frames(frames)) => frames.cancel(),
            Some(Pending::Step(h)) => h.clear(),
            None => {}
        }
    }

    fn schedule(self) {
        let pending = if !self.state.playing().get_untracked() {
            None
        } else if prefers_reduced_motion() {
            let ms = hop_delay_ms(self.settings.speed.get_untracked());
            set_timeout_with_handle(
                move || self.hop(),
                std::time::Duration::from_millis(ms as u64),
            )
            .ok()
            .map(Pending::Step)
        } else {
            // The frames count time from their start.
            self.playhead.update_value(Playhead::restart_clock);
            Some(Pending::Frames(Frames::start(move |elapsed, _| {
                self.frame(elapsed)
            })))
        };
        self.pending.set_value(pending);
    }

    /// One animation frame: moves the cursor; false once playback is over.
    fn frame(self, now: f64) -> bool {
        let Some(cursor) = self.cursor() else {
            return false;
        };
        let speed = self.settings.speed.get_untracked();
        let step = self.with_course(|c| {
            self.playhead
                .try_update_value(|p| p.frame(now, cursor, speed, c))
        });
        let Some(step) = step else {
            return false;
        };
        if !self.apply(step) {
            return false;
        }
        if prefers_reduced_motion() {
            // The visitor asked for less motion meanwhile: on by steps.
            self.schedule();
            return false;
        }
        true
    }

    /// Reduced motion: no travel, the cursor jumps from event to event.
    fn hop(self) {
        self.pending.set_value(None);
        let Some(cursor) = self.cursor() else {
            return;
        };
        if self.apply(self.with_course(|c| c.hop(cursor))) {
            self.schedule();
        }
    }

    /// The cursor to move on from, while playing; stops playback when the
    /// time filter is no longer a cursor.
    fn cursor(self) -> Option<f64> {
        if !self.state.playing().get_untracked() {
            return None;
        }
        match self.state.time().get_untracked() {
            TimeFilter::AsOf(t) => Some(t),
            _ => {
                self.state.set_playing(false);
                None
            }
        }
    }

    /// Shows what a step did; false once playback has ended.
    fn apply(self, step: Step) -> bool {
        match step {
            Step::Resting => true,
            Step::Moved { t } => {
                self.state.set_time(TimeFilter::AsOf(t));
                self.keep_in_view(t);
                true
            }
            Step::Arrived { t, index } => {
                self.state.set_time(TimeFilter::AsOf(t));
                self.keep_in_view(t);
                self.arrive(index);
                true
            }
            Step::Ended { arrived } => {
                if let Some(index) = arrived {
                    self.arrive(index);
                }
                let (_, end) = self.geo.extent.get_untracked();
                self.state.set_time(TimeFilter::AsOf(end));
                self.state.set_playing(false);
                false
            }
        }
    }

    /// Runs `f` on the course playback travels at the current zoom.
    fn with_course<R>(self, f: impl FnOnce(&Course) -> R) -> R {
        let (start, end) = self.geo.extent.get_untracked();
        let slot_u = self.geo.slot_px / self.geo.view.with_untracked(AxisView::scale);
        let axis = self.geo.axis.get_untracked();
        self.geo.chronology.with_untracked(|c| {
            f(&Course {
                axis: &axis,
                starts: &c.starts,
                start,
                end,
                slot_u,
            })
        })
    }

    /// The cursor reached event `index` of the chronology.
    fn arrive(self, index: usize) {
        let site = self.geo.chronology.with_untracked(|c| c.refs[index].site);
        if self.settings.follow.get_untracked() {
            self.state.select(Some(site));
        } else {
            self.state.hover(Some(site));
        }
    }

    fn keep_in_view(self, t: f64) {
        let u = self.geo.axis.with_untracked(|a| a.u(t));
        let v = self.geo.view.get_untracked();
        let next = v.revealing(u, FOLLOW_MARGIN);
        if next != v {
            self.geo.set_view(self.state, next);
        }
    }
}
