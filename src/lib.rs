//! Heritage Atlas: heritage sites on an offline map linked to a timeline.
//!
//! Data flows one way: fetch ([`load`]) → atlas-core parses and validates →
//! an immutable `Atlas` → signals in [`state`] → views ([`map`], [`timeline`],
//! [`panel`]). Views never parse; every visitor-facing string comes from [`i18n`].

mod app;
mod dataset;
mod dom;
mod hand_off;
pub mod i18n;
mod keyboard;
mod kiosk;
mod load;
mod map;
mod motion;
pub mod offline;
mod open_file;
mod paint;
mod panel;
mod perf;
mod problems;
mod progress;
mod site_list;
pub mod state;
mod timeline;
mod tour;
mod url;

pub use app::App;
