//! Telling curators and visitors what is wrong with a dataset, precisely and
//! without hiding what does work.

use std::sync::Arc;

use atlas_core::Severity;
use leptos::prelude::*;

use crate::dataset::LoadedAtlas;
use crate::i18n::{self, t, Ui};
use crate::load::LoadError;
use crate::state::use_atlas_state;

/// How many problems show before the rest fold away.
const SHOWN: usize = 5;

/// The whole file could not be used.
#[component]
pub fn LoadFailure(file: String, error: LoadError) -> impl IntoView {
    let lang = use_atlas_state().lang();
    view! { <div role="alert" class="alert">{move || i18n::load_failed(lang.get(), &file, &error.reason(lang.get()))}</div> }
}

/// Lists the problems of a dataset that did load; nothing when it is clean.
#[component]
pub fn ProblemsAlert(loaded: Arc<LoadedAtlas>) -> impl IntoView {
    let lang = use_atlas_state().lang();
    let problems = loaded.loaded.problems.clone();
    if problems.is_empty() && !loaded.basemap_failed {
        return ().into_any();
    }
    let skipped: std::collections::BTreeSet<usize> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .filter_map(|p| p.feature)
        .collect();
    let warnings = problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .count();
    let file = loaded.file.clone();
    let basemap_failed = loaded.basemap_failed;
    let has_problems = !problems.is_empty();
    // Severity is said in words, not only by colour: errors keep a site off the map.
    let line = move |p: &atlas_core::Problem| {
        let p = p.clone();
        let (class, label) = if p.severity == Severity::Error {
            ("problem error", Ui::ProblemError)
        } else {
            ("problem warning", Ui::ProblemWarning)
        };
        view! {
            <li class=class>
                <span class="severity">{move || t(lang.get(), label)}</span>
                {move || format!(": {}", p.message(lang.get()))}
            </li>
        }
    };
    let first: Vec<_> = problems.iter().take(SHOWN).map(line).collect();
    let rest: Vec<_> = problems.iter().skip(SHOWN).map(line).collect();
    let rest_count = rest.len();
    view! {
        <div role="alert" class="alert problems">
            {has_problems.then(|| view! {
                <p>
                    <strong>{move || t(lang.get(), Ui::DataProblems)}</strong>" "
                    {move || i18n::problems_summary(lang.get(), &file, skipped.len(), warnings)}
                </p>
                <ul>{first}</ul>
            })}
            {(rest_count > 0).then(|| view! {
                <details>
                    <summary>{move || i18n::and_more(lang.get(), rest_count)}</summary>
                    <ul>{rest}</ul>
                </details>
            })}
            {basemap_failed.then(|| view! { <p>{move || t(lang.get(), Ui::BasemapUnavailable)}</p> })}
        </div>
    }
    .into_any()
}
