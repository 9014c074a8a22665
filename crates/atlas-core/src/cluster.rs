//! Marker clustering: a Supercluster-style hierarchy built once per dataset
//! and recounted per frame on the sites that pass the time filter.
//!
//! Building follows Supercluster (greedy clustering per integer zoom, from
//! `max_zoom` down to `min_zoom`, each level clustering the one below it with a
//! KD-tree radius search), over ALL sites. Each node of the resulting tree owns
//! a contiguous range of an array of leaves laid out in depth-first order, so at
//! query time a cluster is recounted over just the admitted sites by one linear
//! scan of its range: the time cursor can move every frame without rebuilding.
//! A cluster whose admitted count falls to one is shown as that site, and one
//! with none disappears.
//!
//! No crate fits: `rstar` and `kdbush`-style crates give the spatial index but
//! not the hierarchy, and a JS-free Supercluster port that recounts on a filter
//! does not exist. The static KD-tree below is sixty lines.

use crate::geo::{ScreenPoint, Viewport, WorldPoint, TILE_SIZE};

/// Leaves per KD-tree bucket: below this a linear scan beats descending.
const KD_NODE_SIZE: usize = 64;

/// A node of the hierarchy: a site (leaf) or a cluster of nodes.
#[derive(Clone, Copy, Debug)]
struct Node {
    /// Mean position of all member sites (admitted or not): where the
    /// clustering at the next zoom out sees this node.
    at: WorldPoint,
    /// Range of this node's member sites in `ClusterIndex::leaf_site`.
    start: u32,
    end: u32,
}

/// A static KD-tree over the nodes of one zoom level (median split,
/// alternating axes, buckets of `KD_NODE_SIZE`; see `sort_kd`). Stored levels
/// hold bare node ids (`Kd<u32>`), a quarter of the memory; while building,
/// the radius searches run on `Kd<KdEntry>`, whose positions are inline.
#[derive(Clone, Debug, Default)]
struct Kd<T> {
    items: Vec<T>,
}

/// One KD item with its position beside it, for the build's many searches.
#[derive(Clone, Copy, Debug)]
struct KdEntry {
    x: f64,
    y: f64,
    id: u32,
}

/// What a KD-tree holds: a node id, and a way to find the node's position.
trait KdItem: Copy {
    fn id(self) -> u32;
    fn at(self, nodes: &[Node]) -> WorldPoint;
}

impl KdItem for u32 {
    fn id(self) -> u32 {
        self
    }
    fn at(self, nodes: &[Node]) -> WorldPoint {
        nodes[self as usize].at
    }
}

impl KdItem for KdEntry {
    fn id(self) -> u32 {
        self.id
    }
    fn at(self, _: &[Node]) -> WorldPoint {
        WorldPoint {
            x: self.x,
            y: self.y,
        }
    }
}

fn sort_kd(entries: &mut [KdEntry], axis: usize) {
    if entries.len() <= KD_NODE_SIZE {
        return;
    }
    let m = entries.len() / 2;
    let key = |e: &KdEntry| if axis == 0 { e.x } else { e.y };
    entries.select_nth_unstable_by(m, |a, b| key(a).total_cmp(&key(b)));
    let (left, right) = entries.split_at_mut(m);
    sort_kd(left, 1 - axis);
    sort_kd(&mut right[1..], 1 - axis);
}

impl Kd<KdEntry> {
    fn build(ids: &[u32], nodes: &[Node]) -> Self {
        let mut items: Vec<KdEntry> = ids
            .iter()
            .map(|&id| {
                let at = nodes[id as usize].at;
                KdEntry {
                    x: at.x,
                    y: at.y,
                    id,
                }
            })
            .collect();
        sort_kd(&mut items, 0);
        Self { items }
    }

    /// The same tree keeping only the ids.
    fn into_ids(self) -> Kd<u32> {
        Kd {
            items: self.items.into_iter().map(|e| e.id).collect(),
        }
    }
}

