//! Fetching a dataset and its basemap at run time, so curators swap files
//! without rebuilding. Parsing is atlas-core's; this module only moves bytes.

use std::sync::Arc;

use atlas_core::basemap::{attribution, read_basemap};
use atlas_core::category_style::CategoryStyles;
use atlas_core::cluster::ClusterIndex;
use atlas_core::geo::Bounds;
use atlas_core::simplify::SimplifiedShapes;
use atlas_core::world_layer::{extent_of, WORLD_LAYERS, WORLD_ZOOMS};
use atlas_core::{FatalError, Lang, MAX_DATASET_BYTES};
use gloo_net::http::Request;

use crate::dataset::{LoadedAtlas, WorldBasemap};
use crate::i18n;
use crate::perf;

/// Basemap detail levels: one per integer zoom; past 14 the source data is coarser than a pixel.
const BASEMAP_ZOOMS: [f64; 12] = [
    3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0,
];

/// Why nothing could be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// `?data=` pointed outside the page's origin.
    NotSameOrigin,
    /// The server answered with an error status.
    Http(u16),
    /// The request never completed.
    Network(String),
    /// The bytes are not a dataset.
    Fatal(FatalError),
}

impl LoadError {
    /// The reason, in the visitor's language.
    pub fn reason(&self, lang: Lang) -> String {
        match self {
            LoadError::NotSameOrigin => i18n::not_same_origin(lang).to_owned(),
            LoadError::Http(status) => i18n::http_status(lang, *status),
            LoadError::Network(detail) => i18n::network_error(lang, detail),
            LoadError::Fatal(e) => e.message(lang),
        }
    }
}

/// Fetches and validates the dataset at `path`, then its basemap layers.
pub async fn load_atlas(path: String) -> Result<Arc<LoadedAtlas>, LoadError> {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let url = same_origin_url(&path, &base).ok_or(LoadError::NotSameOrigin)?;
    let text = fetch_text(&url).await?;
    perf::mark("atlas:fetched");
    let loaded = atlas_core::load(&text).map_err(LoadError::Fatal)?;
    let points: Vec<_> = loaded
        .atlas
        .sites
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.position?.to_world())))
        .collect();
    let bounds = loaded.atlas.bounds();
    let first_view = atlas_core::first_view::first_view(&loaded.atlas.sites).map(|v| v.bounds);
    let clusters = ClusterIndex::for_sites(&points);
    perf::mark("atlas:parsed");
    perf::measure("atlas:parse", "atlas:fetched", "atlas:parsed");

    let mut basemap = Vec::new();
    // The dataset's own credit line wins; otherwise each layer file's.
    let mut credits: Vec<String> = Vec::new();
    let mut basemap_failed = false;
    let mut regional_extent = None;
    for layer in &loaded.atlas.settings.basemap {
        // Layer paths are relative to the dataset file, so a dataset folder can move as a whole.
        let layer_url = same_origin_url(&layer.url, &url);
        let fetched = match layer_url {
            Some(u) => fetch_text(&u).await.ok(),
            None => None,
        };
        match fetched
            .as_deref()
            .map(|t| (read_basemap(t), attribution(t)))
        {
            Some((Ok(shapes), credit)) => {
                if let Some(c) = credit.filter(|c| !credits.contains(c)) {
                    credits.push(c);
                }
                regional_extent = union(regional_extent, extent_of(&shapes));
                basemap.push((
                    layer.kind.clone(),
                    SimplifiedShapes::new(&shapes, &BASEMAP_ZOOMS),
                ));
            }
            _ => basemap_failed = true,
        }
    }
    let loaded_credit = loaded.atlas.settings.basemap_attribution.clone();
    let categories = CategoryStyles::of_sites(&loaded.atlas.sites);
    Ok(Arc::new(LoadedAtlas {
        file: path,
        loaded,
        basemap,
        basemap_credit: loaded_credit.or_else(|| (!credits.is_empty()).then(|| credits.join("; "))),
        basemap_failed,
        clusters,
        bounds,
        first_view,
        regional_extent,
        categories,
    }))
}

/// Fetches the world layer's files (beside the page, not the dataset: every
/// dataset shares them). Fails whole if one file fails, so the map never
/// draws land without its lakes.
pub async fn load_world_layer() -> Result<WorldBasemap, LoadError> {
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let mut layers = Vec::new();
    let mut credit = None;
    for (kind, path) in WORLD_LAYERS {
        let url = same_origin_url(path, &page).ok_or(LoadError::NotSameOrigin)?;
        let text = fetch_text(&url).await?;
        let shapes = read_basemap(&text).map_err(|e| LoadError::Network(format!("{path}: {e}")))?;
        credit = credit.or_else(|| attribution(&text));
        layers.push((
            kind.to_owned(),
            SimplifiedShapes::new(&shapes, &WORLD_ZOOMS),
        ));
    }
    Ok(WorldBasemap { layers, credit })
}

fn union(a: Option<Bounds>, b: Option<Bounds>) -> Option<Bounds> {
    Bounds::around([a, b].into_iter().flatten().flat_map(|b| [b.min, b.max]))
}

async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Http(response.status()));
    }
    // Refuse huge files before reading them, so a kiosk tab never freezes.
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|v| v.parse::<usize>().ok());
    if let Some(bytes) = declared.filter(|b| *b > MAX_DATASET_BYTES) {
        return Err(LoadError::Fatal(FatalError::TooLarge {
            bytes,
            limit: MAX_DATASET_BYTES,
        }));
    }
    response
        .text()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))
}

/// Resolves `path` against the page; `None` when it leaves the page's origin.
/// Lives beside the loader because only the loader may decide what is fetched.
pub fn same_origin_url(path: &str, base: &str) -> Option<String> {
    let url = web_sys::Url::new_with_base(path, base).ok()?;
    let page = web_sys::Url::new(base).ok()?;
    (url.origin() == page.origin()).then(|| url.href())
}
