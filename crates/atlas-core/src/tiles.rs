//! Optional XYZ raster tiles under the vector layers: which tiles a view
//! needs, where they go on screen, and their URLs.
//!
//! Tiles come from the dataset's `tiles` setting; without it the map makes no
//! request at all. Chinese providers draw their tiles in GCJ-02 while our data
//! is WGS84, so in [`Datum::Gcj02`] mode the tiles are moved to line up with
//! the data (see [`visible_tiles`]).

use serde::Deserialize;

use crate::gcj02::wgs84_to_gcj02;
use crate::geo::{ScreenPoint, Viewport, WorldPoint, TILE_SIZE};

/// The datum a tile provider draws in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Datum {
    /// WGS84 (OpenStreetMap and most providers outside mainland China).
    #[default]
    Wgs84,
    /// GCJ-02 (Amap/AutoNavi, Tencent and most providers inside mainland China).
    Gcj02,
}

/// One tile to draw: its XYZ address and its square on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TilePlacement {
    /// Tile zoom.
    pub z: u8,
    /// Tile column, 0 at 180°W.
    pub x: u32,
    /// Tile row, 0 at the north edge (XYZ, not TMS).
    pub y: u32,
    /// Left edge, CSS px from the map's left edge.
    pub left: f64,
    /// Top edge, CSS px from the map's top edge.
    pub top: f64,
    /// Width and height in CSS px: 256 at integer zooms, scaled in between.
    pub size: f64,
}

/// The tiles that cover `viewport`, nearest the centre first (so they load
/// first), at tile zoom round(zoom) clamped to `0..=max_zoom` and scaled to
/// the fractional zoom. The world does not wrap at the antimeridian.
///
/// With [`Datum::Gcj02`] every tile is moved by the GCJ-02 shift at the
/// viewport centre, so that the tiles' drawing of a place sits on our WGS84
/// position of it. One constant shift keeps the tiles a seamless grid with the
/// `left/top/size` placement, but the real shift drifts by a few metres per
/// kilometre, so alignment is exact at the centre and off by up to about 2 px
/// at the corners of a 1280×800 view (measured at z12 across China; up to
/// about 3.5 px at z14-18 near Kashgar, where the drift is steepest), which
/// is below what tile imagery itself is accurate to.
pub fn visible_tiles(viewport: &Viewport, max_zoom: u8, datum: Datum) -> Vec<TilePlacement> {
    if !(viewport.width > 0.0 && viewport.height > 0.0 && viewport.zoom.is_finite()) {
        return Vec::new();
    }
    let z = viewport
        .zoom
        .round()
        .clamp(0.0, f64::from(max_zoom.min(30))) as u8;
    let tiles_across = f64::from(z).exp2();
    let size = TILE_SIZE * (viewport.zoom - f64::from(z)).exp2();
    // Where the tiles' picture of the centre is, in world coordinates.
    let shift = match datum {
        Datum::Wgs84 => WorldPoint { x: 0.0, y: 0.0 },
        Datum::Gcj02 => {
            let g = wgs84_to_gcj02(viewport.center.to_lon_lat()).to_world();
            WorldPoint {
                x: g.x - viewport.center.x,
                y: g.y - viewport.center.y,
            }
        }
    };
    let corner_nw = viewport.to_world(ScreenPoint { x: 0.0, y: 0.0 });
    let corner_se = viewport.to_world(ScreenPoint {
        x: viewport.width,
        y: viewport.height,
    });
    let last = tiles_across - 1.0;
    let range = |lo: f64, hi: f64| {
        let first = (lo * tiles_across).floor().clamp(0.0, last) as u32;
        let end = ((hi * tiles_across).ceil() - 1.0).clamp(0.0, last) as u32;
        first..=end
    };
    // A tile-image point at world position q is drawn at screen(q - shift).
    let xs = range(corner_nw.x + shift.x, corner_se.x + shift.x);
    let ys = range(corner_nw.y + shift.y, corner_se.y + shift.y);
    let mut tiles = Vec::new();
    for y in ys {
        for x in xs.clone() {
            let at = viewport.to_screen(WorldPoint {
                x: f64::from(x) / tiles_across - shift.x,
                y: f64::from(y) / tiles_across - shift.y,
            });
            tiles.push(TilePlacement {
                z,
                x,
                y,
                left: at.x,
                top: at.y,
                size,
            });
        }
    }
    let (cx, cy) = (viewport.width / 2.0, viewport.height / 2.0);
    let distance =
        |t: &TilePlacement| (t.left + t.size / 2.0 - cx).hypot(t.top + t.size / 2.0 - cy);
    tiles.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
    tiles
}

