//! Event marks on the strip: one button per event, coloured and shaped by its
//! site's category, stacked or merged by atlas-core so each stays clickable.
//! Only the marks in view are in the DOM.

use atlas_core::mark_labels::{count_label, fold_for_labels};
use atlas_core::mark_layout::{place_marks, PlacedMark};
use leptos::prelude::*;

use super::geometry::use_geometry;
use crate::i18n;
use crate::map::category_class;
use crate::state::use_atlas_state;

/// The marks in view.
#[component]
pub fn Marks() -> impl IntoView {
    let geo = use_geometry();
    let state = use_atlas_state();
    // Sites of the categories the visitor hid have no marks, as they have no markers.
    let shown_sites = Memo::new(move |_| state.shown_by_category());
    let placed = Memo::new(move |_| {
        let v = geo.view.get();
        let scale = v.scale();
        let margin = geo.slot_px / scale;
        geo.chronology.with(|c| {
            // Whole slots beyond each edge are left out, so a merged mark never miscounts on screen.
            let lo = c.us.partition_point(|&u| u < v.u0 - margin);
            let hi = c.us.partition_point(|&u| u <= v.u1 + margin);
            let shown: Vec<usize> = shown_sites.with(|shown| {
                (lo..hi)
                    .filter(|&i| {
                        let site = c.refs[i].site;
                        shown
                            .as_ref()
                            .is_none_or(|s| s.get(site).copied().unwrap_or(true))
                    })
                    .collect()
            });
            // Marks are placed over the shown events; `first` and the last
            // event go back to the chronology's own indexes.
            // Crowded slots widen until their counts fit, so no count runs into another.
            let placed = place_marks(
                shown.iter().enumerate().map(|(k, &i)| (k, c.us[i] * scale)),
                geo.slot_px,
                geo.lanes,
            );
            fold_for_labels(placed, geo.slot_px)
                .into_iter()
                .map(|m| {
                    let last = shown[m.first + m.count - 1];
                    (
                        PlacedMark {
                            first: shown[m.first],
                            ..m
                        },
                        last,
                    )
                })
                .collect::<Vec<_>>()
        })
    });

    // The first frame that shows the marks, for `make bench` (bench/run.mjs reads these names).
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || placed.with(Vec::is_empty) {
            return done.unwrap_or(false);
        }
        request_animation_frame(|| {
            crate::perf::mark("atlas:timeline-drawn");
            crate::perf::measure("atlas:timeline", "atlas:parsed", "atlas:timeline-drawn");
        });
        true
    });

    view! {
        <ol class="marks">
            <For each=move || placed.get() key=|m| *m let:item>
                {let (mark, last) = item;
                if mark.is_merged() { view! { <MergedMark mark last /> }.into_any() } else { view! { <EventMark mark /> }.into_any() }}
            </For>
        </ol>
    }
}

/// The left edge of a mark's slot, in CSS px: it follows the view.
fn slot_left(mark: PlacedMark) -> impl Fn() -> String + Copy {
    let geo = use_geometry();
    move || {
        let left = mark.slot as f64 * geo.slot_px + mark.nudge_px as f64
            - geo.view.with(|v| v.u0 * v.scale());
        format!("{left:.1}px")
    }
}

/// A mark slot's bottom, width and height, in CSS px: fixed for the mark.
/// Set one property at a time (CSSOM): the page's Content Security Policy
/// refuses `style` attributes (docs/security.md).
fn slot_box(mark: PlacedMark) -> (String, String, String) {
    let geo = use_geometry();
    let size = geo.slot_px;
    let width = size * f64::from(mark.span);
    let (bottom, height) = if mark.is_merged() {
        (0.0, size * geo.lanes as f64)
    } else {
        (mark.lane as f64 * size, size)
    };
    (
        format!("{bottom:.1}px"),
        format!("{width}px"),
        format!("{height}px"),
    )
}

