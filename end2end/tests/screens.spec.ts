import { test, expect, serveFixture, mapRegion, timelineRegion } from './fixtures';
import type { Locator, Page } from '@playwright/test';

const RAID = 'Memorial to the Night Raid on Xushuguan';
const RAID_ID = 'xushuguan-raid-memorial';

const phoneButton = (page: Page) => page.getByRole('button', { name: 'Continue on your phone' });
const handOff = (page: Page) => page.getByRole('dialog', { name: 'Continue on your phone' });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, 'the element is laid out').not.toBeNull();
  return b!;
}

test.describe('continue on your phone', () => {
  test('a click opens a QR code of the current view; Escape closes it and focus returns', async ({ page }, testInfo) => {
    await page.goto('/?lang=en');
    await mapRegion(page).getByRole('button', { name: RAID }).click();
    await expect(page.getByRole('region', { name: RAID })).toBeVisible();

    await phoneButton(page).click();
    const dialog = handOff(page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();

    // The code is SVG elements: a view box, and one path with the dark modules.
    const qr = dialog.getByRole('img', { name: 'QR code of the link to this view' });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg');
    expect(await qr.getAttribute('viewBox')).toMatch(/^0 0 (\d+) \1$/);
    const d = await qr.locator('path').getAttribute('d');
    expect(d).toMatch(/^M\d+ \d+h\d+v1h-\d+z( M\d+ \d+h\d+v1h-\d+z)+$/);
    const size = await qr.evaluate((svg) => svg.getBoundingClientRect().width);
    expect(size).toBeGreaterThanOrEqual(200);

    // The link beneath is this page's own address with the view, and says a phone may not reach it.
    const origin = new URL(page.url()).origin;
    const link = dialog.getByText(`site=${RAID_ID}`);
    await expect(link).toHaveText(`${origin}/?site=${RAID_ID}&lang=en`);
    await expect(dialog.getByText("this device's own address")).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('qr-dialog-1280x800.png') });

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(phoneButton(page)).toBeFocused();
    await expect(phoneButton(page)).toHaveAttribute('aria-expanded', 'false');
  });

  test('works from the keyboard alone, in Chinese, and keeps focus inside', async ({ page }) => {
    await page.goto(`/?lang=zh&site=${RAID_ID}&t=1940`);
    const button = page.getByRole('button', { name: '在手机上继续' });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '在手机上继续' });
    await expect(dialog).toBeVisible();
    const close = dialog.getByRole('button', { name: '关闭' });
    await expect(close).toBeFocused();
    await expect(dialog.getByText(`site=${RAID_ID}`)).toHaveText(/\?site=xushuguan-raid-memorial&t=1940&lang=zh$/);
    await expect(dialog.getByText('此链接指向本机自身的地址')).toBeVisible();
    // Tab and Shift+Tab stay on the dialog's only control.
    await page.keyboard.press('Tab');
    await expect(close).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(close).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(button).toBeFocused();
  });

  test('a dataset with a public address links phones there, not to the kiosk itself', async ({ page }) => {
    await serveFixture(page, 'kiosk-public-url.geojson');
    await page.goto(`/?lang=en&kiosk=1&data=fixtures/kiosk-public-url.geojson&site=${RAID_ID}`);
    await expect(page.getByRole('region', { name: RAID })).toBeVisible();
    await phoneButton(page).click();
    const dialog = handOff(page);
    const link = dialog.getByText(`site=${RAID_ID}`);
    await expect(link).toHaveText(
      `https://atlas.example.org/huqiu/?data=fixtures%2Fkiosk-public-url.geojson&site=${RAID_ID}&lang=en`,
    );
    await expect(dialog.getByText("this device's own address")).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(phoneButton(page)).toBeFocused();
  });

  test('the link follows the view, and opening it pauses playback', async ({ page }) => {
    await page.goto('/?lang=en');
    await mapRegion(page).getByRole('button', { name: 'China Embroidery Art Museum' }).click();
    await page.getByRole('button', { name: '中文' }).click();
    await timelineRegion(page).getByRole('button', { name: '播放' }).click();
    await expect(timelineRegion(page).getByRole('button', { name: '暂停' })).toBeVisible();
    await page.getByRole('button', { name: '在手机上继续' }).click();
    const dialog = page.getByRole('dialog', { name: '在手机上继续' });
    await expect(timelineRegion(page).getByRole('button', { name: '播放' })).toBeAttached();
    await expect(dialog.getByText('site=embroidery-museum')).toHaveText(/\?site=embroidery-museum&t=[^&]+&lang=zh$/);
  });
});

