//! Pure logic of Heritage Atlas: the dataset model, parsing and validation,
//! historical dates with precision, and Web Mercator geometry.
//!
//! Nothing here touches the DOM, so the app, the curators' command line and
//! plain `cargo test` all share exactly the same behaviour.

pub mod basemap;
pub mod category_filter;
pub mod category_style;
pub mod cluster;
pub mod contract;
pub mod date;
pub mod deep_link;
pub mod file_kind;
pub mod first_view;
pub mod foreign_date;
pub mod gcj02;
pub mod geo;
pub mod gesture;
pub mod hand_off;
pub mod header;
pub mod idle;
pub mod interop;
pub mod kiosk;
mod kiosk_read;
pub mod layer_shift;
pub mod limits;
pub mod link;
pub mod load_job;
mod long_text;
pub mod map_items;
pub mod mark_labels;
pub mod mark_layout;
pub mod model;
pub mod outliers;
pub mod parse;
pub mod playback;
pub mod problem;
pub mod qr;
pub mod quote;
pub mod repeated_key;
pub mod scan;
pub mod shape;
pub mod sheet;
pub mod simplify;
pub mod site_list;
pub mod site_times;
pub mod spreadsheet;
pub mod stream;
pub mod text;
pub mod ticks;
pub mod tiles;
pub mod time;
pub mod time_axis;
pub mod tour;
pub mod tour_player;
mod tour_read;
pub mod triage;
pub mod typo;
pub mod world_layer;

pub use date::{DateError, EventDate, HistDate, Precision};
pub use deep_link::DeepLink;
pub use geo::{LonLat, Viewport, WorldPoint};
pub use kiosk::KioskSettings;
pub use limits::{MAX_DATASET_BYTES, MAX_FEATURES, MAX_NESTING_DEPTH, MAX_TEXT_BYTES};
pub use load_job::LoadJob;
pub use model::{
    Atlas, AtlasSettings, BasemapLayerRef, Category, Event, Location, Media, Site, Source,
};
pub use parse::{load, load_bytes, Loaded};
pub use problem::{Expected, FatalError, Problem, ProblemKind, Severity};
pub use shape::Shape;
pub use text::{Lang, LocalizedText};
pub use time::TimeFilter;
pub use tour::{Chapter, ChapterTime, Tour};
pub use triage::{triage, ProblemGroup};
