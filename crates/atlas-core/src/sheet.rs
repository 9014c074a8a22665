//! The phone's bottom sheet as plain state: where it rests (closed, peeking,
//! full), and where a drag of its handle leaves it.
//!
//! The browser reports the handle's pointer and shows the sheet where this
//! says; every rule (how far a press travels before it is a drag, how fast a
//! flick must be to carry on to the next stop, where a slow drag settles)
//! lives here. Heights are CSS px of sheet showing above the screen's bottom
//! edge; times are milliseconds passed in, so tests replay a drag without a
//! clock.

/// The share of the screen's height a peeking sheet shows: the site's name,
/// its category and a line, with the map above it still in reach.
/// (public/sheet.css rests the peeking sheet at the same share.)
pub const PEEK_SHARE: f64 = 0.30;
/// A press that travels less than this is a tap of the handle, not a drag (CSS px).
pub const SHEET_DRAG_THRESHOLD: f64 = 8.0;
/// A release at least this fast (CSS px per millisecond) is a flick: the
/// sheet goes on to the next stop in that direction, however short the drag.
pub const FLICK_SPEED: f64 = 0.4;
/// Only the last moments of a drag decide its speed (ms).
pub const SHEET_VELOCITY_WINDOW_MS: f64 = 80.0;

/// Where the sheet rests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SheetStop {
    /// Gone: the site is no longer selected.
    Closed,
    /// Showing the site's name, category and a line over the lower part of the map.
    Peek,
    /// Showing the whole panel, scrolling within itself.
    Full,
}

impl SheetStop {
    /// The stop the handle's button leads to: a peeking sheet opens in full,
    /// a full one goes back to peeking (closing is the panel's Close button).
    pub fn toggled(self) -> SheetStop {
        match self {
            SheetStop::Full => SheetStop::Peek,
            SheetStop::Peek | SheetStop::Closed => SheetStop::Full,
        }
    }

    /// Whether the whole panel shows (the handle's `aria-expanded`).
    pub fn is_expanded(self) -> bool {
        self == SheetStop::Full
    }
}

/// How much of the sheet shows at each stop on one screen (CSS px).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SheetHeights {
    /// Showing while peeking.
    pub peek: f64,
    /// Showing in full: the sheet's whole height.
    pub full: f64,
}

impl SheetHeights {
    /// The heights on a screen `screen_height` px tall for a sheet
    /// `sheet_height` px tall: peeking shows [`PEEK_SHARE`] of the screen,
    /// never more than the sheet itself.
    pub fn on_screen(screen_height: f64, sheet_height: f64) -> SheetHeights {
        let full = sheet_height.max(0.0);
        SheetHeights {
            peek: (screen_height * PEEK_SHARE).clamp(0.0, full),
            full,
        }
    }

    /// How much shows when the sheet rests at `stop`.
    pub fn shown_at(&self, stop: SheetStop) -> f64 {
        match stop {
            SheetStop::Closed => 0.0,
            SheetStop::Peek => self.peek,
            SheetStop::Full => self.full,
        }
    }

    /// The stops, lowest first.
    fn stops(&self) -> [(SheetStop, f64); 3] {
        [
            (SheetStop::Closed, 0.0),
            (SheetStop::Peek, self.peek),
            (SheetStop::Full, self.full),
        ]
    }
}

/// How a press of the handle ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetRelease {
    /// It never became a drag: the handle's own click (a toggle) follows.
    Tap,
    /// A drag: the sheet settles at this stop.
    Settle(SheetStop),
}

/// One press of the sheet's handle, from pointer down to pointer up.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetDrag {
    heights: SheetHeights,
    /// The pointer's screen y where it pressed.
    start_y: f64,
    /// How much showed when it pressed.
    start_shown: f64,
    /// The press has travelled far enough to be a drag.
    dragging: bool,
    /// Recent (time, shown height) samples, for the release speed.
    samples: Vec<(f64, f64)>,
}

impl SheetDrag {
    /// The handle is pressed at screen y `y` at time `t_ms` while the sheet
    /// rests at `from`.
    pub fn press(from: SheetStop, heights: SheetHeights, y: f64, t_ms: f64) -> SheetDrag {
        let start_shown = heights.shown_at(from);
        SheetDrag {
            heights,
            start_y: y,
            start_shown,
            dragging: false,
            samples: vec![(t_ms, start_shown)],
        }
    }

