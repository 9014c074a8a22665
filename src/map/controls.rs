//! Map buttons and the basemap credit. (Sites with no place on the map are in the site list.)

use atlas_core::geo::ScreenPoint;
use leptos::prelude::*;

use super::camera::Camera;
use crate::i18n::{t, Ui};
use crate::state::use_atlas_state;

/// Zoom in, Zoom out and Reset view.
#[component]
pub fn MapControls(camera: Camera) -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let zoom = move |delta: f64| {
        if let Some(v) = state.viewport().get_untracked() {
            let centre = ScreenPoint {
                x: v.width / 2.0,
                y: v.height / 2.0,
            };
            camera.fly_to(v.zoomed_about(centre, delta));
        }
    };
    view! {
        <div class="map-controls">
            <button class="zoom-in" aria-label=move || t(lang.get(), Ui::ZoomIn) title=move || t(lang.get(), Ui::ZoomIn) on:click=move |_| zoom(1.0)>
                <span aria-hidden="true">"+"</span>
            </button>
            <button class="zoom-out" aria-label=move || t(lang.get(), Ui::ZoomOut) title=move || t(lang.get(), Ui::ZoomOut) on:click=move |_| zoom(-1.0)>
                <span aria-hidden="true">"−"</span>
            </button>
            <button class="reset-view" aria-label=move || t(lang.get(), Ui::ResetView) title=move || t(lang.get(), Ui::ResetView) on:click=move |_| camera.reset()>
                <span aria-hidden="true">"⌂"</span>
            </button>
        </div>
    }
}

/// Credit for the basemap data (GSHHG's licence asks for it).
#[component]
pub fn Attribution() -> impl IntoView {
    let state = use_atlas_state();
    let world = super::world::world_credit();
    move || {
        let tiles = state.with_dataset(|a| {
            let tiles = a
                .loaded
                .atlas
                .settings
                .tiles
                .as_ref()
                .map(|t| t.attribution.clone());
            tiles.filter(|t| !t.is_empty())
        })?;
        let basemap = state.with_basemap(|b| b.credit.clone()).flatten();
        // The world layer shares GSHHG's credit with the bundled regional layers.
        let basemap = match (basemap, world.get()) {
            (Some(b), Some(w)) if !b.contains(&w) => Some(format!("{b}; {w}")),
            (b, w) => b.or(w),
        };
        if basemap.is_none() && tiles.is_none() {
            return None;
        }
        // Tile providers' credit lines are text from the dataset: shown as text, never as HTML.
        Some(view! {
            <p class="attribution">
                {tiles.map(|credit| view! { <span>{move || t(state.lang().get(), Ui::Tiles)}": "{credit}</span> })}
                {basemap.map(|credit| view! { <span>{move || t(state.lang().get(), Ui::Basemap)}": "{credit}</span> })}
            </p>
        })
    }
}
