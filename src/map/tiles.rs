//! Optional raster tiles under the vector layers, only when a dataset asks
//! for them (`atlas.tiles`). A tile that fails to load hides itself, so the
//! offline basemap underneath stays visible.

use atlas_core::tiles::{tile_url, visible_tiles};
use leptos::prelude::*;

use crate::state::use_atlas_state;

/// A tile's URL and its square on screen: left, top, size (CSS px).
type PlacedTile = (String, f64, f64, f64);

/// The tile layer; renders nothing for datasets without tiles (the default: no network).
#[component]
pub fn TileLayer() -> impl IntoView {
    let state = use_atlas_state();
    let settings = move || state.with_atlas(|a| a.settings.tiles.clone()).flatten();
    let tiles = Memo::new(move |_| {
        let settings = settings()?;
        let v = state.viewport().get()?;
        let placed: Vec<PlacedTile> = visible_tiles(&v, settings.max_zoom, settings.datum)
            .into_iter()
            .map(|t| {
                (
                    tile_url(&settings.url, t.z, t.x, t.y),
                    t.left,
                    t.top,
                    t.size,
                )
            })
            .collect();
        Some(placed)
    });
    move || {
        tiles.with(Option::is_some).then(|| {
            view! {
                <div class="tiles" aria-hidden="true">
                    <For each=move || tiles.get().unwrap_or_default() key=|t| t.0.clone() let:tile>
                        <Tile url=tile.0 tiles />
                    </For>
                </div>
            }
        })
    }
}

/// The tile's current square (left, top, side), in CSS px: tiles keep their
/// DOM node while the map moves.
fn placement(tiles: Memo<Option<Vec<PlacedTile>>>, url: &str) -> Option<(f64, f64, f64)> {
    tiles.with(|list| {
        list.as_ref()
            .and_then(|l| l.iter().find(|t| t.0 == url))
            // Half a pixel of overlap hides hairline seams between tiles at fractional zooms.
            .map(|t| (t.1, t.2, t.3 + 0.5))
    })
}

#[component]
fn Tile(url: String, tiles: Memo<Option<Vec<PlacedTile>>>) -> impl IntoView {
    let (key, side_key, url_key) = (url.clone(), url.clone(), url.clone());
    view! {
        <img
            src=url
            alt=""
            draggable="false"
            referrerpolicy="no-referrer"
            // One property at a time (CSSOM): the Content Security Policy refuses `style` attributes.
            style:transform=move || {
                placement(tiles, &key).map(|(x, y, _)| format!("translate({x:.2}px, {y:.2}px)")).unwrap_or_default()
            }
            style:width=move || side(placement(tiles, &side_key))
            style:height=move || side(placement(tiles, &url_key))
            on:error=|ev| {
                use wasm_bindgen::JsCast;
                if let Some(img) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = img.style().set_property("visibility", "hidden");
                }
            }
        />
    }
}

/// A tile's side, as CSS; empty (no size) before it is placed.
fn side(placement: Option<(f64, f64, f64)>) -> String {
    placement
        .map(|(_, _, size)| format!("{size:.2}px"))
        .unwrap_or_default()
}
