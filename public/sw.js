// Heritage Atlas offline worker: a kiosk keeps working when its network or
// its server goes away. The release build registers it (src/offline.rs);
// docs/kiosk.md ("Offline and updates") explains it for whoever runs a kiosk.
//
// Strategy: snapshots, served cache-first.
// - On install the worker copies the whole site as it is at that moment into
//   one cache: the page (index.html), the hashed .js/.wasm/.css it names, the
//   dataset(s) and their basemap layers (and media kept under data/).
// - Every later visit is answered from that snapshot, at once and the same
//   whether the network is up, down or half up: no timeouts at start-up, and
//   code, data and basemap always come from one moment, never a mix.
// - When a page starts (and when the app asks for an update), the worker
//   quietly builds a new snapshot from the server in a second cache. It is
//   kept only if something changed and it is complete: a deployment copied
//   halfway (a missing asset) or a dataset that is not yet valid JSON is
//   thrown away and tried again later.
// - The new snapshot replaces the live one only when the app posts
//   {type: "activate-update"} (at its next idle reset); the worker then posts
//   {type: "update-activated"} back and the app reloads. The same message lets
//   a new version of this file, waiting since its install, take over: the
//   worker never calls skipWaiting on its own, so nothing changes mid-visit.
//
// What it answers: navigations to the page, the files at the top of the site
// (trunk writes every asset there) and everything under data/. Anything else
// (other folders, other hosts such as map tiles) goes to the network as if
// the worker were not there.
'use strict';

/** The snapshot being served. */
const LIVE = 'atlas-live';
/** The next snapshot, built in the background; usable once it holds MARK. */
const STAGED = 'atlas-staged';
/** Written last into a staged snapshot, so a half-built one is never used. */
const MARK = '__atlas-snapshot-complete__';
/** The app's default dataset (src/url.rs, DEFAULT_DATA). */
const DEFAULT_DATASET = 'data/suzhou-red-heritage.geojson';
/**
 * The coarse world layer (atlas_core::world_layer::WORLD_LAYERS), shared by
 * every dataset. The app fetches it only for data beyond the regional layers.
 */
const WORLD_LAYERS = ['data/basemap/world-land.geojson', 'data/basemap/world-lakes.geojson', 'data/basemap/world-rivers.geojson'];
/** trunk serve's live-reload script names this path: the page is a dev build. */
const DEV_SERVER_SIGN = '.well-known/trunk/ws';
/** Page starts closer together than this share one update check. */
const CHECK_INTERVAL_MS = 60_000;

const scope = new URL(self.registration.scope);
const shellUrl = scope.href;
const dataUrl = new URL('data/', scope).href;
const markUrl = new URL(MARK, scope).href;

let lastCheck = 0;
let checking = null;

self.addEventListener('install', (event) => {
  // A first install must succeed whole or not at all: the browser tries again
  // at the next page start.
  event.waitUntil(checkForUpdate({ force: true }));
});

