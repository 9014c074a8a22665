//! Map gestures as plain state: pointers pressed, moved and lifted become pan
//! and zoom changes, taps and double taps, and the glide after a flick.
//!
//! The browser only reports pointers and applies what comes back; every rule
//! (how far a press travels before it is a drag, what a pinch does, when two
//! taps are a double tap, how fast a flick glides on) lives here. Times are
//! passed in as milliseconds, so tests replay a gesture without a clock.

use crate::geo::{ScreenPoint, Viewport};

/// A press that travels less than this is a tap, not a drag (CSS px).
pub const DRAG_THRESHOLD: f64 = 6.0;
/// Two taps at most this far apart in time make a double tap (ms)…
pub const DOUBLE_TAP_MS: f64 = 320.0;
/// …and at most this far apart on screen (CSS px).
pub const DOUBLE_TAP_PX: f64 = 30.0;
/// Only the last moments of a drag decide how fast the map glides on (ms).
pub const VELOCITY_WINDOW_MS: f64 = 80.0;
/// Samples spanning no more than this (ms) are too few to give a velocity.
pub const MIN_VELOCITY_SPAN_MS: f64 = 8.0;
/// A pointer held still this long (ms) before it lifts has stopped: no glide.
pub const MAX_STILL_MS: f64 = 50.0;
/// Glide speed halves every this many milliseconds after a flick.
pub const GLIDE_HALF_LIFE_MS: f64 = 120.0;
/// A glide stops below this speed (CSS px per millisecond).
pub const GLIDE_MIN_SPEED: f64 = 0.02;
/// A flick slower than this (CSS px per millisecond) does not glide at all:
/// a glide that would stop within a frame or two only looks like a jolt.
pub const GLIDE_START_SPEED: f64 = GLIDE_MIN_SPEED * 4.0;

/// The browser's id of a pointer (a mouse, a pen, one finger).
pub type PointerId = i32;

/// A change to the viewport asked for by a gesture: a pan, then a zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewChange {
    /// Screen pixels the map moves by (x, y).
    pub pan: (f64, f64),
    /// A zoom after the pan, if the gesture asked for one.
    pub zoom: Option<ZoomAbout>,
}

/// A zoom that keeps one screen point over the same place on the ground.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZoomAbout {
    /// The screen point that stays put (a pinch's midpoint).
    pub anchor: ScreenPoint,
    /// Zoom levels to add (negative zooms out).
    pub levels: f64,
}

impl ViewChange {
    /// `viewport` with this change made to it.
    pub fn applied_to(&self, viewport: Viewport) -> Viewport {
        let panned = viewport.panned(self.pan.0, self.pan.1);
        match self.zoom {
            Some(z) => panned.zoomed_about(z.anchor, z.levels),
            None => panned,
        }
    }
}

/// What a pointer's move asks of the map.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Moved {
    /// How the viewport should change, if at all.
    pub change: Option<ViewChange>,
    /// A pointer the surface should capture now: a press just became a drag.
    /// (Capturing only then keeps taps on markers their own clicks.)
    pub capture: Option<PointerId>,
}

/// How a pointer left the surface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lift {
    /// Lifted over the map itself.
    OnMap,
    /// Lifted over a control (a marker, a cluster, a button), which handles
    /// its own clicks: never a tap of the map.
    OnControl,
    /// The browser took the pointer away (pointercancel): no tap, no glide.
    Cancelled,
}

/// What the end of a pointer's contact asks of the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Released {
    /// Nothing to do (other fingers still down, a pinch ended, a drag stopped still…).
    Nothing,
    /// A tap: the first of a possible double tap.
    Tap(ScreenPoint),
    /// The second tap of a double tap, here: zoom in about it.
    DoubleTap(ScreenPoint),
    /// A drag flicked at this velocity (CSS px per millisecond): glide on.
    Glide {
        /// Velocity over the last moments of the drag (x, y).
        velocity: (f64, f64),
    },
}

