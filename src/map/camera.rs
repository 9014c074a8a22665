//! Camera moves over time: fly-to and the glide after a flick. One move runs
//! at a time; any new gesture stops the current one.

use atlas_core::geo::ease_in_out;
use atlas_core::Viewport;
use leptos::prelude::*;

use crate::motion::{prefers_reduced_motion, Frames};
use crate::state::AtlasState;

/// How long a fly-to takes; under a second, as the issue asks.
pub const FLY_MS: f64 = 700.0;

/// Drives animated viewport changes.
#[derive(Clone, Copy)]
pub struct Camera {
    state: AtlasState,
    /// The legend's drawn size: a fitted view keeps clear of it.
    legend: ReadSignal<(f64, f64)>,
    /// The move running, if any: replacing or clearing it stops it.
    frames: StoredValue<Option<Frames>, LocalStorage>,
}

impl Camera {
    /// A camera for the map's viewport.
    pub fn new(state: AtlasState, legend: ReadSignal<(f64, f64)>) -> Self {
        Self {
            state,
            legend,
            frames: StoredValue::new_local(None),
        }
    }

    /// Stops whatever move is running.
    pub fn stop(&self) {
        self.frames.set_value(None);
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
            state.set_view_keeping_size(from.towards(&target, ease_in_out(t)));
            t < 1.0
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
        let frames = Frames::start(move |elapsed, _| step(elapsed));
        self.frames.set_value(Some(frames));
    }
}
