//! Keeps a kiosk's visitors inside the app: no context menu, no page zoom
//! (pinch, ctrl+wheel, ctrl and +/−), no dragging images or text out.
//!
//! CSS does most of it (public/kiosk.css: `touch-action`, `user-select`,
//! `overscroll-behavior`); these listeners catch what CSS cannot. The map
//! handles its own pinch and wheel itself and is left alone.

use leptos::ev;
use leptos::prelude::*;
use leptos_use_event_listener::{use_event_listener_with_options, UseEventListenerOptions};
use wasm_bindgen::JsCast;

/// The map, whose own pinch zooms the map, not the page.
const MAP: &str = ".map";

/// Listens on the window while the kiosk mode is mounted (the listeners go
/// with it).
pub fn use_kiosk_guards() {
    // Not passive: each of these cancels the browser's default.
    let blocking = UseEventListenerOptions::default()
        .capture(true)
        .passive(false);

    // A long press opens no menu (its "Open link in new tab" and "Inspect"
    // lead out of the app).
    let _ = use_event_listener_with_options(
        window(),
        ev::contextmenu,
        |ev: web_sys::MouseEvent| ev.prevent_default(),
        blocking,
    );
    // Dragging an image or a text selection would show a ghost and offer a drop.
    let _ = use_event_listener_with_options(
        window(),
        ev::dragstart,
        |ev: web_sys::DragEvent| ev.prevent_default(),
        blocking,
    );
    // Trackpad pinches and ctrl+wheel zoom the page. Cancelling the default
    // does not stop the event, so the map still zooms on it.
    let _ = use_event_listener_with_options(
        window(),
        ev::wheel,
        |ev: web_sys::WheelEvent| {
            if ev.ctrl_key() || ev.meta_key() {
                ev.prevent_default();
            }
        },
        blocking,
    );
    // Two fingers outside the map would zoom the page where `touch-action`
    // does not reach (inside a scrolling panel, in older browsers).
    let _ = use_event_listener_with_options(
        window(),
        ev::touchmove,
        |ev: web_sys::TouchEvent| {
            if ev.touches().length() > 1 && !inside(&ev, MAP) {
                ev.prevent_default();
            }
        },
        blocking,
    );
    // Safari's own pinch gesture events.
    for gesture in ["gesturestart", "gesturechange"] {
        let _ = use_event_listener_with_options(
            window(),
            ev::Custom::<web_sys::Event>::new(gesture),
            move |ev: web_sys::Event| {
                if !inside(&ev, MAP) {
                    ev.prevent_default();
                }
            },
            blocking,
        );
    }
    // Ctrl (or ⌘) and +, − or 0 zoom the page on a kiosk's keyboard; the map
    // takes + and − without a modifier.
    let _ = use_event_listener_with_options(
        window(),
        ev::keydown,
        |ev: web_sys::KeyboardEvent| {
            let zoom_key = matches!(ev.key().as_str(), "+" | "=" | "-" | "_" | "0");
            if (ev.ctrl_key() || ev.meta_key()) && zoom_key {
                ev.prevent_default();
            }
        },
        blocking,
    );
}

/// Whether `ev` happened inside an element matching `selector`.
fn inside(ev: &web_sys::Event, selector: &str) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(selector).ok().flatten())
        .is_some()
}
