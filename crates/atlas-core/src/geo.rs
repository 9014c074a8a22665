//! Web Mercator and the map's viewport.
//!
//! World coordinates are Web Mercator normalised to the unit square: x from 0
//! (180°W) to 1 (180°E), y from 0 (85.05°N) to 1 (85.05°S). At zoom `z` the
//! world is `TILE_SIZE · 2^z` CSS pixels wide, as in every XYZ tile scheme.

use std::f64::consts::PI;

/// Size of a map tile in CSS pixels: the scale at zoom 0.
pub const TILE_SIZE: f64 = 256.0;
/// Web Mercator stops here so that the world is square.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;
/// Mean Earth radius used by Web Mercator (EPSG:3857), metres.
pub const EARTH_RADIUS_M: f64 = 6_378_137.0;

/// A WGS84 position in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LonLat {
    /// Longitude, −180..180.
    pub lon: f64,
    /// Latitude, −90..90.
    pub lat: f64,
}

/// A point in normalised Web Mercator world coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorldPoint {
    /// 0 at 180°W, 1 at 180°E.
    pub x: f64,
    /// 0 at the north edge, 1 at the south edge.
    pub y: f64,
}

impl LonLat {
    /// A position.
    pub fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// Projects to world coordinates (latitudes beyond ±85.05° are clamped).
    pub fn to_world(self) -> WorldPoint {
        let lat = self.lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
        WorldPoint {
            x: (self.lon + 180.0) / 360.0,
            y: 0.5 - ((PI / 4.0 + lat / 2.0).tan().ln()) / (2.0 * PI),
        }
    }
}

impl WorldPoint {
    /// Back to longitude and latitude.
    pub fn to_lon_lat(self) -> LonLat {
        LonLat {
            lon: self.x * 360.0 - 180.0,
            lat: (2.0 * ((0.5 - self.y) * 2.0 * PI).exp().atan() - PI / 2.0).to_degrees(),
        }
    }
}

/// A longitude/latitude box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// South-west corner.
    pub min: LonLat,
    /// North-east corner.
    pub max: LonLat,
}

impl Bounds {
    /// The smallest box around the points; `None` when there are none.
    pub fn around(points: impl IntoIterator<Item = LonLat>) -> Option<Self> {
        points.into_iter().fold(None, |acc, p| {
            Some(match acc {
                None => Bounds { min: p, max: p },
                Some(b) => Bounds {
                    min: LonLat::new(b.min.lon.min(p.lon), b.min.lat.min(p.lat)),
                    max: LonLat::new(b.max.lon.max(p.lon), b.max.lat.max(p.lat)),
                },
            })
        })
    }
}

/// A screen position in CSS pixels from the map's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenPoint {
    /// Pixels from the left edge.
    pub x: f64,
    /// Pixels from the top edge.
    pub y: f64,
}

/// What the map shows: a centre, a (fractional) zoom and the size of the map on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// World point at the centre of the map.
    pub center: WorldPoint,
    /// Zoom level; the world is `TILE_SIZE · 2^zoom` pixels wide.
    pub zoom: f64,
    /// Map width in CSS pixels.
    pub width: f64,
    /// Map height in CSS pixels.
    pub height: f64,
}

/// Room to keep clear on each side of the map when fitting, in CSS px.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Insets {
    /// From the top edge.
    pub top: f64,
    /// From the right edge.
    pub right: f64,
    /// From the bottom edge.
    pub bottom: f64,
    /// From the left edge.
    pub left: f64,
}

impl Insets {
    /// The same room on every side.
    pub fn uniform(px: f64) -> Self {
        Self {
            top: px,
            right: px,
            bottom: px,
            left: px,
        }
    }
}

/// Zoom limits: out to the whole world (256 px wide, so it fits a phone or a short map),
/// in to a street.
pub const MIN_ZOOM: f64 = 0.0;
/// See [`MIN_ZOOM`].
pub const MAX_ZOOM: f64 = 18.0;

