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

/// Zoom limits so nobody gets lost: from a province to a street.
pub const MIN_ZOOM: f64 = 3.0;
/// See [`MIN_ZOOM`].
pub const MAX_ZOOM: f64 = 18.0;

impl Viewport {
    /// A viewport that shows `bounds` with `padding` pixels to spare on each side.
    /// A single point (or a tiny box) gets `max_zoom` rather than infinity.
    pub fn fit(bounds: Bounds, width: f64, height: f64, padding: f64, max_zoom: f64) -> Self {
        let a = bounds.min.to_world();
        let b = bounds.max.to_world();
        let center = WorldPoint {
            x: (a.x + b.x) / 2.0,
            y: (a.y + b.y) / 2.0,
        };
        let span_x = (b.x - a.x).abs().max(f64::EPSILON);
        let span_y = (b.y - a.y).abs().max(f64::EPSILON);
        let usable_w = (width - 2.0 * padding).max(1.0);
        let usable_h = (height - 2.0 * padding).max(1.0);
        let zoom_x = (usable_w / (span_x * TILE_SIZE)).log2();
        let zoom_y = (usable_h / (span_y * TILE_SIZE)).log2();
        let zoom = zoom_x.min(zoom_y).clamp(MIN_ZOOM, max_zoom);
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

#[cfg(test)]
mod tests {
    use super::*;
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
