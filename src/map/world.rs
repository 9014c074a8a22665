//! The coarse world layer beneath the regional basemap: fetched once, and only
//! when the sites or the view reach beyond the regional layers (the rule is
//! atlas_core::world_layer's); drawn as one path per layer, moved by one
//! transform like the regional layers.

use std::sync::Arc;

use atlas_core::basemap::Frame;
use atlas_core::world_layer::world_layer_needed;
use atlas_core::WorldPoint;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::dataset::WorldBasemap;
use crate::load::load_world_layer;
use crate::state::{use_atlas_state, AtlasState};

/// Where the world layer stands on this page.
#[derive(Clone, Debug, Default)]
enum WorldLayerStatus {
    /// Nothing has needed it yet.
    #[default]
    NotFetched,
    /// Requested; arriving.
    Fetching,
    /// Ready to draw, for every dataset from now on.
    Ready(Arc<WorldBasemap>),
    /// Could not be had; the map works without it, as without any basemap.
    Failed,
}

/// The world layer's status, shared by the drawing and the credit line.
#[derive(Clone, Copy)]
pub struct WorldLayer(RwSignal<WorldLayerStatus>);

impl WorldLayer {
    /// The loaded layer, if it is there (tracked).
    pub fn ready(&self) -> Option<Arc<WorldBasemap>> {
        self.0.with(|s| match s {
            WorldLayerStatus::Ready(w) => Some(w.clone()),
            _ => None,
        })
    }
}

/// Provides the world layer to the map's views and fetches it the first time
/// the dataset or the view needs it. A dataset with raster tiles has its own
/// world picture, so it never asks.
pub fn provide_world_layer(state: AtlasState) -> WorldLayer {
    let world = WorldLayer(RwSignal::new(WorldLayerStatus::NotFetched));
    provide_context(world);
    // A memo, so the effect below runs when the answer changes, not on every
    // frame of a pan; the rule itself is a few multiplications.
    let needed = Memo::new(move |_| {
        state
            .with_dataset(|a| {
                // Not before the regional layers have answered: until then
                // their extent is unknown, and they may well cover the view.
                let regional = state.with_basemap(|b| b.extent);
                a.loaded.atlas.settings.tiles.is_none()
                    && regional.is_some_and(|regional| {
                        state
                            .viewport()
                            .with(|v| world_layer_needed(a.bounds, regional, v.as_ref()))
                    })
            })
            .unwrap_or(false)
    });
    Effect::new(move |_| {
        let idle = world
            .0
            .with_untracked(|s| matches!(s, WorldLayerStatus::NotFetched));
        if needed.get() && idle {
            world.0.set(WorldLayerStatus::Fetching);
            spawn_local(async move {
                let status = match load_world_layer().await {
                    Ok(w) => WorldLayerStatus::Ready(Arc::new(w)),
                    Err(_) => WorldLayerStatus::Failed,
                };
                world.0.set(status);
            });
        }
    });
    world
}

fn use_world_layer() -> WorldLayer {
    expect_context::<WorldLayer>()
}

/// The world's sea as the background and its land, lakes and rivers on it,
/// in the detail that suits the current zoom.
#[component]
pub fn WorldLayers() -> impl IntoView {
    let state = use_atlas_state();
    let world = use_world_layer();
    move || {
        let layer = world.ready()?;
        // A frame at the world's corner, not near the data: the paths are
        // built once per page whatever the dataset, and at the world layer's
        // zooms (≤ 8) single-precision SVG numbers up to 2^20 are still far
        // finer than a pixel.
        let frame = Frame::at(WorldPoint { x: 0.0, y: 0.0 });
        // One path per layer and level, all shapes joined: a few elements,
        // whose `d` is swapped when the zoom crosses a level.
        let per_layer: Vec<(String, Arc<Vec<String>>)> = layer
            .layers
            .iter()
            .map(|(kind, levels)| {
                let per_level = levels
                    .levels()
                    .iter()
                    .map(|(_, shapes)| shapes.iter().map(|s| frame.path_data(s)).collect())
                    .collect();
                (kind.clone(), Arc::new(per_level))
            })
            .collect();
        let levels = layer.clone();
        let level = Memo::new(move |_| {
            let zoom = state.viewport().with(|v| v.map_or(0.0, |v| v.zoom));
            levels
                .layers
                .first()
                .and_then(|(_, l)| l.level_for(zoom))
                .unwrap_or(0)
        });
        let paths: Vec<_> = per_layer
            .into_iter()
            .map(|(kind, per_level)| {
                let d = move || per_level.get(level.get()).cloned().unwrap_or_default();
                view! { <path class=format!("world-{kind}") d=d /> }
            })
            .collect();
        let transform = move || {
            state
                .viewport()
                .with(|v| v.map(|v| frame.transform(&v)).unwrap_or_default())
        };
        Some(view! {
            <rect class="world-sea" width="100%" height="100%" />
            <g class="world-basemap" transform=transform>{paths}</g>
        })
    }
}

/// The world layer's credit line, once it is drawn.
pub fn world_credit() -> Signal<Option<String>> {
    let world = use_world_layer();
    Signal::derive(move || world.ready().and_then(|w| w.credit.clone()))
}
