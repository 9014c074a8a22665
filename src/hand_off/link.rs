//! The current view as a link for a phone: the state read into a
//! [`DeepLink`], joined by atlas-core's [`HandOff`] to the public base.

use atlas_core::hand_off::HandOff;
use atlas_core::DeepLink;
use leptos::prelude::*;

use crate::state::AtlasState;
use crate::url::PageQuery;

/// The hand-off link of what is on screen now (tracked: it follows the
/// selection, time, language and tour).
pub fn current_hand_off(state: AtlasState) -> HandOff {
    let lang = state.lang().get();
    let time = state.time().get();
    let selected = state.selected().get();
    let chapter = state.tour().get().map(|stop| stop.chapter);
    let (site, public_url) = state
        .with_atlas(|atlas| {
            (
                selected
                    .and_then(|i| atlas.sites.get(i))
                    .map(|site| site.id.clone()),
                atlas.settings.kiosk.public_url.clone(),
            )
        })
        .unwrap_or_default();
    let view = DeepLink {
        // Read when the link is built: the URL keeps `data` while the visitor moves.
        data: PageQuery::current().data,
        site,
        time,
        lang: Some(lang),
        tour_chapter: chapter,
    };
    HandOff::new(&view, public_url.as_deref(), &page_address())
}

/// The page's own address without its query: origin and path.
fn page_address() -> String {
    web_sys::window()
        .map(|w| w.location())
        .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
        .unwrap_or_default()
}
