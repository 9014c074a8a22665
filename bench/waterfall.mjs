// The Suzhou load as a waterfall, for `make bench` (tools/bench.sh, section
// `waterfall`): when the wasm is ready, when the dataset and each basemap
// layer are requested, received and parsed, and when the sites, the basemap
// and the first map frame are drawn, in ms from navigation start, median of
// fresh loads (empty cache, new browser context each time). Also the number
// of network requests per file, which must be 1: a preload in index.html that
// the app's own fetch does not reuse would show as 2.
//
//   node bench/waterfall.mjs      # after `make build`
//
// Environment: DIST (default dist), BENCH_PORT (8095), BENCH_RUNS (5).
//
// Sources. Requests: Resource Timing (requestStart, responseEnd). Everything
// else: the app's User Timing marks (src/perf.rs). A build without a mark gets
// the row from a probe in the page instead, flagged `*`: wasm ready when
// WebAssembly instantiation resolves; sites / basemap drawn at the first
// animation frame after a marker / a basemap path enters the DOM. That lets an
// older build be measured the same way, for before/after pairs.

import { chromium } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { serve, CHROMIUM_ARGS, DIST, ORIGIN, VIEWPORT, median } from './run.mjs';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const DATASET = 'data/suzhou-red-heritage.geojson';
// The dataset's basemap layers (its `atlas.basemap`, relative to the dataset).
const LAYERS = ['data/basemap/water.geojson', 'data/basemap/rivers.geojson'];
const TIMEOUT_MS = 30_000;

/** Runs in the page before any of its scripts: the fallback probes (see the header). */
function probes() {
  const mark = (name) => performance.getEntriesByName(name).length || performance.mark(name);
  for (const key of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[key];
    if (!original) continue;
    WebAssembly[key] = function (...args) {
      return original.apply(this, args).then((result) => {
        mark('probe:wasm-ready');
        return result;
      });
    };
  }
  // trunk's loader says so once init() returned, i.e. once main() has built the page.
  addEventListener('TrunkApplicationStarted', () => mark('probe:page-built'));
  const seen = { sites: false, basemap: false };
  const observer = new MutationObserver(() => {
    for (const [what, selector] of [
      ['sites', '.map-surface .marker, .map-surface .cluster'],
      ['basemap', 'svg.map-svg g.basemap path'],
    ]) {
      if (!seen[what] && document.querySelector(selector)) {
        seen[what] = true;
        requestAnimationFrame(() => mark(`probe:${what}-drawn`));
      }
    }
    if (seen.sites && seen.basemap) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true });
}

/** One fresh load of the default page; the times of every row, in ms from navigation start. */
async function loadOnce(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const requests = new Map();
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname.slice(1);
    requests.set(p, (requests.get(p) ?? 0) + 1);
  });
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  });
  await page.addInitScript(probes);
  try {
    await page.goto(`${ORIGIN}/`, { timeout: TIMEOUT_MS });
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('atlas:first-map').length > 0 &&
        (performance.getEntriesByName('atlas:basemap-drawn').length > 0 ||
          performance.getEntriesByName('probe:basemap-drawn').length > 0),
      null,
      { timeout: TIMEOUT_MS, polling: 50 },
    );
    // Chromium warns about an unused preload a few seconds after `load`: wait for it.
    await page.waitForTimeout(3_500);
    const times = await page.evaluate(
      ({ dataset, layers }) => {
        const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
        const resources = performance.getEntriesByType('resource');
        const resource = (file) => resources.find((e) => new URL(e.name).pathname === `/${file}`) ?? null;
        const wasm = resources.find((e) => e.name.endsWith('.wasm'));
        const row = (app, probe) => (at(app) !== null ? { t: at(app) } : at(probe) !== null ? { t: at(probe), probe: true } : null);
        const out = {
          'wasm received': wasm ? { t: wasm.responseEnd } : null,
          'wasm ready': row('atlas:wasm-ready', 'probe:wasm-ready'),
          'page built (main() returned)': row('probe:page-built'),
          'data requested': resource(dataset) && { t: resource(dataset).requestStart || resource(dataset).startTime },
          'data response end': resource(dataset) && { t: resource(dataset).responseEnd },
          'data in wasm (atlas:fetched)': row('atlas:fetched'),
          'data parsed (atlas:parsed)': row('atlas:parsed'),
        };
        for (const layer of layers) {
          const name = layer.split('/').pop();
          const r = resource(layer);
          out[`${name} requested`] = r && { t: r.requestStart || r.startTime };
          out[`${name} received`] = r && { t: r.responseEnd };
          // Marked with the layer's path as the dataset writes it (relative to the dataset).
          out[`${name} parsed`] = row(`atlas:basemap-parsed:${layer.replace(/^data\//, '')}`);
        }
        Object.assign(out, {
          'first sites drawn': row('atlas:sites-drawn', 'probe:sites-drawn'),
          'first basemap drawn': row('atlas:basemap-drawn', 'probe:basemap-drawn'),
          'first map frame (atlas:first-map)': row('atlas:first-map'),
        });
        return out;
      },
      { dataset: DATASET, layers: LAYERS },
    );
    return { times, requests, warnings };
  } finally {
    await context.close();
  }
}

async function main() {
  const loadBefore = os.loadavg()[0];
  const server = await serve();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      runs.push(await loadOnce(browser));
      process.stderr.write(`waterfall: run ${i + 1}/${RUNS}\n`);
    }
  } finally {
    await browser.close();
    server.close();
  }

  console.log(
    `Suzhou (/${DATASET}) from ${path.relative(process.cwd(), DIST) || '.'}/, headless Chromium, ` +
      `${VIEWPORT.width}x${VIEWPORT.height}, median of ${RUNS} fresh loads; ms from navigation start`,
  );
  console.log(
    `machine: ${os.cpus().length} CPUs, 1-minute load average ${loadBefore.toFixed(1)} before, ` +
      `${os.loadavg()[0].toFixed(1)} after`,
  );
  const line = (a, b, c) => `${a.padEnd(40)} ${b.padStart(10)}   ${c}`.trimEnd();
  console.log(line('event', 'ms', 'runs'));
  console.log(line('-'.repeat(40), '-'.repeat(10), '-'.repeat(30)));
  let anyProbe = false;
  for (const label of Object.keys(runs[0].times)) {
    const cells = runs.map((r) => r.times[label]);
    const values = cells.filter(Boolean).map((c) => c.t);
    const probe = cells.some((c) => c?.probe);
    anyProbe ||= probe;
    const value = values.length ? `${median(values).toFixed(1)}${probe ? '*' : ''}` : '-';
    console.log(line(label, value, values.map((v) => v.toFixed(0)).join(' ')));
  }
  if (anyProbe) console.log('* from the page probe: this build has no such User Timing mark');

  console.log('\nnetwork requests per file (each must be 1; the most in any run):');
  for (const file of [DATASET, ...LAYERS]) {
    const most = Math.max(...runs.map((r) => r.requests.get(file) ?? 0));
    console.log(`  ${file.padEnd(40)} ${most}${most === 1 ? '' : '   <- NOT 1'}`);
  }
  const preloadWarnings = [...new Set(runs.flatMap((r) => r.warnings).filter((w) => /preloaded/i.test(w)))];
  console.log(
    preloadWarnings.length
      ? `preload warnings:\n  ${preloadWarnings.join('\n  ')}`
      : 'preload warnings: none ("preloaded but not used" would show here)',
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(`waterfall: ${e.stack ?? e}`);
    process.exit(1);
  });
}
