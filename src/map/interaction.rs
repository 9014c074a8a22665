//! Pointer, wheel and keyboard input on the map, turned into viewport changes:
//! drag with a glide, pinch, wheel and double-tap zoom about the pointer,
//! arrows and +/- on the keyboard.

use atlas_core::geo::ScreenPoint;
use atlas_core::gesture::{Gesture, Lift, Released};
use atlas_core::tour_player;
use atlas_core::{Viewport, WorldPoint};
use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::html::Div;
use leptos::prelude::*;
use leptos_use_event_listener::{
    use_event_listener, use_event_listener_with_options, UseEventListenerOptions,
};

use super::camera::Camera;
use crate::dom;
use crate::motion::now_ms;
use crate::state::AtlasState;

/// Zoom levels per pixel of wheel travel: one mouse notch (100 px) is half a level.
const WHEEL_ZOOM_PER_PIXEL: f64 = 0.005;
/// Arrow keys pan by this many pixels.
const KEY_PAN: f64 = 80.0;
/// A double tap or double click zooms in by this many levels.
const DOUBLE_TAP_ZOOM: f64 = 1.0;
/// Selecting a site zooms in to at least this level, where streets make sense.
pub const SITE_ZOOM: f64 = 11.0;

/// What the map's gestures tell the view.
pub struct UseMapGesturesReturn {
    /// Pointers are down and moving the map (a drag or a pinch).
    pub is_dragging: Signal<bool>,
}

/// Listens to pointers, the wheel and the keyboard on `surface` and moves the
/// map: drag with a glide, pinch, wheel and double-tap zoom about the pointer,
/// arrows and +/-. The rules are atlas-core's [`Gesture`]; this only feeds it
/// DOM events and applies what it answers.
pub fn use_map_gestures(
    surface: NodeRef<Div>,
    state: AtlasState,
    camera: Camera,
) -> UseMapGesturesReturn {
    let gesture = StoredValue::new(Gesture::default());
    let is_dragging = RwSignal::new(false);
    let keep = state.keeper();
    let change = move |f: &dyn Fn(Viewport) -> Viewport| state.move_view(f);
    // Tell the view only when dragging starts or stops, not on every move.
    let settle = move || {
        let now = gesture.with_value(Gesture::is_dragging);
        if is_dragging.get_untracked() != now {
            is_dragging.set(now);
        }
        camera.set_pointers_moving(now);
    };
    let capture = move |pointers: &[i32]| {
        if let Some(el) = surface.get_untracked() {
            for id in pointers {
                let _ = el.set_pointer_capture(*id);
            }
        }
    };

    // Not passive: the map zooms instead of the page scrolling.
    let _ = use_event_listener_with_options(
        surface,
        leptos::ev::wheel,
        move |ev: web_sys::WheelEvent| {
            ev.prevent_default();
            camera.stop();
            let Some(anchor) =
                dom::local_point(surface, ev.client_x().into(), ev.client_y().into())
            else {
                return;
            };
            let (_, pixels) = dom::wheel_travel(&ev);
            // Trackpad pinches arrive as ctrl+wheel with small deltas: make them as lively as a mouse wheel.
            let gain = if ev.ctrl_key() { 4.0 } else { 1.0 };
            change(&|v| v.zoomed_about(anchor, -pixels * WHEEL_ZOOM_PER_PIXEL * gain));
            camera.nudged();
        },
        UseEventListenerOptions::default().passive(false),
    );

    let _ = use_event_listener(surface, leptos::ev::pointerdown, move |ev: PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        let Some(at) = dom::local_point(surface, ev.client_x().into(), ev.client_y().into()) else {
            return;
        };
        camera.stop();
        let captured = gesture
            .try_update_value(|g| g.press(ev.pointer_id(), at, now_ms()))
            .unwrap_or_default();
        capture(&captured);
        settle();
    });

    let _ = use_event_listener(surface, leptos::ev::pointermove, move |ev: PointerEvent| {
        let Some(to) = dom::local_point(surface, ev.client_x().into(), ev.client_y().into()) else {
            return;
        };
        let Some(moved) = gesture.try_update_value(|g| g.moved(ev.pointer_id(), to, now_ms()))
        else {
            return;
        };
        if let Some(id) = moved.capture {
            capture(&[id]);
        }
        if let Some(c) = moved.change {
            change(&|v| c.applied_to(v));
        }
        settle();
    });

    let lifted = move |ev: PointerEvent| {
        let lift = if ev.type_() == "pointercancel" {
            Lift::Cancelled
        } else if dom::on_control(&ev) {
            Lift::OnControl
        } else {
            Lift::OnMap
        };
        let Some(released) = gesture
            .try_update_value(|g| g.release(ev.pointer_id(), now_ms(), lift))
            .flatten()
        else {
            return;
        };
        if let Some(el) = surface.get_untracked() {
            let _ = el.release_pointer_capture(ev.pointer_id());
        }
        match released {
            Released::Glide { velocity } => camera.glide(velocity),
            Released::DoubleTap(at) => {
                if let Some(v) = state.viewport().get_untracked() {
                    camera.fly_to(keep(v.zoomed_about(at, DOUBLE_TAP_ZOOM)));
                }
            }
            Released::Tap(_) | Released::Nothing => {}
        }
        settle();
    };
    let _ = use_event_listener(surface, leptos::ev::pointerup, lifted);
    let _ = use_event_listener(surface, leptos::ev::pointercancel, lifted);

    let _ = use_event_listener(surface, leptos::ev::keydown, move |ev: KeyboardEvent| {
        key_down(&ev, state, camera, keep);
    });

    UseMapGesturesReturn {
        is_dragging: is_dragging.into(),
    }
}

