//! Where a site is: a GeoJSON geometry read strictly enough to catch mistakes
//! and leniently enough to take what other tools write (3D positions, Multi*
//! geometries, GeometryCollections).
//!
//! Routes and areas keep their full [`Shape`] for drawing, and get an anchor
//! point for their marker, so they stay selectable exactly like points.

use serde_json::Value;

use crate::geo::LonLat;
use crate::problem::Expected;

/// A route, an area or a group of points: everything a site draws besides its marker.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shape {
    /// Single points (MultiPoint members, points inside a GeometryCollection).
    pub points: Vec<LonLat>,
    /// Polylines (LineString, the parts of a MultiLineString).
    pub lines: Vec<Vec<LonLat>>,
    /// Polygons, each an outer ring followed by its holes; rings are closed.
    pub areas: Vec<Vec<Vec<LonLat>>>,
}

/// A geometry as read from the data.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The marker's place: the point itself, the middle of a route, a point inside an area.
    pub anchor: LonLat,
    /// The shape to draw under the marker; `None` for a plain Point.
    pub shape: Option<Shape>,
    /// The positions only made sense as [latitude, longitude], so they were swapped.
    pub swapped: bool,
    /// Some polygon ring was not closed; it was closed for drawing.
    pub closed_a_ring: bool,
}

/// Why a geometry could not be used; `path` is relative to `geometry`.
#[derive(Clone, Debug, PartialEq)]
pub struct GeometryError {
    /// Where, such as `.coordinates[2][0]`.
    pub path: String,
    /// What is wrong.
    pub kind: GeometryErrorKind,
}

/// What is wrong with a geometry.
#[derive(Clone, Debug, PartialEq)]
pub enum GeometryErrorKind {
    /// Not a geometry object, or not the shape its type asks for.
    Malformed(Expected),
    /// A `type` that GeoJSON does not define.
    UnknownType(String),
    /// A geometry with no positions at all.
    Empty,
    /// A position outside −180..180 / −90..90 either way round.
    OutOfRange {
        /// The longitude given.
        lon: f64,
        /// The latitude given.
        lat: f64,
    },
}

impl Shape {
    /// Every position of the shape.
    pub fn positions(&self) -> impl Iterator<Item = LonLat> + '_ {
        self.points
            .iter()
            .chain(self.lines.iter().flatten())
            .chain(self.areas.iter().flatten().flatten())
            .copied()
    }

    /// Where the marker goes: a point inside the largest area, else the middle
    /// (by length) of the longest line, else the point nearest the points' mean.
    pub fn anchor(&self) -> Option<LonLat> {
        let largest_area = self
            .areas
            .iter()
            .filter(|rings| !rings.is_empty())
            .max_by(|a, b| ring_area(&a[0]).total_cmp(&ring_area(&b[0])));
        if let Some(rings) = largest_area {
            return point_inside(rings);
        }
        let longest_line = self
            .lines
            .iter()
            .max_by(|a, b| line_length(a).total_cmp(&line_length(b)));
        if let Some(line) = longest_line {
            return midpoint(line);
        }
        let n = self.points.len() as f64;
        let mean_lon = self.points.iter().map(|p| p.lon).sum::<f64>() / n;
        let mean_lat = self.points.iter().map(|p| p.lat).sum::<f64>() / n;
        self.points.iter().copied().min_by(|a, b| {
            let da = (a.lon - mean_lon).powi(2) + (a.lat - mean_lat).powi(2);
            let db = (b.lon - mean_lon).powi(2) + (b.lat - mean_lat).powi(2);
            da.total_cmp(&db)
        })
    }
}

/// The geometry types GeoJSON defines (a file may be one bare geometry).
pub fn is_geometry_type(name: &str) -> bool {
    matches!(
        name,
        "Point"
            | "MultiPoint"
            | "LineString"
            | "MultiLineString"
            | "Polygon"
            | "MultiPolygon"
            | "GeometryCollection"
    )
}

