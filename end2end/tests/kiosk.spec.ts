import { test, expect, mapRegion, centre, gap, pinch } from './fixtures';
import type { Locator, Page } from '@playwright/test';

// Kiosk mode (?kiosk=1): an unattended touch screen. After `idle` seconds
// without input it asks "Still there?", counts down ten seconds, then goes
// back to the start and plays the attract tour (src/kiosk/, atlas-core idle.rs).

const KIOSK = '/?kiosk=1&idle=3&lang=en';
const RAID = 'Memorial to the Night Raid on Xushuguan';
const MUSEUM = 'China Embroidery Art Museum';

const raidMarker = (page: Page) => mapRegion(page).getByRole('button', { name: RAID, exact: true });
const stillThere = (page: Page) => page.getByRole('dialog', { name: /^(Still there\?|还在浏览吗？)$/ });

/** The countdown's number of seconds, as the dialog shows it. */
async function secondsLeft(dialog: Locator): Promise<number> {
  const text = await dialog.getByRole('timer').textContent();
  return Number(text!.match(/\d+/)![0]);
}

test.describe('kiosk mode', () => {
  test('after the idle time it asks "Still there?", counts down and starts over', async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    await page.goto(KIOSK);
    await raidMarker(page).click();
    await expect(page.getByRole('region', { name: RAID })).toBeVisible();

    const dialog = stillThere(page);
    await expect(dialog).toBeVisible({ timeout: 10_000 });
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog.getByRole('button', { name: 'Continue' })).toBeFocused();
    await expect(dialog.getByRole('timer')).toHaveText(/^Starting over in \d+ seconds?$/);
    const first = await secondsLeft(dialog);
    expect(first).toBeLessThanOrEqual(10);
    await expect.poll(() => secondsLeft(dialog), { timeout: 4_000 }).toBeLessThan(first);
    const shot = await page.screenshot({ path: testInfo.outputPath('kiosk-still-there.png') });
    await testInfo.attach('kiosk: still there?', { body: shot, contentType: 'image/png' });

    // Nobody answers: back to the start.
    await expect(dialog).toBeHidden({ timeout: 15_000 });
    // The raid's panel is closed (its marker may be hidden now: the attract
    // tour's first chapter is set before 1939).
    await expect(page.getByRole('region', { name: RAID })).toHaveCount(0);
    // The dataset has a tour, so the attract loop plays it…
    await expect(page.getByRole('status').filter({ hasText: /^Chapter 1 of \d+$/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Exit tour', exact: true })).toBeVisible();
    // …until any touch ends it, and the idle clock runs again.
    await page.mouse.click(5, 300);
    await expect(page.getByRole('button', { name: 'Exit tour', exact: true })).toHaveCount(0);
    await expect(stillThere(page)).toBeVisible({ timeout: 10_000 });
  });

  test('after a reset the attract tour plays, even when the last visitor left a tour paused', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(KIOSK);
    await page.getByRole('button', { name: 'Tour', exact: true }).click();
    await page.getByRole('button', { name: 'Pause tour', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Play tour', exact: true })).toBeVisible();
    // The visitor walks away: "Still there?", the countdown, the start over…
    await expect(stillThere(page)).toBeVisible({ timeout: 10_000 });
    await expect(stillThere(page)).toBeHidden({ timeout: 15_000 });
    // …and the attract tour plays on its own, not paused as it was left.
    await expect(page.getByRole('status').filter({ hasText: /^Chapter 1 of \d+$/ })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pause tour', exact: true })).toBeVisible();
  });

  test('a touch during the countdown continues the visit; the start language comes back', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(KIOSK);
    await raidMarker(page).click();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh');

    const dialog = stillThere(page);
    await expect(dialog).toBeVisible({ timeout: 10_000 });
    await expect(dialog).toHaveAccessibleName('还在浏览吗？');
    await expect(dialog.getByRole('timer')).toHaveText(/^\d+ 秒后回到首页$/);
    await dialog.getByRole('button', { name: '继续' }).click();
    await expect(dialog).toBeHidden();
    // The visit goes on as it was.
    const raidZh = mapRegion(page).getByRole('button', { name: '夜袭浒墅关纪念碑', exact: true });
    await expect(raidZh).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: '夜袭浒墅关纪念碑' })).toBeVisible();

    // The idle clock started again: asked again, unanswered this time.
    await expect(dialog).toBeVisible({ timeout: 10_000 });
    await expect(dialog).toBeHidden({ timeout: 15_000 });
    // The link's language (?lang=en) is the start's.
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('region', { name: RAID })).toHaveCount(0);
  });

  test('no context menu, no text selection, sources as plain text', async ({ page }) => {
    await page.goto(KIOSK);
    await expect(page.locator('.app')).toHaveClass(/\bkiosk\b/);
    await raidMarker(page).click();
    const panel = page.getByRole('region', { name: RAID });
    await expect(panel.getByRole('heading', { name: 'Sources' })).toBeVisible();

    const menuPrevented = await panel.getByRole('heading', { level: 2 }).evaluate((el) => {
      const ev = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, button: 2 });
      el.dispatchEvent(ev);
      return ev.defaultPrevented;
    });
    expect(menuPrevented).toBe(true);
    for (const el of [page.locator('.app'), panel.locator('.summary')]) {
      expect(await el.evaluate((e) => getComputedStyle(e).userSelect)).toBe('none');
    }
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overscrollBehaviorX)).toBe('none');
    // A kiosk has no way back from another site: no links out of the app.
    await expect(panel.getByRole('link')).toHaveCount(0);
    await expect(panel.locator('.sources li').first()).not.toBeEmpty();
  });

  test('an ordinary page keeps its context menu and its source links', async ({ page }) => {
    await page.goto('/?lang=en');
    await raidMarker(page).click();
    const panel = page.getByRole('region', { name: RAID });
    await expect(panel.getByRole('link').first()).toBeVisible();
    await expect(page.locator('.app')).not.toHaveClass(/\bkiosk\b/);
    const menuPrevented = await panel.evaluate((el) => {
      const ev = new MouseEvent('contextmenu', { bubbles: true, cancelable: true, button: 2 });
      el.dispatchEvent(ev);
      return ev.defaultPrevented;
    });
    expect(menuPrevented).toBe(false);
  });

  // The default idle time (90 s) here: "Still there?" must not cover the page mid-measurement.
  test('every target is at least 48 × 48 CSS px', async ({ page }, testInfo) => {
    await page.goto('/?kiosk=1&lang=en');
    await raidMarker(page).click();
    await expect(page.getByRole('region', { name: RAID })).toBeVisible();
    await expectTargetsAtLeast48(page);
    const shot = await page.screenshot({ path: testInfo.outputPath('kiosk.png') });
    await testInfo.attach('kiosk', { body: shot, contentType: 'image/png' });
  });

  test('on a touch screen: big targets; two fingers zoom the map, never the page @phone', async ({ page }, testInfo) => {
    await page.goto('/?kiosk=1&lang=en');
    const museum = mapRegion(page).getByRole('button', { name: MUSEUM, exact: true });
    await expect(museum).toBeVisible();
    const before = await gap(raidMarker(page), museum);
    // About the middle of the two sites, so both stay in view.
    const [pa, pb] = [await centre(raidMarker(page)), await centre(museum)];
    await pinch(page, (pa.x + pb.x) / 2 + 30, (pa.y + pb.y) / 2);
    await expect.poll(() => gap(raidMarker(page), museum)).toBeGreaterThan(before * 1.3);
    expect(await page.evaluate(() => window.visualViewport!.scale)).toBe(1);

    await raidMarker(page).tap();
    await expect(raidMarker(page)).toHaveAttribute('aria-pressed', 'true');
    await expectTargetsAtLeast48(page);
    // Outside the map, two fingers do nothing.
    const timelineBox = (await page.getByRole('region', { name: 'Timeline' }).boundingBox())!;
    await pinch(page, timelineBox.x + timelineBox.width / 2, timelineBox.y + 60);
    expect(await page.evaluate(() => window.visualViewport!.scale)).toBe(1);
    const shot = await page.screenshot({ path: testInfo.outputPath('kiosk-phone.png') });
    await testInfo.attach('kiosk on a phone', { body: shot, contentType: 'image/png' });
  });

  test('on a touch screen, a tap on "Still there?" continues the visit @phone', async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    await page.goto(KIOSK);
    await raidMarker(page).tap();
    await expect(raidMarker(page)).toHaveAttribute('aria-pressed', 'true');
    const dialog = stillThere(page);
    await expect(dialog).toBeVisible({ timeout: 10_000 });
    const shot = await page.screenshot({ path: testInfo.outputPath('kiosk-phone-still-there.png') });
    await testInfo.attach('kiosk on a phone: still there?', { body: shot, contentType: 'image/png' });
    // A tap anywhere on the dialog answers it, and lands on nothing beneath.
    await page.touchscreen.tap(10, 10);
    await expect(dialog).toBeHidden();
    await expect(raidMarker(page)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: RAID })).toBeVisible();
  });
});

/** Every visible button, slider, link, select and input measures at least 48 × 48 CSS px
 *  (a checkbox through its label, which is its target). */
async function expectTargetsAtLeast48(page: Page) {
  const targets = page.locator('button, [role="slider"], a[href], select, input, summary, [role="button"], [role="link"]');
  await expect(targets.filter({ visible: true }).first()).toBeVisible();
  const small: string[] = [];
  let measured = 0;
  for (const target of await targets.all()) {
    if (!(await target.isVisible())) continue;
    const isCheckbox = await target.evaluate((el) => el instanceof HTMLInputElement && el.type === 'checkbox');
    const box = isCheckbox ? await target.locator('xpath=ancestor::label[1]').boundingBox() : await target.boundingBox();
    if (!box) continue;
    measured += 1;
    if (box.width < 47.5 || box.height < 47.5) {
      const name = (await target.getAttribute('aria-label')) ?? (await target.textContent()) ?? '';
      small.push(`${name.trim().slice(0, 40)} ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
    }
  }
  expect(measured).toBeGreaterThan(10);
  expect(small, 'targets smaller than 48 × 48 px').toEqual([]);
}

