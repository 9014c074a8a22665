import { test, expect, serveFixture, mapRegion } from './fixtures';
import type { Page } from '@playwright/test';
import zlib from 'node:zlib';

/** A 1×1 PNG, built here so the test needs no image file. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const pixels = zlib.deflateSync(Buffer.from([0, 200, 220, 200]));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** Serves tiles from the page's own origin: even columns load, odd ones fail. */
async function serveTiles(page: Page) {
  const requested: string[] = [];
  await page.route('**/tiles/**', async (route) => {
    const url = route.request().url();
    requested.push(url);
    const x = Number(url.split('/').slice(-2)[0]);
    if (x % 2 === 0) await route.fulfill({ status: 200, contentType: 'image/png', body: png() });
    else await route.fulfill({ status: 404, body: 'no such tile' });
  });
  return requested;
}

const tilePositions = (page: Page) =>
  page.locator('.tiles img').evaluateAll((imgs) =>
    Object.fromEntries(
      imgs.map((img) => {
        const m = (img as HTMLElement).style.transform.match(/translate\(([-\d.]+)px, ([-\d.]+)px\)/)!;
        return [new URL((img as HTMLImageElement).src).pathname, [Number(m[1]), Number(m[2])]];
      }),
    ),
  );

test.describe('optional raster tiles', () => {
  test('without a tiles setting, the map asks for no tile at all', async ({ page }) => {
    const tiles: string[] = [];
    page.on('request', (r) => {
      if (/\/\d+\/\d+\/\d+\.png/.test(r.url())) tiles.push(r.url());
    });
    await page.goto('/?lang=en');
    await expect(mapRegion(page).getByRole('button', { name: 'China Embroidery Art Museum' })).toBeVisible();
    await expect(page.locator('.tiles img')).toHaveCount(0);
    expect(tiles).toEqual([]);
  });

  test('tiles draw under the sites; failed tiles hide and the offline basemap shows through', async ({ page }) => {
    await serveFixture(page, 'tiles-wgs84.geojson');
    const requested = await serveTiles(page);
    await page.goto('/?lang=en&data=fixtures/tiles-wgs84.geojson');
    await expect(mapRegion(page).getByRole('button', { name: 'China Embroidery Art Museum' })).toBeVisible();
    await expect.poll(() => requested.length).toBeGreaterThan(3);
    // Failed tiles are hidden; loaded ones stay.
    await expect.poll(() =>
      page.locator('.tiles img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLElement).style.visibility === 'hidden').length),
    ).toBeGreaterThan(0);
    await expect.poll(() =>
      page.locator('.tiles img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).length),
    ).toBeGreaterThan(0);
    await expect(page.locator('.basemap path').first()).toBeVisible();
    // The provider's credit shows, as text.
    await expect(mapRegion(page).getByText('Map tiles: Test tiles <b>not bold</b>')).toBeVisible();
    await expect(page.locator('.attribution b')).toHaveCount(0);
  });

  test('GCJ-02 tiles are moved west and north to line up with WGS84 data', async ({ page }) => {
    await serveFixture(page, 'tiles-wgs84.geojson');
    await serveFixture(page, 'tiles-gcj02.geojson');
    await serveTiles(page);
    await page.goto('/?lang=en&data=fixtures/tiles-wgs84.geojson');
    await expect(page.locator('.tiles img').first()).toBeAttached();
    const wgs = await tilePositions(page);
    await page.goto('/?lang=en&data=fixtures/tiles-gcj02.geojson');
    await expect(page.locator('.tiles img').first()).toBeAttached();
    const gcj = await tilePositions(page);
    const common = Object.keys(wgs).filter((k) => k in gcj);
    expect(common.length).toBeGreaterThan(0);
    const [dx, dy] = [gcj[common[0]][0] - wgs[common[0]][0], gcj[common[0]][1] - wgs[common[0]][1]];
    // Near Suzhou GCJ-02 lies about 0.0044° east and 0.0021° south of WGS84 (research notes).
    expect(dx).toBeLessThan(-1);
    expect(dy).toBeLessThan(-0.5);
    expect(dx / dy).toBeGreaterThan(1.3);
    expect(dx / dy).toBeLessThan(2.4);
    // Every tile moves by the same amount, so the grid stays seamless.
    for (const k of common) {
      expect(gcj[k][0] - wgs[k][0]).toBeCloseTo(dx, 1);
      expect(gcj[k][1] - wgs[k][1]).toBeCloseTo(dy, 1);
    }
  });
});
