//! Using the page from the keyboard alone (issue 11): skip links that lead
//! past the header to the map or the site list, and Escape, which closes
//! what is open: the panel (back to the list entry or the marker it came
//! from), a search (cleared), the list opened over a phone's page.

use leptos::prelude::*;

use crate::i18n::{t, Ui};
use crate::site_list::{focus_map, use_site_list_ui, LIST_ID};
use crate::state::use_atlas_state;

/// "Skip to map" and "Skip to site list": the first things Tab reaches,
/// shown only while focused.
#[component]
pub fn SkipLinks() -> impl IntoView {
    let state = use_atlas_state();
    let ui = use_site_list_ui();
    let lang = state.lang();
    view! {
        <div class="skip-links">
            <a class="skip-link" href="#map" on:click=move |ev| {
                ev.prevent_default();
                focus_map();
            }>{move || t(lang.get(), Ui::SkipToMap)}</a>
            <a class="skip-link" href=format!("#{LIST_ID}") on:click=move |ev| {
                ev.prevent_default();
                ui.open_and_focus(state);
            }>{move || t(lang.get(), Ui::SkipToList)}</a>
        </div>
    }
}

/// Escape closes what is open, innermost first. Dialogs (the QR code, the
/// kiosk's question) and the tour handle their own Escape.
pub fn use_escape_closes() {
    let state = use_atlas_state();
    let ui = use_site_list_ui();
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "Escape" || ev.default_prevented() || state.tour().get_untracked().is_some()
        {
            return;
        }
        if modal_open() {
            return;
        }
        let handled = ui.clear_search_in(ev.target().as_ref())
            || if state.selected().get_untracked().is_some() {
                ui.close_panel(state, false);
                true
            } else {
                ui.close_sheet()
            };
        if handled {
            ev.prevent_default();
        }
    });
}

fn modal_open() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[aria-modal=\"true\"]").ok().flatten())
        .is_some()
}
