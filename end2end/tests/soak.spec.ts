import { test, expect } from './fixtures';

// A kiosk runs unattended for weeks: a visitor touches, leaves, the kiosk asks
// "Still there?", resets and plays the attract tour, again and again. On
// Playwright's fake clock, several such cycles (each with a full pass of the
// tour) must leave the page where it started: no DOM nodes, listeners or heap
// left behind. The long run (1,000 chapters) is in `make bench` (bench/soak.mjs).

const IDLE_S = 3;
const COUNTDOWN_MS = 10_000 + 1_000;
const CYCLES = 6;

test('the attract loop and idle resets leak nothing over many cycles', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.clock.install();
  await page.goto(`/?kiosk=1&idle=${IDLE_S}&lang=en`);
  await expect(page.getByRole('button', { name: 'Memorial to the Night Raid on Xushuguan', exact: true })).toBeVisible();
  const tourSeconds: number[] = await page.evaluate(async () => {
    const r = await fetch('data/suzhou-red-heritage.geojson');
    return ((await r.json()).atlas?.tour ?? []).map((c: { seconds?: number }) => c.seconds ?? 12);
  });
  expect(tourSeconds.length, 'the bundled dataset has a tour').toBeGreaterThan(3);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x: { name: string; value: number }) => [x.name, x.value]));
    return { heap: m.JSHeapUsedSize as number, nodes: m.Nodes as number, listeners: m.JSEventListeners as number };
  };

  const status = page.getByRole('status').filter({ hasText: /Chapter \d+ of \d+/ });
  const samples = [];
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    // A touch stops the attract loop and restarts the idle clock.
    await page.mouse.click(5, 5);
    await page.clock.runFor(IDLE_S * 1000 + COUNTDOWN_MS);
    await expect(status, `cycle ${cycle}: the attract tour runs after the reset`).toBeVisible();
    for (const s of tourSeconds) await page.clock.runFor(s * 1000);
    // The attract loop starts over after its last chapter.
    await expect(status).toContainText('Chapter');
    samples.push(await sample());
  }
  // The first cycle builds what every later cycle reuses (panels, caches);
  // from the second on, nothing may grow.
  const [, base] = samples;
  const last = samples[samples.length - 1];
  expect(last.nodes, `DOM nodes ${samples.map((s) => s.nodes).join(' → ')}`).toBeLessThanOrEqual(base.nodes * 1.05 + 20);
  expect(last.listeners, `listeners ${samples.map((s) => s.listeners).join(' → ')}`).toBeLessThanOrEqual(base.listeners * 1.05 + 10);
  expect(last.heap, `JS heap ${samples.map((s) => Math.round(s.heap / 1024)).join(' → ')} KB`).toBeLessThanOrEqual(base.heap * 1.2 + 512 * 1024);
});
