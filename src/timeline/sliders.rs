//! The "as of" cursor and the period's two handles: ARIA sliders whose value
//! is a moment in history, moved by dragging or by the keyboard (arrows a
//! step, PageUp/PageDown ten, Home/End the ends). Steps are years, months or
//! days, whichever the zoom makes meaningful.

use atlas_core::time::{date_at, step};
use atlas_core::{Precision, TimeFilter};
use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::prelude::*;

use super::geometry::use_geometry;
use crate::i18n::{t, Ui};
use crate::perf;
use crate::state::use_atlas_state;

/// Room a handle's date label needs beside it (CSS px).
const HANDLE_LABEL_ROOM: f64 = 130.0;

/// The cursor (in "All time" and "As of" modes) or the two period handles.
#[component]
pub fn TimeSliders() -> impl IntoView {
    let state = use_atlas_state();
    let geo = use_geometry();
    let mode_is_period = Memo::new(move |_| matches!(state.time().get(), TimeFilter::Between(..)));
    // For `make bench`: from a cursor or brush move to the next frame, by
    // which the map and the timeline have applied it.
    let set = move |f: TimeFilter| {
        perf::mark("timeline:cursor-input");
        state.set_time(f);
        request_animation_frame(|| {
            perf::mark("timeline:cursor-frame");
            perf::measure(
                "timeline:cursor-to-frame",
                "timeline:cursor-input",
                "timeline:cursor-frame",
            );
        });
    };
    move || {
        if mode_is_period.get() {
            let from = Signal::derive(move || match state.time().get() {
                TimeFilter::Between(a, _) => a,
                _ => geo.extent.get().0,
            });
            let to = Signal::derive(move || match state.time().get() {
                TimeFilter::Between(_, b) => b,
                _ => geo.extent.get().1,
            });
            let band = move || (geo.x_of(from.get()), geo.x_of(to.get()));
            view! {
                <div
                    class="period-band"
                    style:left=move || format!("{:.1}px", band().0)
                    style:width=move || { let (a, b) = band(); format!("{:.1}px", (b - a).max(0.0)) }
                    aria-hidden="true"
                ></div>
                <TimeHandle
                    class="handle from"
                    name=Ui::From
                    value=from
                    min=Signal::derive(move || geo.extent.get().0)
                    max=to
                    on_change=Callback::new(move |a| set(TimeFilter::Between(a, to.get_untracked())))
                />
                <TimeHandle
                    class="handle to"
                    name=Ui::To
                    value=to
                    min=from
                    max=Signal::derive(move || geo.extent.get().1)
                    on_change=Callback::new(move |b| set(TimeFilter::Between(from.get_untracked(), b)))
                />
            }
            .into_any()
        } else {
            // In "All time" the cursor rests at the end, where it lets everything through.
            let value = Signal::derive(move || match state.time().get() {
                TimeFilter::AsOf(t) => t,
                _ => geo.extent.get().1,
            });
            view! {
                <TimeHandle
                    class="handle cursor"
                    name=Ui::AsOf
                    value
                    min=Signal::derive(move || geo.extent.get().0)
                    max=Signal::derive(move || geo.extent.get().1)
                    on_change=Callback::new(move |t| set(TimeFilter::AsOf(t)))
                />
            }
            .into_any()
        }
    }
}

/// One draggable, keyboard-operable time handle.
#[component]
fn TimeHandle(
    class: &'static str,
    name: Ui,
    #[prop(into)] value: Signal<f64>,
    #[prop(into)] min: Signal<f64>,
    #[prop(into)] max: Signal<f64>,
    on_change: Callback<f64>,
) -> impl IntoView {
    let state = use_atlas_state();
    let geo = use_geometry();
    let lang = state.lang();
    let dragging = StoredValue::new(None::<i32>);
    let change = move |t: f64| {
        let t = t.clamp(min.get_untracked(), max.get_untracked());
        if t != value.get_untracked() {
            on_change.run(t);
        }
    };
    let key_down = move |ev: KeyboardEvent| {
        let v = value.get_untracked();
        let p = geo.precision_at(v);
        let big = match p {
            Precision::Year => 10,
            Precision::Month => 12,
            Precision::Day => 30,
        };
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowUp" => step(v, p, 1),
            "ArrowLeft" | "ArrowDown" => step(v, p, -1),
            "PageUp" => step(v, p, big),
            "PageDown" => step(v, p, -big),
            "Home" => min.get_untracked(),
            "End" => max.get_untracked(),
            _ => return,
        };
        ev.prevent_default();
        state.set_playing(false);
        change(next);
    };
    let pointer_down = move |ev: PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        state.set_playing(false);
        dragging.set_value(Some(ev.pointer_id()));
        if let Some(el) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
            // Focus follows the hand, so the keyboard continues where the drag left off.
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    };
    let pointer_move = move |ev: PointerEvent| {
        if dragging.get_value() != Some(ev.pointer_id()) {
            return;
        }
        if let Some(t) = geo.t_at_client(ev.client_x() as f64) {
            change(t);
        }
    };
    let pointer_up = move |ev: PointerEvent| {
        if dragging.get_value() == Some(ev.pointer_id()) {
            dragging.set_value(None);
        }
    };
    let left = move || {
        let x = geo.x_of(value.get());
        let width = geo.view.with(|v| v.width);
        // A handle outside the zoomed view waits at the edge, so it stays reachable.
        format!("{:.1}px", x.clamp(0.0, width))
    };
    let text = move || date_at(value.get()).format(lang.get());
    // The date label turns inwards near the strip's ends, so it is never cut off.
    let near_start = move || geo.x_of(value.get()) < HANDLE_LABEL_ROOM;
    let near_end = move || geo.x_of(value.get()) > geo.view.with(|v| v.width) - HANDLE_LABEL_ROOM;
    view! {
        <div
            class=class
            class:near-start=near_start
            class:near-end=near_end
            class:resting=move || state.time().with(|f| *f == TimeFilter::All)
            role="slider"
            tabindex="0"
            aria-orientation="horizontal"
            aria-label=move || t(lang.get(), name)
            aria-valuemin=move || format!("{}", min.get())
            aria-valuemax=move || format!("{}", max.get())
            aria-valuenow=move || format!("{}", (value.get() * 1e4).round() / 1e4)
            aria-valuetext=text
            style:left=left
            on:keydown=key_down
            on:pointerdown=pointer_down
            on:pointermove=pointer_move
            on:pointerup=pointer_up
            on:pointercancel=pointer_up
        >
            <span class="handle-grip" aria-hidden="true"></span>
            <span class="handle-date" aria-hidden="true">{text}</span>
        </div>
    }
}
