//! The idle cycle in the page: the visitor's input and a timer feed
//! atlas-core's [`IdleCycle`], and this module does what it answers: show
//! "Still there?", or put everything back to the start, pick up a waiting
//! update and play the attract tour.

use atlas_core::idle::{idle_seconds, IdleCycle, IdleStep, InputMeaning};
use atlas_core::kiosk::DEFAULT_IDLE_SECONDS;
use atlas_core::Lang;
use leptos::ev;
use leptos::prelude::*;
use leptos_use_event_listener::{use_event_listener_with_options, UseEventListenerOptions};
use wasm_bindgen::JsCast;

use crate::motion::now_ms;
use crate::state::AtlasState;
use crate::url::PageQuery;

/// The dialog's backdrop: input on it is an answer to "Still there?", which
/// the dialog handles itself (see [`IdleClock::input`]).
pub const DIALOG_BACKDROP: &str = ".idle-backdrop";

/// What the kiosk's idle cycle shows.
pub struct UseIdleCycleReturn {
    /// The countdown's whole seconds while "Still there?" is asked.
    pub seconds_left: Signal<Option<u32>>,
    /// The visitor answered "Still there?" (Continue, or a touch on the dialog).
    pub continue_visit: Callback<()>,
}

/// Runs the idle cycle from the moment a dataset is shown, until the kiosk
/// mode is unmounted.
pub fn use_idle_cycle(state: AtlasState) -> UseIdleCycleReturn {
    let clock = IdleClock {
        state,
        cycle: StoredValue::new(None),
        timer: StoredValue::new(None),
        seconds_left: RwSignal::new(None),
        start_lang: StoredValue::new(StartLanguage {
            link: PageQuery::current().lang,
            at_start: state.lang().get_untracked(),
        }),
    };
    on_cleanup(move || clock.stop_timer());

    // The idle time may come from the dataset: start once it is there.
    Effect::new(move |_| {
        if state.has_dataset() && clock.cycle.with_value(Option::is_none) {
            clock.begin();
        }
    });

    let options = UseEventListenerOptions::default()
        .capture(true)
        .passive(true);
    let _ = use_event_listener_with_options(
        window(),
        ev::pointerdown,
        move |ev: web_sys::PointerEvent| clock.input(&ev),
        options,
    );
    let _ = use_event_listener_with_options(
        window(),
        ev::touchstart,
        move |ev: web_sys::TouchEvent| clock.input(&ev),
        options,
    );
    let _ = use_event_listener_with_options(
        window(),
        ev::keydown,
        move |ev: web_sys::KeyboardEvent| clock.input(&ev),
        options,
    );
    let _ = use_event_listener_with_options(
        window(),
        ev::wheel,
        move |ev: web_sys::WheelEvent| clock.input(&ev),
        options,
    );

    UseIdleCycleReturn {
        seconds_left: clock.seconds_left.into(),
        continue_visit: Callback::new(move |()| clock.answer()),
    }
}

/// The language a kiosk goes back to: the one its link chose, else the
/// dataset's default, else the one it started in (the browser's).
#[derive(Clone, Copy)]
struct StartLanguage {
    link: Option<Lang>,
    at_start: Lang,
}

#[derive(Clone, Copy)]
struct IdleClock {
    state: AtlasState,
    /// `None` until the dataset is there.
    cycle: StoredValue<Option<IdleCycle>>,
    /// The next tick, while the cycle needs one.
    timer: StoredValue<Option<TimeoutHandle>>,
    seconds_left: RwSignal<Option<u32>>,
    start_lang: StoredValue<StartLanguage>,
}

impl IdleClock {
    fn begin(self) {
        let idle_s = self
            .state
            .with_atlas_untracked(|a| idle_seconds(self.state.page().idle_s, &a.settings.kiosk))
            .unwrap_or(DEFAULT_IDLE_SECONDS);
        self.cycle.set_value(Some(IdleCycle::new(idle_s, now_ms())));
        self.schedule();
    }

    /// A touch, click, key or wheel anywhere on the page.
    fn input(self, ev: &web_sys::Event) {
        // The dialog's own input is its answer, given on click (see answer):
        // acting on pointerdown would remove the dialog mid-tap, and the tap
        // would land on whatever lay beneath it.
        if self.seconds_left.get_untracked().is_some() && on_dialog(ev) {
            return;
        }
        self.answer();
    }

    /// Input that counts (see [`Self::input`]): restarts the idle time, and
    /// ends the question or the attract tour.
    fn answer(self) {
        let now = now_ms();
        let Some(meaning) = self
            .cycle
            .try_update_value(|c| c.as_mut().map(|c| c.input(now)))
            .flatten()
        else {
            return;
        };
        match meaning {
            InputMeaning::StillVisiting => {}
            InputMeaning::ContinueVisit => self.seconds_left.set(None),
            InputMeaning::EndAttract => self.state.exit_tour(),
        }
        self.schedule();
    }

    fn tick(self) {
        self.timer.set_value(None);
        let now = now_ms();
        let step = self
            .cycle
            .try_update_value(|c| c.as_mut().and_then(|c| c.tick(now, media_playing())))
            .flatten();
        if step == Some(IdleStep::StartOver) {
            self.start_over();
        }
        let left = self
            .cycle
            .with_value(|c| c.and_then(|c| c.seconds_left(now)));
        if self.seconds_left.get_untracked() != left {
            self.seconds_left.set(left);
        }
        self.schedule();
    }

    /// Nobody answered: back to the start for the next visitor.
    fn start_over(self) {
        let state = self.state;
        state.exit_tour();
        state.reset_view();
        let start = self.start_lang.get_value();
        let lang = start
            .link
            .or_else(|| {
                state
                    .with_atlas_untracked(|a| a.settings.default_language)
                    .flatten()
            })
            .unwrap_or(start.at_start);
        state.set_lang(lang);
        // No focus ring left on a control the last visitor used.
        if let Some(focused) = window()
            .document()
            .and_then(|d| d.active_element())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = focused.blur();
        }
        // The moment a new deployment may take over: no one is in the middle
        // of anything (the page reloads if one is ready).
        crate::offline::activate_waiting_update();
        if state.with_atlas_untracked(|a| !a.settings.tour.is_empty()) == Some(true) {
            state.show_chapter(0, true);
        }
    }

    fn schedule(self) {
        self.stop_timer();
        let now = now_ms();
        let Some(wait) = self
            .cycle
            .with_value(|c| c.and_then(|c| c.next_tick_in_ms(now)))
        else {
            return;
        };
        // Timers count whole milliseconds; round up so a tick never comes early.
        let wait = std::time::Duration::from_millis(wait.ceil() as u64);
        let handle = set_timeout_with_handle(move || self.tick(), wait).ok();
        self.timer.set_value(handle);
    }

    fn stop_timer(self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }
}

/// Whether a video or a sound on the page is playing.
fn media_playing() -> bool {
    let Some(found) = window()
        .document()
        .and_then(|d| d.query_selector_all("video, audio").ok())
    else {
        return false;
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlMediaElement>().ok())
        .any(|media| !media.paused() && !media.ended())
}

fn on_dialog(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(DIALOG_BACKDROP).ok().flatten())
        .is_some()
}
