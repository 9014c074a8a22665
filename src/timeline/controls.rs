//! The timeline's buttons: which time filter is on (and saying so), play and
//! pause with speed, and zooming the time axis for those without a wheel.

use atlas_core::time::{date_at, snap};
use atlas_core::{Precision, TimeFilter};
use leptos::prelude::*;

use super::geometry::use_geometry;
use super::playback::{Playback, SPEEDS};
use crate::i18n::{self, t, Ui};
use crate::state::use_atlas_state;

/// One notch of the zoom buttons.
const ZOOM_STEP: f64 = 2.0;

/// The three filter modes; the one on is pressed and named in the status line.
#[component]
pub fn ModeSwitch() -> impl IntoView {
    let state = use_atlas_state();
    let geo = use_geometry();
    let lang = state.lang();
    let mode = move || match state.time().get() {
        TimeFilter::All => Ui::AllTime,
        TimeFilter::AsOf(_) => Ui::AsOf,
        TimeFilter::Between(..) => Ui::Period,
    };
    let choose = move |ui: Ui| {
        let (start, end) = geo.extent.get_untracked();
        let current = state.time().get_untracked();
        let next = match (ui, current) {
            (Ui::AllTime, _) => TimeFilter::All,
            (Ui::AsOf, TimeFilter::AsOf(t)) => TimeFilter::AsOf(t),
            (Ui::AsOf, TimeFilter::Between(_, to)) => TimeFilter::AsOf(to),
            (Ui::AsOf, TimeFilter::All) => TimeFilter::AsOf(end),
            (_, TimeFilter::Between(a, b)) => TimeFilter::Between(a, b),
            _ => {
                // A period around what is on screen: its middle half, in whole years.
                let (a, b) = (geo.t_at(0.0), geo.t_at(geo.view.get_untracked().width));
                let quarter = (b - a) / 4.0;
                let from = snap(a + quarter, Precision::Year).clamp(start, end);
                let to = snap(b - quarter, Precision::Year).clamp(from, end);
                TimeFilter::Between(from, to.max(from))
            }
        };
        if ui == Ui::AllTime || ui == Ui::Period {
            state.set_playing(false);
        }
        state.set_time(next);
    };
    let undated = Memo::new(move |_| {
        state
            .with_atlas(|a| a.sites.iter().filter(|s| s.is_undated()).count())
            .unwrap_or(0)
    });
    let status = move || {
        let l = lang.get();
        let filter = state.time().get();
        let mut status = match filter {
            TimeFilter::All => t(l, Ui::ShowingAllTime).to_owned(),
            TimeFilter::AsOf(at) => i18n::showing_as_of(l, &date_at(at).format(l)),
            TimeFilter::Between(a, b) => {
                i18n::showing_period(l, &date_at(a).format(l), &date_at(b).format(l))
            }
        };
        let undated = undated.get();
        if undated > 0 {
            status += &i18n::undated_note(l, undated, filter != TimeFilter::All);
        }
        status
    };
    let button = move |ui: Ui| {
        view! {
            <button
                class="mode"
                aria-pressed=move || (mode() == ui).to_string()
                on:click=move |_| choose(ui)
            >
                {move || t(lang.get(), ui)}
            </button>
        }
    };
    view! {
        <div class="modes" role="group" aria-label=move || t(lang.get(), Ui::TimeFilter)>
            {button(Ui::AllTime)}
            {button(Ui::AsOf)}
            {button(Ui::Period)}
        </div>
        <p class="time-status">{status}</p>
    }
}

/// Play/Pause, speed, and whether the map follows.
#[component]
pub fn PlayControls(playback: Playback) -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let playing = state.playing();
    let options = SPEEDS
        .iter()
        .map(|&s| view! { <option value=s.to_string() selected=move || playback.speed.get() == s>{i18n::speed(s)}</option> })
        .collect_view();
    view! {
        <button
            class="play"
            class:playing=move || playing.get()
            on:click=move |_| state.toggle_playing()
        >
            <span class="play-icon" aria-hidden="true">{move || if playing.get() { "❚❚" } else { "▶" }}</span>
            " "
            <span>{move || t(lang.get(), if playing.get() { Ui::Pause } else { Ui::Play })}</span>
        </button>
        <label class="speed">
            <span>{move || t(lang.get(), Ui::Speed)}</span>
            " "
            <select on:change:target=move |ev| {
                if let Ok(s) = ev.target().value().parse::<f64>() {
                    playback.speed.set(s);
                }
            }>{options}</select>
        </label>
        <label class="follow">
            <input
                type="checkbox"
                prop:checked=move || playback.follow.get()
                on:change:target=move |ev| playback.follow.set(ev.target().checked())
            />
            " "
            {move || t(lang.get(), Ui::FollowOnMap)}
        </label>
    }
}

/// Zoom in, zoom out and fit, for the time axis.
#[component]
pub fn AxisZoom() -> impl IntoView {
    let state = use_atlas_state();
    let geo = use_geometry();
    let lang = state.lang();
    let zoom = move |factor: f64| {
        let v = geo.view.get_untracked();
        // About the cursor when it is on screen, so zooming keeps the moment in view.
        let anchor = match state.time().get_untracked() {
            TimeFilter::AsOf(at) => geo.x_of(at),
            _ => v.width / 2.0,
        };
        let anchor = if (0.0..=v.width).contains(&anchor) {
            anchor
        } else {
            v.width / 2.0
        };
        geo.set_view(state, v.zoomed_about(anchor, factor));
    };
    let button = move |ui: Ui, glyph: &'static str, action: Callback<()>| {
        view! {
            <button
                class="axis-zoom"
                aria-label=move || t(lang.get(), ui)
                title=move || t(lang.get(), ui)
                on:click=move |_| action.run(())
            >
                <span aria-hidden="true">{glyph}</span>
            </button>
        }
    };
    view! {
        <div class="axis-zooms">
            {button(Ui::ZoomInTime, "+", Callback::new(move |_| zoom(ZOOM_STEP)))}
            {button(Ui::ZoomOutTime, "−", Callback::new(move |_| zoom(1.0 / ZOOM_STEP)))}
            {button(Ui::FitTime, "↔", Callback::new(move |_| state.set_timeline_view(None)))}
        </div>
    }
}
