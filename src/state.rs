//! App state as signals, in one place, so a kiosk can reset it in one call.
//!
//! Views read through accessors (tracked, like any signal read) and change
//! things through methods, so every change that has a rule (a view that must
//! stay near the data, a dataset that brings its own language) keeps it
//! whoever makes the change. The fields are private for that reason.

use std::sync::Arc;

use atlas_core::category_filter::CategoryFilter;
use atlas_core::category_style::CategoryStyle;
use atlas_core::geo::roaming_area;
use atlas_core::time_axis::AxisView;
use atlas_core::{Atlas, Chapter, Lang, TimeFilter, Viewport};
use leptos::prelude::*;

use crate::dataset::{LoadedAtlas, RegionalBasemap};

/// Options of the page itself, read from the URL once at start (a reload is
/// the only way to change them).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PageOptions {
    /// `?kiosk=1`: a touch-screen kiosk (the dataset's `atlas.kiosk.enabled`
    /// can ask for it too: see [`AtlasState::is_kiosk`]).
    pub kiosk: bool,
    /// `?tour=1` (and `&chapter=N`, counted from 1): open the guided tour at
    /// this chapter (counted from 0).
    pub tour_chapter: Option<usize>,
    /// `?idle=N`: seconds without input before a kiosk asks "Still there?"
    /// (for tests and trials; the dataset's `atlas.kiosk.idle_s` otherwise).
    pub idle_s: Option<f64>,
}

/// Where a guided tour stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TourStop {
    /// The chapter shown, an index into `Tour::chapters`.
    pub chapter: usize,
    /// The kiosk's attract loop: the tour plays on its own and starts over
    /// after its last chapter, until someone touches the screen.
    pub attract: bool,
}

/// What the visitor has chosen: language, selected site, map view, time.
#[derive(Clone, Copy, Debug)]
pub struct AtlasState {
    page: PageOptions,
    /// Interface and data language.
    lang: RwSignal<Lang>,
    /// Index of the selected site in `Atlas::sites`.
    selected: RwSignal<Option<usize>>,
    /// The map view; `None` until the map knows its size and fits the data.
    viewport: RwSignal<Option<Viewport>>,
    /// The loaded dataset, once it is there.
    dataset: RwSignal<Option<Arc<LoadedAtlas>>>,
    /// The dataset's basemap layers, once they are read (after its sites).
    basemap: RwSignal<Option<Arc<RegionalBasemap>>>,
    /// Which part of history shows on the map, the timeline and the clusters.
    time: RwSignal<TimeFilter>,
    /// The site under the pointer or focus (on the map or through one of its
    /// events), highlighted everywhere it appears.
    hovered: RwSignal<Option<usize>>,
    /// Whether the timeline's playback is moving the cursor.
    playing: RwSignal<bool>,
    /// The zoomed part of the time axis; `None` shows all of it.
    timeline_view: RwSignal<Option<AxisView>>,
    /// The guided tour, while one runs.
    tour: RwSignal<Option<TourStop>>,
    /// The categories the visitor hid: on the map, the timeline and the site list.
    categories: RwSignal<CategoryFilter>,
}

impl AtlasState {
    /// Fresh state in `lang`, for a page opened with `page`.
    pub fn new(lang: Lang, page: PageOptions) -> Self {
        Self {
            page,
            lang: RwSignal::new(lang),
            selected: RwSignal::new(None),
            viewport: RwSignal::new(None),
            dataset: RwSignal::new(None),
            basemap: RwSignal::new(None),
            time: RwSignal::new(TimeFilter::All),
            hovered: RwSignal::new(None),
            playing: RwSignal::new(false),
            timeline_view: RwSignal::new(None),
            tour: RwSignal::new(None),
            categories: RwSignal::new(CategoryFilter::default()),
        }
    }

    // ----- reading -----

    /// The page's own options (kiosk…).
    pub fn page(&self) -> PageOptions {
        self.page
    }

    /// The language of the interface and of the data.
    pub fn lang(&self) -> ReadSignal<Lang> {
        self.lang.read_only()
    }

    /// The selected site, as an index into `Atlas::sites`.
    pub fn selected(&self) -> ReadSignal<Option<usize>> {
        self.selected.read_only()
    }

    /// The map view, once the map has fitted the data.
    pub fn viewport(&self) -> ReadSignal<Option<Viewport>> {
        self.viewport.read_only()
    }

    /// Which part of history is shown.
    pub fn time(&self) -> ReadSignal<TimeFilter> {
        self.time.read_only()
    }

    /// The site highlighted by hover or focus.
    pub fn hovered(&self) -> ReadSignal<Option<usize>> {
        self.hovered.read_only()
    }

    /// Whether playback is moving the time cursor.
    pub fn playing(&self) -> ReadSignal<bool> {
        self.playing.read_only()
    }

    /// The zoomed part of the time axis.
    pub fn timeline_view(&self) -> ReadSignal<Option<AxisView>> {
        self.timeline_view.read_only()
    }

