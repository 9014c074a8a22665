//! The page's URL as the carrier of the view: `?data=`, `?lang=`, `?site=`,
//! `?t=` (the "as of" cursor), `?from=`/`?to=` (a period), `?tour=1&chapter=N`
//! (the guided tour) and `?kiosk=`.
//!
//! The URL is read at start and written back as the visitor moves, so a
//! link or a reload restores the exact view. Choosing a site adds a history
//! entry, so Back and Forward move through selections; in a guided tour
//! (`?tour=1&chapter=N`) each chapter does instead. Every other change
//! replaces the current entry, so Back is never flooded by cursor moves (nor
//! by a kiosk's attract loop, which the URL does not carry).

use atlas_core::{Lang, TimeFilter};
use leptos::prelude::*;

use crate::state::{AtlasState, PageOptions, TourStop};

/// The dataset the app opens when the URL names none.
pub const DEFAULT_DATA: &str = "data/suzhou-red-heritage.geojson";

/// Cursor and brush changes reach the URL once they rest this long (ms):
/// a drag or a held arrow key would otherwise write the URL every frame.
const TIME_WRITE_DELAY_MS: u64 = 300;

/// Query parameters of the current page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageQuery {
    /// `?data=PATH`: another same-origin dataset.
    pub data: Option<String>,
    /// `?lang=zh|en`.
    pub lang: Option<Lang>,
    /// `?site=ID`: the site to open.
    pub site: Option<String>,
    /// `?t=DATE` or `?from=DATE&to=DATE`.
    pub time: TimeFilter,
    /// `?kiosk=1`: a touch-screen kiosk.
    pub kiosk: bool,
    /// `?tour=1&chapter=N`: the tour chapter to open (from 0; `chapter` in
    /// the URL counts from 1, as "Chapter 3 of 9" does).
    pub tour_chapter: Option<usize>,
    /// `?idle=N`: a kiosk's idle seconds, for tests and trials.
    pub idle_s: Option<f64>,
}

impl PageQuery {
    /// Reads the current location.
    pub fn current() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
            return Self::default();
        };
        let get = |k: &str| params.get(k).filter(|v| !v.is_empty());
        Self {
            data: get("data"),
            lang: get("lang").as_deref().and_then(Lang::from_tag),
            site: get("site"),
            time: TimeFilter::from_query(
                get("t").as_deref(),
                get("from").as_deref(),
                get("to").as_deref(),
            ),
            kiosk: flag(get("kiosk")),
            tour_chapter: flag(get("tour")).then(|| {
                get("chapter")
                    .and_then(|c| c.trim().parse::<usize>().ok())
                    .map_or(0, |n| n.saturating_sub(1))
            }),
            idle_s: get("idle")
                .and_then(|s| s.trim().parse::<f64>().ok())
                .filter(|s| s.is_finite() && *s > 0.0),
        }
    }

    /// The page's own options, for the state.
    pub fn page_options(&self) -> PageOptions {
        PageOptions {
            kiosk: self.kiosk,
            tour_chapter: self.tour_chapter,
            idle_s: self.idle_s,
        }
    }

    /// The dataset path to fetch.
    pub fn data_path(&self) -> String {
        self.data.clone().unwrap_or_else(|| DEFAULT_DATA.to_owned())
    }
}

/// Keeps the URL and the state in step: applies `?t=`/`?from=`/`?to=` now,
/// writes selection, time and language back as they change, and restores
/// them on Back/Forward. (`?site=` and `?lang=` at start are applied by the
/// app once the data is there.)
pub fn use_deep_links(state: AtlasState) {
    state.set_time(PageQuery::current().time);

    // The selection and tour last written (None: nothing written yet, so the
    // first write replaces the entry the visitor arrived on).
    let written = StoredValue::new(None::<Written>);
    let pending = StoredValue::new(None::<TimeoutHandle>);

    Effect::new(move |_| {
        let selected = state.selected().get();
        let time = state.time().get();
        let lang = state.lang().get();
        let playing = state.playing().get();
        let tour = state.tour().get();
        // A curator's local preview is not what the URL names (a reload goes back
        // to the served dataset): its ids must not land in the URL as the served one's.
        if state.with_dataset(|d| d.is_local_preview()) == Some(true) {
            return;
        }
        let Some(site_id) =
            state.with_atlas(|a| selected.and_then(|i| a.sites.get(i).map(|s| s.id.clone())))
        else {
            return;
        };
        // Playback moves the cursor every frame; the URL catches up when it pauses.
        if playing {
            return;
        }
        let write = move |push: bool| {
            let Some(search) = search_for(site_id.as_deref(), time, lang, tour) else {
                return;
            };
            let history = web_sys::window().and_then(|w| w.history().ok());
            if let Some(history) = history {
                let url = if search.is_empty() {
                    current_path()
                } else {
                    format!("{}?{search}", current_path())
                };
                let _ = if push {
                    history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                } else {
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                };
            }
        };
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
        }
        let now = Written { selected, tour };
        match written.get_value() {
            Some(before) if now.adds_entry_after(&before) => {
                written.set_value(Some(now));
                write(true);
            }
            None => {
                written.set_value(Some(now));
                write(false);
            }
            Some(_) => {
                let handle = set_timeout_with_handle(
                    move || {
                        pending.set_value(None);
                        write(false);
                    },
                    std::time::Duration::from_millis(TIME_WRITE_DELAY_MS),
                );
                pending.set_value(handle.ok());
            }
        }
    });

    // Back and Forward: the URL is already the one to show; bring the state to it.
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        // The URL's ids are the served dataset's, not a local preview's.
        if state.with_dataset_untracked(|d| d.is_local_preview()) == Some(true) {
            return;
        }
        let query = PageQuery::current();
        let selected = query
            .site
            .as_deref()
            .and_then(|id| state.with_atlas_untracked(|a| a.site_index(id)).flatten());
        let tour = query
            .tour_chapter
            .and_then(|c| {
                state
                    .with_atlas_untracked(|a| a.settings.tour.clamped(c))
                    .flatten()
            })
            .map(|chapter| TourStop {
                chapter,
                attract: false,
            });
        written.set_value(Some(Written { selected, tour }));
        state.set_playing(false);
        if let Some(lang) = query.lang {
            state.set_lang(lang);
        }
        state.set_time(query.time);
        state.select(selected);
        match tour {
            Some(stop) => state.show_chapter(stop.chapter, false),
            None => state.exit_tour(),
        }
    });
}

