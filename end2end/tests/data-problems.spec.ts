import { test, expect, mapRegion } from './fixtures';
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The app's alert must say exactly what atlas-check says: both read the
 * corpus in tests/bad-datasets, whose NAME.expected files hold the messages
 * (`error: …` / `warning: …`, then a summary line). Valid sites still show.
 */

const CORPUS = path.join(__dirname, '..', '..', 'tests', 'bad-datasets');
const SHOWN_AT_FIRST = 5;

/** Answers `/bad-datasets/NAME` from the corpus, so `?data=bad-datasets/NAME` loads it same-origin. */
async function serveCorpus(page: Page) {
  await page.route('**/bad-datasets/*', async (route) => {
    const name = path.basename(new URL(route.request().url()).pathname);
    const file = path.join(CORPUS, name);
    if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ status: 200, contentType: 'application/geo+json', body: fs.readFileSync(file) });
  });
}

/** Serves a dataset built in the test at `/generated/NAME`. */
async function serveGenerated(page: Page, name: string, body: string) {
  await page.route(`**/generated/${name}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/geo+json', body }),
  );
}

interface Expected {
  problems: { severity: 'error' | 'warning'; message: string }[];
  fatal: boolean;
}

function expectedFor(name: string): Expected {
  const lines = fs.readFileSync(path.join(CORPUS, `${name}.expected`), 'utf8').trimEnd().split('\n');
  const summary = lines.pop()!;
  const problems = lines.map((line) => {
    const m = line.match(/^(error|warning): (.*)$/);
    if (!m) throw new Error(`${name}.expected: cannot read "${line}"`);
    return { severity: m[1] as 'error' | 'warning', message: m[2] };
  });
  return { problems, fatal: summary === 'nothing can be shown from this file' };
}

const datasets = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith('.geojson'))
  .map((f) => f.replace(/\.geojson$/, ''));

test.describe('data problems: the alert lists what atlas-check prints', () => {
  test.beforeEach(async ({ page }) => serveCorpus(page));

  for (const name of datasets) {
    const expected = expectedFor(name);
    if (expected.fatal) {
      test(`${name}: the whole file is refused with its reason`, async ({ page }) => {
        await page.goto(`/?lang=en&data=bad-datasets/${name}.geojson`);
        const alert = page.getByRole('alert');
        await expect(alert).toContainText(`Could not load the data file bad-datasets/${name}.geojson`);
        await expect(alert).toContainText(expected.problems[0].message);
        await expect(mapRegion(page).getByRole('button', { name: /^Site / })).toHaveCount(0);
      });
      continue;
    }

    test(`${name}: every problem, the first ${SHOWN_AT_FIRST} at once, the rest behind "and N more"`, async ({ page }) => {
      await page.goto(`/?lang=en&data=bad-datasets/${name}.geojson`);
      const alert = page.getByRole('alert');
      const lines = expected.problems.map((p) => `${p.severity === 'error' ? 'Error' : 'Warning'}: ${p.message}`);
      const skipped = new Set(
        expected.problems.filter((p) => p.severity === 'error').map((p) => p.message.match(/^feature (\d+)/)?.[1]),
      ).size;
      const warnings = expected.problems.filter((p) => p.severity === 'warning').length;
      await expect(alert).toContainText(
        `${skipped} site${skipped === 1 ? '' : 's'} skipped because of errors, ${warnings} warning${warnings === 1 ? '' : 's'}`,
      );
      await expect(alert.getByRole('listitem')).toHaveText(lines.slice(0, SHOWN_AT_FIRST));
      const rest = lines.length - SHOWN_AT_FIRST;
      if (rest > 0) {
        await alert.getByText(`and ${rest} more`, { exact: true }).click();
        await expect(alert.getByRole('listitem')).toHaveText(lines);
      } else {
        await expect(alert.getByText(/^and \d+ more$/)).toHaveCount(0);
      }
    });
  }

  test('the valid sites still show, undated places too, and the skipped ones do not', async ({ page }) => {
    await page.goto('/?lang=en&data=bad-datasets/names-and-events.geojson');
    const map = mapRegion(page);
    await expect(map.getByRole('button', { name: 'Site good-1', exact: true })).toBeVisible();
    await expect(map.getByRole('button', { name: 'Site good-2', exact: true })).toBeVisible();
    // Places without events are shown undated, and the time status counts them.
    for (const undated of ['no-events', 'empty-events']) {
      await expect(map.getByRole('button', { name: `Site ${undated}`, exact: true })).toBeVisible();
    }
    await expect(page.getByText('2 undated places are on the map, not on the timeline', { exact: false })).toBeVisible();
    for (const skipped of ['bad-date', 'ends-early']) {
      await expect(map.getByRole('button', { name: `Site ${skipped}`, exact: true })).toHaveCount(0);
    }
    // No time filter hides them, and the status says so.
    await page.getByRole('button', { name: 'As of', exact: true }).click();
    await expect(page.getByText(', plus 2 undated places', { exact: false })).toBeVisible();
    await expect(map.getByRole('button', { name: 'Site no-events', exact: true })).toBeVisible();
    await map.getByRole('button', { name: 'Site no-events', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Site no-events', exact: true });
    await expect(panel).toContainText('No date known: this place is on the map, not on the timeline.');
  });

  test('a point written latitude first is shown where it belongs, and opens by link', async ({ page }) => {
    await page.goto('/?lang=en&data=bad-datasets/coordinates.geojson&site=latitude-first');
    await expect(page.getByRole('region', { name: 'Site latitude-first', exact: true })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('latitude and longitude are swapped');
  });

  test('messages follow the language', async ({ page }) => {
    await page.goto('/?lang=zh&data=bad-datasets/ids.geojson');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('listitem').first()).toHaveText(
      '错误: 要素 1 (id first), properties.id: id 重复，要素 0 已使用；每个地点须有唯一 id',
    );
    await page.getByRole('button', { name: 'English' }).click();
    await expect(alert.getByRole('listitem').first()).toHaveText(
      'Error: feature 1 (id first), properties.id: duplicate id, already used by feature 0; give each site its own id',
    );
  });

  test('a file over 50 MB is refused with a message, and the page stays usable', async ({ page }) => {
    const huge = ' '.repeat(50 * 1024 * 1024 + 1);
    await serveGenerated(page, 'huge.geojson', huge);
    await page.goto('/?lang=en&data=generated/huge.geojson');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('over the limit of 52428800 bytes');
    // The page still answers: the language button works.
    await page.getByRole('button', { name: '中文' }).click();
    await expect(alert).toContainText('超过 52428800 字节的上限');
  });
});

test.describe('GeoJSON from other tools', () => {
  test.beforeEach(async ({ page }) => serveCorpus(page));

  test('a route and an area draw under markers and are selectable like points', async ({ page }) => {
    await page.goto('/?lang=en&data=bad-datasets/foreign-tools.geojson');
    const map = mapRegion(page);
    // "title" and "name:en" became names; start/end, start_date and year became events.
    for (const name of ['Canal route', 'Zone', 'Pingjiang Road']) {
      await expect(map.getByRole('button', { name, exact: true })).toBeVisible();
    }
    const shapes = page.locator('.site-shapes > g');
    await expect(shapes).toHaveCount(2);
    await expect(page.locator('.site-shapes path.line')).toHaveCount(1);
    await expect(page.locator('.site-shapes path.area')).toHaveCount(1);
    // Clicking the drawn line (not the marker) selects the route.
    const line = page.locator('.site-shapes path.line');
    const box = (await line.boundingBox())!;
    expect(box.width).toBeGreaterThan(40);
    await clickOnPath(page, 'path.line');
    await expect(page.getByRole('region', { name: 'Canal route', exact: true })).toBeVisible();
    await expect(map.getByRole('button', { name: 'Canal route', exact: true })).toHaveAttribute('aria-pressed', 'true');
  });

  // Every geometry of npm's geojson-fixtures, wrapped as a feature: each must draw with a marker.
  const fixturesDir = path.join(__dirname, '..', '..', 'node_modules', 'geojson-fixtures', 'data', 'geometry');
  const fixtures = fs.readdirSync(fixturesDir).filter((f) => f.endsWith('.geojson'));

  test('geojson-fixtures is installed and holds every geometry type', async () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(14);
  });

  for (const file of fixtures) {
    const id = file.replace(/\.geojson$/, '');
    test(`geojson-fixtures ${id}: draws and is selectable`, async ({ page }) => {
      const geometry = JSON.parse(fs.readFileSync(path.join(fixturesDir, file), 'utf8'));
      const dataset = {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry,
            properties: {
              id,
              name: `Fixture ${id}`,
              category: 'landmark',
              events: [{ date: '1939', title: 'An event' }],
              sources: [{ title: 'geojson-fixtures 1.0.0' }],
            },
          },
        ],
      };
      await serveGenerated(page, `${id}.geojson`, JSON.stringify(dataset));
      await page.goto(`/?lang=en&data=generated/${id}.geojson`);
      const marker = mapRegion(page).getByRole('button', { name: `Fixture ${id}`, exact: true });
      await expect(marker).toBeVisible();
      // Clean: no errors and no warnings for any standard geometry.
      await expect(page.getByRole('alert')).toHaveCount(0);
      const isPoint = geometry.type === 'Point';
      await expect(page.locator('.site-shapes path')).toHaveCount(isPoint ? 0 : shapeParts(geometry));
      await marker.click();
      await expect(page.getByRole('region', { name: `Fixture ${id}`, exact: true })).toBeVisible();
    });
  }
});

/** Paths a geometry draws: one per polygon, line or extra point. */
function shapeParts(g: any): number {
  switch (g.type) {
    case 'Point':
    case 'LineString':
    case 'Polygon':
      return 1;
    case 'MultiPoint':
    case 'MultiLineString':
    case 'MultiPolygon':
      return g.coordinates.length;
    case 'GeometryCollection':
      return g.geometries.reduce((n: number, m: any) => n + shapeParts(m), 0);
    default:
      throw new Error(`unknown geometry ${g.type}`);
  }
}

/** Clicks a point on the drawn path itself, away from the marker that sits on it. */
async function clickOnPath(page: Page, selector: string) {
  const point = await page.locator(`.site-shapes ${selector}`).evaluate((el) => {
    const path = el as SVGPathElement;
    const at = path.getPointAtLength(path.getTotalLength() * 0.1);
    const m = path.getScreenCTM()!;
    return { x: at.x * m.a + at.y * m.c + m.e, y: at.x * m.b + at.y * m.d + m.f };
  });
  await page.mouse.click(point.x, point.y);
}
