//! A file dropped anywhere on the page opens as a preview; while one is
//! dragged over the page, an overlay says what dropping it will do.

use leptos::ev::DragEvent;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::FileOpener;
use crate::i18n::{t, Ui};
use crate::state::use_atlas_state;

/// The page-wide drop target and its overlay.
#[component]
pub fn FileDrop(opener: FileOpener) -> impl IntoView {
    let lang = use_atlas_state().lang();
    // Enters minus leaves of a drag that carries files: every element the
    // pointer crosses sends its own pair, so the overlay shows while this is
    // above zero (once it shows, it is the only element crossed).
    let depth = RwSignal::new(0u32);

    let enter = window_event_listener(leptos::ev::dragenter, move |ev| {
        if carries_files(&ev) && opener.is_offered_untracked() {
            ev.prevent_default();
            depth.update(|d| *d += 1);
        }
    });
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if !carries_files(&ev) {
            return;
        }
        // Taken in a kiosk too, refused there: the browser would otherwise
        // open the file in place of the app.
        ev.prevent_default();
        if let Some(transfer) = ev.data_transfer() {
            let effect = if opener.is_offered_untracked() {
                "copy"
            } else {
                "none"
            };
            transfer.set_drop_effect(effect);
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        if carries_files(&ev) && depth.get_untracked() > 0 {
            depth.update(|d| *d -= 1);
        }
    });
    let dropped = window_event_listener(leptos::ev::drop, move |ev| {
        if !carries_files(&ev) {
            return;
        }
        ev.prevent_default();
        depth.set(0);
        if !opener.is_offered_untracked() {
            return;
        }
        let file = ev
            .data_transfer()
            .and_then(|transfer| transfer.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            opener.open(file);
        }
    });
    // A drag cancelled outside the window may end without a last leave: the
    // pointer moving again over the page means no drag is on.
    let moved = window_event_listener(leptos::ev::pointermove, move |_| {
        if depth.get_untracked() > 0 {
            depth.set(0);
        }
    });
    on_cleanup(move || {
        for handle in [enter, over, leave, dropped, moved] {
            handle.remove();
        }
    });

    view! {
        <Show when=move || { depth.get() > 0 }>
            <div class="file-drop">
                <div class="file-drop-card">
                    <p class="file-drop-title">{move || t(lang.get(), Ui::DropToPreview)}</p>
                    <p>{move || t(lang.get(), Ui::ReadLocally)}</p>
                </div>
            </div>
        </Show>
    }
}

/// Whether a drag carries files (not a link or text dragged within the page).
fn carries_files(ev: &DragEvent) -> bool {
    ev.data_transfer()
        .is_some_and(|transfer| transfer.types().includes(&JsValue::from_str("Files"), 0))
}
