//! App state as signals, in one place, so kiosk mode can reset it in one call.

use std::sync::Arc;

use atlas_core::time_axis::AxisView;
use atlas_core::{Lang, TimeFilter, Viewport};
use leptos::prelude::*;

use crate::dataset::LoadedAtlas;

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
    /// The site under the pointer or focus (on the map or through one of its
    /// events), highlighted everywhere it appears.
    pub hovered: RwSignal<Option<usize>>,
    /// Whether the timeline's playback is moving the cursor.
    pub playing: RwSignal<bool>,
    /// The zoomed part of the time axis; `None` shows all of it.
    pub timeline_view: RwSignal<Option<AxisView>>,
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
            hovered: RwSignal::new(None),
            playing: RwSignal::new(false),
            timeline_view: RwSignal::new(None),
        }
    }

    /// Back to the start: nothing selected, the map and the timeline fitted to
    /// all sites, all time shown, playback stopped.
    pub fn reset_view(&self) {
        self.selected.set(None);
        self.viewport.set(None);
        self.time.set(TimeFilter::All);
        self.hovered.set(None);
        self.playing.set(false);
        self.timeline_view.set(None);
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
