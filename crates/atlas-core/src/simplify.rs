//! Basemap geometry simplified per zoom (Douglas–Peucker), computed once per
//! basemap so that zoomed-out views draw a fraction of the points.
//!
//! At each level the tolerance is half a CSS pixel at that level's zoom: the
//! simplified outline is indistinguishable from the full one there, and at
//! any larger zoom the map switches to a finer level (see
//! [`SimplifiedShapes::for_zoom`]).

use crate::basemap::BasemapShape;
use crate::geo::{WorldPoint, TILE_SIZE};

/// Largest deviation allowed at a level, in CSS pixels at that level's zoom.
pub const TOLERANCE_PX: f64 = 0.5;

/// The tolerance in world units that is [`TOLERANCE_PX`] at `zoom`.
pub fn tolerance_at(zoom: f64) -> f64 {
    TOLERANCE_PX / (TILE_SIZE * zoom.exp2())
}

fn distance_to_segment(p: WorldPoint, a: WorldPoint, b: WorldPoint) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.x - (a.x + t * dx)).hypot(p.y - (a.y + t * dy))
}

/// Douglas–Peucker run once down to every point, so that any tolerance can
/// then be applied by a filter: DP's choice of split point in a span does not
/// depend on the tolerance, only whether it splits does, so a point survives
/// tolerance `t` exactly when its own distance and those of every split
/// above it exceed `t`. `weight[i]` is that minimum; ends are infinite.
#[derive(Clone, Debug)]
struct Significance {
    weight: Vec<f64>,
    /// For closed rings: the corner kept when the ring would otherwise
    /// collapse to a line (see [`simplify`]).
    spare_corner: Option<usize>,
}

impl Significance {
    fn of(points: &[WorldPoint]) -> Self {
        let n = points.len();
        let mut weight = vec![f64::INFINITY; n];
        if n <= 2 {
            return Self {
                weight,
                spare_corner: None,
            };
        }
        let closed = n >= 4 && points[0] == points[n - 1];
        let mut stack = Vec::new();
        let mut spare_corner = None;
        if closed {
            // A ring's ends coincide, so split it at the corner farthest from
            // them and weigh the two halves.
            let far = farthest(points, 1, n - 1, |p| {
                (p.x - points[0].x).hypot(p.y - points[0].y)
            });
            let (a, b) = (points[0], points[far]);
            spare_corner = Some(farthest(points, 1, n - 1, |p| {
                if p == b {
                    -1.0
                } else {
                    distance_to_segment(p, a, b)
                }
            }));
            stack.push((0, far, f64::INFINITY));
            stack.push((far, n - 1, f64::INFINITY));
        } else {
            stack.push((0, n - 1, f64::INFINITY));
        }
        // A stack, not recursion, so long coastlines cannot overflow it.
        while let Some((a, b, cap)) = stack.pop() {
            if b <= a + 1 {
                continue;
            }
            let i = farthest(points, a + 1, b, |p| {
                distance_to_segment(p, points[a], points[b])
            });
            let w = distance_to_segment(points[i], points[a], points[b]).min(cap);
            weight[i] = w;
            stack.push((a, i, w));
            stack.push((i, b, w));
        }
        Self {
            weight,
            spare_corner,
        }
    }

    fn apply(&self, points: &[WorldPoint], tolerance: f64) -> Vec<WorldPoint> {
        let mut keep: Vec<bool> = self.weight.iter().map(|&w| w > tolerance).collect();
        if let Some(spare) = self.spare_corner {
            if keep.iter().filter(|&&k| k).count() < 4 {
                keep[spare] = true;
            }
        }
        points
            .iter()
            .zip(keep)
            .filter_map(|(p, k)| k.then_some(*p))
            .collect()
    }
}

/// Simplifies a line or ring (Douglas–Peucker) so that no dropped point is
/// farther than `tolerance_world` from the result. Keeps the two endpoints;
/// the result is a subsequence of `points`. A closed ring (first point equal
/// to the last, four points or more) stays closed and keeps at least four
/// points, so it still draws as a polygon.
pub fn simplify(points: &[WorldPoint], tolerance_world: f64) -> Vec<WorldPoint> {
    Significance::of(points).apply(points, tolerance_world)
}

/// Index in `lo..hi` of the point with the largest `measure` (the first of
/// equals, as a recursive Douglas–Peucker would pick).
fn farthest(
    points: &[WorldPoint],
    lo: usize,
    hi: usize,
    measure: impl Fn(WorldPoint) -> f64,
) -> usize {
    let mut best = (f64::NEG_INFINITY, lo);
    for (i, &p) in points.iter().enumerate().take(hi).skip(lo) {
        let m = measure(p);
        if m > best.0 {
            best = (m, i);
        }
    }
    best.1
}

/// True when every point of `part` lies in a box smaller than `size` on both
/// sides: such a ring would draw as less than a pixel.
fn smaller_than(part: &[WorldPoint], size: f64) -> bool {
    let (mut lo, mut hi) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
    for p in part {
        lo = (lo.0.min(p.x), lo.1.min(p.y));
        hi = (hi.0.max(p.x), hi.1.max(p.y));
    }
    hi.0 - lo.0 < size && hi.1 - lo.1 < size
}

