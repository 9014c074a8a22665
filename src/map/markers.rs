//! Site markers and clusters: HTML buttons over the SVG, so each is a real,
//! focusable, touch-sized control. Only what is in view is in the DOM; which
//! sites stand alone and which cluster is atlas-core's answer
//! (`ClusterIndex::map_items`): this module only draws it.

use std::collections::HashMap;

use atlas_core::cluster::{Cluster, MapItem};
use atlas_core::geo::{keep_spread_inside, spread_crowded, ScreenPoint};
use atlas_core::layer_shift::LayerShift;
use atlas_core::map_items::compact_count;
use atlas_core::site_times::SiteTimes;
use atlas_core::{Category, Viewport, WorldPoint};
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

/// The view the markers are laid out for: the map's own view, except while
/// the map moves (a drag, a glide, a fly-to, a run of wheel steps or keys),
/// when it stays where the move started and the layers follow with one
/// transform ([`layer_shift`]). When the move ends it catches up in the same
/// reactive update that sets the final view, so the markers' positions and
/// their layer's transform never belong to different frames.
pub fn use_laid_out_view(state: AtlasState, camera: Camera) -> Memo<Option<Viewport>> {
    Memo::new(move |before: Option<&Option<Viewport>>| {
        let shown = state.viewport().get();
        let kept = before.copied().flatten().filter(|b| {
            // A resized map lays out anew, even mid-move.
            shown.is_some_and(|s| s.width == b.width && s.height == b.height)
        });
        match kept {
            Some(kept) if camera.is_moving() => Some(kept),
            _ => shown,
        }
    })
}

/// How the layers laid out for `laid_out` move to show the map's view (tracked).
pub fn layer_shift(state: AtlasState, laid_out: Memo<Option<Viewport>>) -> LayerShift {
    let shown = state.viewport().get();
    laid_out.with(|l| match (l, shown) {
        (Some(l), Some(s)) => LayerShift::between(l, &s),
        _ => LayerShift::NONE,
    })
}

/// The markers, clusters and circles laid out for `laid_out`, for the current
/// time filter; computed once per change and shared by the layers that draw them.
pub fn use_marks(state: AtlasState, laid_out: Memo<Option<Viewport>>) -> Memo<Vec<MapItem>> {
    // Which sites the time filter lets through, worked out once per filter change, not per frame.
    // The category filter hides sites the same way.
    // The category filter's answer is kept apart, so a step of the time cursor does not ask it again.
    let shown = Memo::new(move |_| state.shown_by_category());
    // When each site begins, side by side, so a cursor step reads no site record.
    let times = Memo::new(move |_| state.with_atlas(|a| SiteTimes::of(&a.sites)));
    let admitted = Memo::new(move |_| {
        let filter = state.time().get();
        shown.with(|shown| {
            let shown = shown.as_ref()?;
            times.with(|times| {
                let times = times.as_ref()?;
                state.with_atlas(|a| {
                    let mut admitted = times.admitted(filter, &a.sites);
                    for (a, s) in admitted.iter_mut().zip(shown) {
                        *a &= *s;
                    }
                    admitted
                })
            })
        })
    });
    Memo::new(move |_| visible_items(state, laid_out, admitted))
}

