//! The guided tour: the dataset's chapters played in order, each flying the
//! map to a place and the timeline to a time, with a short text.
//!
//! The tour runs from the state alone (`state.tour()`): the Tour button, a
//! `?tour=1&chapter=N` link and a kiosk's attract loop all start it the same
//! way, and [`TourPlayer`] (always mounted) plays whatever runs.

mod card;
mod player;

use leptos::prelude::*;

use crate::i18n::{t, Ui};
use crate::state::use_atlas_state;
use card::TourCard;
use player::use_tour_player;

/// Plays the running tour and shows its card; Escape leaves it.
#[component]
pub fn TourPlayer() -> impl IntoView {
    let state = use_atlas_state();
    let player = use_tour_player(state);
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        // An Escape another dialog (the QR code) already took is not the tour's.
        if ev.key() == "Escape" && !ev.default_prevented() && state.tour().get_untracked().is_some()
        {
            player.exit();
        }
    });
    view! { <TourCard player /> }
}

/// The header's "Tour" button, for datasets that have a tour: starts it at
/// the first chapter, or leaves it while it runs (it shows as pressed).
#[component]
pub fn TourButton() -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let has_tour = move || state.with_atlas(|a| !a.settings.tour.is_empty()) == Some(true);
    let running = move || state.tour().get().is_some();
    view! {
        <Show when=has_tour>
            <button
                class="tour-start"
                aria-pressed=move || running().to_string()
                on:click=move |_| {
                    if state.tour().get_untracked().is_some() {
                        state.exit_tour();
                    } else {
                        state.show_chapter(0, false);
                    }
                }
            >
                {move || t(lang.get(), Ui::TourStart)}
            </button>
        </Show>
    }
}