impl Viewport {
    /// A viewport that shows `bounds` with `padding` pixels to spare on each side.
    /// A single point (or a tiny box) gets `max_zoom` rather than infinity.
    pub fn fit(bounds: Bounds, width: f64, height: f64, padding: f64, max_zoom: f64) -> Self {
        Self::fit_within(bounds, width, height, Insets::uniform(padding), max_zoom)
    }

    /// A viewport that shows `bounds` in the part of the map that `insets`
    /// leave clear (a legend on one side, buttons on the other), so no site
    /// sits under them.
    pub fn fit_within(
        bounds: Bounds,
        width: f64,
        height: f64,
        insets: Insets,
        max_zoom: f64,
    ) -> Self {
        let a = bounds.min.to_world();
        let b = bounds.max.to_world();
        let span_x = (b.x - a.x).abs().max(f64::EPSILON);
        let span_y = (b.y - a.y).abs().max(f64::EPSILON);
        let usable_w = (width - insets.left - insets.right).max(1.0);
        let usable_h = (height - insets.top - insets.bottom).max(1.0);
        let zoom_x = (usable_w / (span_x * TILE_SIZE)).log2();
        let zoom_y = (usable_h / (span_y * TILE_SIZE)).log2();
        let zoom = zoom_x.min(zoom_y).clamp(MIN_ZOOM, max_zoom);
        // The data's middle goes to the middle of the clear area, not of the map.
        let scale = TILE_SIZE * zoom.exp2();
        let shift_x = (insets.left - insets.right) / 2.0 / scale;
        let shift_y = (insets.top - insets.bottom) / 2.0 / scale;
        let center = WorldPoint {
            x: (a.x + b.x) / 2.0 - shift_x,
            y: (a.y + b.y) / 2.0 - shift_y,
        };
        Self {
            center,
            zoom,
            width,
            height,
        }
    }

    /// Pixels per world unit.
    pub fn scale(&self) -> f64 {
        TILE_SIZE * self.zoom.exp2()
    }

    /// Where a world point appears on screen.
    pub fn to_screen(&self, p: WorldPoint) -> ScreenPoint {
        let s = self.scale();
        ScreenPoint {
            x: (p.x - self.center.x) * s + self.width / 2.0,
            y: (p.y - self.center.y) * s + self.height / 2.0,
        }
    }

    /// The world point under a screen position.
    pub fn to_world(&self, p: ScreenPoint) -> WorldPoint {
        let s = self.scale();
        WorldPoint {
            x: (p.x - self.width / 2.0) / s + self.center.x,
            y: (p.y - self.height / 2.0) / s + self.center.y,
        }
    }

    /// Moves the map content by (dx, dy) screen pixels, as a drag does.
    pub fn panned(self, dx: f64, dy: f64) -> Self {
        let s = self.scale();
        let center = WorldPoint {
            x: (self.center.x - dx / s).clamp(0.0, 1.0),
            y: (self.center.y - dy / s).clamp(0.0, 1.0),
        };
        Self { center, ..self }
    }

    /// Zooms by `delta` levels keeping the world point under `anchor` fixed on screen.
    pub fn zoomed_about(self, anchor: ScreenPoint, delta: f64) -> Self {
        let zoom = (self.zoom + delta).clamp(MIN_ZOOM, MAX_ZOOM);
        let fixed = self.to_world(anchor);
        let next = Self { zoom, ..self };
        let s = next.scale();
        let center = WorldPoint {
            x: fixed.x - (anchor.x - self.width / 2.0) / s,
            y: fixed.y - (anchor.y - self.height / 2.0) / s,
        };
        Self { center, ..next }
    }

    /// The same view on a map of another size (the centre stays).
    pub fn resized(self, width: f64, height: f64) -> Self {
        Self {
            width,
            height,
            ..self
        }
    }

    /// Metres on the ground per CSS pixel at a latitude.
    pub fn metres_per_pixel(&self, lat: f64) -> f64 {
        2.0 * PI * EARTH_RADIUS_M * lat.to_radians().cos() / self.scale()
    }
}

