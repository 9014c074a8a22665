//! What the map's marker layer draws for one view: the clustering rules on
//! top of the cluster index, so the app only renders the answer.
//!
//! Crowds cluster; when few sites are in view each stands alone, since a
//! handful of markers needs no summary; the selected site is never hidden
//! inside a cluster. The index is built with the same constants the rules
//! assume ([`ClusterIndex::for_sites`]), and the zoom at which it holds
//! single sites only is derived from the index's own `max_zoom`, so nothing
//! has to be kept in step by hand.

use crate::cluster::{Cluster, ClusterIndex, MapItem};
use crate::geo::{Bounds, LonLat, Viewport, WorldPoint, MAX_ZOOM};

/// Markers closer than this (CSS px) merge into a cluster.
pub const CLUSTER_RADIUS_PX: f64 = 44.0;
/// The last zoom at which markers cluster; above it every site stands alone.
pub const CLUSTER_MAX_ZOOM: u8 = 16;
/// Up to this many sites in view, every site shows on its own; clusters are for crowds.
pub const CLUSTER_ABOVE: usize = 40;
/// Items this far (CSS px) outside the view are returned too, so a pan shows no gaps.
pub const VIEW_MARGIN_PX: f64 = 96.0;
/// Opening a cluster keeps its members this far (CSS px) from the edges.
pub const OPEN_PADDING_PX: f64 = 64.0;

/// The sites that have a place on the map, as (site index, world point):
/// what [`ClusterIndex::for_sites`] is built over.
pub fn located_points(sites: &[crate::Site]) -> Vec<(usize, WorldPoint)> {
    sites
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.position?.to_world())))
        .collect()
}

impl ClusterIndex {
    /// The index the map draws from, over `points` (site index, world
    /// point): clusters of [`CLUSTER_RADIUS_PX`] at every zoom up to
    /// [`CLUSTER_MAX_ZOOM`].
    pub fn for_sites(points: &[(usize, WorldPoint)]) -> Self {
        Self::build(points, CLUSTER_RADIUS_PX, 0, CLUSTER_MAX_ZOOM)
    }

    /// Exactly what the map draws in `viewport` (and [`VIEW_MARGIN_PX`]
    /// around it), counting only sites for which `admit(site)` holds (the
    /// time filter):
    /// - the `selected` site, when admitted and located, as a single site,
    ///   wherever it is, and never inside a cluster;
    /// - if more than [`CLUSTER_ABOVE`] other sites are in view, the
    ///   clusters and single sites of the index at this zoom;
    /// - otherwise each of them as a single site.
    ///
    /// No site is in two items, and every admitted site in view is in one.
    pub fn map_items(
        &self,
        viewport: &Viewport,
        admit: impl Fn(usize) -> bool,
        selected: Option<usize>,
    ) -> Vec<MapItem> {
        // The selected site is added on its own below, so the index leaves it out.
        let others = |site: usize| Some(site) != selected && admit(site);
        let mut items = self.query(viewport, VIEW_MARGIN_PX, others);
        let in_view: usize = items.iter().map(MapItem::count).sum();
        let max_zoom = f64::from(self.max_zoom());
        // Above max_zoom the index already answered with single sites.
        if in_view <= CLUSTER_ABOVE && viewport.zoom <= max_zoom {
            // The same ground (and margin) seen from a zoom where the index
            // holds single sites only.
            let free_zoom = max_zoom + 1.0;
            let k = (free_zoom - viewport.zoom).exp2();
            let unclustered = Viewport {
                zoom: free_zoom,
                width: viewport.width * k,
                height: viewport.height * k,
                ..*viewport
            };
            items = self.query(&unclustered, VIEW_MARGIN_PX * k, others);
        }
        if let Some(site) = selected.filter(|&s| admit(s)) {
            if let Some(at) = self.site_position(site) {
                items.push(MapItem::Site { site, at });
            }
        }
        items
    }
}

