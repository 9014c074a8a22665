import { test, expect, mapRegion } from './fixtures';
import type { Page } from '@playwright/test';

// Loading in parallel and drawing early (issue 12): the sites never wait for
// the basemap, a basemap layer that fails still says so, and the dataset is
// read as bytes (so bytes that are not UTF-8 are refused, not garbled).

const WATER = '**/data/basemap/water.geojson';
const XUSHUGUAN = 'Memorial to the Night Raid on Xushuguan';

/** Holds back every request for `pattern` until the returned function is called. */
async function holdBack(page: Page, pattern: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test.describe('loading', () => {
  test('the sites show while the basemap is still arriving, and the basemap follows', async ({ page }) => {
    const release = await holdBack(page, WATER);
    const world: string[] = [];
    page.on('request', (r) => {
      if (/\/world-[a-z]+\.geojson$/.test(r.url())) world.push(r.url());
    });
    await page.goto('/?lang=en');
    const map = mapRegion(page);
    await expect(map.getByRole('button', { name: XUSHUGUAN })).toBeVisible();
    await expect(page.getByRole('status')).toHaveCount(0);
    // Water is held back: no basemap yet, and no credit line for it.
    await expect(page.locator('svg.map-svg .basemap path')).toHaveCount(0);
    await expect(map.getByText(/GSHHG/)).toHaveCount(0);

    release();
    await expect(page.locator('svg.map-svg .basemap path.layer-water').first()).toBeAttached();
    await expect(page.locator('svg.map-svg .basemap path.layer-river').first()).toBeAttached();
    await expect(map.getByText(/GSHHG/)).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    // Until the regional layers answered, their extent was unknown: the
    // world layer was never asked for in the meantime (nor after).
    expect(world).toEqual([]);
  });

  test('a basemap layer that fails gives the basemap message; the sites and the other layer still show', async ({ page }) => {
    await page.route(WATER, (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto('/?lang=en');
    const map = mapRegion(page);
    await expect(map.getByRole('button', { name: XUSHUGUAN })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText('The basemap could not be loaded; the sites still show');
    await expect(page.locator('svg.map-svg .basemap path.layer-river').first()).toBeAttached();
    await expect(page.locator('svg.map-svg .basemap path.layer-water')).toHaveCount(0);
  });

  test('a dataset whose bytes are not UTF-8 is refused with the offset of the first bad byte', async ({ page }) => {
    // "café" saved as Latin-1 by an old editor: é is the single byte E9.
    const head = Buffer.from('{"type": "FeatureCollection", "name": "caf');
    const body = Buffer.concat([head, Buffer.from([0xe9]), Buffer.from('", "features": []}')]);
    await page.route('**/generated/latin1.geojson', (route) =>
      route.fulfill({ status: 200, contentType: 'application/geo+json', body }),
    );
    await page.goto('/?lang=en&data=generated/latin1.geojson');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('generated/latin1.geojson');
    await expect(alert).toContainText(`not UTF-8 text: the bytes from offset ${head.length} are not UTF-8`);
    await page.getByRole('button', { name: '中文' }).click();
    await expect(alert).toContainText(`从第 ${head.length} 字节`);
  });

  test('a byte order mark before the dataset is skipped', async ({ page }) => {
    const dataset = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [120.5, 31.3] },
          properties: { id: 'bom-site', name: 'Site after a mark', events: [{ date: '1939', title: 'Event' }] },
        },
      ],
    };
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(dataset))]);
    await page.route('**/generated/bom.geojson', (route) =>
      route.fulfill({ status: 200, contentType: 'application/geo+json', body }),
    );
    await page.goto('/?lang=en&data=generated/bom.geojson');
    await expect(mapRegion(page).getByRole('button', { name: 'Site after a mark' })).toBeVisible();
  });
});
