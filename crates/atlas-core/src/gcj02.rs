//! WGS84 ⇄ GCJ-02 ("Mars coordinates").
//!
//! Maps published in mainland China (AutoNavi/Amap, Tencent, Tianditu's
//! commercial cousins) draw their tiles in GCJ-02, an obfuscated datum that
//! sits a few hundred metres away from WGS84. Our data is WGS84, so tiles from
//! those providers must be shifted to line up (see `tiles`). The forward
//! transform below is the widely published public reimplementation (Krasovsky
//! ellipsoid, a = 6378245 m); it is defined only inside a rough box around
//! China, and positions outside that box pass through unchanged, as the
//! providers do.

use std::f64::consts::PI;

use crate::geo::LonLat;

/// Semi-major axis of the Krasovsky 1940 ellipsoid, metres.
const KRASOVSKY_A: f64 = 6_378_245.0;
/// First eccentricity squared of the Krasovsky 1940 ellipsoid (published as
/// 0.00669342162296594323; f64 keeps 17 significant digits).
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;

/// True when the position is outside the box where GCJ-02 applies; such
/// positions are the same in both datums.
pub fn outside_china(p: LonLat) -> bool {
    !(72.004..=137.8347).contains(&p.lon) || !(0.8293..=55.8271).contains(&p.lat)
}

/// The published polynomial-plus-sines distortion, in roughly metres, of a
/// position given relative to (105°E, 35°N).
fn distortion(x: f64, y: f64) -> (f64, f64) {
    let common = (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    let d_lat = -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * x.abs().sqrt()
        + common
        + (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0
        + (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    let d_lon = 300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * x.abs().sqrt()
        + common
        + (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0
        + (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    (d_lon, d_lat)
}

/// The GCJ-02 shift (Δlon, Δlat) in degrees at a WGS84 position inside China.
fn shift(p: LonLat) -> (f64, f64) {
    let (d_lon, d_lat) = distortion(p.lon - 105.0, p.lat - 35.0);
    let rad_lat = p.lat.to_radians();
    let magic = 1.0 - KRASOVSKY_EE * rad_lat.sin() * rad_lat.sin();
    let sqrt_magic = magic.sqrt();
    let d_lat =
        (d_lat * 180.0) / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * PI);
    let d_lon = (d_lon * 180.0) / (KRASOVSKY_A / sqrt_magic * rad_lat.cos() * PI);
    (d_lon, d_lat)
}

/// Converts a WGS84 position to GCJ-02; positions outside China are unchanged.
pub fn wgs84_to_gcj02(p: LonLat) -> LonLat {
    if outside_china(p) {
        return p;
    }
    let (d_lon, d_lat) = shift(p);
    LonLat::new(p.lon + d_lon, p.lat + d_lat)
}

/// Converts a GCJ-02 position back to WGS84, to better than 1e-7° (about 1 cm).
///
/// The forward transform has no closed inverse, so this iterates: guess w,
/// move it by how far `wgs84_to_gcj02(w)` misses the target. The shift varies
/// slowly (a few metres per kilometre), so each step gains about five decimal
/// digits and two or three steps suffice; the cap only guards against
/// non-finite input.
pub fn gcj02_to_wgs84(g: LonLat) -> LonLat {
    if outside_china(g) {
        return g;
    }
    let mut w = g;
    for _ in 0..10 {
        let f = wgs84_to_gcj02(w);
        let (e_lon, e_lat) = (f.lon - g.lon, f.lat - g.lat);
        w = LonLat::new(w.lon - e_lon, w.lat - e_lat);
        if e_lon.abs() < 1e-10 && e_lat.abs() < 1e-10 {
            break;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::EARTH_RADIUS_M;
    use proptest::prelude::*;

    fn close(a: LonLat, b: LonLat, tol: f64) -> bool {
        (a.lon - b.lon).abs() < tol && (a.lat - b.lat).abs() < tol
    }

    #[test]
    fn matches_the_coordtransform_reference_pair() {
        // From wandergis/coordtransform (npm `coordtransform`), test/app.js:
        // wgs84togcj02(116.404, 39.915) = [116.41024449916938, 39.91640428150164].
        // It uses the same Krasovsky constants, so agreement is to rounding.
        let g = wgs84_to_gcj02(LonLat::new(116.404, 39.915));
        assert!(
            close(
                g,
                LonLat::new(116.410_244_499_169_38, 39.916_404_281_501_64),
                1e-9
            ),
            "{g:?}"
        );
    }

    #[test]
    fn matches_the_eviltransform_reference_pairs() {
        // From googollee/eviltransform, python test (wgsLat, wgsLng, gcjLat, gcjLng).
        // eviltransform scales by the WGS84 radius 6378137 m instead of
        // Krasovsky's 6378245 m: the shift differs by 17 ppm, about 1 cm, so
        // the tolerance here is 1e-6° (10 cm) rather than rounding.
        let pairs = [
            (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215), // Shanghai
            (22.543847, 113.912316, 22.540796131694766, 113.9171764808363), // Shenzhen
            (39.911954, 116.377817, 39.91334545536069, 116.38404722455657), // Beijing
        ];
        for (w_lat, w_lon, g_lat, g_lon) in pairs {
            let g = wgs84_to_gcj02(LonLat::new(w_lon, w_lat));
            assert!(close(g, LonLat::new(g_lon, g_lat), 1e-6), "{g:?}");
        }
    }

    #[test]
    fn near_suzhou_the_shift_is_what_the_research_notes_say() {
        // research/suzhou-sites.md: lat −0.0021°, lon +0.0044° going WGS84 → GCJ-02.
        let w = LonLat::new(120.62, 31.30);
        let g = wgs84_to_gcj02(w);
        assert!(((g.lat - w.lat) - -0.0021).abs() < 0.0003, "{g:?}");
        assert!(((g.lon - w.lon) - 0.0044).abs() < 0.0003, "{g:?}");
    }

    #[test]
    fn outside_china_positions_pass_through() {
        for p in [
            LonLat::new(2.35, 48.85),
            LonLat::new(139.69, 35.69),
            LonLat::new(0.0, 0.0),
        ] {
            assert_eq!(wgs84_to_gcj02(p), p);
            assert_eq!(gcj02_to_wgs84(p), p);
        }
    }

    proptest! {
        #[test]
        fn round_trip_within_a_metre_over_china(lon in 73.5f64..135.0, lat in 18.0f64..53.5) {
            let w = LonLat::new(lon, lat);
            let back = gcj02_to_wgs84(wgs84_to_gcj02(w));
            let metres_per_degree = EARTH_RADIUS_M * PI / 180.0;
            let d_lat_m = (back.lat - lat) * metres_per_degree;
            let d_lon_m = (back.lon - lon) * metres_per_degree * lat.to_radians().cos();
            prop_assert!(d_lat_m.hypot(d_lon_m) < 1.0);
            // The brief asks for better than 1e-7° too; hold it to that.
            prop_assert!(close(back, w, 1e-7), "{:?} vs {:?}", back, w);
        }

        #[test]
        fn the_shift_is_a_few_hundred_metres_everywhere_in_china(lon in 73.5f64..135.0, lat in 18.0f64..53.5) {
            let w = LonLat::new(lon, lat);
            let g = wgs84_to_gcj02(w);
            let m = ((g.lat - lat).hypot((g.lon - lon) * lat.to_radians().cos())) * EARTH_RADIUS_M * PI / 180.0;
            prop_assert!((10.0..1500.0).contains(&m), "{m} m at {w:?}");
        }
    }
}
