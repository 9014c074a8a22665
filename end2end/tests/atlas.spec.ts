import { test, expect, serveFixture, mapRegion, timelineRegion, restingBox } from './fixtures';

const NAMED_SITES = [
  { en: 'China Embroidery Art Museum', zh: '中国刺绣艺术馆' },
  { en: 'Memorial to the Night Raid on Xushuguan', zh: '夜袭浒墅关纪念碑' },
  { en: 'Shishan Subdistrict Party-Building Base', zh: '狮山街道党建基地' },
];

test.describe('the bundled Suzhou dataset', () => {
  test('shows the three named sites on the map, each opening its panel', async ({ page }) => {
    await page.goto('/?lang=en');
    const map = mapRegion(page);
    for (const site of NAMED_SITES) {
      const marker = map.getByRole('button', { name: site.en, exact: true });
      await expect(marker).toBeVisible();
      await marker.click();
      await expect(marker).toHaveAttribute('aria-pressed', 'true');
      const panel = page.getByRole('region', { name: site.en, exact: true });
      await expect(panel).toBeVisible();
      await expect(panel.getByRole('heading', { level: 2 })).toHaveText(site.en);
      await expect(panel.getByRole('heading', { name: 'Sources' })).toBeVisible();
    }
  });

  test('the Xushuguan panel tells the 1939 night raid with its sources', async ({ page }) => {
    await page.goto('/?lang=en');
    await mapRegion(page).getByRole('button', { name: 'Memorial to the Night Raid on Xushuguan' }).click();
    const panel = page.getByRole('region', { name: 'Memorial to the Night Raid on Xushuguan' });
    await expect(panel).toContainText('24 June 1939');
    await expect(panel).toContainText('Night raid on Xushuguan');
    await expect(panel).toContainText('±300 m');
    const links = panel.getByRole('list').last().getByRole('link');
    expect(await links.count()).toBeGreaterThan(0);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(href).toMatch(/^https?:\/\//);
    }
  });

  test('speaks Chinese with ?lang=zh and switches language with the language button', async ({ page }) => {
    await page.goto('/?lang=zh');
    const map = mapRegion(page);
    for (const site of NAMED_SITES) {
      await expect(map.getByRole('button', { name: site.zh, exact: true })).toBeVisible();
    }
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(mapRegion(page).getByRole('button', { name: NAMED_SITES[0].en, exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: '中文' })).toBeVisible();
  });

  test('choosing an event on the timeline selects its site on the map', async ({ page }) => {
    await page.goto('/?lang=en');
    const timeline = timelineRegion(page);
    const event = timeline.getByRole('button', { name: /Night raid on Xushuguan/ });
    await event.click();
    await expect(event).toHaveAttribute('aria-pressed', 'true');
    const marker = mapRegion(page).getByRole('button', { name: 'Memorial to the Night Raid on Xushuguan' });
    await expect(marker).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: 'Memorial to the Night Raid on Xushuguan' })).toContainText('1939');
    // The other sites' markers are not selected.
    await expect(mapRegion(page).getByRole('button', { name: NAMED_SITES[0].en })).toHaveAttribute('aria-pressed', 'false');
  });

  test('the timeline lists every event in date order', async ({ page }) => {
    await page.goto('/?lang=en');
    // Wait for the event marks, not just the timeline's own buttons.
    await expect(timelineRegion(page).getByRole('button', { name: /Night raid on Xushuguan/ })).toBeVisible();
    const dates = await timelineRegion(page).locator('.event-date').allTextContents();
    expect(dates.length).toBeGreaterThanOrEqual(12);
    expect(dates[0]).toBe('c. 502–519');
    const years = dates.map((d) => Number(d.match(/(\d{3,4})/)![1]));
    expect([...years].sort((a, b) => a - b)).toEqual(years);
  });

  test('sites without a known location stay reachable and say so', async ({ page }) => {
    await page.goto('/?lang=en');
    await page.getByRole('button', { name: 'Taihu Red Imprint Memorial Hall', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Taihu Red Imprint Memorial Hall' });
    await expect(panel).toContainText('Location not known yet');
    await expect(panel).toContainText('2024');
  });

  test('zoom buttons and dragging move the map; Reset view fits it again', async ({ page }) => {
    await page.goto('/?lang=en');
    const map = mapRegion(page);
    const b = map.getByRole('button', { name: NAMED_SITES[1].en });
    await expect(b).toBeVisible();
    // The zoom buttons zoom about the middle of the map: a site's distance from it doubles.
    const middle = (await page.getByRole('application', { name: /Interactive map/ }).boundingBox())!;
    const distance = async () => {
      const bb = (await b.boundingBox())!;
      return Math.hypot(bb.x + bb.width / 2 - (middle.x + middle.width / 2), bb.y + bb.height / 2 - (middle.y + middle.height / 2));
    };
    const before = await distance();
    // Zoom buttons animate; the map lands within a second.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(distance).toBeCloseTo(before * 2, 0);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await expect.poll(distance).toBeCloseTo(before, 0);

    // The zoom-out eases in: "close" can come a frame before it lands, so the start is read at rest.
    const start = await restingBox(b);
    const surface = page.locator('.map-surface');
    const box = (await surface.boundingBox())!;
    // Drag from the lower right, clear of the legend.
    const [x0, y0] = [box.x + box.width - 300, box.y + box.height - 160];
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x0 + 60, y0 + 40, { steps: 6 });
    // Holding still before letting go: no glide, the map stays where it was dragged.
    await page.waitForTimeout(150);
    await page.mouse.up();
    const moved = (await b.boundingBox())!;
    expect(moved.x - start.x).toBeCloseTo(60, 0);
    expect(moved.y - start.y).toBeCloseTo(40, 0);
    // A drag is not a click: nothing got selected.
    await expect(b).toHaveAttribute('aria-pressed', 'false');

    // A flick glides on: the map ends up further than the pointer travelled.
    // The flick runs inside the page, in one task, its moves 12 ms apart by the
    // clock: timers between them could be held back for 100 ms on a busy test
    // machine, which turns the flick into a slow drag that rightly does not glide.
    const beforeFlick = (await b.boundingBox())!;
    await page.getByRole('application', { name: /Interactive map/ }).evaluate((el, [x, y]) => {
      const fire = (type: string, dx: number) =>
        el.dispatchEvent(new PointerEvent(type, { pointerId: 7, pointerType: 'mouse', button: 0, buttons: 1, isPrimary: true, clientX: x + dx, clientY: y, bubbles: true }));
      const wait = (ms: number) => {
        const until = performance.now() + ms;
        while (performance.now() < until) {
          // Holding the thread: nothing else may run between the moves.
        }
      };
      fire('pointerdown', 0);
      for (let i = 1; i <= 4; i++) {
        wait(12);
        fire('pointermove', i * 20);
      }
      fire('pointerup', 80);
    }, [x0, y0]);
    await expect.poll(async () => (await b.boundingBox())!.x - beforeFlick.x).toBeGreaterThan(95);

    await page.getByRole('button', { name: 'Reset view' }).click();
    await expect.poll(async () => (await b.boundingBox())!.x).toBeCloseTo(start.x, 0);
    await expect.poll(async () => (await b.boundingBox())!.y).toBeCloseTo(start.y, 0);
  });

  test('main view screenshot', async ({ page }, testInfo) => {
    await page.goto('/?lang=en');
    await mapRegion(page).getByRole('button', { name: NAMED_SITES[1].en }).click();
    await expect(page.getByRole('region', { name: NAMED_SITES[1].en })).toBeVisible();
    const shot = await page.screenshot({ path: testInfo.outputPath('main-view.png') });
    await testInfo.attach('main view', { body: shot, contentType: 'image/png' });
  });

  test('works on a phone: tap a marker, read the panel @phone', async ({ page }) => {
    await page.goto('/?lang=en');
    const marker = mapRegion(page).getByRole('button', { name: NAMED_SITES[1].en });
    await marker.tap();
    await expect(marker).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('region', { name: NAMED_SITES[1].en })).toContainText('1939');
  });
});