/// `shapes` simplified for each zoom in `zooms` (tolerance [`TOLERANCE_PX`] at
/// that zoom), as (zoom, shapes) in the order given. Each level has the same
/// shapes in the same order, with the same names, so labels and keys still
/// match; rings and lines smaller than a pixel at that zoom are left out
/// (a shape may end up with no parts).
pub fn levels(shapes: &[BasemapShape], zooms: &[f64]) -> Vec<(f64, Vec<BasemapShape>)> {
    // Weigh every part once; each level is then a filter.
    let weighed: Vec<Vec<(&Vec<WorldPoint>, Significance)>> = shapes
        .iter()
        .map(|shape| {
            shape
                .parts
                .iter()
                .filter(|part| part.len() >= 2)
                .map(|part| (part, Significance::of(part)))
                .collect()
        })
        .collect();
    zooms
        .iter()
        .map(|&zoom| {
            let tolerance = tolerance_at(zoom);
            let level = shapes
                .iter()
                .zip(&weighed)
                .map(|(shape, parts)| BasemapShape {
                    filled: shape.filled,
                    parts: parts
                        .iter()
                        .filter(|(part, _)| !smaller_than(part, 2.0 * tolerance))
                        .map(|(part, weights)| weights.apply(part, tolerance))
                        .collect(),
                    name: shape.name.clone(),
                })
                .collect();
            (zoom, level)
        })
        .collect()
}

/// A basemap at several levels of detail, built once; the map asks it for
/// the shapes to draw at the current zoom.
#[derive(Clone, Debug, PartialEq)]
pub struct SimplifiedShapes {
    /// (zoom, shapes) by increasing zoom.
    levels: Vec<(f64, Vec<BasemapShape>)>,
}

impl SimplifiedShapes {
    /// Simplifies `shapes` for each of `zooms` (any order; e.g. every integer
    /// zoom from the map's minimum to about 14, beyond which the full
    /// geometry is already finer than the data).
    pub fn new(shapes: &[BasemapShape], zooms: &[f64]) -> Self {
        let mut zooms: Vec<f64> = zooms.iter().copied().filter(|z| z.is_finite()).collect();
        zooms.sort_by(f64::total_cmp);
        zooms.dedup();
        Self {
            levels: levels(shapes, &zooms),
        }
    }

    /// Which level to draw at `zoom`: the one with the greatest zoom ≤ `zoom`
    /// (its outlines are within 0.5 × 2^(zoom − level zoom) px there), or the
    /// first when `zoom` is below them all. `None` when there are no levels.
    pub fn level_for(&self, zoom: f64) -> Option<usize> {
        if self.levels.is_empty() {
            return None;
        }
        Some(
            self.levels
                .partition_point(|(z, _)| *z <= zoom)
                .saturating_sub(1),
        )
    }

    /// The shapes to draw at `zoom` (see [`Self::level_for`]); empty when
    /// there are no levels.
    pub fn for_zoom(&self, zoom: f64) -> &[BasemapShape] {
        self.level_for(zoom).map_or(&[], |i| &self.levels[i].1)
    }

