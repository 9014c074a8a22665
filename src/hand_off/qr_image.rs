//! A QR code drawn as SVG elements from atlas-core's [`QrSymbol`]: a light
//! square and one dark path, never markup parsed from a string.

use atlas_core::qr::QrSymbol;
use leptos::prelude::*;

use crate::i18n::{t, Ui};
use crate::state::use_atlas_state;

/// The QR code of `text`, as an image named "QR code of the link"; a note instead when the
/// text is too long for any QR code.
#[component]
pub fn QrImage(
    /// What the code holds (a link).
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let lang = use_atlas_state().lang();
    move || match QrSymbol::encode(&text.get()) {
        Ok(symbol) => {
            let size = symbol.view_size();
            view! {
                <svg
                    class="qr-code"
                    role="img"
                    aria-label=move || t(lang.get(), Ui::QrCode)
                    viewBox=format!("0 0 {size} {size}")
                    shape-rendering="crispEdges"
                >
                    // The quiet zone must be light whatever the page behind it is.
                    <rect width=size height=size fill="#fff" />
                    <path d=symbol.path_d() fill="#000" />
                </svg>
            }
            .into_any()
        }
        Err(_) => {
            view! { <p class="qr-too-long">{move || t(lang.get(), Ui::QrTooLong)}</p> }.into_any()
        }
    }
}
