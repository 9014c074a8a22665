//! A kiosk goes full screen at the first touch, click or key: browsers allow
//! the Fullscreen API only in answer to one. Chromium's `--kiosk` flag
//! (docs/kiosk.md) is full screen already; this covers a kiosk started
//! without it, and one a visitor took out of full screen.

use leptos::ev;
use leptos::prelude::*;
use leptos_use_event_listener::{use_event_listener_with_options, UseEventListenerOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::js_sys::Promise;

#[wasm_bindgen]
extern "C" {
    /// An element, with `requestFullscreen` returning its promise (web-sys
    /// drops it, and a refusal would then log as an uncaught error).
    #[wasm_bindgen(extends = web_sys::Element)]
    type FullscreenTarget;
    #[wasm_bindgen(method, catch, js_name = requestFullscreen)]
    fn request_fullscreen(this: &FullscreenTarget) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// Swallows a refusal: a browser may allow full screen only from some
    /// gestures, or not at all (a phone, a frame); the kiosk works on as it is.
    static IGNORE: Closure<dyn FnMut(JsValue)> = Closure::new(|_: JsValue| {});
}

/// Asks for full screen at every gesture while the page is not full screen.
pub fn use_fullscreen_on_touch() {
    let options = UseEventListenerOptions::default()
        .capture(true)
        .passive(true);
    // pointerup, not pointerdown: a touch's pointerdown does not count as a
    // gesture that may open full screen; its pointerup does.
    let _ = use_event_listener_with_options(
        window(),
        ev::pointerup,
        |_: web_sys::PointerEvent| enter_fullscreen(),
        options,
    );
    let _ = use_event_listener_with_options(
        window(),
        ev::keydown,
        |ev: web_sys::KeyboardEvent| {
            // Escape leaves full screen; it must not bring it straight back.
            if ev.key() != "Escape" {
                enter_fullscreen();
            }
        },
        options,
    );
}

fn enter_fullscreen() {
    let Some(document) = window().document() else {
        return;
    };
    if document.fullscreen_element().is_some() || !document.fullscreen_enabled() {
        return;
    }
    let Some(root) = document.document_element() else {
        return;
    };
    let asked = root
        .unchecked_into::<FullscreenTarget>()
        .request_fullscreen();
    if let Ok(promise) = asked.and_then(|answer| answer.dyn_into::<Promise>()) {
        IGNORE.with(|ignore| {
            let _ = promise.catch(ignore);
        });
    }
}
