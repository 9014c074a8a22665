//! The legend: the symbol and colour of each category present in the dataset.

use atlas_core::Category;
use leptos::prelude::*;

use super::markers::category_class;
use crate::i18n::{t, Ui};
use crate::state::use_atlas_state;

/// Categories in legend order, only those the dataset uses.
#[component]
pub fn Legend() -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    move || {
        let loaded = state.dataset()?;
        let mut present: Vec<Category> = Vec::new();
        for site in &loaded.loaded.atlas.sites {
            if !present.contains(&site.category) {
                present.push(site.category.clone());
            }
        }
        let rank = |c: &Category| {
            Category::KNOWN
                .iter()
                .position(|k| *k == c.name())
                .unwrap_or(usize::MAX)
        };
        present.sort_by_key(rank);
        let items: Vec<_> = present
            .into_iter()
            .map(|category| {
                let class = format!("legend-symbol cat-{}", category_class(category.name()));
                view! {
                    <li>
                        <span class=class aria-hidden="true"></span>
                        {move || category.label(lang.get())}
                    </li>
                }
            })
            .collect();
        // On a phone the legend starts folded, so it does not cover the map.
        let roomy = web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w > 760.0);
        Some(view! {
            <details class="legend" open=roomy>
                <summary>{move || t(lang.get(), Ui::Legend)}</summary>
                <ul>{items}</ul>
            </details>
        })
    }
}
