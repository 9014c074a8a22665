import fs from 'node:fs';
import path from 'node:path';
import { test, expect, mapRegion } from './fixtures';
import type { Page } from '@playwright/test';

// The release build's service worker (public/sw.js, registered by src/offline.rs)
// keeps a snapshot of the app, its dataset and basemap, so a kiosk keeps working
// when its network or server goes away, and takes a new snapshot only when the
// app asks (docs/kiosk.md, "Offline and updates").

const XUSHUGUAN = 'Memorial to the Night Raid on Xushuguan';
const DATASET = 'data/suzhou-red-heritage.geojson';

/** Resolves once the worker has copied the site and controls the page. */
async function offlineReady(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 20_000 });
}

/** What the app posts at an idle reset (activate_waiting_update in src/offline.rs). */
async function askForUpdate(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.controller!.postMessage({ type: 'activate-update' }));
}

test.describe('offline kiosk', () => {
  test('shows the map and its sites after the server goes away', async ({ page, context }) => {
    await page.goto('/?lang=en');
    await expect(mapRegion(page).getByRole('button', { name: XUSHUGUAN })).toBeVisible();
    await offlineReady(page);

    // No network at all: the browser is offline and any request that still
    // reached the network layer would fail.
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    // Every request of the page must be answered by the worker.
    const notFromWorker: string[] = [];
    page.on('requestfailed', (request) => notFromWorker.push(`${request.url()} failed`));
    page.on('response', (response) => {
      if (!response.fromServiceWorker()) notFromWorker.push(response.url());
    });

    await page.reload();
    const map = mapRegion(page);
    await expect(map).toBeVisible();
    const marker = map.getByRole('button', { name: XUSHUGUAN });
    await expect(marker).toBeVisible();
    await marker.click();
    // The panel's text comes from the dataset: the dataset was served from the snapshot.
    await expect(page.getByRole('region', { name: XUSHUGUAN })).toContainText('24 June 1939');
    // The basemap layers came too: the app lists no failed layer.
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(notFromWorker, 'requests the worker did not answer').toEqual([]);
  });

  test('takes a replaced dataset only when the app asks, never mid-visit', async ({ page, context }) => {
    await page.goto('/?lang=en');
    await expect(mapRegion(page).getByRole('button', { name: XUSHUGUAN })).toBeVisible();
    await offlineReady(page);

    // A curator replaces the dataset on the server: the memorial gets a new name.
    const revised = `${XUSHUGUAN} (revised)`;
    const original = fs.readFileSync(path.join(__dirname, '..', '..', 'public', DATASET), 'utf8');
    const replaced = original.replace(`"en": "${XUSHUGUAN}"`, `"en": "${revised}"`);
    expect(replaced).not.toEqual(original);
    await context.route(`**/${DATASET}`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/geo+json', body: replaced }),
    );

    // A new visit still sees the snapshot it started with.
    await page.reload();
    const map = mapRegion(page);
    await expect(map.getByRole('button', { name: XUSHUGUAN, exact: true })).toBeVisible();

    // First idle reset: nothing is ready, so the worker looks at the server and stages the change.
    await askForUpdate(page);
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).includes('atlas-staged')), { timeout: 15_000 })
      .toBe(true);
    await page.reload();
    await expect(map.getByRole('button', { name: XUSHUGUAN, exact: true })).toBeVisible();

    // Next idle reset: the staged snapshot becomes the live one, and the worker says so.
    const activated = page.evaluate(
      () =>
        new Promise<string>((resolve) =>
          navigator.serviceWorker.addEventListener('message', (event) => resolve(event.data?.type)),
        ),
    );
    await askForUpdate(page);
    expect(await activated).toBe('update-activated');
    await page.reload();
    await expect(map.getByRole('button', { name: revised, exact: true })).toBeVisible();
  });
});