impl Cluster {
    /// The view that opens this cluster from `view`: its members' extent
    /// with [`OPEN_PADDING_PX`] to spare, and at least one zoom level closer
    /// (so even a cluster of sites at one spot comes apart), up to the
    /// map's [`MAX_ZOOM`].
    pub fn opened(&self, view: &Viewport) -> Viewport {
        let (a, b) = (self.bounds.0.to_lon_lat(), self.bounds.1.to_lon_lat());
        let extent = Bounds {
            min: LonLat::new(a.lon.min(b.lon), a.lat.min(b.lat)),
            max: LonLat::new(a.lon.max(b.lon), a.lat.max(b.lat)),
        };
        let fitted = Viewport::fit(extent, view.width, view.height, OPEN_PADDING_PX, MAX_ZOOM);
        Viewport {
            zoom: fitted.zoom.max(view.zoom + 1.0).min(MAX_ZOOM),
            ..fitted
        }
    }
}

/// The number inside a cluster disc, short enough to fit: "12", "1.2k", "36k".
pub fn compact_count(count: usize) -> String {
    match count {
        0..=999 => count.to_string(),
        1000..=9999 => format!("{:.1}k", count as f64 / 1000.0),
        _ => format!("{}k", count / 1000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::tests::{clusters, scene_in, suzhou_view, whole_world};
    use crate::geo::ScreenPoint;
    use proptest::prelude::*;

    /// `n` sites in a tight knot at Suzhou (a few px apart at zoom 10),
    /// numbered 0..n.
    fn knot(n: usize) -> Vec<(usize, WorldPoint)> {
        let v = suzhou_view(10.0);
        (0..n)
            .map(|i| {
                let p = ScreenPoint {
                    x: 640.0 + (i % 10) as f64,
                    y: 400.0 + (i / 10) as f64,
                };
                (i, v.to_world(p))
            })
            .collect()
    }

    fn sites(items: &[MapItem]) -> Vec<usize> {
        let mut s: Vec<usize> = items
            .iter()
            .filter_map(|i| match i {
                MapItem::Site { site, .. } => Some(*site),
                MapItem::Cluster(_) => None,
            })
            .collect();
        s.sort();
        s
    }

    #[test]
    fn a_crowd_clusters_but_a_few_sites_each_stand_alone() {
        let crowd = ClusterIndex::for_sites(&knot(CLUSTER_ABOVE + 1));
        let items = crowd.map_items(&suzhou_view(10.0), |_| true, None);
        assert_eq!(clusters(&items).len(), 1, "{items:?}");
        assert_eq!(items[0].count(), CLUSTER_ABOVE + 1);

        let few = ClusterIndex::for_sites(&knot(CLUSTER_ABOVE));
        let items = few.map_items(&suzhou_view(10.0), |_| true, None);
        assert_eq!(sites(&items), (0..CLUSTER_ABOVE).collect::<Vec<_>>());
    }

    #[test]
    fn the_time_filter_decides_whether_a_crowd_is_a_crowd() {
        let index = ClusterIndex::for_sites(&knot(CLUSTER_ABOVE + 10));
        let v = suzhou_view(10.0);
        assert_eq!(clusters(&index.map_items(&v, |_| true, None)).len(), 1);
        // Ten filtered out leaves CLUSTER_ABOVE: each on its own.
        let items = index.map_items(&v, |s| s >= 10, None);
        assert_eq!(sites(&items), (10..CLUSTER_ABOVE + 10).collect::<Vec<_>>());
    }

    #[test]
    fn the_selected_site_stands_alone_even_in_a_crowd() {
        let pts = knot(CLUSTER_ABOVE + 5);
        let index = ClusterIndex::for_sites(&pts);
        let items = index.map_items(&suzhou_view(10.0), |_| true, Some(7));
        assert!(items.contains(&MapItem::Site {
            site: 7,
            at: pts[7].1
        }));
        let c = clusters(&items);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].count, CLUSTER_ABOVE + 4);
        // Not admitted: not drawn at all.
        let items = index.map_items(&suzhou_view(10.0), |s| s != 7, Some(7));
        assert!(!sites(&items).contains(&7));
        assert_eq!(
            items.iter().map(MapItem::count).sum::<usize>(),
            pts.len() - 1
        );
    }

    #[test]
    fn the_selected_site_stays_drawn_when_the_view_leaves_it() {
        let pts = vec![
            (0, LonLat::new(120.6, 31.3).to_world()),
            (1, LonLat::new(116.4, 39.9).to_world()),
        ];
        let index = ClusterIndex::for_sites(&pts);
        let items = index.map_items(&suzhou_view(12.0), |_| true, Some(1));
        assert_eq!(sites(&items), vec![0, 1]);
        // An unlocated (unknown) selection adds nothing.
        let items = index.map_items(&suzhou_view(12.0), |_| true, Some(9));
        assert_eq!(sites(&items), vec![0]);
    }

    #[test]
    fn the_margin_holds_for_single_sites_too() {
        // A site 50 px beyond the right edge, at a zoom that clusters.
        let v = suzhou_view(10.0);
        let off = v.to_world(ScreenPoint {
            x: v.width + 50.0,
            y: 400.0,
        });
        let far = v.to_world(ScreenPoint {
            x: v.width + VIEW_MARGIN_PX + 50.0,
            y: 400.0,
        });
        let index = ClusterIndex::for_sites(&[(0, off), (1, far)]);
        assert_eq!(sites(&index.map_items(&v, |_| true, None)), vec![0]);
    }

    #[test]
    fn keys_tell_sites_and_clusters_apart() {
        let index = ClusterIndex::for_sites(&knot(CLUSTER_ABOVE + 1));
        let items = index.map_items(&suzhou_view(10.0), |_| true, None);
        let c = clusters(&items)[0].clone();
        let site = MapItem::Site {
            site: c.id as usize,
            at: c.at,
        };
        assert_ne!(site.key(), MapItem::Cluster(c.clone()).key());
        // A recount changes the key, so the label redraws.
        let fewer = index.map_items(&suzhou_view(10.0), |s| s != 0, None);
        assert_ne!(fewer[0].key(), MapItem::Cluster(c).key());
    }

    #[test]
    fn opening_a_cluster_shows_all_its_members_closer() {
        let pts = knot(CLUSTER_ABOVE + 1);
        let index = ClusterIndex::for_sites(&pts);
        let v = suzhou_view(6.0);
        let c = clusters(&index.map_items(&v, |_| true, None))[0].clone();
        let o = c.opened(&v);
        assert!(o.zoom >= v.zoom + 1.0);
        for (_, p) in &pts {
            let s = o.to_screen(*p);
            assert!(s.x >= OPEN_PADDING_PX - 1e-6 && s.x <= o.width - OPEN_PADDING_PX + 1e-6);
            assert!(s.y >= OPEN_PADDING_PX - 1e-6 && s.y <= o.height - OPEN_PADDING_PX + 1e-6);
        }
    }

    #[test]
    fn a_cluster_that_fills_the_view_still_opens_one_level_closer() {
        // A 140 px view leaves 12 px inside the padding, less than the knot's
        // 9 x 4 px at zoom 10 needs one level closer: the level rule wins.
        let index = ClusterIndex::for_sites(&knot(CLUSTER_ABOVE + 1));
        let v = Viewport {
            width: 140.0,
            height: 140.0,
            ..suzhou_view(10.0)
        };
        let c = clusters(&index.map_items(&v, |_| true, None))[0].clone();
        assert_eq!(c.opened(&v).zoom, 11.0);
    }

    #[test]
    fn a_cluster_at_one_spot_opens_as_close_as_the_map_allows() {
        let p = LonLat::new(120.6, 31.3).to_world();
        let pts: Vec<_> = (0..50).map(|i| (i, p)).collect();
        let index = ClusterIndex::for_sites(&pts);
        let v = suzhou_view(f64::from(CLUSTER_MAX_ZOOM));
        let c = clusters(&index.map_items(&v, |_| true, None))[0].clone();
        assert_eq!(c.opened(&v).zoom, MAX_ZOOM);
        let closer = suzhou_view(MAX_ZOOM - 0.5);
        assert_eq!(c.opened(&closer).zoom, MAX_ZOOM);
    }

    #[test]
    fn counts_read_short() {
        assert_eq!(compact_count(2), "2");
        assert_eq!(compact_count(999), "999");
        assert_eq!(compact_count(1000), "1.0k");
        assert_eq!(compact_count(1234), "1.2k");
        assert_eq!(compact_count(9949), "9.9k");
        assert_eq!(compact_count(10_000), "10k");
        assert_eq!(compact_count(36_789), "36k");
    }

    /// Points in a few tight groups (so every zoom has clusters and singles)
    /// numbered 1, 3, 5, … in shuffled order: the even numbers stand for
    /// sites without a position, which the index never sees.
    fn scene() -> impl Strategy<Value = Vec<(usize, WorldPoint)>> {
        scene_in(1..5, 1..60)
    }

    proptest! {
        #[test]
        fn every_admitted_site_is_drawn_once_and_the_selected_one_alone(
            pts in scene(), zoom in 0.0f64..18.0, keep in 0u64..4, salt in any::<u64>(),
            pick in any::<prop::sample::Index>(),
        ) {
            let index = ClusterIndex::for_sites(&pts);
            let admit = |s: usize| keep == 3 || (s as u64 ^ salt) % 3 < keep;
            // Any number up to the largest, so unlocated (even) ones too.
            let selected = Some(pick.index(2 * pts.len() + 2));
            let items = index.map_items(&whole_world(zoom), admit, selected);
            let others = |s: usize| Some(s) != selected && admit(s);
            let mut drawn = Vec::new();
            for item in &items {
                match item {
                    MapItem::Site { site, .. } => drawn.push(*site),
                    MapItem::Cluster(c) => drawn.extend(c.members(&index, others)),
                }
            }
            drawn.sort();
            let mut expected: Vec<usize> = pts.iter().map(|&(s, _)| s).filter(|&s| admit(s)).collect();
            expected.sort();
            prop_assert_eq!(items.iter().map(MapItem::count).sum::<usize>(), expected.len());
            prop_assert_eq!(&drawn, &expected);
            let located = pts.iter().find(|(s, _)| Some(*s) == selected);
            if let (Some(&(site, at)), true) = (located, selected.is_some_and(admit)) {
                let alone = MapItem::Site { site, at };
                prop_assert!(items.contains(&alone));
            }
            if expected.iter().filter(|&&s| Some(s) != selected).count() <= CLUSTER_ABOVE {
                prop_assert!(clusters(&items).is_empty());
            }
            let mut keys: Vec<_> = items.iter().map(MapItem::key).collect();
            keys.sort();
            keys.dedup();
            prop_assert_eq!(keys.len(), items.len());
        }

        #[test]
        fn a_view_without_clusters_draws_exactly_the_admitted_sites_in_it(
            pts in scene(), zoom in 2.0f64..18.0, cx in 0.1f64..0.9, cy in 0.1f64..0.9,
            salt in any::<u64>(), pick in any::<prop::sample::Index>(),
        ) {
            let index = ClusterIndex::for_sites(&pts);
            let view = Viewport { center: WorldPoint { x: cx, y: cy }, zoom, width: 1280.0, height: 800.0 };
            let admit = |s: usize| !(s as u64 ^ salt).is_multiple_of(4);
            let selected = Some(pts[pick.index(pts.len())].0);
            let items = index.map_items(&view, admit, selected);
            let others: Vec<&MapItem> = items
                .iter()
                .filter(|i| !matches!(i, MapItem::Site { site, .. } if Some(*site) == selected))
                .collect();
            prop_assert_eq!(others.len() + 1, items.len() + usize::from(!selected.is_some_and(admit)));
            if others.iter().any(|i| matches!(i, MapItem::Cluster(_))) {
                // Clusters only for a crowd.
                prop_assert!(others.iter().map(|i| i.count()).sum::<usize>() > CLUSTER_ABOVE);
            } else {
                let lo = view.to_world(ScreenPoint { x: -VIEW_MARGIN_PX, y: -VIEW_MARGIN_PX });
                let hi = view.to_world(ScreenPoint { x: view.width + VIEW_MARGIN_PX, y: view.height + VIEW_MARGIN_PX });
                let mut expected: Vec<usize> = pts
                    .iter()
                    .filter(|(s, p)| Some(*s) != selected && admit(*s) && p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y)
                    .map(|&(s, _)| s)
                    .collect();
                expected.sort();
                let drawn: Vec<MapItem> = others.into_iter().cloned().collect();
                prop_assert_eq!(sites(&drawn), expected);
            }
        }
    }
}
