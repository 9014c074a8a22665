//! A loaded dataset as the app holds it: atlas-core's sites and problems plus
//! what the loader worked out once for the map (clusters, bounds), and its
//! basemap, which arrives on its own so the sites never wait for it.
//! Its own module so the state can hold one without depending on the loader.

use atlas_core::category_style::CategoryStyles;
use atlas_core::cluster::ClusterIndex;
use atlas_core::geo::Bounds;
use atlas_core::simplify::SimplifiedShapes;
use atlas_core::spreadsheet::SheetProblem;
use atlas_core::Loaded;

/// A dataset ready to show (its basemap follows: [`RegionalBasemap`]).
#[derive(Debug)]
pub struct LoadedAtlas {
    /// The path as the visitor or curator wrote it (a local file: its
    /// name), for messages.
    pub file: String,
    /// Served, or a local file previewed in this tab.
    pub origin: DatasetOrigin,
    /// Sites and problems.
    pub loaded: Loaded,
    /// The clustering hierarchy over every located site, built once.
    pub clusters: ClusterIndex,
    /// Bounds of every located site, worked out once: fitting, pan limits and
    /// drawing frames all need them, some on every frame.
    pub bounds: Option<Bounds>,
    /// What the map frames when it opens: every located site but a few
    /// far-off ones, which the alert names (atlas-core's `first_view`).
    pub first_view: Option<Bounds>,
    /// How each category draws, and the legend: worked out once, since every
    /// marker and timeline mark asks.
    pub categories: CategoryStyles,
}

/// Where a dataset's bytes came from.
#[derive(Clone, Debug, PartialEq)]
pub enum DatasetOrigin {
    /// The page's server (`?data=` or the default dataset).
    Served,
    /// A file opened from this computer (the "Open file" button or a drop):
    /// a preview for its curator. The header says so, and the URL never
    /// carries its sites, which a reload (back to the served dataset) would
    /// look for in the wrong dataset.
    LocalFile,
    /// A spreadsheet (CSV) opened from this computer, with every problem
    /// (the import's and the loader's) placed on its row and column: the
    /// alert lists these, in the sheet's terms, instead of features.
    LocalSheet(Vec<SheetProblem>),
}

impl LoadedAtlas {
    /// Whether this is a curator's local preview rather than the served dataset.
    pub fn is_local_preview(&self) -> bool {
        self.origin != DatasetOrigin::Served
    }

    /// A local spreadsheet's problems on its rows and columns; `None` for GeoJSON.
    pub fn sheet_problems(&self) -> Option<&[SheetProblem]> {
        match &self.origin {
            DatasetOrigin::LocalSheet(problems) => Some(problems),
            _ => None,
        }
    }
}

/// A dataset's own basemap layers (atlas.basemap), which arrive after its
/// sites: the map draws the sites first and these beneath them once read.
#[derive(Debug, Default)]
pub struct RegionalBasemap {
    /// Layers that loaded: (kind, shapes simplified per zoom).
    pub layers: Vec<(String, SimplifiedShapes)>,
    /// The dataset's credit line for them, or else the layer files' own.
    pub credit: Option<String>,
    /// Some layer failed; the map still works without it.
    pub failed: bool,
    /// The box the layers that loaded cover: beyond it the map needs the
    /// world layer (see atlas_core::world_layer).
    pub extent: Option<Bounds>,
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