/// Reads a GeoJSON geometry object (the value of a Feature's `geometry`).
pub fn read_geometry(value: &Value) -> Result<Placed, GeometryError> {
    let mut raw = RawShape::default();
    collect(value, String::new(), &mut raw)?;
    let all = || {
        raw.points
            .iter()
            .chain(raw.lines.iter().flatten())
            .chain(raw.areas.iter().flatten().flatten())
    };
    // Swapping is all or nothing: a geometry is written one way round throughout.
    let mut swapped = false;
    if let Some((path, p)) = all().find(|(_, p)| !in_range(p[0], p[1])) {
        if all().all(|(_, p)| in_range(p[1], p[0])) {
            swapped = true;
        } else {
            return Err(GeometryError {
                path: path.clone(),
                kind: GeometryErrorKind::OutOfRange {
                    lon: p[0],
                    lat: p[1],
                },
            });
        }
    }
    let to_lon_lat = |(_, p): &(String, [f64; 2])| {
        if swapped {
            LonLat::new(p[1], p[0])
        } else {
            LonLat::new(p[0], p[1])
        }
    };
    let mut closed_a_ring = false;
    let shape = Shape {
        points: raw.points.iter().map(to_lon_lat).collect(),
        lines: raw
            .lines
            .iter()
            .map(|l| l.iter().map(to_lon_lat).collect())
            .collect(),
        areas: raw
            .areas
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|ring| {
                        let mut ring: Vec<LonLat> = ring.iter().map(to_lon_lat).collect();
                        if ring.first() != ring.last() {
                            closed_a_ring = true;
                            ring.push(ring[0]);
                        }
                        ring
                    })
                    .collect()
            })
            .collect(),
    };
    let anchor = shape.anchor().ok_or(GeometryError {
        path: ".coordinates".into(),
        kind: GeometryErrorKind::Empty,
    })?;
    let is_point = raw.single_point;
    Ok(Placed {
        anchor,
        shape: (!is_point).then_some(shape),
        swapped,
        closed_a_ring,
    })
}

/// True for a longitude and latitude inside the world, as finite numbers.
pub fn in_range(lon: f64, lat: f64) -> bool {
    lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0
}

/// A position as read, with its path for messages, before any swapping.
type RawPosition = (String, [f64; 2]);
/// A line or a ring as read.
type RawLine = Vec<RawPosition>;

/// Positions as read, before any swapping.
#[derive(Default)]
struct RawShape {
    points: Vec<RawPosition>,
    lines: Vec<RawLine>,
    areas: Vec<Vec<RawLine>>,
    /// The geometry is exactly one Point: it draws as a marker only.
    single_point: bool,
}

fn malformed(path: impl Into<String>, what: Expected) -> GeometryError {
    GeometryError {
        path: path.into(),
        kind: GeometryErrorKind::Malformed(what),
    }
}

fn collect(value: &Value, path: String, out: &mut RawShape) -> Result<(), GeometryError> {
    let Value::Object(geometry) = value else {
        return Err(malformed(path, Expected::Geometry));
    };
    let Some(kind) = geometry.get("type").and_then(Value::as_str) else {
        return Err(malformed(format!("{path}.type"), Expected::GeometryType));
    };
    if kind == "GeometryCollection" {
        let Some(Value::Array(members)) = geometry.get("geometries") else {
            return Err(malformed(
                format!("{path}.geometries"),
                Expected::GeometryList,
            ));
        };
        for (i, member) in members.iter().enumerate() {
            collect(member, format!("{path}.geometries[{i}]"), out)?;
        }
        return Ok(());
    }
    let path = format!("{path}.coordinates");
    let coordinates = geometry.get("coordinates").unwrap_or(&Value::Null);
    match kind {
        "Point" => {
            out.single_point = out.points.is_empty() && path == ".coordinates";
            out.points.push(position(coordinates, path)?);
        }
        "MultiPoint" => {
            for (i, p) in list(coordinates, &path, Expected::PositionList)?
                .iter()
                .enumerate()
            {
                out.points.push(position(p, format!("{path}[{i}]"))?);
            }
        }
        "LineString" => out.lines.push(line(coordinates, &path)?),
        "MultiLineString" => {
            for (i, l) in list(coordinates, &path, Expected::LineList)?
                .iter()
                .enumerate()
            {
                out.lines.push(line(l, &format!("{path}[{i}]"))?);
            }
        }
        "Polygon" => out.areas.push(polygon(coordinates, &path)?),
        "MultiPolygon" => {
            for (i, p) in list(coordinates, &path, Expected::PolygonList)?
                .iter()
                .enumerate()
            {
                out.areas.push(polygon(p, &format!("{path}[{i}]"))?);
            }
        }
        other => {
            return Err(GeometryError {
                path: path.trim_end_matches(".coordinates").to_owned() + ".type",
                kind: GeometryErrorKind::UnknownType(other.to_owned()),
            })
        }
    }
    Ok(())
}

fn list<'v>(value: &'v Value, path: &str, what: Expected) -> Result<&'v Vec<Value>, GeometryError> {
    match value {
        Value::Array(items) => Ok(items),
        _ => Err(malformed(path, what)),
    }
}

