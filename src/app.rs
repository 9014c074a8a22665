//! The page: header, map, detail panel and timeline around one dataset.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{self, t, Ui};
use crate::kiosk::Kiosk;
use crate::load::load_atlas;
use crate::map::Map;
use crate::open_file::FileOpener;
use crate::paint::after_next_paint;
use crate::panel::DetailPanel;
use crate::problems::{LoadFailure, LoadOutcome, ProblemsAlert};
use crate::state::AtlasState;
use crate::timeline::Timeline;
use crate::url::{browser_lang, PageQuery};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    crate::perf::mark("atlas:wasm-ready");
    let query = PageQuery::current();
    // Requested before anything is built: the page's own construction then
    // overlaps the download (or finds index.html's preload already there).
    let progress = crate::progress::LoadProgress::new();
    let loading = load_atlas(query.data_path(), progress);
    let url_lang = query.lang;
    let state = AtlasState::new(
        url_lang.or_else(browser_lang).unwrap_or_default(),
        query.page_options(),
    );
    provide_context(state);
    crate::site_list::provide_site_list_ui(state);
    crate::keyboard::use_escape_closes();
    crate::url::use_deep_links(state);

    // Once the sites are there, hand them to the state at once (open `?site=`
    // and the dataset's default language); the basemap follows when it is read.
    let outcome: RwSignal<LoadOutcome> = RwSignal::new(None);
    let opener = FileOpener::new(state, outcome, query.data_path());
    let wanted_site = query.site.clone();
    let data_path = query.data_path();
    spawn_local(async move {
        match loading.await {
            // A file the curator opened meanwhile stays on show.
            _ if opener.has_chosen() => {}
            Ok((loaded, basemap)) => {
                state.show_dataset(loaded.clone(), url_lang, wanted_site.as_deref());
                outcome.set(Some(Ok(loaded)));
                // The layers' bytes are usually in by now: reading them here would
                // hold back the first frame of sites, so they wait for it.
                after_next_paint().await;
                let basemap = Arc::new(basemap.arrive().await);
                if !opener.has_chosen() {
                    state.show_basemap(basemap);
                }
            }
            Err(error) => outcome.set(Some(Err((data_path, error)))),
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
            doc.set_title(&title.map_or_else(
                || app.to_owned(),
                // A dataset's title with bidi controls (U+202E) must not reverse
                // the app's name after it in the tab: isolated (FSI … PDI).
                |title| match title.chars().any(atlas_core::quote::is_invisible) {
                    true => format!("\u{2068}{title}\u{2069} · {app}"),
                    false => format!("{title} · {app}"),
                },
            ));
        }
    });

    let lang = state.lang();
    let title = move || {
        state
            .title(lang.get())
            .unwrap_or_else(|| t(lang.get(), Ui::AppName).to_owned())
    };

    view! {
        <div class="app" class:kiosk=move || state.is_kiosk() class:touring=move || state.tour().with(Option::is_some)
            class:previewing=move || state.with_dataset(|d| d.is_local_preview()) == Some(true)>
            <crate::keyboard::SkipLinks />
            <header class="topbar">
                <h1>{title}</h1>
                <crate::open_file::PreviewNote />
                <crate::hand_off::HandOffButton />
                <crate::site_list::SitesButton place="in-header" />
                <crate::tour::TourButton />
                <crate::open_file::OpenFileButton opener />
                <LanguageButton />
            </header>
            <main class="stage">
                <div class="messages">
                    {move || match outcome.get() {
                        None => view! {
                            <p role="status" class="status">{move || t(lang.get(), Ui::Loading)}</p>
                            <crate::progress::LoadProgressBar progress />
                        }.into_any(),
                        Some(Err((_, crate::load::LoadError::Cancelled))) => view! { <crate::progress::LoadCancelled /> }.into_any(),
                        Some(Err((file, error))) => view! { <LoadFailure file error /> }.into_any(),
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
            <crate::open_file::FileDrop opener />
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
