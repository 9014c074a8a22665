//! Offline basemap layers (water, rivers) as SVG path data.
//!
//! Paths are built once, in a fixed local frame; panning and zooming only
//! change one SVG transform, so the browser never re-parses the geometry.

use std::fmt::Write;

use serde_json::Value;

use crate::geo::{Viewport, WorldPoint, TILE_SIZE};
use crate::text::LocalizedText;

/// One drawable shape of a basemap layer.
#[derive(Clone, Debug, PartialEq)]
pub struct BasemapShape {
    /// Polygons are filled; lines are only stroked.
    pub filled: bool,
    /// Rings or lines in world coordinates.
    pub parts: Vec<Vec<WorldPoint>>,
    /// Name, for labels (e.g. Taihu).
    pub name: LocalizedText,
}

/// Reads a basemap GeoJSON file. Unknown geometry types are ignored: the
/// basemap is decoration, and a bad shape must not hide the good ones.
pub fn read_basemap(text: &str) -> Result<Vec<BasemapShape>, String> {
    let collection: geojson::FeatureCollection =
        text.parse().map_err(|e: geojson::Error| e.to_string())?;
    Ok(collection
        .features
        .into_iter()
        .filter_map(|feature| {
            let name = feature
                .properties
                .as_ref()
                .and_then(|p| p.get("name"))
                .and_then(LocalizedText::from_json)
                .unwrap_or_default();
            let geometry = feature.geometry?;
            let to_world = |ring: &Vec<geojson::Position>| -> Vec<WorldPoint> {
                ring.iter()
                    .filter(|p| p.len() >= 2 && p[0].is_finite() && p[1].is_finite())
                    .map(|p| crate::geo::LonLat::new(p[0], p[1]).to_world())
                    .collect()
            };
            let (filled, parts): (bool, Vec<Vec<WorldPoint>>) = match &geometry.value {
                geojson::GeometryValue::Polygon { coordinates } => {
                    (true, coordinates.iter().map(to_world).collect())
                }
                geojson::GeometryValue::MultiPolygon { coordinates } => {
                    (true, coordinates.iter().flatten().map(to_world).collect())
                }
                geojson::GeometryValue::LineString { coordinates } => {
                    (false, vec![to_world(coordinates)])
                }
                geojson::GeometryValue::MultiLineString { coordinates } => {
                    (false, coordinates.iter().map(to_world).collect())
                }
                _ => return None,
            };
            Some(BasemapShape {
                filled,
                parts,
                name,
            })
        })
        .collect())
}

/// A local drawing frame: world coordinates shifted to `origin` and scaled to
/// pixels at `FRAME_ZOOM`, so path numbers stay small and precise in SVG.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    origin: WorldPoint,
}

/// Path coordinates are CSS pixels at this zoom (about 32 m each near Suzhou).
pub const FRAME_ZOOM: f64 = 12.0;

impl Frame {
    /// A frame whose origin is near the data, e.g. the first site.
    pub fn at(origin: WorldPoint) -> Self {
        Self { origin }
    }

    fn scale() -> f64 {
        TILE_SIZE * FRAME_ZOOM.exp2()
    }

    /// SVG path data of a shape in this frame, at 0.1 px precision.
    pub fn path_data(&self, shape: &BasemapShape) -> String {
        let s = Self::scale();
        let mut d = String::new();
        for part in shape.parts.iter().filter(|p| p.len() >= 2) {
            for (i, p) in part.iter().enumerate() {
                let x = (p.x - self.origin.x) * s;
                let y = (p.y - self.origin.y) * s;
                let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { 'M' } else { 'L' }, x, y);
            }
            if shape.filled {
                d.push('Z');
            }
        }
        d
    }

    /// The SVG transform that places this frame's paths for `viewport`.
    pub fn transform(&self, viewport: &Viewport) -> String {
        let s = viewport.scale();
        let tx = (self.origin.x - viewport.center.x) * s + viewport.width / 2.0;
        let ty = (self.origin.y - viewport.center.y) * s + viewport.height / 2.0;
        format!("translate({tx:.2} {ty:.2}) scale({:.6})", s / Self::scale())
    }
}

/// A label point for a named shape: the centre of its first ring's bounding box.
pub fn label_point(shape: &BasemapShape) -> Option<WorldPoint> {
    let ring = shape.parts.first().filter(|r| !r.is_empty())?;
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in ring {
        min_x = min_x.min(p.x);
        min_y = min_y.min(p.y);
        max_x = max_x.max(p.x);
        max_y = max_y.max(p.y);
    }
    Some(WorldPoint {
        x: (min_x + max_x) / 2.0,
        y: (min_y + max_y) / 2.0,
    })
}

/// Reads the top-level `attribution` foreign member of a basemap file, if any.
pub fn attribution(text: &str) -> Option<String> {
    let value: Value = serde_json::from_str(text).ok()?;
    value.get("attribution")?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::LonLat;

    const LAKE: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":{"zh":"太湖","en":"Taihu Lake"}},
         "geometry":{"type":"Polygon","coordinates":[[[120.0,31.0],[120.2,31.0],[120.2,31.2],[120.0,31.0]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[120.0,31.0]}}]}"#;

    #[test]
    fn polygons_become_closed_paths_and_points_are_ignored() {
        let shapes = read_basemap(LAKE).unwrap();
        assert_eq!(shapes.len(), 1);
        let d = Frame::at(LonLat::new(120.0, 31.0).to_world()).path_data(&shapes[0]);
        assert!(d.starts_with("M0.0 0.0L") && d.ends_with('Z'), "{d}");
    }

    #[test]
    fn the_transform_puts_frame_paths_where_the_viewport_puts_world_points() {
        let origin = LonLat::new(120.0, 31.0).to_world();
        let frame = Frame::at(origin);
        let v = Viewport {
            center: LonLat::new(120.3, 31.3).to_world(),
            zoom: 10.5,
            width: 800.0,
            height: 600.0,
        };
        let p = LonLat::new(120.2, 31.2).to_world();
        let screen = v.to_screen(p);
        // Apply the transform by hand to the frame coordinates of p.
        let k = v.scale() / Frame::scale();
        let tx = (origin.x - v.center.x) * v.scale() + 400.0;
        let fx = (p.x - origin.x) * Frame::scale();
        assert!((fx * k + tx - screen.x).abs() < 1e-6);
        assert!(frame.transform(&v).starts_with("translate("));
    }
}
