import { test, expect, mapRegion } from './fixtures';
import type { Page } from '@playwright/test';

// During a pan or a zoom the markers move with one transform on their layer
// and are laid out again when the move ends. Whatever the mechanism, the
// visitor must never see them a frame behind the map: in the very frame that
// first draws the final view (the basemap's transform, set straight from the
// view, tells which frame that is), every marker already stands where it
// stays once everything has settled.

type Frame = { view: string | null; markers: Record<string, [number, number]> };

const surface = (page: Page) => page.getByRole('application', { name: /Interactive map/ });

/**
 * Records, in every animation frame, the basemap's transform and each marker's
 * centre; returns once the first frame is recorded, so the gesture that follows
 * (on a busy machine, too) always has a frame from before it.
 */
async function startSampling(page: Page) {
  await page.evaluate(() => new Promise<void>((started) => {
    const w = window as unknown as { __frames: Frame[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    const sample = () => {
      const markers: Record<string, [number, number]> = {};
      document.querySelectorAll('.map-surface .marker').forEach((m) => {
        const r = m.getBoundingClientRect();
        markers[m.getAttribute('aria-label') ?? ''] = [r.x + r.width / 2, r.y + r.height / 2];
      });
      const view = document.querySelector('.map-svg g.basemap')?.getAttribute('transform') ?? null;
      w.__frames.push({ view, markers });
      if (w.__frames.length === 1) started();
      if (!w.__stop) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  }));
}

const near = (a: [number, number], b: [number, number]) => Math.abs(a[0] - b[0]) <= 1 && Math.abs(a[1] - b[1]) <= 1;

/**
 * Waits for the map to settle, stops sampling, and checks every frame from
 * the first one that draws the final view. A move that ends with its last
 * step (a fly-to, a drag, a glide) lays the markers out in that same frame:
 * they must already stand where they stay. A run of wheel steps or key
 * presses is over only when no step follows for a moment, and the markers
 * are laid out again then (a crowd spread at the old zoom may no longer be
 * one): each marker may move once more, straight to where it stays, and
 * never through a frame in between.
 */
async function expectNoStaleFrame(page: Page, { laidOutLater = false } = {}) {
  // Longer than a fly-to (700 ms), a glide, and the pause that ends a run of wheel steps.
  await page.waitForTimeout(1500);
  const frames: Frame[] = await page.evaluate(() => {
    const w = window as unknown as { __frames: Frame[]; __stop: boolean };
    w.__stop = true;
    return w.__frames;
  });
  const last = frames[frames.length - 1];
  const first = frames.findIndex((f) => f.view === last.view);
  expect(first, 'the map moved while sampled').toBeGreaterThan(0);
  const shown = frames[first];
  const common = Object.keys(last.markers).filter((name) => name in shown.markers);
  expect(common.length, 'markers in view in both frames').toBeGreaterThanOrEqual(2);
  for (const name of common) {
    const settled = last.markers[name];
    const seen = frames.slice(first).map((f) => f.markers[name]);
    if (!laidOutLater) {
      const [x, y] = seen[0];
      expect(Math.abs(x - settled[0]), `${name}: x in the first frame of the final view`).toBeLessThanOrEqual(1);
      expect(Math.abs(y - settled[1]), `${name}: y in the first frame of the final view`).toBeLessThanOrEqual(1);
      continue;
    }
    // Where it stood in the final view before the new layout, then where it stays, and nothing else.
    const before = seen[0];
    const arrived = seen.findIndex((p) => p !== undefined && near(p, settled));
    expect(arrived, `${name} reaches its place`).toBeGreaterThanOrEqual(0);
    for (const [i, p] of seen.entries()) {
      if (p === undefined) continue;
      const expected = i < arrived ? before : settled;
      expect(near(p, expected), `${name} in frame ${i} of the final view: ${p} (expected ${expected})`).toBe(true);
    }
  }
}

test.describe('markers keep in step with the map', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/?lang=en');
    await expect(mapRegion(page).getByRole('button', { name: 'Memorial to the Night Raid on Xushuguan' })).toBeVisible();
    await page.waitForTimeout(300);
  });

  test('after the animated zoom of the Zoom in button', async ({ page }) => {
    await startSampling(page);
    await mapRegion(page).getByRole('button', { name: 'Zoom in' }).click();
    await expectNoStaleFrame(page);
  });

  test('after a double-click zoom and the Zoom out button', async ({ page }) => {
    const box = (await surface(page).boundingBox())!;
    await startSampling(page);
    await page.mouse.dblclick(box.x + box.width / 2 - 40, box.y + box.height / 2 + 20);
    await expectNoStaleFrame(page);
    await startSampling(page);
    await mapRegion(page).getByRole('button', { name: 'Zoom out' }).click();
    await expectNoStaleFrame(page);
  });

  test('after a drag ends, with or without a glide', async ({ page }) => {
    const box = (await surface(page).boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height - 120];
    for (const steps of [30, 3]) {
      // Thirty small moves end slowly (no glide); three big ones are a flick.
      await startSampling(page);
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x - 90, y - 40, { steps });
      await page.mouse.up();
      await expectNoStaleFrame(page);
    }
  });

  test('after a run of wheel steps and of arrow keys', async ({ page }) => {
    const box = (await surface(page).boundingBox())!;
    await startSampling(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, -60);
      await page.waitForTimeout(60);
    }
    await expectNoStaleFrame(page, { laidOutLater: true });
    await surface(page).focus();
    await startSampling(page);
    for (const key of ['ArrowLeft', 'ArrowUp', 'ArrowLeft']) await page.keyboard.press(key);
    await expectNoStaleFrame(page, { laidOutLater: true });
  });
});
