import { test, expect, timelineRegion } from './fixtures';

// Thousands of events: every slot of the strip is a merged mark, and counts
// of three or four digits are wider than a slot. They must never run into
// each other (issue 12, item 6): a count too wide for its slot widens its
// mark over the next one, and the events there join its count.

const SITES = 6000;

/** A made-up dataset of SITES sites, one event each, crowded into 1930–1950. */
function crowdedDataset(): string {
  const features = Array.from({ length: SITES }, (_, i) => {
    const n = String(i + 1).padStart(5, '0');
    const year = 1930 + (i % 21);
    const month = String(1 + (i % 12)).padStart(2, '0');
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [100 + (i % 97) * 0.3, 22 + (i % 89) * 0.2] },
      properties: {
        id: `crowd-${n}`,
        name: { zh: `合成地点 ${n}`, en: `Synthetic site ${n}` },
        category: 'event-site',
        events: [{ date: `${year}-${month}`, title: { zh: `合成事件 ${n}`, en: `Synthetic event ${n}` } }],
        sources: [{ title: 'Synthetic data (end2end/tests/timeline-crowd.spec.ts)' }],
      },
    };
  });
  return JSON.stringify({
    type: 'FeatureCollection',
    atlas: { version: 1, title: { zh: '合成数据', en: 'Synthetic data' } },
    features,
  });
}

test('merged marks never overprint their counts, and every event is counted', async ({ page }) => {
  const body = crowdedDataset();
  await page.route('**/fixtures/timeline-crowd.geojson', (route) =>
    route.fulfill({ status: 200, contentType: 'application/geo+json', body }),
  );
  await page.goto('/?lang=en&data=fixtures/timeline-crowd.geojson');
  const merged = timelineRegion(page).getByRole('button', { name: /^\d+ events/ });
  await expect(merged.first()).toBeVisible();
  await page.waitForTimeout(300);
  const marks = await timelineRegion(page).locator('.mark.merged').evaluateAll((buttons) =>
    buttons.map((b) => {
      const box = b.getBoundingClientRect();
      const label = b.querySelector('span')!;
      // The text's own extent, not its span's box (which may be stretched by the grid).
      const range = document.createRange();
      range.selectNodeContents(label);
      const text = range.getBoundingClientRect();
      return { box: [box.left, box.right], text: [text.left, text.right], count: Number(label.textContent), name: b.getAttribute('aria-label') ?? '' };
    }),
  );
  expect(marks.length).toBeGreaterThan(3);
  // Counts of three digits and more are there: the case that used to overprint.
  expect(marks.some((m) => m.count >= 100)).toBe(true);
  const visible = marks.filter((m) => m.box[1] > 0);
  for (const m of visible) {
    // Each count is drawn whole inside its own mark, and the number shown is the one its name says.
    expect(m.text[0], `${m.count} starts inside its mark`).toBeGreaterThanOrEqual(m.box[0]);
    expect(m.text[1], `${m.count} ends inside its mark`).toBeLessThanOrEqual(m.box[1]);
    expect(m.name.startsWith(`${m.count} events`)).toBe(true);
  }
  const texts = visible.map((m) => m.text).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < texts.length; i++) {
    expect(texts[i][0], 'no two counts intersect').toBeGreaterThanOrEqual(texts[i - 1][1]);
  }
  await page.screenshot({ path: test.info().outputPath('timeline-crowd.png') });
});
