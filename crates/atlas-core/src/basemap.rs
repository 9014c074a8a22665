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
///
/// Walks a `serde_json::Value` rather than the `geojson` crate's types: the
/// app parses JSON that way already, and the crate's derived deserializers
/// cost the wasm bundle about 20 KB for these four geometry types.
pub fn read_basemap(text: &str) -> Result<Vec<BasemapShape>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let features = match (
        value.get("type").and_then(Value::as_str),
        value.get("features").and_then(Value::as_array),
    ) {
        (Some("FeatureCollection"), Some(features)) => features,
        _ => return Err("not a GeoJSON FeatureCollection".to_owned()),
    };
    Ok(features.iter().filter_map(shape).collect())
}

/// One feature as a shape, or `None` for a geometry the basemap does not draw.
fn shape(feature: &Value) -> Option<BasemapShape> {
    let name = feature
        .get("properties")
        .and_then(|p| p.get("name"))
        .and_then(LocalizedText::from_json)
        .unwrap_or_default();
    let geometry = feature.get("geometry")?;
    let coordinates = geometry.get("coordinates")?;
    let (filled, parts) = match geometry.get("type")?.as_str()? {
        "Polygon" => (true, lines(coordinates)),
        "MultiPolygon" => (
            true,
            coordinates.as_array()?.iter().flat_map(lines).collect(),
        ),
        "LineString" => (false, vec![line(coordinates)]),
        "MultiLineString" => (false, lines(coordinates)),
        _ => return None,
    };
    Some(BasemapShape {
        filled,
        parts,
        name,
    })
}

/// An array of rings or lines.
fn lines(value: &Value) -> Vec<Vec<WorldPoint>> {
    value
        .as_array()
        .map(|parts| parts.iter().map(line).collect())
        .unwrap_or_default()
}

/// One ring or line; positions that are not two finite numbers are skipped.
fn line(value: &Value) -> Vec<WorldPoint> {
    let position = |p: &Value| {
        let p = p.as_array()?;
        let (lon, lat) = (p.first()?.as_f64()?, p.get(1)?.as_f64()?);
        (lon.is_finite() && lat.is_finite()).then(|| crate::geo::LonLat::new(lon, lat).to_world())
    };
    value
        .as_array()
        .map(|ps| ps.iter().filter_map(position).collect())
        .unwrap_or_default()
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
    fn lines_are_stroked_and_every_polygon_of_a_multipolygon_is_kept() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[120.0,31.0],[120.1,31.1]]}},
            {"type":"Feature","properties":{"name":"Two lakes"},"geometry":{"type":"MultiPolygon","coordinates":[
                [[[120.0,31.0],[120.1,31.0],[120.1,31.1],[120.0,31.0]]],
                [[[121.0,31.0],[121.1,31.0],[121.1,31.1],[121.0,31.0]]]]}},
            {"type":"Feature","properties":{},"geometry":null}]}"#;
        let shapes = read_basemap(text).unwrap();
        assert_eq!(shapes.len(), 2);
        assert!(
            !shapes[0].filled
                && shapes[0].parts
                    == [vec![
                        LonLat::new(120.0, 31.0).to_world(),
                        LonLat::new(120.1, 31.1).to_world()
                    ]]
        );
        assert!(shapes[1].filled && shapes[1].parts.len() == 2 && shapes[1].parts[1].len() == 4);
        assert_eq!(shapes[1].name, LocalizedText::plain("Two lakes".to_owned()));
    }

    #[test]
    fn a_file_that_is_not_a_feature_collection_is_refused() {
        assert!(read_basemap(r#"{"type":"Feature","geometry":null}"#).is_err());
        assert!(read_basemap("[1, 2").is_err());
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
