//! Telling curators and visitors what is wrong with a dataset, precisely and
//! without hiding what does work.
//!
//! The problems come triaged (atlas_core::triage): errors first, then points
//! far from the rest, then the other warnings by how many features they
//! touch, each group with a headline and two examples. Screen readers hear a
//! short announcement (the summary and the most urgent group), not the whole
//! list; the rest sits in the "Data problems" region. Once read, the alert
//! folds to its summary line and stays folded for that file in this tab.

use std::sync::Arc;

use atlas_core::quote::escape_invisible;
use atlas_core::spreadsheet::SheetProblem;
use atlas_core::{triage, Lang, Problem, ProblemGroup, Severity};
use leptos::prelude::*;

use crate::dataset::LoadedAtlas;
use crate::i18n::{self, t, Ui};
use crate::load::LoadError;
use crate::state::use_atlas_state;

mod fold;
use fold::Fold;

/// What loading the dataset shown came to: `None` while it loads; a failure
/// names the file (the served path, or a local file's name).
pub type LoadOutcome = Option<Result<Arc<LoadedAtlas>, (String, LoadError)>>;

/// The whole file could not be used.
#[component]
pub fn LoadFailure(file: String, error: LoadError) -> impl IntoView {
    let lang = use_atlas_state().lang();
    // The name comes from the page's own link (`?data=`), which anyone can write.
    let file = escape_invisible(&file).into_owned();
    view! { <div role="alert" class="alert">{move || i18n::load_failed(lang.get(), &file, &error.reason(lang.get()))}</div> }
}

/// Lists the problems of a dataset that did load, grouped; nothing when it is clean.
#[component]
pub fn ProblemsAlert(loaded: Arc<LoadedAtlas>) -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang();
    let problems = &loaded.loaded.problems;
    // The basemap arrives after the sites: the line appears when it has failed.
    let basemap_failed = move || state.with_basemap(|b| b.failed).unwrap_or(false);
    if let Some(sheet) = loaded.sheet_problems().filter(|p| !p.is_empty()) {
        return sheet_alert(&loaded.file, sheet, lang).into_any();
    }
    let problems = if loaded.sheet_problems().is_some() {
        &[][..]
    } else {
        problems
    };
    if problems.is_empty() {
        return (move || {
            basemap_failed().then(|| view! { <div role="alert" class="alert">{move || t(lang.get(), Ui::BasemapUnavailable)}</div> })
        })
        .into_any();
    }
    let skipped: std::collections::BTreeSet<usize> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .filter_map(|p| p.feature)
        .collect();
    let skipped = skipped.len();
    let warnings = problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .count();
    let file = loaded.file.clone();
    let fold = Fold::new(&file, problems.len());

    let groups = StoredValue::new(triage(problems));
    // Built again on each unfolding: a folded alert holds no long list in the page.
    let lead = move || {
        groups
            .with_value(|g| g.first().cloned())
            .map(|g| group_view(g, lang))
    };
    let rest = move || {
        groups.with_value(|g| {
            g.iter()
                .skip(1)
                .cloned()
                .map(|g| group_view(g, lang))
                .collect::<Vec<_>>()
        })
    };
    let summary_file = escape_invisible(&file).into_owned();

    view! {
        <section class="alert problems" class:folded=move || fold.is_folded()
            aria-label=move || t(lang.get(), Ui::DataProblems)
            on:keydown=move |ev| fold.on_keydown(ev)>
            {fold.button(lang)}
            <div class="problems-lead" role=move || fold.lead_role()>
                <p class="problems-summary">
                    <strong>{move || t(lang.get(), Ui::DataProblems)}</strong>" "
                    {move || i18n::problems_summary(lang.get(), &summary_file, skipped, warnings)}
                </p>
                {move || (!fold.is_folded()).then(lead)}
                {move || basemap_failed().then(|| view! { <p>{move || t(lang.get(), Ui::BasemapUnavailable)}</p> })}
            </div>
            {move || (!fold.is_folded()).then(rest)}
        </section>
    }
    .into_any()
}

