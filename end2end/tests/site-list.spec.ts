import { test, expect, mapRegion, timelineRegion } from './fixtures';
import type { Page } from '@playwright/test';

// The list of sites beside the map (issue 11, item 3): a region "Sites" with a
// search box, an order and a category filter that the map and the timeline obey.

const MUSEUM = 'China Embroidery Art Museum';
const MUSEUM_ZH = '中国刺绣艺术馆';
const RAID = 'Memorial to the Night Raid on Xushuguan';
const TAIHU = 'Taihu Red Imprint Memorial Hall';

const sitesRegion = (page: Page) => page.getByRole('region', { name: /^(Sites|地点)$/ });
const entry = (page: Page, name: string) => sitesRegion(page).getByRole('button', { name, exact: true });
const entryNames = (page: Page) => sitesRegion(page).locator('.site-entry-name').allTextContents();
const liveRegion = (page: Page) => sitesRegion(page).locator('[aria-live="polite"]');

test.describe('the site list', () => {
  test('lists every site, those not on the map marked, in date order or by name', async ({ page }) => {
    await page.goto('/?lang=en');
    const sites = sitesRegion(page);
    await expect(entry(page, RAID)).toBeVisible();
    await expect(sites.locator('.site-entry')).toHaveCount(12);
    await expect(sites).toContainText('12 sites shown');
    // The Taihu hall has no coordinates: it is listed, and says so.
    await expect(entry(page, TAIHU)).toHaveAccessibleDescription(/Not on the map yet/);
    await expect(entry(page, RAID)).toHaveAccessibleDescription('24 June 1939');
    // Date order: the 6th-century temple first, the 2024 hall last.
    const byDate = await entryNames(page);
    expect(byDate[0]).toBe('Hanshan Temple and Maple Bridge');
    expect(byDate[byDate.length - 1]).toBe(TAIHU);
    await sites.getByRole('button', { name: 'By name' }).click();
    await expect(sites.getByRole('button', { name: 'By name' })).toHaveAttribute('aria-pressed', 'true');
    const byName = await entryNames(page);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'en')));
  });

  test('search finds partial Chinese, English in any case, and addresses; the count is said politely', async ({ page }) => {
    await page.goto('/?lang=zh');
    const search = sitesRegion(page).getByRole('searchbox', { name: '搜索地点' });
    await search.fill('刺绣');
    await expect(sitesRegion(page).locator('.site-entry')).toHaveCount(1);
    await expect(entry(page, MUSEUM_ZH)).toBeVisible();
    await expect(liveRegion(page)).toHaveText('显示 1 个地点');

    await page.getByRole('button', { name: 'English' }).click();
    const en = sitesRegion(page).getByRole('searchbox', { name: 'Search sites' });
    await en.fill('night RAID');
    await expect(sitesRegion(page).locator('.site-entry')).toHaveCount(1);
    await expect(entry(page, RAID)).toBeVisible();
    // An English address, typed in lower case.
    await en.fill('luweidang road');
    await expect(entry(page, 'Shajiabang Revolutionary History Memorial Hall')).toBeVisible();
    await expect(liveRegion(page)).toHaveText('1 site shown');
    // The Chinese name finds it in English too.
    await en.fill('浒墅关');
    await expect(entry(page, RAID)).toBeVisible();
    await en.fill('no such place');
    await expect(sitesRegion(page)).toContainText('No site matches');
    await expect(liveRegion(page)).toHaveText('0 sites shown');
    // Escape clears a search.
    await en.press('Escape');
    await expect(en).toHaveValue('');
    await expect(sitesRegion(page).locator('.site-entry')).toHaveCount(12);
  });

  test('the category filter hides markers, timeline marks and entries alike', async ({ page }) => {
    await page.goto('/?lang=en');
    const marker = mapRegion(page).getByRole('button', { name: MUSEUM, exact: true });
    const marks = timelineRegion(page).locator('.mark.event', { hasText: MUSEUM });
    await expect(marker).toBeVisible();
    await expect(marks.first()).toBeAttached();
    await sitesRegion(page).locator('summary', { hasText: 'Show categories' }).click();
    const museums = sitesRegion(page).getByRole('group', { name: 'Show categories' }).getByRole('button', { name: /Museum/ });
    await expect(museums).toHaveAttribute('aria-pressed', 'true');
    await museums.click();
    await expect(museums).toHaveAttribute('aria-pressed', 'false');
    await expect(marker).toHaveCount(0);
    await expect(marks).toHaveCount(0);
    await expect(entry(page, MUSEUM)).toHaveCount(0);
    await expect(entry(page, TAIHU)).toHaveCount(0);
    await expect(liveRegion(page)).toHaveText('8 sites shown');
    // The folded filter says that something is hidden.
    await expect(sitesRegion(page).locator('summary')).toHaveText('Show categories (7/8)');
    // Other categories stay.
    await expect(mapRegion(page).getByRole('button', { name: RAID, exact: true })).toBeVisible();
    await museums.click();
    await expect(marker).toBeVisible();
    await expect(marks.first()).toBeAttached();
    await expect(entry(page, MUSEUM)).toBeVisible();
  });

  test('the list follows the time filter', async ({ page }) => {
    await page.goto('/?lang=en&t=1930');
    await expect(entry(page, 'Site of Suzhou’s first CPC branch, former Leyi Girls’ School')).toBeVisible();
    await expect(entry(page, RAID)).toHaveCount(0);
  });

  test('choosing an entry opens the panel and flies the map there; Back to list returns to it', async ({ page }) => {
    await page.goto('/?lang=en');
    await entry(page, RAID).click();
    const panel = page.getByRole('region', { name: RAID, exact: true });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('Night raid on Xushuguan');
    await expect(mapRegion(page).getByRole('button', { name: RAID, exact: true })).toHaveAttribute('aria-pressed', 'true');
    // The panel takes the list's place.
    await expect(sitesRegion(page)).toBeHidden();
    await panel.getByRole('button', { name: 'Back to list' }).click();
    await expect(panel).toBeHidden();
    await expect(entry(page, RAID)).toBeFocused();
  });

  test('desktop screenshot of the list', async ({ page }, testInfo) => {
    await page.goto('/?lang=zh');
    await expect(entry(page, '夜袭浒墅关纪念碑')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('site-list-desktop.png') });
  });

  test('kiosk: the list opens from a big "Sites" button, every target 48 px', async ({ page }, testInfo) => {
    await page.goto('/?kiosk=1&lang=en');
    await expect(mapRegion(page).getByRole('button', { name: RAID, exact: true })).toBeVisible();
    await expect(sitesRegion(page)).toBeHidden();
    await page.getByRole('button', { name: 'Sites', exact: true }).click();
    await expect(entry(page, RAID)).toBeVisible();
    await sitesRegion(page).locator('summary').click();
    for (const b of await sitesRegion(page).getByRole('button').all()) {
      const box = (await b.boundingBox())!;
      if (box) expect(box.height).toBeGreaterThanOrEqual(48);
    }
    await page.screenshot({ path: testInfo.outputPath('site-list-kiosk.png') });
    await entry(page, RAID).click();
    await expect(page.getByRole('region', { name: RAID, exact: true })).toBeVisible();
  });
});

test('phone: a "Sites" button opens the list over the lower screen @phone', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto('/?lang=zh');
  await expect(mapRegion(page).getByRole('button', { name: '夜袭浒墅关纪念碑', exact: true })).toBeVisible();
  await expect(sitesRegion(page)).toBeHidden();
  await page.getByRole('button', { name: '地点', exact: true }).tap();
  await expect(sitesRegion(page).locator('.site-entry-button').first()).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('site-list-phone.png') });
  await sitesRegion(page).getByRole('searchbox', { name: '搜索地点' }).fill('刺绣');
  await entry(page, MUSEUM_ZH).tap();
  const panel = page.getByRole('region', { name: MUSEUM_ZH, exact: true });
  await expect(panel).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('site-list-phone-panel.png') });
  await panel.getByRole('button', { name: '返回列表' }).tap();
  await expect(entry(page, MUSEUM_ZH)).toBeInViewport();
});