/// `[lon, lat]` or `[lon, lat, altitude]`; the altitude is not used.
fn position(value: &Value, path: String) -> Result<RawPosition, GeometryError> {
    const WHAT: Expected = Expected::Position;
    let items = list(value, &path, WHAT)?;
    let number = |i: usize| items.get(i).and_then(Value::as_f64);
    match (number(0), number(1)) {
        (Some(lon), Some(lat)) if items.iter().all(Value::is_number) => Ok((path, [lon, lat])),
        _ => Err(malformed(path, WHAT)),
    }
}

fn line(value: &Value, path: &str) -> Result<RawLine, GeometryError> {
    let items = list(value, path, Expected::Line)?;
    if items.len() < 2 {
        return Err(malformed(path, Expected::Line));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, p)| position(p, format!("{path}[{i}]")))
        .collect()
}

fn polygon(value: &Value, path: &str) -> Result<Vec<RawLine>, GeometryError> {
    const RING: Expected = Expected::Ring;
    let rings = list(value, path, Expected::Polygon)?;
    if rings.is_empty() {
        return Err(malformed(path, Expected::Polygon));
    }
    rings
        .iter()
        .enumerate()
        .map(|(r, ring)| {
            let ring_path = format!("{path}[{r}]");
            let items = list(ring, &ring_path, RING)?;
            // Three positions make a triangle even when the closing one is left out.
            if items.len() < 3 {
                return Err(malformed(ring_path, RING));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, p)| position(p, format!("{ring_path}[{i}]")))
                .collect()
        })
        .collect()
}

/// Planar area of a ring in square degrees: only used to compare rings of one site.
fn ring_area(ring: &[LonLat]) -> f64 {
    ring.windows(2)
        .map(|w| w[0].lon * w[1].lat - w[1].lon * w[0].lat)
        .sum::<f64>()
        .abs()
        / 2.0
}

fn line_length(line: &[LonLat]) -> f64 {
    line.windows(2)
        .map(|w| (w[1].lon - w[0].lon).hypot(w[1].lat - w[0].lat))
        .sum()
}

/// The point halfway along a line; routes are short enough for planar degrees.
fn midpoint(line: &[LonLat]) -> Option<LonLat> {
    let half = line_length(line) / 2.0;
    let mut walked = 0.0;
    for w in line.windows(2) {
        let step = (w[1].lon - w[0].lon).hypot(w[1].lat - w[0].lat);
        if step > 0.0 && walked + step >= half {
            let t = (half - walked) / step;
            return Some(LonLat::new(
                w[0].lon + t * (w[1].lon - w[0].lon),
                w[0].lat + t * (w[1].lat - w[0].lat),
            ));
        }
        walked += step;
    }
    line.first().copied()
}

