//! The timeline's axis: where each moment of history sits along the strip.
//!
//! Heritage data clusters in time. The bundled Suzhou set has one temple of
//! the 6th century and everything else after 1925; a plain linear axis fitted
//! to 502–2024 would squeeze 17 of 18 events into the last 7 % of the strip.
//! So the axis is fitted to the data *piecewise*: long empty stretches
//! ("gaps") are collapsed to a short, visibly broken piece, and the stretches
//! that hold events share the rest in proportion to their length. Zoom and pan
//! then act on this fitted axis, so the dense part is usable at once and still
//! opens up further.
//!
//! Positions along the axis are `u` in `0..=1`; an [`AxisView`] is the part of
//! `u` on screen.

/// A gap is collapsed when it is longer than this share of the whole extent.
const GAP_SHARE_OF_EXTENT: f64 = 0.4;
/// The share of the axis a collapsed gap keeps (enough for its break mark).
const COLLAPSED_GAP_U: f64 = 0.04;
/// Free time kept around each stretch of events, as a share of its length…
const PADDING_SHARE: f64 = 0.03;
/// …but at least this many years, so a lone event is not glued to the edge.
const MIN_PADDING_YEARS: f64 = 1.0;

/// One piece of the axis: the years `from..to` drawn over `u0..u1`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisPiece {
    /// First year of the piece (continuous year axis).
    pub from: f64,
    /// End of the piece.
    pub to: f64,
    /// Where the piece starts along the axis.
    pub u0: f64,
    /// Where the piece ends along the axis.
    pub u1: f64,
    /// A collapsed empty stretch: drawn broken, with no ticks.
    pub collapsed: bool,
}

impl AxisPiece {
    /// Axis length per year in this piece.
    pub fn u_per_year(&self) -> f64 {
        (self.u1 - self.u0) / (self.to - self.from)
    }
}

/// The axis fitted to a dataset: a monotone map between years and `u`.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeAxis {
    pieces: Vec<AxisPiece>,
}

impl TimeAxis {
    /// Fits the axis to the events' periods `(start, end)` in years. With no
    /// events, the axis spans the 20th century.
    pub fn fit(periods: impl IntoIterator<Item = (f64, f64)>) -> TimeAxis {
        let mut periods: Vec<(f64, f64)> = periods
            .into_iter()
            .filter(|(a, b)| a.is_finite() && b.is_finite())
            .map(|(a, b)| (a, b.max(a)))
            .collect();
        if periods.is_empty() {
            return TimeAxis::linear(1900.0, 2000.0);
        }
        periods.sort_by(|a, b| a.0.total_cmp(&b.0));
        let start = periods[0].0;
        let end = periods.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        let extent = (end - start).max(1.0);

        // Stretches of history that hold events, split where a long gap opens.
        let mut stretches: Vec<(f64, f64)> = Vec::new();
        for (a, b) in periods {
            match stretches.last_mut() {
                Some(last) if a - last.1 <= GAP_SHARE_OF_EXTENT * extent => last.1 = last.1.max(b),
                _ => stretches.push((a, b)),
            }
        }
        let padded: Vec<(f64, f64)> = stretches
            .iter()
            .map(|&(a, b)| {
                let pad = ((b - a) * PADDING_SHARE).max(MIN_PADDING_YEARS);
                (a - pad, b + pad)
            })
            .collect();

        let gaps = padded.len() - 1;
        let gap_u = COLLAPSED_GAP_U.min(0.5 / padded.len() as f64);
        let shared_u = 1.0 - gap_u * gaps as f64;
        let occupied: f64 = padded.iter().map(|(a, b)| b - a).sum();
        let mut pieces = Vec::with_capacity(padded.len() * 2);
        let mut u = 0.0;
        for (i, &(a, b)) in padded.iter().enumerate() {
            let len = shared_u * (b - a) / occupied;
            pieces.push(AxisPiece {
                from: a,
                to: b,
                u0: u,
                u1: u + len,
                collapsed: false,
            });
            u += len;
            if let Some(&(next, _)) = padded.get(i + 1) {
                pieces.push(AxisPiece {
                    from: b,
                    to: next,
                    u0: u,
                    u1: u + gap_u,
                    collapsed: true,
                });
                u += gap_u;
            }
        }
        if let Some(last) = pieces.last_mut() {
            last.u1 = 1.0;
        }
        TimeAxis { pieces }
    }

