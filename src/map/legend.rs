//! The legend: the symbol, colour and number of sites of each category in
//! the dataset. Which categories get a look of their own, and what "Other"
//! holds, is atlas-core's answer (`CategoryStyles`); this module only draws it.

use atlas_core::category_style::{CategoryStyle, LegendEntry};
use atlas_core::Lang;
use leptos::prelude::*;
use leptos_use_element_size::{use_element_size, UseElementSizeReturn};

use crate::i18n::{category_label, t, Ui};
use crate::state::use_atlas_state;

/// Categories in legend order with their counts, only those the dataset uses.
/// Its drawn size goes to `size`, so the map's fitted view keeps clear of it.
#[component]
pub fn Legend(size: WriteSignal<(f64, f64)>) -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let node = NodeRef::<leptos::html::Details>::new();
    let UseElementSizeReturn { width, height } = use_element_size(node);
    Effect::new(move |_| size.set((width.get(), height.get())));
    move || {
        let loaded = state.dataset()?;
        let items: Vec<_> = loaded
            .categories
            .legend()
            .iter()
            .cloned()
            .map(|entry| view! { <LegendLine entry lang /> })
            .collect();
        // A file with no sites has nothing to explain: no empty box over the map.
        if items.is_empty() {
            return None;
        }
        // On a phone the legend starts folded, so it does not cover the map.
        let roomy = web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w > 760.0);
        Some(view! {
            <details class="legend" open=roomy node_ref=node>
                <summary>{move || t(lang.get(), Ui::Legend)}</summary>
                <ul>{items}</ul>
            </details>
        })
    }
}

#[component]
fn LegendLine(entry: LegendEntry, lang: ReadSignal<Lang>) -> impl IntoView {
    let class = format!("legend-symbol cat-{}", entry.style.class_suffix());
    let LegendEntry {
        style,
        category,
        count,
        holds,
    } = entry;
    let label = move || match (&category, style) {
        (Some(category), _) => category_label(lang.get(), category),
        (None, CategoryStyle::Uncategorised) => t(lang.get(), Ui::NoCategory).to_owned(),
        (None, _) => t(lang.get(), Ui::OtherCategories).to_owned(),
    };
    // What "Other" holds, as written in the data, most used first.
    let held = (!holds.is_empty()).then(|| {
        let values: Vec<_> = holds
            .into_iter()
            .map(|(name, count)| {
                view! {
                    <li>
                        <span class="legend-name">{name}</span>
                        " "
                        <span class="legend-count">{count}</span>
                    </li>
                }
            })
            .collect();
        view! { <ul class="legend-held">{values}</ul> }
    });
    view! {
        <li class:legend-other=style == CategoryStyle::Other>
            <span class="legend-line">
                <span class=class aria-hidden="true"></span>
                <span class="legend-name">{label}</span>
                " "
                <span class="legend-count">{count}</span>
            </span>
            {held}
        </li>
    }
}
