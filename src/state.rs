//! App state as signals, in one place, so kiosk mode can reset it in one call.

use std::sync::Arc;

use atlas_core::{Lang, TimeFilter, Viewport};
use leptos::prelude::*;

use crate::load::LoadedAtlas;

/// What the visitor has chosen: language, selected site, map view.
#[derive(Clone, Copy, Debug)]
pub struct AtlasState {
    /// Interface and data language.
    pub lang: RwSignal<Lang>,
    /// Index of the selected site in `Atlas::sites`.
    pub selected: RwSignal<Option<usize>>,
    /// The map view; `None` until the map knows its size and fits the data.
    pub viewport: RwSignal<Option<Viewport>>,
    /// The loaded dataset, once it is there.
    pub atlas: RwSignal<Option<Arc<LoadedAtlas>>>,
    /// Which part of history shows on the map, the timeline and the clusters.
    pub time: RwSignal<TimeFilter>,
}

impl AtlasState {
    /// Fresh state in `lang`.
    pub fn new(lang: Lang) -> Self {
        Self {
            lang: RwSignal::new(lang),
            selected: RwSignal::new(None),
            viewport: RwSignal::new(None),
            atlas: RwSignal::new(None),
            time: RwSignal::new(TimeFilter::All),
        }
    }

    /// Back to the start: nothing selected, the map fitted to all sites.
    pub fn reset_view(&self) {
        self.selected.set(None);
        self.viewport.set(None);
        self.time.set(TimeFilter::All);
    }

    /// Selects a site by index (or clears the selection).
    pub fn select(&self, site: Option<usize>) {
        self.selected.set(site);
    }
}

/// The state provided to every component.
pub fn use_atlas_state() -> AtlasState {
    expect_context::<AtlasState>()
}
