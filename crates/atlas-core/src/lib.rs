//! Pure logic of Heritage Atlas: the dataset model, parsing and validation,
//! historical dates with precision, and Web Mercator geometry.
//!
//! Nothing here touches the DOM, so the app, the curators' command line and
//! plain `cargo test` all share exactly the same behaviour.

pub mod basemap;
pub mod date;
pub mod gcj02;
pub mod geo;
pub mod model;
pub mod parse;
pub mod problem;
pub mod text;
pub mod time;

pub use date::{DateError, EventDate, HistDate, Precision};
pub use geo::{LonLat, Viewport, WorldPoint};
pub use model::{Atlas, AtlasSettings, BasemapLayerRef, Category, Event, Location, Site, Source};
pub use parse::{load, Loaded, MAX_DATASET_BYTES};
pub use problem::{FatalError, Problem, ProblemKind, Severity};
pub use text::{Lang, LocalizedText};
pub use time::TimeFilter;