test.describe('landscape kiosk, 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('map beside the panel, the timeline across the bottom', async ({ page }, testInfo) => {
    await page.goto('/?lang=en&kiosk=1');
    await mapRegion(page).getByRole('button', { name: RAID }).click();
    const panel = page.getByRole('region', { name: RAID });
    await expect(panel).toBeVisible();
    const [map, side, timeline] = [await box(mapRegion(page)), await box(panel), await box(timelineRegion(page))];
    expect(side.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
    expect(map.width).toBeGreaterThanOrEqual(1300);
    expect(map.height).toBeGreaterThanOrEqual(600);
    expect(side.width).toBeGreaterThanOrEqual(420);
    expect(timeline.y).toBeGreaterThanOrEqual(map.y + map.height - 1);
    expect(timeline.y + timeline.height).toBeLessThanOrEqual(1080 + 1);
    await phoneButton(page).click();
    await expect(handOff(page)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('kiosk-1920x1080-qr.png') });
    await page.keyboard.press('Escape');
    await page.screenshot({ path: testInfo.outputPath('kiosk-1920x1080.png') });
  });
});

test.describe('portrait kiosk, 1080×1920', () => {
  test.use({ viewport: { width: 1080, height: 1920 } });

  test('map on top, the panel and the timeline below it, all on one screen', async ({ page }, testInfo) => {
    await page.goto('/?lang=en&kiosk=1');
    await mapRegion(page).getByRole('button', { name: RAID }).click();
    const panel = page.getByRole('region', { name: RAID });
    await expect(panel).toBeVisible();
    const [map, below, timeline] = [await box(mapRegion(page)), await box(panel), await box(timelineRegion(page))];
    expect(map.width).toBeGreaterThanOrEqual(1070);
    expect(map.height).toBeGreaterThanOrEqual(800);
    expect(below.y).toBeGreaterThanOrEqual(map.y + map.height - 1);
    expect(below.width).toBeGreaterThanOrEqual(1000);
    expect(below.height).toBeGreaterThanOrEqual(300);
    expect(timeline.y).toBeGreaterThanOrEqual(map.y + map.height - 1);
    expect(timeline.y + timeline.height).toBeLessThanOrEqual(1920 + 1);
    // Nothing scrolls: the whole kiosk is on screen.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1920);
    await page.screenshot({ path: testInfo.outputPath('kiosk-1080x1920.png') });
  });
});

test.describe('small phone, 360×640', () => {
  test.use({ viewport: { width: 360, height: 640 } });

  test('the map stays usable and a chosen site opens a sheet over part of it @phone', async ({ page }, testInfo) => {
    await page.goto('/?lang=en');
    const mapBox = await box(mapRegion(page));
    expect(mapBox.height).toBeGreaterThanOrEqual(300);
    expect(mapBox.width).toBeGreaterThanOrEqual(359);
    // Nothing to hand off on the phone itself.
    await expect(phoneButton(page)).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath('phone-360x640-start.png') });

    const marker = mapRegion(page).getByRole('button', { name: RAID });
    await marker.tap();
    const panel = page.getByRole('region', { name: RAID });
    await expect(panel).toBeInViewport();
    await expect(panel.getByRole('button', { name: 'Close' })).toBeInViewport();
    const sheet = await box(panel);
    const map = await box(mapRegion(page));
    // The sheet leaves most of the map in view, with the chosen site above it.
    expect(sheet.y - map.y).toBeGreaterThanOrEqual(250);
    expect(sheet.height).toBeGreaterThanOrEqual(200);
    await expect.poll(async () => { const m = await box(marker); return m.y + m.height / 2; }).toBeLessThan(sheet.y);
    await page.screenshot({ path: testInfo.outputPath('phone-360x640.png') });

    await panel.getByRole('button', { name: 'Close' }).tap();
    await expect(panel).toHaveCount(0);
  });
});