    /// The categories hidden from the map, the timeline and the site list.
    pub fn category_filter(&self) -> ReadSignal<CategoryFilter> {
        self.categories.read_only()
    }

    /// For each site, whether the category filter shows it (tracked): the
    /// map's markers and the timeline's marks hide the same sites.
    pub fn shown_by_category(&self) -> Option<Vec<bool>> {
        self.categories.with(|cats| {
            self.with_dataset(|d| {
                d.loaded
                    .atlas
                    .sites
                    .iter()
                    .map(|s| cats.admits(&d.categories, s))
                    .collect()
            })
        })
    }

    /// The guided tour's place, while one runs.
    pub fn tour(&self) -> ReadSignal<Option<TourStop>> {
        self.tour.read_only()
    }

    /// The chapter the running tour shows (tracked: reruns when the tour moves).
    pub fn tour_chapter(&self) -> Option<Chapter> {
        let stop = self.tour.get()?;
        self.with_atlas(|a| a.settings.tour.chapter(stop.chapter).cloned())
            .flatten()
    }

    /// Whether the running tour's chapter is about `site`: the tour frames
    /// its own chapters (map and timeline), so selecting that site does not
    /// move them again (untracked).
    pub fn tour_frames_site(&self, site: usize) -> bool {
        let Some(stop) = self.tour.get_untracked() else {
            return false;
        };
        self.with_atlas_untracked(|a| {
            a.settings
                .tour
                .chapter(stop.chapter)
                .is_some_and(|c| c.site == Some(site))
        }) == Some(true)
    }

    /// Whether this page is a kiosk: `?kiosk=1`, or a dataset that asks for
    /// it (tracked).
    pub fn is_kiosk(&self) -> bool {
        self.page.kiosk || self.with_atlas(|a| a.settings.kiosk.enabled) == Some(true)
    }

    /// Whether a dataset is loaded (tracked).
    pub fn has_dataset(&self) -> bool {
        self.dataset.with(Option::is_some)
    }

    /// The loaded dataset, shared (tracked).
    pub fn dataset(&self) -> Option<Arc<LoadedAtlas>> {
        self.dataset.get()
    }

    /// [`Self::dataset`] without tracking.
    pub fn dataset_untracked(&self) -> Option<Arc<LoadedAtlas>> {
        self.dataset.get_untracked()
    }

    /// Runs `f` on the loaded dataset's sites and settings (tracked).
    pub fn with_atlas<R>(&self, f: impl FnOnce(&Atlas) -> R) -> Option<R> {
        self.dataset
            .with(|d| d.as_ref().map(|d| f(&d.loaded.atlas)))
    }

    /// [`Self::with_atlas`] without tracking, for event handlers and effects
    /// that must not rerun when the dataset changes.
    pub fn with_atlas_untracked<R>(&self, f: impl FnOnce(&Atlas) -> R) -> Option<R> {
        self.dataset
            .with_untracked(|d| d.as_ref().map(|d| f(&d.loaded.atlas)))
    }

    /// Runs `f` on the whole loaded dataset: the atlas plus what the loader
    /// worked out for the map (basemap, clusters, bounds) (tracked).
    pub fn with_dataset<R>(&self, f: impl FnOnce(&LoadedAtlas) -> R) -> Option<R> {
        self.dataset.with(|d| d.as_deref().map(f))
    }

    /// [`Self::with_dataset`] without tracking.
    pub fn with_dataset_untracked<R>(&self, f: impl FnOnce(&LoadedAtlas) -> R) -> Option<R> {
        self.dataset.with_untracked(|d| d.as_deref().map(f))
    }

    /// The dataset's basemap layers, once they have arrived or failed (tracked).
    pub fn basemap(&self) -> Option<Arc<RegionalBasemap>> {
        self.basemap.get()
    }

    /// Runs `f` on the dataset's basemap layers, once they have arrived or
    /// failed; `None` while they are on their way (tracked).
    pub fn with_basemap<R>(&self, f: impl FnOnce(&RegionalBasemap) -> R) -> Option<R> {
        self.basemap.with(|b| b.as_deref().map(f))
    }

    /// The page's title in `lang`: the dataset's title, or the app's name
    /// while there is none (tracked).
    pub fn title(&self, lang: Lang) -> Option<String> {
        self.with_atlas(|a| a.settings.title.get(lang).to_owned())
            .filter(|s| !s.is_empty())
    }

    // ----- changing -----

