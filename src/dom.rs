//! Readings of DOM events that the map and the timeline share: how far a
//! wheel turned, where a pointer is within an element, and whether an event
//! belongs to a control that handles it itself.

use atlas_core::geo::ScreenPoint;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Elements inside the map and the timeline that handle their own pointer
/// events: markers, clusters and buttons, and the timeline's slider handles.
const CONTROLS: &str = "button, [role=slider]";

/// Wheel travel in CSS px (x, y), whatever unit the browser reports it in.
/// Lines and pages are rare (Firefox with some mice) but a notch of them
/// should move about as far as a pixel-mode notch does.
pub fn wheel_travel(ev: &web_sys::WheelEvent) -> (f64, f64) {
    let unit = match ev.delta_mode() {
        web_sys::WheelEvent::DOM_DELTA_LINE => 16.0,
        web_sys::WheelEvent::DOM_DELTA_PAGE => 400.0,
        _ => 1.0,
    };
    (ev.delta_x() * unit, ev.delta_y() * unit)
}

/// Client coordinates as `element`'s own: CSS px from its top-left corner.
/// `None` while the element is not mounted.
pub fn local_point(element: NodeRef<Div>, client_x: f64, client_y: f64) -> Option<ScreenPoint> {
    let rect = element.get_untracked()?.get_bounding_client_rect();
    Some(ScreenPoint {
        x: client_x - rect.left(),
        y: client_y - rect.top(),
    })
}

/// Whether `ev` happened on a control (a button, a slider handle), which
/// handles it itself: it is then no tap or drag of the surface beneath.
pub fn on_control(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(CONTROLS).ok().flatten())
        .is_some()
}