/// Ease-in-out (cubic) for camera moves: gentle start and landing.
pub fn ease_in_out(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

impl Viewport {
    /// The view a fraction `t` (0..=1, already eased) of the way to `to`.
    /// Zoom moves linearly; the centre moves so that it travels at an even
    /// speed on screen, as it would in a real camera pan.
    pub fn towards(&self, to: &Viewport, t: f64) -> Viewport {
        let t = t.clamp(0.0, 1.0);
        let zoom = self.zoom + (to.zoom - self.zoom) * t;
        // Interpolating in screen space of the changing zoom keeps the pan perceptually even.
        let (s0, s1) = (self.zoom.exp2(), to.zoom.exp2());
        let w = if (s1 - s0).abs() < 1e-12 {
            t
        } else {
            let s = zoom.exp2();
            (1.0 / s0 - 1.0 / s) / (1.0 / s0 - 1.0 / s1)
        };
        let center = WorldPoint {
            x: self.center.x + (to.center.x - self.center.x) * w,
            y: self.center.y + (to.center.y - self.center.y) * w,
        };
        Viewport {
            center,
            zoom,
            ..*self
        }
    }

    /// The farthest any point of the screen lies, in CSS px, between this
    /// view and `other` (the larger of their sizes counts). A fly-to ends
    /// once what is left of it is below what a screen can show: otherwise its
    /// last eased frames move the map by hundredths of a pixel, the visitor
    /// sees it stopped, and the markers' layout for the final view comes a
    /// frame after the map looks still.
    pub fn farthest_shift_px(&self, other: &Viewport) -> f64 {
        let (w, h) = (self.width.max(other.width), self.height.max(other.height));
        [(0.0, 0.0), (w, 0.0), (0.0, h), (w, h)]
            .into_iter()
            .map(|(x, y)| {
                let seen = other.to_screen(self.to_world(ScreenPoint { x, y }));
                (seen.x - x).hypot(seen.y - y)
            })
            .fold(0.0, f64::max)
    }

    /// Keeps the centre inside `area` (world coordinates), so a visitor who
    /// drags far away can never lose the data.
    pub fn kept_within(self, area: (WorldPoint, WorldPoint)) -> Viewport {
        let (min, max) = area;
        let center = WorldPoint {
            x: self.center.x.clamp(min.x.min(max.x), max.x.max(min.x)),
            y: self.center.y.clamp(min.y.min(max.y), max.y.max(min.y)),
        };
        Viewport { center, ..self }
    }
}

/// The area a map may roam: the data's bounds grown by `grow` times their
/// span on each side (at least `min_span` world units), clamped to the world.
pub fn roaming_area(bounds: Bounds, grow: f64, min_span: f64) -> (WorldPoint, WorldPoint) {
    let a = LonLat::new(bounds.min.lon, bounds.max.lat).to_world();
    let b = LonLat::new(bounds.max.lon, bounds.min.lat).to_world();
    let pad_x = ((b.x - a.x) * grow).max(min_span);
    let pad_y = ((b.y - a.y) * grow).max(min_span);
    (
        WorldPoint {
            x: (a.x - pad_x).max(0.0),
            y: (a.y - pad_y).max(0.0),
        },
        WorldPoint {
            x: (b.x + pad_x).min(1.0),
            y: (b.y + pad_y).min(1.0),
        },
    )
}

/// A scale bar: the longest "round" distance (1, 2 or 5 × 10ⁿ metres) that
/// fits in `max_px`, and its length in pixels.
pub fn scale_bar(metres_per_pixel: f64, max_px: f64) -> (f64, f64) {
    let max_m = metres_per_pixel * max_px;
    if !(max_m.is_finite() && max_m > 0.0) {
        return (0.0, 0.0);
    }
    let magnitude = 10f64.powf(max_m.log10().floor());
    let metres = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|k| k * magnitude)
        .find(|m| *m <= max_m)
        .unwrap_or(magnitude);
    (metres, metres / metres_per_pixel)
}

