//! The timeline, linked to the map: events as marks on a time axis fitted to
//! the data, an "as of" cursor or a period brush that filter the map, and
//! playback through history.
//!
//! Geometry (ticks, the fitted axis, mark stacking) is atlas-core's; this
//! module wires it to the state and the pointer.

mod axis;
mod controls;
mod geometry;
mod marks;
mod playback;
mod sliders;

use leptos::ev::KeyboardEvent;
use leptos::html::Div;
use leptos::prelude::*;
use leptos_use_element_size::{use_element_size, UseElementSizeReturn};
use wasm_bindgen::JsCast;

use crate::i18n::{t, Ui};
use crate::state::{use_atlas_state, AtlasState};

use axis::{use_strip_gestures, Axis, UseStripGesturesReturn};
use controls::{AxisZoom, ModeSwitch, PlayControls};
use geometry::TimelineGeometry;
use marks::Marks;
use playback::use_playback;
use sliders::TimeSliders;

/// Marks stay at least this wide and tall (CSS px)…
const SLOT_PX: f64 = 24.0;
/// …on a touch screen, a finger's width…
const TOUCH_SLOT_PX: f64 = 44.0;
/// …and on a kiosk, the kiosk's target size.
const KIOSK_SLOT_PX: f64 = 48.0;
/// Events stacked in one slot before they merge.
const LANES: u8 = 3;
/// A selected site's event is brought at least this far inside the strip.
const REVEAL_MARGIN: f64 = 32.0;

/// The timeline region.
#[component]
pub fn Timeline() -> impl IntoView {
    let state = use_atlas_state();
    // A dataset can ask for kiosk mode only once it has loaded: the timeline
    // is then built again with the kiosk's slots.
    let kiosk = Memo::new(move |_| state.is_kiosk());
    move || {
        let slot_px = if kiosk.get() {
            KIOSK_SLOT_PX
        } else if coarse_pointer() {
            TOUCH_SLOT_PX
        } else {
            SLOT_PX
        };
        view! { <TimelineAt slot_px /> }
    }
}

/// The timeline region with marks `slot_px` wide.
#[component]
fn TimelineAt(slot_px: f64) -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let strip = NodeRef::<Div>::new();
    let UseElementSizeReturn { width, .. } = use_element_size(strip);
    let geo = TimelineGeometry::new(state, strip, width, slot_px, LANES);
    provide_context(geo);
    let playback = use_playback(state, geo);
    let loaded = Memo::new(move |_| state.has_dataset());
    // A file of undated places has nothing to put on the axis: say so instead of a bare scale.
    let no_dates = Memo::new(move |_| {
        state
            .with_atlas(|a| a.chronology().is_empty())
            .unwrap_or(false)
    });
    let UseStripGesturesReturn { is_dragging } = use_strip_gestures(state, geo);
    bring_selection_into_view(state, geo);
    bring_tour_time_into_view(state, geo);

    // Space plays and pauses, from anywhere that does not use Space itself.
    let space = window_event_listener(leptos::ev::keydown, move |ev| {
        let on_page = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .is_none_or(|el| el.tag_name() == "BODY");
        if on_page && is_space(&ev) {
            ev.prevent_default();
            state.toggle_playing();
        }
    });
    // The timeline is built again when kiosk mode changes: the old one's
    // listener must not toggle playback a second time.
    on_cleanup(move || space.remove());
    let key_down = move |ev: KeyboardEvent| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let uses_space = target.is_some_and(|el| {
            matches!(
                el.tag_name().as_str(),
                "BUTTON" | "SELECT" | "INPUT" | "A" | "TEXTAREA"
            )
        });
        if is_space(&ev) && !uses_space {
            ev.prevent_default();
            state.toggle_playing();
        }
    };

    view! {
        <section
            class="timeline"
            class:kiosk={slot_px >= KIOSK_SLOT_PX}
            aria-label=move || t(lang.get(), Ui::Timeline)
            style:--slot=format!("{slot_px}px")
            style:--lanes=LANES.to_string()
            on:keydown=key_down
        >
            <div class="timeline-controls">
                <ModeSwitch />
                <PlayControls playback />
                <AxisZoom />
            </div>
            <div
                class="strip"
                class:dragging=is_dragging
                node_ref=strip
            >
                <Marks />
                <Axis />
                // The sliders' ends are the data's: no slider until there is data.
                {move || loaded.get().then(|| view! { <TimeSliders /> })}
                <Show when=move || no_dates.get()>
                    <p class="timeline-empty">{move || t(lang.get(), Ui::NoDatesInFile)}</p>
                </Show>
            </div>
        </section>
    }
}

/// When a site is selected (on the map, in a list, by a link), pan the strip
/// so its first event is in view.
fn bring_selection_into_view(state: AtlasState, geo: TimelineGeometry) {
    Effect::new(move |_| {
        let Some(site) = state.selected().get() else {
            return;
        };
        // A tour chapter shows its own time, not the site's first event.
        if state.tour_frames_site(site) {
            return;
        }
        let u = geo
            .chronology
            .with(|c| c.refs.iter().position(|r| r.site == site).map(|i| c.us[i]));
        let Some(u) = u else { return };
        let v = geo.view.get_untracked();
        let next = v.revealing(u, REVEAL_MARGIN);
        if next != v {
            geo.set_view(state, next);
        }
    });
}

/// Each chapter of the guided tour pans the strip so its time is in view: the
/// period's start first, then as much of its end as fits.
fn bring_tour_time_into_view(state: AtlasState, geo: TimelineGeometry) {
    Effect::new(move |_| {
        let Some(chapter) = state.tour_chapter() else {
            return;
        };
        let (from, to) = chapter.time.span_years();
        let (u0, u1) = geo.axis.with_untracked(|a| (a.u(from), a.u(to)));
        let v = geo.view.get_untracked();
        let next = v.revealing(u1, REVEAL_MARGIN).revealing(u0, REVEAL_MARGIN);
        if next != v {
            geo.set_view(state, next);
        }
    });
}

fn is_space(ev: &KeyboardEvent) -> bool {
    ev.key() == " " && !ev.ctrl_key() && !ev.alt_key() && !ev.meta_key()
}

fn coarse_pointer() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(pointer: coarse)").ok().flatten())
        .is_some_and(|m| m.matches())
}
