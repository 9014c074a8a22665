import { test, expect, mapRegion, timelineRegion } from './fixtures';
import type { Page } from '@playwright/test';

const RAID = 'Memorial to the Night Raid on Xushuguan';
const RAID_ZH = '夜袭浒墅关纪念碑';
const MUSEUM = 'China Embroidery Art Museum';
const SHAJIABANG = 'Shajiabang Revolutionary History Memorial Hall';

const raidMarker = (page: Page) => mapRegion(page).getByRole('button', { name: RAID, exact: true });
const cursor = (page: Page) => timelineRegion(page).getByRole('slider', { name: /^(As of|截至)$/ });

test.describe('the timeline filters the map', () => {
  test('?t=1930 hides the 1939 memorial and ?t=1940 shows it', async ({ page }) => {
    await page.goto('/?lang=en&t=1930');
    // A site of 1925 is there, so the map has loaded; the 1939 memorial is not.
    await expect(mapRegion(page).getByRole('button', { name: /Leyi Girls/ })).toBeVisible();
    await expect(raidMarker(page)).toHaveCount(0);
    await expect(cursor(page)).toHaveAttribute('aria-valuetext', '1930');
    await expect(timelineRegion(page).getByRole('button', { name: 'As of', exact: true })).toHaveAttribute('aria-pressed', 'true');

    await page.goto('/?lang=en&t=1940');
    await expect(raidMarker(page)).toBeVisible();
    await expect(cursor(page)).toHaveAttribute('aria-valuetext', '1940');
  });

  test('"All time" resets the filter and says so', async ({ page }) => {
    await page.goto('/?lang=en&t=1930');
    await expect(raidMarker(page)).toHaveCount(0);
    const timeline = timelineRegion(page);
    await expect(timeline).toContainText('Showing what existed by 1930');
    await timeline.getByRole('button', { name: 'All time' }).click();
    await expect(raidMarker(page)).toBeVisible();
    await expect(timeline.getByRole('button', { name: 'All time' })).toHaveAttribute('aria-pressed', 'true');
    await expect(timeline).toContainText('Showing sites of all times');
    await expect(page).not.toHaveURL(/[?&]t=/);
  });

  test('the period brush shows only the sites with an event in it', async ({ page }) => {
    await page.goto('/?lang=en&from=1960&to=1970');
    const timeline = timelineRegion(page);
    await expect(timeline.getByRole('button', { name: 'Period' })).toHaveAttribute('aria-pressed', 'true');
    const from = timeline.getByRole('slider', { name: 'From' });
    const to = timeline.getByRole('slider', { name: 'To' });
    await expect(from).toHaveAttribute('aria-valuetext', '1960');
    await expect(to).toHaveAttribute('aria-valuetext', '1970');
    await expect(raidMarker(page)).toHaveCount(0);
    // Move the start back to 1930 with the keyboard: PageDown is ten years, arrows one.
    await from.focus();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect(from).toHaveAttribute('aria-valuetext', '1930');
    await expect(raidMarker(page)).toBeVisible();
    await expect(page).toHaveURL(/from=1930&to=1970|to=1970.*from=1930/);
    // The start handle cannot pass the end handle.
    await page.keyboard.press('End');
    await expect(from).toHaveAttribute('aria-valuetext', '1970');
  });

  test('dragging the "as of" cursor filters the map', async ({ page }) => {
    await page.goto('/?lang=en&t=1930');
    await expect(timelineRegion(page).getByRole('button', { name: /Night raid on Xushuguan/ })).toBeVisible();
    await expect(raidMarker(page)).toHaveCount(0);
    const handle = cursor(page);
    const box = (await handle.boundingBox())!;
    const strip = (await page.locator('.strip').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(strip.x + strip.width - 2, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect(raidMarker(page)).toBeVisible();
    const year = Number((await handle.getAttribute('aria-valuetext'))!.match(/\d{4}/)![0]);
    expect(year).toBeGreaterThan(2000);
  });
});

test.describe('the sliders work from the keyboard', () => {
  test('arrows step a year, PageUp/PageDown ten, Home and End go to the ends', async ({ page }) => {
    await page.goto('/?lang=en&t=1939');
    const handle = cursor(page);
    await expect(handle).toHaveAttribute('aria-valuemin', '502');
    await expect(handle).toHaveAttribute('aria-valuemax', '2025');
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await expect(handle).toHaveAttribute('aria-valuetext', '1940');
    await expect(handle).toHaveAttribute('aria-valuenow', '1940');
    await expect(raidMarker(page)).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(handle).toHaveAttribute('aria-valuetext', '1938');
    await expect(raidMarker(page)).toHaveCount(0);
    await page.keyboard.press('PageUp');
    await expect(handle).toHaveAttribute('aria-valuetext', '1948');
    await page.keyboard.press('Home');
    await expect(handle).toHaveAttribute('aria-valuetext', '502');
    await page.keyboard.press('End');
    await expect(handle).toHaveAttribute('aria-valuetext', '2025');
  });

  test('in "All time" the cursor rests at the end and moving it starts filtering', async ({ page }) => {
    await page.goto('/?lang=en');
    const handle = cursor(page);
    await expect(handle).toHaveAttribute('aria-valuetext', '2025');
    await handle.focus();
    await page.keyboard.press('PageDown');
    await expect(timelineRegion(page).getByRole('button', { name: 'As of', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/[?&]t=2015/);
  });

  test('a day-precise cursor reads as a day, in Chinese too', async ({ page }) => {
    await page.goto('/?lang=zh&t=1939-06-24');
    await expect(cursor(page)).toHaveAttribute('aria-valuetext', '1939年6月24日');
    await expect(mapRegion(page).getByRole('button', { name: RAID_ZH, exact: true })).toBeVisible();
    await expect(timelineRegion(page)).toContainText('显示截至1939年6月24日已有的地点');
  });
});

test.describe('playback', () => {
  test('Play advances the cursor; Space pauses and no timer runs while paused', async ({ page }) => {
    await page.goto('/?lang=en&t=1930');
    const handle = cursor(page);
    await expect(handle).toHaveAttribute('aria-valuetext', '1930');
    const play = timelineRegion(page).getByRole('button', { name: 'Play' });
    await play.click();
    await expect(timelineRegion(page).getByRole('button', { name: 'Pause' })).toBeVisible();
    // The cursor reaches 1939, where it rests on Shajiabang's first event and
    // the map follows to that site; then it passes the raid of 24 June 1939.
    await expect(page.getByRole('region', { name: SHAJIABANG })).toBeVisible({ timeout: 15_000 });
    await expect(raidMarker(page)).toBeVisible({ timeout: 15_000 });
    const playing = Number(await handle.getAttribute('aria-valuenow'));
    expect(playing).toBeGreaterThan(1939.4);

    // Space on the page (focus on the body) pauses.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await expect(timelineRegion(page).getByRole('button', { name: 'Play' })).toBeVisible();
    const paused = await handle.getAttribute('aria-valuenow');
    // Paused means idle: once the URL has caught up, nothing asks for a frame
    // or a timer, and the cursor stays where it is.
    await expect(page).toHaveURL(/[?&]t=19[34]\d/);
    const scheduled = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let calls = 0;
          const [raf, timeout, interval] = [window.requestAnimationFrame, window.setTimeout, window.setInterval];
          window.requestAnimationFrame = ((cb: FrameRequestCallback) => (calls++, raf.call(window, cb))) as typeof raf;
          window.setInterval = ((...a: Parameters<typeof interval>) => (calls++, interval.apply(window, a))) as typeof interval;
          window.setTimeout = ((...a: Parameters<typeof timeout>) => (calls++, timeout.apply(window, a))) as typeof timeout;
          timeout.call(window, () => {
            Object.assign(window, { requestAnimationFrame: raf, setTimeout: timeout, setInterval: interval });
            resolve(calls);
          }, 1500);
        }),
    );
    expect(scheduled).toBe(0);
    await expect(handle).toHaveAttribute('aria-valuenow', paused!);

    // Space on the slider plays again.
    await handle.focus();
    await page.keyboard.press('Space');
    await expect(timelineRegion(page).getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect
      .poll(async () => Number(await handle.getAttribute('aria-valuenow')), { timeout: 10_000 })
      .toBeGreaterThan(Number(paused));
  });

  test('with reduced motion, Play jumps from event to event', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/?lang=en&t=1930');
    await timelineRegion(page).getByRole('button', { name: 'Play' }).click();
    // After 1930 come Shajiabang (1939) and the raid of 24 June 1939: the cursor lands exactly on each.
    await expect(cursor(page)).toHaveAttribute('aria-valuetext', '1939', { timeout: 5_000 });
    await expect(cursor(page)).toHaveAttribute('aria-valuetext', '24 June 1939', { timeout: 5_000 });
    await expect(raidMarker(page)).toHaveAttribute('aria-pressed', 'true');
  });
});

test.describe('linking the timeline and the map', () => {
  test('hovering an event highlights its site; hovering a site highlights its events', async ({ page }) => {
    await page.goto('/?lang=en');
    const event = timelineRegion(page).getByRole('button', { name: /Night raid on Xushuguan/ });
    await event.hover();
    await expect(raidMarker(page)).toHaveClass(/\bhovered\b/);
    await page.mouse.move(5, 5);
    await expect(raidMarker(page)).not.toHaveClass(/\bhovered\b/);

    await raidMarker(page).hover();
    const events = timelineRegion(page).locator('.mark.of-hovered');
    await expect(events).toHaveCount(3);
    await expect(events.first()).toContainText('Night raid on Xushuguan');
  });

  test('focusing an event with Tab highlights its site', async ({ page }) => {
    await page.goto('/?lang=en');
    const first = timelineRegion(page).getByRole('button', { name: /c\. 502–519/ });
    await first.focus();
    await page.keyboard.press('Tab');
    // Events are in date order: after the temple comes the school of 1925.
    await expect(page.locator(':focus')).toContainText('September 1925');
    await expect(mapRegion(page).getByRole('button', { name: /Leyi Girls/ })).toHaveClass(/\bhovered\b/);
  });

  test('selecting a site on the map brings its event into view on a zoomed timeline', async ({ page }) => {
    await page.goto('/?lang=en');
    const timeline = timelineRegion(page);
    const zoomIn = timeline.getByRole('button', { name: 'Zoom timeline in' });
    for (let i = 0; i < 4; i++) await zoomIn.click();
    const museumEvent = timeline.getByRole('button', { name: /2021.*China Embroidery Art Museum/ });
    await mapRegion(page).getByRole('button', { name: MUSEUM, exact: true }).click();
    await expect(museumEvent).toBeInViewport();
    await expect(museumEvent).toHaveAttribute('aria-pressed', 'true');
    const strip = (await page.locator('.strip').boundingBox())!;
    const mark = (await museumEvent.boundingBox())!;
    expect(mark.x).toBeGreaterThanOrEqual(strip.x);
    expect(mark.x + mark.width).toBeLessThanOrEqual(strip.x + strip.width);
  });
});

test.describe('the time axis', () => {
  test('fits the data, collapses the empty centuries and zooms to months', async ({ page }) => {
    await page.goto('/?lang=en');
    const labels = page.locator('.tick-label');
    await expect(labels.first()).toBeVisible();
    // Both ends of the data are on the axis, with the empty centuries between collapsed.
    await expect(page.locator('.axis-break')).toHaveCount(1);
    const years = (await labels.allTextContents()).map(Number);
    expect(years.some((y) => y < 600)).toBe(true);
    expect(years.some((y) => y >= 2000)).toBe(true);
    // The temple's founding, c. 502–519, is a period: its bar runs from 502 to the end of 519, 18 years.
    const temple = timelineRegion(page).getByRole('button', { name: /c\. 502–519/ });
    const bar = (await temple.locator('.mark-range').boundingBox())!;
    const tickAt = async (label: string) => (await page.locator('.tick', { hasText: new RegExp(`^${label}$`) }).boundingBox())!.x;
    const tenYears = (await tickAt('520')) - (await tickAt('510'));
    expect(bar.width / tenYears).toBeCloseTo(1.8, 1);

    // Wheel zoom about the pointer ends on month ticks.
    const strip = (await page.locator('.strip').boundingBox())!;
    const raid = timelineRegion(page).getByRole('button', { name: /Night raid on Xushuguan/ });
    const box = (await raid.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, strip.y + strip.height - 10);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -300);
    await expect(page.locator('.tick-label', { hasText: /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/ }).first()).toBeVisible();
    await expect(raid).toBeInViewport();

    // Dragging pans; "Show the whole timeline" fits it again.
    const before = (await raid.boundingBox())!.x;
    await page.mouse.move(strip.x + 40, strip.y + 12);
    await page.mouse.down();
    await page.mouse.move(strip.x + 140, strip.y + 12, { steps: 5 });
    await page.mouse.up();
    expect((await raid.boundingBox())!.x - before).toBeCloseTo(100, 0);
    await timelineRegion(page).getByRole('button', { name: 'Show whole timeline' }).click();
    await expect(page.locator('.axis-break')).toHaveCount(1);
  });

  test('two fingers pinch the axis wider', async ({ page }) => {
    await page.goto('/?lang=en');
    const timeline = timelineRegion(page);
    const raid = timeline.getByRole('button', { name: /Night raid on Xushuguan/ });
    const siege = timeline.getByRole('button', { name: /1944 Siege of Chongshan/ });
    await expect(raid).toBeVisible();
    const gap = async () => (await siege.boundingBox())!.x - (await raid.boundingBox())!.x;
    const before = await gap();
    const strip = (await page.locator('.strip').boundingBox())!;
    const y = strip.y + 10;
    const x0 = (await raid.boundingBox())!.x;
    // Two touch pointers on the bare strip, moving apart from 100 px to 200 px.
    await page.locator('.strip').evaluate((el, { x0, y }) => {
      const fire = (type: string, id: number, x: number) =>
        el.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', clientX: x, clientY: y, button: 0, bubbles: true, isPrimary: id === 1 }));
      fire('pointerdown', 1, x0 - 50);
      fire('pointerdown', 2, x0 + 50);
      for (let i = 1; i <= 10; i++) {
        fire('pointermove', 1, x0 - 50 - 5 * i);
        fire('pointermove', 2, x0 + 50 + 5 * i);
      }
      fire('pointerup', 1, x0 - 100);
      fire('pointerup', 2, x0 + 100);
    }, { x0, y });
    await expect.poll(gap).toBeGreaterThan(before * 1.6);
    expect(await gap()).toBeLessThan(before * 2.5);
  });

  test('crowded events merge into one mark that zooms in when chosen @phone', async ({ page }) => {
    await page.goto('/?lang=en');
    const merged = timelineRegion(page).getByRole('button', { name: /^\d+ events \(.*\): expand$/ }).first();
    await expect(merged).toBeVisible();
    const name = (await merged.getAttribute('aria-label'))!;
    const count = Number(name.match(/^(\d+)/)![1]);
    expect(count).toBeGreaterThan(3);
    const box = (await merged.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    await merged.tap();
    await expect(timelineRegion(page).getByRole('button', { name })).toHaveCount(0);
  });
});

test.describe('deep links', () => {
  test('a link restores site, time and language; Back and Forward move through selections', async ({ page }) => {
    await page.goto('/?site=xushuguan-raid-memorial&t=1940&lang=zh');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
    await expect(mapRegion(page).getByRole('button', { name: RAID_ZH, exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: RAID_ZH })).toBeVisible();
    await expect(cursor(page)).toHaveAttribute('aria-valuetext', '1940年');

    // A new selection is a new history entry carrying the whole view.
    await timelineRegion(page).getByRole('button', { name: /中国刺绣艺术馆/ }).click();
    await expect(page.getByRole('region', { name: '中国刺绣艺术馆' })).toBeVisible();
    await expect(page).toHaveURL(/site=embroidery-museum/);
    await expect(page).toHaveURL(/t=1940/);
    await expect(page).toHaveURL(/lang=zh/);

    await page.goBack();
    await expect(page).toHaveURL(/site=xushuguan-raid-memorial/);
    await expect(page.getByRole('region', { name: RAID_ZH })).toBeVisible();
    await page.goForward();
    await expect(page.getByRole('region', { name: '中国刺绣艺术馆' })).toBeVisible();

    // Switching language is written back too; a reload restores all of it.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page).toHaveURL(/lang=en/);
    await page.reload();
    await expect(page.getByRole('region', { name: MUSEUM })).toBeVisible();
    await expect(timelineRegion(page).getByRole('button', { name: /China Embroidery Art Museum/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(cursor(page)).toHaveAttribute('aria-valuetext', '1940');
  });
});

test('timeline screenshot', async ({ page }, testInfo) => {
  await page.goto('/?lang=en&t=1949');
  await timelineRegion(page).getByRole('button', { name: /Night raid on Xushuguan/ }).hover();
  const shot = await page.screenshot({ path: testInfo.outputPath('timeline.png') });
  await testInfo.attach('timeline', { body: shot, contentType: 'image/png' });
});
