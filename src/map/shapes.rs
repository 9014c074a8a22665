//! Routes and areas: sites whose geometry is more than a point draw their
//! lines and polygons under the markers. The marker (at the route's middle or
//! inside the area) stays the accessible control; the shape is a wider target
//! for the mouse and the finger, and shows where the site really lies.

use atlas_core::basemap::{BasemapShape, Frame};
use atlas_core::{Shape, WorldPoint};
use leptos::prelude::*;

use crate::map::category_class;
use crate::state::use_atlas_state;

/// The shapes of every route and area site, under the markers.
#[component]
pub fn SiteShapes() -> impl IntoView {
    let state = use_atlas_state();
    move || {
        let loaded = state.dataset()?;
        let atlas = &loaded.loaded.atlas;
        // A frame near the data keeps path numbers small enough for SVG's single precision.
        let origin = loaded
            .bounds
            .map_or(WorldPoint { x: 0.5, y: 0.5 }, |b| b.min.to_world());
        let frame = Frame::at(origin);
        let groups: Vec<_> = atlas
            .sites
            .iter()
            .enumerate()
            .filter_map(|(i, site)| Some((i, site, site.shape.as_ref()?)))
            .map(|(i, site, shape)| {
                let class = format!("site-shape {}", category_class(&loaded, &site.category));
                let admitted = {
                    let site = site.clone();
                    move || state.time().with(|t| t.admits(&site))
                };
                let emphasised =
                    move || state.selected().get() == Some(i) || state.hovered().get() == Some(i);
                let paths: Vec<_> = drawable_parts(shape)
                    .into_iter()
                    .map(|(kind, part)| {
                        view! {
                            <path
                                class=kind
                                d=frame.path_data(&part)
                                class:emphasised=emphasised
                            />
                        }
                    })
                    .collect();
                view! {
                    <g
                        class=class
                        class:selected=move || state.selected().get() == Some(i)
                        style:display=move || if admitted() { "inline" } else { "none" }
                        on:click=move |_| state.select(Some(i))
                        on:pointerenter=move |_| state.hover(Some(i))
                        on:pointerleave=move |_| state.hover(None)
                    >
                        {paths}
                    </g>
                }
            })
            .collect();
        let transform = move || {
            state
                .viewport()
                .with(|v| v.map(|v| frame.transform(&v)).unwrap_or_default())
        };
        Some(view! { <g class="site-shapes" transform=transform>{groups}</g> })
    }
}

/// The shape's parts in world coordinates, each with its CSS class: areas
/// (all rings of a polygon in one path, so holes stay holes), lines, and
/// single points (a zero-length line, drawn as a round dot).
fn drawable_parts(shape: &Shape) -> Vec<(&'static str, BasemapShape)> {
    let world = |ring: &Vec<atlas_core::LonLat>| -> Vec<WorldPoint> {
        ring.iter().map(|p| p.to_world()).collect()
    };
    let areas = shape.areas.iter().map(|rings| {
        (
            "area",
            BasemapShape {
                filled: true,
                parts: rings.iter().map(world).collect(),
                name: Default::default(),
            },
        )
    });
    let lines = shape.lines.iter().map(|line| {
        (
            "line",
            BasemapShape {
                filled: false,
                parts: vec![world(line)],
                name: Default::default(),
            },
        )
    });
    let points = shape.points.iter().map(|p| {
        (
            "point",
            BasemapShape {
                filled: false,
                parts: vec![vec![p.to_world(), p.to_world()]],
                name: Default::default(),
            },
        )
    });
    areas.chain(lines).chain(points).collect()
}