/// One gesture on the map, from the first pointer down to the last one up
/// (and the last tap, which outlives it for double taps).
#[derive(Clone, Debug, Default)]
pub struct Gesture {
    /// Pointers down, in the order they landed; the first two pinch.
    pointers: Vec<(PointerId, ScreenPoint)>,
    /// Where the single-pointer press began.
    start: Option<ScreenPoint>,
    /// The press has become a drag or a pinch.
    panning: bool,
    /// Recent (time, position) samples of the dragging pointer.
    samples: Vec<(f64, ScreenPoint)>,
    /// The last tap, for double-tap detection.
    last_tap: Option<(f64, ScreenPoint)>,
    /// A pinch happened in this gesture: no tap, no glide at its end.
    pinched: bool,
}

impl Gesture {
    /// A pointer lands at `at` (surface coordinates) at time `t_ms`.
    /// Returns the pointers the surface should capture now: all of them once
    /// a second finger lands, so a pinch keeps both even off the surface.
    pub fn press(&mut self, id: PointerId, at: ScreenPoint, t_ms: f64) -> Vec<PointerId> {
        // The same id again means its lift was lost: it starts afresh.
        self.pointers.retain(|(p, _)| *p != id);
        self.pointers.push((id, at));
        if self.pointers.len() == 1 {
            self.start = Some(at);
            self.panning = false;
            self.pinched = false;
            self.samples = vec![(t_ms, at)];
            Vec::new()
        } else {
            // A second finger: this gesture is a pinch from now on.
            self.pinched = true;
            self.panning = true;
            self.pointers.iter().map(|(p, _)| *p).collect()
        }
    }

    /// Pointer `id` moves to `to` at time `t_ms`. Pointers that never
    /// pressed on the surface are ignored.
    pub fn moved(&mut self, id: PointerId, to: ScreenPoint, t_ms: f64) -> Moved {
        let Some(slot) = self.pointers.iter().position(|(p, _)| *p == id) else {
            return Moved::default();
        };
        let from = std::mem::replace(&mut self.pointers[slot].1, to);
        if self.pointers.len() >= 2 {
            return Moved {
                change: self.pinch_change(slot, from),
                capture: None,
            };
        }
        let start = self.start.unwrap_or(to);
        let mut moved = Moved::default();
        if !self.panning && distance(start, to) >= DRAG_THRESHOLD {
            self.panning = true;
            moved.capture = Some(id);
            // The map catches up with the whole way travelled, so it stays under the finger.
            moved.change = Some(pan(start, to));
        } else if self.panning {
            moved.change = Some(pan(from, to));
        }
        self.samples.push((t_ms, to));
        self.samples.retain(|(s, _)| t_ms - s <= VELOCITY_WINDOW_MS);
        moved
    }

    /// Pointer `id` lifts (or is cancelled, as `lift` says) at time `t_ms`.
    /// `None` when the pointer was not part of this gesture.
    pub fn release(&mut self, id: PointerId, t_ms: f64, lift: Lift) -> Option<Released> {
        let slot = self.pointers.iter().position(|(p, _)| *p == id)?;
        let (_, released) = self.pointers.remove(slot);
        let outcome = match self.pointers.len() {
            // One finger lifted from a pinch: the other carries on panning from where it is.
            1 => {
                self.start = Some(self.pointers[0].1);
                self.samples.clear();
                Released::Nothing
            }
            0 if self.pinched || lift == Lift::Cancelled => Released::Nothing,
            0 if self.panning => match self.velocity(t_ms) {
                Some(velocity) => Released::Glide { velocity },
                None => Released::Nothing,
            },
            0 if lift == Lift::OnMap => self.tap(released, t_ms),
            _ => Released::Nothing,
        };
        Some(outcome)
    }

    /// Whether pointers are down and moving the map (a drag or a pinch).
    pub fn is_dragging(&self) -> bool {
        self.panning && !self.pointers.is_empty()
    }

