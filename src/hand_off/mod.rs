//! "Continue on your phone": a button that opens a dialog with a QR code of
//! the current view's link, and the link as text beneath it.
//!
//! The dialog is an overlay of our own (role="dialog", aria-modal) rather than
//! a native modal `<dialog>`: a modal `<dialog>` makes the rest of the page
//! inert, and a kiosk's idle "Still there?" prompt must stay reachable above
//! a QR code left open by a visitor who walked away.

mod link;
mod qr_image;

use leptos::ev::KeyboardEvent;
use leptos::html::Button;
use leptos::prelude::*;

use crate::i18n::{t, Ui};
use crate::state::use_atlas_state;
use link::current_hand_off;
use qr_image::QrImage;

/// The header button and the dialog it opens.
#[component]
pub fn HandOffButton() -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let open = RwSignal::new(false);
    let opener = NodeRef::<Button>::new();
    let close_button = NodeRef::<Button>::new();

    let close = move || {
        if open.get_untracked() {
            open.set(false);
            // Back where the visitor was, so the keyboard continues from there.
            if let Some(button) = opener.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    // Escape closes wherever focus is (a click on the dialog's text can leave it on the page).
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if open.get_untracked() && ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    });
    // The kiosk's attract tour means nobody is there: a code left open would hide it.
    Effect::new(move |_| {
        if state.tour().get().is_some_and(|stop| stop.attract) {
            open.set(false);
        }
    });
    // Focus moves into the dialog as it appears.
    Effect::new(move |_| {
        if let Some(button) = close_button.get() {
            let _ = button.focus();
        }
    });
    // The Close button is the dialog's only control: Tab stays on it, as a modal's focus must.
    let trap_tab = move |ev: KeyboardEvent| {
        if ev.key() == "Tab" {
            ev.prevent_default();
            if let Some(button) = close_button.get_untracked() {
                let _ = button.focus();
            }
        }
    };
    let hand_off = Memo::new(move |_| current_hand_off(state));
    let url = Signal::derive(move || hand_off.with(|h| h.url.clone()));

    view! {
        <button
            class="hand-off-open"
            node_ref=opener
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| {
                // The code shows the view as it is: playback would redraw it every frame.
                state.set_playing(false);
                open.set(true);
            }
        >
            <span class="hand-off-icon" aria-hidden="true"></span>
            {move || t(lang.get(), Ui::ContinueOnPhone)}
        </button>
        <Show when=move || open.get()>
            <div class="hand-off-backdrop" on:click=move |ev| {
                // Only a click on the backdrop itself, not one inside the dialog.
                if ev.target() == ev.current_target() {
                    close();
                }
            }>
                <div
                    class="hand-off"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="hand-off-title"
                    aria-describedby="hand-off-how"
                    tabindex="-1"
                    on:keydown=trap_tab
                >
                    <h2 id="hand-off-title">{move || t(lang.get(), Ui::ContinueOnPhone)}</h2>
                    <p id="hand-off-how">{move || t(lang.get(), Ui::ScanToContinue)}</p>
                    <QrImage text=url />
                    <p class="hand-off-link">{move || url.get()}</p>
                    <Show when=move || hand_off.with(|h| h.on_this_device)>
                        <p class="hand-off-warning">{move || t(lang.get(), Ui::LinkOnThisDevice)}</p>
                    </Show>
                    <button class="hand-off-close" node_ref=close_button on:click=move |_| close()>
                        {move || t(lang.get(), Ui::Close)}
                    </button>
                </div>
            </div>
        </Show>
    }
}
