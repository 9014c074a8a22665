//! Site markers (HTML buttons over the SVG, so they are real, focusable,
//! touch-sized controls) and the circles that show uncertain positions.

use std::collections::HashMap;

use atlas_core::Atlas;
use leptos::prelude::*;

use crate::state::use_atlas_state;

/// Sites at the same point are fanned out on a circle this wide (CSS px), so each stays clickable.
const FAN_RADIUS: f64 = 14.0;
/// Uncertainty circles smaller than this on screen would only be noise.
const MIN_VISIBLE_RADIUS: f64 = 8.0;

/// One button per located site.
#[component]
pub fn Markers() -> impl IntoView {
    let state = use_atlas_state();
    let lang = state.lang;
    move || {
        state.atlas.get().map(|loaded| {
            let atlas = &loaded.loaded.atlas;
            let offsets = fan_offsets(atlas);
            atlas
                .sites
                .iter()
                .enumerate()
                .filter_map(|(i, site)| {
                    let world = site.position?.to_world();
                    let (ox, oy) = offsets.get(&i).copied().unwrap_or((0.0, 0.0));
                    let name = site.name.clone();
                    let label = name.clone();
                    let class = format!("marker cat-{}", category_class(site.category.name()));
                    let style = move || {
                        state.viewport.with(|v| match v {
                            Some(v) => {
                                let p = v.to_screen(world);
                                format!("transform: translate({:.1}px, {:.1}px)", p.x + ox, p.y + oy)
                            }
                            None => "visibility: hidden".to_owned(),
                        })
                    };
                    let selected = move || state.selected.get() == Some(i);
                    Some(view! {
                        <button
                            class=class
                            class:selected=selected
                            aria-pressed=move || selected().to_string()
                            aria-label=move || name.get(lang.get()).to_owned()
                            style=style
                            on:click=move |_| state.select(Some(i))
                        >
                            <span class="marker-dot" aria-hidden="true"></span>
                            <span class="marker-label" aria-hidden="true">{move || label.get(lang.get()).to_owned()}</span>
                        </button>
                    })
                })
                .collect_view()
        })
    }
}

/// Circles of the stated position uncertainty (`location.precision_m`), once visible.
#[component]
pub fn UncertaintyCircles() -> impl IntoView {
    let state = use_atlas_state();
    move || {
        let loaded = state.atlas.get()?;
        let circles: Vec<_> = loaded
            .loaded
            .atlas
            .sites
            .iter()
            .enumerate()
            .filter_map(|(i, site)| {
                Some((
                    i,
                    site.position?,
                    site.location.precision_m?,
                    site.location.approximate,
                ))
            })
            .map(|(i, position, metres, approximate)| {
                let world = position.to_world();
                let geometry = move || {
                    state.viewport.with(|v| {
                        let v = v.as_ref()?;
                        let r = metres / v.metres_per_pixel(position.lat);
                        let p = v.to_screen(world);
                        (r >= MIN_VISIBLE_RADIUS).then_some((p.x, p.y, r))
                    })
                };
                view! {
                    <circle
                        class="uncertainty"
                        class:approximate=approximate
                        class:selected=move || state.selected.get() == Some(i)
                        cx=move || geometry().map_or(0.0, |g| g.0)
                        cy=move || geometry().map_or(0.0, |g| g.1)
                        r=move || geometry().map_or(0.0, |g| g.2)
                    />
                }
            })
            .collect();
        Some(circles)
    }
}

/// The name of a category as a CSS class suffix (unknown names become "other").
pub fn category_class(name: &str) -> &str {
    if atlas_core::Category::KNOWN.contains(&name) {
        name
    } else {
        "other"
    }
}

/// Screen offsets for sites that share a position: a small circle around it.
fn fan_offsets(atlas: &Atlas) -> HashMap<usize, (f64, f64)> {
    let mut groups: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
    for (i, site) in atlas.sites.iter().enumerate() {
        if let Some(p) = site.position {
            groups
                .entry((p.lon.to_bits(), p.lat.to_bits()))
                .or_default()
                .push(i);
        }
    }
    groups
        .into_values()
        .filter(|g| g.len() > 1)
        .flat_map(|group| {
            let n = group.len() as f64;
            group.into_iter().enumerate().map(move |(k, site)| {
                let angle = std::f64::consts::TAU * k as f64 / n - std::f64::consts::FRAC_PI_2;
                (site, (FAN_RADIUS * angle.cos(), FAN_RADIUS * angle.sin()))
            })
        })
        .collect()
}
