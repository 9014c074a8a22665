//! Fetching a dataset and its basemap at run time, so curators swap files
//! without rebuilding. Parsing is atlas-core's; this module only moves bytes.
//!
//! Nothing here waits for anything it does not need: the dataset's request
//! goes out the moment [`load_atlas`] is called (and index.html preloads the
//! default one even earlier), the basemap layers' requests go out as soon as
//! the dataset's `atlas` member names them, before its sites are parsed, and
//! the sites are handed over without waiting for the basemap.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use atlas_core::basemap::{attribution, read_basemap};
use atlas_core::category_style::CategoryStyles;
use atlas_core::cluster::ClusterIndex;
use atlas_core::geo::Bounds;
use atlas_core::simplify::SimplifiedShapes;
use atlas_core::spreadsheet::{import_csv, ImportError};
use atlas_core::world_layer::{extent_of, WORLD_LAYERS, WORLD_ZOOMS};
use atlas_core::{BasemapLayerRef, FatalError, Lang, MAX_DATASET_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys;

use crate::dataset::{DatasetOrigin, LoadedAtlas, RegionalBasemap, WorldBasemap};
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
    /// A file the curator opened is of no kind the app reads (by its name).
    UnsupportedFile,
    /// A file the curator opened could not be read (the browser's reason).
    Unreadable(String),
    /// A spreadsheet (CSV) the curator opened is not one the import reads.
    Sheet(ImportError),
}

impl LoadError {
    /// The reason, in the visitor's language.
    pub fn reason(&self, lang: Lang) -> String {
        match self {
            LoadError::NotSameOrigin => i18n::not_same_origin(lang).to_owned(),
            LoadError::Http(status) => i18n::http_status(lang, *status),
            LoadError::Network(detail) => i18n::network_error(lang, detail),
            LoadError::Fatal(e) => e.message(lang),
            LoadError::UnsupportedFile => i18n::unsupported_file(lang).to_owned(),
            LoadError::Unreadable(detail) => i18n::file_unreadable(lang, detail),
            LoadError::Sheet(e) => e.message(lang),
        }
    }
}

/// The basemap layers of a dataset, requested and on their way.
pub struct PendingBasemap {
    /// Each layer with its response, in the dataset's order (`None`: its
    /// address left the page's origin, so it was never asked for).
    requests: Vec<(BasemapLayerRef, Option<Fetch>)>,
    /// The dataset's own credit line, which wins over the layer files'.
    dataset_credit: Option<String>,
}

/// Requests the dataset at `path` now, and returns the rest of the load: its
/// sites once they are parsed, with its basemap still arriving.
pub fn load_atlas(
    path: String,
) -> impl Future<Output = Result<(Arc<LoadedAtlas>, PendingBasemap), LoadError>> {
    let url = same_origin_url(&path, &page_href());
    // Before the first await, so the request leaves while the page is still being built.
    let request = url.as_deref().map(fetch_bytes);
    async move {
        let (Some(url), Some(request)) = (url, request) else {
            return Err(LoadError::NotSameOrigin);
        };
        let bytes = request.await?;
        read_dataset(path, DatasetOrigin::Served, bytes, url).await
    }
}

/// Loads a file the curator opened in this tab (its bytes, read through the
/// File API: nothing is fetched or sent) exactly as a served dataset loads,
/// so its sites, problems and alerts are the ones visitors would see.
///
/// Its basemap layers, named by relative path, resolve against the page's
/// served dataset (`served_path`): a curator's copy of a served dataset keeps
/// the basemap it will have once it is put beside it.
pub async fn load_local_file(
    name: String,
    bytes: Vec<u8>,
    served_path: &str,
) -> Result<(Arc<LoadedAtlas>, PendingBasemap), LoadError> {
    let base = same_origin_url(served_path, &page_href()).unwrap_or_else(page_href);
    read_dataset(name, DatasetOrigin::LocalFile, bytes, base).await
}