    /// The pointer moves to screen y `y` at time `t_ms`. Returns how much of
    /// the sheet should show now, once the press has become a drag: the
    /// sheet follows the finger, never above its full height nor below the
    /// screen's edge.
    pub fn moved(&mut self, y: f64, t_ms: f64) -> Option<f64> {
        self.dragging |= (y - self.start_y).abs() >= SHEET_DRAG_THRESHOLD;
        if !self.dragging {
            return None;
        }
        let shown = self.shown_for(y);
        self.samples.push((t_ms, shown));
        // Keep only what the speed window needs (and the newest sample).
        let newest = t_ms;
        self.samples
            .retain(|(t, _)| newest - t <= SHEET_VELOCITY_WINDOW_MS * 2.0);
        Some(shown)
    }

    /// Whether the press has become a drag.
    pub fn is_dragging(&self) -> bool {
        self.dragging
    }

    /// The pointer lifts at screen y `y` at time `t_ms`. A flick goes on to
    /// the next stop in its direction; a slower drag settles at the stop
    /// nearest to where the sheet was let go.
    pub fn released(mut self, y: f64, t_ms: f64) -> SheetRelease {
        if !self.dragging && (y - self.start_y).abs() < SHEET_DRAG_THRESHOLD {
            return SheetRelease::Tap;
        }
        let shown = self.shown_for(y);
        self.samples.push((t_ms, shown));
        let speed = self.speed(t_ms);
        let stops = self.heights.stops();
        let stop = if speed >= FLICK_SPEED {
            // Upward: the first stop above where it was let go.
            stops
                .iter()
                .find(|(_, h)| *h > shown + 0.5)
                .map_or(SheetStop::Full, |(s, _)| *s)
        } else if speed <= -FLICK_SPEED {
            // Downward: the first stop below.
            stops
                .iter()
                .rev()
                .find(|(_, h)| *h < shown - 0.5)
                .map_or(SheetStop::Closed, |(s, _)| *s)
        } else {
            stops
                .iter()
                .min_by(|a, b| (a.1 - shown).abs().total_cmp(&(b.1 - shown).abs()))
                .map_or(SheetStop::Peek, |(s, _)| *s)
        };
        SheetRelease::Settle(stop)
    }

    /// How much shows with the pointer at screen y `y`: up the screen is more.
    fn shown_for(&self, y: f64) -> f64 {
        (self.start_shown + (self.start_y - y)).clamp(0.0, self.heights.full)
    }