    /// Shows a freshly loaded dataset. Its default language applies unless the
    /// visitor's link chose one; `wanted_site` (a `?site=` id) opens that site.
    pub fn show_dataset(
        &self,
        dataset: Arc<LoadedAtlas>,
        lang_from_link: Option<Lang>,
        wanted_site: Option<&str>,
    ) {
        let atlas = &dataset.loaded.atlas;
        if lang_from_link.is_none() {
            if let Some(lang) = atlas.settings.default_language {
                self.lang.set(lang);
            }
        }
        if let Some(id) = wanted_site {
            self.selected.set(atlas.site_index(id));
        }
        // `?tour=1&chapter=N` opens the tour there, as `?site=` opens a site
        // (a chapter past the end shows the last).
        if let Some(chapter) = self
            .page
            .tour_chapter
            .and_then(|c| atlas.settings.tour.clamped(c))
        {
            self.tour.set(Some(TourStop {
                chapter,
                attract: false,
            }));
        }
        // Another dataset has other categories: none of them starts hidden.
        self.categories.set(CategoryFilter::default());
        self.dataset.set(Some(dataset));
    }

    /// Takes the dataset off the page, before another takes its place: every
    /// view empties as before the first one arrived, and nothing carries over
    /// from its sites (selection, tour, filters, view, basemap).
    pub fn close_dataset(&self) {
        self.exit_tour();
        self.reset_view();
        self.basemap.set(None);
        self.dataset.set(None);
    }

    /// Shows a file the curator opened in this tab (after
    /// [`Self::close_dataset`]): unlike [`Self::show_dataset`], no `?site=`,
    /// tour link or default language applies, since the URL describes the
    /// served dataset and the language is the curator's.
    pub fn show_local_preview(&self, dataset: Arc<LoadedAtlas>) {
        self.dataset.set(Some(dataset));
    }

    /// Shows the dataset's basemap layers, which arrive after its sites.
    pub fn show_basemap(&self, basemap: Arc<RegionalBasemap>) {
        self.basemap.set(Some(basemap));
    }

    /// Switches the interface and data language.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
    }

    /// Selects a site by index (or clears the selection).
    pub fn select(&self, site: Option<usize>) {
        self.selected.set(site);
    }

    /// Highlights a site everywhere it appears (or none).
    pub fn hover(&self, site: Option<usize>) {
        if self.hovered.get_untracked() != site {
            self.hovered.set(site);
        }
    }

    /// Shows another part of history.
    pub fn set_time(&self, time: TimeFilter) {
        self.time.set(time);
    }

    /// Starts or stops playback.
    pub fn set_playing(&self, playing: bool) {
        if self.playing.get_untracked() != playing {
            self.playing.set(playing);
        }
    }

    /// Hides a category's sites everywhere, or shows them again.
    pub fn toggle_category(&self, style: CategoryStyle) {
        self.categories.update(|c| c.toggle(style));
    }

    /// Play when paused, pause when playing.
    pub fn toggle_playing(&self) {
        self.playing.update(|p| *p = !*p);
    }

    /// Zooms the time axis (`None`: all of it).
    pub fn set_timeline_view(&self, view: Option<AxisView>) {
        self.timeline_view.set(view);
    }

    /// Sets the map view as it is (a fit, a step of an animation that was
    /// already kept near the data, or `None` to fit again).
    pub fn set_viewport(&self, view: Option<Viewport>) {
        self.viewport.set(view);
    }

    /// Sets the map view to `view` at the map's current size: an animation
    /// computed its frames ahead, and the map may have been resized meanwhile.
    pub fn set_view_keeping_size(&self, view: Viewport) {
        self.viewport.update(|current| {
            let (w, h) = current.map_or((view.width, view.height), |c| (c.width, c.height));
            *current = Some(view.resized(w, h));
        });
    }

    /// Changes the current map view, if there is one, keeping it near the
    /// data so nobody gets lost in an empty ocean.
    pub fn move_view(&self, change: impl FnOnce(Viewport) -> Viewport) {
        let keep = self.keeper();
        self.viewport.update(|v| {
            if let Some(v) = v {
                *v = keep(change(*v));
            }
        });
    }

    /// The rule that keeps a view near the data, for moves computed ahead
    /// (a fly-to target, a glide).
    pub fn keeper(&self) -> impl Fn(Viewport) -> Viewport + Copy + 'static {
        let dataset = self.dataset;
        move |v: Viewport| {
            let area = dataset
                .with_untracked(|d| d.as_ref().and_then(|d| d.bounds))
                .map(|b| roaming_area(b, 1.0, 0.01));
            match area {
                Some(area) => v.kept_within(area),
                None => v,
            }
        }
    }

    /// Opens the guided tour at `chapter` (or shows that chapter of the
    /// running tour).
    pub fn show_chapter(&self, chapter: usize, attract: bool) {
        self.tour.set(Some(TourStop { chapter, attract }));
    }

    /// Leaves the guided tour; the map and timeline stay where it left them.
    pub fn exit_tour(&self) {
        if self.tour.get_untracked().is_some() {
            self.tour.set(None);
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
        if !self.categories.with_untracked(CategoryFilter::is_open) {
            self.categories.set(CategoryFilter::default());
        }
    }
}

/// The state provided to every component.
pub fn use_atlas_state() -> AtlasState {
    expect_context::<AtlasState>()
}
