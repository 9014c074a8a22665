//! A scale bar in metres or kilometres, true at the map's centre latitude.

use atlas_core::geo::scale_bar;
use atlas_core::Lang;
use leptos::prelude::*;

use crate::state::use_atlas_state;

/// The longest bar the map shows, CSS px.
const MAX_BAR_PX: f64 = 120.0;

/// Scale bar at the bottom left of the map.
#[component]
pub fn ScaleBar() -> impl IntoView {
    let state = use_atlas_state();
    // A memo of what is drawn (whole pixels), so a pan that leaves the bar as
    // it is rebuilds nothing.
    let bar = Memo::new(move |_| {
        state.viewport().with(|v| {
            let v = v.as_ref()?;
            let lat = v.center.to_lon_lat().lat;
            let (metres, px) = scale_bar(v.metres_per_pixel(lat), MAX_BAR_PX);
            (metres > 0.0).then_some((metres, px.round()))
        })
    });
    move || {
        bar.get().map(|(metres, px)| {
            let label = distance_label(metres, state.lang().get());
            view! {
                <div class="scale-bar" aria-hidden="true">
                    <span class="scale-bar-line" style:width=format!("{px:.0}px")></span>
                    <span class="scale-bar-label">{label}</span>
                </div>
            }
        })
    }
}

fn distance_label(metres: f64, lang: Lang) -> String {
    match (metres >= 1000.0, lang) {
        (true, Lang::En) => format!("{} km", metres / 1000.0),
        (true, Lang::Zh) => format!("{} 公里", metres / 1000.0),
        (false, Lang::En) => format!("{metres} m"),
        (false, Lang::Zh) => format!("{metres} 米"),
    }
}
