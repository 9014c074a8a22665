//! A loaded dataset as the app holds it: atlas-core's sites and problems plus
//! what the loader worked out once for the map (basemap, clusters, bounds).
//! Its own module so the state can hold one without depending on the loader.

use atlas_core::category_style::CategoryStyles;
use atlas_core::cluster::ClusterIndex;
use atlas_core::geo::Bounds;
use atlas_core::simplify::SimplifiedShapes;
use atlas_core::Loaded;

/// A dataset ready to show, with its basemap.
#[derive(Debug)]
pub struct LoadedAtlas {
    /// The path as the visitor or curator wrote it, for messages.
    pub file: String,
    /// Sites and problems.
    pub loaded: Loaded,
    /// Basemap layers that loaded: (kind, shapes simplified per zoom).
    pub basemap: Vec<(String, SimplifiedShapes)>,
    /// Credit lines of the basemap files.
    pub basemap_credit: Option<String>,
    /// Some basemap layer failed; the map still works without it.
    pub basemap_failed: bool,
    /// The clustering hierarchy over every located site, built once.
    pub clusters: ClusterIndex,
    /// Bounds of every located site, worked out once: fitting, pan limits and
    /// drawing frames all need them, some on every frame.
    pub bounds: Option<Bounds>,
    /// What the map frames when it opens: every located site but a few
    /// far-off ones, which the alert names (atlas-core's `first_view`).
    pub first_view: Option<Bounds>,
    /// The box the basemap layers that loaded cover: beyond it the map needs
    /// the world layer (see atlas_core::world_layer).
    pub regional_extent: Option<Bounds>,
    /// How each category draws, and the legend: worked out once, since every
    /// marker and timeline mark asks.
    pub categories: CategoryStyles,
}

/// The coarse world layer, fetched at most once per page and only when a
/// dataset or the view reaches beyond its regional layers.
#[derive(Debug)]
pub struct WorldBasemap {
    /// (kind, shapes simplified per zoom), in drawing order: land, lakes, rivers.
    pub layers: Vec<(String, SimplifiedShapes)>,
    /// Credit line of the world files.
    pub credit: Option<String>,
}
