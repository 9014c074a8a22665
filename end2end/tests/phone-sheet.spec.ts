import { test, expect, mapRegion, timelineRegion, centre } from './fixtures';
import type { Locator, Page } from '@playwright/test';

// On a 360×640 phone the detail panel is a bottom sheet: it opens peeking,
// its handle (dragged, tapped, or pressed from the keyboard) takes it to full
// and back, and a drag down closes it. The map and the timeline stay usable.

const RAID = 'Memorial to the Night Raid on Xushuguan';
const HEIGHT = 640;

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, 'the element is laid out').not.toBeNull();
  return b!;
}

/** One finger drags from the centre of `el` by `dy` px, in steps of 15 px. */
async function touchDrag(page: Page, el: Locator, dy: number) {
  const { x, y } = await centre(el);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }] });
  const steps = Math.max(1, Math.round(Math.abs(dy) / 15));
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + (dy * i) / steps, id: 1 }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** The sheet's top edge, once it has come to rest. */
async function restingTop(panel: Locator) {
  let last = -1;
  await expect
    .poll(async () => {
      const y = (await box(panel)).y;
      const still = Math.abs(y - last) < 0.5;
      last = y;
      return still;
    })
    .toBe(true);
  return last;
}

test.describe('the bottom sheet on a 360×640 phone', () => {
  test.use({ viewport: { width: 360, height: HEIGHT } });

  test('a marker opens it peeking; drag up for all of it, the handle toggles, drag down closes @phone', async ({ page }, testInfo) => {
    await page.goto('/?lang=en');
    const marker = mapRegion(page).getByRole('button', { name: RAID });
    await marker.tap();

    // Peek: the name, the category and a line, in the lower 30 % of the screen.
    const panel = page.getByRole('region', { name: RAID });
    const expand = panel.getByRole('button', { name: 'Expand details' });
    await expect(expand).toHaveAttribute('aria-expanded', 'false');
    const peekTop = await restingTop(panel);
    expect(peekTop).toBeGreaterThan(HEIGHT * 0.7 - 4);
    expect(peekTop).toBeLessThan(HEIGHT * 0.7 + 4);
    await expect(panel.getByRole('heading', { name: RAID })).toBeInViewport({ ratio: 1 });
    await expect(panel.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });
    await expect(panel.getByText('Memorial', { exact: true })).toBeInViewport();
    await expect(panel.getByRole('heading', { name: 'Sources' })).not.toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath('sheet-peek-360x640.png') });

    // Dragging the handle up opens it in full; the handle now collapses it.
    await touchDrag(page, expand, -300);
    const collapse = panel.getByRole('button', { name: 'Collapse details' });
    await expect(collapse).toHaveAttribute('aria-expanded', 'true');
    const fullTop = await restingTop(panel);
    expect(fullTop).toBeLessThan(HEIGHT * 0.15);
    // The whole panel is there, scrolling within the sheet.
    const sources = panel.getByRole('heading', { name: 'Sources' });
    await sources.scrollIntoViewIfNeeded();
    await expect(sources).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath('sheet-full-360x640.png') });

    // The handle is a button: a tap collapses, Enter expands, Space collapses.
    await collapse.tap();
    await expect(expand).toHaveAttribute('aria-expanded', 'false');
    expect(await restingTop(panel)).toBeCloseTo(peekTop, 0);
    await expand.focus();
    await page.keyboard.press('Enter');
    await expect(collapse).toBeFocused();
    expect(await restingTop(panel)).toBeCloseTo(fullTop, 0);
    await page.keyboard.press('Space');
    await expect(expand).toBeFocused();
    expect(await restingTop(panel)).toBeCloseTo(peekTop, 0);

    // Dragging it down closes it, and the site is no longer selected.
    await touchDrag(page, expand, 160);
    await expect(panel).toHaveCount(0);
    await expect(marker).toHaveAttribute('aria-pressed', 'false');
    await page.screenshot({ path: testInfo.outputPath('sheet-closed-360x640.png') });
  });

  test('while it peeks the map pans by touch and the timeline scrolls up above it @phone', async ({ page }, testInfo) => {
    await page.goto('/?lang=en');
    const marker = mapRegion(page).getByRole('button', { name: RAID });
    await marker.tap();
    const panel = page.getByRole('region', { name: RAID });
    const top = await restingTop(panel);

    // One finger on the map, above the sheet, pans it.
    await expect.poll(async () => (await centre(marker)).y).toBeLessThan(top);
    const before = await centre(marker);
    const map = await box(mapRegion(page));
    const cdp = await page.context().newCDPSession(page);
    const [x, y] = [map.x + 60, Math.min(map.y + map.height - 40, top - 40)];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }] });
    for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + i * 10, y: y - i * 6, id: 1 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(async () => (await centre(marker)).x - before.x).toBeGreaterThan(40);
    await expect(panel).toBeVisible();

    // The page scrolls the timeline clear of the sheet, and its controls answer a tap.
    await page.locator('.stage').evaluate((stage) => stage.scrollTo(0, stage.scrollHeight));
    const timeline = timelineRegion(page);
    await expect.poll(async () => { const t = await box(timeline); return t.y + t.height; }).toBeLessThanOrEqual(top + 1);
    await timeline.getByRole('button', { name: 'Play' }).tap();
    await expect(timeline.getByRole('button', { name: 'Pause' })).toBeVisible();
    await timeline.getByRole('button', { name: 'Pause' }).tap();
    await page.screenshot({ path: testInfo.outputPath('sheet-peek-timeline-360x640.png') });
  });

  test('speaks Chinese, and with reduced motion it does not animate @phone', async ({ page }, testInfo) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/?lang=zh&site=xushuguan-raid-memorial');
    const panel = page.getByRole('region', { name: '夜袭浒墅关纪念碑' });
    const handle = panel.getByRole('button', { name: '展开详情' });
    await expect(handle).toHaveAttribute('aria-expanded', 'false');
    expect(await panel.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
    // Reached from the keyboard, the handle shows its focus ring above the sheet's edge.
    await panel.getByRole('button', { name: '关闭' }).focus();
    await page.keyboard.press('Shift+Tab');
    await expect(handle).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath('sheet-peek-zh-focus-360x640.png') });
    await handle.tap();
    await expect(panel.getByRole('button', { name: '收起详情' })).toHaveAttribute('aria-expanded', 'true');
    await page.screenshot({ path: testInfo.outputPath('sheet-full-zh-360x640.png') });
  });

  test('a mouse drags it too, and the click that ends the drag does not undo it @phone', async ({ page }) => {
    await page.goto('/?lang=en&site=xushuguan-raid-memorial');
    const panel = page.getByRole('region', { name: RAID });
    const { x, y } = await centre(panel.getByRole('button', { name: 'Expand details' }));
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x, y - i * 30);
    await page.mouse.up();
    await expect(panel.getByRole('button', { name: 'Collapse details' })).toHaveAttribute('aria-expanded', 'true');
    expect(await restingTop(panel)).toBeLessThan(HEIGHT * 0.15);
  });
});

test.describe('the panel on a 1280×800 screen', () => {
  test('stays beside the map, with no sheet handle', async ({ page }, testInfo) => {
    await page.goto('/?lang=en');
    await mapRegion(page).getByRole('button', { name: RAID }).click();
    const panel = page.getByRole('region', { name: RAID });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('button', { name: /details/ })).toHaveCount(0);
    const [map, side] = [await box(mapRegion(page)), await box(panel)];
    expect(side.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
    expect(side.width).toBeCloseTo(380, -1);
    expect(side.y).toBeCloseTo(map.y, 0);
    // It fills the side column beside the map (and scrolls inside it, below the site list's place).
    expect(side.height).toBeGreaterThanOrEqual(map.height - 1);
    expect(await panel.evaluate((el) => getComputedStyle(el).transform)).toBe('none');
    await page.screenshot({ path: testInfo.outputPath('sheet-none-1280x800.png') });
  });
});
