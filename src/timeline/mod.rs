//! The timeline strip: every event of every site in date order, linked to the map.

use leptos::html::Ol;
use leptos::prelude::*;

use crate::i18n::{t, Ui};
use crate::map::category_class;
use crate::state::use_atlas_state;

/// A mark per event; choosing one selects its site everywhere.
#[component]
pub fn Timeline() -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang;
    let list = NodeRef::<Ol>::new();

    // Bring the selected site's first event into view on the strip.
    Effect::new(move |_| {
        if state.selected.get().is_none() {
            return;
        }
        let Some(el) = list.get() else { return };
        if let Ok(Some(mark)) = el.query_selector(".event.of-selected") {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            options.set_inline(web_sys::ScrollLogicalPosition::Center);
            mark.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });

    let marks = move || {
        state.atlas.get().map(|loaded| {
            let atlas = &loaded.loaded.atlas;
            atlas
                .chronology()
                .iter()
                .map(|&r| {
                    let site = &atlas.sites[r.site];
                    let event = atlas.event(r);
                    let (date, title, site_name) = (event.date, event.title.clone(), site.name.clone());
                    let class = format!("event cat-{}", category_class(site.category.name()));
                    let of_selected = move || state.selected.get() == Some(r.site);
                    view! {
                        <li>
                            <button
                                class=class
                                class:of-selected=of_selected
                                class:circa=date.circa
                                aria-pressed=move || of_selected().to_string()
                                on:click=move |_| state.select(Some(r.site))
                            >
                                <span class="event-date">{move || date.format(lang.get())}</span>
                                " "
                                <span class="event-title">{move || title.get(lang.get()).to_owned()}</span>
                                " "
                                <span class="event-site">{move || site_name.get(lang.get()).to_owned()}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="timeline" aria-label=move || t(lang.get(), Ui::Timeline)>
            <ol class="events" node_ref=list>{marks}</ol>
        </section>
    }
}