    /// The pan and zoom that keep the world under the first two fingers: the
    /// map follows their midpoint and scales with their spread.
    fn pinch_change(&self, slot: usize, from: ScreenPoint) -> Option<ViewChange> {
        let mut before = [self.pointers[0].1, self.pointers[1].1];
        if slot < 2 {
            before[slot] = from;
        }
        let after = [self.pointers[0].1, self.pointers[1].1];
        let ((c0, d0), (c1, d1)) = (midpoint_and_spread(before), midpoint_and_spread(after));
        (d0 > 0.0 && d1 > 0.0).then(|| ViewChange {
            pan: (c1.x - c0.x, c1.y - c0.y),
            zoom: Some(ZoomAbout {
                anchor: c1,
                levels: (d1 / d0).log2(),
            }),
        })
    }

    /// Pixels per millisecond over the last few samples, if the pointer was still moving at `t_ms`.
    fn velocity(&self, t_ms: f64) -> Option<(f64, f64)> {
        let (&(t0, p0), &(t1, p1)) = (self.samples.first()?, self.samples.last()?);
        let dt = t1 - t0;
        (dt > MIN_VELOCITY_SPAN_MS && t_ms - t1 < MAX_STILL_MS)
            .then(|| ((p1.x - p0.x) / dt, (p1.y - p0.y) / dt))
    }

    fn tap(&mut self, at: ScreenPoint, t_ms: f64) -> Released {
        let double = self.last_tap.is_some_and(|(t0, p0)| {
            t_ms - t0 <= DOUBLE_TAP_MS && distance(p0, at) <= DOUBLE_TAP_PX
        });
        if double {
            // A third tap starts a new pair rather than zooming again.
            self.last_tap = None;
            Released::DoubleTap(at)
        } else {
            self.last_tap = Some((t_ms, at));
            Released::Tap(at)
        }
    }
}

/// The glide after a flick: the map carries on at the release velocity,
/// slowing down by half every [`GLIDE_HALF_LIFE_MS`] until it is at rest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glide {
    /// Velocity at release (CSS px per millisecond).
    velocity: (f64, f64),
    /// Time since release (ms).
    elapsed_ms: f64,
}

impl Glide {
    /// The glide after a release at `velocity` (CSS px per millisecond), or
    /// `None` when the flick is slower than [`GLIDE_START_SPEED`].
    pub fn from_release(velocity: (f64, f64)) -> Option<Self> {
        (velocity.0.hypot(velocity.1) >= GLIDE_START_SPEED).then_some(Self {
            velocity,
            elapsed_ms: 0.0,
        })
    }

    /// Advances the glide by `dt_ms`; returns how far the map moves in that time (CSS px, x and y).
    pub fn step(&mut self, dt_ms: f64) -> (f64, f64) {
        self.elapsed_ms += dt_ms;
        let (vx, vy) = self.velocity_now();
        (vx * dt_ms, vy * dt_ms)
    }

    /// Whether the glide has slowed below [`GLIDE_MIN_SPEED`]: no more steps are needed.
    pub fn at_rest(&self) -> bool {
        let (vx, vy) = self.velocity_now();
        vx.hypot(vy) < GLIDE_MIN_SPEED
    }

    fn velocity_now(&self) -> (f64, f64) {
        let decay = 0.5f64.powf(self.elapsed_ms / GLIDE_HALF_LIFE_MS);
        (self.velocity.0 * decay, self.velocity.1 * decay)
    }
}

fn distance(a: ScreenPoint, b: ScreenPoint) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

fn pan(from: ScreenPoint, to: ScreenPoint) -> ViewChange {
    ViewChange {
        pan: (to.x - from.x, to.y - from.y),
        zoom: None,
    }
}

