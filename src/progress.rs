//! How far a dataset's load has got (issue 14, item 4): the bytes read of
//! Content-Length while it downloads, then the sites checked of those the
//! scan found, with a Cancel that stops either.
//!
//! Only a large file shows the bar, and only once it has taken a moment: a
//! file of at least [`BAR_MIN_BYTES`] (declared or read so far) still
//! loading after [`BAR_DELAY_MS`]. The bundled dataset (41 KB) therefore
//! never shows it, however slow the machine, and a big file on a fast one
//! does not flash it either.

use std::time::Duration;

use leptos::prelude::*;
use web_sys::ReadableStreamDefaultReader;

use crate::i18n::{self, t, Ui};
use crate::state::use_atlas_state;

/// Files smaller than this never show the bar (1 MB: about 2,000 full sites).
pub const BAR_MIN_BYTES: usize = 1_000_000;
/// The bar appears only for a load still running this long after it began.
pub const BAR_DELAY_MS: u64 = 300;

/// Where the load is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    /// The request is out; no answer yet.
    Waiting,
    /// The body is arriving: bytes read, of the total the server declared.
    Downloading {
        /// Bytes read so far.
        read: usize,
        /// Content-Length, when given (and not exceeded, as a compressed body's is).
        total: Option<usize>,
    },
    /// The features are being parsed and checked.
    Checking {
        /// Features read.
        done: usize,
        /// Features in the file.
        total: usize,
    },
    /// The load ended (shown, failed or cancelled): no bar.
    Ended,
}

/// The load's progress and its Cancel, shared by the loader and the bar.
#[derive(Clone, Copy)]
pub struct LoadProgress {
    phase: RwSignal<Phase>,
    /// The file's size as far as known: decides whether the bar may show.
    size: RwSignal<usize>,
    /// The delay has passed.
    delayed: RwSignal<bool>,
    cancelled: RwSignal<bool>,
    /// The body's reader while it downloads, so Cancel can stop it at once.
    reader: StoredValue<Option<ReadableStreamDefaultReader>, LocalStorage>,
}

impl LoadProgress {
    /// A load that starts now.
    pub fn new() -> Self {
        let delayed = RwSignal::new(false);
        set_timeout(
            move || delayed.set(true),
            Duration::from_millis(BAR_DELAY_MS),
        );
        LoadProgress {
            phase: RwSignal::new(Phase::Waiting),
            size: RwSignal::new(0),
            delayed,
            cancelled: RwSignal::new(false),
            reader: StoredValue::new_local(None),
        }
    }

    /// The body is being read with `reader`.
    pub fn reading_with(&self, reader: ReadableStreamDefaultReader) {
        self.reader.set_value(Some(reader));
    }

    /// `read` bytes are in, of `total` if the server said.
    pub fn downloaded(&self, read: usize, total: Option<usize>) {
        let total = total.filter(|t| *t >= read);
        self.size.set(read.max(total.unwrap_or(0)));
        self.phase.set(Phase::Downloading { read, total });
    }

    /// The download is over: `bytes` in all.
    pub fn downloaded_all(&self, bytes: usize) {
        self.reader.set_value(None);
        self.size.set(bytes);
    }

    /// `done` of `total` features are checked.
    pub fn checked(&self, done: usize, total: usize) {
        self.phase.set(Phase::Checking { done, total });
    }

    /// The load is over, whichever way.
    pub fn ended(&self) {
        self.reader.set_value(None);
        self.phase.set(Phase::Ended);
    }

    /// Whether Cancel was pressed.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get_untracked()
    }

    /// Stops the load: the download at once, the check at its next batch.
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(reader) = self.reader.get_value() {
            // A pending read() then resolves as done, and the loader sees the flag.
            let _ = reader.cancel();
        }
        self.phase.set(Phase::Ended);
    }

    fn shown(&self) -> bool {
        self.delayed.get()
            && self.size.get() >= BAR_MIN_BYTES
            && !matches!(self.phase.get(), Phase::Waiting | Phase::Ended)
    }
}

/// The bar, its text and Cancel, while a large file loads.
#[component]
pub fn LoadProgressBar(progress: LoadProgress) -> impl IntoView {
    let lang = use_atlas_state().lang();
    let text = move || match progress.phase.get() {
        Phase::Downloading { read, total } => i18n::downloading(lang.get(), read, total),
        Phase::Checking { done, total } => i18n::checking_sites(lang.get(), done, total),
        Phase::Waiting | Phase::Ended => String::new(),
    };
    // An unknown total leaves the bar indeterminate (no value).
    let max = move || match progress.phase.get() {
        Phase::Downloading { total, .. } => total.map(|t| t.max(1) as f64),
        Phase::Checking { total, .. } => Some(total.max(1) as f64),
        _ => None,
    };
    let value = move || match progress.phase.get() {
        Phase::Downloading { read, total } => total.map(|_| read as f64),
        Phase::Checking { done, .. } => Some(done as f64),
        _ => None,
    };
    move || {
        progress.shown().then(|| {
            view! {
                <div class="load-progress">
                    <progress
                        aria-label=move || t(lang.get(), Ui::LoadingDataset)
                        aria-valuetext=text
                        max=max
                        value=value
                    ></progress>
                    <span class="load-progress-text">{text}</span>
                    <button type="button" on:click=move |_| progress.cancel()>
                        {move || t(lang.get(), Ui::CancelLoading)}
                    </button>
                </div>
            }
        })
    }
}

/// What the page says after Cancel: nothing is shown, and how to start again.
#[component]
pub fn LoadCancelled() -> impl IntoView {
    let lang = use_atlas_state().lang();
    // Loads the page again in the language the visitor chose since: the
    // URL is written only once a dataset shows, so it may still name another.
    let reload = move |_| {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let again = location
            .href()
            .ok()
            .and_then(|href| web_sys::Url::new(&href).ok());
        match again {
            Some(url) => {
                url.search_params().set("lang", lang.get_untracked().code());
                let _ = location.set_href(&url.href());
            }
            None => {
                let _ = location.reload();
            }
        }
    };
    view! {
        <div role="alert" class="alert">
            {move || t(lang.get(), Ui::LoadCancelled)}
            " "
            <button type="button" on:click=reload>{move || t(lang.get(), Ui::Reload)}</button>
        </div>
    }
}
