//! Pointer, wheel and keyboard input on the map, turned into viewport changes:
//! drag with a glide, pinch, wheel and double-tap zoom about the pointer,
//! arrows and +/- on the keyboard.

use atlas_core::geo::{roaming_area, ScreenPoint};
use atlas_core::{Viewport, WorldPoint};
use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::html::Div;
use leptos::prelude::*;
use leptos_use_event_listener::{use_event_listener_with_options, UseEventListenerOptions};
use wasm_bindgen::JsCast;

use super::camera::Camera;
use crate::motion::now_ms;
use crate::state::AtlasState;

/// A press that travels less than this is a tap, not a drag (CSS px).
const DRAG_THRESHOLD: f64 = 6.0;
/// Zoom levels per pixel of wheel travel: one mouse notch (100 px) is half a level.
const WHEEL_ZOOM_PER_PIXEL: f64 = 0.005;
/// Arrow keys pan by this many pixels.
const KEY_PAN: f64 = 80.0;
/// Two taps closer than this in time and space make a double tap.
const DOUBLE_TAP_MS: f64 = 320.0;
const DOUBLE_TAP_PX: f64 = 30.0;
/// Only the last moments of a drag decide how fast the map glides on.
const VELOCITY_WINDOW_MS: f64 = 80.0;
/// Selecting a site zooms in to at least this level, where streets make sense.
pub const SITE_ZOOM: f64 = 11.0;

/// Event handlers for the map surface.
#[derive(Clone, Copy)]
pub struct MapGestures {
    pub pointer_down: Callback<PointerEvent>,
    pub pointer_move: Callback<PointerEvent>,
    pub pointer_up: Callback<PointerEvent>,
    pub key_down: Callback<KeyboardEvent>,
}

#[derive(Clone, Debug, Default)]
struct Gesture {
    /// Active pointers: id and position in surface coordinates.
    pointers: Vec<(i32, ScreenPoint)>,
    /// Where the single-pointer press began.
    start: Option<ScreenPoint>,
    panning: bool,
    /// Recent (time, position) samples of the dragging pointer.
    samples: Vec<(f64, ScreenPoint)>,
    /// The last tap, for double-tap detection.
    last_tap: Option<(f64, ScreenPoint)>,
    /// A pinch happened in this gesture: no tap, no glide at its end.
    pinched: bool,
}

/// Keeps a viewport near the data so nobody gets lost.
pub fn keeper(state: AtlasState) -> impl Fn(Viewport) -> Viewport + Copy + 'static {
    move |v: Viewport| {
        let area = state
            .atlas
            .with_untracked(|a| a.as_ref().and_then(|a| a.bounds))
            .map(|b| roaming_area(b, 1.0, 0.01));
        match area {
            Some(area) => v.kept_within(area),
            None => v,
        }
    }
}