    /// The sheet's speed over the last moments (CSS px per ms, up positive).
    fn speed(&self, now: f64) -> f64 {
        let recent: Vec<_> = self
            .samples
            .iter()
            .filter(|(t, _)| now - t <= SHEET_VELOCITY_WINDOW_MS)
            .collect();
        match (recent.first(), recent.last()) {
            (Some((t0, h0)), Some((t1, h1))) if t1 - t0 > 0.0 => (h1 - h0) / (t1 - t0),
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A 360×640 phone with a sheet 590 px tall: peeking shows 192 px.
    fn phone() -> SheetHeights {
        SheetHeights::on_screen(640.0, 590.0)
    }

    /// A slow drag from `from` over `steps` moves of `dy` px each, 100 ms apart.
    fn slow_drag(from: SheetStop, dy: f64, steps: usize) -> SheetRelease {
        let mut drag = SheetDrag::press(from, phone(), 500.0, 0.0);
        let mut y = 500.0;
        for i in 1..=steps {
            y += dy;
            drag.moved(y, i as f64 * 100.0);
        }
        // Held still before lifting: no flick.
        drag.released(y, steps as f64 * 100.0 + 200.0)
    }

    #[test]
    fn peeking_shows_less_than_a_third_of_a_phone() {
        let h = phone();
        assert_eq!(h.peek, 192.0);
        assert_eq!(h.full, 590.0);
        assert_eq!(h.shown_at(SheetStop::Closed), 0.0);
    }

    #[test]
    fn a_short_sheet_never_peeks_above_itself() {
        assert_eq!(SheetHeights::on_screen(640.0, 100.0).peek, 100.0);
    }

    #[test]
    fn the_handle_toggles_between_peek_and_full() {
        assert_eq!(SheetStop::Peek.toggled(), SheetStop::Full);
        assert_eq!(SheetStop::Full.toggled(), SheetStop::Peek);
        assert!(SheetStop::Full.is_expanded());
        assert!(!SheetStop::Peek.is_expanded());
    }

    #[test]
    fn a_press_that_hardly_moves_is_a_tap() {
        let mut drag = SheetDrag::press(SheetStop::Peek, phone(), 450.0, 0.0);
        assert_eq!(drag.moved(454.0, 30.0), None);
        assert!(!drag.is_dragging());
        assert_eq!(drag.released(453.0, 60.0), SheetRelease::Tap);
    }

    #[test]
    fn the_sheet_follows_the_finger_within_its_bounds() {
        let mut drag = SheetDrag::press(SheetStop::Peek, phone(), 450.0, 0.0);
        assert_eq!(drag.moved(350.0, 50.0), Some(292.0));
        assert_eq!(drag.moved(-400.0, 100.0), Some(590.0));
        assert_eq!(drag.moved(900.0, 150.0), Some(0.0));
    }

    #[test]
    fn a_slow_drag_up_from_peek_settles_full() {
        assert_eq!(
            slow_drag(SheetStop::Peek, -60.0, 5),
            SheetRelease::Settle(SheetStop::Full)
        );
    }

    #[test]
    fn a_slow_short_drag_up_falls_back_to_peek() {
        assert_eq!(
            slow_drag(SheetStop::Peek, -30.0, 3),
            SheetRelease::Settle(SheetStop::Peek)
        );
    }

    #[test]
    fn a_slow_drag_down_from_peek_past_half_way_closes() {
        assert_eq!(
            slow_drag(SheetStop::Peek, 30.0, 5),
            SheetRelease::Settle(SheetStop::Closed)
        );
    }

    #[test]
    fn a_slow_drag_down_from_full_settles_at_the_nearer_stop() {
        assert_eq!(
            slow_drag(SheetStop::Full, 80.0, 4),
            SheetRelease::Settle(SheetStop::Peek)
        );
        assert_eq!(
            slow_drag(SheetStop::Full, 100.0, 6),
            SheetRelease::Settle(SheetStop::Closed)
        );
    }

    #[test]
    fn a_flick_goes_on_to_the_next_stop_in_its_direction() {
        // 40 px up in 40 ms: 1 px/ms, from peek → full.
        let mut up = SheetDrag::press(SheetStop::Peek, phone(), 450.0, 0.0);
        up.moved(430.0, 20.0);
        assert_eq!(
            up.released(410.0, 40.0),
            SheetRelease::Settle(SheetStop::Full)
        );
        // A flick down from full stops at peek, not closed…
        let mut down = SheetDrag::press(SheetStop::Full, phone(), 60.0, 0.0);
        down.moved(80.0, 20.0);
        assert_eq!(
            down.released(100.0, 40.0),
            SheetRelease::Settle(SheetStop::Peek)
        );
        // …and from peek it closes.
        let mut close = SheetDrag::press(SheetStop::Peek, phone(), 450.0, 0.0);
        close.moved(470.0, 20.0);
        assert_eq!(
            close.released(490.0, 40.0),
            SheetRelease::Settle(SheetStop::Closed)
        );
    }

    #[test]
    fn a_drag_held_still_before_lifting_is_no_flick() {
        let mut drag = SheetDrag::press(SheetStop::Peek, phone(), 450.0, 0.0);
        drag.moved(420.0, 20.0);
        // Lifted 300 ms later where it was: only 30 px up, so back to peek.
        assert_eq!(
            drag.released(420.0, 320.0),
            SheetRelease::Settle(SheetStop::Peek)
        );
    }

    proptest! {
        #[test]
        fn a_drag_never_carries_the_sheet_past_a_stop(
            from in prop::sample::select(vec![SheetStop::Peek, SheetStop::Full]),
            moves in prop::collection::vec((-200.0..200.0f64, 1.0..60.0f64), 1..10),
        ) {
            let h = phone();
            let mut drag = SheetDrag::press(from, h, 400.0, 0.0);
            let (mut y, mut t) = (400.0, 0.0);
            for (dy, dt) in &moves {
                y += dy;
                t += dt;
                if let Some(shown) = drag.moved(y, t) {
                    prop_assert!((0.0..=h.full).contains(&shown));
                }
            }
            let shown = (h.shown_at(from) + 400.0 - y).clamp(0.0, h.full);
            match drag.released(y, t + 1.0) {
                SheetRelease::Tap => prop_assert!((y - 400.0).abs() < SHEET_DRAG_THRESHOLD),
                SheetRelease::Settle(stop) => {
                    // However fast, the sheet settles at a stop next to where it was let go.
                    let settled = h.shown_at(stop);
                    let (low, high) = (settled.min(shown), settled.max(shown));
                    let skipped = h.stops().iter().filter(|(_, s)| *s > low + 0.5 && *s < high - 0.5).count();
                    prop_assert_eq!(skipped, 0, "from {:?} let go at {} settled {:?}", from, shown, stop);
                }
            }
        }
    }
}