#[component]
fn EventMark(mark: PlacedMark) -> impl IntoView {
    let state = use_atlas_state();
    let geo = use_geometry();
    let lang = state.lang();
    let r = geo.chronology.with_untracked(|c| c.refs[mark.first]);
    let Some(loaded) = state.dataset_untracked() else {
        return ().into_any();
    };
    let atlas = &loaded.loaded.atlas;
    let site = &atlas.sites[r.site];
    let event = atlas.event(r);
    let (date, title, site_name) = (event.date, event.title.clone(), site.name.clone());
    // Text only in the other language carries its own `lang`, so it is pronounced right.
    let (title_lang, site_lang) = (title.clone(), site_name.clone());
    let class = format!("mark event {}", category_class(&loaded, &site.category));
    let of_selected = move || state.selected().get() == Some(r.site);
    let of_hovered = move || state.hovered().get() == Some(r.site);
    let inside = move || state.time().with(|f| f.admits_event(&date));
    // A period (502–519, 26–27 April 1949) draws its length as a bar from the mark.
    let is_period = date.end.is_some_and(|end| end != date.start);
    let range_width = move || {
        let width = geo.x_of(date.end_years()) - geo.x_of(date.start_years());
        format!("{:.1}px", width.max(0.0))
    };
    let (bottom, width, height) = slot_box(mark);
    let hover = move |on: bool| {
        if on {
            state.hover(Some(r.site));
        } else if state.hovered().get_untracked() == Some(r.site) {
            state.hover(None);
        }
    };
    view! {
        <li>
            <button
                class=class
                class:of-selected=of_selected
                class:of-hovered=of_hovered
                class:outside=move || !inside()
                class:circa=date.circa
                aria-pressed=move || of_selected().to_string()
                style:left=slot_left(mark)
                style:bottom=bottom
                style:width=width
                style:height=height
                on:click=move |_| state.select(Some(r.site))
                on:pointerenter=move |_| hover(true)
                on:pointerleave=move |_| hover(false)
                on:focus=move |_| hover(true)
                on:blur=move |_| hover(false)
            >
                {is_period.then(|| view! { <span class="mark-range" aria-hidden="true" style:width=range_width></span> })}
                <span class="mark-shape" aria-hidden="true"></span>
                <span class="mark-label">
                    <span class="event-date">{move || date.format(lang.get())}</span>
                    " "
                    <span class="event-title" lang=move || title_lang.shown_lang(lang.get()).code()>{move || title.get(lang.get()).to_owned()}</span>
                    " "
                    <span class="event-site" lang=move || site_lang.shown_lang(lang.get()).code()>{move || site_name.get(lang.get()).to_owned()}</span>
                </span>
            </button>
        </li>
    }
    .into_any()
}

/// `last`: the chronology index of the mark's last event (hidden
/// categories' events may lie between it and `mark.first`).
#[component]
fn MergedMark(mark: PlacedMark, last: usize) -> impl IntoView {
    let state = use_atlas_state();
    let geo = use_geometry();
    let lang = state.lang();
    let (refs, u_first, u_last) = geo.chronology.with_untracked(|c| {
        (
            (c.refs[mark.first], c.refs[last]),
            c.us[mark.first],
            c.us[last],
        )
    });
    let dates =
        state.with_atlas_untracked(|atlas| (atlas.event(refs.0).date, atlas.event(refs.1).date));
    let Some((first_date, last_date)) = dates else {
        return ().into_any();
    };
    let label = move || {
        let l = lang.get();
        i18n::merged_events(l, mark.count, &first_date.format(l), &last_date.format(l))
    };
    let (bottom, width, height) = slot_box(mark);
    view! {
        <li>
            <button
                class="mark merged"
                style:left=slot_left(mark)
                style:bottom=bottom
                style:width=width
                style:height=height
                aria-label=label
                title=label
                on:click=move |_| {
                    let v = geo.view.get_untracked();
                    let closer = v.showing(u_first, u_last);
                    // Events at one instant never spread out: choosing them then opens the first.
                    if closer == v {
                        state.select(Some(refs.0.site));
                    } else {
                        geo.set_view(state, closer);
                    }
                }
            >
                <span aria-hidden="true">{count_label(mark.count)}</span>
            </button>
        </li>
    }
    .into_any()
}