/// Loads a spreadsheet (CSV) the curator opened: atlas-core's import turns
/// its rows into a dataset, which then loads exactly as [`load_local_file`]
/// does; the alert lists the import's and the loader's problems on the
/// sheet's rows and columns, as atlas-check prints them.
pub async fn load_local_sheet(
    name: String,
    bytes: Vec<u8>,
    served_path: &str,
) -> Result<(Arc<LoadedAtlas>, PendingBasemap), LoadError> {
    let sheet = import_csv(&bytes).map_err(LoadError::Sheet)?;
    drop(bytes);
    let geojson = sheet.geojson.clone().into_bytes();
    let (mut atlas, basemap) = load_local_file(name, geojson, served_path).await?;
    let mut placed = sheet.problems.clone();
    placed.extend(
        atlas
            .loaded
            .problems
            .iter()
            .filter_map(|p| sheet.sheet_problem(p)),
    );
    placed.sort_by_key(|p| p.place.row.unwrap_or(usize::MAX));
    // Just made, so not yet shared.
    if let Some(atlas) = Arc::get_mut(&mut atlas) {
        atlas.origin = DatasetOrigin::LocalSheet(placed);
    }
    Ok((atlas, basemap))
}

/// Parses and indexes a dataset's bytes, served or local: one path, so both
/// show the same sites and the same problems. Its basemap layers (relative
/// to `url`) are requested first, so they download while the sites are parsed.
// A future-returning fn rather than an `async fn`: the body keeps the lines
// (and indentation) it had inside `load_atlas`, so changes to it merge.
#[allow(clippy::manual_async_fn)]
fn read_dataset(
    file: String,
    origin: DatasetOrigin,
    bytes: Vec<u8>,
    url: String,
) -> impl Future<Output = Result<(Arc<LoadedAtlas>, PendingBasemap), LoadError>> {
    async move {
        // The layers download while the sites are parsed below.
        let early = atlas_core::header::basemap_layers(&bytes);
        let early_requests = request_layers(&early, &url);
        // After the layers' requests, so that `atlas:parse` stays parse + index.
        perf::mark("atlas:fetched");
        let loaded = atlas_core::load_bytes(&bytes).map_err(LoadError::Fatal)?;
        drop(bytes);
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

        // The early read is a guess (a file may repeat its `atlas` member): the parsed list decides.
        let settings = &loaded.atlas.settings;
        let requests = if settings.basemap == early {
            early_requests
        } else {
            request_layers(&settings.basemap, &url)
        };
        let basemap = PendingBasemap {
            requests,
            dataset_credit: settings.basemap_attribution.clone(),
        };
        let categories = CategoryStyles::of_sites(&loaded.atlas.sites);
        let atlas = Arc::new(LoadedAtlas {
            file,
            origin,
            loaded,
            clusters,
            bounds,
            first_view,
            categories,
        });
        Ok((atlas, basemap))
    }
}

impl PendingBasemap {
    /// Waits for the layers (already requested together, so this waits for
    /// the slowest, not for their sum) and reads them. A layer that fails is
    /// left out and said so; the map works without it.
    pub async fn arrive(self) -> RegionalBasemap {
        let mut basemap = RegionalBasemap::default();
        // The dataset's own credit line wins; otherwise each layer file's.
        let mut credits: Vec<String> = Vec::new();
        for (layer, request) in self.requests {
            let bytes = match request {
                Some(request) => request.await.ok(),
                None => None,
            };
            let text = bytes.as_deref().and_then(|b| utf8_text(b).ok());
            match text.map(|t| (read_basemap(t), attribution(t))) {
                Some((Ok(shapes), credit)) => {
                    if let Some(c) = credit.filter(|c| !credits.contains(c)) {
                        credits.push(c);
                    }
                    basemap.extent = union(basemap.extent, extent_of(&shapes));
                    basemap.layers.push((
                        layer.kind.clone(),
                        SimplifiedShapes::new(&shapes, &BASEMAP_ZOOMS),
                    ));
                    perf::mark(&format!("atlas:basemap-parsed:{}", layer.url));
                }
                _ => basemap.failed = true,
            }
        }
        basemap.credit = self
            .dataset_credit
            .or_else(|| (!credits.is_empty()).then(|| credits.join("; ")));
        basemap
    }
}

