//! The offline basemap: water and rivers, drawn once as paths and moved by one transform.

use atlas_core::basemap::{label_point, Frame};
use atlas_core::WorldPoint;
use leptos::prelude::*;

use crate::state::use_atlas_state;

/// Water areas and river lines.
#[component]
pub fn BasemapLayers() -> impl IntoView {
    let state = use_atlas_state();
    move || {
        let loaded = state.atlas.get()?;
        // A frame near the data keeps path numbers small enough for SVG's single precision.
        let origin = loaded
            .loaded
            .atlas
            .bounds()
            .map_or(WorldPoint { x: 0.5, y: 0.5 }, |b| b.min.to_world());
        let frame = Frame::at(origin);
        let paths: Vec<_> = loaded
            .basemap
            .iter()
            .flat_map(|(kind, shapes)| {
                shapes.iter().map(move |shape| {
                    let class = format!(
                        "layer-{kind} {}",
                        if shape.filled { "area" } else { "line" }
                    );
                    view! { <path class=class d=frame.path_data(shape) /> }
                })
            })
            .collect();
        let transform = move || {
            state
                .viewport
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
        let loaded = state.atlas.get()?;
        let labels: Vec<_> = loaded
            .basemap
            .iter()
            .flat_map(|(_, shapes)| shapes.iter())
            .filter(|shape| !shape.name.is_empty())
            .filter_map(|shape| {
                let at = label_point(shape)?;
                let name = shape.name.clone();
                let position = move || state.viewport.with(|v| v.map(|v| v.to_screen(at)));
                Some(view! {
                    <text
                        class="lake-label"
                        x=move || position().map_or(-999.0, |p| p.x)
                        y=move || position().map_or(-999.0, |p| p.y)
                    >
                        {move || name.get(state.lang.get()).to_owned()}
                    </text>
                })
            })
            .collect();
        Some(labels)
    }
}