test.describe('datasets with problems', () => {
  test('a file that is not JSON gets an alert naming the file, never a blank page', async ({ page }) => {
    await serveFixture(page, 'not-json.geojson');
    await page.goto('/?lang=en&data=fixtures/not-json.geojson');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('fixtures/not-json.geojson');
    await expect(alert).toContainText('not valid JSON at line 1, column 1');
    await expect(mapRegion(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Zoom in' })).toBeVisible();
  });

  test('a missing file gets an alert with the HTTP status', async ({ page }) => {
    await page.goto('/?lang=en&data=fixtures/missing.geojson');
    await expect(page.getByRole('alert')).toContainText('fixtures/missing.geojson');
    await expect(page.getByRole('alert')).toContainText('HTTP 404');
  });

  test('a file on another origin is refused without a request', async ({ page }) => {
    await page.goto('/?lang=en&data=' + encodeURIComponent('https://example.org/data.geojson'));
    await expect(page.getByRole('alert')).toContainText("only data files from this page's own server");
  });

  test('one bad feature is named in the alert and the others still show', async ({ page }) => {
    await serveFixture(page, 'one-bad-feature.geojson');
    await page.goto('/?lang=en&data=fixtures/one-bad-feature.geojson');
    const map = mapRegion(page);
    await expect(map.getByRole('button', { name: 'Good site one' })).toBeVisible();
    await expect(map.getByRole('button', { name: 'Good site two' })).toBeVisible();
    await expect(map.getByRole('button', { name: 'Site with a bad date' })).toHaveCount(0);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('1 site skipped');
    await expect(alert).toContainText('feature 1 (id bad-date), properties.events[0].date: month 13 is not between 01 and 12');
  });

  test('while the data loads, a status message says so', async ({ page }) => {
    await serveFixture(page, 'one-bad-feature.geojson', 1500);
    await page.goto('/?lang=en&data=fixtures/one-bad-feature.geojson');
    await expect(page.getByRole('status')).toHaveText('Loading data…');
    await expect(page.getByRole('status')).toHaveCount(0, { timeout: 10_000 });
    await expect(mapRegion(page).getByRole('button', { name: 'Good site one' })).toBeVisible();
  });
});
