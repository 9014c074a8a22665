//! The list of sites beside the map (issue 11): every site, the ones not on
//! the map too, found by typing part of a name or an address, in date or
//! name order, in step with the time and category filters. Choosing an entry
//! selects the site everywhere; the panel then takes the list's place and
//! "Back to list" (or Escape) returns to the entry.
//!
//! Sites the filters hide are left out of the list rather than dimmed: the
//! count under the search box says how many show, and the timeline's status
//! says which time is shown. What matches and in which order is atlas-core's
//! (`site_list`); this module draws it and moves focus.

mod entries;
mod filters;

use atlas_core::site_list::{SiteOrder, SiteQuery, SiteSearch};
use atlas_core::site_times::SiteTimes;
use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{self, t, Ui};
use crate::state::{use_atlas_state, AtlasState};
use entries::SiteEntries;
use filters::{CategoryToggles, OrderToggles};

/// The `id` of the list's region, for the "Sites" button and the skip link.
pub const LIST_ID: &str = "site-list";
/// The controls that choose a site, where focus returns when its panel closes.
const SITE_CHOOSERS: &str = ".marker, .site-entry-button, .mark.event";
/// At most this many entries are drawn.
const LIST_LIMIT: usize = 300;
/// How long typing must pause before the count is announced.
const ANNOUNCE_AFTER_MS: u64 = 600;

/// The list's own state, shared by the list, the panel's "Back to list",
/// the header's "Sites" button and the keyboard (a `Copy` context).
#[derive(Clone, Copy)]
pub struct SiteListUi {
    /// Whether the list is open (it hides anyway while a site's panel shows).
    open: RwSignal<bool>,
    /// On a phone or a kiosk the list opens from the "Sites" button over the
    /// page, and Escape closes it; on a desktop it stays beside the map.
    sheet: RwSignal<bool>,
    /// What the visitor typed.
    query: RwSignal<String>,
    order: RwSignal<SiteOrder>,
    /// Where focus was when the panel opened: it goes back there on close.
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    search: NodeRef<Input>,
}

impl SiteListUi {
    /// Whether the list shows now: open, and no site's panel in its place (tracked).
    pub fn showing(&self, state: AtlasState) -> bool {
        self.open.get() && state.selected().get().is_none()
    }

    /// Closes the panel. `to_list` opens the list too (the "Back to list"
    /// button); either way focus returns to where it was when the panel
    /// opened (the list entry or the marker), or the list entry of that site.
    pub fn close_panel(&self, state: AtlasState, to_list: bool) {
        let Some(site) = state.selected().get_untracked() else {
            return;
        };
        if to_list {
            self.open.set(true);
        }
        state.select(None);
        let opener = self.opener.get_value();
        let back_to_list = to_list;
        request_animation_frame(move || {
            let entry = || entry_button(site);
            let target = match opener {
                Some(el) if !back_to_list && el.is_connected() => Some(el),
                _ => entry().or_else(|| marker_button(site)),
            };
            match target {
                Some(el) => {
                    let _ = el.focus();
                }
                None => focus_map(),
            }
        });
    }

    /// Closes a list opened over the page (phone, kiosk); focus goes to the
    /// "Sites" button. Whether it did.
    pub fn close_sheet(&self) -> bool {
        if !(self.sheet.get_untracked() && self.open.get_untracked()) {
            return false;
        }
        self.open.set(false);
        if let Some(b) =
            query_one(".sites-toggle.in-header").or_else(|| query_one(".sites-toggle.on-map"))
        {
            let _ = b.focus();
        }
        true
    }

    /// Clears the search if `target` is the search box and it holds text.
    /// Whether it did.
    pub fn clear_search_in(&self, target: Option<&web_sys::EventTarget>) -> bool {
        let is_box = match (target, self.search.get_untracked()) {
            (Some(t), Some(input)) => {
                let input: &web_sys::EventTarget = input.as_ref();
                t == input
            }
            _ => false,
        };
        if is_box && !self.query.with_untracked(String::is_empty) {
            self.query.set(String::new());
            return true;
        }
        false
    }