self.addEventListener('activate', (event) => {
  // Reached at once on a first install (nothing to wait for), otherwise only
  // after the app's "activate-update". Taking control at once lets a first
  // visit's later requests (media, another dataset) be kept too.
  event.waitUntil(promote().then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  if (!event.data || event.data.type !== 'activate-update') return;
  event.waitUntil(
    (async () => {
      const promoted = await promote();
      // A newer worker waiting since its install takes over now; in the
      // active worker this does nothing.
      await self.skipWaiting();
      if (promoted) {
        if (event.source) event.source.postMessage({ type: 'update-activated' });
      } else {
        // Nothing ready yet: look now, so the next idle reset finds it.
        await checkForUpdate({ force: true }).catch(() => {});
      }
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);

  if (request.mode === 'navigate') {
    if (path !== '' && path !== 'index.html') return;
    event.respondWith(fromSnapshot(shellUrl, request));
    event.waitUntil(checkForUpdate({ force: false }).catch(() => {}));
    return;
  }
  const topLevel = !path.includes('/');
  if (path === 'sw.js' || !(topLevel || url.href.startsWith(dataUrl))) return;
  event.respondWith(fromSnapshot(url.origin + url.pathname, request));
});

/** The snapshot's copy, else the network (kept if it is data: a dataset opened later). */
async function fromSnapshot(key, request) {
  const live = await caches.open(LIVE);
  const cached = await live.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  // Only whole answers are kept (not a 206 to a range request), and a cache
  // that cannot take one (storage full) never turns a good answer into an error.
  if (response.status === 200 && key.startsWith(dataUrl)) await live.put(key, response.clone()).catch(() => {});
  return response;
}

/**
 * Builds a snapshot from the server and stages it if it differs from the live
 * one (always, on install). Checks never overlap, and page starts within
 * CHECK_INTERVAL_MS of the last check share it.
 */
function checkForUpdate({ force }) {
  if (checking) return checking;
  if (!force && Date.now() - lastCheck < CHECK_INTERVAL_MS) return Promise.resolve();
  // A newer worker is installing or waiting: its snapshot is the staged one.
  if (!force && (self.registration.installing || self.registration.waiting)) return Promise.resolve();
  lastCheck = Date.now();
  checking = stageSnapshot().finally(() => (checking = null));
  return checking;
}

async function stageSnapshot() {
  const files = await fetchSite();
  if (!files) return;
  const live = await caches.open(LIVE);
  const installing = self.registration.active === null || (await live.keys()).length === 0;
  if (!installing && (await sameAs(live, files))) {
    await caches.delete(STAGED);
    return;
  }
  await caches.delete(STAGED);
  const staged = await caches.open(STAGED);
  for (const [url, response] of files) await staged.put(url, response);
  await staged.put(markUrl, new Response(new Date().toISOString()));
}

/**
 * Every file of the site as the server has it now, as url → Response; null
 * when the server is a trunk dev server (the worker then removes itself).
 * Throws when the page or an asset it names cannot be had, or a dataset is
 * not valid JSON: such a site is mid-copy, not a release.
 */
async function fetchSite() {
  const files = new Map();
  let wantWorld = false;
  const page = await fetchFresh(shellUrl);
  const html = await page.text();
  if (html.includes(DEV_SERVER_SIGN)) {
    // A release build was once served from this address, and now a dev
    // server is: stop answering for it, or the old build would hide the new.
    await self.registration.unregister();
    await Promise.all([caches.delete(LIVE), caches.delete(STAGED)]);
    return null;
  }
  // A fresh response, never a redirected one (browsers refuse those for
  // navigations), with the server's headers (a Content-Security-Policy among them).
  files.set(shellUrl, new Response(html, { headers: page.headers }));
  for (const asset of shellAssets(html)) files.set(asset, await fetchFresh(asset));

  for (const dataset of await datasetUrls()) {
    let response;
    try {
      response = await fetchFresh(dataset);
    } catch {
      continue; // a dataset that is gone is not a reason to keep an old deployment
    }
    const atlas = await response.clone().json(); // throws while a curator's copy is half written
    files.set(dataset, response);
    for (const extra of datasetFiles(atlas, dataset)) {
      if (files.has(extra)) continue;
      try {
        files.set(extra, await fetchFresh(extra));
      } catch {
        // The app runs without a basemap layer or an image; so does the snapshot.
      }
    }
    if (await reachesBeyondLayers(atlas, dataset, files)) wantWorld = true;
  }
  // An offline kiosk must have the world layer if its dataset will ask for
  // it, or if a page already did (a view zoomed far out): kept with the rest.
  if (wantWorld || (await worldKept())) {
    for (const url of WORLD_LAYERS.map((path) => new URL(path, scope).href)) {
      try {
        files.set(url, await fetchFresh(url));
      } catch {
        // Like a basemap layer: the map works without it.
      }
    }
  }
  return files;
}

/**
 * Whether some site of `atlas` lies outside the box its basemap layers cover
 * (or it has sites and no layer): the app's rule for fetching the world layer
 * (atlas_core::world_layer::sites_reach_beyond), on every coordinate rather
 * than the site positions, which can only ask for the world a little more often.
 */
async function reachesBeyondLayers(atlas, datasetUrl, files) {
  const sites = boxOf((atlas && atlas.features) || []);
  if (!sites) return false;
  if (atlas.atlas && atlas.atlas.tiles) return false; // tiles are its world picture
  let layers = null;
  for (const url of datasetFiles(atlas, datasetUrl)) {
    if (!url.includes('/basemap/') || !files.has(url)) continue;
    try {
      const box = boxOf(((await files.get(url).clone().json()) || {}).features || []);
      layers = box && layers ? [Math.min(layers[0], box[0]), Math.min(layers[1], box[1]), Math.max(layers[2], box[2]), Math.max(layers[3], box[3])] : box || layers;
    } catch {
      // An unreadable layer covers nothing.
    }
  }
  if (!layers) return true;
  const slack = 1e-9;
  return sites[0] < layers[0] - slack || sites[1] < layers[1] - slack || sites[2] > layers[2] + slack || sites[3] > layers[3] + slack;
}

/** [west, south, east, north] around every position of `features`' geometries; null if none. */
function boxOf(features) {
  let box = null;
  const visit = (c) => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number' && Number.isFinite(c[0]) && Number.isFinite(c[1])) {
      box = box ? [Math.min(box[0], c[0]), Math.min(box[1], c[1]), Math.max(box[2], c[0]), Math.max(box[3], c[1])] : [c[0], c[1], c[0], c[1]];
    } else {
      for (const inner of c) visit(inner);
    }
  };
  for (const feature of Array.isArray(features) ? features : []) {
    const geometry = feature && feature.geometry;
    if (geometry && geometry.type === 'GeometryCollection') {
      for (const g of geometry.geometries || []) visit(g && g.coordinates);
    } else if (geometry) {
      visit(geometry.coordinates);
    }
  }
  return box;
}

/** Whether the live snapshot holds the world layer (a page fetched it). */
async function worldKept() {
  const live = await caches.open(LIVE);
  return Boolean(await live.match(new URL(WORLD_LAYERS[0], scope).href));
}

/** The .js, .wasm and .css files the page names, on our own site. */
function shellAssets(html) {
  const found = new Set();
  const patterns = [/\b(?:href|src)\s*=\s*["']([^"']+)["']/g, /["']([^"'\s]+\.(?:js|wasm|css))["']/g];
  for (const pattern of patterns) {
    for (const [, ref] of html.matchAll(pattern)) {
      const url = ownUrl(ref, shellUrl);
      if (url && /\.(?:js|wasm|css)$/.test(url) && !url.endsWith('/sw.js')) found.add(url);
    }
  }
  return found;
}

/** The default dataset, and the `data=` of every open page, when under data/. */
async function datasetUrls() {
  const urls = new Set([new URL(DEFAULT_DATASET, scope).href]);
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const page of pages) {
    const wanted = new URL(page.url).searchParams.get('data');
    const url = wanted && ownUrl(wanted, page.url);
    if (url && url.startsWith(dataUrl)) urls.add(url);
  }
  return urls;
}

