//! The offline basemap: water and rivers, drawn once as paths and moved by one transform.

use atlas_core::basemap::{label_point, Frame};
use atlas_core::WorldPoint;
use leptos::prelude::*;

use crate::state::use_atlas_state;

/// One detail level of a layer: (filled, SVG path data) per shape.
type LevelPaths = Vec<(bool, String)>;

/// Water areas and river lines, in the detail that suits the current zoom.
#[component]
pub fn BasemapLayers() -> impl IntoView {
    let state = use_atlas_state();
    move || {
        // A frame near the data keeps path numbers small enough for SVG's single precision.
        let origin = state
            .with_dataset(|a| a.bounds)?
            .map_or(WorldPoint { x: 0.5, y: 0.5 }, |b| b.min.to_world());
        let basemap = state.basemap()?;
        let frame = Frame::at(origin);
        // Path data for every level, built once; a zoom change only swaps strings.
        let layers: Vec<(String, Vec<LevelPaths>)> = basemap
            .layers
            .iter()
            .map(|(kind, levels)| {
                let per_level = levels
                    .levels()
                    .iter()
                    .map(|(_, shapes)| {
                        shapes
                            .iter()
                            .map(|s| (s.filled, frame.path_data(s)))
                            .collect()
                    })
                    .collect();
                (kind.clone(), per_level)
            })
            .collect();
        let level = Memo::new(move |_| {
            let zoom = state.viewport().with(|v| v.map_or(0.0, |v| v.zoom));
            state
                .with_basemap(|b| b.layers.first().and_then(|(_, l)| l.level_for(zoom)))
                .flatten()
                .unwrap_or(0)
        });
        let paths: Vec<_> = layers
            .into_iter()
            .flat_map(|(kind, per_level)| {
                let per_level = std::sync::Arc::new(per_level);
                let count = per_level.first().map_or(0, Vec::len);
                (0..count).map(move |i| {
                    let per_level = per_level.clone();
                    let filled = per_level[0][i].0;
                    let class = format!("layer-{kind} {}", if filled { "area" } else { "line" });
                    let d = move || {
                        per_level
                            .get(level.get())
                            .and_then(|l| l.get(i))
                            .map(|p| p.1.clone())
                            .unwrap_or_default()
                    };
                    view! { <path class=class d=d /> }
                })
            })
            .collect();
        let transform = move || {
            state
                .viewport()
                .with(|v| v.map(|v| frame.transform(&v)).unwrap_or_default())
        };
        Some(view! { <g class="basemap" transform=transform>{paths}</g> })
    }
}

/// Names of the main lakes, kept upright and at a constant size.
#[component]
pub fn LakeLabels() -> impl IntoView {
    let state = use_atlas_state();
    move || {
        let basemap = state.basemap()?;
        let labels: Vec<_> = basemap
            .layers
            .iter()
            .flat_map(|(_, levels)| {
                levels
                    .levels()
                    .last()
                    .map(|(_, shapes)| shapes.iter())
                    .into_iter()
                    .flatten()
            })
            .filter(|shape| !shape.name.is_empty())
            .filter_map(|shape| {
                let at = label_point(shape)?;
                let name = shape.name.clone();
                let position = move || state.viewport().with(|v| v.map(|v| v.to_screen(at)));
                Some(view! {
                    <text
                        class="lake-label"
                        x=move || position().map_or(-999.0, |p| p.x)
                        y=move || position().map_or(-999.0, |p| p.y)
                    >
                        {move || name.get(state.lang().get()).to_owned()}
                    </text>
                })
            })
            .collect();
        Some(labels)
    }
}
