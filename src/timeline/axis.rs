//! The time axis: ticks that adapt to the zoom, breaks where empty centuries
//! are collapsed, and the gestures that zoom and pan it (wheel, drag, pinch).

use std::collections::HashMap;

use atlas_core::ticks::ticks;
use atlas_core::TimeFilter;
use leptos::ev::PointerEvent;
use leptos::prelude::*;
use leptos_use_event_listener::{
    use_event_listener, use_event_listener_with_options, UseEventListenerOptions,
};

use super::geometry::{use_geometry, TimelineGeometry};
use crate::dom;
use crate::state::{use_atlas_state, AtlasState};

/// Tick labels never come closer than this (CSS px).
const MIN_TICK_SPACING: f64 = 72.0;
/// Wheel travel per e-fold of zoom (px): one notch (100 px) zooms about 1.4×.
const WHEEL_PX_PER_EFOLD: f64 = 300.0;
/// A press that travels less than this is a click, not a drag (CSS px).
const DRAG_THRESHOLD: f64 = 4.0;

/// Tick marks and labels under the strip.
#[component]
pub fn Axis() -> impl IntoView {
    let state = use_atlas_state();
    let geo = use_geometry();
    let items = move || {
        let lang = state.lang().get();
        let v = geo.view.get();
        let axis = geo.axis.get();
        let (t0, t1) = (axis.t(v.u0), axis.t(v.u1));
        let mut out = Vec::new();
        for piece in axis.pieces() {
            let (from, to) = (piece.from.max(t0), piece.to.min(t1));
            if from > to {
                continue;
            }
            if piece.collapsed {
                let (a, b) = (v.x(piece.u0), v.x(piece.u1));
                out.push(
                    view! {
                        <div class="axis-break" style:left=format!("{a:.1}px") style:width=format!("{:.1}px", (b - a).max(2.0))>
                            <span aria-hidden="true">"≈"</span>
                        </div>
                    }
                    .into_any(),
                );
                continue;
            }
            let ppy = piece.u_per_year() * v.scale();
            for tick in ticks(from, to, ppy, MIN_TICK_SPACING).ticks {
                let x = v.x(axis.u(tick.at));
                out.push(
                    view! {
                        <div class="tick" class:major=tick.major style:left=format!("{x:.1}px")>
                            <span class="tick-label">{tick.label(lang)}</span>
                        </div>
                    }
                    .into_any(),
                );
            }
        }
        out
    };
    view! { <div class="axis" aria-hidden="true">{items}</div> }
}

/// What the strip's gestures tell the view.
pub struct UseStripGesturesReturn {
    /// The strip is being dragged or pinched.
    pub is_dragging: Signal<bool>,
}

#[derive(Clone, Copy, Debug)]
struct Pointer {
    start: f64,
    last: f64,
}

/// Listens on the strip: wheel zoom about the pointer, drag to pan,
/// two-finger pinch; a click on the bare strip moves the "as of" cursor there.
pub fn use_strip_gestures(state: AtlasState, geo: TimelineGeometry) -> UseStripGesturesReturn {
    let pointers = StoredValue::new(HashMap::<i32, Pointer>::new());
    let panning = RwSignal::new(false);

    // Not passive: the page must not scroll while the axis zooms.
    let _ = use_event_listener_with_options(
        geo.strip,
        leptos::ev::wheel,
        move |ev: web_sys::WheelEvent| {
            let (dx, dy) = dom::wheel_travel(&ev);
            let Some(x) = local_x(geo, ev.client_x().into()) else {
                return;
            };
            ev.prevent_default();
            let v = geo.view.get_untracked();
            let next = if ev.shift_key() || dx.abs() > dy.abs() {
                v.panned(-(if dx.abs() > dy.abs() { dx } else { dy }))
            } else {
                v.zoomed_about(x, (-dy / WHEEL_PX_PER_EFOLD).exp())
            };
            geo.set_view(state, next);
        },
        UseEventListenerOptions::default().passive(false),
    );

    let _ = use_event_listener(
        geo.strip,
        leptos::ev::pointerdown,
        move |ev: PointerEvent| {
            if ev.button() != 0 || dom::on_control(&ev) {
                return;
            }
            let x = ev.client_x() as f64;
            pointers.update_value(|p| {
                p.insert(ev.pointer_id(), Pointer { start: x, last: x });
            });
            if pointers.with_value(|p| p.len()) == 1 {
                panning.set(false);
            }
        },
    );
    let _ = use_event_listener(
        geo.strip,
        leptos::ev::pointermove,
        move |ev: PointerEvent| {
            let id = ev.pointer_id();
            let x = ev.client_x() as f64;
            let Some(before) = pointers.with_value(|p| p.get(&id).copied()) else {
                return;
            };
            let others: Vec<Pointer> = pointers.with_value(|p| {
                p.iter()
                    .filter(|(k, _)| **k != id)
                    .map(|(_, v)| *v)
                    .collect()
            });
            if !panning.get_untracked() && (x - before.start).abs() >= DRAG_THRESHOLD {
                panning.set(true);
                if let Some(el) = geo.strip.get_untracked() {
                    let _ = el.set_pointer_capture(id);
                }
            }
            if panning.get_untracked() {
                let v = geo.view.get_untracked();
                let next = match others.first() {
                    // Two fingers: the distance between them sets the zoom, their middle the pan.
                    Some(other) => {
                        let (d0, d1) = ((before.last - other.last).abs(), (x - other.last).abs());
                        let Some(mid) = local_x(geo, (x + other.last) / 2.0) else {
                            return;
                        };
                        let panned = v.panned((x - before.last) / 2.0);
                        if d0 > 8.0 && d1 > 8.0 {
                            panned.zoomed_about(mid, d1 / d0)
                        } else {
                            panned
                        }
                    }
                    None => v.panned(x - before.last),
                };
                geo.set_view(state, next);
            }
            pointers.update_value(|p| {
                if let Some(p) = p.get_mut(&id) {
                    p.last = x;
                }
            });
        },
    );
    let lifted = move |ev: PointerEvent| {
        let Some(_) = pointers
            .try_update_value(|p| p.remove(&ev.pointer_id()))
            .flatten()
        else {
            return;
        };
        let was_click = !panning.get_untracked();
        if pointers.with_value(|p| p.is_empty()) && !was_click {
            panning.set(false);
        }
        if was_click && ev.type_() == "pointerup" && !dom::on_control(&ev) {
            if let (TimeFilter::AsOf(_), Some(t)) = (
                state.time().get_untracked(),
                geo.t_at_client(ev.client_x().into()),
            ) {
                state.set_time(TimeFilter::AsOf(t));
            }
        }
    };
    let _ = use_event_listener(geo.strip, leptos::ev::pointerup, lifted);
    let _ = use_event_listener(geo.strip, leptos::ev::pointercancel, lifted);

    UseStripGesturesReturn {
        is_dragging: panning.into(),
    }
}

fn local_x(geo: TimelineGeometry, client_x: f64) -> Option<f64> {
    dom::local_point(geo.strip, client_x, 0.0).map(|p| p.x)
}