/// A point inside a polygon (outer ring, then holes): the middle of the widest
/// inside stretch of a horizontal line through the middle of the outer ring.
/// Unlike the centroid, this never lands in a hole or outside a C-shaped area.
fn point_inside(rings: &[Vec<LonLat>]) -> Option<LonLat> {
    let outer = rings.first()?;
    let (min_lat, max_lat) = outer
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.lat), hi.max(p.lat))
        });
    if !min_lat.is_finite() {
        return None;
    }
    if max_lat - min_lat <= 0.0 {
        // A flat ring has no inside; its middle still marks the place.
        return midpoint(outer);
    }
    let y = (min_lat + max_lat) / 2.0;
    let mut crossings: Vec<f64> = rings
        .iter()
        .flat_map(|ring| ring.windows(2))
        .filter(|w| (w[0].lat > y) != (w[1].lat > y))
        .map(|w| w[0].lon + (y - w[0].lat) / (w[1].lat - w[0].lat) * (w[1].lon - w[0].lon))
        .collect();
    crossings.sort_by(f64::total_cmp);
    crossings
        .chunks_exact(2)
        .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])))
        .map(|pair| LonLat::new((pair[0] + pair[1]) / 2.0, y))
        .or_else(|| midpoint(outer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(value: Value) -> Placed {
        read_geometry(&value).expect("geometry reads")
    }

    #[test]
    fn a_point_is_its_own_anchor_and_has_no_shape() {
        let placed = read(json!({ "type": "Point", "coordinates": [120.5, 31.3] }));
        assert_eq!(placed.anchor, LonLat::new(120.5, 31.3));
        assert_eq!(placed.shape, None);
    }

    #[test]
    fn an_altitude_is_accepted_and_ignored() {
        let placed = read(json!({ "type": "Point", "coordinates": [120.5, 31.3, 12.0] }));
        assert_eq!(placed.anchor, LonLat::new(120.5, 31.3));
    }

    #[test]
    fn a_route_is_anchored_halfway_along_its_length() {
        let placed = read(json!({
            "type": "LineString",
            "coordinates": [[0.0, 0.0], [1.0, 0.0], [1.0, 3.0]]
        }));
        assert_eq!(placed.anchor, LonLat::new(1.0, 1.0));
        assert_eq!(placed.shape.unwrap().lines.len(), 1);
    }

    #[test]
    fn an_area_is_anchored_inside_even_when_its_centroid_is_not() {
        // A C shape open to the east: its centroid falls in the gap.
        let c = json!({ "type": "Polygon", "coordinates": [[
            [0.0, 0.0], [3.0, 0.0], [3.0, 1.0], [1.0, 1.0], [1.0, 2.0],
            [3.0, 2.0], [3.0, 3.0], [0.0, 3.0], [0.0, 0.0]
        ]] });
        let anchor = read(c).anchor;
        assert!(anchor.lon > 0.0 && anchor.lon < 1.0, "{anchor:?}");
    }

    #[test]
    fn an_area_is_anchored_outside_its_hole() {
        let placed = read(json!({ "type": "Polygon", "coordinates": [
            [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]],
            [[1.0, 1.0], [3.0, 1.0], [3.0, 3.0], [1.0, 3.0], [1.0, 1.0]]
        ] }));
        let a = placed.anchor;
        let in_hole = a.lon > 1.0 && a.lon < 3.0 && a.lat > 1.0 && a.lat < 3.0;
        assert!(!in_hole, "{a:?}");
    }

    #[test]
    fn positions_written_latitude_first_are_swapped_as_a_whole() {
        let placed = read(json!({
            "type": "LineString",
            "coordinates": [[31.3, 120.5], [31.4, 120.6]]
        }));
        assert!(placed.swapped);
        assert_eq!(placed.anchor.lon, 120.55);
    }

    #[test]
    fn an_impossible_position_is_named_by_its_path() {
        let err = read_geometry(&json!({
            "type": "MultiPoint",
            "coordinates": [[120.0, 31.0], [500.0, 100.0]]
        }))
        .unwrap_err();
        assert_eq!(err.path, ".coordinates[1]");
        assert!(matches!(err.kind, GeometryErrorKind::OutOfRange { .. }));
    }

    #[test]
    fn a_geometry_collection_gathers_all_its_members() {
        let placed = read(json!({ "type": "GeometryCollection", "geometries": [
            { "type": "Point", "coordinates": [100.0, 0.0] },
            { "type": "LineString", "coordinates": [[101.0, 0.0], [102.0, 1.0]] }
        ] }));
        let shape = placed.shape.expect("a collection draws as a shape");
        assert_eq!((shape.points.len(), shape.lines.len()), (1, 1));
    }

    #[test]
    fn an_open_ring_is_closed_and_said_so() {
        let placed = read(json!({ "type": "Polygon", "coordinates": [
            [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]
        ] }));
        assert!(placed.closed_a_ring);
        let ring = &placed.shape.unwrap().areas[0][0];
        assert_eq!(ring.first(), ring.last());
    }

    #[test]
    fn malformed_geometries_say_what_was_expected() {
        for (geometry, path) in [
            (
                json!({ "type": "Point", "coordinates": [120.0] }),
                ".coordinates",
            ),
            (
                json!({ "type": "Point", "coordinates": ["120", 31] }),
                ".coordinates",
            ),
            (
                json!({ "type": "LineString", "coordinates": [[1.0, 2.0]] }),
                ".coordinates",
            ),
            (
                json!({ "type": "Polygon", "coordinates": [[[0, 0], [1, 1]]] }),
                ".coordinates[0]",
            ),
            (json!({ "coordinates": [1, 2] }), ".type"),
            (json!([1, 2]), ""),
        ] {
            let err = read_geometry(&geometry).unwrap_err();
            assert_eq!(err.path, path, "{geometry}");
            assert!(
                matches!(err.kind, GeometryErrorKind::Malformed(_)),
                "{geometry}"
            );
        }
    }

    #[test]
    fn an_empty_multi_geometry_has_no_place() {
        let err = read_geometry(&json!({ "type": "MultiPoint", "coordinates": [] })).unwrap_err();
        assert_eq!(err.kind, GeometryErrorKind::Empty);
    }

    #[test]
    fn an_unknown_type_is_named() {
        let err = read_geometry(&json!({ "type": "Circle", "coordinates": [1, 2] })).unwrap_err();
        assert_eq!(err.kind, GeometryErrorKind::UnknownType("Circle".into()));
    }
}