/// The markers and clusters in view, in one layer that a moving map moves by
/// one transform (and whose markers keep their size through a zoom).
#[component]
pub fn Markers(
    camera: Camera,
    marks: Memo<Vec<MapItem>>,
    laid_out: Memo<Option<Viewport>>,
) -> impl IntoView {
    let state = use_atlas_state();
    // Where markers would overlap, each gets an offset; recomputed as the layout changes.
    let spread = Memo::new(move |_| {
        let v = laid_out.get()?;
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
    // Set one property at a time (CSSOM): the Content Security Policy refuses `style` attributes.
    let shift = Memo::new(move |_| layer_shift(state, laid_out));
    let layer_transform = move || {
        let shift = shift.get();
        if shift.is_none() {
            String::new()
        } else {
            shift.css_transform()
        }
    };
    // Markers keep their screen size: each undoes the layer's scale about its own anchor.
    let unscale = move || {
        let shift = shift.get();
        if shift.is_none() || shift.k == 1.0 {
            String::new()
        } else {
            format!("{:.6}", 1.0 / shift.k)
        }
    };
    view! {
        <div class="markers" style:transform=layer_transform style:--marker-unscale=unscale>
            <For each=move || marks.get() key=drawn_key let:mark>
                {match mark {
                    MapItem::Site { site, at } => view! { <SiteMarker site at spread laid_out /> }.into_any(),
                    MapItem::Cluster(cluster) => view! { <ClusterMarker cluster marks camera laid_out /> }.into_any(),
                }}
            </For>
        </div>
    }
}

/// The DOM identity of an item: a site by its index, a cluster by its place in
/// the hierarchy whatever its count, so a step of the time cursor updates a
/// cluster's number and position instead of rebuilding its button.
fn drawn_key(item: &MapItem) -> (u64, bool) {
    match item {
        MapItem::Site { site, .. } => (*site as u64, false),
        MapItem::Cluster(c) => (c.id, true),
    }
}

fn visible_items(
    state: AtlasState,
    laid_out: Memo<Option<Viewport>>,
    admitted: Memo<Option<Vec<bool>>>,
) -> Vec<MapItem> {
    let Some(viewport) = laid_out.get() else {
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
    laid_out: Memo<Option<Viewport>>,
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
    let transform = move || {
        let (ox, oy) = spread
            .with(|m| m.as_ref().and_then(|m| m.get(&site).copied()))
            .unwrap_or((0.0, 0.0));
        laid_out.with(|v| {
            v.as_ref()
                .map(|v| {
                    let p = v.to_screen(at);
                    marker_transform(p.x + ox, p.y + oy)
                })
                .unwrap_or_default()
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
            style:transform=transform
            style:visibility=move || hidden_until_laid_out(laid_out)
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

/// A marker's place in its layer, scaled back to its own size while the layer zooms.
fn marker_transform(x: f64, y: f64) -> String {
    format!("translate({x:.1}px, {y:.1}px) scale(var(--marker-unscale, 1))")
}

/// Markers wait hidden until the map has a layout to place them in.
fn hidden_until_laid_out(laid_out: Memo<Option<Viewport>>) -> &'static str {
    if laid_out.with(Option::is_none) {
        "hidden"
    } else {
        ""
    }
}

#[component]
fn ClusterMarker(
    cluster: Cluster,
    marks: Memo<Vec<MapItem>>,
    camera: Camera,
    laid_out: Memo<Option<Viewport>>,
) -> impl IntoView {
    let state = use_atlas_state();
    let id = cluster.id;
    // The same cluster under another time filter: other members, count and centre.
    let current = Memo::new(move |before: Option<&Cluster>| {
        marks
            .with(|marks| {
                marks.iter().find_map(|m| match m {
                    MapItem::Cluster(c) if c.id == id => Some(c.clone()),
                    _ => None,
                })
            })
            .or_else(|| before.cloned())
            .unwrap_or_else(|| cluster.clone())
    });
    let count = Memo::new(move |_| current.with(|c| c.count));
    let transform = move || {
        let at = current.with(|c| c.at);
        laid_out.with(|v| {
            v.as_ref()
                .map(|v| {
                    let p = v.to_screen(at);
                    marker_transform(p.x, p.y)
                })
                .unwrap_or_default()
        })
    };
    // Bigger clusters draw a little bigger, on a log scale so 36,000 does not cover the map.
    let size = move || {
        format!(
            "{:.0}px",
            34.0 + 6.0 * (count.get() as f64).log10().min(4.0)
        )
    };
    let open = move |_| {
        if let Some(v) = state.viewport().get_untracked() {
            camera.fly_to(current.with_untracked(|c| c.opened(&v)));
        }
    };
    view! {
        <button
            class="cluster"
            aria-label=move || i18n::sites_count(state.lang().get(), count.get())
            style:transform=transform
            style:--size=size
            style:visibility=move || hidden_until_laid_out(laid_out)
            on:click=open
        >
            <span aria-hidden="true">{move || compact_count(count.get())}</span>
        </button>
    }
}

/// Circles of the stated position uncertainty (`location.precision_m`), once
/// visible; laid out with the markers and moved (and scaled) with them.
#[component]
pub fn UncertaintyCircles(
    marks: Memo<Vec<MapItem>>,
    laid_out: Memo<Option<Viewport>>,
) -> impl IntoView {
    let state = use_atlas_state();
    // Only single sites in view can show a circle: a 36k set costs no more per frame than twelve sites.
    let circles = Memo::new(move |_| {
        let v = laid_out.get()?;
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
    let transform = move || {
        let s = layer_shift(state, laid_out);
        format!("translate({:.2} {:.2}) scale({:.6})", s.dx, s.dy, s.k)
    };
    let drawn = move || {
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
    };
    view! { <g class="uncertainty-circles" transform=transform>{drawn}</g> }
}

/// The `cat-…` class of a category in this dataset: a known category's own,
/// a slot for the data's own values, or the shared "Other" and "No category".
pub fn category_class(loaded: &LoadedAtlas, category: &Category) -> String {
    format!("cat-{}", loaded.categories.style(category).class_suffix())
}
