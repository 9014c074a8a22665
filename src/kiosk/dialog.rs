//! "Still there?": the modal question a kiosk asks after a while without a
//! touch, with its countdown and a large "Continue" button. A touch anywhere
//! on it (the whole screen) is an answer too.

use leptos::html::Button;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{self, t, Ui};
use crate::state::use_atlas_state;

/// The question, while `seconds_left` counts down; `continue_visit` is called
/// with the visitor's answer.
#[component]
pub fn StillThereDialog(
    /// The countdown's whole seconds; `None` hides the dialog.
    #[prop(into)]
    seconds_left: Signal<Option<u32>>,
    /// The visitor is still there.
    continue_visit: Callback<()>,
) -> impl IntoView {
    let open = Memo::new(move |_| seconds_left.get().is_some());
    move || {
        open.get()
            .then(|| view! { <Question seconds_left continue_visit /> })
    }
}

#[component]
fn Question(seconds_left: Signal<Option<u32>>, continue_visit: Callback<()>) -> impl IntoView {
    let lang = use_atlas_state().lang();
    let button = NodeRef::<Button>::new();
    // A modal dialog takes the focus, and gives it back where it was.
    let before = StoredValue::new_local(
        window()
            .document()
            .and_then(|d| d.active_element())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    Effect::new(move |_| {
        if let Some(button) = button.get() {
            let _ = button.focus();
        }
    });
    let answer = move || {
        continue_visit.run(());
        if let Some(el) = before.get_value().filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
    };
    let countdown = move || i18n::idle_countdown(lang.get(), seconds_left.get().unwrap_or(0));
    view! {
        <div
            class="idle-backdrop"
            on:click=move |_| answer()
            on:wheel=move |_| answer()
            on:keydown=move |ev| match ev.key().as_str() {
                // Enter and Space press the focused button, which answers on its click.
                "Enter" | " " => {}
                // Continue is the dialog's only control: the focus stays on it.
                "Tab" => ev.prevent_default(),
                _ => answer(),
            }
        >
            <div
                class="idle-dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="idle-title"
                aria-describedby="idle-countdown"
            >
                <h2 id="idle-title">{move || t(lang.get(), Ui::StillThere)}</h2>
                <p id="idle-countdown" class="idle-countdown" role="timer">{countdown}</p>
                <p class="idle-hint">{move || t(lang.get(), Ui::TouchToContinue)}</p>
                <button class="idle-continue" node_ref=button>
                    {move || t(lang.get(), Ui::Continue)}
                </button>
            </div>
        </div>
    }
}
