//! Site markers and clusters: HTML buttons over the SVG, so each is a real,
//! focusable, touch-sized control. Only what is in view is in the DOM; which
//! sites stand alone and which cluster is atlas-core's answer
//! (`ClusterIndex::map_items`): this module only draws it.

use std::collections::HashMap;

use atlas_core::cluster::{Cluster, MapItem};
use atlas_core::geo::{keep_spread_inside, spread_crowded, ScreenPoint};
use atlas_core::map_items::compact_count;
use atlas_core::{Category, WorldPoint};
use leptos::prelude::*;

use super::camera::Camera;
use crate::dataset::LoadedAtlas;
use crate::i18n;
use crate::state::{use_atlas_state, AtlasState};

/// Markers closer than this (CSS px) on screen are spread on a small ring, so each stays clickable.
const SPREAD_GAP: f64 = 44.0;
const SPREAD_RADIUS: f64 = 16.0;
/// Uncertainty circles smaller than this on screen would only be noise.
const MIN_VISIBLE_RADIUS: f64 = 8.0;

/// The markers, clusters and circles in view, for the current time filter;
/// computed once per change and shared by the layers that draw them.
pub fn use_marks(state: AtlasState) -> Memo<Vec<MapItem>> {
    // Which sites the time filter lets through, worked out once per filter change, not per frame.
    // The category filter hides sites the same way.
    let admitted = Memo::new(move |_| {
        let filter = state.time().get();
        let shown = state.shown_by_category()?;
        state.with_atlas(|a| {
            a.sites
                .iter()
                .zip(shown)
                .map(|(s, shown)| shown && filter.admits(s))
                .collect::<Vec<bool>>()
        })
    });
    Memo::new(move |_| visible_items(state, admitted))
}

/// The markers and clusters in view.
#[component]
pub fn Markers(camera: Camera, marks: Memo<Vec<MapItem>>) -> impl IntoView {
    let state = use_atlas_state();
    // Where markers would overlap, each gets an offset; recomputed as the view changes.
    let spread = Memo::new(move |_| {
        let v = state.viewport().get()?;
        marks.with(|marks| {
            let sites: Vec<(usize, ScreenPoint)> = marks
                .iter()
                .filter_map(|m| match m {
                    MapItem::Site { site, at } => Some((*site, v.to_screen(*at))),
                    MapItem::Cluster(_) => None,
                })
                .collect();
            let points: Vec<ScreenPoint> = sites.iter().map(|(_, p)| *p).collect();
            let mut offsets = spread_crowded(&points, SPREAD_GAP, SPREAD_RADIUS);
            keep_spread_inside(&points, &mut offsets, v.width, v.height, SPREAD_GAP / 2.0);
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
        <For each=move || marks.get() key=MapItem::key let:mark>
            {match mark {
                MapItem::Site { site, at } => view! { <SiteMarker site at spread /> }.into_any(),
                MapItem::Cluster(cluster) => view! { <ClusterMarker cluster camera /> }.into_any(),
            }}
        </For>
    }
}

fn visible_items(state: AtlasState, admitted: Memo<Option<Vec<bool>>>) -> Vec<MapItem> {
    let Some(viewport) = state.viewport().get() else {
        return Vec::new();
    };
    let selected = state.selected().get();
    admitted.with(|admitted| {
        let Some(admitted) = admitted else {
            return Vec::new();
        };
        state
            .with_dataset(|loaded| {
                let admit = |i: usize| admitted.get(i).copied().unwrap_or(false);
                loaded.clusters.map_items(&viewport, admit, selected)
            })
            .unwrap_or_default()
    })
}

#[component]
fn SiteMarker(
    site: usize,
    at: WorldPoint,
    spread: Memo<Option<HashMap<usize, (f64, f64)>>>,
) -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let Some((name, category)) = state
        .with_dataset_untracked(|loaded| {
            let s = loaded.loaded.atlas.sites.get(site)?;
            Some((s.name.clone(), category_class(loaded, &s.category)))
        })
        .flatten()
    else {
        return ().into_any();
    };
    let (label, shown) = (name.clone(), name.clone());
    let style = move || {
        let (ox, oy) = spread
            .with(|m| m.as_ref().and_then(|m| m.get(&site).copied()))
            .unwrap_or((0.0, 0.0));
        state.viewport().with(|v| match v {
            Some(v) => {
                let p = v.to_screen(at);
                format!("transform: translate({:.1}px, {:.1}px)", p.x + ox, p.y + oy)
            }
            None => "visibility: hidden".to_owned(),
        })
    };
    let selected = move || state.selected().get() == Some(site);
    view! {
        <button
            class=format!("marker {category}")
            class:selected=selected
            class:hovered=move || state.hovered().get() == Some(site)
            data-site=site
            aria-pressed=move || selected().to_string()
            aria-label=move || name.get(lang.get()).to_owned()
            lang=move || shown.shown_lang(lang.get()).code()
            style=style
            on:click=move |_| state.select(Some(site))
            on:pointerenter=move |_| state.hover(Some(site))
            on:pointerleave=move |_| state.hover(None)
            on:focus=move |_| state.hover(Some(site))
            on:blur=move |_| state.hover(None)
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
    let (at, count) = (cluster.at, cluster.count);
    let style = move || {
        state.viewport().with(|v| match v {
            Some(v) => {
                let p = v.to_screen(at);
                format!("transform: translate({:.1}px, {:.1}px)", p.x, p.y)
            }
            None => "visibility: hidden".to_owned(),
        })
    };
    let open = move |_| {
        if let Some(v) = state.viewport().get_untracked() {
            camera.fly_to(cluster.opened(&v));
        }
    };
    // Bigger clusters draw a little bigger, on a log scale so 36,000 does not cover the map.
    let size = 34.0 + 6.0 * (count as f64).log10().min(4.0);
    view! {
        <button
            class="cluster"
            aria-label=move || i18n::sites_count(state.lang().get(), count)
            style=move || format!("{}; --size: {size:.0}px", style())
            on:click=open
        >
            <span aria-hidden="true">{compact_count(count)}</span>
        </button>
    }
}

/// Circles of the stated position uncertainty (`location.precision_m`), once visible.
#[component]
pub fn UncertaintyCircles(marks: Memo<Vec<MapItem>>) -> impl IntoView {
    let state = use_atlas_state();
    // Only single sites in view can show a circle: a 36k set costs no more per frame than twelve sites.
    let circles = Memo::new(move |_| {
        let v = state.viewport().get()?;
        marks.with(|marks| {
            state.with_atlas(|a| {
                let sites = &a.sites;
                let shown: Vec<(usize, f64, f64, f64, bool)> = marks
                    .iter()
                    .filter_map(|m| match m {
                        MapItem::Site { site, .. } => Some(*site),
                        MapItem::Cluster(_) => None,
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
                shown
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
                            class:selected=move || state.selected().get() == Some(i)
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

/// The `cat-…` class of a category in this dataset: a known category's own,
/// a slot for the data's own values, or the shared "Other" and "No category".
pub fn category_class(loaded: &LoadedAtlas, category: &Category) -> String {
    format!("cat-{}", loaded.categories.style(category).class_suffix())
}