    /// Opens the list (with nothing selected) and puts focus in its search box.
    pub fn open_and_focus(&self, state: AtlasState) {
        if state.selected().get_untracked().is_some() {
            self.close_panel(state, true);
        }
        self.open.set(true);
        let search = self.search;
        request_animation_frame(move || {
            if let Some(input) = search.get_untracked() {
                let _ = input.focus();
            }
        });
    }
}

/// Provides the list's state; the list starts closed on narrow screens and
/// kiosks, where it would cover the map.
pub fn provide_site_list_ui(state: AtlasState) -> SiteListUi {
    let narrow = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= 760.0);
    let sheet = narrow || state.page().kiosk;
    let ui = SiteListUi {
        open: RwSignal::new(!sheet),
        sheet: RwSignal::new(sheet),
        query: RwSignal::new(String::new()),
        order: RwSignal::new(SiteOrder::Date),
        opener: StoredValue::new_local(None),
        search: NodeRef::new(),
    };
    provide_context(ui);
    // A dataset can make the page a kiosk too.
    Effect::new(move |was: Option<bool>| {
        let kiosk = state.is_kiosk();
        if kiosk && was != Some(true) && !ui.sheet.get_untracked() {
            ui.sheet.set(true);
            ui.open.set(false);
        }
        kiosk
    });
    // The kiosk's attract tour means nobody is there: the next visitor starts afresh.
    Effect::new(move |_| {
        if state.tour().get().is_some_and(|s| s.attract) {
            ui.query.set(String::new());
            if ui.sheet.get_untracked() {
                ui.open.set(false);
            }
        }
    });
    // Remember the control that chose the site (a marker, a list entry, a
    // timeline mark), so closing the panel can go back there. Playback and
    // links choose sites too, but focus stays where it was: not a chooser.
    Effect::new(move |_| {
        if state.selected().get().is_none() {
            return;
        }
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            .filter(|e| e.matches(SITE_CHOOSERS).unwrap_or(false));
        if let Some(el) = active {
            ui.opener.set_value(Some(el));
        }
    });
    ui
}

/// The list's state.
pub fn use_site_list_ui() -> SiteListUi {
    expect_context::<SiteListUi>()
}

/// The "Sites" button: opens and closes the list (over the page on a
/// phone), or goes back to it from a site's panel. There are two, one in the
/// header and one on the map's corner, and the stylesheet shows one: a
/// phone's header has no room for it beside a two-line title.
#[component]
pub fn SitesButton(
    /// `in-header` or `on-map`.
    place: &'static str,
) -> impl IntoView {
    let state = use_atlas_state();
    let ui = use_site_list_ui();
    let lang = state.lang();
    view! {
        <button
            class=format!("sites-toggle {place}")
            aria-controls=LIST_ID
            aria-expanded=move || ui.showing(state).to_string()
            on:click=move |_| {
                if ui.showing(state) {
                    ui.open.set(false);
                } else {
                    ui.open_and_focus(state);
                }
            }
        >
            {move || t(lang.get(), Ui::Sites)}
        </button>
    }
}

