//! Fetching a dataset and its basemap at run time, so curators swap files
//! without rebuilding. Parsing is atlas-core's; this module only moves bytes.
//!
//! Nothing here waits for anything it does not need: the dataset's request
//! goes out the moment [`load_atlas`] is called (and index.html preloads the
//! default one even earlier), the basemap layers' requests go out as soon as
//! the dataset's `atlas` member names them, before its sites are parsed, and
//! the sites are handed over without waiting for the basemap.
//!
//! The dataset's body is read as a stream, so its progress shows, and its
//! features are checked a batch at a time with a turn for the browser
//! between batches ([`atlas_core::LoadJob`]): a 36,000-site file never
//! freezes the page, and Cancel stops either stage ([`crate::progress`]).

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
use atlas_core::{BasemapLayerRef, FatalError, Lang, LoadJob, Loaded, MAX_DATASET_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys;

use crate::dataset::{DatasetOrigin, LoadedAtlas, RegionalBasemap, WorldBasemap};
use crate::i18n;
use crate::motion::now_ms;
use crate::perf;
use crate::progress::LoadProgress;

/// How long one batch of features may hold the main thread before the
/// browser gets a turn: well under the 50 ms of a "long task", and long
/// enough that the turns cost little (docs/performance-loading.md).
const BATCH_MS: f64 = 12.0;
/// Features read between two looks at the clock (a few hundred µs of work).
const FEATURES_PER_CLOCK: usize = 16;

/// Parses and checks the dataset as [`atlas_core::load_bytes`] would, with
/// the same result, but yields to the browser every [`BATCH_MS`] so input,
/// painting and the progress bar keep going.
async fn check_in_batches(
    bytes: &[u8],
    progress: LoadProgress,
    turns: &mut Turns,
) -> Result<Loaded, LoadError> {
    // The scan that finds every feature is one piece (about 60 ms at 36k sites).
    let mut job = LoadJob::from_bytes(bytes).map_err(LoadError::Fatal)?;
    let total = job.total();
    loop {
        turns.between().await;
        if progress.is_cancelled() {
            return Err(LoadError::Cancelled);
        }
        if job.is_done() {
            break;
        }
        let started = now_ms();
        while !job.is_done() && now_ms() - started < BATCH_MS {
            job.step(FEATURES_PER_CLOCK).map_err(LoadError::Fatal)?;
        }
        progress.checked(job.done(), total);
    }
    job.finish().map_err(LoadError::Fatal)
}

/// Gives the browser a turn between pieces of work once a piece has held
/// the main thread for longer than a batch, and not otherwise: a small
/// dataset's load is not slowed by turns it does not need.
struct Turns {
    since: f64,
}

impl Turns {
    fn new() -> Self {
        Turns { since: now_ms() }
    }

    async fn between(&mut self) {
        if now_ms() - self.since >= BATCH_MS {
            yield_to_browser().await;
            self.since = now_ms();
        }
    }
}

/// Gives the browser a turn: a zero-delay timer, which queues behind the
/// tasks already waiting (input, painting, other timers). Repeated, Chromium
/// stretches it to 4 ms, a cost the 12 ms batches keep small. Neither
/// `scheduler.yield()` (its continuation runs ahead of ordinary tasks: timers
/// and the test driver starved until the whole file was read) nor a
/// MessageChannel message (in traces the batches still ran as one task) gave
/// the page its turns here.
async fn yield_to_browser() {
    let turn = js_sys::Promise::new(&mut |resolve, _| {
        let sent = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0));
        if !matches!(sent, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(turn).await;
}

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
    /// The visitor pressed Cancel.
    Cancelled,
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
            LoadError::Cancelled => i18n::t(lang, i18n::Ui::CancelledReason).to_owned(),
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
/// sites once they are parsed, with its basemap still arriving. `progress`
/// hears how far it has got, and can cancel it.
pub fn load_atlas(
    path: String,
    progress: LoadProgress,
) -> impl Future<Output = Result<(Arc<LoadedAtlas>, PendingBasemap), LoadError>> {
    let url = same_origin_url(&path, &page_href());
    // Before the first await, so the request leaves while the page is still being built.
    let request = url.as_deref().map(send_request);
    async move {
        let outcome = async {
            let (Some(url), Some(request)) = (url, request) else {
                return Err(LoadError::NotSameOrigin);
            };
            let bytes = read_body(request?, progress).await?;
            read_dataset(path, DatasetOrigin::Served, bytes, url, progress).await
        }
        .await;
        progress.ended();
        outcome
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
    // Already in memory and read by the curator's own choice: no bar, no Cancel.
    read_dataset(
        name,
        DatasetOrigin::LocalFile,
        bytes,
        base,
        LoadProgress::new(),
    )
    .await
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
    progress: LoadProgress,
) -> impl Future<Output = Result<(Arc<LoadedAtlas>, PendingBasemap), LoadError>> {
    async move {
        // The layers download while the sites are parsed below.
        let early = atlas_core::header::basemap_layers(&bytes);
        let early_requests = request_layers(&early, &url);
        // After the layers' requests, so that `atlas:parse` stays parse + index.
        perf::mark("atlas:fetched");
        let mut turns = Turns::new();
        let loaded = check_in_batches(&bytes, progress, &mut turns).await?;
        drop(bytes);
        // Then two more pieces of one task each (well under a millisecond for
        // Suzhou; 20 to 200 ms at 36k sites, the cluster index the longest).
        turns.between().await;
        let points = atlas_core::map_items::located_points(&loaded.atlas.sites);
        let bounds = loaded.atlas.bounds();
        let first_view = atlas_core::first_view::first_view(&loaded.atlas.sites).map(|v| v.bounds);
        turns.between().await;
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
        // The views are built from it in the same task as whoever receives it
        // (about 0.35 s at 36k sites): not in the same task as the index.
        turns.between().await;
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
        let (response, _) = accepted_response(JsFuture::from(sent?).await)?;
        let buffer = JsFuture::from(response.array_buffer().map_err(network_error)?)
            .await
            .map_err(network_error)?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    })
}

/// A fetch's response if it can be read: a success status, and no declared
/// size over the limit (refused before a byte is read, so a kiosk tab never
/// freezes); with its declared size, if any.
fn accepted_response(
    sent: Result<JsValue, JsValue>,
) -> Result<(web_sys::Response, Option<usize>), LoadError> {
    let response: web_sys::Response = sent.map_err(network_error)?.unchecked_into();
    if !response.ok() {
        return Err(LoadError::Http(response.status()));
    }
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
    Ok((response, declared))
}

/// Sends the dataset's request now: a plain `fetch(url)`, so that it takes
/// over the response of index.html's preload (see [`fetch_bytes`]).
fn send_request(url: &str) -> Result<JsFuture, LoadError> {
    let window = web_sys::window().ok_or_else(|| LoadError::Network("no window".into()))?;
    Ok(JsFuture::from(window.fetch_with_str(url)))
}

/// Reads the response's body chunk by chunk into one buffer (one copy per
/// chunk into wasm memory, as `arrayBuffer()` gave in one), telling
/// `progress` the bytes read of Content-Length, and refusing a file over
/// the size limit as soon as it is known to be one.
async fn read_body(request: JsFuture, progress: LoadProgress) -> Result<Vec<u8>, LoadError> {
    let (response, declared) = accepted_response(request.await)?;
    let Some(body) = response.body() else {
        return Ok(Vec::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    progress.reading_with(reader.clone());
    if progress.is_cancelled() {
        let _ = reader.cancel();
        return Err(LoadError::Cancelled);
    }
    progress.downloaded(0, declared);
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0));
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(network_error)?;
        if progress.is_cancelled() {
            return Err(LoadError::Cancelled);
        }
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &"value".into())
            .map_err(network_error)?
            .unchecked_into();
        let start = bytes.len();
        let end = start + value.length() as usize;
        if end > MAX_DATASET_BYTES {
            let _ = reader.cancel();
            return Err(LoadError::Fatal(FatalError::TooLarge {
                bytes: end,
                limit: MAX_DATASET_BYTES,
            }));
        }
        bytes.resize(end, 0);
        value.copy_to(&mut bytes[start..]);
        progress.downloaded(end, declared);
    }
    progress.downloaded_all(bytes.len());
    Ok(bytes)
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
