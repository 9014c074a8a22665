//! Site markers and clusters: HTML buttons over the SVG, so each is a real,
//! focusable, touch-sized control. Only what is in view is in the DOM; the
//! clusters come from atlas-core's index, recounted for the time filter.

use std::collections::HashMap;

use atlas_core::cluster::{Cluster, MapItem};
use atlas_core::geo::{spread_crowded, Bounds, ScreenPoint};
use atlas_core::{Viewport, WorldPoint};
use leptos::prelude::*;

use super::camera::Camera;
use crate::i18n;
use crate::state::{use_atlas_state, AtlasState};

/// Markers closer than this (CSS px) on screen are spread on a small ring, so each stays clickable.
const SPREAD_GAP: f64 = 44.0;
const SPREAD_RADIUS: f64 = 16.0;
/// Up to this many sites in view, every site shows on its own; clusters are for crowds.
const CLUSTER_ABOVE: usize = 40;
/// Uncertainty circles smaller than this on screen would only be noise.
const MIN_VISIBLE_RADIUS: f64 = 8.0;
/// Items this far outside the view are already in the DOM, so a pan shows no gaps.
const VIEW_MARGIN_PX: f64 = 96.0;
/// Opening a cluster keeps its members this far from the edges.
const CLUSTER_PADDING: f64 = 64.0;

/// What the marker layer draws, keyed so that panning reuses DOM nodes.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    Site { site: usize, at: WorldPoint },
    Cluster(Cluster),
}

impl Mark {
    fn key(&self) -> (u64, usize) {
        match self {
            // Site indexes and cluster ids never collide (atlas-core guarantees it); the
            // count is part of a cluster's key so a recount redraws its label.
            Mark::Site { site, .. } => (*site as u64, 0),
            Mark::Cluster(c) => (c.id, c.count),
        }
    }
}

/// The markers, clusters and circles in view, for the current time filter;
/// computed once per change and shared by the layers that draw them.
pub fn use_marks(state: AtlasState) -> Memo<Vec<Mark>> {
    // Which sites the time filter lets through, worked out once per filter change, not per frame.
    let admitted = Memo::new(move |_| {
        let filter = state.time.get();
        state.atlas.with(|a| {
            a.as_ref().map(|a| {
                a.loaded
                    .atlas
                    .sites
                    .iter()
                    .map(|s| filter.admits(s))
                    .collect::<Vec<bool>>()
            })
        })
    });
    Memo::new(move |_| visible_marks(state, admitted))
}

/// The markers and clusters in view.
#[component]
pub fn Markers(camera: Camera, marks: Memo<Vec<Mark>>) -> impl IntoView {
    let state = use_atlas_state();
    // Where markers would overlap, each gets an offset; recomputed as the view changes.
    let spread = Memo::new(move |_| {
        let v = state.viewport.get()?;
        marks.with(|marks| {
            let sites: Vec<(usize, ScreenPoint)> = marks
                .iter()
                .filter_map(|m| match m {
                    Mark::Site { site, at } => Some((*site, v.to_screen(*at))),
                    Mark::Cluster(_) => None,
                })
                .collect();
            let points: Vec<ScreenPoint> = sites.iter().map(|(_, p)| *p).collect();
            let offsets = spread_crowded(&points, SPREAD_GAP, SPREAD_RADIUS);
            Some(
                sites
                    .iter()
                    .map(|(i, _)| *i)
                    .zip(offsets)
                    .filter(|(_, o)| *o != (0.0, 0.0))
                    .collect::<HashMap<_, _>>(),
            )
        })
    });
    view! {
        <For each=move || marks.get() key=Mark::key let:mark>
            {match mark {
                Mark::Site { site, at } => view! { <SiteMarker site at spread /> }.into_any(),
                Mark::Cluster(cluster) => view! { <ClusterMarker cluster camera /> }.into_any(),
            }}
        </For>
    }
}

