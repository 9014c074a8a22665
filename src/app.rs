//! The page: header, map, detail panel and timeline around one dataset.

use leptos::prelude::*;

use crate::i18n::{self, t, Ui};
use crate::kiosk::Kiosk;
use crate::load::load_atlas;
use crate::map::Map;
use crate::panel::DetailPanel;
use crate::problems::{LoadFailure, ProblemsAlert};
use crate::state::AtlasState;
use crate::timeline::Timeline;
use crate::url::{browser_lang, PageQuery};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let query = PageQuery::current();
    let url_lang = query.lang;
    let state = AtlasState::new(
        url_lang.or_else(browser_lang).unwrap_or_default(),
        query.page_options(),
    );
    provide_context(state);
    crate::site_list::provide_site_list_ui(state);
    crate::keyboard::use_escape_closes();
    crate::url::use_deep_links(state);

    let path = query.data_path();
    let resource = LocalResource::new(move || load_atlas(path.clone()));

    // Once the data is there, hand it to the state; open `?site=` and the dataset's default language.
    let wanted_site = query.site.clone();
    Effect::new(move |_| {
        if let Some(Ok(loaded)) = resource.get() {
            state.show_dataset(loaded, url_lang, wanted_site.as_deref());
        }
    });

    // Keep the document's language and title true for screen readers and tabs.
    Effect::new(move |_| {
        let lang = state.lang().get();
        let title = state.title(lang);
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            let app = t(lang, Ui::AppName);
            doc.set_title(
                &title.map_or_else(|| app.to_owned(), |title| format!("{title} · {app}")),
            );
        }
    });

    let lang = state.lang();
    let title = move || {
        state
            .title(lang.get())
            .unwrap_or_else(|| t(lang.get(), Ui::AppName).to_owned())
    };

    view! {
        <div class="app" class:kiosk=move || state.is_kiosk() class:touring=move || state.tour().with(Option::is_some)>
            <crate::keyboard::SkipLinks />
            <header class="topbar">
                <h1>{title}</h1>
                <crate::hand_off::HandOffButton />
                <crate::site_list::SitesButton place="in-header" />
                <crate::tour::TourButton />
                <LanguageButton />
            </header>
            <main class="stage">
                <div class="messages">
                    {move || match resource.get() {
                        None => view! { <p role="status" class="status">{move || t(lang.get(), Ui::Loading)}</p> }.into_any(),
                        Some(Err(error)) => view! { <LoadFailure file=query.data_path() error /> }.into_any(),
                        Some(Ok(loaded)) => view! { <ProblemsAlert loaded /> }.into_any(),
                    }}
                </div>
                <Map />
                <crate::site_list::SitesButton place="on-map" />
                <div class="side">
                    <DetailPanel />
                    <crate::site_list::SiteList />
                </div>
                <Timeline />
                <crate::tour::TourPlayer />
            </main>
            <Kiosk />
        </div>
    }
}

/// Switches between Chinese and English; named in the language it offers.
#[component]
fn LanguageButton() -> impl IntoView {
    let state = crate::state::use_atlas_state();
    let target = move || state.lang().get().other();
    view! {
        <button
            class="lang-toggle"
            lang=move || target().code()
            on:click=move |_| state.set_lang(state.lang().get_untracked().other())
        >
            {move || i18n::language_name(target())}
        </button>
    }
}