/// Why a tile URL template cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A scheme other than http or https (e.g. `javascript:`, `data:`, `file:`).
    #[error("tile URLs must use http or https, not {0:?}")]
    Scheme(String),
    /// `{z}`, `{x}` or `{y}` is missing.
    #[error("the tile URL has no {0} placeholder")]
    Missing(&'static str),
    /// A placeholder we do not fill, such as Leaflet's `{s}` or `{r}`.
    #[error("the tile URL has a placeholder {0} that is not supported: use one host instead of {{s}}, and only {{z}}, {{x}}, {{y}}")]
    Unsupported(String),
    /// Spaces or control characters: a copy-and-paste mistake.
    #[error("the tile URL contains spaces or control characters")]
    Whitespace,
}

/// Checks a tile URL template from a dataset. Accepted: absolute `http://` or
/// `https://` URLs, and URLs without a scheme (relative to the page, e.g. a
/// tile folder served beside the app, or protocol-relative `//host/…`), which
/// resolve to the page's own http(s). Exactly the placeholders `{z}`, `{x}`,
/// `{y}` are filled; Leaflet's `{s}` (rotating subdomains) is refused rather
/// than half-supported, since one host serves tiles fine over HTTP/2.
pub fn validate_template(template: &str) -> Result<(), TemplateError> {
    if template
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(TemplateError::Whitespace);
    }
    // A scheme is letters/digits/+/-/. before a ':' that comes before any '/', '?' or '#'.
    let head_end = template.find(['/', '?', '#']).unwrap_or(template.len());
    if let Some(colon) = template[..head_end].find(':') {
        let scheme = template[..colon].to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(TemplateError::Scheme(scheme));
        }
    }
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open..];
        let close = after.find('}').map_or(after.len(), |c| c + 1);
        let placeholder = &after[..close];
        if !matches!(placeholder, "{z}" | "{x}" | "{y}") {
            return Err(TemplateError::Unsupported(placeholder.to_owned()));
        }
        rest = &after[close..];
    }
    for needed in ["{z}", "{x}", "{y}"] {
        if !template.contains(needed) {
            return Err(TemplateError::Missing(needed));
        }
    }
    Ok(())
}