/// The region "Sites": search box, order, category filter, count and entries.
#[component]
pub fn SiteList() -> impl IntoView {
    let state = use_atlas_state();
    let ui = use_site_list_ui();
    let lang = state.lang();
    let search = Memo::new(move |_| state.with_atlas(|a| SiteSearch::new(&a.sites)));
    let query = Memo::new(move |_| ui.query.with(|q| SiteQuery::new(q)));
    // What the search finds, in order: redone as the visitor types, not as
    // playback moves the time cursor.
    let found = Memo::new(move |_| {
        let (order, l) = (ui.order.get(), lang.get());
        search
            .with(|search| {
                let search = search.as_ref()?;
                query.with(|q| {
                    state.with_atlas(|a| {
                        let mut found: Vec<usize> = (0..a.sites.len())
                            .filter(|&i| search.matches(i, q))
                            .collect();
                        atlas_core::site_list::sort_sites(&a.sites, &mut found, order, l);
                        found
                    })
                })
            })
            .unwrap_or_default()
    });
    // When each site begins, side by side: a step of the time cursor reads no site record.
    let times = Memo::new(move |_| state.with_atlas(|a| SiteTimes::of(&a.sites)));
    // Of those, what the time and category filters show.
    let entries = Memo::new(move |_| {
        let time = state.time().get();
        times
            .with(|times| {
                state.category_filter().with(|cats| {
                    found.with(|found| {
                        state.with_dataset(|d| {
                            let sites = &d.loaded.atlas.sites;
                            found
                                .iter()
                                .copied()
                                .filter(|&i| {
                                    times.as_ref().is_none_or(|t| t.admits(time, i, &sites[i]))
                                        && cats.admits(&d.categories, &sites[i])
                                })
                                .collect::<Vec<usize>>()
                        })
                    })
                })
            })
            .unwrap_or_default()
    });
    // A list of thousands would be a page no one scrolls: the first few
    // hundred are drawn, and typing finds the rest.
    let drawn = Memo::new(move |_| entries.with(|e| e[..e.len().min(LIST_LIMIT)].to_vec()));
    let count = move || entries.with(Vec::len);

    // The count is said once typing or toggling pauses, never on every key.
    let (announcement, set_announcement) = signal(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        ui.query.track();
        state.category_filter().track();
        if first.is_none() {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                set_announcement.set(i18n::sites_shown(
                    lang.get_untracked(),
                    entries.with_untracked(Vec::len),
                ))
            },
            std::time::Duration::from_millis(ANNOUNCE_AFTER_MS),
        )
        .ok();
        pending.set_value(handle);
    });

    // A count said in the previous language would be stale: the visible count says it anew.
    Effect::new(move |first: Option<()>| {
        lang.track();
        if first.is_some() {
            set_announcement.set(String::new());
        }
    });

    let on_search_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "ArrowDown" {
            ev.prevent_default();
            entries::focus_entry_at(0);
        }
    };
    view! {
        <section
            id=LIST_ID
            class="sites"
            class:sheet=move || ui.sheet.get()
            class:kiosk=move || state.is_kiosk()
            hidden=move || !ui.showing(state)
            aria-labelledby="sites-title"
        >
            <h2 id="sites-title">{move || t(lang.get(), Ui::Sites)}</h2>
            <input
                type="search"
                class="sites-search"
                node_ref=ui.search
                aria-label=move || t(lang.get(), Ui::SearchSites)
                placeholder=move || t(lang.get(), Ui::SearchSites)
                autocomplete="off"
                spellcheck="false"
                prop:value=move || ui.query.get()
                on:input:target=move |ev| ui.query.set(ev.target().value())
                on:keydown=on_search_key
            />
            <OrderToggles order=ui.order />
            <CategoryToggles />
            <p class="sites-count">{move || i18n::sites_shown(lang.get(), count())}</p>
            <p class="visually-hidden" aria-live="polite">{announcement}</p>
            <Show when=move || count() == 0 && state.has_dataset()>
                <p class="sites-none">{move || t(lang.get(), Ui::NoSiteMatches)}</p>
            </Show>
            <Show when=move || { count() > LIST_LIMIT }>
                <p class="sites-limited">{move || i18n::sites_listed_first(lang.get(), LIST_LIMIT)}</p>
            </Show>
            <SiteEntries entries=drawn on_choose=move |site| {
                state.select(Some(site));
                // Into the panel, so the keyboard reads on from its heading.
                request_animation_frame(|| {
                    if let Some(h) = element_by_id("panel-title") {
                        let _ = h.focus();
                    }
                });
            } />
        </section>
    }
}

fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into()
        .ok()
}

fn query_one(selector: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()??
        .dyn_into()
        .ok()
        .filter(|e: &web_sys::HtmlElement| e.offset_parent().is_some())
}

/// The list entry of `site`, if the list shows it.
fn entry_button(site: usize) -> Option<web_sys::HtmlElement> {
    query_one(&format!(".sites button[data-site=\"{site}\"]"))
}

/// The map marker of `site`, if one is drawn.
fn marker_button(site: usize) -> Option<web_sys::HtmlElement> {
    query_one(&format!(".map .marker[data-site=\"{site}\"]"))
}

/// Puts focus on the map's surface (its arrow keys pan).
pub fn focus_map() {
    if let Some(map) = query_one(".map-surface") {
        let _ = map.focus();
    }
}
