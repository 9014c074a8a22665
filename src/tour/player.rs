//! Playing the guided tour: each chapter applied to the state (its time, its
//! site), and autoplay's clock and timer. The rules (what comes next, how far
//! a chapter has played) are atlas-core's `tour_player`; this runs them.

use std::time::Duration;

use atlas_core::tour_player::ChapterClock;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::motion::now_ms;
use crate::state::AtlasState;

/// How often a running chapter's progress bar is redrawn (ms); its CSS
/// transition fills in between, so the page wakes four times a second, not
/// every frame (a kiosk's attract loop plays for weeks).
const TICK_MS: f64 = 250.0;

/// The tour's controls and what the card shows of its playing.
#[derive(Clone, Copy)]
pub struct TourPlayer {
    state: AtlasState,
    /// Whether chapters advance on their own.
    autoplay: RwSignal<bool>,
    /// How much of the shown chapter's time has run, 0 to 1.
    progress: RwSignal<f64>,
    clock: StoredValue<ChapterClock>,
    /// The next tick, while autoplay runs: nothing is scheduled otherwise.
    timer: StoredValue<Option<TimeoutHandle>>,
}

/// Plays whatever tour the state says runs, whoever started it (the Tour
/// button, a `?tour=1` link, a kiosk's attract loop): each chapter sets the
/// time and the selection (the map and the timeline frame it themselves),
/// and autoplay moves on after the chapter's seconds.
pub fn use_tour_player(state: AtlasState) -> TourPlayer {
    let player = TourPlayer {
        state,
        autoplay: RwSignal::new(false),
        progress: RwSignal::new(0.0),
        clock: StoredValue::new(ChapterClock::stopped()),
        timer: StoredValue::new(None),
    };

    Effect::new(move |was_running: Option<bool>| {
        let Some(chapter) = state.tour_chapter() else {
            player.stop_timer();
            player.autoplay.set(false);
            player.progress.set(0.0);
            return false;
        };
        // A tour starts playing on its own; moving between chapters keeps
        // whatever the visitor chose with Pause/Play.
        // The attract loop always plays, whatever the last visitor left
        // paused (a reset stops and restarts the tour in one step, so
        // `was_running` alone would not see it start).
        let attract = state.tour().get_untracked().is_some_and(|s| s.attract);
        if was_running != Some(true) || attract {
            player.autoplay.set(true);
        }
        // The timeline's own playback would move the time away from the chapter.
        state.set_playing(false);
        state.set_time(chapter.time.filter());
        state.select(chapter.site);
        player.clock.set_value(if player.autoplay.get_untracked() {
            ChapterClock::running(now_ms())
        } else {
            ChapterClock::stopped()
        });
        player.tick();
        true
    });
    on_cleanup(move || player.stop_timer());
    player
}

impl TourPlayer {
    /// Whether chapters advance on their own.
    pub fn autoplay(&self) -> Signal<bool> {
        self.autoplay.into()
    }

    /// How much of the shown chapter's time has run, 0 to 1.
    pub fn progress(&self) -> Signal<f64> {
        self.progress.into()
    }

    /// Whether Next leads anywhere (tracked).
    pub fn has_next(&self) -> bool {
        self.step(|tour, stop| tour.next_chapter(stop.chapter, stop.attract))
            .is_some()
    }

    /// Whether Previous leads anywhere (tracked).
    pub fn has_previous(&self) -> bool {
        self.step(|tour, stop| tour.previous_chapter(stop.chapter))
            .is_some()
    }

    /// Shows the next chapter, if there is one.
    pub fn next(&self) {
        let next =
            untrack(|| self.step(|tour, stop| tour.next_chapter(stop.chapter, stop.attract)));
        self.show(next);
    }

    /// Shows the previous chapter, if there is one.
    pub fn previous(&self) {
        let previous = untrack(|| self.step(|tour, stop| tour.previous_chapter(stop.chapter)));
        self.show(previous);
    }

    /// Leaves the tour. The keyboard goes back to the Tour button when it was
    /// in the card, which disappears.
    pub fn exit(&self) {
        let focus_in_card =
            active_element().is_some_and(|el| el.closest(".tour-card").ok().flatten().is_some());
        self.state.exit_tour();
        if focus_in_card {
            focus_first(".tour-start");
        }
    }

    /// Pauses autoplay, or plays on (at the tour's end, the last chapter again).
    pub fn toggle_autoplay(&self) {
        let Some(seconds) = self.seconds() else {
            return;
        };
        let now = now_ms();
        let playing = !self.autoplay.get_untracked();
        self.clock.update_value(|clock| {
            if playing {
                clock.resume(now, seconds);
            } else {
                clock.pause(now);
            }
        });
        self.autoplay.set(playing);
        self.tick();
    }

    /// Shows where the chapter's time stands and, while autoplay runs,
    /// schedules the next look (or moves on when the time is up).
    fn tick(self) {
        self.stop_timer();
        let (Some(stop), Some(seconds)) = (self.state.tour().get_untracked(), self.seconds())
        else {
            return;
        };
        let clock = self.clock.get_value();
        let now = now_ms();
        self.progress.set(clock.progress(now, seconds));
        if !clock.is_running() {
            return;
        }
        if !clock.is_up(now, seconds) {
            let wait = clock.remaining_ms(now, seconds).min(TICK_MS).ceil();
            let handle = set_timeout_with_handle(
                move || {
                    self.timer.set_value(None);
                    self.tick();
                },
                Duration::from_millis(wait as u64),
            );
            self.timer.set_value(handle.ok());
            return;
        }
        let next = self
            .state
            .with_atlas_untracked(|a| a.settings.tour.next_chapter(stop.chapter, stop.attract))
            .flatten();
        match next {
            Some(next) => self.state.show_chapter(next, stop.attract),
            // The end of the tour: the last chapter stays, with a full bar and autoplay off.
            None => {
                self.clock.update_value(|clock| clock.finish(seconds));
                self.autoplay.set(false);
                self.progress.set(1.0);
            }
        }
    }

    fn show(&self, chapter: Option<usize>) {
        let Some(stop) = self.state.tour().get_untracked() else {
            return;
        };
        if let Some(chapter) = chapter {
            self.state.show_chapter(chapter, stop.attract);
        }
    }

    /// Where a step leads from the shown chapter (tracked).
    fn step(
        &self,
        f: impl FnOnce(&atlas_core::Tour, crate::state::TourStop) -> Option<usize>,
    ) -> Option<usize> {
        let stop = self.state.tour().get()?;
        self.state
            .with_atlas(|a| f(&a.settings.tour, stop))
            .flatten()
    }

    /// The shown chapter's length in seconds.
    fn seconds(&self) -> Option<f64> {
        let stop = self.state.tour().get_untracked()?;
        self.state
            .with_atlas_untracked(|a| a.settings.tour.chapter(stop.chapter).map(|c| c.seconds))
            .flatten()
    }

    fn stop_timer(&self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
    }
}

/// The element with the keyboard focus.
pub fn active_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.active_element()
}

/// Moves the keyboard focus to the first element matching `selector`.
pub fn focus_first(selector: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