/// A spreadsheet's problems, each on its row and column, in the sheet's
/// order (a curator corrects a sheet from top to bottom), as atlas-check
/// prints them.
fn sheet_alert(file: &str, sheet: &[SheetProblem], lang: ReadSignal<Lang>) -> impl IntoView {
    let errors = sheet
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = sheet.len() - errors;
    let fold = Fold::new(file, sheet.len());
    // A local file's name is the curator's, but shown beside interface text all the same.
    let file = escape_invisible(file).into_owned();
    let lines: Vec<_> = sheet
        .iter()
        .take(LISTED_PER_GROUP)
        .cloned()
        .map(|p| {
            let (class, label) = match p.severity {
                Severity::Error => ("error", Ui::ProblemError),
                Severity::Warning => ("warning", Ui::ProblemWarning),
            };
            view! {
                <li class=class>
                    <span class="severity">{move || t(lang.get(), label)}</span>
                    {move || format!(": {}", p.message(lang.get()))}
                </li>
            }
        })
        .collect();
    let more = sheet.len().saturating_sub(LISTED_PER_GROUP);
    // Hidden rather than rebuilt when folded: the lines were built once above.
    // Focusable: a long list scrolls inside the alert, and the keyboard must reach it.
    view! {
        <section class="alert problems sheet-problems" tabindex="0"
            class:folded=move || fold.is_folded()
            aria-label=move || t(lang.get(), Ui::DataProblems)
            on:keydown=move |ev| fold.on_keydown(ev)>
            {fold.button(lang)}
            <p class="problems-summary" role=move || fold.lead_role()>
                <strong>{move || t(lang.get(), Ui::DataProblems)}</strong>" "
                {move || i18n::sheet_problems_summary(lang.get(), &file, errors, warnings)}
            </p>
            <ul hidden=move || fold.is_folded()>
                {lines}
                {(more > 0).then(|| view! { <li class="more-problems">{move || i18n::more_problems(lang.get(), more)}</li> })}
            </ul>
        </section>
    }
}

/// The most lines one group lists in the page; atlas-check prints them all.
const LISTED_PER_GROUP: usize = 500;

/// One group: its headline, two examples, and all of it behind "all N".
fn group_view(group: ProblemGroup, lang: ReadSignal<Lang>) -> impl IntoView {
    // Severity is said in words, not only by colour: errors keep a site off the map.
    let (class, label) = match group.severity {
        Severity::Error => ("problem-group error", Ui::ProblemError),
        Severity::Warning => ("problem-group warning", Ui::ProblemWarning),
    };
    let count = group.count();
    let examples: Vec<_> = group
        .examples()
        .iter()
        .cloned()
        .map(|p| problem_line(p, lang))
        .collect();
    let all = (count > group.examples().len() && !group.examples().is_empty()).then(|| {
        // A hostile file can hold a million problems of one kind: the page
        // lists the first LISTED_PER_GROUP (built even while folded) and
        // points to atlas-check for the rest, so the tab never freezes.
        let lines: Vec<_> = group
            .problems
            .iter()
            .take(LISTED_PER_GROUP)
            .cloned()
            .map(|p| problem_line(p, lang))
            .collect();
        let more = count.saturating_sub(LISTED_PER_GROUP);
        view! {
            <details>
                <summary>{move || i18n::all_problems(lang.get(), count)}</summary>
                <ul>
                    {lines}
                    {(more > 0).then(|| view! { <li class="more-problems">{move || i18n::more_problems(lang.get(), more)}</li> })}
                </ul>
            </details>
        }
    });
    let group = Arc::new(group);
    view! {
        <div class=class>
            <p class="headline">
                <span class="severity">{move || t(lang.get(), label)}</span>
                {move || format!(": {}", group.headline(lang.get()))}
            </p>
            {(!examples.is_empty()).then(|| view! { <ul>{examples}</ul> })}
            {all}
        </div>
    }
}

fn problem_line(p: Problem, lang: ReadSignal<Lang>) -> impl IntoView {
    view! { <li>{move || p.message(lang.get())}</li> }
}