    /// A plain linear axis from `from` to `to`.
    pub fn linear(from: f64, to: f64) -> TimeAxis {
        TimeAxis {
            pieces: vec![AxisPiece {
                from,
                to: to.max(from + 1e-6),
                u0: 0.0,
                u1: 1.0,
                collapsed: false,
            }],
        }
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> &[AxisPiece] {
        &self.pieces
    }

    /// First year on the axis.
    pub fn start(&self) -> f64 {
        self.pieces[0].from
    }

    /// Last year on the axis.
    pub fn end(&self) -> f64 {
        self.pieces[self.pieces.len() - 1].to
    }

    /// Where year `t` sits along the axis (clamped to `0..=1`).
    pub fn u(&self, t: f64) -> f64 {
        let p = self.piece_by(|p| t < p.to);
        (p.u0 + (t - p.from) * p.u_per_year()).clamp(0.0, 1.0)
    }

    /// The year at axis position `u` (clamped to the axis).
    pub fn t(&self, u: f64) -> f64 {
        let p = self.piece_by(|p| u < p.u1);
        (p.from + (u - p.u0) / p.u_per_year()).clamp(self.start(), self.end())
    }

    /// Axis length per year around year `t` (collapsed gaps have very little).
    pub fn u_per_year_at(&self, t: f64) -> f64 {
        self.piece_by(|p| t < p.to).u_per_year()
    }

    fn piece_by(&self, before_end: impl Fn(&AxisPiece) -> bool) -> &AxisPiece {
        let i = self.pieces.partition_point(|p| !before_end(p));
        &self.pieces[i.min(self.pieces.len() - 1)]
    }
}

/// The part of the axis on screen, `u0..u1`, and how wide the screen is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisView {
    /// Left edge along the axis.
    pub u0: f64,
    /// Right edge along the axis.
    pub u1: f64,
    /// Width of the strip in CSS px.
    pub width: f64,
}

/// Zooming stops when the strip shows this little of the axis.
pub const MIN_VIEW_SPAN: f64 = 1e-4;

impl AxisView {
    /// The whole axis across `width` px.
    pub fn fitted(width: f64) -> AxisView {
        AxisView {
            u0: 0.0,
            u1: 1.0,
            width,
        }
    }

    /// Pixels per unit of `u`.
    pub fn scale(&self) -> f64 {
        self.width / (self.u1 - self.u0)
    }

    /// Screen x of axis position `u`.
    pub fn x(&self, u: f64) -> f64 {
        (u - self.u0) * self.scale()
    }

    /// Axis position at screen x.
    pub fn u(&self, x: f64) -> f64 {
        self.u0 + x / self.scale()
    }

    /// Zoomed by `factor` (> 1 zooms in) about screen x `anchor`, which stays put.
    pub fn zoomed_about(&self, anchor: f64, factor: f64) -> AxisView {
        let at = self.u(anchor);
        let span = ((self.u1 - self.u0) / factor).clamp(MIN_VIEW_SPAN, 1.0);
        let u0 = at - (anchor / self.width) * span;
        AxisView {
            u0,
            u1: u0 + span,
            ..*self
        }
        .kept_on_axis()
    }

    /// Moved by `dx` screen px (positive drags the content right).
    pub fn panned(&self, dx: f64) -> AxisView {
        let du = dx / self.scale();
        AxisView {
            u0: self.u0 - du,
            u1: self.u1 - du,
            ..*self
        }
        .kept_on_axis()
    }

    /// Showing `u0..u1` (with a little room around it) at the same width.
    pub fn showing(&self, u0: f64, u1: f64) -> AxisView {
        let span = (u1 - u0).max(MIN_VIEW_SPAN);
        let room = span * 0.1;
        AxisView {
            u0: u0 - room,
            u1: u1 + room,
            ..*self
        }
        .kept_on_axis()
    }

