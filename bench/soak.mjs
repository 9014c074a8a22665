// Kiosk soak for `make bench` (called by tools/bench.sh, section `soak`): the
// app in dist/ as a kiosk (?kiosk=1) on the bundled Suzhou dataset, run
// through many idle resets and attract-loop chapter transitions, printing the
// JS heap, DOM nodes and event listeners at the first, middle and last cycle.
// A kiosk runs for weeks: these must stay flat.
//
//   node bench/soak.mjs            # after `make build`
//
// Environment: DIST (default dist), SOAK_PORT (8099), SOAK_CYCLES (100).
//
// Time is Playwright's fake clock, so weeks of timers run in minutes: each
// cycle is a visitor's touch (which stops the attract tour), the idle time,
// the "Still there?" countdown, the reset, and one full pass of the attract
// tour (one transition per chapter). It prints numbers only; it never fails
// because they grow.

import { chromium } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(ROOT, process.env.DIST ?? 'dist');
const PORT = Number(process.env.SOAK_PORT ?? 8099);
const CYCLES = Math.max(2, Number(process.env.SOAK_CYCLES ?? 100));
const IDLE_S = 5;
// The "Still there?" countdown (src/kiosk) plus a margin for the reset.
const COUNTDOWN_MS = 10_000 + 1_000;

const CHROMIUM_ARGS = [
  ...JSON.parse(fs.readFileSync(new URL('../end2end/chromium-args.json', import.meta.url), 'utf8')),
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.geojson': 'application/geo+json',
};

function serve() {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    let file = path.resolve(DIST, '.' + path.posix.normalize('/' + urlPath));
    if (!file.startsWith(DIST)) return res.writeHead(400).end();
    if (urlPath.endsWith('/')) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(PORT, '127.0.0.1', () => resolve(server)));
}

/** Heap after a full garbage collection, DOM nodes and listeners, from Chromium itself. */
async function sample(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { heapKB: m.JSHeapUsedSize / 1024, nodes: m.Nodes, listeners: m.JSEventListeners };
}

async function main() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    console.error(`soak: ${path.relative(ROOT, DIST)}/index.html missing: run 'make build' first`);
    process.exit(1);
  }
  const server = await serve();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.clock.install();
  await page.goto(`http://127.0.0.1:${PORT}/?kiosk=1&idle=${IDLE_S}&lang=en`);
  await page.getByRole('button', { name: 'Memorial to the Night Raid on Xushuguan', exact: true }).waitFor({ timeout: 60_000 });
  const tourSeconds = await page.evaluate(async () => {
    const r = await fetch('data/suzhou-red-heritage.geojson');
    const tour = (await r.json()).atlas?.tour ?? [];
    return tour.map((c) => c.seconds ?? 12);
  });
  if (tourSeconds.length === 0) throw new Error('the bundled dataset has no tour to soak');
  const passMs = tourSeconds.reduce((a, s) => a + s * 1000, 0);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const rows = [];
  let transitions = 0;
  const started = Date.now();
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    // A visitor touches the screen: the attract loop stops, the idle clock restarts.
    await page.mouse.click(5, 5);
    await page.clock.runFor(IDLE_S * 1000 + COUNTDOWN_MS);
    // The attract tour now runs on its own: one full pass, a transition per chapter.
    for (const s of tourSeconds) {
      await page.clock.runFor(s * 1000);
      transitions++;
    }
    if (cycle === 1 || cycle === Math.ceil(CYCLES / 2) || cycle === CYCLES) {
      const status = await page.getByRole('status').filter({ hasText: /Chapter \d+ of \d+/ }).count();
      rows.push({ cycle, transitions, ...(await sample(cdp)), touring: status > 0 });
    }
  }
  const seconds = (Date.now() - started) / 1000;
  await browser.close();
  server.close();

  console.log(`kiosk soak: ${CYCLES} idle resets and ${transitions} attract-loop chapter transitions`);
  console.log(`(fake clock: ${((CYCLES * (IDLE_S * 1000 + COUNTDOWN_MS + passMs)) / 3.6e6).toFixed(1)} kiosk hours in ${seconds.toFixed(0)} s; 1080x1920 touch)`);
  const line = (...cols) => console.log(cols.map((c, i) => String(c)[i ? 'padStart' : 'padEnd']([8, 12, 14, 10, 12, 8][i])).join(' '));
  line('cycle', 'transitions', 'JS heap KB', 'DOM nodes', 'listeners', 'touring');
  for (const r of rows) line(r.cycle, r.transitions, r.heapKB.toFixed(0), r.nodes, r.listeners, r.touring ? 'yes' : 'NO');
  const [first, , last] = rows;
  console.log(
    `growth first -> last: heap ${(last.heapKB - first.heapKB).toFixed(0)} KB, ` +
      `DOM nodes ${last.nodes - first.nodes}, listeners ${last.listeners - first.listeners}`,
  );
  if (errors.length) console.log(`page errors: ${[...new Set(errors)].join('; ')}`);
}

main().catch((e) => {
  console.error(`soak: ${e.message}`);
  process.exit(1);
});
