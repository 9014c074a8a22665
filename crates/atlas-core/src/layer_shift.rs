//! Moving a layer laid out for one view to another view with one transform.
//!
//! Laying markers out (clusters, spreading, one position each) costs far
//! more than a frame allows at tens of thousands of sites, so during a pan or
//! a zoom the map keeps the layout of the view the gesture started from and
//! moves the whole layer with a single CSS transform; it lays out again when
//! the gesture ends. The transform is this module's [`LayerShift`].

use crate::geo::{ScreenPoint, Viewport};

/// Where a layer laid out for one view must go to show another: a point
/// drawn at `p` (screen px of the laid-out view) appears at `k · p + (dx, dy)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerShift {
    /// Horizontal move, CSS px.
    pub dx: f64,
    /// Vertical move, CSS px.
    pub dy: f64,
    /// Scale about the layer's top-left corner (2 is one zoom level closer).
    pub k: f64,
}

impl LayerShift {
    /// No move at all: the layer is laid out for the view it shows.
    pub const NONE: LayerShift = LayerShift {
        dx: 0.0,
        dy: 0.0,
        k: 1.0,
    };

    /// The shift that takes what was laid out for `laid_out` to where `shown`
    /// draws it. Both views must have the same size (a resize lays out anew).
    pub fn between(laid_out: &Viewport, shown: &Viewport) -> LayerShift {
        let k = (shown.zoom - laid_out.zoom).exp2();
        // The laid-out view's top-left corner, as the shown view draws it.
        let corner = shown.to_screen(laid_out.to_world(ScreenPoint { x: 0.0, y: 0.0 }));
        LayerShift {
            dx: corner.x,
            dy: corner.y,
            k,
        }
    }

    /// Where a point laid out at `p` appears.
    pub fn apply(&self, p: ScreenPoint) -> ScreenPoint {
        ScreenPoint {
            x: self.k * p.x + self.dx,
            y: self.k * p.y + self.dy,
        }
    }

    /// Whether the shift moves nothing (to a hundredth of a pixel and a millionth of scale).
    pub fn is_none(&self) -> bool {
        self.dx.abs() < 0.01 && self.dy.abs() < 0.01 && (self.k - 1.0).abs() < 1e-6
    }

    /// The CSS `transform` of the layer (with `transform-origin: 0 0`).
    pub fn css_transform(&self) -> String {
        format!(
            "translate({:.2}px, {:.2}px) scale({:.6})",
            self.dx, self.dy, self.k
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{LonLat, WorldPoint};
    use proptest::prelude::*;

    fn view(lon: f64, lat: f64, zoom: f64) -> Viewport {
        Viewport {
            center: LonLat::new(lon, lat).to_world(),
            zoom,
            width: 1280.0,
            height: 800.0,
        }
    }

    #[test]
    fn the_same_view_needs_no_shift() {
        let v = view(120.6, 31.3, 11.0);
        let s = LayerShift::between(&v, &v);
        assert!(s.is_none(), "{s:?}");
        assert_eq!(
            s.css_transform(),
            "translate(0.00px, 0.00px) scale(1.000000)"
        );
    }

    #[test]
    fn a_pan_is_a_translation() {
        let v = view(120.6, 31.3, 11.0);
        let s = LayerShift::between(&v, &v.panned(40.0, -25.0));
        assert!(
            (s.dx - 40.0).abs() < 1e-6 && (s.dy + 25.0).abs() < 1e-6,
            "{s:?}"
        );
        assert_eq!(s.k, 1.0);
    }

    #[test]
    fn one_zoom_level_closer_doubles_about_the_anchor() {
        let v = view(120.6, 31.3, 11.0);
        let anchor = ScreenPoint { x: 300.0, y: 200.0 };
        let s = LayerShift::between(&v, &v.zoomed_about(anchor, 1.0));
        assert!((s.k - 2.0).abs() < 1e-9);
        let moved = s.apply(anchor);
        assert!((moved.x - anchor.x).abs() < 1e-6 && (moved.y - anchor.y).abs() < 1e-6);
    }

    proptest! {
        /// Any point laid out for one view lands where the other view draws it.
        #[test]
        fn the_shift_puts_every_point_where_the_shown_view_draws_it(
            lon in 100.0..130.0f64, lat in 20.0..45.0f64, zoom in 3.0..16.0f64,
            dlon in -0.5..0.5f64, dlat in -0.5..0.5f64, dzoom in -3.0..3.0f64,
            px in -200.0..1500.0f64, py in -200.0..1000.0f64,
        ) {
            let laid_out = view(lon, lat, zoom);
            let shown = view(lon + dlon, lat + dlat, zoom + dzoom);
            let w: WorldPoint = laid_out.to_world(ScreenPoint { x: px, y: py });
            let expected = shown.to_screen(w);
            let got = LayerShift::between(&laid_out, &shown).apply(laid_out.to_screen(w));
            prop_assert!((got.x - expected.x).abs() < 1e-6 * expected.x.abs().max(1.0));
            prop_assert!((got.y - expected.y).abs() < 1e-6 * expected.y.abs().max(1.0));
        }
    }
}
