//! The map: an offline basemap and a marker per site, in Web Mercator drawn
//! by our own code. Geometry is atlas-core's; this module wires it to events.

mod basemap;
mod camera;
mod controls;
mod interaction;
mod legend;
mod markers;
mod scale_bar;
mod shapes;
mod tiles;
mod world;

pub use markers::category_class;

use atlas_core::geo::{Bounds, Insets, MIN_ZOOM};
use atlas_core::Viewport;
use leptos::html::Div;
use leptos::prelude::*;
use leptos_use_element_size::{use_element_size, UseElementSizeReturn};

use crate::i18n::{t, Ui};
use crate::state::use_atlas_state;

use basemap::{BasemapLayers, LakeLabels};
use controls::{Attribution, MapControls};
use interaction::UseMapGesturesReturn;
use legend::Legend;
use markers::{Markers, UncertaintyCircles};
use scale_bar::ScaleBar;
use shapes::SiteShapes;
use tiles::TileLayer;
use world::{provide_world_layer, WorldLayers};

/// Free space kept around the sites when the map fits them.
const FIT_PADDING: f64 = 48.0;
/// The zoom buttons' column (44 px and its margin), kept clear when fitting.
const CONTROLS_PX: f64 = 56.0;
/// Fitting never zooms closer than this, even for a single site.
const FIT_MAX_ZOOM: f64 = 14.0;

/// The map region.
#[component]
pub fn Map() -> impl IntoView {
    let state = use_atlas_state();
    let surface = NodeRef::<Div>::new();
    let UseElementSizeReturn { width, height } = use_element_size(surface);

    // Until the visitor moves the map, it keeps fitting the data as the layout
    // settles or the window changes; afterwards a resize keeps centre and zoom.
    let last_fit = StoredValue::new(None::<Viewport>);
    // The legend reports its drawn width; the fit keeps clear of it, and
    // fits again when it changes (the legend appears after the data).
    let (legend_px, set_legend_px) = signal((0.0, 0.0));
    Effect::new(move |_| {
        let (w, h) = (width.get(), height.get());
        let current = state.viewport().get();
        if w < 1.0 || h < 1.0 {
            return;
        }
        let untouched = current.is_none() || current == last_fit.get_value();
        let next = if untouched {
            let legend = legend_px.get();
            state.with_dataset(|a| fitted_view(a.first_view, w, h, legend))
        } else {
            current.map(|v| v.resized(w, h))
        };
        if next.is_some() && next != current {
            if untouched {
                last_fit.set_value(next);
            }
            state.set_viewport(next);
        }
    });

    // The first frame that shows the fitted map with its markers, for `make bench`.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || state.viewport().with(Option::is_none) {
            return done.unwrap_or(false);
        }
        request_animation_frame(|| {
            // The map fits the sites, so its first frame is their first one too.
            crate::perf::mark("atlas:sites-drawn");
            crate::perf::mark("atlas:first-map");
        });
        true
    });
    // The first frame with the regional basemap, which arrives after the sites.
    Effect::new(move |done: Option<bool>| {
        let drawn = state.viewport().with(Option::is_some)
            && state.with_basemap(|b| !b.layers.is_empty()) == Some(true);
        if done == Some(true) || !drawn {
            return done.unwrap_or(false);
        }
        request_animation_frame(|| crate::perf::mark("atlas:basemap-drawn"));
        true
    });

    provide_world_layer(state);
    let camera = camera::Camera::new(state, legend_px);
    let laid_out = markers::use_laid_out_view(state, camera);
    let marks = markers::use_marks(state, laid_out);
    interaction::fly_to_selection(state, camera);
    interaction::fly_to_tour_chapter(state, camera);
    let UseMapGesturesReturn { is_dragging } =
        interaction::use_map_gestures(surface, state, camera);
    // A file whose sites all lack coordinates must not look like a broken map.
    let nothing_located = move || {
        state
            .with_atlas(|a| a.sites.iter().all(|s| s.position.is_none()))
            .unwrap_or(false)
    };

    view! {
        <section class="map" aria-label=move || t(state.lang().get(), Ui::Map)>
            <div
                class="map-surface"
                class:dragging=is_dragging
                node_ref=surface
                tabindex="0"
                role="application"
                aria-label=move || t(state.lang().get(), Ui::MapSurface)
            >
                <TileLayer />
                <svg class="map-svg" aria-hidden="true" width="100%" height="100%">
                    <WorldLayers />
                    <BasemapLayers />
                    <SiteShapes />
                    <UncertaintyCircles marks laid_out />
                    <LakeLabels />
                </svg>
                <Markers camera marks laid_out />
                <Show when=nothing_located>
                    <p class="map-empty" role="status">{move || t(state.lang().get(), Ui::NoPlacesOnMap)}</p>
                </Show>
            </div>
            <MapControls camera />
            <ScaleBar />
            <Legend size=set_legend_px />
            <Attribution />
        </section>
    }
}

/// The room the map's own furniture takes: the zoom buttons on the right,
/// and the legend in the top-left corner, kept clear either along the left
/// side or along the top, whichever leaves the data bigger (an open legend
/// beside a wide map, a folded one above a phone's).
fn clear_of_controls(
    bounds: Bounds,
    width: f64,
    height: f64,
    (legend_w, legend_h): (f64, f64),
) -> Insets {
    let base = Insets {
        right: FIT_PADDING + CONTROLS_PX,
        ..Insets::uniform(FIT_PADDING)
    };
    if legend_w <= 0.0 {
        return base;
    }
    // The size is its content box: add its padding and border (about 22 px)
    // and the 12 px it sits from the edges, and half the usual padding.
    let room = |px: f64| FIT_PADDING.max(px + 34.0 + FIT_PADDING / 2.0);
    let beside = Insets {
        left: room(legend_w),
        ..base
    };
    let below = Insets {
        top: room(legend_h),
        ..base
    };
    let zoom = |insets| Viewport::fit_within(bounds, width, height, insets, FIT_MAX_ZOOM).zoom;
    if zoom(beside) >= zoom(below) {
        beside
    } else {
        below
    }
}

/// The view that shows every located site (or, with none, the basemap, or a wide default).
pub(super) fn fitted_view(
    bounds: Option<Bounds>,
    width: f64,
    height: f64,
    legend: (f64, f64),
) -> Viewport {
    match bounds {
        Some(bounds) => Viewport::fit_within(
            bounds,
            width,
            height,
            clear_of_controls(bounds, width, height, legend),
            FIT_MAX_ZOOM,
        ),
        None => {
            let fallback = Bounds {
                min: atlas_core::LonLat::new(73.0, 18.0),
                max: atlas_core::LonLat::new(135.0, 53.0),
            };
            let v = Viewport::fit(fallback, width, height, FIT_PADDING, FIT_MAX_ZOOM);
            Viewport {
                zoom: v.zoom.max(MIN_ZOOM),
                ..v
            }
        }
    }
}
