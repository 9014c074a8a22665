import { test, expect, timelineRegion } from './fixtures';
import type { Locator, Page } from '@playwright/test';

// Issue 11, item 2: the whole journey with the keyboard alone (page.keyboard
// only, no pointer): find a site, open it, read its events, move the time
// cursor and the period, play and pause, switch the language, close the
// panel, and come back to where focus was.

const RAID = 'Memorial to the Night Raid on Xushuguan';
const RAID_ZH = '夜袭浒墅关纪念碑';

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

test('a visitor can do everything with the keyboard alone', async ({ page }) => {
  // Many key presses, each a round trip: slow on a busy machine, never stuck.
  test.setTimeout(120_000);
  await page.goto('/?lang=en');
  const timeline = timelineRegion(page);
  await expect(timeline.getByRole('button', { name: /Night raid on Xushuguan/ })).toBeAttached();

  // The first Tab reaches the skip links, which show when focused.
  await page.keyboard.press('Tab');
  const skipMap = page.getByRole('link', { name: 'Skip to map' });
  await expect(skipMap).toBeFocused();
  await expect(skipMap).toBeInViewport();
  await page.keyboard.press('Tab');
  const skipList = page.getByRole('link', { name: 'Skip to site list' });
  await expect(skipList).toBeFocused();
  await expect(skipList).toBeInViewport();
  await page.keyboard.press('Enter');

  // Find the site by typing, go down to its entry, open it.
  const search = page.getByRole('searchbox', { name: 'Search sites' });
  await expect(search).toBeFocused();
  await page.keyboard.type('xushuguan');
  const sites = page.getByRole('region', { name: 'Sites', exact: true });
  const entry = sites.getByRole('button', { name: RAID, exact: true });
  await expect(sites.locator('.site-entry')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await expect(entry).toBeFocused();
  await page.keyboard.press('Enter');

  // Its panel, labelled with its name, tells its events; focus is on its heading.
  const panel = page.getByRole('region', { name: RAID, exact: true });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  const events = panel.getByRole('list').first();
  await expect(events).toContainText('24 June 1939');
  await expect(events).toContainText('Night raid on Xushuguan');

  // Play and pause with Space on the button (playback starts from the beginning).
  const play = timeline.getByRole('button', { name: 'Play', exact: true });
  await tabTo(page, play);
  await page.keyboard.press('Space');
  const pause = timeline.getByRole('button', { name: 'Pause', exact: true });
  await expect(pause).toBeVisible();
  await page.keyboard.press('Space');
  await expect(timeline.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  // Move the time cursor with the arrows.
  const cursor = timeline.getByRole('slider', { name: 'As of', exact: true });
  await tabTo(page, cursor);
  await page.keyboard.press('End');
  await expect(cursor).toHaveAttribute('aria-valuetext', '2025');
  await page.keyboard.press('ArrowLeft');
  await expect(cursor).toHaveAttribute('aria-valuetext', '2024');

  // Switch to a period with its button, then move its start handle.
  const period = timeline.getByRole('button', { name: 'Period', exact: true });
  await tabTo(page, period, { back: true });
  await page.keyboard.press('Enter');
  await expect(period).toHaveAttribute('aria-pressed', 'true');
  const from = timeline.getByRole('slider', { name: 'From', exact: true });
  await tabTo(page, from);
  const before = Number(await from.getAttribute('aria-valuenow'));
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Number(await from.getAttribute('aria-valuenow'))).toBeGreaterThan(before);
  // And its end handle to the end, so the period takes in the raid of 1939 again.
  const to = timeline.getByRole('slider', { name: 'To', exact: true });
  await tabTo(page, to);
  await page.keyboard.press('End');
  await expect(to).toHaveAttribute('aria-valuetext', '2025');

  // Switch the language with the language button.
  const zh = page.getByRole('button', { name: '中文', exact: true });
  await tabTo(page, zh, { back: true });
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh');

  // Escape closes the panel (whichever site playback left in it), and focus
  // is back on the entry the visitor opened it from.
  const anyPanel = page.locator('.side .panel:not(.intro)');
  await expect(anyPanel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(anyPanel).toHaveCount(0);
  await expect(page.getByRole('region', { name: '地点', exact: true }).getByRole('button', { name: RAID_ZH, exact: true })).toBeFocused();
  // A second Escape in the list does nothing harmful; in the search box it clears the text.
  await tabTo(page, page.getByRole('searchbox', { name: '搜索地点' }), { back: true });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('searchbox', { name: '搜索地点' })).toHaveValue('');
});

test('Escape after choosing a marker returns focus to the marker', async ({ page }) => {
  await page.goto('/?lang=en');
  const marker = page.getByRole('region', { name: 'Map', exact: true }).getByRole('button', { name: RAID, exact: true });
  await expect(marker).toBeVisible();
  await marker.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: RAID, exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: RAID, exact: true })).toHaveCount(0);
  await expect(marker).toBeFocused();
});
