import { test, expect, serveFixture, mapRegion, timelineRegion, centre, gap, pinch } from './fixtures';
import type { Page } from '@playwright/test';

const XUSHUGUAN = 'Memorial to the Night Raid on Xushuguan';
const EMBROIDERY = 'China Embroidery Art Museum';
// About 11 km from the memorial: both stay in view after zooming in once.
const MUSEUM = 'Suzhou Revolutionary Museum';

const surface = (page: Page) => page.getByRole('application', { name: /Interactive map/ });
const scaleMetres = async (page: Page) => {
  const text = (await page.locator('.scale-bar-label').textContent())!;
  const n = parseFloat(text);
  return text.includes('km') ? n * 1000 : n;
};

test.describe('the map', () => {
  test('wheel zoom keeps the point under the cursor fixed', async ({ page }) => {
    await page.goto('/?lang=en');
    const map = mapRegion(page);
    const anchor = map.getByRole('button', { name: XUSHUGUAN });
    // Leyi stands apart from other markers at both zooms, so no spreading moves it.
    const other = map.getByRole('button', { name: /Leyi Girls/ });
    await expect(anchor).toBeVisible();
    const [p, q] = [await centre(anchor), await centre(other)];
    const before = await gap(anchor, other);
    // Zoom about the point midway between the two sites: it must stay where it is.
    const at = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -200); // two notches in: one zoom level
    await expect.poll(() => gap(anchor, other)).toBeGreaterThan(before * 1.9);
    const [p2, q2] = [await centre(anchor), await centre(other)];
    expect(Math.abs((p2.x + q2.x) / 2 - at.x)).toBeLessThan(2);
    expect(Math.abs((p2.y + q2.y) / 2 - at.y)).toBeLessThan(2);
  });

  test('the keyboard pans and zooms the focused map, and Home resets it', async ({ page }) => {
    await page.goto('/?lang=en');
    const marker = mapRegion(page).getByRole('button', { name: XUSHUGUAN });
    await expect(marker).toBeVisible();
    const start = await centre(marker);
    await surface(page).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await centre(marker)).x).toBeCloseTo(start.x - 80, 0);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await centre(marker)).y).toBeCloseTo(start.y - 80, 0);
    const metres = await scaleMetres(page);
    await page.keyboard.press('+');
    await expect.poll(() => scaleMetres(page)).toBeLessThan(metres);
    await page.keyboard.press('Home');
    await expect.poll(async () => (await centre(marker)).x).toBeCloseTo(start.x, 0);
    await expect.poll(async () => (await centre(marker)).y).toBeCloseTo(start.y, 0);
  });

  test('double-click zooms in', async ({ page }) => {
    await page.goto('/?lang=en');
    await expect(mapRegion(page).getByRole('button', { name: XUSHUGUAN })).toBeVisible();
    const metres = await scaleMetres(page);
    const box = (await surface(page).boundingBox())!;
    await page.mouse.dblclick(box.x + 150, box.y + box.height - 150);
    await expect.poll(() => scaleMetres(page)).toBeLessThan(metres);
  });

  test('choosing a site elsewhere flies the map to it, in under a second', async ({ page }) => {
    await page.goto('/?lang=en');
    const target = mapRegion(page).getByRole('button', { name: EMBROIDERY });
    await expect(target).toBeVisible();
    const box = (await surface(page).boundingBox())!;
    const mid = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const before = await centre(target);
    expect(Math.hypot(before.x - mid.x, before.y - mid.y)).toBeGreaterThan(100);
    await timelineRegion(page).getByRole('button', { name: /Selected for the city’s party-day route/ }).first().click();
    const landed = Date.now();
    await expect.poll(async () => {
      const p = await centre(mapRegion(page).getByRole('button', { name: /China Embroidery Art Museum|Shishan/ }).and(mapRegion(page).locator('[aria-pressed="true"]')));
      return Math.hypot(p.x - mid.x, p.y - mid.y);
    }, { timeout: 2000 }).toBeLessThan(3);
    expect(Date.now() - landed).toBeLessThan(1500);
  });

  test('under reduced motion, fly-to is instant', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/?lang=en');
    const target = mapRegion(page).getByRole('button', { name: EMBROIDERY });
    await expect(target).toBeVisible();
    await target.click();
    const box = (await surface(page).boundingBox())!;
    // No animation: one frame later it is already in the middle.
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const p = await centre(target);
    expect(Math.abs(p.x - (box.x + box.width / 2))).toBeLessThan(3);
    expect(Math.abs(p.y - (box.y + box.height / 2))).toBeLessThan(3);
  });

  test('a crowded map shows clusters named by their size; clicking one zooms in', async ({ page }) => {
    await serveFixture(page, 'crowded-synthetic.geojson');
    await page.goto('/?lang=en&data=fixtures/crowded-synthetic.geojson');
    const clusters = mapRegion(page).getByRole('button', { name: /^\d+ sites$/ });
    await expect(clusters.first()).toBeVisible();
    // Every site is counted once: cluster sizes plus single markers add up to 150.
    const names = await mapRegion(page).getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
    const counted = names.reduce((n, name) => {
      const m = name.match(/^(\d+) sites$/);
      return n + (m ? Number(m[1]) : name.startsWith('Synthetic site') ? 1 : 0);
    }, 0);
    expect(counted).toBe(150);
    const metres = await scaleMetres(page);
    const biggest = (await clusters.evaluateAll((bs) => bs.map((b) => Number(b.getAttribute('aria-label')!.split(' ')[0])))).reduce((a, b) => Math.max(a, b));
    await mapRegion(page).getByRole('button', { name: `${biggest} sites`, exact: true }).first().click();
    await expect.poll(() => scaleMetres(page)).toBeLessThan(metres / 1.9);
    await expect(mapRegion(page).getByRole('button', { name: `${biggest} sites`, exact: true })).toHaveCount(0);
  });

  test('in Chinese a cluster is named like "12 处地点"', async ({ page }) => {
    await serveFixture(page, 'crowded-synthetic.geojson');
    await page.goto('/?lang=zh&data=fixtures/crowded-synthetic.geojson');
    await expect(mapRegion(page).getByRole('button', { name: /^\d+ 处地点$/ }).first()).toBeVisible();
  });

  test('the DOM holds only what is in view', async ({ page }) => {
    await serveFixture(page, 'crowded-synthetic.geojson');
    await page.goto('/?lang=en&data=fixtures/crowded-synthetic.geojson');
    await expect(mapRegion(page).getByRole('button', { name: /^\d+ sites$/ }).first()).toBeVisible();
    await surface(page).focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('+');
    await expect.poll(async () => mapRegion(page).locator('.marker, .cluster').count()).toBeLessThan(60);
  });

  test('two-finger pinch zooms the map, not the page @phone', async ({ page }) => {
    await page.goto('/?lang=en');
    const map = mapRegion(page);
    const a = map.getByRole('button', { name: XUSHUGUAN });
    const b = map.getByRole('button', { name: MUSEUM });
    await expect(a).toBeVisible();
    const before = await gap(a, b);
    // Pinch about the middle of the two sites, so both stay in view.
    const [pa, pb] = [await centre(a), await centre(b)];
    const cx = (pa.x + pb.x) / 2 + 30;
    const cy = (pa.y + pb.y) / 2;
    await pinch(page, cx, cy, 40, 80);
    await expect.poll(() => gap(a, b)).toBeGreaterThan(before * 1.7);
    // The page itself did not zoom or scroll.
    expect(await page.evaluate(() => [window.visualViewport!.scale, window.scrollX, window.scrollY])).toEqual([1, 0, 0]);
  });

  test('a one-finger drag pans the map @phone', async ({ page }) => {
    await page.goto('/?lang=en');
    const a = mapRegion(page).getByRole('button', { name: XUSHUGUAN });
    await expect(a).toBeVisible();
    const start = await centre(a);
    const box = (await surface(page).boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    // Start in the lower middle of the map, clear of the legend and the buttons.
    const x = box.x + box.width / 2 - 60;
    const y = box.y + box.height - 90;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }] });
    for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + i * 10, y: y + i * 6, id: 1 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(async () => (await centre(a)).x - start.x).toBeGreaterThan(45);
  });
});
