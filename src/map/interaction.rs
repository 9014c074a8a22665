//! Drag, wheel and keyboard on the map, turned into viewport changes.

use atlas_core::geo::ScreenPoint;
use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::html::Div;
use leptos::prelude::*;
use leptos_use_event_listener::{use_event_listener_with_options, UseEventListenerOptions};

use crate::state::AtlasState;

/// A press that travels less than this is a click, not a drag (CSS px).
const DRAG_THRESHOLD: f64 = 4.0;
/// Zoom levels per pixel of wheel travel: one notch (100 px) is half a level.
const WHEEL_ZOOM_PER_PIXEL: f64 = 0.005;
/// Arrow keys pan by this many pixels.
const KEY_PAN: f64 = 80.0;
/// Keep a selected site at least this far inside the edges.
const SELECTION_MARGIN: f64 = 40.0;

/// Event handlers for the map surface.
#[derive(Clone, Copy)]
pub struct MapGestures {
    pub pointer_down: Callback<PointerEvent>,
    pub pointer_move: Callback<PointerEvent>,
    pub pointer_up: Callback<PointerEvent>,
    pub key_down: Callback<KeyboardEvent>,
}

#[derive(Clone, Copy)]
struct Drag {
    pointer: i32,
    start: (f64, f64),
    last: (f64, f64),
    panning: bool,
}

/// Wires drag-to-pan, wheel zoom about the cursor and keyboard pan/zoom.
pub fn use_map_gestures(surface: NodeRef<Div>, state: AtlasState) -> MapGestures {
    let drag = StoredValue::new(None::<Drag>);

    // The wheel listener must not be passive, or the page would scroll instead of the map zooming.
    let _ = use_event_listener_with_options(
        surface,
        leptos::ev::wheel,
        move |ev: web_sys::WheelEvent| {
            ev.prevent_default();
            let Some(anchor) = local_point(surface, ev.client_x() as f64, ev.client_y() as f64)
            else {
                return;
            };
            let pixels = match ev.delta_mode() {
                1 => ev.delta_y() * 16.0,
                2 => ev.delta_y() * 400.0,
                _ => ev.delta_y(),
            };
            state.viewport.update(|v| {
                if let Some(v) = v {
                    *v = v.zoomed_about(anchor, -pixels * WHEEL_ZOOM_PER_PIXEL);
                }
            });
        },
        UseEventListenerOptions::default().passive(false),
    );

    let pointer_down = move |ev: PointerEvent| {
        if ev.button() != 0 || drag.with_value(Option::is_some) {
            return;
        }
        let p = (ev.client_x() as f64, ev.client_y() as f64);
        drag.set_value(Some(Drag {
            pointer: ev.pointer_id(),
            start: p,
            last: p,
            panning: false,
        }));
    };
    let pointer_move = move |ev: PointerEvent| {
        let Some(mut d) = drag.get_value().filter(|d| d.pointer == ev.pointer_id()) else {
            return;
        };
        let p = (ev.client_x() as f64, ev.client_y() as f64);
        if !d.panning && (p.0 - d.start.0).hypot(p.1 - d.start.1) >= DRAG_THRESHOLD {
            d.panning = true;
            d.last = d.start;
            // Capturing only once it is a drag keeps plain clicks on markers working.
            if let Some(el) = surface.get_untracked() {
                let _ = el.set_pointer_capture(d.pointer);
                let _ = el.class_list().add_1("dragging");
            }
        }
        if d.panning {
            let (dx, dy) = (p.0 - d.last.0, p.1 - d.last.1);
            state.viewport.update(|v| {
                if let Some(v) = v {
                    *v = v.panned(dx, dy);
                }
            });
            d.last = p;
        }
        drag.set_value(Some(d));
    };
    let pointer_up = move |ev: PointerEvent| {
        if drag.with_value(|d| d.is_some_and(|d| d.pointer == ev.pointer_id())) {
            drag.set_value(None);
            if let Some(el) = surface.get_untracked() {
                let _ = el.class_list().remove_1("dragging");
            }
        }
    };
    let key_down = move |ev: KeyboardEvent| {
        let Some(v) = state.viewport.get_untracked() else {
            return;
        };
        let centre = ScreenPoint {
            x: v.width / 2.0,
            y: v.height / 2.0,
        };
        let next = match ev.key().as_str() {
            "ArrowLeft" => v.panned(KEY_PAN, 0.0),
            "ArrowRight" => v.panned(-KEY_PAN, 0.0),
            "ArrowUp" => v.panned(0.0, KEY_PAN),
            "ArrowDown" => v.panned(0.0, -KEY_PAN),
            "+" | "=" => v.zoomed_about(centre, 1.0),
            "-" | "_" => v.zoomed_about(centre, -1.0),
            "Home" => {
                ev.prevent_default();
                state.viewport.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        state.viewport.set(Some(next));
    };
    MapGestures {
        pointer_down: Callback::new(pointer_down),
        pointer_move: Callback::new(pointer_move),
        pointer_up: Callback::new(pointer_up),
        key_down: Callback::new(key_down),
    }
}

/// When a site is selected from elsewhere (the timeline), make sure the map shows it.
pub fn bring_selection_into_view(state: AtlasState) {
    Effect::new(move |_| {
        let Some(index) = state.selected.get() else {
            return;
        };
        let Some(position) = state.atlas.with_untracked(|a| {
            a.as_ref()
                .and_then(|a| a.loaded.atlas.sites.get(index)?.position)
        }) else {
            return;
        };
        let Some(v) = state.viewport.get_untracked() else {
            return;
        };
        let p = v.to_screen(position.to_world());
        let inside = (SELECTION_MARGIN..=v.width - SELECTION_MARGIN).contains(&p.x)
            && (SELECTION_MARGIN..=v.height - SELECTION_MARGIN).contains(&p.y);
        if !inside {
            state.viewport.set(Some(atlas_core::Viewport {
                center: position.to_world(),
                ..v
            }));
        }
    });
}

/// Converts client coordinates to the surface's own.
fn local_point(surface: NodeRef<Div>, client_x: f64, client_y: f64) -> Option<ScreenPoint> {
    let rect = surface.get_untracked()?.get_bounding_client_rect();
    Some(ScreenPoint {
        x: client_x - rect.left(),
        y: client_y - rect.top(),
    })
}
