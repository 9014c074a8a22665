//! The detail panel as a bottom sheet on phones: its handle, dragged or
//! pressed, moves it between peeking, full and closed.
//!
//! The rules (when a press is a drag, where a drag settles) are atlas-core's
//! [`SheetDrag`]; this only feeds it the handle's pointer and tells the view
//! where to draw the sheet. public/sheet.css lays the sheet out on narrow
//! screens only: elsewhere the handle is hidden and nothing here is seen.

use atlas_core::sheet::{SheetDrag, SheetHeights, SheetRelease, SheetStop};
use leptos::ev::{FocusEvent, MouseEvent, PointerEvent};
use leptos::html::{Button, Section};
use leptos::prelude::*;
use leptos_use_event_listener::use_event_listener;
use wasm_bindgen::JsCast;

use crate::motion::now_ms;

/// What the sheet's handle tells the view.
pub struct UseSheetDragReturn {
    /// CSS px of the sheet showing while a finger drags it; `None` at rest,
    /// when the sheet sits at its stop (drawn by CSS, with a short snap).
    pub shown: Signal<Option<f64>>,
}

/// Listens to the pointer and clicks on `handle` and to focus inside `sheet`:
/// a drag moves the sheet and settles it at a stop in `stop` (calling
/// `close` when it is dragged away), a click or Enter toggles between peek and
/// full, so dragging is never the only way; focus reaching a part of the
/// panel hidden below the screen opens it in full, so focus is never hidden.
pub fn use_sheet_drag(
    handle: NodeRef<Button>,
    sheet: NodeRef<Section>,
    stop: RwSignal<SheetStop>,
    close: impl Fn() + Clone + 'static,
) -> UseSheetDragReturn {
    let drag = StoredValue::new(None::<SheetDrag>);
    let shown = RwSignal::new(None::<f64>);
    // A drag ends with the handle under the pointer, and a mouse then clicks
    // it: that click must not toggle the sheet the drag just settled.
    let swallow_click = StoredValue::new(false);

    let _ = use_event_listener(handle, leptos::ev::pointerdown, move |ev: PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        let Some(heights) = heights(sheet) else {
            return;
        };
        swallow_click.set_value(false);
        let y = f64::from(ev.client_y());
        drag.set_value(Some(SheetDrag::press(
            stop.get_untracked(),
            heights,
            y,
            now_ms(),
        )));
        if let Some(el) = handle.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    });

    let _ = use_event_listener(handle, leptos::ev::pointermove, move |ev: PointerEvent| {
        let y = f64::from(ev.client_y());
        let now = drag
            .try_update_value(|d| d.as_mut().and_then(|d| d.moved(y, now_ms())))
            .flatten();
        if now.is_some() {
            shown.set(now);
        }
    });

    let lifted = move |ev: PointerEvent| {
        let Some(pressed) = drag.try_update_value(Option::take).flatten() else {
            return;
        };
        if let Some(el) = handle.get_untracked() {
            let _ = el.release_pointer_capture(ev.pointer_id());
        }
        let release = if ev.type_() == "pointercancel" {
            // The browser took the pointer: back to where it was.
            SheetRelease::Settle(stop.get_untracked())
        } else {
            pressed.released(f64::from(ev.client_y()), now_ms())
        };
        shown.set(None);
        if let SheetRelease::Settle(next) = release {
            swallow_click.set_value(true);
            if next == SheetStop::Closed {
                close();
            } else {
                stop.set(next);
            }
        }
    };
    let _ = use_event_listener(handle, leptos::ev::pointerup, lifted.clone());
    let _ = use_event_listener(handle, leptos::ev::pointercancel, lifted);

    // Pointer taps, Enter and Space all arrive as clicks.
    let _ = use_event_listener(handle, leptos::ev::click, move |_: MouseEvent| {
        if swallow_click.try_update_value(std::mem::take) == Some(true) {
            return;
        }
        stop.update(|s| *s = s.toggled());
    });

    let _ = use_event_listener(sheet, leptos::ev::focusin, move |ev: FocusEvent| {
        if stop.get_untracked() == SheetStop::Full {
            return;
        }
        let below_screen = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.get_bounding_client_rect().bottom() > screen_height());
        if below_screen {
            stop.set(SheetStop::Full);
        }
    });

    UseSheetDragReturn {
        shown: shown.into(),
    }
}

/// The sheet's stops on this screen, while it is mounted.
fn heights(sheet: NodeRef<Section>) -> Option<SheetHeights> {
    let height = sheet.get_untracked()?.get_bounding_client_rect().height();
    Some(SheetHeights::on_screen(screen_height(), height))
}

/// The layout viewport's height in CSS px.
fn screen_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0)
}