/// Arrows pan, +/- zoom about the centre, Home resets the view.
fn key_down(
    ev: &KeyboardEvent,
    state: AtlasState,
    camera: Camera,
    keep: impl Fn(Viewport) -> Viewport,
) {
    let Some(v) = state.viewport().get_untracked() else {
        return;
    };
    let centre = ScreenPoint {
        x: v.width / 2.0,
        y: v.height / 2.0,
    };
    let step = if ev.shift_key() {
        KEY_PAN * 3.0
    } else {
        KEY_PAN
    };
    let next = match ev.key().as_str() {
        "ArrowLeft" => v.panned(step, 0.0),
        "ArrowRight" => v.panned(-step, 0.0),
        "ArrowUp" => v.panned(0.0, step),
        "ArrowDown" => v.panned(0.0, -step),
        "+" | "=" => v.zoomed_about(centre, 1.0),
        "-" | "_" => v.zoomed_about(centre, -1.0),
        "Home" => {
            ev.prevent_default();
            camera.reset();
            return;
        }
        _ => return,
    };
    ev.prevent_default();
    camera.stop();
    state.set_viewport(Some(keep(next)));
    camera.nudged();
}

/// Selecting a site from anywhere (marker, timeline, link) flies the map to it.
pub fn fly_to_selection(state: AtlasState, camera: Camera) {
    Effect::new(move |_| {
        let Some(index) = state.selected().get() else {
            return;
        };
        // The tour flies to its own chapters (see `fly_to_tour_chapter`).
        if state.tour_frames_site(index) {
            return;
        }
        let position = state
            .with_atlas_untracked(|a| a.sites.get(index)?.position)
            .flatten();
        let (Some(position), Some(v)) = (position, state.viewport().get_untracked()) else {
            return;
        };
        let center: WorldPoint = position.to_world();
        camera.fly_to(Viewport {
            center,
            zoom: v.zoom.max(SITE_ZOOM),
            ..v
        });
    });
}

/// Each chapter of the guided tour flies the map to what it shows: its box,
/// or its site closer than a plain selection. Waits for the map to have a
/// view (a `?tour=1` link opens the tour before the map has its size).
pub fn fly_to_tour_chapter(state: AtlasState, camera: Camera) {
    let has_view = Memo::new(move |_| state.viewport().with(Option::is_some));
    Effect::new(move |_| {
        let Some(chapter) = state.tour_chapter() else {
            return;
        };
        if !has_view.get() {
            return;
        }
        let Some(v) = state.viewport().get_untracked() else {
            return;
        };
        let target = state
            .with_atlas_untracked(|a| tour_player::chapter_view(a, &chapter, v.width, v.height))
            .flatten();
        if let Some(target) = target {
            camera.fly_to(state.keeper()(target));
        }
    });
}
