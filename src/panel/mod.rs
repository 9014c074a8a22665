//! The detail panel: everything known about the selected site, with its sources.

mod sheet;

use atlas_core::link::Link;
use atlas_core::sheet::SheetStop;
use atlas_core::{Lang, Site};
use leptos::html::{Button, Section};
use leptos::prelude::*;

use crate::i18n::{self, t, Ui};
use crate::state::use_atlas_state;

/// The selected site's details, or the dataset's introduction when none is selected.
#[component]
pub fn DetailPanel() -> impl IntoView {
    let state = use_atlas_state();
    move || {
        let loaded = state.dataset()?;
        let view = match state
            .selected()
            .get()
            .and_then(|i| loaded.loaded.atlas.sites.get(i).cloned())
        {
            Some(site) => view! { <SiteDetails site /> }.into_any(),
            None => {
                let settings = loaded.loaded.atlas.settings.clone();
                let lang = state.lang();
                // The prompt points to where the sites actually are.
                let sites = &loaded.loaded.atlas.sites;
                let prompt = match (
                    sites.iter().any(|s| s.position.is_some()),
                    sites.iter().any(|s| !s.is_undated()),
                ) {
                    // An empty export has no list to choose from either.
                    _ if sites.is_empty() => Ui::NoSites,
                    (true, true) => Ui::PickASite,
                    (true, false) => Ui::PickOnMap,
                    (false, _) => Ui::PickFromList,
                };
                view! {
                    // Focusable so a keyboard can scroll it when the introduction is longer than its column (kiosk, phones: axe scrollable-region-focusable).
                    <section class="panel intro" aria-labelledby="panel-title" tabindex="0">
                        <h2 id="panel-title">{move || settings.title.get(lang.get()).to_owned()}</h2>
                        <p>{move || settings.description.get(lang.get()).to_owned()}</p>
                        <p class="hint">{move || t(lang.get(), prompt)}</p>
                    </section>
                }
                .into_any()
            }
        };
        Some(view)
    }
}

