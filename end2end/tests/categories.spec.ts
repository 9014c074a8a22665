import { test, expect, serveFixture, mapRegion, timelineRegion } from './fixtures';
import type { Locator, Page } from '@playwright/test';

// many-categories.geojson: 37 sites under 14 made-up category values (fort 6, church 5, castle 4,
// settlement 4, tower 3, war 3, bridge 2, historic=memorial 2, mill 2, temple 2, then gate,
// lighthouse, shipwreck and well once each) and 2 sites without a category, in a shuffled file order.
const FIXTURE = 'many-categories.geojson';

const open = async (page: Page, lang: 'en' | 'zh' = 'en') => {
  await serveFixture(page, FIXTURE);
  await page.goto(`/?lang=${lang}&data=fixtures/${FIXTURE}`);
};

const legend = (page: Page) => mapRegion(page).locator('details.legend');
/** The legend's own lines, not the values listed inside "Other". */
const lines = (page: Page) => legend(page).locator(':scope > ul > li');
const style = (el: Locator, prop: string) =>
  el.evaluate((e, p) => getComputedStyle(e.querySelector('.marker-dot') ?? e).getPropertyValue(p).trim(), prop);

test.describe('categories from data', () => {
  test('the legend counts the ten most used values, then "No category", then "Other" with what it holds', async ({ page }) => {
    await open(page);
    await expect(lines(page)).toHaveCount(12);
    await expect(lines(page)).toHaveText([
      'fort 6', 'church 5', 'castle 4', 'settlement 4', 'tower 3', 'war 3',
      'bridge 2', 'historic=memorial 2', 'mill 2', 'temple 2',
      'No category 2',
      /^Other 4\s*gate 1\s*lighthouse 1\s*shipwreck 1\s*well 1$/,
    ]);
    // Each line draws a different symbol.
    const classes = await lines(page).locator('.legend-symbol').evaluateAll((els) => els.map((e) => e.className));
    expect(new Set(classes).size).toBe(12);
  });

  test('two unknown categories draw with different colours and shapes, on the map and the timeline', async ({ page }) => {
    await open(page);
    const map = mapRegion(page);
    const fort = map.getByRole('button', { name: 'Fort 1', exact: true });
    const church = map.getByRole('button', { name: 'Church 1', exact: true });
    await expect(fort).toHaveClass(/\bcat-slot-0\b/);
    await expect(church).toHaveClass(/\bcat-slot-1\b/);
    expect(await style(fort, '--shape')).not.toBe(await style(church, '--shape'));
    expect(await style(fort, '--cat')).not.toBe(await style(church, '--cat'));
    // A value past the ten shares the "Other" symbol; a site without a category has its own.
    await expect(map.getByRole('button', { name: 'Well 1', exact: true })).toHaveClass(/\bcat-other\b/);
    await expect(map.getByRole('button', { name: 'Uncategorised 1', exact: true })).toHaveClass(/\bcat-none\b/);
    // The timeline's marks use the same classes as the markers.
    await expect(timelineRegion(page).locator('.mark.event.cat-slot-0').first()).toBeAttached();
    // The panel names the missing category as the legend does.
    await map.getByRole('button', { name: 'Uncategorised 1', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Uncategorised 1' }).locator('.category')).toHaveText('No category');
  });

  test('the shared entries speak Chinese; the data\'s own values show as written', async ({ page }) => {
    await open(page, 'zh');
    await expect(lines(page).filter({ hasText: /^未分类/ })).toHaveText('未分类 2');
    await expect(lines(page).filter({ hasText: /^其他/ })).toContainText('其他 4');
    await expect(lines(page).first()).toHaveText('fort 6');
  });

  test('screenshot of the map with the legend', async ({ page }, testInfo) => {
    await open(page);
    await expect(lines(page)).toHaveCount(12);
    await mapRegion(page).screenshot({ path: testInfo.outputPath('categories-map.png') });
    // A long legend scrolls inside the map; its end shows what "Other" holds.
    await lines(page).last().scrollIntoViewIfNeeded();
    await expect(lines(page).last()).toBeInViewport();
    await mapRegion(page).screenshot({ path: testInfo.outputPath('categories-legend-end.png') });
  });

  test('on a phone the legend starts folded and opens with its counts @phone', async ({ page }) => {
    await open(page);
    await expect(legend(page)).not.toHaveAttribute('open');
    await expect(lines(page).first()).toBeHidden();
    await legend(page).locator('summary').click();
    await expect(lines(page).first()).toHaveText('fort 6');
  });
});