fn visible_marks(state: AtlasState, admitted: Memo<Option<Vec<bool>>>) -> Vec<Mark> {
    let Some(viewport) = state.viewport.get() else {
        return Vec::new();
    };
    let selected = state.selected.get();
    admitted.with(|admitted| {
        let Some(admitted) = admitted else {
            return Vec::new();
        };
        state.atlas.with(|loaded| {
            let Some(loaded) = loaded else {
                return Vec::new();
            };
            // The selected site always stands on its own, never hidden inside a cluster.
            let admit = |i: usize| Some(i) != selected && admitted.get(i).copied().unwrap_or(false);
            let clustered = loaded.clusters.query(&viewport, VIEW_MARGIN_PX, admit);
            let in_view: usize = clustered
                .iter()
                .map(|item| match item {
                    MapItem::Site { .. } => 1,
                    MapItem::Cluster(c) => c.count,
                })
                .sum();
            // Few sites in view: show each one, spread apart where they overlap.
            let items = if in_view <= CLUSTER_ABOVE {
                loaded
                    .clusters
                    .query(&unclustered(viewport), VIEW_MARGIN_PX, admit)
            } else {
                clustered
            };
            let mut marks: Vec<Mark> = items
                .into_iter()
                .map(|item| match item {
                    MapItem::Site { site, at } => Mark::Site { site, at },
                    MapItem::Cluster(c) => Mark::Cluster(c),
                })
                .collect();
            if let Some(i) = selected.filter(|i| admitted.get(*i).copied().unwrap_or(false)) {
                if let Some(p) = loaded.loaded.atlas.sites[i].position {
                    marks.push(Mark::Site {
                        site: i,
                        at: p.to_world(),
                    });
                }
            }
            marks
        })
    })
}

/// The same ground as `v`, at a zoom where the index holds single sites only.
fn unclustered(v: Viewport) -> Viewport {
    let k = (CLUSTER_FREE_ZOOM - v.zoom).exp2();
    Viewport {
        zoom: CLUSTER_FREE_ZOOM,
        width: v.width * k,
        height: v.height * k,
        ..v
    }
}

/// Above the index's last clustering level (see load.rs), every site stands alone.
const CLUSTER_FREE_ZOOM: f64 = 17.0;

#[component]
fn SiteMarker(
    site: usize,
    at: WorldPoint,
    spread: Memo<Option<HashMap<usize, (f64, f64)>>>,
) -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang;
    let Some((name, category)) = state.atlas.with_untracked(|a| {
        let s = a.as_ref()?.loaded.atlas.sites.get(site)?;
        Some((s.name.clone(), category_class(s.category.name()).to_owned()))
    }) else {
        return ().into_any();
    };
    let label = name.clone();
    let style = move || {
        let (ox, oy) = spread
            .with(|m| m.as_ref().and_then(|m| m.get(&site).copied()))
            .unwrap_or((0.0, 0.0));
        state.viewport.with(|v| match v {
            Some(v) => {
                let p = v.to_screen(at);
                format!("transform: translate({:.1}px, {:.1}px)", p.x + ox, p.y + oy)
            }
            None => "visibility: hidden".to_owned(),
        })
    };
    let selected = move || state.selected.get() == Some(site);
    view! {
        <button
            class=format!("marker cat-{category}")
            class:selected=selected
            class:hovered=move || state.hovered.get() == Some(site)
            aria-pressed=move || selected().to_string()
            aria-label=move || name.get(lang.get()).to_owned()
            style=style
            on:click=move |_| state.select(Some(site))
            on:pointerenter=move |_| state.hovered.set(Some(site))
            on:pointerleave=move |_| state.hovered.set(None)
            on:focus=move |_| state.hovered.set(Some(site))
            on:blur=move |_| state.hovered.set(None)
        >
            <span class="marker-dot" aria-hidden="true"></span>
            <span class="marker-label" aria-hidden="true">{move || label.get(lang.get()).to_owned()}</span>
        </button>
    }
    .into_any()
}