#[component]
fn SiteDetails(site: Site) -> impl IntoView {
    let state = use_atlas_state();
    let list = crate::site_list::use_site_list_ui();
    let lang = state.lang();
    let s = StoredValue::new(site);
    let text = move |f: fn(&Site, Lang) -> String| move || s.with_value(|site| f(site, lang.get()));
    let events = move || {
        s.with_value(|site| {
            site.events
                .iter()
                .map(|e| {
                    let (date, title, body) = (e.date, e.title.clone(), e.text.clone());
                    view! {
                        <li>
                            <span class="event-date">{move || date.format(lang.get())}</span>" "
                            <strong>{move || title.get(lang.get()).to_owned()}</strong>
                            {(!body.is_empty()).then(|| view! { <p>{move || body.get(lang.get()).to_owned()}</p> })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let sources = move || {
        s.with_value(|site| {
            site.sources
                .iter()
                .map(|source| {
                    let title = source.title.clone();
                    // A kiosk has no way back from another site: its sources show as text.
                    // atlas-core refused other addresses when it read the file; reading the
                    // address again here keeps this view safe whatever built the `Site`.
                    let link = source
                        .url
                        .as_deref()
                        .and_then(Link::parse)
                        .filter(|_| !state.is_kiosk());
                    match link {
                        Some(link) => view! { <li><DataLink link title /></li> }.into_any(),
                        None => view! { <li>{title}</li> }.into_any(),
                    }
                })
                .collect_view()
        })
    };
    // A place without a date says so, with what the file wrote instead of one.
    let undated = s.with_value(|site| site.is_undated().then(|| site.date_as_written.clone()));
    let no_date = undated.map(|written| {
        view! {
            <li class="undated">
                {move || t(lang.get(), Ui::NoDate)}
                {written.map(|w| view! { " " {move || i18n::date_as_written(lang.get(), &w.field, &w.text)} })}
            </li>
        }
    });
    // A file from another tool: its own fields, as written, say what the place is.
    let other_fields = s.with_value(|site| site.other_fields.clone());
    let other_count = other_fields.len();
    let other = (other_count > 0).then(|| {
        let rows = other_fields
            .into_iter()
            .map(|(key, value)| view! { <dt>{key}</dt><dd>{value}</dd> })
            .collect_view();
        view! {
            <details class="other-fields">
                <summary>{move || i18n::other_fields(lang.get(), other_count)}</summary>
                <dl>{rows}</dl>
            </details>
        }
    });
    let has_address = s.with_value(|site| !site.address.is_empty());
    let has_sources = s.with_value(|site| !site.sources.is_empty());

    let has_location = s.with_value(|site| !location_text(site, Lang::En).is_empty());
    let has_description = s.with_value(|site| !site.description.is_empty());
    // Images only from the page's own server or https (atlas-core refused the rest);
    // alt text is required by the data contract, so every image is described.
    let media = s.with_value(|site| {
        site.media
            .iter()
            .filter_map(|m| Some((Link::parse(&m.src)?, m)))
            .map(|(src, m)| {
                let (src, alt, caption) = (src.href().to_owned(), m.alt.clone(), m.caption.clone());
                let credit = [m.credit.clone(), m.license.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                view! {
                    <figure class="media">
                        <img src=src alt=move || alt.get(lang.get()).to_owned() loading="lazy" referrerpolicy="no-referrer" />
                        <figcaption>
                            {move || caption.get(lang.get()).to_owned()}
                            {(!credit.is_empty()).then(|| view! { " " <small>{credit.clone()}</small> })}
                        </figcaption>
                    </figure>
                }
            })
            .collect_view()
    });
    // On phones the panel is a bottom sheet that opens peeking (public/sheet.css);
    // it stays a region, as on wider screens, so it is found the same way everywhere.
    let stop = RwSignal::new(SheetStop::Peek);
    let (handle, sheet) = (NodeRef::<Button>::new(), NodeRef::<Section>::new());
    let drag = sheet::use_sheet_drag(handle, sheet, stop, move || list.close_panel(state, false));
    let handle_name = move || {
        let ui = if stop.get().is_expanded() {
            Ui::CollapseDetails
        } else {
            Ui::ExpandDetails
        };
        t(lang.get(), ui)
    };
    view! {
        <section
            class="panel sheet"
            class:sheet-full=move || stop.get().is_expanded()
            class:sheet-dragging=move || drag.shown.get().is_some()
            style:transform=move || {
                drag.shown.get().map(|px| format!("translateY(calc(100% - {px:.1}px))")).unwrap_or_default()
            }
            aria-labelledby="panel-title"
            node_ref=sheet
        >
            <button
                class="sheet-handle"
                node_ref=handle
                aria-label=handle_name
                aria-expanded=move || stop.get().is_expanded().to_string()
            >
                <span class="sheet-grip" aria-hidden="true"></span>
            </button>
            <button class="close" on:click=move |_| list.close_panel(state, false)>{move || t(lang.get(), Ui::Close)}</button>
            <button class="back-to-list" on:click=move |_| list.close_panel(state, true)><span aria-hidden="true">"← "</span>{move || t(lang.get(), Ui::BackToList)}</button>
            <h2 id="panel-title" tabindex="-1" lang=text(|site, l| site.name.shown_lang(l).code().to_owned())>{text(|site, l| site.name.get(l).to_owned())}</h2>
            <p class="category">{text(|site, l| crate::i18n::category_label(l, &site.category))}</p>
            <p class="summary">{text(|site, l| site.summary.get(l).to_owned())}</p>
            <dl>
                {has_address.then(|| view! {
                    <dt>{move || t(lang.get(), Ui::Address)}</dt>
                    <dd>{text(|site, l| site.address.get(l).to_owned())}</dd>
                })}
                {has_location.then(|| view! {
                    <dt>{move || t(lang.get(), Ui::Location)}</dt>
                    <dd>{text(location_text)}</dd>
                })}
            </dl>
            {has_description.then(|| view! { <p class="description">{text(|site, l| site.description.get(l).to_owned())}</p> })}
            {media}
            <h3>{move || t(lang.get(), Ui::Events)}</h3>
            <ol class="panel-events">{no_date}{events}</ol>
            {other}
            {has_sources.then(|| view! {
                <h3>{move || t(lang.get(), Ui::Sources)}</h3>
                <ul class="sources">{sources}</ul>
            })}
        </section>
    }
}

/// "Approximate location. Accurate to about ±1500 m. The point is …".
fn location_text(site: &Site, lang: Lang) -> String {
    let mut parts = Vec::new();
    let note = site.location.note.get(lang);
    // A curator's note on an unlocated site already says so, in better words.
    if site.position.is_none() && note.is_empty() {
        parts.push(t(lang, Ui::NotLocated).to_owned());
    } else if site.location.approximate {
        parts.push(t(lang, Ui::Approximate).to_owned());
    }
    if let Some(m) = site.location.precision_m {
        parts.push(i18n::precision(lang, m));
    }
    if !note.is_empty() {
        parts.push(note.to_owned());
    }
    // Each part is a sentence of its own; Chinese sentences need no space between them.
    parts.join(if lang == Lang::Zh { "" } else { " " })
}

/// A link from data: it opens in a new tab that learns nothing of this page
/// (`noopener noreferrer`), and says where it leads, the host in sight and in
/// its accessible name, so a title cannot pretend to be another site.
#[component]
fn DataLink(link: Link, title: String) -> impl IntoView {
    let lang = use_atlas_state().lang();
    let host = link.host().map(str::to_owned);
    view! {
        <a href=link.href().to_owned() target="_blank" rel="noopener noreferrer">
            {title}
            " "
            <span class="link-host">{move || i18n::link_destination(lang.get(), host.as_deref())}</span>
            " "
            <span class="visually-hidden">{move || t(lang.get(), Ui::OpensInNewTab)}</span>
        </a>
    }
}
