//! What the map frames when a dataset opens. Fitting every point lets one
//! typo (a Suzhou site in the Indian Ocean) shrink the real sites to a dot;
//! so a few points far from all the others are left out of the first view,
//! said so in the alert, and stay reachable by zooming out or from the list.

use crate::geo::{Bounds, LonLat};
use crate::model::Site;
use crate::outliers;

/// At most this share of the located sites may be left out of the first view:
/// the view always shows at least 95% of them.
pub const MAX_LEFT_OUT: f64 = 0.05;

/// The first view's frame.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstView {
    /// Bounds of the sites framed, whole routes and areas included.
    pub bounds: Bounds,
    /// Indexes (into the sites) of the far-off sites left out, in file order.
    pub left_out: Vec<usize>,
}

/// The frame for `sites`, or `None` when no site is located.
pub fn first_view(sites: &[Site]) -> Option<FirstView> {
    let located: Vec<(usize, LonLat)> = sites
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.position.map(|p| (i, p)))
        .collect();
    let positions: Vec<LonLat> = located.iter().map(|(_, p)| *p).collect();
    let mut left_out: Vec<usize> = outliers::find(&positions)
        .into_iter()
        .map(|o| located[o.index].0)
        .collect();
    // Many "outliers" are not typos but a dataset with two regions: frame them all.
    if left_out.len() as f64 > located.len() as f64 * MAX_LEFT_OUT {
        left_out.clear();
    }
    left_out.sort_unstable();
    let bounds = Bounds::around(
        sites
            .iter()
            .enumerate()
            .filter(|(i, _)| left_out.binary_search(i).is_err())
            .flat_map(|(_, s)| {
                s.position
                    .into_iter()
                    .chain(s.shape.iter().flat_map(|shape| shape.positions()))
            }),
    )?;
    Some(FirstView { bounds, left_out })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn site_at(lon: f64, lat: f64) -> Site {
        Site {
            position: Some(LonLat::new(lon, lat)),
            ..Site::default()
        }
    }

    /// `n` sites in a cluster around Suzhou, a few hundred metres apart.
    fn suzhou(n: usize) -> Vec<Site> {
        (0..n)
            .map(|i| {
                site_at(
                    120.5 + (i % 10) as f64 * 0.01,
                    31.3 + (i / 10) as f64 * 0.01,
                )
            })
            .collect()
    }

    #[test]
    fn a_few_far_off_points_are_left_out_and_named() {
        let mut sites = suzhou(100);
        sites.insert(7, site_at(-70.0, -30.0));
        sites.push(site_at(10.0, 60.0));
        let view = first_view(&sites).unwrap();
        assert_eq!(view.left_out, vec![7, 101]);
        assert!(view.bounds.max.lon < 121.0 && view.bounds.min.lon > 120.0);
    }

    #[test]
    fn two_regions_are_both_framed() {
        let mut sites = suzhou(50);
        sites.extend((0..50).map(|i| site_at(2.3 + i as f64 * 0.001, 48.8)));
        let view = first_view(&sites).unwrap();
        assert!(view.left_out.is_empty());
        assert!(view.bounds.min.lon < 3.0 && view.bounds.max.lon > 120.0);
    }

    #[test]
    fn nothing_located_has_no_first_view() {
        assert_eq!(first_view(&[Site::default()]), None);
        assert_eq!(first_view(&[]), None);
    }

    proptest! {
        /// Whatever the points, the view frames at least 95% of them, and
        /// every point it does not frame is one it names as left out.
        #[test]
        fn at_least_95_percent_are_framed(
            points in prop::collection::vec((-180.0f64..180.0, -85.0f64..85.0), 1..120),
            cluster in 0usize..200,
        ) {
            let mut sites = suzhou(cluster);
            sites.extend(points.iter().map(|&(lon, lat)| site_at(lon, lat)));
            let view = first_view(&sites).unwrap();
            let mut framed = 0;
            for (i, site) in sites.iter().enumerate() {
                let p = site.position.unwrap();
                let inside = p.lon >= view.bounds.min.lon && p.lon <= view.bounds.max.lon
                    && p.lat >= view.bounds.min.lat && p.lat <= view.bounds.max.lat;
                prop_assert!(inside || view.left_out.contains(&i), "site {} is neither framed nor named", i);
                framed += usize::from(inside);
            }
            prop_assert!(framed as f64 >= sites.len() as f64 * (1.0 - MAX_LEFT_OUT));
        }
    }
}
