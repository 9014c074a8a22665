//! Sites far from all the others: a dropped digit or a swapped pair of
//! coordinates puts a Suzhou memorial in Xinjiang or the Indian Ocean, and the
//! file is still valid GeoJSON. Only the spread of the dataset itself says
//! what "far" means, so a China-wide dataset is judged by its own scale.

use crate::geo::LonLat;

/// Fewer located sites than this give no reliable idea of where "the others" are.
pub const MIN_SITES: usize = 4;
/// A site is far when it is this many times the typical distance from the middle…
pub const FAR_FACTOR: f64 = 10.0;
/// …and at least this far, so a tight cluster does not flag its own suburbs.
pub const MIN_FAR_KM: f64 = 100.0;

/// A site that lies far from the others.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outlier {
    /// Index into the positions given.
    pub index: usize,
    /// Distance from the middle, km.
    pub km: f64,
    /// Median distance of all positions from the middle, km.
    pub typical_km: f64,
    /// Written the other way round, the point would lie among the others.
    pub swapped_fits: bool,
}

/// The positions that lie far from the middle (median longitude and latitude) of all of them.
pub fn find(positions: &[LonLat]) -> Vec<Outlier> {
    if positions.len() < MIN_SITES {
        return Vec::new();
    }
    let middle = LonLat::new(
        median(positions.iter().map(|p| p.lon).collect()),
        median(positions.iter().map(|p| p.lat).collect()),
    );
    let distances: Vec<f64> = positions.iter().map(|p| distance_km(*p, middle)).collect();
    let typical_km = median(distances.clone());
    let limit = (typical_km * FAR_FACTOR).max(MIN_FAR_KM);
    distances
        .iter()
        .enumerate()
        .filter(|(_, &km)| km > limit)
        .map(|(index, &km)| {
            let p = positions[index];
            let swapped = LonLat::new(p.lat, p.lon);
            Outlier {
                index,
                km,
                typical_km,
                swapped_fits: distance_km(swapped, middle) <= limit,
            }
        })
        .collect()
}

/// Great-circle distance (haversine on a sphere of the mean Earth radius).
pub fn distance_km(a: LonLat, b: LonLat) -> f64 {
    const EARTH_KM: f64 = 6371.0;
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_KM * h.sqrt().min(1.0).asin()
}

fn median(mut values: Vec<f64>) -> f64 {
    let mid = values.len() / 2;
    let (_, m, _) = values.select_nth_unstable_by(mid, f64::total_cmp);
    *m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suzhou() -> Vec<LonLat> {
        vec![
            LonLat::new(120.339, 31.336),
            LonLat::new(120.5056, 31.3875),
            LonLat::new(120.43, 31.30),
            LonLat::new(120.58, 31.29),
            LonLat::new(120.36, 31.25),
        ]
    }

    #[test]
    fn a_tight_cluster_has_no_outliers() {
        assert_eq!(find(&suzhou()), vec![]);
    }

    #[test]
    fn a_dropped_digit_is_found() {
        let mut sites = suzhou();
        sites.push(LonLat::new(12.05, 31.38));
        let found = find(&sites);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].index, 5);
        assert!(found[0].km > 8000.0, "{found:?}");
        assert!(!found[0].swapped_fits);
    }

    #[test]
    fn a_point_that_fits_when_swapped_is_said_to_be_swapped() {
        let mut sites = vec![
            LonLat::new(60.1, 30.2),
            LonLat::new(60.3, 30.1),
            LonLat::new(60.2, 30.4),
            LonLat::new(60.4, 30.3),
        ];
        sites.push(LonLat::new(30.25, 60.25));
        let found = find(&sites);
        assert_eq!(found.len(), 1);
        assert!(found[0].swapped_fits);
    }

    #[test]
    fn too_few_sites_say_nothing() {
        let sites = vec![LonLat::new(120.0, 31.0), LonLat::new(-70.0, -30.0)];
        assert_eq!(find(&sites), vec![]);
    }

    #[test]
    fn distance_between_suzhou_and_beijing_is_about_1000_km() {
        let d = distance_km(LonLat::new(120.62, 31.30), LonLat::new(116.40, 39.90));
        assert!((d - 1030.0).abs() < 40.0, "{d}");
    }
}
