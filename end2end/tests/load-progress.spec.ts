import { test, expect, mapRegion } from './fixtures';
import type { Page } from '@playwright/test';

// Issue 13 item 4 and issue 14 item 4: a large dataset is checked a batch at
// a time, so the page answers while it loads; a progress bar (only for large
// files) says how far it has got, and Cancel stops it with a clear state.

const BIG = 'generated/big.geojson';
const XUSHUGUAN = 'Memorial to the Night Raid on Xushuguan';

/** A lean synthetic collection of `count` sites, like tools/synth.py --lean. */
function bigCollection(count: number): Buffer {
  const parts: string[] = [];
  for (let n = 1; n <= count; n++) {
    const lon = (120 + ((n * 7919) % 10000) / 10000).toFixed(3);
    const lat = (31 + ((n * 104729) % 10000) / 10000).toFixed(3);
    parts.push(
      `{"type":"Feature","geometry":{"type":"Point","coordinates":[${lon},${lat}]},"properties":{"name":"S${n}","category":"memorial"}}`,
    );
  }
  const atlas = '{"title":{"zh":"合成数据","en":"Synthetic data"}}';
  return Buffer.from(`{"type":"FeatureCollection","atlas":${atlas},"features":[\n${parts.join(',\n')}\n]}`);
}

async function serveBig(page: Page, count: number) {
  const body = bigCollection(count);
  await page.route(`**/${BIG}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/geo+json', body }),
  );
}

test.describe('loading a large dataset', () => {
  test('the page answers a click while the sites are checked, and the progress says how far', async ({ page }) => {
    test.setTimeout(180_000);
    await serveBig(page, 150_000);
    await page.goto(`/?lang=en&data=${BIG}`);
    const bar = page.getByRole('progressbar', { name: 'Loading the dataset' });
    await expect(bar).toHaveAttribute('aria-valuetext', /^Checking sites: \d+ of 150000$/, { timeout: 60_000 });
    await expect(page.getByText(/^Checking sites: \d+ of 150000$/)).toBeVisible();

    // A click during the check is handled within a second (between batches).
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh', { timeout: 1000 });
    // …while the file is still being checked.
    const zhBar = page.getByRole('progressbar', { name: '正在加载数据集' });
    await expect(zhBar).toHaveAttribute('aria-valuetext', /^正在检查地点：\d+ \/ 150000$/);

    // The load then ends as it always did: the bar goes, the sites show.
    await expect(zhBar).toHaveCount(0, { timeout: 150_000 });
    await expect(page.getByRole('status')).toHaveCount(0);
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(mapRegion(page).getByRole('button').first()).toBeVisible();
  });

  test('Cancel stops the load and says so, with a way to load again', async ({ page }) => {
    test.setTimeout(180_000);
    await serveBig(page, 150_000);
    await page.goto(`/?lang=en&data=${BIG}`);
    const bar = page.getByRole('progressbar', { name: 'Loading the dataset' });
    await expect(bar).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();

    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Loading was cancelled; no data is shown.');
    await expect(bar).toHaveCount(0);
    await expect(page.getByRole('status')).toHaveCount(0);
    await page.getByRole('button', { name: '中文' }).click();
    await expect(alert).toContainText('已取消加载，未显示任何数据。');
    // Nothing of the file is drawn, not even later.
    await page.waitForTimeout(1500);
    await expect(mapRegion(page).getByRole('button', { name: /^S\d+$|处地点$/ })).toHaveCount(0);

    // Reload starts the load again.
    await alert.getByRole('button', { name: '重新加载' }).click();
    await expect(page.getByRole('progressbar', { name: '正在加载数据集' })).toBeVisible({ timeout: 60_000 });
  });

  test('the bundled dataset never shows the progress bar', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { sawProgress: boolean };
      w.sawProgress = false;
      new MutationObserver(() => {
        if (document.querySelector('progress, [role="progressbar"]')) w.sawProgress = true;
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto('/?lang=en');
    await expect(mapRegion(page).getByRole('button', { name: XUSHUGUAN })).toBeVisible();
    await expect(page.getByRole('status')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(false);
  });
});
