//! The list's order (by date, by name) and the category filter, whose
//! choices apply to the map and the timeline as well as the list.

use atlas_core::category_style::{CategoryStyle, LegendEntry};
use atlas_core::site_list::SiteOrder;
use leptos::prelude::*;

use crate::i18n::{category_label, t, Ui};
use crate::state::use_atlas_state;

/// "By date" and "By name", as two pressed/unpressed buttons.
#[component]
pub fn OrderToggles(order: RwSignal<SiteOrder>) -> impl IntoView {
    let lang = use_atlas_state().lang();
    let button = move |value: SiteOrder, label: Ui| {
        view! {
            <button
                class="toggle"
                aria-pressed=move || (order.get() == value).to_string()
                on:click=move |_| order.set(value)
            >
                {move || t(lang.get(), label)}
            </button>
        }
    };
    view! {
        <div class="sites-order" role="group" aria-label=move || t(lang.get(), Ui::SortBy)>
            {button(SiteOrder::Date, Ui::ByDate)}
            {button(SiteOrder::Name, Ui::ByName)}
        </div>
    }
}

/// One toggle per legend entry: pressed while its sites show.
#[component]
pub fn CategoryToggles() -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    move || {
        let legend = state.with_dataset(|d| d.categories.legend().to_vec())?;
        // One category is no choice to make.
        if legend.len() < 2 {
            return None;
        }
        let toggles: Vec<_> = legend
            .into_iter()
            .map(|entry| view! { <CategoryToggle entry /> })
            .collect();
        let total = toggles.len();
        // Folded by default: the entries, not the filter, are what most come for.
        // The summary says when some are hidden, so a filter is never forgotten.
        let hidden = move || state.category_filter().with(|f| f.hidden_count());
        let starts_open = state
            .category_filter()
            .with_untracked(|f| f.hidden_count() > 0);
        Some(view! {
            <details class="sites-filter" open=starts_open>
                <summary>
                    {move || t(lang.get(), Ui::ShowCategories)}
                    {move || (hidden() > 0).then(|| format!(" ({}/{total})", total - hidden()))}
                </summary>
                <div class="sites-categories" role="group" aria-label=move || t(lang.get(), Ui::ShowCategories)>
                    {toggles}
                </div>
            </details>
        })
    }
}

#[component]
fn CategoryToggle(entry: LegendEntry) -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let style = entry.style;
    let symbol = format!("legend-symbol cat-{}", style.class_suffix());
    let label = move || match (&entry.category, style) {
        (Some(category), _) => category_label(lang.get(), category),
        (None, CategoryStyle::Uncategorised) => t(lang.get(), Ui::NoCategory).to_owned(),
        (None, _) => t(lang.get(), Ui::OtherCategories).to_owned(),
    };
    let shown = move || state.category_filter().with(|f| f.admits_style(style));
    view! {
        <button
            class="toggle category-toggle"
            aria-pressed=move || shown().to_string()
            on:click=move |_| state.toggle_category(style)
        >
            <span class=symbol aria-hidden="true"></span>
            {label}
        </button>
    }
}
