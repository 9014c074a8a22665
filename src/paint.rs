//! Waiting for the browser to paint, so work that can wait (a basemap read
//! after the sites) never holds back a frame the visitor is waiting for.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::Promise;

/// Resolves once the browser has painted the next frame (a task posted from
/// an animation frame callback runs after that frame), or after 100 ms in a
/// hidden tab, which paints no frames.
pub async fn after_next_paint() {
    let painted = Promise::new(&mut |resolve, _| {
        let after_frame = resolve.clone();
        request_animation_frame(move || {
            set_timeout(
                move || drop(after_frame.call0(&JsValue::NULL)),
                Duration::ZERO,
            )
        });
        set_timeout(
            move || drop(resolve.call0(&JsValue::NULL)),
            Duration::from_millis(100),
        );
    });
    let _ = JsFuture::from(painted).await;
}
