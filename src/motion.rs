//! Time and motion shared by everything that animates (map camera, gestures,
//! timeline playback): one clock, one answer to "does the visitor want less
//! motion?", and one way to run a step every animation frame.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::{request_animation_frame_with_handle, AnimationFrameRequestHandle};

/// Milliseconds on the page's monotonic clock (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Whether the visitor asked the system for less motion.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// A run of animation frames: one step each frame until the step says it is
/// done or the run is cancelled. Each frame asks for the next only while the
/// run goes on, so an idle page has no frame pending (kiosks run for weeks).
///
/// Dropping the handle cancels the run, so whoever keeps it (in a
/// `StoredValue`, say) stops it by replacing or clearing it.
#[must_use = "dropping the handle cancels the frames"]
pub struct Frames(Rc<Run>);

struct Run {
    /// The frame asked for, while one is.
    pending: Cell<Option<AnimationFrameRequestHandle>>,
    cancelled: Cell<bool>,
}

impl Frames {
    /// Calls `step(elapsed_ms, dt_ms)` every animation frame until it returns
    /// false or the run is cancelled: `elapsed_ms` since this call, `dt_ms`
    /// since the previous frame (for the first frame, since this call).
    pub fn start(step: impl FnMut(f64, f64) -> bool + 'static) -> Frames {
        let run = Rc::new(Run {
            pending: Cell::new(None),
            cancelled: Cell::new(false),
        });
        let start = now_ms();
        next_frame(Rc::clone(&run), start, start, step);
        Frames(run)
    }

    /// Stops the run; a step in progress finishes, and no other follows.
    pub fn cancel(&self) {
        self.0.cancelled.set(true);
        if let Some(frame) = self.0.pending.take() {
            frame.cancel();
        }
    }
}

impl Drop for Frames {
    fn drop(&mut self) {
        self.cancel();
    }
}

fn next_frame<F>(run: Rc<Run>, start: f64, last: f64, mut step: F)
where
    F: FnMut(f64, f64) -> bool + 'static,
{
    let requested = Rc::clone(&run);
    let frame = request_animation_frame_with_handle(move || {
        run.pending.set(None);
        if run.cancelled.get() {
            return;
        }
        let now = now_ms();
        // The step may cancel its own run (a fly-to started by what it changed, say).
        if step(now - start, now - last) && !run.cancelled.get() {
            next_frame(run, start, now, step);
        }
    });
    requested.pending.set(frame.ok());
}