#[component]
fn ClusterMarker(cluster: Cluster, camera: Camera) -> impl IntoView {
    let state = use_atlas_state();
    let (at, count, bounds) = (cluster.at, cluster.count, cluster.bounds);
    let style = move || {
        state.viewport.with(|v| match v {
            Some(v) => {
                let p = v.to_screen(at);
                format!("transform: translate({:.1}px, {:.1}px)", p.x, p.y)
            }
            None => "visibility: hidden".to_owned(),
        })
    };
    let open = move |_| {
        if let Some(v) = state.viewport.get_untracked() {
            camera.fly_to(opened(v, bounds));
        }
    };
    // Bigger clusters draw a little bigger, on a log scale so 36,000 does not cover the map.
    let size = 34.0 + 6.0 * (count as f64).log10().min(4.0);
    view! {
        <button
            class="cluster"
            aria-label=move || i18n::sites_count(state.lang.get(), count)
            style=move || format!("{}; --size: {size:.0}px", style())
            on:click=open
        >
            <span aria-hidden="true">{compact_count(count)}</span>
        </button>
    }
}

/// The view that opens a cluster: its members' extent, and at least one level closer.
fn opened(v: Viewport, bounds: (WorldPoint, WorldPoint)) -> Viewport {
    let (a, b) = (bounds.0.to_lon_lat(), bounds.1.to_lon_lat());
    let extent = Bounds {
        min: atlas_core::LonLat::new(a.lon.min(b.lon), a.lat.min(b.lat)),
        max: atlas_core::LonLat::new(a.lon.max(b.lon), a.lat.max(b.lat)),
    };
    let fitted = Viewport::fit(
        extent,
        v.width,
        v.height,
        CLUSTER_PADDING,
        atlas_core::geo::MAX_ZOOM,
    );
    Viewport {
        zoom: fitted.zoom.max(v.zoom + 1.0).min(atlas_core::geo::MAX_ZOOM),
        ..fitted
    }
}

/// "12", "1.2k", "36k": the number inside a cluster disc.
fn compact_count(count: usize) -> String {
    match count {
        0..=999 => count.to_string(),
        1000..=9999 => format!("{:.1}k", count as f64 / 1000.0),
        _ => format!("{}k", count / 1000),
    }
}

/// Circles of the stated position uncertainty (`location.precision_m`), once visible.
#[component]
pub fn UncertaintyCircles(marks: Memo<Vec<Mark>>) -> impl IntoView {
    let state = use_atlas_state();
    // Only single sites in view can show a circle: a 36k set costs no more per frame than twelve sites.
    let circles = Memo::new(move |_| {
        let v = state.viewport.get()?;
        marks.with(|marks| {
            state.atlas.with(|a| {
                let sites = &a.as_ref()?.loaded.atlas.sites;
                let shown: Vec<(usize, f64, f64, f64, bool)> = marks
                    .iter()
                    .filter_map(|m| match m {
                        Mark::Site { site, .. } => Some(*site),
                        Mark::Cluster(_) => None,
                    })
                    .filter_map(|i| {
                        let s = sites.get(i)?;
                        let p = s.position?;
                        let r = s.location.precision_m? / v.metres_per_pixel(p.lat);
                        let at = v.to_screen(p.to_world());
                        (r >= MIN_VISIBLE_RADIUS).then_some((
                            i,
                            at.x,
                            at.y,
                            r,
                            s.location.approximate,
                        ))
                    })
                    .collect();
                Some(shown)
            })
        })
    });
    move || {
        circles.get().map(|list| {
            list.into_iter()
                .map(|(i, x, y, r, approximate)| {
                    view! {
                        <circle
                            class="uncertainty"
                            class:approximate=approximate
                            class:selected=move || state.selected.get() == Some(i)
                            cx=format!("{x:.1}")
                            cy=format!("{y:.1}")
                            r=format!("{r:.1}")
                        />
                    }
                })
                .collect_view()
        })
    }
}

/// The name of a category as a CSS class suffix (unknown names become "other").
pub fn category_class(name: &str) -> &str {
    if atlas_core::Category::KNOWN.contains(&name) {
        name
    } else {
        "other"
    }
}
