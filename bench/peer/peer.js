// Leaflet + markercluster peer for `make bench` (bench/run.mjs). It records
// the same User Timing marks as the app (src/load.rs, src/map/mod.rs), so the
// harness reads both pages the same way:
//   atlas:fetched    the dataset's text has arrived
//   atlas:parsed     JSON parsed, one L.marker per site, cluster index built
//   atlas:parse      measure between the two
//   atlas:first-map  the animation frame after the fitted map was drawn
// Leaflet's clusterer needs a map (it clusters per zoom level of the map), so
// the map is created before the markers are added; adding them builds the
// whole cluster tree and the visible clusters' DOM, synchronously
// (chunkedLoading off, as the app does its work in one go too).
'use strict';

(async () => {
  const params = new URLSearchParams(location.search);
  const path = params.get('data') || '/data/suzhou-red-heritage.geojson';
  const url = new URL(path, location.href);
  if (url.origin !== location.origin) throw new Error('peer: data must be same-origin');

  const response = await fetch(url);
  if (!response.ok) throw new Error(`peer: HTTP ${response.status} for ${url}`);
  const text = await response.text();
  performance.mark('atlas:fetched');

  const collection = JSON.parse(text);
  const markers = [];
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (!geometry || geometry.type !== 'Point') continue;
    const [lon, lat] = geometry.coordinates;
    const name = feature.properties?.name;
    const title = typeof name === 'string' ? name : name?.en || name?.zh || '';
    markers.push(L.marker([lat, lon], { title, keyboard: true }));
  }
  const bounds = L.latLngBounds(markers.map((m) => m.getLatLng()));

  // markercluster needs the map's zoom range (a tile layer would set it); the
  // app's own range is atlas-core's MIN_ZOOM..MAX_ZOOM.
  const map = L.map('map', { minZoom: 3, maxZoom: 18 });
  map.fitBounds(bounds, { padding: [48, 48], maxZoom: 14 });
  const clusters = L.markerClusterGroup({ chunkedLoading: false });
  map.addLayer(clusters);
  clusters.addLayers(markers);
  performance.mark('atlas:parsed');
  performance.measure('atlas:parse', 'atlas:fetched', 'atlas:parsed');

  // The fitted view with its clusters is in the DOM; it shows on the next frame.
  requestAnimationFrame(() => performance.mark('atlas:first-map'));
  window.peerMap = map;
})().catch((e) => {
  console.error(e);
  document.body.dataset.error = String(e);
});
