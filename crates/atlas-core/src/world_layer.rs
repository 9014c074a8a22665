//! The coarse world layer (land, big lakes, major rivers; built by
//! `tools/basemap.py --world`) and when the map needs it.
//!
//! The regional layers a dataset brings (Suzhou's lakes and rivers) cover a
//! small box; outside it the map would be blank. The world layer fills that
//! blank, but it is a quarter of a megabyte, so it is fetched only when the
//! sites, or the visitor's view, reach well beyond the regional layers.

use crate::basemap::BasemapShape;
use crate::geo::{Bounds, LonLat, Viewport, WorldPoint};

/// The world layer's files, relative to the app's page, as (kind, path), in
/// drawing order: land first, then lakes on it, then rivers.
pub const WORLD_LAYERS: [(&str, &str); 3] = [
    ("land", "data/basemap/world-land.geojson"),
    ("lake", "data/basemap/world-lakes.geojson"),
    ("river", "data/basemap/world-rivers.geojson"),
];

/// Zooms the world layer is simplified for. Its source is GSHHG's low
/// resolution (about 1 km after rounding), so past zoom 8 a finer level
/// would only repeat the data; below the first zoom the first level serves.
pub const WORLD_ZOOMS: [f64; 8] = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];

/// Share of the view that may lie outside the regional layers before the
/// world layer is fetched: a sliver of blank edge after a pan is fine, a map
/// that is mostly blank is not.
pub const MAX_BLANK_SHARE: f64 = 0.5;

/// The box around every point of `shapes` (e.g. all of a dataset's regional
/// layers), in longitude and latitude; `None` when there are no points.
pub fn extent_of<'a>(shapes: impl IntoIterator<Item = &'a BasemapShape>) -> Option<Bounds> {
    let mut corners: Option<(WorldPoint, WorldPoint)> = None;
    for p in shapes.into_iter().flat_map(|s| s.parts.iter().flatten()) {
        let (lo, hi) = corners.get_or_insert((*p, *p));
        *lo = WorldPoint {
            x: lo.x.min(p.x),
            y: lo.y.min(p.y),
        };
        *hi = WorldPoint {
            x: hi.x.max(p.x),
            y: hi.y.max(p.y),
        };
    }
    // World y grows southwards: the top-left corner holds the north.
    corners.map(|(lo, hi)| {
        let (nw, se) = (lo.to_lon_lat(), hi.to_lon_lat());
        Bounds {
            min: LonLat::new(nw.lon, se.lat),
            max: LonLat::new(se.lon, nw.lat),
        }
    })
}

/// True when some located site lies outside the regional layers' extent, or
/// there are sites but no regional layer at all. No sites: nothing to show,
/// so nothing to fetch (the view may still ask, see [`view_reaches_beyond`]).
pub fn sites_reach_beyond(sites: Option<Bounds>, regional: Option<Bounds>) -> bool {
    match (sites, regional) {
        (None, _) => false,
        (Some(_), None) => true,
        (Some(s), Some(r)) => !contains(r, s),
    }
}

/// True when more than [`MAX_BLANK_SHARE`] of the view lies outside the
/// regional layers' extent (all of it, when there is no regional layer).
/// A handful of multiplications: cheap enough to ask on every view change.
pub fn view_reaches_beyond(view: &Viewport, regional: Option<Bounds>) -> bool {
    let view_area = view.width * view.height;
    if view_area <= 0.0 || !view_area.is_finite() {
        return false;
    }
    let Some(regional) = regional else {
        return true;
    };
    // The regional box on screen, in pixels: compare like with like.
    let nw = view.to_screen(LonLat::new(regional.min.lon, regional.max.lat).to_world());
    let se = view.to_screen(LonLat::new(regional.max.lon, regional.min.lat).to_world());
    let overlap = |lo: f64, hi: f64, size: f64| (hi.min(size) - lo.max(0.0)).max(0.0);
    let covered = overlap(nw.x, se.x, view.width) * overlap(nw.y, se.y, view.height);
    1.0 - covered / view_area > MAX_BLANK_SHARE
}

/// Whether the map should fetch and draw the world layer: the sites reach
/// beyond the regional layers, or the view mostly does.
pub fn world_layer_needed(
    sites: Option<Bounds>,
    regional: Option<Bounds>,
    view: Option<&Viewport>,
) -> bool {
    sites_reach_beyond(sites, regional) || view.is_some_and(|v| view_reaches_beyond(v, regional))
}