/** A dataset's basemap layers (relative to the dataset) and media (relative to the page) under data/. */
function datasetFiles(atlas, datasetUrl) {
  const urls = [];
  const layers = (atlas && atlas.atlas && atlas.atlas.basemap) || [];
  for (const layer of Array.isArray(layers) ? layers : []) {
    if (layer && typeof layer.url === 'string') urls.push(ownUrl(layer.url, datasetUrl));
  }
  const features = (atlas && atlas.features) || [];
  for (const feature of Array.isArray(features) ? features : []) {
    const media = feature && feature.properties && feature.properties.media;
    for (const item of Array.isArray(media) ? media : []) {
      if (item && typeof item.src === 'string') urls.push(ownUrl(item.src, shellUrl));
    }
  }
  return urls.filter((url) => url && url.startsWith(dataUrl));
}

/** `ref` resolved against `base`, without query or fragment, if it stays on our site. */
function ownUrl(ref, base) {
  let url;
  try {
    url = new URL(ref, base);
  } catch {
    return null;
  }
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  return url.origin + url.pathname;
}

/** The server's current copy (revalidated, so unchanged files cost a 304). */
async function fetchFresh(url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** Whether `files` holds exactly the live snapshot's files, byte for byte. */
async function sameAs(live, files) {
  const keys = (await live.keys()).map((request) => request.url);
  const runtime = (url) => !files.has(url) && url.startsWith(dataUrl);
  // Data kept at run time (a dataset opened later) does not make a difference.
  if (keys.filter((url) => !runtime(url)).length !== files.size) return false;
  for (const [url, response] of files) {
    const kept = await live.match(url);
    if (!kept) return false;
    const [a, b] = await Promise.all([kept.arrayBuffer(), response.clone().arrayBuffer()]);
    if (!sameBytes(new Uint8Array(a), new Uint8Array(b))) return false;
  }
  return true;
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Makes a complete staged snapshot the live one; true if there was one. */
async function promote() {
  if (!(await caches.has(STAGED))) return false;
  const staged = await caches.open(STAGED);
  if (!(await staged.match(markUrl))) return false;
  const live = await caches.open(LIVE);
  const keep = new Set();
  for (const request of await staged.keys()) {
    if (request.url === markUrl) continue;
    keep.add(request.url);
    await live.put(request, await staged.match(request));
  }
  // Files the new snapshot no longer has (old hashed assets) go.
  // Data files stay even if the new snapshot lacks them: a server glitch while
  // it was copied must not take the dataset or basemap off an offline kiosk.
  for (const request of await live.keys()) {
    if (!keep.has(request.url) && !request.url.startsWith(dataUrl)) await live.delete(request);
  }
  await caches.delete(STAGED);
  return true;
}