impl<T: KdItem> Kd<T> {
    /// Calls `visit` with every node id in the box `min..=max` for which
    /// `inside` holds (the box prunes, `inside` decides).
    fn search(
        &self,
        nodes: &[Node],
        min: WorldPoint,
        max: WorldPoint,
        inside: impl Fn(WorldPoint) -> bool,
        mut visit: impl FnMut(u32),
    ) {
        // Depth-first, so at most one pending span per tree level: a fixed
        // array (the tree has < 64 levels) saves an allocation per search,
        // and the build searches once per node per zoom.
        let mut stack = [(0usize, 0usize, 0usize); 64];
        stack[0] = (0, self.items.len(), 0);
        let mut depth = 1;
        while depth > 0 {
            depth -= 1;
            let (lo, hi, axis) = stack[depth];
            if hi - lo <= KD_NODE_SIZE {
                for &item in &self.items[lo..hi] {
                    if inside(item.at(nodes)) {
                        visit(item.id());
                    }
                }
                continue;
            }
            let m = lo + (hi - lo) / 2;
            let item = self.items[m];
            let at = item.at(nodes);
            if inside(at) {
                visit(item.id());
            }
            let (split, lo_edge, hi_edge) = if axis == 0 {
                (at.x, min.x, max.x)
            } else {
                (at.y, min.y, max.y)
            };
            // Equal coordinates can sit on either side of a median split.
            if lo_edge <= split {
                stack[depth] = (lo, m, 1 - axis);
                depth += 1;
            }
            if hi_edge >= split {
                stack[depth] = (m + 1, hi, 1 - axis);
                depth += 1;
            }
        }
    }

    fn in_box(&self, nodes: &[Node], min: WorldPoint, max: WorldPoint, visit: impl FnMut(u32)) {
        let inside = |p: WorldPoint| p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
        self.search(nodes, min, max, inside, visit);
    }

    fn within(&self, nodes: &[Node], c: WorldPoint, r: f64, visit: impl FnMut(u32)) {
        let min = WorldPoint {
            x: c.x - r,
            y: c.y - r,
        };
        let max = WorldPoint {
            x: c.x + r,
            y: c.y + r,
        };
        let r2 = r * r;
        let inside = |p: WorldPoint| (p.x - c.x).powi(2) + (p.y - c.y).powi(2) <= r2;
        self.search(nodes, min, max, inside, visit);
    }
}

/// The clustering hierarchy of one dataset; see the module documentation.
#[derive(Clone, Debug)]
pub struct ClusterIndex {
    min_zoom: u8,
    max_zoom: u8,
    /// Sites first (node i < number of sites is the i-th input point), then clusters.
    nodes: Vec<Node>,
    /// How many nodes are sites; cluster ids start here.
    leaf_count: usize,
    /// Site index of each leaf, in depth-first order of the hierarchy.
    leaf_site: Vec<u32>,
    /// World position of each leaf, same order (kept beside `leaf_site` so a
    /// recount scans two dense arrays).
    leaf_at: Vec<WorldPoint>,
    /// `levels[z - min_zoom]` indexes the nodes shown at integer zoom z;
    /// the last one, for zooms above `max_zoom`, holds the sites alone.
    levels: Vec<Kd<u32>>,
}

/// Something to draw on the map at the current view.
#[derive(Clone, Debug, PartialEq)]
pub enum MapItem {
    /// One admitted site, drawn as its own marker.
    Site {
        /// The site's index, as given to [`ClusterIndex::build`].
        site: usize,
        /// Where it is.
        at: WorldPoint,
    },
    /// Two or more admitted sites too close to tell apart at this zoom.
    Cluster(Cluster),
}

impl MapItem {
    /// A key that tells the items of one answer apart and stays the same
    /// across frames while the item is unchanged, so a view can reuse its
    /// DOM node. A site is (site index, 0); a cluster is (id, count): its
    /// count is at least 2, so the two never collide, and a recount changes
    /// the key so its label is redrawn.
    pub fn key(&self) -> (u64, usize) {
        match self {
            MapItem::Site { site, .. } => (*site as u64, 0),
            MapItem::Cluster(c) => (c.id, c.count),
        }
    }

    /// How many admitted sites the item stands for: 1 for a site.
    pub fn count(&self) -> usize {
        match self {
            MapItem::Site { .. } => 1,
            MapItem::Cluster(c) => c.count,
        }
    }
}

