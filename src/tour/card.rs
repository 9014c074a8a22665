//! The tour card: the chapter's title and text, where the tour stands, how
//! much of the chapter's time has run, and the buttons that move it.

use leptos::html::Section;
use leptos::prelude::*;

use super::player::{active_element, TourPlayer};
use crate::i18n::{self, t, Ui};
use crate::state::use_atlas_state;

/// The card of the chapter shown; nothing while no tour runs.
#[component]
pub fn TourCard(player: TourPlayer) -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let chapter = Memo::new(move |_| state.tour_chapter());
    let shown = move || chapter.with(Option::is_some);
    let title = move || {
        chapter
            .with(|c| c.as_ref().map(|c| c.title.get(lang.get()).to_owned()))
            .unwrap_or_default()
    };
    // Text from the data, rendered as text: never HTML.
    let text = move || {
        chapter
            .with(|c| c.as_ref().map(|c| c.text.get(lang.get()).to_owned()))
            .unwrap_or_default()
    };
    let status = move || {
        let total = state.with_atlas(|a| a.settings.tour.len()).unwrap_or(0);
        let index = state.tour().get().map_or(0, |s| s.chapter);
        i18n::chapter_of(lang.get(), index + 1, total)
    };
    let percent = move || (player.progress().get() * 100.0).round();
    let autoplay = player.autoplay();

    // Started from the Tour button: the keyboard follows into the card, so
    // Tab reaches Next at once; a link or a kiosk never moves the focus.
    let card = NodeRef::<Section>::new();
    Effect::new(move |_| {
        let Some(card) = card.get() else { return };
        let from_button = active_element().is_some_and(|el| el.class_list().contains("tour-start"));
        if from_button {
            let _ = card.focus();
        }
    });

    view! {
        <Show when=shown>
            <section class="tour-card" node_ref=card tabindex="-1" aria-labelledby="tour-title">
                <div class="tour-head">
                    <p class="tour-status" role="status">{status}</p>
                    <button class="tour-exit" on:click=move |_| player.exit()>
                        <span aria-hidden="true">"✕ "</span>
                        {move || t(lang.get(), Ui::TourExit)}
                    </button>
                </div>
                <h2 id="tour-title">{title}</h2>
                <p class="tour-text">{text}</p>
                <div
                    class="tour-progress"
                    role="progressbar"
                    aria-label=move || t(lang.get(), Ui::TourChapterTime)
                    aria-valuemin="0"
                    aria-valuemax="100"
                    aria-valuenow=percent
                >
                    <div
                        class="tour-progress-fill"
                        class:restarted=move || percent() == 0.0
                        style:transform=move || format!("scaleX({})", player.progress().get())
                    ></div>
                </div>
                <div class="tour-buttons">
                    <button
                        aria-disabled=move || (!player.has_previous()).to_string()
                        on:click=move |_| player.previous()
                    >
                        <span aria-hidden="true">"‹ "</span>
                        {move || t(lang.get(), Ui::TourPrevious)}
                    </button>
                    <button class="tour-autoplay" on:click=move |_| player.toggle_autoplay()>
                        <span aria-hidden="true">{move || if autoplay.get() { "❚❚ " } else { "▶ " }}</span>
                        <span class="tour-label">
                            {move || t(lang.get(), if autoplay.get() { Ui::TourPause } else { Ui::TourPlay })}
                        </span>
                    </button>
                    <button
                        aria-disabled=move || (!player.has_next()).to_string()
                        on:click=move |_| player.next()
                    >
                        {move || t(lang.get(), Ui::TourNext)}
                        <span aria-hidden="true">" ›"</span>
                    </button>
                </div>
            </section>
        </Show>
    }
}