fn midpoint_and_spread([a, b]: [ScreenPoint; 2]) -> (ScreenPoint, f64) {
    let mid = ScreenPoint {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    };
    (mid, distance(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{WorldPoint, MAX_ZOOM};
    use proptest::prelude::*;

    fn pt(x: f64, y: f64) -> ScreenPoint {
        ScreenPoint { x, y }
    }

    fn viewport() -> Viewport {
        Viewport {
            center: WorldPoint { x: 0.82, y: 0.41 },
            zoom: 10.0,
            width: 800.0,
            height: 600.0,
        }
    }

    /// Presses at `from`, moves in `steps` even steps of 10 ms to `to`, and returns the summed pan.
    fn drag(
        g: &mut Gesture,
        from: ScreenPoint,
        to: ScreenPoint,
        steps: u32,
        t0: f64,
    ) -> (f64, f64) {
        g.press(1, from, t0);
        let mut total = (0.0, 0.0);
        for i in 1..=steps {
            let f = f64::from(i) / f64::from(steps);
            let at = pt(from.x + (to.x - from.x) * f, from.y + (to.y - from.y) * f);
            if let Some(c) = g.moved(1, at, t0 + 10.0 * f64::from(i)).change {
                assert_eq!(c.zoom, None, "one pointer never zooms");
                total = (total.0 + c.pan.0, total.1 + c.pan.1);
            }
        }
        total
    }

    #[test]
    fn a_short_wobble_is_a_tap_where_the_pointer_lifted() {
        let mut g = Gesture::default();
        g.press(1, pt(100.0, 100.0), 0.0);
        let moved = g.moved(1, pt(103.0, 104.9), 20.0);
        assert_eq!(
            moved,
            Moved::default(),
            "below the threshold the map stays put"
        );
        assert!(!g.is_dragging());
        assert_eq!(
            g.release(1, 40.0, Lift::OnMap),
            Some(Released::Tap(pt(103.0, 104.9)))
        );
    }

    #[test]
    fn a_drag_captures_its_pointer_once_it_passes_the_threshold() {
        let mut g = Gesture::default();
        assert!(g.press(1, pt(0.0, 0.0), 0.0).is_empty());
        assert_eq!(g.moved(1, pt(5.0, 0.0), 10.0).capture, None);
        let past = g.moved(1, pt(6.0, 0.0), 20.0);
        assert_eq!(past.capture, Some(1));
        assert_eq!(past.change.map(|c| c.pan), Some((6.0, 0.0)));
        assert!(g.is_dragging());
        assert_eq!(
            g.moved(1, pt(9.0, 1.0), 30.0).capture,
            None,
            "captured once"
        );
    }

    #[test]
    fn a_flick_glides_at_the_speed_of_its_last_moments() {
        let mut g = Gesture::default();
        // Slow at first, then 2 px/ms for the last 80 ms: only the end counts.
        drag(&mut g, pt(0.0, 0.0), pt(40.0, 0.0), 10, 0.0);
        for i in 1..=8 {
            g.moved(
                1,
                pt(40.0 + 20.0 * f64::from(i), 0.0),
                100.0 + 10.0 * f64::from(i),
            );
        }
        match g.release(1, 185.0, Lift::OnMap) {
            Some(Released::Glide { velocity }) => {
                assert!((velocity.0 - 2.0).abs() < 1e-9, "{velocity:?}");
                assert_eq!(velocity.1, 0.0);
            }
            other => panic!("expected a glide, got {other:?}"),
        }
    }

    #[test]
    fn a_drag_held_still_before_lifting_does_not_glide() {
        let mut g = Gesture::default();
        drag(&mut g, pt(0.0, 0.0), pt(200.0, 0.0), 10, 0.0);
        // Last sample at 100 ms; lifted 50 ms later.
        assert_eq!(g.release(1, 150.0, Lift::OnMap), Some(Released::Nothing));
        let mut g = Gesture::default();
        drag(&mut g, pt(0.0, 0.0), pt(200.0, 0.0), 10, 0.0);
        assert!(matches!(
            g.release(1, 149.0, Lift::OnMap),
            Some(Released::Glide { .. })
        ));
    }

    #[test]
    fn a_jerk_too_brief_to_measure_does_not_glide() {
        let mut g = Gesture::default();
        g.press(1, pt(0.0, 0.0), 0.0);
        g.moved(1, pt(50.0, 0.0), 8.0);
        assert_eq!(g.release(1, 9.0, Lift::OnMap), Some(Released::Nothing));
    }

    #[test]
    fn two_taps_close_in_time_and_place_are_a_double_tap() {
        let mut g = Gesture::default();
        g.press(1, pt(100.0, 100.0), 0.0);
        assert_eq!(
            g.release(1, 50.0, Lift::OnMap),
            Some(Released::Tap(pt(100.0, 100.0)))
        );
        g.press(2, pt(120.0, 110.0), 300.0);
        assert_eq!(
            g.release(2, 370.0, Lift::OnMap),
            Some(Released::DoubleTap(pt(120.0, 110.0)))
        );
        // A third tap starts a new pair.
        g.press(3, pt(120.0, 110.0), 400.0);
        assert_eq!(
            g.release(3, 420.0, Lift::OnMap),
            Some(Released::Tap(pt(120.0, 110.0)))
        );
    }

    #[test]
    fn taps_too_slow_or_too_far_apart_stay_single() {
        let mut g = Gesture::default();
        g.press(1, pt(100.0, 100.0), 0.0);
        g.release(1, 10.0, Lift::OnMap);
        g.press(1, pt(100.0, 100.0), 300.0);
        assert!(matches!(
            g.release(1, 331.0, Lift::OnMap),
            Some(Released::Tap(_))
        ));
        g.press(1, pt(131.0, 100.0), 400.0);
        assert!(matches!(
            g.release(1, 410.0, Lift::OnMap),
            Some(Released::Tap(_))
        ));
    }

    #[test]
    fn a_tap_on_a_control_is_the_controls_not_half_a_double_tap() {
        let mut g = Gesture::default();
        g.press(1, pt(100.0, 100.0), 0.0);
        assert_eq!(g.release(1, 10.0, Lift::OnControl), Some(Released::Nothing));
        g.press(1, pt(100.0, 100.0), 100.0);
        assert!(matches!(
            g.release(1, 110.0, Lift::OnMap),
            Some(Released::Tap(_))
        ));
        g.press(1, pt(100.0, 100.0), 200.0);
        assert_eq!(
            g.release(1, 210.0, Lift::OnControl),
            Some(Released::Nothing)
        );
        g.press(1, pt(100.0, 100.0), 250.0);
        assert!(
            matches!(
                g.release(1, 260.0, Lift::OnMap),
                Some(Released::DoubleTap(_))
            ),
            "the control's tap neither counted nor cleared the first one"
        );
    }

    #[test]
    fn a_cancelled_pointer_neither_taps_nor_glides() {
        let mut g = Gesture::default();
        g.press(1, pt(100.0, 100.0), 0.0);
        assert_eq!(g.release(1, 10.0, Lift::Cancelled), Some(Released::Nothing));
        g.press(1, pt(100.0, 100.0), 50.0);
        assert!(
            matches!(g.release(1, 60.0, Lift::OnMap), Some(Released::Tap(_))),
            "a cancelled press is not the first of a double tap"
        );
        let mut g = Gesture::default();
        drag(&mut g, pt(0.0, 0.0), pt(300.0, 0.0), 10, 0.0);
        assert_eq!(
            g.release(1, 101.0, Lift::Cancelled),
            Some(Released::Nothing)
        );
        assert!(!g.is_dragging());
    }

    #[test]
    fn pointers_that_never_pressed_are_ignored() {
        let mut g = Gesture::default();
        assert_eq!(g.moved(7, pt(1.0, 1.0), 0.0), Moved::default());
        assert_eq!(g.release(7, 0.0, Lift::OnMap), None);
    }

    #[test]
    fn a_second_finger_makes_a_pinch_and_captures_both() {
        let mut g = Gesture::default();
        assert!(g.press(1, pt(100.0, 100.0), 0.0).is_empty());
        assert_eq!(g.press(2, pt(200.0, 100.0), 5.0), vec![1, 2]);
        assert!(g.is_dragging());
        let spread = g.moved(2, pt(300.0, 100.0), 20.0).change.unwrap();
        assert_eq!(spread.pan, (50.0, 0.0));
        assert_eq!(
            spread.zoom,
            Some(ZoomAbout {
                anchor: pt(200.0, 100.0),
                levels: 1.0
            })
        );
    }

    #[test]
    fn a_third_finger_does_not_pinch() {
        let mut g = Gesture::default();
        g.press(1, pt(100.0, 100.0), 0.0);
        g.press(2, pt(200.0, 100.0), 0.0);
        g.press(3, pt(300.0, 300.0), 0.0);
        let change = g.moved(3, pt(400.0, 100.0), 10.0).change.unwrap();
        assert_eq!(change.applied_to(viewport()), viewport());
    }

    #[test]
    fn lifting_one_finger_of_a_pinch_pans_on_with_the_other_and_ends_quietly() {
        let mut g = Gesture::default();
        g.press(1, pt(100.0, 100.0), 0.0);
        g.press(2, pt(200.0, 100.0), 0.0);
        g.moved(2, pt(250.0, 100.0), 10.0);
        assert_eq!(g.release(2, 20.0, Lift::OnMap), Some(Released::Nothing));
        assert!(g.is_dragging());
        // Even a 1 px move pans: the gesture is already a drag.
        let moved = g.moved(1, pt(101.0, 100.0), 30.0);
        assert_eq!(moved.change, Some(pan(pt(100.0, 100.0), pt(101.0, 100.0))));
        assert_eq!(moved.capture, None);
        for i in 2..10 {
            g.moved(
                1,
                pt(100.0 + 30.0 * f64::from(i), 100.0),
                30.0 + 10.0 * f64::from(i),
            );
        }
        assert_eq!(
            g.release(1, 125.0, Lift::OnMap),
            Some(Released::Nothing),
            "a pinch ends with no glide, however fast the last finger went"
        );
        assert!(!g.is_dragging());
    }

    #[test]
    fn a_new_press_after_a_pinch_is_a_plain_tap_again() {
        let mut g = Gesture::default();
        g.press(1, pt(100.0, 100.0), 0.0);
        g.press(2, pt(200.0, 100.0), 0.0);
        g.release(1, 10.0, Lift::OnMap);
        g.release(2, 20.0, Lift::OnMap);
        g.press(1, pt(50.0, 50.0), 100.0);
        assert!(matches!(
            g.release(1, 110.0, Lift::OnMap),
            Some(Released::Tap(_))
        ));
    }

    #[test]
    fn a_slow_flick_does_not_glide() {
        assert_eq!(Glide::from_release((0.05, 0.06)), None);
        assert!(Glide::from_release((0.0, GLIDE_START_SPEED)).is_some());
    }

    #[test]
    fn a_glide_halves_its_speed_every_half_life() {
        let mut glide = Glide::from_release((1.0, 0.0)).unwrap();
        let (dx, _) = glide.step(GLIDE_HALF_LIFE_MS);
        assert!((dx - 0.5 * GLIDE_HALF_LIFE_MS).abs() < 1e-9);
        let (dx, _) = glide.step(GLIDE_HALF_LIFE_MS);
        assert!((dx - 0.25 * GLIDE_HALF_LIFE_MS).abs() < 1e-9);
    }

    proptest! {
        #[test]
        fn a_drag_below_the_threshold_is_a_tap(
            x in 0.0..800.0f64, y in 0.0..600.0f64,
            wobble in prop::collection::vec((0.0..DRAG_THRESHOLD * 0.999, 0.0..std::f64::consts::TAU), 0..12),
        ) {
            let mut g = Gesture::default();
            g.press(1, pt(x, y), 0.0);
            let mut last = pt(x, y);
            for (i, (r, a)) in wobble.iter().enumerate() {
                last = pt(x + r * a.cos(), y + r * a.sin());
                let moved = g.moved(1, last, 10.0 * (i as f64 + 1.0));
                prop_assert_eq!(moved, Moved::default());
            }
            prop_assert_eq!(g.release(1, 200.0, Lift::OnMap), Some(Released::Tap(last)));
        }

        #[test]
        fn a_drag_moves_the_map_as_far_as_the_pointer(
            from in (0.0..800.0f64, 0.0..600.0f64),
            to in (0.0..800.0f64, 0.0..600.0f64),
            steps in 1u32..20,
        ) {
            let (from, to) = (pt(from.0, from.1), pt(to.0, to.1));
            prop_assume!(distance(from, to) >= DRAG_THRESHOLD);
            let mut g = Gesture::default();
            let total = drag(&mut g, from, to, steps, 0.0);
            prop_assert!((total.0 - (to.x - from.x)).abs() < 1e-6);
            prop_assert!((total.1 - (to.y - from.y)).abs() < 1e-6);
            prop_assert!(!matches!(g.release(1, 1000.0, Lift::OnMap), Some(Released::Tap(_))));
        }

        #[test]
        fn a_pinch_keeps_the_ground_under_the_fingers_midpoint(
            a in (100.0..700.0f64, 100.0..500.0f64),
            b in (100.0..700.0f64, 100.0..500.0f64),
            moves in prop::collection::vec((0usize..2, -80.0..80.0f64, -80.0..80.0f64), 1..8),
        ) {
            let (a, b) = (pt(a.0, a.1), pt(b.0, b.1));
            prop_assume!(distance(a, b) > 40.0);
            let mut g = Gesture::default();
            g.press(1, a, 0.0);
            g.press(2, b, 0.0);
            let mut fingers = [a, b];
            let mut v = viewport();
            for (i, (finger, dx, dy)) in moves.into_iter().enumerate() {
                let before = midpoint_and_spread(fingers);
                fingers[finger] = pt(fingers[finger].x + dx, fingers[finger].y + dy);
                let after = midpoint_and_spread(fingers);
                let id = finger as PointerId + 1;
                let Some(change) = g.moved(id, fingers[finger], i as f64).change else {
                    prop_assert!(after.1 == 0.0);
                    break;
                };
                let zoom = change.zoom.unwrap();
                prop_assert_eq!(zoom.anchor, after.0);
                // At a zoom limit the map cannot follow the spread (and far out, pans meet the world's edge).
                if !(6.0..=MAX_ZOOM).contains(&(v.zoom + zoom.levels)) {
                    break;
                }
                let ground = v.to_world(before.0);
                v = change.applied_to(v);
                let under = v.to_world(zoom.anchor);
                let px = v.scale();
                prop_assert!(((under.x - ground.x) * px).abs() < 1e-6, "{:?} vs {:?}", under, ground);
                prop_assert!(((under.y - ground.y) * px).abs() < 1e-6, "{:?} vs {:?}", under, ground);
            }
        }

        #[test]
        fn a_glide_slows_to_rest_and_never_overshoots(
            vx in -10.0..10.0f64, vy in -10.0..10.0f64,
            frames in prop::collection::vec(1.0..50.0f64, 1..20),
        ) {
            let speed = vx.hypot(vy);
            let Some(mut glide) = Glide::from_release((vx, vy)) else {
                prop_assert!(speed < GLIDE_START_SPEED);
                return Ok(());
            };
            // The speed falls below the minimum after this many half-lives; one frame more at most.
            let rest_by = GLIDE_HALF_LIFE_MS * (speed / GLIDE_MIN_SPEED).log2() + 50.0;
            let (mut travelled, mut elapsed) = ((0.0, 0.0), 0.0);
            for dt in frames.iter().cycle() {
                prop_assert!(!glide.at_rest(), "at rest only once stepped past the minimum speed");
                let (dx, dy) = glide.step(*dt);
                elapsed += dt;
                // Always onward along the flick, never back.
                prop_assert!(dx * vx >= 0.0 && dy * vy >= 0.0);
                travelled = (travelled.0 + dx, travelled.1 + dy);
                if glide.at_rest() {
                    break;
                }
                prop_assert!(elapsed <= rest_by, "still gliding after {} ms", elapsed);
            }
            // Each step uses the speed at its end, so the whole glide is shorter than the decay's integral.
            let reach = speed * GLIDE_HALF_LIFE_MS / std::f64::consts::LN_2;
            prop_assert!(travelled.0.hypot(travelled.1) <= reach + 1e-9);
        }
    }
}