/// The URL of one tile: `template` with `{z}`, `{x}` and `{y}` filled in.
/// Check the template once with [`validate_template`] first.
pub fn tile_url(template: &str, z: u8, x: u32, y: u32) -> String {
    template
        .replace("{z}", &z.to_string())
        .replace("{x}", &x.to_string())
        .replace("{y}", &y.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::LonLat;
    use proptest::prelude::*;

    fn view(lon: f64, lat: f64, zoom: f64) -> Viewport {
        Viewport {
            center: LonLat::new(lon, lat).to_world(),
            zoom,
            width: 1280.0,
            height: 800.0,
        }
    }

    /// Where the tiles draw the picture of world position `q` (tile-image
    /// coordinates), found through the tile that contains it.
    fn drawn_at(tiles: &[TilePlacement], q: WorldPoint) -> Option<ScreenPoint> {
        tiles.iter().find_map(|t| {
            let n = f64::from(t.z).exp2();
            let (fx, fy) = (q.x * n - f64::from(t.x), q.y * n - f64::from(t.y));
            ((0.0..1.0).contains(&fx) && (0.0..1.0).contains(&fy)).then_some(ScreenPoint {
                x: t.left + fx * t.size,
                y: t.top + fy * t.size,
            })
        })
    }

    #[test]
    fn wgs84_tiles_put_each_place_where_the_viewport_does() {
        let v = view(120.6, 31.3, 11.4);
        let tiles = visible_tiles(&v, 18, Datum::Wgs84);
        assert!(tiles.iter().all(|t| t.z == 11));
        let p = LonLat::new(120.65, 31.33).to_world();
        let drawn = drawn_at(&tiles, p).unwrap();
        let expected = v.to_screen(p);
        assert!((drawn.x - expected.x).abs() < 1e-6 && (drawn.y - expected.y).abs() < 1e-6);
        assert!((tiles[0].size - 256.0 * 0.4f64.exp2()).abs() < 1e-9);
    }

    #[test]
    fn gcj02_tiles_draw_the_centre_on_the_centre() {
        let v = view(120.6, 31.3, 14.0);
        let tiles = visible_tiles(&v, 18, Datum::Gcj02);
        // The provider draws the place whose WGS84 position is the centre at
        // its GCJ-02 position; after the shift it must appear at the centre.
        let in_tiles = wgs84_to_gcj02(v.center.to_lon_lat()).to_world();
        let drawn = drawn_at(&tiles, in_tiles).unwrap();
        assert!((drawn.x - 640.0).abs() < 1e-6 && (drawn.y - 400.0).abs() < 1e-6);
        // ... which is about 450 m (≈ 38 px at z14 here) away from an unshifted grid.
        let plain = visible_tiles(&v, 18, Datum::Wgs84);
        let unshifted = drawn_at(&plain, in_tiles).unwrap();
        let px = (unshifted.x - 640.0).hypot(unshifted.y - 400.0);
        assert!((30.0..60.0).contains(&px), "{px}");
    }

    #[test]
    fn the_constant_gcj02_shift_is_within_a_few_pixels_across_a_view() {
        // The documented approximation: measure it where it is worst.
        for (lon, lat) in [
            (120.6, 31.3),
            (104.06, 30.67),
            (75.99, 39.47),
            (126.6, 45.75),
        ] {
            for zoom in [8.0, 10.0, 12.0, 14.0, 16.0, 18.0] {
                let v = view(lon, lat, zoom);
                let tiles = visible_tiles(&v, 18, Datum::Gcj02);
                for (sx, sy) in [(0.0, 0.0), (1279.0, 0.0), (0.0, 799.0), (1279.0, 799.0)] {
                    let w = v.to_world(ScreenPoint { x: sx, y: sy });
                    let drawn =
                        drawn_at(&tiles, wgs84_to_gcj02(w.to_lon_lat()).to_world()).unwrap();
                    let err = (drawn.x - sx).hypot(drawn.y - sy);
                    assert!(
                        err < 4.0,
                        "{err} px at ({sx},{sy}) z{zoom} near {lon},{lat}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_tile_zoom_rounds_and_stops_at_max_zoom() {
        let tiles = visible_tiles(&view(120.6, 31.3, 16.6), 15, Datum::Wgs84);
        assert!(tiles.iter().all(|t| t.z == 15));
        assert!((tiles[0].size - 256.0 * 1.6f64.exp2()).abs() < 1e-9);
        assert!(visible_tiles(&view(120.6, 31.3, 12.5), 18, Datum::Wgs84)
            .iter()
            .all(|t| t.z == 13));
    }

    #[test]
    fn at_zoom_zero_one_tile_covers_the_world() {
        let v = Viewport {
            center: WorldPoint { x: 0.5, y: 0.5 },
            zoom: 0.0,
            width: 256.0,
            height: 256.0,
        };
        assert_eq!(
            visible_tiles(&v, 18, Datum::Wgs84),
            vec![TilePlacement {
                z: 0,
                x: 0,
                y: 0,
                left: 0.0,
                top: 0.0,
                size: 256.0
            }]
        );
    }

    #[test]
    fn an_empty_map_needs_no_tiles() {
        let mut v = view(120.6, 31.3, 10.0);
        v.width = 0.0;
        assert!(visible_tiles(&v, 18, Datum::Wgs84).is_empty());
    }

    proptest! {
        #[test]
        fn tiles_cover_the_view_and_each_one_is_seen(
            lon in 74.0f64..134.0, lat in 19.0f64..53.0, zoom in 3.0f64..18.0,
            w in 1.0f64..2000.0, h in 1.0f64..1500.0, gcj in any::<bool>(),
        ) {
            let v = Viewport { center: LonLat::new(lon, lat).to_world(), zoom, width: w, height: h };
            let datum = if gcj { Datum::Gcj02 } else { Datum::Wgs84 };
            let tiles = visible_tiles(&v, 18, datum);
            // Each tile overlaps the view.
            for t in &tiles {
                prop_assert!(t.left < w && t.left + t.size > 0.0 && t.top < h && t.top + t.size > 0.0, "{:?}", t);
            }
            // Sample points of the view are each covered by exactly one tile.
            for i in 0..=8 {
                for j in 0..=8 {
                    let (px, py) = (w * f64::from(i) / 8.0 * 0.999, h * f64::from(j) / 8.0 * 0.999);
                    // The world does not wrap: off its edge there are no tiles.
                    let q = v.to_world(ScreenPoint { x: px, y: py });
                    if !(0.01..0.99).contains(&q.x) || !(0.01..0.99).contains(&q.y) {
                        continue;
                    }
                    let covering = tiles
                        .iter()
                        .filter(|t| t.left <= px && px < t.left + t.size && t.top <= py && py < t.top + t.size)
                        .count();
                    prop_assert_eq!(covering, 1, "({}, {})", px, py);
                }
            }
            // Neighbours share edges: no seams.
            for a in &tiles {
                if let Some(b) = tiles.iter().find(|b| b.x == a.x + 1 && b.y == a.y) {
                    prop_assert!((a.left + a.size - b.left).abs() < 1e-6);
                }
            }
        }
    }

    #[test]
    fn templates_are_checked() {
        let ok = [
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "HTTP://127.0.0.1:8000/t/{z}/{x}/{y}.png",
            "https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
            "tiles/{z}/{x}/{y}.png",
            "/tiles/{z}/{x}/{y}.png?v=a:b",
            "//example.org/{z}/{x}/{y}.png",
        ];
        for t in ok {
            assert_eq!(validate_template(t), Ok(()), "{t}");
        }
        let bad = [
            (
                "javascript:alert(1)//{z}{x}{y}",
                TemplateError::Scheme("javascript".into()),
            ),
            (
                "data:image/png;base64,{z}{x}{y}",
                TemplateError::Scheme("data".into()),
            ),
            (
                "file:///tiles/{z}/{x}/{y}.png",
                TemplateError::Scheme("file".into()),
            ),
            (
                "ftp://h/{z}/{x}/{y}.png",
                TemplateError::Scheme("ftp".into()),
            ),
            ("https://h/{z}/{x}.png", TemplateError::Missing("{y}")),
            (
                "https://{s}.h/{z}/{x}/{y}.png",
                TemplateError::Unsupported("{s}".into()),
            ),
            (
                "https://h/{z}/{x}/{y}{r}.png",
                TemplateError::Unsupported("{r}".into()),
            ),
            (
                "https://h/{z}/{x}/{y.png",
                TemplateError::Unsupported("{y.png".into()),
            ),
            ("https://h/{z}/{x}/{y}.png ", TemplateError::Whitespace),
        ];
        for (t, e) in bad {
            assert_eq!(validate_template(t), Err(e), "{t}");
        }
    }

    #[test]
    fn urls_are_filled() {
        assert_eq!(
            tile_url("https://h/{z}/{x}/{y}.png?x={x}", 12, 3421, 1675),
            "https://h/12/3421/1675.png?x=3421"
        );
    }

    #[test]
    fn datum_reads_from_dataset_settings() {
        let d: Datum = serde_json::from_str("\"gcj02\"").unwrap();
        assert_eq!(d, Datum::Gcj02);
        assert!(serde_json::from_str::<Datum>("\"bd09\"").is_err());
    }
}
