//! Camera moves over time: fly-to and the glide after a flick. One move runs
//! at a time; any new gesture stops the current one.

use atlas_core::geo::ease_in_out;
use atlas_core::Viewport;
use leptos::prelude::*;

use crate::motion::{prefers_reduced_motion, Frames};
use crate::state::AtlasState;

/// How long a fly-to takes; under a second, as the issue asks.
pub const FLY_MS: f64 = 700.0;
/// A view change smaller than this (CSS px anywhere on the map) is not drawn
/// differently: under a sixth of a device pixel even on a 3x screen.
const INVISIBLE_PX: f64 = 0.05;
/// A wheel or key nudge counts as one gesture with the next if it comes within this.
const NUDGE_SETTLE_MS: u64 = 250;

/// What keeps the map moving, while anything does. The markers follow a
/// moving map with one transform on their layer and are laid out again (clusters,
/// positions) only once none of these holds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Moving {
    /// A fly-to or a glide is running.
    camera: bool,
    /// Pointers are down and dragging or pinching.
    pointers: bool,
    /// A wheel step or a key press came moments ago; more may follow.
    nudged: bool,
}

/// Drives animated viewport changes.
#[derive(Clone, Copy)]
pub struct Camera {
    state: AtlasState,
    /// The legend's drawn size: a fitted view keeps clear of it.
    legend: ReadSignal<(f64, f64)>,
    /// The move running, if any: replacing or clearing it stops it.
    frames: StoredValue<Option<Frames>, LocalStorage>,
    /// Why the map is moving, if it is.
    moving: RwSignal<Moving>,
    /// Ends the current wheel or key gesture once no other step follows.
    nudge_timer: StoredValue<Option<TimeoutHandle>>,
}

impl Camera {
    /// A camera for the map's viewport.
    pub fn new(state: AtlasState, legend: ReadSignal<(f64, f64)>) -> Self {
        Self {
            state,
            legend,
            frames: StoredValue::new_local(None),
            moving: RwSignal::new(Moving::default()),
            nudge_timer: StoredValue::new(None),
        }
    }

    /// Whether the map is in the middle of a move (tracked): a fly-to, a
    /// glide, a drag or pinch, or a run of wheel steps or key presses.
    pub fn is_moving(&self) -> bool {
        self.moving.with(|m| *m != Moving::default())
    }

    /// Pointers started or stopped dragging the map.
    pub fn set_pointers_moving(&self, on: bool) {
        self.set_moving(|m| m.pointers = on);
    }

    /// A discrete step (a wheel notch, an arrow key): the map counts as
    /// moving until no other step has come for a moment.
    pub fn nudged(&self) {
        if let Some(timer) = self.nudge_timer.get_value() {
            timer.clear();
        }
        self.set_moving(|m| m.nudged = true);
        let camera = *self;
        let timer = set_timeout_with_handle(
            move || camera.set_moving(|m| m.nudged = false),
            std::time::Duration::from_millis(NUDGE_SETTLE_MS),
        )
        .ok();
        self.nudge_timer.set_value(timer);
    }

    /// Stops whatever move is running.
    pub fn stop(&self) {
        self.frames.set_value(None);
        self.set_moving(|m| m.camera = false);
    }

    /// Moves to `target` with easing, or at once when the visitor prefers reduced motion.
    pub fn fly_to(&self, target: Viewport) {
        self.stop();
        let Some(from) = self.state.viewport().get_untracked() else {
            self.state.set_viewport(Some(target));
            return;
        };
        if prefers_reduced_motion() {
            self.state.set_viewport(Some(target));
            return;
        }
        let state = self.state;
        self.run(move |elapsed| {
            let t = (elapsed / FLY_MS).min(1.0);
            let view = from.towards(&target, ease_in_out(t));
            // The ease's last frames move the map by hundredths of a pixel: end
            // as soon as what is left cannot be seen, so the frame that looks
            // final is the one whose markers are laid out for the final view.
            if t >= 1.0 || view.farthest_shift_px(&target) < INVISIBLE_PX {
                state.set_view_keeping_size(target);
                return false;
            }
            state.set_view_keeping_size(view);
            true
        });
    }

    /// Back to the view that shows every site ("Reset view", the Home key).
    /// Flies there rather than jumping, so markers move instead of blinking.
    pub fn reset(&self) {
        let fitted = self.state.viewport().get_untracked().and_then(|v| {
            self.state.with_dataset_untracked(|a| {
                super::fitted_view(a.first_view, v.width, v.height, self.legend.get_untracked())
            })
        });
        match fitted {
            Some(target) => self.fly_to(target),
            None => self.state.set_viewport(None),
        }
    }

    /// Keeps the map moving after a flick, slowing down smoothly.
    pub fn glide(&self, velocity: (f64, f64)) {
        self.stop();
        if prefers_reduced_motion() {
            return;
        }
        // The decay, and when it comes to rest, are atlas-core's (tested there).
        let Some(mut glide) = atlas_core::gesture::Glide::from_release(velocity) else {
            return;
        };
        let state = self.state;
        let mut last = 0.0;
        self.run(move |elapsed| {
            let (dx, dy) = glide.step(elapsed - last);
            last = elapsed;
            state.move_view(|v| v.panned(dx, dy));
            !glide.at_rest()
        });
    }

    /// Calls `step(elapsed_ms)` every animation frame until it returns false
    /// or another move starts.
    fn run(&self, mut step: impl FnMut(f64) -> bool + 'static) {
        let camera = *self;
        // The last step and the end of the move land in the same frame, so
        // the markers are laid out for the final view in the frame that shows it.
        let frames = Frames::start(move |elapsed, _| {
            let more = step(elapsed);
            if !more {
                camera.set_moving(|m| m.camera = false);
            }
            more
        });
        self.frames.set_value(Some(frames));
        self.set_moving(|m| m.camera = true);
    }

    /// Changes why the map moves, telling readers only when something changed.
    fn set_moving(&self, change: impl FnOnce(&mut Moving)) {
        let mut next = self.moving.get_untracked();
        change(&mut next);
        if next != self.moving.get_untracked() {
            self.moving.set(next);
        }
    }
}
