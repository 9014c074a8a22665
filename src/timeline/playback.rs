//! Playback: the "as of" cursor travels through history at a chosen speed,
//! dwelling on events, while the map follows.
//!
//! Kiosks run for weeks, so nothing is scheduled while paused: each frame (or,
//! under prefers-reduced-motion, each step) schedules the next only while
//! playing, and pausing cancels the one pending.

use atlas_core::TimeFilter;
use leptos::prelude::*;

use super::geometry::TimelineGeometry;
use crate::motion::{now_ms, prefers_reduced_motion};
use crate::state::AtlasState;

/// Speeds offered, as multiples of the normal one.
pub const SPEEDS: [f64; 4] = [0.5, 1.0, 2.0, 4.0];
/// At normal speed the cursor crosses the whole axis in this many seconds
/// (gaps collapsed on the axis are crossed quickly too).
const AXIS_SECONDS: f64 = 60.0;
/// The cursor rests this long on each event it reaches (ms, at normal speed).
const DWELL_MS: f64 = 1600.0;
/// Frames further apart than this (a background tab) do not jump the cursor.
const MAX_FRAME_MS: f64 = 100.0;
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

#[derive(Clone, Copy)]
enum Pending {
    Frame(AnimationFrameRequestHandle),
    Step(TimeoutHandle),
}

#[derive(Clone, Copy)]
struct Player {
    state: AtlasState,
    geo: TimelineGeometry,
    settings: Playback,
    pending: StoredValue<Option<Pending>>,
    last_frame: StoredValue<Option<f64>>,
    dwell_until: StoredValue<f64>,
    last_dwell_x: StoredValue<f64>,
}

/// Starts and stops the cursor's travel as `state.playing` changes.
pub fn use_playback(state: AtlasState, geo: TimelineGeometry) -> Playback {
    let settings = Playback {
        speed: RwSignal::new(1.0),
        follow: RwSignal::new(true),
    };
    let player = Player {
        state,
        geo,
        settings,
        pending: StoredValue::new(None),
        last_frame: StoredValue::new(None),
        dwell_until: StoredValue::new(0.0),
        last_dwell_x: StoredValue::new(f64::NEG_INFINITY),
    };
    Effect::new(move |_| {
        if state.playing.get() {
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
        let (start, end) = self.geo.extent.get_untracked();
        // Play continues from the cursor, or starts over from the beginning.
        let t = match self.state.time.get_untracked() {
            TimeFilter::AsOf(t) if t < end => t,
            _ => start,
        };
        self.state.time.set(TimeFilter::AsOf(t));
        self.last_frame.set_value(None);
        self.dwell_until.set_value(0.0);
        self.last_dwell_x.set_value(f64::NEG_INFINITY);
        self.schedule();
    }

    fn cancel(self) {
        match self.pending.get_value() {
            Some(Pending::Frame(h)) => h.cancel(),
            Some(Pending::Step(h)) => h.clear(),
            None => {}
        }
        self.pending.set_value(None);
    }

    fn schedule(self) {
        if !self.state.playing.get_untracked() {
            self.pending.set_value(None);
            return;
        }
        let pending = if prefers_reduced_motion() {
            let ms = DWELL_MS / self.settings.speed.get_untracked();
            set_timeout_with_handle(
                move || self.step_to_next_event(),
                std::time::Duration::from_millis(ms as u64),
            )
            .ok()
            .map(Pending::Step)
        } else {
            request_animation_frame_with_handle(move || self.frame())
                .ok()
                .map(Pending::Frame)
        };
        self.pending.set_value(pending);
    }

    /// One animation frame: move the cursor, stopping on events it reaches.
    fn frame(self) {
        self.pending.set_value(None);
        if !self.state.playing.get_untracked() {
            return;
        }
        let now = now_ms();
        let dt = self
            .last_frame
            .get_value()
            .map_or(0.0, |last| (now - last).min(MAX_FRAME_MS));
        self.last_frame.set_value(Some(now));
        if now < self.dwell_until.get_value() {
            self.schedule();
            return;
        }
        let TimeFilter::AsOf(t0) = self.state.time.get_untracked() else {
            self.state.playing.set(false);
            return;
        };
        let speed = self.settings.speed.get_untracked();
        let axis = self.geo.axis.get_untracked();
        let t1 = axis.t(axis.u(t0) + dt / 1000.0 * speed / AXIS_SECONDS);
        let (_, end) = self.geo.extent.get_untracked();
        // The first event the cursor passes in this frame, if any.
        let reached = self.geo.chronology.with_untracked(|c| {
            let i = c.starts.partition_point(|&s| s <= t0);
            c.starts
                .get(i)
                .filter(|&&s| s <= t1)
                .map(|&s| (s, c.refs[i]))
        });
        let mut next = t1.max(t0);
        if let Some((at, r)) = reached {
            next = at;
            // Dense stretches are not dwelt on event by event: once per mark slot at most.
            let x = self.geo.view.with_untracked(|v| v.x(axis.u(at)));
            if (x - self.last_dwell_x.get_value()).abs() >= self.geo.slot_px {
                self.last_dwell_x.set_value(x);
                self.dwell_until.set_value(now + DWELL_MS / speed);
                self.arrive(r.site);
            }
        }
        if next >= end {
            self.state.time.set(TimeFilter::AsOf(end));
            self.state.playing.set(false);
            return;
        }
        self.state.time.set(TimeFilter::AsOf(next));
        self.keep_in_view(next);
        self.schedule();
    }

    /// Reduced motion: no travel, the cursor jumps from event to event.
    fn step_to_next_event(self) {
        self.pending.set_value(None);
        if !self.state.playing.get_untracked() {
            return;
        }
        let TimeFilter::AsOf(t0) = self.state.time.get_untracked() else {
            self.state.playing.set(false);
            return;
        };
        let (_, end) = self.geo.extent.get_untracked();
        let next = self.geo.chronology.with_untracked(|c| {
            let i = c.starts.partition_point(|&s| s <= t0);
            c.starts.get(i).map(|&s| (s, c.refs[i]))
        });
        match next {
            Some((at, r)) => {
                self.state.time.set(TimeFilter::AsOf(at));
                self.keep_in_view(at);
                self.arrive(r.site);
                self.schedule();
            }
            None => {
                self.state.time.set(TimeFilter::AsOf(end));
                self.state.playing.set(false);
            }
        }
    }

    fn arrive(self, site: usize) {
        if self.settings.follow.get_untracked() {
            self.state.select(Some(site));
        } else {
            self.state.hovered.set(Some(site));
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
