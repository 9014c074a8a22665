//! The header's part of a local preview: the "Open file" button (a file
//! input behind it) and the note that says a preview is showing.

use leptos::html::Input;
use leptos::prelude::*;

use super::FileOpener;
use crate::i18n::{self, t, Ui};
use crate::state::use_atlas_state;

/// What the file chooser offers: the kinds atlas_core::file_kind reads.
const ACCEPT: &str = ".geojson,.json,.csv,application/geo+json,application/json,text/csv";

/// "Open file" / "打开文件": opens the system's file chooser. Absent in a
/// kiosk: an unattended public screen is not a place to load files.
#[component]
pub fn OpenFileButton(opener: FileOpener) -> impl IntoView {
    let lang = use_atlas_state().lang();
    let input = NodeRef::<Input>::new();
    move || {
        opener.is_offered().then(|| {
            view! {
                <button class="open-file" on:click=move |_| {
                    if let Some(input) = input.get_untracked() {
                        input.click();
                    }
                }>
                    <span class="open-file-icon" aria-hidden="true"></span>
                    <span class="open-file-label">{move || t(lang.get(), Ui::OpenFile)}</span>
                </button>
                // The button is its face: the input itself never shows or takes focus.
                <input type="file" class="open-file-input" hidden accept=ACCEPT tabindex="-1" node_ref=input
                    on:change:target=move |ev| {
                        let input = ev.target();
                        if let Some(file) = input.files().and_then(|files| files.get(0)) {
                            opener.open(file);
                        }
                        // Choosing the same file again (after editing it) is a change too.
                        input.set_value("");
                    } />
            }
        })
    }
}

/// "Local preview: NAME" / "本地预览：NAME" while a local file shows, with how
/// to leave it; nothing otherwise.
#[component]
pub fn PreviewNote() -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let file = move || {
        state
            .with_dataset(|d| d.is_local_preview().then(|| d.file.clone()))
            .flatten()
    };
    move || {
        file().map(|file| {
            view! {
                <p class="preview-note">
                    <span class="preview-file">{move || i18n::local_preview(lang.get(), &file)}</span>
                    " "
                    <span class="preview-leave">{move || t(lang.get(), Ui::ReloadToLeave)}</span>
                </p>
            }
        })
    }
}