/// A group of admitted sites drawn as one marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Mean position of the admitted member sites.
    pub at: WorldPoint,
    /// Number of admitted member sites (at least 2).
    pub count: usize,
    /// North-west and south-east corners (min x/y, max x/y in world
    /// coordinates) of the admitted members: zoom to this to open the cluster.
    pub bounds: (WorldPoint, WorldPoint),
    /// Identity of the cluster in the hierarchy, the same across frames and
    /// time filters at one zoom (and across zooms while the cluster is
    /// unchanged), so it can key rendering. At least the number of sites
    /// indexed, so it differs from every site index when sites are numbered
    /// from 0 without gaps (and [`MapItem::key`] tells them apart anyway).
    pub id: u64,
    start: u32,
    end: u32,
}

impl Cluster {
    /// The admitted member sites, e.g. to list them; pass the same `admit` as
    /// to the query that produced this cluster.
    pub fn members(&self, index: &ClusterIndex, admit: impl Fn(usize) -> bool) -> Vec<usize> {
        index.leaf_site[self.start as usize..self.end as usize]
            .iter()
            .map(|&s| s as usize)
            .filter(|&s| admit(s))
            .collect()
    }
}

impl ClusterIndex {
    /// Builds the hierarchy over all `points`: (site index, world point).
    /// `radius_px` is the cluster radius in CSS pixels (e.g. 40); clusters
    /// exist at integer zooms `min_zoom..=max_zoom` and above `max_zoom`
    /// nothing clusters. Points with non-finite coordinates are left out.
    pub fn build(
        points: &[(usize, WorldPoint)],
        radius_px: f64,
        min_zoom: u8,
        max_zoom: u8,
    ) -> Self {
        let max_zoom = max_zoom.max(min_zoom);
        let mut points: Vec<(usize, WorldPoint)> = points
            .iter()
            .copied()
            .filter(|(_, p)| p.x.is_finite() && p.y.is_finite())
            .collect();
        // Leaf nodes in site order let `site_position` binary-search them
        // with no extra table; input usually comes sorted, which this sort
        // (stable, so equal sites keep their order) checks in one pass.
        points.sort_by_key(|&(site, _)| site);
        let leaf_count = points.len();
        let mut nodes: Vec<Node> = points
            .iter()
            .map(|&(_, at)| Node {
                at,
                start: 0,
                end: 1,
            })
            .collect();
        // Children of cluster node `leaf_count + k` are children[child_ranges[k]].
        let mut children: Vec<u32> = Vec::new();
        let mut child_ranges: Vec<(u32, u32)> = Vec::new();
        let mut counts: Vec<u32> = vec![1; leaf_count];

        // Levels from the finest (sites alone) up to min_zoom; reversed at the end.
        let mut current: Vec<u32> = (0..leaf_count as u32).collect();
        let mut levels_fine_to_coarse = Vec::with_capacity((max_zoom - min_zoom) as usize + 2);
        let mut claimed = vec![false; leaf_count];
        for z in (min_zoom..=max_zoom).rev() {
            let kd = Kd::build(&current, &nodes);
            let r = radius_px / (TILE_SIZE * f64::from(z).exp2());
            claimed.clear();
            claimed.resize(nodes.len(), false);
            let mut next = Vec::with_capacity(current.len());
            let mut neighbours = Vec::new();
            // Seeds are taken in KD order rather than Supercluster's input
            // order: equally greedy, but consecutive searches touch the same
            // part of the tree, which made building 30% faster, and the next
            // level comes out spatially ordered too.
            for id in kd.items.iter().map(|e| e.id) {
                if claimed[id as usize] {
                    continue;
                }
                claimed[id as usize] = true;
                neighbours.clear();
                let at = nodes[id as usize].at;
                kd.within(&nodes, at, r, |other| {
                    if !claimed[other as usize] {
                        neighbours.push(other);
                    }
                });
                if neighbours.is_empty() {
                    next.push(id);
                    continue;
                }
                let first = children.len() as u32;
                children.push(id);
                let (mut wx, mut wy, mut n) = (0.0, 0.0, 0u32);
                for &member in std::iter::once(&id).chain(neighbours.iter()) {
                    claimed[member as usize] = true;
                    let c = counts[member as usize];
                    let p = nodes[member as usize].at;
                    wx += p.x * f64::from(c);
                    wy += p.y * f64::from(c);
                    n += c;
                }
                children.extend_from_slice(&neighbours);
                child_ranges.push((first, children.len() as u32));
                let cluster = nodes.len() as u32;
                nodes.push(Node {
                    at: WorldPoint {
                        x: wx / f64::from(n),
                        y: wy / f64::from(n),
                    },
                    start: 0,
                    end: n,
                });
                counts.push(n);
                next.push(cluster);
            }
            levels_fine_to_coarse.push(kd.into_ids());
            current = next;
        }
        levels_fine_to_coarse.push(Kd::build(&current, &nodes).into_ids());

        // Lay the leaves out depth-first from the coarsest level, so every
        // node's members are one contiguous range.
        let mut leaf_site = Vec::with_capacity(leaf_count);
        let mut leaf_at = Vec::with_capacity(leaf_count);
        let mut stack: Vec<u32> = current.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            let start = leaf_site.len() as u32;
            let node = &mut nodes[id as usize];
            node.start = start;
            node.end = start + counts[id as usize];
            if (id as usize) < leaf_count {
                leaf_site.push(points[id as usize].0 as u32);
                leaf_at.push(points[id as usize].1);
            } else {
                let (a, b) = child_ranges[id as usize - leaf_count];
                stack.extend(children[a as usize..b as usize].iter().rev());
            }
        }
        levels_fine_to_coarse.reverse();
        Self {
            min_zoom,
            max_zoom,
            nodes,
            leaf_count,
            leaf_site,
            leaf_at,
            levels: levels_fine_to_coarse,
        }
    }

    /// How many sites the index holds.
    pub fn site_count(&self) -> usize {
        self.leaf_count
    }

    /// The last zoom at which sites cluster; above it every site stands alone.
    pub fn max_zoom(&self) -> u8 {
        self.max_zoom
    }

    /// Where `site` is, if the index holds it.
    pub fn site_position(&self, site: usize) -> Option<WorldPoint> {
        // Nodes below `leaf_count` are the sites, sorted by site (see `build`).
        let site_of = |node: &Node| self.leaf_site[node.start as usize] as usize;
        let leaves = &self.nodes[..self.leaf_count];
        let i = leaves.partition_point(|n| site_of(n) < site);
        leaves.get(i).filter(|n| site_of(n) == site).map(|n| n.at)
    }

    /// Which level a (fractional) zoom shows: floor(zoom) within
    /// `min_zoom..=max_zoom`, and the unclustered sites for any zoom above
    /// `max_zoom` (so "above max_zoom nothing clusters" holds for fractional
    /// zooms too, unlike Supercluster's floor, which clusters up to max_zoom + 1).
    fn level_for(&self, zoom: f64) -> &Kd<u32> {
        let i = if zoom > f64::from(self.max_zoom) {
            self.levels.len() - 1
        } else {
            let z = zoom.floor().max(f64::from(self.min_zoom));
            (z as usize).saturating_sub(self.min_zoom as usize)
        };
        &self.levels[i]
    }

    /// Clusters and single sites to draw in `viewport` (extended by `margin_px`
    /// on every side), at the level for `viewport.zoom`, counting only sites
    /// for which `admit(site)` is true.
    ///
    /// An item is returned when its node's position (the mean of all its
    /// members, admitted or not) is in the box. A member can lie up to
    /// 4 × `radius_px` from that position (each level adds at most twice its
    /// radius, and radii halve per level); 36,000 random sites measured at most
    /// 1.6 × radius. So a margin of about 2 × `radius_px` keeps the clusters
    /// whose admitted members reach into the view. The world does not wrap
    /// at the antimeridian.
    pub fn query(
        &self,
        viewport: &Viewport,
        margin_px: f64,
        admit: impl Fn(usize) -> bool,
    ) -> Vec<MapItem> {
        let min = viewport.to_world(ScreenPoint {
            x: -margin_px,
            y: -margin_px,
        });
        let max = viewport.to_world(ScreenPoint {
            x: viewport.width + margin_px,
            y: viewport.height + margin_px,
        });
        let mut items = Vec::new();
        self.level_for(viewport.zoom)
            .in_box(&self.nodes, min, max, |id| {
                if let Some(item) = self.recount(id, &admit) {
                    items.push(item);
                }
            });
        items
    }

    /// The item a node shows as under the filter, if any.
    fn recount(&self, id: u32, admit: &impl Fn(usize) -> bool) -> Option<MapItem> {
        let node = self.nodes[id as usize];
        let (start, end) = (node.start as usize, node.end as usize);
        if (id as usize) < self.leaf_count {
            let site = self.leaf_site[start] as usize;
            return admit(site).then_some(MapItem::Site { site, at: node.at });
        }
        let (mut count, mut sx, mut sy) = (0usize, 0.0, 0.0);
        let mut lo = WorldPoint {
            x: f64::INFINITY,
            y: f64::INFINITY,
        };
        let mut hi = WorldPoint {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        };
        let mut last = 0;
        for (&site, &p) in self.leaf_site[start..end]
            .iter()
            .zip(&self.leaf_at[start..end])
        {
            if !admit(site as usize) {
                continue;
            }
            count += 1;
            last = site as usize;
            sx += p.x;
            sy += p.y;
            // Plain comparisons rather than f64::min/max: positions are
            // finite (see `build`), and in WebAssembly `min`/`max` need extra
            // NaN handling that made this loop markedly slower.
            if p.x < lo.x {
                lo.x = p.x;
            }
            if p.x > hi.x {
                hi.x = p.x;
            }
            if p.y < lo.y {
                lo.y = p.y;
            }
            if p.y > hi.y {
                hi.y = p.y;
            }
        }
        match count {
            0 => None,
            // The box of one point is that point.
            1 => Some(MapItem::Site { site: last, at: lo }),
            _ => Some(MapItem::Cluster(Cluster {
                at: WorldPoint {
                    x: sx / count as f64,
                    y: sy / count as f64,
                },
                count,
                bounds: (lo, hi),
                id: u64::from(id),
                start: node.start,
                end: node.end,
            })),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::geo::LonLat;
    use proptest::prelude::*;

    /// Shared with the map-items tests.
    pub(crate) fn whole_world(zoom: f64) -> Viewport {
        let side = TILE_SIZE * zoom.exp2();
        Viewport {
            center: WorldPoint { x: 0.5, y: 0.5 },
            zoom,
            width: side,
            height: side,
        }
    }

    /// Shared with the map-items tests.
    pub(crate) fn suzhou_view(zoom: f64) -> Viewport {
        Viewport {
            center: LonLat::new(120.6, 31.3).to_world(),
            zoom,
            width: 1280.0,
            height: 800.0,
        }
    }

    /// Points at screen offsets (in px at `zoom`) from Suzhou.
    fn at_px(offsets: &[(f64, f64)], zoom: f64) -> Vec<(usize, WorldPoint)> {
        let v = suzhou_view(zoom);
        offsets
            .iter()
            .enumerate()
            .map(|(i, &(dx, dy))| {
                (
                    i,
                    v.to_world(ScreenPoint {
                        x: 640.0 + dx,
                        y: 400.0 + dy,
                    }),
                )
            })
            .collect()
    }

    /// Shared with the map-items tests.
    pub(crate) fn clusters(items: &[MapItem]) -> Vec<&Cluster> {
        items
            .iter()
            .filter_map(|i| match i {
                MapItem::Cluster(c) => Some(c),
                MapItem::Site { .. } => None,
            })
            .collect()
    }

    #[test]
    fn near_points_cluster_and_far_points_do_not() {
        // At zoom 10: a pair 10 px apart, and a third point 300 px away.
        let pts = at_px(&[(0.0, 0.0), (10.0, 0.0), (300.0, 0.0)], 10.0);
        let index = ClusterIndex::build(&pts, 40.0, 0, 16);
        let items = index.query(&suzhou_view(10.0), 0.0, |_| true);
        assert_eq!(items.len(), 2, "{items:?}");
        let c = clusters(&items);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].count, 2);
        let mut members = c[0].members(&index, |_| true);
        members.sort();
        assert_eq!(members, vec![0, 1]);
        assert!(items.contains(&MapItem::Site {
            site: 2,
            at: pts[2].1
        }));
        // Four zooms in, the pair is 160 px apart: two sites.
        let items = index.query(&suzhou_view(14.0), 1000.0, |_| true);
        assert!(clusters(&items).is_empty(), "{items:?}");
    }

    #[test]
    fn the_filter_recounts_clusters_without_rebuilding() {
        let pts = at_px(&[(0.0, 0.0), (5.0, 0.0), (0.0, 5.0), (5.0, 5.0)], 10.0);
        let index = ClusterIndex::build(&pts, 40.0, 0, 16);
        let v = suzhou_view(10.0);
        let all = index.query(&v, 0.0, |_| true);
        let c = clusters(&all)[0].clone();
        assert_eq!(c.count, 4);
        // Three admitted: still a cluster, same id, centre and bounds of the three.
        let three = index.query(&v, 0.0, |s| s != 3);
        let c3 = clusters(&three)[0].clone();
        assert_eq!((c3.count, c3.id), (3, c.id));
        let expect_x = (pts[0].1.x + pts[1].1.x + pts[2].1.x) / 3.0;
        assert!((c3.at.x - expect_x).abs() < 1e-15);
        assert_eq!(c3.bounds.1.y, pts[2].1.y.max(pts[0].1.y));
        // One admitted: that site, at its own position.
        let one = index.query(&v, 0.0, |s| s == 2);
        assert_eq!(
            one,
            vec![MapItem::Site {
                site: 2,
                at: pts[2].1
            }]
        );
        // None admitted: nothing.
        assert!(index.query(&v, 0.0, |_| false).is_empty());
    }

    #[test]
    fn only_items_in_the_view_are_returned() {
        // A far-away site (Beijing) is not in a Suzhou view at zoom 12.
        let pts = vec![
            (0, LonLat::new(120.6, 31.3).to_world()),
            (1, LonLat::new(116.4, 39.9).to_world()),
        ];
        let index = ClusterIndex::build(&pts, 40.0, 0, 16);
        let items = index.query(&suzhou_view(12.0), 50.0, |_| true);
        assert_eq!(
            items,
            vec![MapItem::Site {
                site: 0,
                at: pts[0].1
            }]
        );
    }

    #[test]
    fn zoom_below_min_uses_the_coarsest_level_and_empty_input_is_fine() {
        let pts = at_px(&[(0.0, 0.0), (1.0, 0.0)], 3.0);
        let index = ClusterIndex::build(&pts, 40.0, 3, 16);
        assert_eq!(
            clusters(&index.query(&suzhou_view(1.0), 0.0, |_| true)).len(),
            1
        );
        let empty = ClusterIndex::build(&[], 40.0, 0, 16);
        assert!(empty.query(&whole_world(2.0), 0.0, |_| true).is_empty());
    }

    #[test]
    fn many_sites_at_one_spot_stay_one_cluster_until_max_zoom() {
        let p = LonLat::new(120.6, 31.3).to_world();
        let pts: Vec<_> = (0..200).map(|i| (i, p)).collect();
        let index = ClusterIndex::build(&pts, 40.0, 0, 16);
        let items = index.query(&suzhou_view(16.0), 0.0, |_| true);
        assert_eq!(clusters(&items)[0].count, 200);
        let items = index.query(&suzhou_view(16.5), 0.0, |_| true);
        assert_eq!(items.len(), 200);
    }

    #[test]
    fn a_site_is_found_whatever_order_the_sites_came_in() {
        let pts = at_px(&[(0.0, 0.0), (10.0, 0.0), (300.0, 0.0)], 10.0);
        let shuffled = vec![(9, pts[0].1), (2, pts[1].1), (5, pts[2].1)];
        let index = ClusterIndex::build(&shuffled, 40.0, 0, 16);
        assert_eq!(index.site_position(2), Some(pts[1].1));
        assert_eq!(index.site_position(5), Some(pts[2].1));
        assert_eq!(index.site_position(9), Some(pts[0].1));
        assert_eq!(index.site_position(0), None);
        assert_eq!(index.site_position(10), None);
        assert_eq!(ClusterIndex::build(&[], 40.0, 0, 16).site_position(0), None);
    }

    /// Points in a few tight groups plus scatter, so every zoom has clusters
    /// and singles; site indices are shuffled so they differ from positions.
    fn scene() -> impl Strategy<Value = Vec<(usize, WorldPoint)>> {
        scene_in(1..6, 1..40)
    }

    /// [`scene`] with `groups` groups of `per_group` points each (the
    /// map-items tests need crowds past their threshold); site numbers are
    /// odd, so even ones can stand for sites without a position.
    pub(crate) fn scene_in(
        groups: std::ops::Range<usize>,
        per_group: std::ops::Range<usize>,
    ) -> impl Strategy<Value = Vec<(usize, WorldPoint)>> {
        let group = (0.1f64..0.9, 0.1f64..0.9, 1e-7f64..1e-2, per_group);
        (prop::collection::vec(group, groups), any::<u64>()).prop_map(|(groups, seed)| {
            let mut rng = seed | 1;
            let mut next = move || {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                (rng >> 11) as f64 / (1u64 << 53) as f64
            };
            let mut pts = Vec::new();
            for (cx, cy, spread, n) in groups {
                for _ in 0..n {
                    let at = WorldPoint {
                        x: cx + (next() - 0.5) * spread,
                        y: cy + (next() - 0.5) * spread,
                    };
                    pts.push(at);
                }
            }
            let n = pts.len();
            pts.into_iter()
                .enumerate()
                .map(|(i, at)| ((i * 7919) % n * 2 + 1, at))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn the_kd_tree_finds_exactly_what_a_linear_scan_finds(
            pts in prop::collection::vec((0.0f64..1.0, 0.0f64..1.0), 0..2000),
            a in (0.0f64..1.0, 0.0f64..1.0), b in (0.0f64..1.0, 0.0f64..1.0), r in 0.0f64..0.3,
        ) {
            // Snap to a coarse grid so ties on split coordinates are common.
            let nodes: Vec<Node> = pts
                .iter()
                .map(|&(x, y)| Node { at: WorldPoint { x: (x * 64.0).round() / 64.0, y: (y * 64.0).round() / 64.0 }, start: 0, end: 1 })
                .collect();
            let ids: Vec<u32> = (0..nodes.len() as u32).collect();
            let with_positions = Kd::build(&ids, &nodes);
            let bare = with_positions.clone().into_ids();
            // The box and radius on the same grid, so edges meet splits exactly.
            let snap = |v: f64| (v * 64.0).round() / 64.0;
            let (a, b, r) = ((snap(a.0), snap(a.1)), (snap(b.0), snap(b.1)), snap(r));
            let min = WorldPoint { x: a.0.min(b.0), y: a.1.min(b.1) };
            let max = WorldPoint { x: a.0.max(b.0), y: a.1.max(b.1) };
            let in_box: Vec<u32> = ids
                .iter()
                .copied()
                .filter(|&i| { let p = nodes[i as usize].at; p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y })
                .collect();
            let near: Vec<u32> = ids
                .iter()
                .copied()
                .filter(|&i| { let p = nodes[i as usize].at; (p.x - min.x).powi(2) + (p.y - min.y).powi(2) <= r * r })
                .collect();
            let sorted = |mut v: Vec<u32>| { v.sort(); v };
            let mut found = (Vec::new(), Vec::new());
            with_positions.in_box(&nodes, min, max, |id| found.0.push(id));
            bare.in_box(&nodes, min, max, |id| found.1.push(id));
            prop_assert_eq!(sorted(found.0), in_box.clone());
            prop_assert_eq!(sorted(found.1), in_box);
            let mut found = (Vec::new(), Vec::new());
            with_positions.within(&nodes, min, r, |id| found.0.push(id));
            bare.within(&nodes, min, r, |id| found.1.push(id));
            prop_assert_eq!(sorted(found.0), near.clone());
            prop_assert_eq!(sorted(found.1), near);
        }

        #[test]
        fn every_admitted_site_is_counted_exactly_once(
            pts in scene(), zoom in 0.0f64..18.0, keep in 0u64..4, salt in any::<u64>(),
        ) {
            let index = ClusterIndex::build(&pts, 40.0, 0, 16);
            let admit = |s: usize| keep == 3 || (s as u64 ^ salt) % 3 < keep;
            let items = index.query(&whole_world(zoom), 0.0, admit);
            let mut seen = Vec::new();
            let mut total = 0;
            for item in &items {
                match item {
                    MapItem::Site { site, at } => {
                        prop_assert!(admit(*site));
                        prop_assert!(pts.iter().any(|(s, p)| s == site && p == at));
                        seen.push(*site);
                        total += 1;
                    }
                    MapItem::Cluster(c) => {
                        prop_assert!(c.count >= 2);
                        let members = c.members(&index, admit);
                        prop_assert_eq!(members.len(), c.count);
                        prop_assert!(c.id >= pts.len() as u64);
                        seen.extend(members);
                        total += c.count;
                    }
                }
            }
            let mut expected: Vec<usize> = pts.iter().map(|&(s, _)| s).filter(|&s| admit(s)).collect();
            expected.sort();
            seen.sort();
            prop_assert_eq!(total, expected.len());
            prop_assert_eq!(seen, expected);
        }

        #[test]
        fn every_site_is_found_by_its_index_and_no_other(pts in scene()) {
            let index = ClusterIndex::build(&pts, 40.0, 0, 16);
            for &(site, at) in &pts {
                prop_assert_eq!(index.site_position(site), Some(at));
                // The scene numbers sites 1, 3, 5, …: the even ones are not there.
                prop_assert_eq!(index.site_position(site + 1), None);
            }
            prop_assert_eq!(index.site_position(0), None);
        }

        #[test]
        fn nothing_is_returned_when_nothing_is_admitted(pts in scene(), zoom in 0.0f64..18.0) {
            let index = ClusterIndex::build(&pts, 40.0, 0, 16);
            prop_assert!(index.query(&whole_world(zoom), 0.0, |_| false).is_empty());
        }

        #[test]
        fn above_max_zoom_nothing_clusters(pts in scene(), max_zoom in 0u8..16, above in 0.001f64..4.0) {
            let index = ClusterIndex::build(&pts, 40.0, 0, max_zoom);
            let items = index.query(&whole_world(f64::from(max_zoom) + above), 0.0, |_| true);
            prop_assert!(clusters(&items).is_empty());
            prop_assert_eq!(items.len(), pts.len());
        }

        #[test]
        fn clusters_lie_within_their_bounds(pts in scene(), zoom in 0.0f64..16.0, salt in any::<u64>()) {
            let index = ClusterIndex::build(&pts, 40.0, 0, 16);
            let admit = |s: usize| (s as u64 ^ salt) & 1 == 0;
            for c in clusters(&index.query(&whole_world(zoom), 0.0, admit)) {
                let (lo, hi) = c.bounds;
                prop_assert!(lo.x <= c.at.x && c.at.x <= hi.x && lo.y <= c.at.y && c.at.y <= hi.y);
                for s in c.members(&index, admit) {
                    let p = pts.iter().find(|(i, _)| *i == s).unwrap().1;
                    prop_assert!(lo.x <= p.x && p.x <= hi.x && lo.y <= p.y && p.y <= hi.y);
                }
            }
        }

        #[test]
        fn a_partial_view_returns_what_a_whole_world_query_puts_in_it(
            pts in scene(), zoom in 2.0f64..16.0, cx in 0.2f64..0.8, cy in 0.2f64..0.8,
        ) {
            let index = ClusterIndex::build(&pts, 40.0, 0, 16);
            let view = Viewport { center: WorldPoint { x: cx, y: cy }, zoom, width: 1280.0, height: 800.0 };
            let mut part = index.query(&view, 40.0, |_| true);
            // The unfiltered position of an item is its node's, so compare
            // with the whole-world items whose position is in the box.
            let lo = view.to_world(ScreenPoint { x: -40.0, y: -40.0 });
            let hi = view.to_world(ScreenPoint { x: 1320.0, y: 840.0 });
            let inside = |p: WorldPoint| p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y;
            let mut whole: Vec<MapItem> = index
                .query(&whole_world(zoom), 0.0, |_| true)
                .into_iter()
                .filter(|i| inside(match i { MapItem::Site { at, .. } => *at, MapItem::Cluster(c) => c.at }))
                .collect();
            let key = |i: &MapItem| match i { MapItem::Site { site, .. } => *site as u64, MapItem::Cluster(c) => c.id };
            part.sort_by_key(key);
            whole.sort_by_key(key);
            prop_assert_eq!(part, whole);
        }
    }
}