    /// Same view on a strip of another width (the axis span stays).
    pub fn resized(&self, width: f64) -> AxisView {
        AxisView { width, ..*self }
    }

    /// Panned just enough that axis position `u` is at least `margin` px inside.
    pub fn revealing(&self, u: f64, margin: f64) -> AxisView {
        let x = self.x(u);
        let margin = margin.min(self.width / 2.0);
        if x < margin {
            self.panned(margin - x)
        } else if x > self.width - margin {
            self.panned(self.width - margin - x)
        } else {
            *self
        }
    }

    /// The view never leaves the axis and never shows more than all of it.
    fn kept_on_axis(self) -> AxisView {
        let span = (self.u1 - self.u0).clamp(MIN_VIEW_SPAN, 1.0);
        let u0 = self.u0.clamp(0.0, 1.0 - span);
        AxisView {
            u0,
            u1: u0 + span,
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The bundled dataset's shape: a 6th-century temple, then 1925–2024.
    fn suzhou_like() -> TimeAxis {
        TimeAxis::fit([
            (502.0, 520.0),
            (1925.7, 1925.8),
            (1939.47, 1939.48),
            (1949.3, 1949.32),
            (1995.6, 1995.7),
            (2024.5, 2024.55),
        ])
    }

    #[test]
    fn empty_centuries_collapse_so_the_dense_part_gets_the_room() {
        let axis = suzhou_like();
        let collapsed: Vec<_> = axis.pieces().iter().filter(|p| p.collapsed).collect();
        assert_eq!(collapsed.len(), 1);
        assert!(collapsed[0].from < 600.0 && collapsed[0].to > 1900.0);
        // 1925–2024 gets most of the strip, not the 7 % a linear axis would give it.
        assert!(axis.u(2024.5) - axis.u(1925.7) > 0.7);
        assert!(axis.start() < 502.0 && axis.end() > 2024.55);
    }

    #[test]
    fn evenly_spread_events_get_a_linear_axis() {
        let axis =
            TimeAxis::fit((0..50).map(|i| (1800.0 + i as f64 * 4.0, 1800.5 + i as f64 * 4.0)));
        assert_eq!(axis.pieces().len(), 1);
        let mid = (axis.start() + axis.end()) / 2.0;
        assert!((axis.u(mid) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn zooming_keeps_the_anchor_and_panning_stays_on_the_axis() {
        let v = AxisView::fitted(1000.0);
        let z = v.zoomed_about(700.0, 4.0);
        assert!((z.u(700.0) - v.u(700.0)).abs() < 1e-12);
        assert!((z.u1 - z.u0 - 0.25).abs() < 1e-12);
        let far = z.panned(-1e6);
        assert_eq!(far.u1, 1.0);
        assert_eq!(
            v.zoomed_about(500.0, 0.1),
            v,
            "never wider than the whole axis"
        );
    }

    #[test]
    fn revealing_pans_only_when_needed() {
        let v = AxisView::fitted(1000.0).zoomed_about(0.0, 10.0);
        assert_eq!(v.revealing(0.05, 40.0), v);
        let r = v.revealing(0.5, 40.0);
        assert!((r.x(0.5) - 960.0).abs() < 1e-6);
    }

    proptest! {
        #[test]
        fn the_axis_is_monotone_and_invertible(
            years in proptest::collection::vec((-2000.0f64..2100.0, 0.0f64..30.0), 1..40),
            a in 0.0f64..1.0,
            b in 0.0f64..1.0,
        ) {
            let axis = TimeAxis::fit(years.iter().map(|&(s, l)| (s, s + l)));
            let (ta, tb) = (axis.t(a), axis.t(b));
            if a < b {
                prop_assert!(ta <= tb);
            }
            prop_assert!((axis.u(ta) - a).abs() < 1e-9);
            for &(s, l) in &years {
                let (us, ue) = (axis.u(s), axis.u(s + l));
                prop_assert!((0.0..=1.0).contains(&us) && us <= ue && ue < 1.0);
            }
        }
    }
}