/// Fetches the world layer's files (beside the page, not the dataset: every
/// dataset shares them), all at once. Fails whole if one file fails, so the
/// map never draws land without its lakes.
pub async fn load_world_layer() -> Result<WorldBasemap, LoadError> {
    let page = page_href();
    let mut requests = Vec::new();
    for (kind, path) in WORLD_LAYERS {
        let url = same_origin_url(path, &page).ok_or(LoadError::NotSameOrigin)?;
        requests.push((kind, path, fetch_bytes(&url)));
    }
    let mut layers = Vec::new();
    let mut credit = None;
    for (kind, path, request) in requests {
        let bytes = request.await?;
        let text = utf8_text(&bytes).map_err(|e| LoadError::Network(format!("{path}: {e}")))?;
        let shapes = read_basemap(text).map_err(|e| LoadError::Network(format!("{path}: {e}")))?;
        credit = credit.or_else(|| attribution(text));
        layers.push((
            kind.to_owned(),
            SimplifiedShapes::new(&shapes, &WORLD_ZOOMS),
        ));
    }
    Ok(WorldBasemap { layers, credit })
}

/// Resolves `path` against the page; `None` when it leaves the page's origin.
/// Lives beside the loader because only the loader may decide what is fetched.
pub fn same_origin_url(path: &str, base: &str) -> Option<String> {
    let url = web_sys::Url::new_with_base(path, base).ok()?;
    let page = web_sys::Url::new(base).ok()?;
    (url.origin() == page.origin()).then(|| url.href())
}

/// A response's bytes, arriving.
type Fetch = Pin<Box<dyn Future<Output = Result<Vec<u8>, LoadError>>>>;

/// Requests every layer now; layer paths are relative to the dataset file, so
/// a dataset folder can move as a whole.
fn request_layers(
    layers: &[BasemapLayerRef],
    dataset_url: &str,
) -> Vec<(BasemapLayerRef, Option<Fetch>)> {
    layers
        .iter()
        .map(|layer| {
            let request = same_origin_url(&layer.url, dataset_url).map(|u| fetch_bytes(&u));
            (layer.clone(), request)
        })
        .collect()
}

/// Sends the request at once and returns its body as bytes: one copy from the
/// browser's buffer into wasm memory, no UTF-8 → UTF-16 → UTF-8 round trip.
///
/// A plain `fetch(url)` (mode cors, credentials same-origin), so that it takes
/// over the response of index.html's `<link rel=preload as=fetch crossorigin>`.
fn fetch_bytes(url: &str) -> Fetch {
    let sent = web_sys::window()
        .ok_or_else(|| LoadError::Network("no window".into()))
        .map(|w| w.fetch_with_str(url));
    Box::pin(async move {
        let response: web_sys::Response = JsFuture::from(sent?)
            .await
            .map_err(network_error)?
            .unchecked_into();
        if !response.ok() {
            return Err(LoadError::Http(response.status()));
        }
        // Refuse huge files before reading them, so a kiosk tab never freezes.
        let declared = response
            .headers()
            .get("content-length")
            .ok()
            .flatten()
            .and_then(|v| v.parse::<usize>().ok());
        if let Some(bytes) = declared.filter(|b| *b > MAX_DATASET_BYTES) {
            return Err(LoadError::Fatal(FatalError::TooLarge {
                bytes,
                limit: MAX_DATASET_BYTES,
            }));
        }
        let buffer = JsFuture::from(response.array_buffer().map_err(network_error)?)
            .await
            .map_err(network_error)?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    })
}

/// What the browser said, as `error.toString()` reads it ("TypeError: Failed to fetch").
fn network_error(error: JsValue) -> LoadError {
    let detail = match error.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.to_string()),
        None => error.as_string().unwrap_or_else(|| format!("{error:?}")),
    };
    LoadError::Network(detail)
}

/// A basemap file's text: UTF-8, a byte order mark skipped (as `Response.text()` would).
fn utf8_text(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

fn page_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

fn union(a: Option<Bounds>, b: Option<Bounds>) -> Option<Bounds> {
    Bounds::around([a, b].into_iter().flatten().flat_map(|b| [b.min, b.max]))
}
