//! The list's entries: one button per site, named by the site's name alone
//! (its date and "not on the map yet" are its description), moved between
//! with the arrow keys as well as Tab.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{t, Ui};
use crate::map::category_class;
use crate::state::use_atlas_state;

/// The entries, in the order given.
#[component]
pub fn SiteEntries(
    /// Site indexes to list, in order.
    entries: Memo<Vec<usize>>,
    /// Called with the site chosen.
    #[prop(into)]
    on_choose: Callback<usize>,
) -> impl IntoView {
    view! {
        <ul class="site-entries" on:keydown=move_between_entries>
            <For each=move || entries.get() key=|i| *i let:site>
                <SiteEntry site on_choose />
            </For>
        </ul>
    }
}

#[component]
fn SiteEntry(site: usize, on_choose: Callback<usize>) -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let Some((name, first, located, class)) = state
        .with_dataset_untracked(|d| {
            let s = d.loaded.atlas.sites.get(site)?;
            Some((
                s.name.clone(),
                s.first_date(),
                s.position.is_some(),
                category_class(d, &s.category),
            ))
        })
        .flatten()
    else {
        return ().into_any();
    };
    // A name only in the other language is marked so, for screen readers' pronunciation.
    let shown_name = name.clone();
    let (name_id, about_id) = (
        format!("site-entry-{site}"),
        format!("site-entry-{site}-about"),
    );
    let (label_ref, about_ref) = (name_id.clone(), about_id.clone());
    let about = move || {
        let l = lang.get();
        let date = first.map_or_else(|| t(l, Ui::Undated).to_owned(), |d| d.format(l));
        if located {
            date
        } else {
            format!("{date} · {}", t(l, Ui::NotOnMap))
        }
    };
    view! {
        <li class="site-entry" class:unlocated=!located class:undated=first.is_none()>
            <button
                class="site-entry-button"
                data-site=site
                aria-labelledby=label_ref
                aria-describedby=about_ref
                on:click=move |_| on_choose.run(site)
                on:pointerenter=move |_| state.hover(Some(site))
                on:pointerleave=move |_| state.hover(None)
            >
                <span class=format!("legend-symbol {class}") aria-hidden="true"></span>
                <span class="site-entry-text">
                    <span class="site-entry-name" id=name_id lang=move || shown_name.shown_lang(lang.get()).code()>
                        {move || name.get(lang.get()).to_owned()}
                    </span>
                    <span class="site-entry-about" id=about_id>{about}</span>
                </span>
            </button>
        </li>
    }
    .into_any()
}

/// Up and Down (Home, End) move focus along the entries.
fn move_between_entries(ev: web_sys::KeyboardEvent) {
    let step: isize = match ev.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        "Home" => isize::MIN,
        "End" => isize::MAX,
        _ => return,
    };
    let buttons = entry_buttons();
    let Some(active) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return;
    };
    let Some(at) = buttons.iter().position(|b| {
        let b: &web_sys::Element = b.as_ref();
        *b == active
    }) else {
        return;
    };
    ev.prevent_default();
    let next = match step {
        isize::MIN => 0,
        isize::MAX => buttons.len() - 1,
        // Up from the first entry goes back to the search box.
        -1 if at == 0 => {
            if let Some(input) = super::query_one(".sites-search") {
                let _ = input.focus();
            }
            return;
        }
        s => (at as isize + s).clamp(0, buttons.len() as isize - 1) as usize,
    };
    let _ = buttons[next].focus();
}

/// Focus the `n`th entry shown, if there is one.
pub fn focus_entry_at(n: usize) {
    if let Some(b) = entry_buttons().get(n) {
        let _ = b.focus();
    }
}

fn entry_buttons() -> Vec<web_sys::HtmlElement> {
    let Some(list) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector_all(".site-entries .site-entry-button")
            .ok()
    }) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}