/// Wires every map gesture to the viewport.
pub fn use_map_gestures(surface: NodeRef<Div>, state: AtlasState, camera: Camera) -> MapGestures {
    let gesture = StoredValue::new(Gesture::default());
    let keep = keeper(state);
    let change = move |f: &dyn Fn(Viewport) -> Viewport| {
        state.viewport.update(|v| {
            if let Some(v) = v {
                *v = keep(f(*v));
            }
        })
    };

    // Not passive: the map zooms instead of the page scrolling.
    let _ = use_event_listener_with_options(
        surface,
        leptos::ev::wheel,
        move |ev: web_sys::WheelEvent| {
            ev.prevent_default();
            camera.stop();
            let Some(anchor) = local_point(surface, ev.client_x() as f64, ev.client_y() as f64)
            else {
                return;
            };
            let pixels = match ev.delta_mode() {
                1 => ev.delta_y() * 16.0,
                2 => ev.delta_y() * 400.0,
                _ => ev.delta_y(),
            };
            // Trackpad pinches arrive as ctrl+wheel with small deltas: make them as lively as a mouse wheel.
            let gain = if ev.ctrl_key() { 4.0 } else { 1.0 };
            change(&|v| v.zoomed_about(anchor, -pixels * WHEEL_ZOOM_PER_PIXEL * gain));
        },
        UseEventListenerOptions::default().passive(false),
    );

    let pointer_down = move |ev: PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        let Some(p) = local_point(surface, ev.client_x() as f64, ev.client_y() as f64) else {
            return;
        };
        camera.stop();
        gesture.update_value(|g| {
            g.pointers.retain(|(id, _)| *id != ev.pointer_id());
            g.pointers.push((ev.pointer_id(), p));
            if g.pointers.len() == 1 {
                g.start = Some(p);
                g.panning = false;
                g.pinched = false;
                g.samples = vec![(now_ms(), p)];
            } else {
                // A second finger: this gesture is a pinch from now on.
                g.pinched = true;
                g.panning = true;
            }
        });
        if gesture.with_value(|g| g.pointers.len() >= 2) {
            capture(
                surface,
                &gesture.with_value(|g| g.pointers.iter().map(|(id, _)| *id).collect::<Vec<_>>()),
            );
        }
    };

    let pointer_move = move |ev: PointerEvent| {
        let Some(p) = local_point(surface, ev.client_x() as f64, ev.client_y() as f64) else {
            return;
        };
        let id = ev.pointer_id();
        let mut g = gesture.get_value();
        let Some(slot) = g.pointers.iter().position(|(pid, _)| *pid == id) else {
            return;
        };
        let before: Vec<ScreenPoint> = g.pointers.iter().map(|(_, q)| *q).collect();
        g.pointers[slot].1 = p;
        if g.pointers.len() >= 2 {
            let (c0, d0) = centroid_and_spread(&before[..2]);
            let after: Vec<ScreenPoint> = g.pointers.iter().take(2).map(|(_, q)| *q).collect();
            let (c1, d1) = centroid_and_spread(&after);
            if d0 > 0.0 && d1 > 0.0 {
                change(&|v| {
                    v.panned(c1.x - c0.x, c1.y - c0.y)
                        .zoomed_about(c1, (d1 / d0).log2())
                });
            }
        } else {
            let start = g.start.unwrap_or(p);
            if !g.panning && (p.x - start.x).hypot(p.y - start.y) >= DRAG_THRESHOLD {
                g.panning = true;
                // Capture only once it is a drag, so taps on markers stay clicks.
                capture(surface, &[id]);
                change(&|v| v.panned(p.x - start.x, p.y - start.y));
            } else if g.panning {
                let last = before[slot];
                change(&|v| v.panned(p.x - last.x, p.y - last.y));
            }
            let t = now_ms();
            g.samples.push((t, p));
            g.samples.retain(|(s, _)| t - s <= VELOCITY_WINDOW_MS);
        }
        gesture.set_value(g);
    };

    let pointer_up = move |ev: PointerEvent| {
        let mut g = gesture.get_value();
        let Some(slot) = g
            .pointers
            .iter()
            .position(|(pid, _)| *pid == ev.pointer_id())
        else {
            return;
        };
        let (_, released) = g.pointers.remove(slot);
        let cancelled = ev.type_() == "pointercancel";
        if let Some(el) = surface.get_untracked() {
            let _ = el.release_pointer_capture(ev.pointer_id());
        }
        match g.pointers.len() {
            // One finger lifted from a pinch: the other carries on panning from where it is.
            1 => {
                g.start = Some(g.pointers[0].1);
                g.samples.clear();
            }
            0 if g.panning && !g.pinched && !cancelled => {
                if let Some(velocity) = velocity(&g.samples) {
                    camera.glide(velocity, keep);
                }
            }
            0 if !g.panning && !g.pinched && !cancelled && !on_control(&ev) => {
                let t = now_ms();
                let double = g.last_tap.is_some_and(|(t0, p0)| {
                    t - t0 <= DOUBLE_TAP_MS
                        && (released.x - p0.x).hypot(released.y - p0.y) <= DOUBLE_TAP_PX
                });
                if double {
                    g.last_tap = None;
                    if let Some(v) = state.viewport.get_untracked() {
                        camera.fly_to(keep(v.zoomed_about(released, 1.0)));
                    }
                } else {
                    g.last_tap = Some((t, released));
                }
            }
            _ => {}
        }
        gesture.set_value(g);
    };

    let key_down = move |ev: KeyboardEvent| {
        let Some(v) = state.viewport.get_untracked() else {
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
        state.viewport.set(Some(keep(next)));
    };

    MapGestures {
        pointer_down: Callback::new(pointer_down),
        pointer_move: Callback::new(pointer_move),
        pointer_up: Callback::new(pointer_up),
        key_down: Callback::new(key_down),
    }
}

/// Selecting a site from anywhere (marker, timeline, link) flies the map to it.
pub fn fly_to_selection(state: AtlasState, camera: Camera) {
    Effect::new(move |_| {
        let Some(index) = state.selected.get() else {
            return;
        };
        let position = state.atlas.with_untracked(|a| {
            a.as_ref()
                .and_then(|a| a.loaded.atlas.sites.get(index)?.position)
        });
        let (Some(position), Some(v)) = (position, state.viewport.get_untracked()) else {
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

fn centroid_and_spread(points: &[ScreenPoint]) -> (ScreenPoint, f64) {
    let (a, b) = (points[0], points[1]);
    (
        ScreenPoint {
            x: (a.x + b.x) / 2.0,
            y: (a.y + b.y) / 2.0,
        },
        (a.x - b.x).hypot(a.y - b.y),
    )
}

/// Pixels per millisecond over the last few samples, if the pointer was still moving.
fn velocity(samples: &[(f64, ScreenPoint)]) -> Option<(f64, f64)> {
    let (&(t0, p0), &(t1, p1)) = (samples.first()?, samples.last()?);
    let dt = t1 - t0;
    (dt > 8.0 && now_ms() - t1 < 50.0).then(|| ((p1.x - p0.x) / dt, (p1.y - p0.y) / dt))
}

/// A tap on a button (marker, cluster, control) is that button's, not a map double-tap.
fn on_control(ev: &PointerEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("button").ok().flatten())
        .is_some()
}

fn capture(surface: NodeRef<Div>, pointers: &[i32]) {
    if let Some(el) = surface.get_untracked() {
        for id in pointers {
            let _ = el.set_pointer_capture(*id);
        }
    }
}

/// Converts client coordinates to the surface's own.
pub fn local_point(surface: NodeRef<Div>, client_x: f64, client_y: f64) -> Option<ScreenPoint> {
    let rect = surface.get_untracked()?.get_bounding_client_rect();
    Some(ScreenPoint {
        x: client_x - rect.left(),
        y: client_y - rect.top(),
    })
}
