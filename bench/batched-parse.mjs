// The cost of checking a dataset in batches (issue 13 item 4): the 36k set
// loaded by two builds back to back, alternating, each in a fresh context:
// `atlas:parse` (fetched -> parsed, batches and the browser's turns between
// them included) and the longest task the main thread ran during the load
// (PerformanceObserver "longtask"), median of BENCH_RUNS.
//
//   node bench/batched-parse.mjs BEFORE_DIST AFTER_DIST
//
// Each dist needs bench-data/synthetic-36k.geojson (a link will do).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const [before, after] = process.argv.slice(2);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const args = JSON.parse(fs.readFileSync(new URL('../end2end/chromium-args.json', import.meta.url), 'utf8'));
const servers = [];
const serve = (dir, port) => {
  const p = spawn('python3', ['-m', 'http.server', '--bind', '127.0.0.1', String(port), '--directory', dir], { stdio: 'ignore' });
  servers.push(p);
  return `http://127.0.0.1:${port}`;
};
const targets = [
  ['before', serve(before, 8751)],
  ['after', serve(after, 8752)],
];
await new Promise((r) => setTimeout(r, 1500));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
const results = { before: [], after: [] };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`load average before: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
for (let run = 0; run < RUNS; run++) {
  for (const [name, origin] of run % 2 ? [...targets].reverse() : targets) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const page = await context.newPage();
    await page.goto(`${origin}/?data=bench-data/synthetic-36k.geojson`);
    await page.waitForFunction(() => performance.getEntriesByName('atlas:first-map').length > 0, null, { timeout: 120_000, polling: 100 });
    const r = await page.evaluate(() => ({ parse: performance.getEntriesByName('atlas:parse')[0].duration, longest: window.__longest }));
    results[name].push(r);
    await context.close();
  }
}
console.log(`load average after: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
for (const [name] of targets) {
  const rs = results[name];
  console.log(
    `${name}: atlas:parse median ${median(rs.map((r) => r.parse)).toFixed(0)} ms (runs ${rs.map((r) => r.parse.toFixed(0)).join(', ')}); ` +
      `longest task median ${median(rs.map((r) => r.longest)).toFixed(0)} ms (runs ${rs.map((r) => r.longest.toFixed(0)).join(', ')})`,
  );
}
await browser.close();
for (const s of servers) s.kill();
