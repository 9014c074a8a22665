import { test, expect, mapRegion, timelineRegion, serveFixture } from './fixtures';
import type { Page } from '@playwright/test';

// The bundled Suzhou tour has ten chapters of 12 s or more; the fixture has three.
const LEYI = 'Site of Suzhou’s first CPC branch, former Leyi Girls’ School';
const RAID = 'Memorial to the Night Raid on Xushuguan';
const SHAJIABANG = 'Shajiabang Revolutionary History Memorial Hall';

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const tourButton = (page: Page) => page.getByRole('button', { name: /^(Tour|导览)$/ });
const card = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });
const status = (page: Page) => page.locator('.tour-card').getByRole('status');
const progress = (page: Page) => page.getByRole('progressbar', { name: /^(Chapter time|本章时间)$/ });
const panel = (page: Page, site: string) => page.getByRole('region', { name: site, exact: true });

test.describe('the guided tour', () => {
  test('the Tour button starts it; Next, Previous and Exit move through it by click', async ({ page }) => {
    await page.goto('/?lang=en');
    await tourButton(page).click();
    await expect(status(page)).toHaveText('Chapter 1 of 10');
    await expect(card(page, '1925: Suzhou’s first CPC branch')).toBeVisible();
    await expect(panel(page, LEYI)).toBeVisible();
    await expect(tourButton(page)).toHaveAttribute('aria-pressed', 'true');
    // Previous leads nowhere from the first chapter.
    await expect(button(page, 'Previous')).toHaveAttribute('aria-disabled', 'true');
    await expect(page).toHaveURL(/[?&]tour=1&chapter=1\b/);

    await button(page, 'Next').click();
    await expect(status(page)).toHaveText('Chapter 2 of 10');
    await expect(card(page, '1939: Night raid on Xushuguan')).toContainText('Ye Fei');
    await expect(panel(page, RAID)).toBeVisible();
    await expect(timelineRegion(page).getByRole('slider', { name: 'As of' })).toHaveAttribute('aria-valuetext', '24 June 1939');
    await expect(page).toHaveURL(/[?&]chapter=2\b/);

    await button(page, 'Previous').click();
    await expect(status(page)).toHaveText('Chapter 1 of 10');
    await expect(panel(page, LEYI)).toBeVisible();

    await button(page, 'Exit tour').click();
    await expect(page.locator('.tour-card')).toHaveCount(0);
    await expect(tourButton(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(page).not.toHaveURL(/[?&]tour=/);
    // The map and the panel stay where the tour left them.
    await expect(panel(page, LEYI)).toBeVisible();
  });

  test('the keyboard drives it: Enter starts, Tab reaches the buttons, Escape leaves', async ({ page }) => {
    await page.goto('/?lang=en');
    await tourButton(page).focus();
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText('Chapter 1 of 10');
    // From the card, Tab goes through its buttons in reading order.
    for (const name of ['Exit tour', 'Previous', 'Pause tour', 'Next']) {
      await page.keyboard.press('Tab');
      await expect(button(page, name)).toBeFocused();
    }
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText('Chapter 2 of 10');
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText('Chapter 3 of 10');
    await expect(button(page, 'Next')).toBeFocused();

    await page.keyboard.press('Shift+Tab');
    await expect(button(page, 'Pause tour')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(button(page, 'Play tour')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(button(page, 'Previous')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText('Chapter 2 of 10');

    await page.keyboard.press('Escape');
    await expect(page.locator('.tour-card')).toHaveCount(0);
    await expect(tourButton(page)).toBeFocused();
  });

  test('it speaks Chinese', async ({ page }) => {
    await page.goto('/?lang=zh');
    await tourButton(page).click();
    await expect(status(page)).toHaveText('第 1 章，共 10 章');
    await expect(card(page, '1925年：苏州第一个中共组织')).toBeVisible();
    await button(page, '下一章').click();
    await expect(status(page)).toHaveText('第 2 章，共 10 章');
    await expect(button(page, '暂停导览')).toBeVisible();
    await button(page, '上一章').click();
    await expect(status(page)).toHaveText('第 1 章，共 10 章');
    // Switching the language mid-tour switches the card too.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(status(page)).toHaveText('Chapter 1 of 10');
    await button(page, 'Exit tour').click();
    await expect(page.locator('.tour-card')).toHaveCount(0);
  });

  test('?tour=1&chapter=3 opens chapter 3 with its site and its time', async ({ page }) => {
    await page.goto('/?lang=en&tour=1&chapter=3');
    await expect(status(page)).toHaveText('Chapter 3 of 10');
    await expect(card(page, 'Autumn 1939: the wounded at Yangcheng Lake')).toBeVisible();
    await expect(panel(page, SHAJIABANG)).toBeVisible();
    const timeline = timelineRegion(page);
    await expect(timeline.getByRole('button', { name: 'Period' })).toHaveAttribute('aria-pressed', 'true');
    await expect(timeline.getByRole('slider', { name: 'From' })).toHaveAttribute('aria-valuetext', '1939');
    // The map flew there: the site's marker is near the middle of the map.
    const map = (await mapRegion(page).boundingBox())!;
    const marker = mapRegion(page).getByRole('button', { name: SHAJIABANG, exact: true });
    await expect(async () => {
      const m = (await marker.boundingBox())!;
      expect(Math.abs(m.x + m.width / 2 - (map.x + map.width / 2))).toBeLessThan(20);
      expect(Math.abs(m.y + m.height / 2 - (map.y + map.height / 2))).toBeLessThan(20);
    }).toPass();

    // Back goes to the chapter before, and out of the tour before that.
    await button(page, 'Next').click();
    await expect(status(page)).toHaveText('Chapter 4 of 10');
    await page.goBack();
    await expect(status(page)).toHaveText('Chapter 3 of 10');
    await expect(panel(page, SHAJIABANG)).toBeVisible();
  });

  test('a chapter past the end opens the last one', async ({ page }) => {
    await page.goto('/?lang=en&tour=1&chapter=99');
    await expect(status(page)).toHaveText('Chapter 10 of 10');
    await expect(button(page, 'Next')).toHaveAttribute('aria-disabled', 'true');
  });

  // The fixture's chapters last 3 s, 30 s and 1.5 s: the short ones are
  // watched running out, the long one is looked at without a race.
  test('autoplay moves on after a chapter\'s seconds; a box chapter selects nothing', async ({ page }) => {
    await serveFixture(page, 'short-tour.geojson');
    await page.goto('/?lang=en&data=fixtures/short-tour.geojson&tour=1');
    await expect(card(page, 'The north hall')).toBeVisible();
    await expect(panel(page, 'North Hall')).toBeVisible();
    await expect(button(page, 'Pause tour')).toBeVisible();

    await expect(status(page)).toHaveText('Chapter 2 of 3', { timeout: 8_000 });
    await expect(card(page, 'The whole area')).toBeVisible();
    // The map fits the box; of the sites in it, the one of 1949 shows.
    await expect(mapRegion(page).getByRole('button', { name: 'South Gate', exact: true })).toBeInViewport();
    await expect(mapRegion(page).getByRole('button', { name: 'North Hall', exact: true })).toHaveCount(0);
    // Text from the data is text, never HTML.
    await expect(card(page, 'The whole area')).toContainText('<b>not bold</b>');
    await expect(panel(page, 'Short tour test')).toBeVisible();
    await expect(timelineRegion(page).getByRole('slider', { name: 'From' })).toHaveAttribute('aria-valuetext', '1949');
    await expect(page).toHaveURL(/[?&]chapter=2\b/);
    // The progress bar fills as the chapter's time runs.
    const now = async () => Number(await progress(page).getAttribute('aria-valuenow'));
    const first = await now();
    await expect.poll(now).toBeGreaterThan(first);
  });

  test('Pause holds the chapter, Play goes on, and the tour stops at its end', async ({ page }) => {
    await serveFixture(page, 'short-tour.geojson');
    await page.goto('/?lang=en&data=fixtures/short-tour.geojson&tour=1&chapter=2');
    await expect(status(page)).toHaveText('Chapter 2 of 3');
    await button(page, 'Pause tour').click();
    await expect(button(page, 'Play tour')).toBeVisible();
    const held = await progress(page).getAttribute('aria-valuenow');
    await page.waitForTimeout(1_500);
    await expect(progress(page)).toHaveAttribute('aria-valuenow', held!);
    await button(page, 'Play tour').click();
    await expect(button(page, 'Pause tour')).toBeVisible();

    // The last chapter runs out: it stays, full, with autoplay off.
    await button(page, 'Next').click();
    await expect(status(page)).toHaveText('Chapter 3 of 3');
    await expect(panel(page, 'South Gate')).toBeVisible();
    await expect(button(page, 'Play tour')).toBeVisible({ timeout: 5_000 });
    await expect(progress(page)).toHaveAttribute('aria-valuenow', '100');
    await page.waitForTimeout(1_000);
    await expect(status(page)).toHaveText('Chapter 3 of 3');
    // Play at the end plays the last chapter again.
    await button(page, 'Play tour').click();
    await expect(button(page, 'Pause tour')).toBeVisible();
    await expect(button(page, 'Play tour')).toBeVisible({ timeout: 5_000 });
  });

  test('screenshot: a chapter on the desktop', async ({ page }, testInfo) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/?lang=en&tour=1&chapter=2');
    await expect(panel(page, RAID)).toBeVisible();
    await button(page, 'Pause tour').click();
    await page.screenshot({ path: testInfo.outputPath('tour-desktop.png') });
  });
});

test.describe('the guided tour on a small phone', () => {
  test.use({ viewport: { width: 360, height: 640 } });

  test('a tap starts it and the card leaves the map in sight @phone', async ({ page }, testInfo) => {
    await page.goto('/?lang=zh');
    await tourButton(page).tap();
    await expect(status(page)).toHaveText('第 1 章，共 10 章');
    await button(page, '暂停导览').tap();
    await button(page, '下一章').tap();
    await expect(status(page)).toHaveText('第 2 章，共 10 章');
    await expect(card(page, '1939年：夜袭浒墅关')).toBeVisible();

    // The card covers at most the lower part of the map, and the chapter's
    // site (centred on the map) stays visible above it.
    const map = (await mapRegion(page).boundingBox())!;
    const box = (await page.locator('.tour-card').boundingBox())!;
    expect(box.y).toBeGreaterThan(map.y + map.height / 2);
    const marker = mapRegion(page).getByRole('button', { name: '夜袭浒墅关纪念碑', exact: true });
    await expect(async () => {
      const m = (await marker.boundingBox())!;
      expect(m.y + m.height).toBeLessThan(box.y);
    }).toPass();
    await page.screenshot({ path: testInfo.outputPath('tour-phone.png') });

    await button(page, '退出导览').tap();
    await expect(page.locator('.tour-card')).toHaveCount(0);
  });
});
