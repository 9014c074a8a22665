//! Folding a problems alert to its summary line once it has been read, and
//! remembering that for the file in this tab, so a curator who reloads the
//! same file is not shown the same long list again.

use atlas_core::Lang;
use leptos::ev::KeyboardEvent;
use leptos::html::Button;
use leptos::prelude::*;

use crate::i18n::{t, Ui};

/// One alert's folding: whether it is folded, whether its lead still
/// announces itself, and the button that folds it.
#[derive(Clone, Copy)]
pub(super) struct Fold {
    folded: RwSignal<bool>,
    announce: RwSignal<bool>,
    toggle: NodeRef<Button>,
    key: FoldKey,
}

impl Fold {
    /// Starts folded when this tab folded the same file (same name, same
    /// number of problems) before.
    pub(super) fn new(file: &str, problems: usize) -> Self {
        let key = FoldKey::new(file, problems);
        let folded = key.is_remembered();
        Fold {
            folded: RwSignal::new(folded),
            // Only the first showing announces itself: a file already read and
            // folded in this tab, or an alert folded and opened again, is not news.
            announce: RwSignal::new(!folded),
            toggle: NodeRef::new(),
            key,
        }
    }

    pub(super) fn is_folded(self) -> bool {
        self.folded.get()
    }

    /// The lead's role: an alert only the first time it shows.
    pub(super) fn lead_role(self) -> Option<&'static str> {
        self.announce.get().then_some("alert")
    }

    fn set(self, fold: bool) {
        self.announce.set(false);
        self.folded.set(fold);
        self.key.remember(fold);
    }

    /// Escape inside the open alert folds it and leaves focus on its button.
    pub(super) fn on_keydown(self, ev: KeyboardEvent) {
        if ev.key() == "Escape" && !self.folded.get_untracked() {
            // Taken here, so the tour does not also end on this Escape.
            ev.prevent_default();
            self.set(true);
            if let Some(button) = self.toggle.get_untracked() {
                let _ = button.focus();
            }
        }
    }

    /// "Hide details" / "Show problems".
    pub(super) fn button(self, lang: ReadSignal<Lang>) -> impl IntoView {
        view! {
            <button class="problems-toggle" node_ref=self.toggle
                aria-expanded=move || (!self.folded.get()).to_string()
                on:click=move |_| self.set(!self.folded.get_untracked())>
                {move || t(lang.get(), if self.folded.get() { Ui::ShowProblems } else { Ui::HideProblemDetails })}
            </button>
        }
    }
}

/// Where this tab remembers that a file's problems were folded: the file's
/// name and its number of problems, so a corrected file opens unfolded.
#[derive(Clone, Copy)]
struct FoldKey {
    key: StoredValue<String>,
}

impl FoldKey {
    fn new(file: &str, problems: usize) -> Self {
        FoldKey {
            key: StoredValue::new(format!("atlas.problems-folded:{problems}:{file}")),
        }
    }

    fn is_remembered(self) -> bool {
        let key = self.key.get_value();
        storage()
            .and_then(|s| s.get_item(&key).ok().flatten())
            .is_some()
    }

    fn remember(self, folded: bool) {
        let key = self.key.get_value();
        // Private modes may refuse storage: folding then simply is not remembered.
        if let Some(s) = storage() {
            let _ = if folded {
                s.set_item(&key, "1")
            } else {
                s.remove_item(&key)
            };
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}