    /// All levels, (zoom, shapes) by increasing zoom, e.g. to build each
    /// level's SVG paths once.
    pub fn levels(&self) -> &[(f64, Vec<BasemapShape>)] {
        &self.levels
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basemap::read_basemap;
    use crate::text::LocalizedText;
    use proptest::prelude::*;

    fn pt(x: f64, y: f64) -> WorldPoint {
        WorldPoint { x, y }
    }

    fn distance_to_line(p: WorldPoint, line: &[WorldPoint]) -> f64 {
        if line.len() == 1 {
            return (p.x - line[0].x).hypot(p.y - line[0].y);
        }
        line.windows(2)
            .map(|w| distance_to_segment(p, w[0], w[1]))
            .fold(f64::INFINITY, f64::min)
    }

    fn is_subsequence(small: &[WorldPoint], big: &[WorldPoint]) -> bool {
        let mut it = big.iter();
        small.iter().all(|s| it.any(|b| b == s))
    }

    #[test]
    fn a_straight_line_keeps_only_its_ends() {
        let line: Vec<_> = (0..10)
            .map(|i| pt(f64::from(i), 2.0 * f64::from(i)))
            .collect();
        assert_eq!(simplify(&line, 1e-9), vec![line[0], line[9]]);
    }

    #[test]
    fn a_corner_beyond_the_tolerance_stays() {
        let line = [pt(0.0, 0.0), pt(1.0, 0.51), pt(2.0, 1.0), pt(3.0, 0.0)];
        assert_eq!(simplify(&line, 0.1), vec![line[0], line[2], line[3]]);
    }

    #[test]
    fn a_ring_stays_a_closed_polygon_however_coarse() {
        let ring: Vec<_> = (0..=40)
            .map(|i| {
                let a = f64::from(i % 40) / 40.0 * std::f64::consts::TAU;
                pt(a.cos(), a.sin())
            })
            .collect();
        let s = simplify(&ring, 100.0);
        assert_eq!(s.len(), 4, "{s:?}");
        assert_eq!(s[0], s[3]);
        assert!(s[1] != s[0] && s[2] != s[0] && s[1] != s[2]);
    }

    #[test]
    fn levels_keep_every_shape_and_drop_subpixel_rings() {
        // A lake in the basemap format, with a 10 m island.
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":{"zh":"太湖","en":"Taihu Lake"}},
             "geometry":{"type":"Polygon","coordinates":[[[120.0,31.0],[120.1,31.001],[120.2,31.0],[120.2,31.2],[120.1,31.201],[120.0,31.2],[120.0,31.0]],
                                                          [[120.1,31.1],[120.1001,31.1],[120.1001,31.1001],[120.1,31.1]]]}}]}"#;
        let shapes = read_basemap(text).unwrap();
        let lv = levels(&shapes, &[6.0, 16.0]);
        assert_eq!(lv.len(), 2);
        let (coarse, fine) = (&lv[0].1[0], &lv[1].1[0]);
        assert_eq!(coarse.name, shapes[0].name);
        // At zoom 6 (≈ 2.4 km per px) the nearly straight edges lose their
        // middles and the island goes; at zoom 16 everything stays.
        assert_eq!(coarse.parts.len(), 1);
        assert_eq!(coarse.parts[0].len(), 5);
        assert_eq!(fine.parts, shapes[0].parts);
    }

    #[test]
    fn the_level_for_a_zoom_is_the_finest_not_above_it() {
        let shape = BasemapShape {
            filled: false,
            parts: vec![vec![
                pt(0.5, 0.5),
                pt(0.5000001, 0.5),
                pt(0.5000002, 0.5000003),
            ]],
            name: LocalizedText::default(),
        };
        let s = SimplifiedShapes::new(&[shape], &[12.0, 4.0, 8.0, 8.0]);
        let zooms: Vec<f64> = s.levels().iter().map(|(z, _)| *z).collect();
        assert_eq!(zooms, vec![4.0, 8.0, 12.0]);
        assert_eq!(s.level_for(3.0), Some(0));
        assert_eq!(s.level_for(4.0), Some(0));
        assert_eq!(s.level_for(11.9), Some(1));
        assert_eq!(s.level_for(18.0), Some(2));
        assert!(std::ptr::eq(s.for_zoom(9.0), s.levels()[1].1.as_slice()));
        assert!(SimplifiedShapes::new(&[], &[]).for_zoom(5.0).is_empty());
    }

    fn polyline() -> impl Strategy<Value = Vec<WorldPoint>> {
        prop::collection::vec((0.0f64..1.0, 0.0f64..1.0), 0..200)
            .prop_map(|v| v.into_iter().map(|(x, y)| pt(x, y)).collect())
    }

    /// Textbook recursive Douglas–Peucker for open lines, to check the
    /// weigh-once-filter-later version against.
    fn textbook(points: &[WorldPoint], tol: f64) -> Vec<WorldPoint> {
        fn go(p: &[WorldPoint], a: usize, b: usize, tol: f64, keep: &mut [bool]) {
            if b <= a + 1 {
                return;
            }
            let i = farthest(p, a + 1, b, |q| distance_to_segment(q, p[a], p[b]));
            if distance_to_segment(p[i], p[a], p[b]) > tol {
                keep[i] = true;
                go(p, a, i, tol, keep);
                go(p, i, b, tol, keep);
            }
        }
        if points.len() <= 2 {
            return points.to_vec();
        }
        let mut keep = vec![false; points.len()];
        keep[0] = true;
        keep[points.len() - 1] = true;
        go(points, 0, points.len() - 1, tol, &mut keep);
        points
            .iter()
            .zip(keep)
            .filter_map(|(p, k)| k.then_some(*p))
            .collect()
    }

    proptest! {
        #[test]
        fn lines_keep_ends_and_stay_within_tolerance(line in polyline(), tol in 0.0f64..0.3) {
            let s = simplify(&line, tol);
            prop_assert!(is_subsequence(&s, &line));
            prop_assert_eq!(s.first(), line.first());
            prop_assert_eq!(s.last(), line.last());
            for p in &line {
                prop_assert!(distance_to_line(*p, &s) <= tol + 1e-12);
            }
        }

        #[test]
        fn weighing_once_gives_what_textbook_douglas_peucker_gives(line in polyline(), tol in 0.0f64..0.3) {
            prop_assume!(line.first() != line.last() || line.len() < 4);
            prop_assert_eq!(simplify(&line, tol), textbook(&line, tol));
        }

        #[test]
        fn rings_stay_closed_polygons_within_tolerance(mut ring in polyline(), tol in 0.0f64..0.3) {
            prop_assume!(ring.len() >= 3);
            ring.push(ring[0]);
            let s = simplify(&ring, tol);
            prop_assert!(is_subsequence(&s, &ring));
            prop_assert_eq!(s.first(), s.last());
            prop_assert!(s.len() >= 4);
            for p in &ring {
                prop_assert!(distance_to_line(*p, &s) <= tol + 1e-12);
            }
        }
    }
}
