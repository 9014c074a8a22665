//! Curators preview a file from their own computer: an "Open file" button in
//! the header and a file dropped anywhere on the page both hand it to the
//! loader that reads `?data=` (src/load.rs), so the sites, problems and
//! alerts are exactly those visitors would get, without a server.
//!
//! Nothing leaves the machine: the bytes come from the File API, are never
//! fetched or sent, and never reach the URL or the service worker. The header
//! says "Local preview: NAME" while the preview shows; a reload brings back
//! the served dataset. A kiosk (an unattended public screen) offers neither
//! the button nor the drop.

mod button;
mod drop;
mod read;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::File;

use crate::paint::after_next_paint;
use crate::problems::LoadOutcome;
use crate::state::AtlasState;

pub use button::{OpenFileButton, PreviewNote};
pub use drop::FileDrop;

/// What the button and the drop hand a chosen file to; `Copy`, so every view
/// can hold it.
#[derive(Clone, Copy)]
pub struct FileOpener {
    state: AtlasState,
    outcome: RwSignal<LoadOutcome>,
    /// The served dataset's path: a local file's basemap layers resolve against it.
    served_path: StoredValue<String>,
    /// Files chosen so far: a file that finishes loading after a later one
    /// was chosen is dropped.
    chosen: StoredValue<u32>,
}

impl FileOpener {
    /// An opener that installs previews in `state` and reports them (or why
    /// they failed) through `outcome`, as the served dataset's load does.
    pub fn new(state: AtlasState, outcome: RwSignal<LoadOutcome>, served_path: String) -> Self {
        FileOpener {
            state,
            outcome,
            served_path: StoredValue::new(served_path),
            chosen: StoredValue::new(0),
        }
    }

    /// Whether the curator has chosen a file in this tab: the served dataset,
    /// if it arrives after that, must not replace the preview.
    pub fn has_chosen(self) -> bool {
        self.chosen.get_value() > 0
    }

    /// Whether the page takes files now: a kiosk never does (tracked).
    pub fn is_offered(self) -> bool {
        !self.state.is_kiosk()
    }

    /// [`Self::is_offered`] without tracking, for event handlers.
    pub fn is_offered_untracked(self) -> bool {
        untrack(|| self.is_offered())
    }

    /// Reads `file` and shows it in place of the dataset shown; a file that
    /// cannot be shown leaves the dataset shown as it is, under an alert
    /// naming the file.
    pub fn open(self, file: File) {
        let ticket = self.chosen.get_value() + 1;
        self.chosen.set_value(ticket);
        let (state, outcome) = (self.state, self.outcome);
        let served_path = self.served_path.get_value();
        spawn_local(async move {
            let name = file.name();
            let result = read::read_local_file(&file, &served_path).await;
            if self.chosen.get_value() != ticket {
                return;
            }
            match result {
                Ok((loaded, basemap)) => {
                    // The old dataset leaves the page first, for a frame: views
                    // key their elements on site numbers, and none of the old
                    // sites' elements may be reused for another site with the
                    // same number. The map then fits the preview as at the start.
                    state.close_dataset();
                    after_next_paint().await;
                    if self.chosen.get_value() != ticket {
                        return;
                    }
                    state.show_local_preview(loaded.clone());
                    outcome.set(Some(Ok(loaded.clone())));
                    // As for the served dataset: the sites' first frame before the basemap.
                    after_next_paint().await;
                    let basemap = Arc::new(basemap.arrive().await);
                    if self.chosen.get_value() == ticket {
                        state.show_basemap(basemap);
                    }
                }
                Err(error) => outcome.set(Some(Err((name, error)))),
            }
        });
    }
}