/// `outer` holds all of `inner` (edges included).
fn contains(outer: Bounds, inner: Bounds) -> bool {
    // Slack for the degrees → world → degrees round trip of `extent_of`.
    const SLACK: f64 = 1e-9;
    inner.min.lon >= outer.min.lon - SLACK
        && inner.min.lat >= outer.min.lat - SLACK
        && inner.max.lon <= outer.max.lon + SLACK
        && inner.max.lat <= outer.max.lat + SLACK
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LocalizedText;
    use proptest::prelude::*;

    fn bounds(w: f64, s: f64, e: f64, n: f64) -> Bounds {
        Bounds {
            min: LonLat::new(w, s),
            max: LonLat::new(e, n),
        }
    }

    /// The box the Suzhou layers cover (tools/basemap.py's BBOX).
    fn suzhou() -> Bounds {
        bounds(119.9, 30.9, 121.4, 32.1)
    }

    fn view_at(lon: f64, lat: f64, zoom: f64) -> Viewport {
        Viewport {
            center: LonLat::new(lon, lat).to_world(),
            zoom,
            width: 1280.0,
            height: 720.0,
        }
    }

    #[test]
    fn the_extent_is_the_box_around_every_ring_and_line() {
        let line = |pts: &[(f64, f64)]| BasemapShape {
            filled: false,
            parts: vec![pts
                .iter()
                .map(|&(lon, lat)| LonLat::new(lon, lat).to_world())
                .collect()],
            name: LocalizedText::default(),
        };
        let shapes = [
            line(&[(120.0, 31.0), (120.5, 31.5)]),
            line(&[(119.9, 32.1), (121.4, 30.9)]),
        ];
        let e = extent_of(&shapes).unwrap();
        for (got, want) in [
            (e.min.lon, 119.9),
            (e.min.lat, 30.9),
            (e.max.lon, 121.4),
            (e.max.lat, 32.1),
        ] {
            assert!((got - want).abs() < 1e-9, "{e:?}");
        }
        assert_eq!(extent_of(&[]), None);
    }

    #[test]
    fn sites_inside_the_regional_layers_need_no_world() {
        let huqiu = bounds(120.4, 31.2, 120.7, 31.5);
        assert!(!sites_reach_beyond(Some(huqiu), Some(suzhou())));
        // A site exactly on the edge of the regional box is still inside it.
        assert!(!sites_reach_beyond(Some(suzhou()), Some(suzhou())));
    }

    #[test]
    fn sites_elsewhere_or_without_regional_layers_need_the_world() {
        let europe_and_americas = bounds(-74.0, 40.7, 2.35, 48.86);
        assert!(sites_reach_beyond(
            Some(europe_and_americas),
            Some(suzhou())
        ));
        let shanghai_too = bounds(120.4, 31.2, 121.47, 31.23);
        assert!(sites_reach_beyond(Some(shanghai_too), Some(suzhou())));
        assert!(sites_reach_beyond(Some(suzhou()), None));
        assert!(!sites_reach_beyond(None, None));
    }

    #[test]
    fn a_view_over_the_region_needs_no_world_and_a_wide_one_does() {
        let region = Some(suzhou());
        assert!(!view_reaches_beyond(&view_at(120.6, 31.4, 11.0), region));
        // Zoom 8: the 1.5° box is about 270 px wide on a 1280 px map.
        assert!(view_reaches_beyond(&view_at(120.6, 31.4, 8.0), region));
        // Panned far away at a close zoom: all blank.
        assert!(view_reaches_beyond(&view_at(2.35, 48.86, 11.0), region));
        // No regional layer: any view is blank without the world.
        assert!(view_reaches_beyond(&view_at(120.6, 31.4, 14.0), None));
        // A map with no size yet shows nothing.
        let not_laid_out = Viewport {
            width: 0.0,
            ..view_at(2.35, 48.86, 4.0)
        };
        assert!(!view_reaches_beyond(&not_laid_out, region));
    }

    #[test]
    fn a_view_with_a_blank_strip_after_a_pan_needs_no_world() {
        // Centre 0.3° inside the east edge at zoom 10: about a third of the
        // 1280 px map lies east of the box, less than half.
        let v = view_at(121.1, 31.5, 10.0);
        assert!(!view_reaches_beyond(&v, Some(suzhou())));
        // Centred just beyond the edge, more than half is blank.
        assert!(view_reaches_beyond(
            &view_at(121.5, 31.5, 10.0),
            Some(suzhou())
        ));
    }

    #[test]
    fn either_reason_is_enough() {
        let huqiu = Some(bounds(120.4, 31.2, 120.7, 31.5));
        let close = view_at(120.6, 31.4, 11.0);
        let wide = view_at(120.6, 31.4, 5.0);
        assert!(!world_layer_needed(huqiu, Some(suzhou()), Some(&close)));
        assert!(!world_layer_needed(huqiu, Some(suzhou()), None));
        assert!(world_layer_needed(huqiu, Some(suzhou()), Some(&wide)));
        let paris = Some(bounds(2.35, 48.86, 2.35, 48.86));
        assert!(world_layer_needed(paris, Some(suzhou()), Some(&close)));
    }

    fn lon() -> impl Strategy<Value = f64> {
        -179.0f64..179.0
    }

    fn lat() -> impl Strategy<Value = f64> {
        -80.0f64..80.0
    }

    proptest! {
        #[test]
        fn sites_need_the_world_exactly_when_one_corner_leaves_the_box(
            (w, e) in (lon(), lon()), (s, n) in (lat(), lat()),
            (sw, se) in (lon(), lon()), (ss, sn) in (lat(), lat()),
        ) {
            let regional = bounds(w.min(e), s.min(n), w.max(e), s.max(n));
            let sites = bounds(sw.min(se), ss.min(sn), sw.max(se), ss.max(sn));
            let outside = sites.min.lon < regional.min.lon || sites.max.lon > regional.max.lon
                || sites.min.lat < regional.min.lat || sites.max.lat > regional.max.lat;
            prop_assert_eq!(sites_reach_beyond(Some(sites), Some(regional)), outside);
        }

        #[test]
        fn a_view_inside_the_box_never_needs_the_world_and_one_outside_always_does(
            lon in -170.0f64..170.0, lat in -70.0f64..70.0, zoom in 3.0f64..18.0,
        ) {
            let v = view_at(lon, lat, zoom);
            let nw = v.to_world(crate::geo::ScreenPoint { x: 0.0, y: 0.0 }).to_lon_lat();
            let se = v.to_world(crate::geo::ScreenPoint { x: v.width, y: v.height }).to_lon_lat();
            // A box a little larger than the view holds it whole.
            let around = bounds(nw.lon - 0.01, se.lat - 0.01, se.lon + 0.01, nw.lat + 0.01);
            prop_assert!(!view_reaches_beyond(&v, Some(around)));
            // A box entirely east of the view leaves it all blank.
            let away = bounds(se.lon + 1.0, se.lat, se.lon + 2.0, nw.lat);
            prop_assert!(view_reaches_beyond(&v, Some(away)));
        }
    }
}
