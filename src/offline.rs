//! Offline kiosks: registers the service worker (public/sw.js) that keeps a
//! snapshot of the app, its dataset and basemap, and lets the app choose the
//! moment a newer snapshot takes over.
//!
//! The worker answers every visit from its snapshot, and builds the next one
//! in the background when the server has changed; it never switches on its
//! own. [`activate_waiting_update`] is that switch: the kiosk calls it when no
//! one is watching (its idle reset), the worker answers
//! `{type: "update-activated"}` and the page reloads into the new snapshot.
//! docs/kiosk.md says the same for whoever runs a kiosk.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    MessageEvent, RegistrationOptions, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerUpdateViaCache,
};

/// The worker, copied to the top of the site by trunk (index.html): its
/// folder, the site's, is the part of the site it answers for.
const WORKER_SCRIPT: &str = "sw.js";
/// Page → worker: make a ready snapshot (or a waiting new worker) current.
const ACTIVATE_UPDATE: &str = "activate-update";
/// Worker → page: the snapshot changed under this page.
const UPDATE_ACTIVATED: &str = "update-activated";

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Set once this page asked for an update, so that only a change it asked
    /// for reloads it (never one another tab asked for mid-visit).
    static UPDATE_REQUESTED: Cell<bool> = const { Cell::new(false) };
    /// Swallows rejections that only mean "offline" (an update check that could
    /// not reach the server), which would otherwise log as uncaught errors.
    static IGNORE: Closure<dyn FnMut(JsValue)> = Closure::new(|_: JsValue| {});
    /// The address the page was opened with (a kiosk's launch URL): an update
    /// reloads into it, not into the last visitor's site, time and language.
    static START_HREF: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
extern "C" {
    /// The messages the page and the worker exchange: `{ type: string }`.
    #[wasm_bindgen(js_name = Object)]
    type WorkerMessage;
    #[wasm_bindgen(constructor, js_class = "Object")]
    fn new() -> WorkerMessage;
    #[wasm_bindgen(method, getter = type)]
    fn kind(this: &WorkerMessage) -> JsValue;
    #[wasm_bindgen(method, setter = type)]
    fn set_kind(this: &WorkerMessage, kind: &str);
}

/// Registers the offline worker, once the page has finished loading so that
/// its copying never competes with the first visit's own requests.
///
/// Release builds only (src/main.rs): under `trunk serve` a worker would keep
/// serving the first build it saw. Does nothing where browsers offer no
/// service workers (pages opened from disk, plain http to another machine).
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // Read now, before the app writes the visitor's view into the URL.
    START_HREF.with_borrow_mut(|start| *start = window.location().href().ok());
    if window
        .document()
        .is_some_and(|document| document.ready_state() == "complete")
    {
        register();
    } else {
        let on_load = Closure::once_into_js(register);
        let _ = window.add_event_listener_with_callback("load", on_load.unchecked_ref());
    }
}

/// Lets a newer snapshot of the app and its data take over, if the worker has
/// one ready: the page then reloads into it. Call it only when no visitor is
/// in the middle of something (the kiosk's idle reset).
///
/// Without a ready snapshot nothing changes now, and the worker looks for
/// one on the server, ready for the next call. Does nothing without a
/// registered worker (debug builds, browsers without service workers).
pub fn activate_waiting_update() {
    let Some(registration) = REGISTRATION.with_borrow(Clone::clone) else {
        return;
    };
    let Some(workers) = service_workers() else {
        return;
    };
    // A new version of sw.js waits since its install; otherwise the worker in
    // charge may hold a staged snapshot.
    let Some(worker) = registration.waiting().or_else(|| workers.controller()) else {
        return;
    };
    let message = WorkerMessage::new();
    message.set_kind(ACTIVATE_UPDATE);
    if worker.post_message(&message).is_ok() {
        UPDATE_REQUESTED.set(true);
    }
    // Browsers look for a new sw.js when a page loads; a kiosk page may run
    // for weeks without loading again, so ask here too.
    if let Ok(checked) = registration.update() {
        IGNORE.with(|ignore| {
            let _ = checked.catch(ignore);
        });
    }
}

fn register() {
    let Some(workers) = service_workers() else {
        return;
    };
    // Assigning onmessage also starts delivery of the worker's messages.
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(on_worker_message);
    workers.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget(); // for the page's lifetime

    let options = RegistrationOptions::new();
    // Fetch sw.js past the HTTP cache when looking for a new version: the
    // cache headers of a kiosk's server are not ours to choose.
    options.set_update_via_cache(ServiceWorkerUpdateViaCache::None);
    let on_registered = Closure::once(|registration: JsValue| {
        // A browser whose workers are blocked by policy may answer with no
        // registration at all; keeping that would break every idle reset.
        if let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() {
            REGISTRATION.with_borrow_mut(|kept| *kept = Some(registration));
        }
    });
    let on_failed = Closure::once(|error: JsValue| {
        // A warning, not an error: the app works on, only not offline.
        web_sys::console::warn_2(&"Heritage Atlas: no offline worker:".into(), &error);
    });
    let _ = workers
        .register_with_options(WORKER_SCRIPT, &options)
        .then2(&on_registered, &on_failed);
    // Each runs at most once, once per page.
    on_registered.forget();
    on_failed.forget();
}

fn on_worker_message(event: MessageEvent) {
    let data = event.data();
    if !data.is_object() {
        return;
    }
    let kind = data.unchecked_into::<WorkerMessage>().kind().as_string();
    if kind.as_deref() == Some(UPDATE_ACTIVATED) && UPDATE_REQUESTED.get() {
        if let Some(window) = web_sys::window() {
            let location = window.location();
            match START_HREF.with_borrow(Clone::clone) {
                Some(start) => {
                    let _ = location.replace(&start);
                }
                None => {
                    let _ = location.reload();
                }
            }
        }
    }
}

/// The page's service worker container; absent outside secure contexts.
fn service_workers() -> Option<ServiceWorkerContainer> {
    let workers = web_sys::window()?.navigator().service_worker();
    (!workers.is_undefined()).then_some(workers)
}
