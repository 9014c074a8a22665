import fs from 'node:fs';
import path from 'node:path';
import { test, expect, mapRegion, serveFixture } from './fixtures';
import type { Page } from '@playwright/test';

// The coarse world layer (tools/basemap.py --world, src/map/world.rs) is
// fetched only when a dataset's sites or the view reach beyond its regional
// basemap layers, and is drawn beneath them: land on a sea background.

const WORLD = /\/data\/basemap\/world-(land|lakes|rivers)\.geojson$/;
const FIXTURE = 'world-sites.geojson';

/** Every request the page makes for a world-layer file, from now on. */
function worldRequests(page: Page) {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (WORLD.test(new URL(request.url()).pathname)) seen.push(request.url());
  });
  return seen;
}

test.describe('world basemap', () => {
  test('sites in Europe and the Americas draw on the world layer', async ({ page }, testInfo) => {
    await serveFixture(page, FIXTURE);
    const requested = worldRequests(page);
    await page.goto(`/?lang=en&data=fixtures/${FIXTURE}`);
    const map = mapRegion(page);
    // Machu Picchu stands alone, far from any other site: never in a cluster.
    await expect(map.getByRole('button', { name: 'Machu Picchu' })).toBeVisible();

    const svg = page.locator('svg.map-svg');
    await expect(svg.locator('path.world-land')).toHaveCount(1);
    await expect(svg.locator('path.world-lake')).toHaveCount(1);
    await expect(svg.locator('path.world-river')).toHaveCount(1);
    expect(requested.map((u) => new URL(u).pathname).sort()).toEqual([
      '/data/basemap/world-lakes.geojson',
      '/data/basemap/world-land.geojson',
      '/data/basemap/world-rivers.geojson',
    ]);
    // Land is really drawn: a long path, with a box that spans the Atlantic on screen.
    const d = await svg.locator('path.world-land').getAttribute('d');
    expect(d!.length).toBeGreaterThan(10_000);
    const land = (await svg.locator('path.world-land').boundingBox())!;
    const surface = (await page.locator('.map-surface').boundingBox())!;
    expect(land.width).toBeGreaterThan(surface.width * 0.8);
    // The sea shows as the background, beneath the land.
    await expect(svg.locator('rect.world-sea')).toHaveCount(1);
    // The credit line names GSHHG.
    await expect(map.getByText(/GSHHG/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('world-basemap.png') });
  });

  test('zooming in swaps to a finer level of the same paths', async ({ page }) => {
    await serveFixture(page, FIXTURE);
    await page.goto(`/?lang=en&data=fixtures/${FIXTURE}`);
    const land = page.locator('svg.map-svg path.world-land');
    await expect(land).toHaveCount(1);
    const coarse = (await land.getAttribute('d'))!.length;
    const zoomIn = page.getByRole('button', { name: 'Zoom in' });
    for (let i = 0; i < 3; i++) await zoomIn.click();
    await expect.poll(async () => (await land.getAttribute('d'))!.length).toBeGreaterThan(coarse);
    await expect(land).toHaveCount(1);
  });

  test('the bundled Suzhou dataset never asks for the world layer', async ({ page }) => {
    const requested = worldRequests(page);
    await page.goto('/?lang=en');
    const map = mapRegion(page);
    await expect(map.getByRole('button', { name: 'Memorial to the Night Raid on Xushuguan' })).toBeVisible();
    // Its regional layers are drawn; give a late request time to show itself.
    await expect(page.locator('svg.map-svg .basemap path').first()).toBeAttached();
    await page.waitForTimeout(1_000);
    expect(requested).toEqual([]);
    await expect(page.locator('svg.map-svg .world-basemap')).toHaveCount(0);
  });

  test('an offline kiosk keeps the world layer of its dataset', async ({ page, context }) => {
    // A dataset under data/ is kept by the service worker (public/sw.js).
    const body = fs.readFileSync(path.join(__dirname, '..', 'fixtures', FIXTURE));
    await context.route('**/data/world-sites.geojson', (route) =>
      route.fulfill({ status: 200, contentType: 'application/geo+json', body }),
    );
    await page.goto('/?lang=en&data=data/world-sites.geojson');
    await expect(page.locator('svg.map-svg path.world-land')).toHaveCount(1);
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 20_000 });
    // The snapshot holds the world layer even if the first page's own
    // request went out before the worker took control.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const live = await caches.open('atlas-live');
          const keys = (await live.keys()).map((r) => new URL(r.url).pathname);
          return ['land', 'lakes', 'rivers'].every((k) => keys.includes(`/data/basemap/world-${k}.geojson`));
        }),
        { timeout: 15_000 },
      )
      .toBe(true);

    await context.setOffline(true);
    await context.unrouteAll();
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await expect(page.locator('svg.map-svg path.world-land')).toHaveCount(1);
    expect((await page.locator('svg.map-svg path.world-land').getAttribute('d'))!.length).toBeGreaterThan(10_000);
  });
});