/// What the URL last said of the selection and the tour: a change in it
/// decides whether the next write adds a history entry.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Written {
    selected: Option<usize>,
    tour: Option<TourStop>,
}

impl Written {
    /// Whether going from `before` to `self` is a step Back should undo:
    /// another site chosen, or, in a tour, another chapter (its selection
    /// then comes with it), starting the tour or leaving it. A kiosk's
    /// attract loop never adds entries: it runs for weeks.
    fn adds_entry_after(&self, before: &Written) -> bool {
        let chapter = |w: &Written| w.tour.filter(|s| !s.attract).map(|s| s.chapter);
        let attract = |w: &Written| w.tour.is_some_and(|s| s.attract);
        if attract(self) || attract(before) {
            return false;
        }
        match (chapter(before), chapter(self)) {
            (None, None) => before.selected != self.selected,
            (before, now) => before != now,
        }
    }
}

/// The query string for this view, keeping parameters that are not ours
/// (`data`, `kiosk`…); `None` when it is what the URL already says.
fn search_for(
    site: Option<&str>,
    time: TimeFilter,
    lang: Lang,
    tour: Option<TourStop>,
) -> Option<String> {
    let location = web_sys::window()?.location();
    let current = location.search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&current).ok()?;
    match site {
        Some(id) => params.set("site", id),
        None => params.delete("site"),
    }
    for key in ["t", "from", "to"] {
        params.delete(key);
    }
    for (key, value) in time.to_query() {
        params.set(key, &value);
    }
    params.set("lang", lang.code());
    // `chapter` counts from 1 in the URL, as "Chapter 3 of 9" does.
    match tour.filter(|s| !s.attract) {
        Some(stop) => {
            params.set("tour", "1");
            params.set("chapter", &(stop.chapter + 1).to_string());
        }
        None => {
            params.delete("tour");
            params.delete("chapter");
        }
    }
    let next = String::from(params.to_string());
    (next != current.trim_start_matches('?')).then_some(next)
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_owned())
}

/// A yes/no query parameter: present and not "0" or "false".
fn flag(value: Option<String>) -> bool {
    value.is_some_and(|v| v != "0" && v != "false")
}

/// The browser's preferred language, when it is one we speak.
pub fn browser_lang() -> Option<Lang> {
    web_sys::window()?
        .navigator()
        .language()
        .as_deref()
        .and_then(Lang::from_tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(selected: Option<usize>, tour: Option<(usize, bool)>) -> Written {
        Written {
            selected,
            tour: tour.map(|(chapter, attract)| TourStop { chapter, attract }),
        }
    }

    #[test]
    fn choosing_a_site_adds_an_entry_and_nothing_else_does() {
        assert!(at(Some(1), None).adds_entry_after(&at(None, None)));
        assert!(!at(Some(1), None).adds_entry_after(&at(Some(1), None)));
    }

    #[test]
    fn in_a_tour_each_chapter_adds_one_entry_whatever_it_selects() {
        assert!(at(Some(1), Some((0, false))).adds_entry_after(&at(Some(4), None)));
        assert!(at(Some(1), Some((1, false))).adds_entry_after(&at(Some(1), Some((0, false)))));
        // The chapter's site arrives after the chapter: the same entry.
        assert!(!at(Some(2), Some((1, false))).adds_entry_after(&at(Some(1), Some((1, false)))));
        assert!(at(Some(2), None).adds_entry_after(&at(Some(2), Some((1, false)))));
    }

    #[test]
    fn an_attract_loop_never_adds_entries() {
        assert!(!at(Some(2), Some((1, true))).adds_entry_after(&at(Some(1), Some((0, true)))));
        assert!(!at(None, None).adds_entry_after(&at(Some(1), Some((0, true)))));
        assert!(!at(Some(1), Some((0, true))).adds_entry_after(&at(None, None)));
    }
}
