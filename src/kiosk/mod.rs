//! Kiosk mode (`?kiosk=1`, or a dataset's `atlas.kiosk.enabled`): an
//! unattended touch screen in an exhibition hall. It goes full screen at the
//! first touch, keeps visitors inside the app (no context menu, page zoom,
//! back swipe or links out), and after a while without a touch asks "Still
//! there?", then goes back to its start and plays the attract tour.
//!
//! The idle rules are atlas-core's (`atlas_core::idle`); the looks are in
//! public/kiosk.css, keyed on the `kiosk` class of the app's root.

mod dialog;
mod fullscreen;
mod guards;
mod idle;

use leptos::prelude::*;

use crate::state::use_atlas_state;

use dialog::StillThereDialog;
use fullscreen::use_fullscreen_on_touch;
use guards::use_kiosk_guards;
use idle::{use_idle_cycle, UseIdleCycleReturn};

/// Kiosk behaviour, present only while the page is a kiosk: a dataset can ask
/// for it once it has loaded, and an ordinary page then carries no kiosk
/// listeners at all.
#[component]
pub fn Kiosk() -> impl IntoView {
    let state = use_atlas_state();
    let kiosk = Memo::new(move |_| state.is_kiosk());
    move || kiosk.get().then(|| view! { <KioskMode /> })
}

#[component]
fn KioskMode() -> impl IntoView {
    let state = use_atlas_state();
    use_kiosk_guards();
    use_fullscreen_on_touch();
    let UseIdleCycleReturn {
        seconds_left,
        continue_visit,
    } = use_idle_cycle(state);
    view! { <StillThereDialog seconds_left continue_visit /> }
}