/// Spread markers stay on the map: a marker whose site is in view but whose
/// spread offset would carry it past an edge (a ring of eight at the top of
/// a world map) is pulled back so its whole `margin`-px half-size is inside
/// the `width` × `height` view. Offsets of sites out of view are left alone.
pub fn keep_spread_inside(
    points: &[ScreenPoint],
    offsets: &mut [(f64, f64)],
    width: f64,
    height: f64,
    margin: f64,
) {
    for (p, o) in points.iter().zip(offsets.iter_mut()) {
        let in_view = (0.0..=width).contains(&p.x) && (0.0..=height).contains(&p.y);
        if !in_view || *o == (0.0, 0.0) {
            continue;
        }
        let x = (p.x + o.0).clamp(margin, (width - margin).max(margin));
        let y = (p.y + o.1).clamp(margin, (height - margin).max(margin));
        *o = (x - p.x, y - p.y);
    }
}

/// Offsets that spread markers drawn on top of each other: markers closer
/// than `min_gap` pixels are grouped and placed on a small circle around the
/// group's centre, so every one stays visible and clickable. Returns an
/// offset (dx, dy) for each input, in the input order; lone markers get (0, 0).
pub fn spread_crowded(points: &[ScreenPoint], min_gap: f64, radius: f64) -> Vec<(f64, f64)> {
    let n = points.len();
    let mut group: Vec<usize> = (0..n).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    // Few markers reach this (the map clusters crowds first), so pairwise is fine.
    for i in 0..n {
        for j in i + 1..n {
            if (points[i].x - points[j].x).hypot(points[i].y - points[j].y) < min_gap {
                let (a, b) = (root(&mut group, i), root(&mut group, j));
                group[a.max(b)] = a.min(b);
            }
        }
    }
    let mut members: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for i in 0..n {
        let r = root(&mut group, i);
        members.entry(r).or_default().push(i);
    }
    let mut offsets = vec![(0.0, 0.0); n];
    for list in members.values().filter(|l| l.len() > 1) {
        let cx = list.iter().map(|&i| points[i].x).sum::<f64>() / list.len() as f64;
        let cy = list.iter().map(|&i| points[i].y).sum::<f64>() / list.len() as f64;
        // A ring wide enough that neighbours on it are min_gap apart.
        let k = list.len() as f64;
        let ring = radius.max(min_gap / (2.0 * (std::f64::consts::PI / k).sin()));
        for (slot, &i) in list.iter().enumerate() {
            let angle = std::f64::consts::TAU * slot as f64 / k - std::f64::consts::FRAC_PI_2;
            offsets[i] = (
                cx + ring * angle.cos() - points[i].x,
                cy + ring * angle.sin() - points[i].y,
            );
        }
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spread_marker_is_pulled_back_inside_the_map() {
        let points = [
            ScreenPoint { x: 100.0, y: 10.0 },
            ScreenPoint { x: -50.0, y: 10.0 },
        ];
        let mut offsets = [(0.0, -30.0), (0.0, -30.0)];
        keep_spread_inside(&points, &mut offsets, 400.0, 300.0, 22.0);
        assert_eq!(offsets[0], (0.0, 12.0));
        // A site out of view is not dragged in.
        assert_eq!(offsets[1], (0.0, -30.0));
    }

    proptest::proptest! {
        /// Whatever the box and the insets, a fitted box lies inside the
        /// clear area (unless the zoom limits forbid it).
        #[test]
        fn a_box_fitted_within_insets_lies_in_the_clear_area(
            lon in -170.0f64..160.0, lat in -70.0f64..60.0,
            dlon in 0.001f64..10.0, dlat in 0.001f64..10.0,
            left in 0.0f64..300.0, right in 0.0f64..100.0, top in 0.0f64..100.0, bottom in 0.0f64..100.0,
        ) {
            let bounds = Bounds { min: LonLat::new(lon, lat), max: LonLat::new(lon + dlon, lat + dlat) };
            let insets = Insets { top, right, bottom, left };
            let v = Viewport::fit_within(bounds, 1000.0, 700.0, insets, MAX_ZOOM);
            proptest::prop_assume!(v.zoom > MIN_ZOOM && v.zoom < MAX_ZOOM);
            for corner in [bounds.min, bounds.max] {
                let p = v.to_screen(corner.to_world());
                proptest::prop_assert!(p.x >= left - 1e-6 && p.x <= 1000.0 - right + 1e-6, "{p:?}");
                proptest::prop_assert!(p.y >= top - 1e-6 && p.y <= 700.0 - bottom + 1e-6, "{p:?}");
            }
        }
    }
    use proptest::prelude::*;

    #[test]
    fn known_points_project_where_tiles_put_them() {
        let origin = LonLat::new(0.0, 0.0).to_world();
        assert!((origin.x - 0.5).abs() < 1e-12 && (origin.y - 0.5).abs() < 1e-12);
        let corner = LonLat::new(-180.0, MAX_LATITUDE).to_world();
        assert!(corner.x.abs() < 1e-12 && corner.y.abs() < 1e-9);
    }

    #[test]
    fn fitting_shows_every_point() {
        let b = Bounds {
            min: LonLat::new(120.32, 31.26),
            max: LonLat::new(120.73, 31.53),
        };
        let v = Viewport::fit(b, 800.0, 600.0, 40.0, 16.0);
        for p in [b.min, b.max] {
            let s = v.to_screen(p.to_world());
            assert!(
                (39.0..=761.0).contains(&s.x) && (39.0..=561.0).contains(&s.y),
                "{s:?}"
            );
        }
    }

    #[test]
    fn a_single_point_fits_at_the_given_max_zoom() {
        let p = LonLat::new(120.5, 31.4);
        let v = Viewport::fit(Bounds { min: p, max: p }, 800.0, 600.0, 40.0, 14.0);
        assert_eq!(v.zoom, 14.0);
    }

    #[test]
    fn scale_bars_use_round_numbers_that_fit() {
        let (m, px) = scale_bar(76.0, 120.0);
        assert_eq!(m, 5000.0);
        assert!(px <= 120.0 && px > 60.0);
        assert_eq!(scale_bar(1.0, 100.0).0, 100.0);
        assert_eq!(scale_bar(0.0, 100.0), (0.0, 0.0));
    }

    #[test]
    fn easing_starts_and_lands_softly() {
        assert_eq!(ease_in_out(0.0), 0.0);
        assert_eq!(ease_in_out(1.0), 1.0);
        assert!((ease_in_out(0.5) - 0.5).abs() < 1e-12);
        assert!(ease_in_out(0.1) < 0.1 && ease_in_out(0.9) > 0.9);
    }

    #[test]
    fn roaming_keeps_the_centre_near_the_data() {
        let b = Bounds {
            min: LonLat::new(120.3, 31.2),
            max: LonLat::new(120.7, 31.5),
        };
        let area = roaming_area(b, 1.0, 0.0);
        let far = Viewport {
            center: LonLat::new(0.0, 0.0).to_world(),
            zoom: 10.0,
            width: 800.0,
            height: 600.0,
        };
        let kept = far.kept_within(area).center.to_lon_lat();
        assert!(
            (119.8..=121.2).contains(&kept.lon) && (30.8..=31.9).contains(&kept.lat),
            "{kept:?}"
        );
    }

    proptest! {
        #[test]
        fn a_camera_move_starts_and_ends_where_asked(
            x0 in 0.2f64..0.8, y0 in 0.2f64..0.8, z0 in 3.0f64..16.0,
            x1 in 0.2f64..0.8, y1 in 0.2f64..0.8, z1 in 3.0f64..16.0,
        ) {
            let a = Viewport { center: WorldPoint { x: x0, y: y0 }, zoom: z0, width: 800.0, height: 600.0 };
            let b = Viewport { center: WorldPoint { x: x1, y: y1 }, zoom: z1, width: 800.0, height: 600.0 };
            let start = a.towards(&b, 0.0);
            let end = a.towards(&b, 1.0);
            prop_assert!((start.center.x - x0).abs() < 1e-9 && (start.zoom - z0).abs() < 1e-9);
            prop_assert!((end.center.x - x1).abs() < 1e-9 && (end.center.y - y1).abs() < 1e-9 && (end.zoom - z1).abs() < 1e-9);
        }
    }

    #[test]
    fn the_shift_between_views_is_measured_in_screen_pixels() {
        let a = Viewport {
            center: WorldPoint { x: 0.5, y: 0.5 },
            zoom: 10.0,
            width: 800.0,
            height: 600.0,
        };
        assert_eq!(a.farthest_shift_px(&a), 0.0);
        // 3 px to the right on screen, at this zoom.
        let panned = a.panned(3.0, 0.0);
        assert!((a.farthest_shift_px(&panned) - 3.0).abs() < 1e-6);
        // Zooming in by one about the centre moves the corners by half the diagonal.
        let zoomed = Viewport { zoom: 11.0, ..a };
        assert!((a.farthest_shift_px(&zoomed) - 500.0).abs() < 1e-6);
    }

    proptest! {
        /// The last eased frames of a fly-to move the map by less than a
        /// hundredth of a pixel: the camera may end there, since no screen
        /// shows the difference (and the view then is the target itself).
        #[test]
        fn a_camera_move_is_invisible_near_its_end_and_visible_before(
            x0 in 0.2f64..0.8, y0 in 0.2f64..0.8, z0 in 3.0f64..16.0,
            dx in -0.01f64..0.01, dy in -0.01f64..0.01, dz in -2.0f64..2.0,
        ) {
            let a = Viewport { center: WorldPoint { x: x0, y: y0 }, zoom: z0, width: 800.0, height: 600.0 };
            let b = Viewport { center: WorldPoint { x: x0 + dx, y: y0 + dy }, zoom: z0 + dz, width: 800.0, height: 600.0 };
            prop_assume!(a.farthest_shift_px(&b) > 1.0);
            let nearly = a.towards(&b, ease_in_out(0.999));
            prop_assert!(nearly.farthest_shift_px(&b) < a.farthest_shift_px(&b) * 1e-6 + 1e-9);
            let halfway = a.towards(&b, ease_in_out(0.5));
            prop_assert!(halfway.farthest_shift_px(&b) > 0.01);
        }
    }

    #[test]
    fn crowded_markers_are_spread_apart_and_lone_ones_stay() {
        let pts = [
            ScreenPoint { x: 100.0, y: 100.0 },
            ScreenPoint { x: 100.0, y: 100.0 },
            ScreenPoint { x: 103.0, y: 101.0 },
            ScreenPoint { x: 300.0, y: 300.0 },
        ];
        let off = spread_crowded(&pts, 20.0, 14.0);
        assert_eq!(off[3], (0.0, 0.0));
        let placed: Vec<(f64, f64)> = (0..3)
            .map(|i| (pts[i].x + off[i].0, pts[i].y + off[i].1))
            .collect();
        for i in 0..3 {
            for j in i + 1..3 {
                let d = (placed[i].0 - placed[j].0).hypot(placed[i].1 - placed[j].1);
                assert!(d >= 20.0 - 1e-9, "{i} and {j} are {d} px apart");
            }
        }
    }

    proptest! {
        #[test]
        fn projection_round_trips(lon in -180.0f64..180.0, lat in -85.0f64..85.0) {
            let back = LonLat::new(lon, lat).to_world().to_lon_lat();
            prop_assert!((back.lon - lon).abs() < 1e-9 && (back.lat - lat).abs() < 1e-9);
        }

        #[test]
        fn zooming_keeps_the_anchor_fixed(
            x in 0.1f64..0.9, y in 0.1f64..0.9, zoom in 4.0f64..15.0,
            ax in 0.0f64..800.0, ay in 0.0f64..600.0, delta in -2.0f64..2.0,
        ) {
            let v = Viewport { center: WorldPoint { x, y }, zoom, width: 800.0, height: 600.0 };
            let anchor = ScreenPoint { x: ax, y: ay };
            let before = v.to_world(anchor);
            let after = v.zoomed_about(anchor, delta).to_screen(before);
            prop_assert!((after.x - ax).abs() < 1e-6 && (after.y - ay).abs() < 1e-6);
        }

        #[test]
        fn screen_and_world_round_trip(px in 0.0f64..800.0, py in 0.0f64..600.0, zoom in 3.0f64..18.0) {
            let v = Viewport { center: WorldPoint { x: 0.83, y: 0.41 }, zoom, width: 800.0, height: 600.0 };
            let back = v.to_screen(v.to_world(ScreenPoint { x: px, y: py }));
            prop_assert!((back.x - px).abs() < 1e-6 && (back.y - py).abs() < 1e-6);
        }
    }
}
