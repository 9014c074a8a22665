import { test, expect, mapRegion, serveFixture } from './fixtures';
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Hostile datasets (issue 13, item 3). A file copied from anywhere must never
 * run code, send the visitor elsewhere, rearrange the interface or freeze the
 * tab. For each dataset: nothing executes (the canary `window.__pwned` stays
 * unset, no /pwned/… request, no dialog, no handler attribute in the page), no
 * navigation (same page, no popup), the map answers a click within a second
 * after the load, and the alert names the problems by feature and field.
 *
 * end2end/fixtures/hostile-text.geojson is written by tools/hostile_datasets.py
 * (every payload names its field, e.g. /pwned/name.en). The large cases (1 MB
 * strings, 10,000-deep nesting, a million features) are built here, never committed.
 *
 * Messages are matched on their stable part only (the place: "feature N (id X),
 * FIELD", or the line of a JSON error): the limits' wording is being rewritten.
 */

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const HOSTILE = 'hostile-text.geojson';
const hostile = () => JSON.parse(fs.readFileSync(path.join(FIXTURES, HOSTILE), 'utf8'));

/** A transparent 1×1 PNG for the one image the hostile file may show. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The payload tools/hostile_datasets.py writes for `field`. */
function payload(field: string) {
  return (
    `<img src=/pwned/${field} onerror="window.__pwned='${field}'">` +
    `<script>window.__pwned="${field}";document.title="pwned"</script>` +
    `"><svg onload="window.__pwned='${field}'"></svg>`
  );
}
const text = (field: string) => ({ zh: `中文 ${payload(`${field}.zh`)}`, en: `English ${payload(`${field}.en`)}` });

interface Watch {
  leaks: string[];
}

/** Listens for every way a payload could show it ran or went elsewhere. */
async function watch(page: Page): Promise<Watch> {
  const w: Watch = { leaks: [] };
  await page.route('**/pwned/**', (route) => {
    w.leaks.push(`request ${route.request().url()}`);
    return route.fulfill({ status: 204 });
  });
  await page.route('**/hostile-media/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG }));
  page.on('dialog', (dialog) => {
    w.leaks.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('popup', (popup) => w.leaks.push(`popup ${popup.url()}`));
  page.on('framenavigated', (frame) => {
    const url = new URL(frame.url());
    // The app keeps its state in the query (`?site=`…): only the page itself may change.
    if (frame === page.mainFrame() && (url.hostname !== '127.0.0.1' || url.pathname !== '/')) {
      w.leaks.push(`navigation ${frame.url()}`);
    }
  });
  return w;
}

/** Nothing ran, nothing navigated, no markup from the data became elements. */
async function expectNothingRan(page: Page, w: Watch) {
  const seen = await page.evaluate(() => {
    const anchors = [...document.querySelectorAll('a[href]')] as HTMLAnchorElement[];
    const images = [...document.querySelectorAll('img[src]')] as HTMLImageElement[];
    return {
      canary: (window as any).__pwned ?? null,
      title: document.title,
      markup: document.querySelectorAll(
        '.app script, .app iframe, .app svg[onload], [onerror], [onload], [onclick], [onmouseover], img[src*="pwned"]',
      ).length,
      badLinks: anchors
        .filter((a) => !['http:', 'https:'].includes(a.protocol) || (a.getAttribute('href') ?? '').trim().startsWith('//'))
        .map((a) => a.getAttribute('href')),
      otherImages: images.filter((i) => new URL(i.src).origin !== location.origin).map((i) => i.src),
    };
  });
  expect(seen.canary, 'window.__pwned').toBeNull();
  expect(seen.title).not.toBe('pwned');
  expect(seen.markup, 'elements or handlers made from data').toBe(0);
  expect(seen.badLinks, 'links that are not http(s)').toEqual([]);
  expect(seen.otherImages, 'images from another origin').toEqual([]);
  expect(w.leaks).toEqual([]);
  expect(new URL(page.url()).pathname).toBe('/');
}

/**
 * The page answers a click within a second after the load: where the map has
 * a view (the file loaded), a zoom button changes its scale bar; where nothing
 * loaded, the language button changes the page's language.
 */
async function expectResponsive(page: Page) {
  const bar = page.locator('.scale-bar');
  if ((await bar.count()) > 0) {
    const scale = await bar.innerHTML();
    // In, or out where the view is already as close as it goes (or as far).
    for (const name of [/^(Zoom in|放大)$/, /^(Zoom out|缩小)$/]) {
      await page.getByRole('button', { name }).click({ timeout: 1_000 });
      const answered = await expect
        .poll(() => bar.innerHTML(), { timeout: 1_000 })
        .not.toBe(scale)
        .then(() => true, () => false);
      if (answered) return;
    }
    throw new Error('neither zoom button changed the map within a second');
  }
  const lang = () => page.evaluate(() => document.documentElement.lang);
  const before = await lang();
  await page.getByRole('button', { name: before === 'zh' ? 'English' : '中文' }).click({ timeout: 1_000 });
  await expect.poll(lang, { timeout: 1_000 }).not.toBe(before);
}

/** The problems region with every group opened, so each line is in view. */
async function openProblems(page: Page, timeout = 5_000) {
  const region = page.getByRole('region', { name: 'Data problems', exact: true });
  await expect(region).toBeVisible({ timeout });
  for (const more of await region.getByText(/^all \d+$/).all()) await more.click();
  return region;
}

async function serveBody(page: Page, name: string, body: string | Buffer) {
  await page.route(`**/generated/${name}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/geo+json', body }),
  );
}

test.describe('hostile datasets', () => {
  test('script in every text field runs nowhere and shows as typed, in both languages', async ({ page }) => {
    const w = await watch(page);
    await serveFixture(page, HOSTILE);
    await page.goto(`/?lang=en&data=fixtures/${HOSTILE}&site=script-everywhere`);
    const name = text('name');
    const panel = page.getByRole('region', { name: name.en, exact: true });
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(name.en);
    // As typed: the payloads are text, down to their quotes and brackets.
    await expect(panel).toContainText(text('summary').en);
    await expect(panel).toContainText(text('event-title').en);
    await expect(panel).toContainText(text('event-text').en);
    await expect(panel).toContainText(text('address').en);
    await expect(panel).toContainText(text('note').en);
    await expect(panel).toContainText(text('caption').en);
    await expect(panel).toContainText(payload('source-title'));
    await expect(panel.getByRole('img')).toHaveAttribute('alt', text('alt').en);
    // The dataset's own title and its tour.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('atlas-title').en);
    await page.getByRole('button', { name: 'Tour', exact: true }).click();
    await expect(page.locator('.tour-card h2')).toHaveText(text('tour-title').en);
    await expect(page.locator('.tour-card .tour-text')).toHaveText(text('tour-text').en);
    await page.getByRole('button', { name: 'Exit tour' }).click();
    // The other language, the other payloads.
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('region', { name: name.zh, exact: true }).getByRole('heading', { level: 2 })).toHaveText(name.zh);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('atlas-title').zh);
    await page.getByRole('button', { name: 'English' }).click();
    // The alert names the features skipped and their fields.
    const region = await openProblems(page);
    const data = hostile();
    const urlFeatures = data.features
      .map((f: any, i: number) => [i, f.properties.id])
      .filter(([, id]: [number, string]) => id.startsWith('url-'));
    expect(urlFeatures.length).toBe(13);
    for (const [i, id] of urlFeatures) {
      for (const field of ['properties.media[0].src', 'properties.sources[0].url']) {
        await expect(region).toContainText(`feature ${i} (id ${id}), ${field}`);
      }
    }
    await expect(region).toContainText('feature 4 (id numbers-as-strings), geometry');
    await expect(region).toContainText('dataset, atlas.tiles.url');
    await expect(region).toContainText('dataset, atlas.kiosk.public_url');
    await expect(region).toContainText('dataset, atlas.basemap[1].url');
    // Invisible characters of a link are written out, not passed on.
    await expect(region).toContainText('java\\tscript:');
    await expectNothingRan(page, w);
    await expectResponsive(page);
    // Another tool's fields, and a date field that holds script, as written.
    await page.goto(`/?lang=en&data=fixtures/${HOSTILE}&site=foreign-year`);
    const foreign = page.getByRole('region', { name: 'Foreign year', exact: true });
    await expect(foreign).toContainText(payload('year'));
    await foreign.getByText(/^Other fields in the file/).click();
    await expect(foreign.locator('.other-fields dt')).toHaveText(payload('other-key'));
    await expect(foreign.locator('.other-fields dd')).toHaveText(payload('other-value'));
    await expectNothingRan(page, w);
  });

  test('HTML entities appear literally, never decoded', async ({ page }) => {
    const w = await watch(page);
    await serveFixture(page, HOSTILE);
    await page.goto(`/?lang=en&data=fixtures/${HOSTILE}&site=entities`);
    const name = '&lt;b&gt;not bold&lt;/b&gt; &#x3C;i&#x3E; &amp;amp; &quot;';
    const panel = page.getByRole('region', { name, exact: true });
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(name);
    await expect(panel).toContainText('&lt;script&gt;alert(1)&lt;/script&gt;');
    await expect(panel).toContainText('&amp;lt;source&amp;gt;');
    await expect(panel.locator('b, i, script')).toHaveCount(0);
    await expect(mapRegion(page).getByRole('button', { name, exact: true })).toBeVisible();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '&lt;b&gt;不是粗体&lt;/b&gt; &#60;i&#62;' })).toBeVisible();
    await expectNothingRan(page, w);
    await expectResponsive(page);
  });

  test('bidi controls in names reorder nothing of the interface around them', async ({ page }) => {
    const w = await watch(page);
    const data = hostile();
    data.atlas.title = { en: '\u202eReversed title', zh: '\u202e标题' };
    await serveBody(page, 'bidi.geojson', JSON.stringify(data));
    await page.goto('/?lang=en&data=generated/bidi.geojson&site=bidi');
    const name = '\u202egnp.exe Reversed \u2067open isolate \u202bopen embedding';
    await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
    // The panel, the list, the legend and the alert are on screen; hidden labels are skipped.
    const moved = await page.evaluate(reorderedInterfaceText);
    expect(moved, 'interface text moved by a bidi control before it').toEqual([]);
    // The tab's title isolates the dataset's part: the app's name stays readable after it.
    expect(await page.title()).toBe('\u2068\u202eReversed title\u2069 · Heritage Atlas');
    // The alert writes the controls out rather than passing them on.
    const region = await openProblems(page);
    await expect(region).toContainText('\\u202Ememorial');
    await expectNothingRan(page, w);
    await expectResponsive(page);
  });

  // Text over the limit (atlas-core limits.rs, 64 KiB a value) skips its
  // feature with an error at the field; the line quoting it stays short, and
  // the sites around it still show.
  test('1 MB strings skip their feature with a short line at the field; the rest shows', async ({ page }) => {
    const w = await watch(page);
    const mb = (field: string) => `${field} ${'lorem ipsum '.repeat((1 << 20) / 12)}${payload(field)}`;
    const site = (id: string, props: object) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [120.5 + (id === 'long-link' ? 0.02 : id === 'ok' ? 0.04 : 0), 31.3] },
      properties: { id, events: [{ date: '1939', title: 't' }], category: 'museum', sources: [{ title: 's' }], ...props },
    });
    const data = {
      type: 'FeatureCollection',
      features: [
        site('long-text', { name: mb('name'), summary: mb('summary'), events: [{ date: '1939', title: mb('event') }] }),
        site('long-link', { name: 'Long link', sources: [{ title: 's', url: `javascript:${'x'.repeat(1 << 20)}` }] }),
        site('ok', { name: 'Ordinary site' }),
      ],
    };
    await serveBody(page, 'long.geojson', JSON.stringify(data));
    await page.goto('/?lang=en&data=generated/long.geojson');
    const region = await openProblems(page, 30_000);
    for (const place of ['feature 0', 'feature 1, properties.sources[0].url']) {
      const line = region.getByRole('listitem').filter({ hasText: place }).filter({ hasText: 'over the limit of 65536 bytes' });
      await expect(line.first()).toBeVisible();
      expect((await line.first().textContent())!.length).toBeLessThan(1_000);
    }
    await expect(mapRegion(page).getByRole('button', { name: 'Ordinary site' })).toBeVisible();
    await expectNothingRan(page, w);
    await expectResponsive(page);
  });

  test('10,000-deep nesting skips its feature with its place, at once', async ({ page }) => {
    const w = await watch(page);
    const depth = 10_000;
    const body =
      '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"id":"a","name":"A","deep":' +
      '['.repeat(depth) +
      ']'.repeat(depth) +
      '}}]}';
    await serveBody(page, 'deep.geojson', body);
    await page.goto('/?lang=en&data=generated/deep.geojson');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('generated/deep.geojson');
    const region = await openProblems(page, 30_000);
    await expect(region).toContainText('feature 0');
    await expect(region).toContainText(/nested \d+ levels deep, over the limit of 64 levels/);
    await expectNothingRan(page, w);
    await expectResponsive(page);
  });

  // A million features (35 MB, under the 50 MB size limit) is over the
  // feature limit (400,000): refused before any feature is read, at once.
  test('a million tiny features are refused by the feature limit; the tab stays responsive', async ({ page }) => {
    test.setTimeout(240_000);
    const w = await watch(page);
    const body = `{"type":"FeatureCollection","features":[${Array(1_000_000)
      .fill('{"type":"Feature","geometry":null}')
      .join(',')}]}`;
    expect(body.length).toBeLessThan(50 * 1024 * 1024);
    await serveBody(page, 'million.geojson', body);
    await page.goto('/?lang=en&data=generated/million.geojson');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('million.geojson', { timeout: 180_000 });
    await expect(alert).toContainText('1000000 features, over the limit of 400000');
    await expectNothingRan(page, w);
    await expectResponsive(page);
  });

  // Under the feature limit, 300,000 problems of one kind: the alert lists a
  // bounded part and points to atlas-check for the rest.
  test('300,000 items that are not features: one group, listed in part', async ({ page }) => {
    test.setTimeout(120_000);
    const w = await watch(page);
    const body = `{"type":"FeatureCollection","features":[${Array(300_000).fill('{}').join(',')}]}`;
    await serveBody(page, 'many-items.geojson', body);
    await page.goto('/?lang=en&data=generated/many-items.geojson');
    const region = page.getByRole('region', { name: 'Data problems', exact: true });
    await expect(region).toContainText('feature 0, type', { timeout: 90_000 });
    await expect(region).toContainText('300000 features skipped');
    expect(await region.getByRole('listitem').count()).toBeLessThan(2_000);
    await expectNothingRan(page, w);
    await expectResponsive(page);
  });

  for (const token of ['NaN', 'Infinity', '-Infinity', '1e400']) {
    test(`the number ${token}, as JSON cannot hold it, refuses the file with its line`, async ({ page }) => {
      const w = await watch(page);
      const body = `{"type":"FeatureCollection",\n"features":[{"type":"Feature",\n"geometry":{"type":"Point","coordinates":[${token},0]},"properties":{"id":"a","name":"A"}}]}`;
      await serveBody(page, 'number.geojson', body);
      await page.goto('/?lang=en&data=generated/number.geojson');
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('generated/number.geojson');
      await expect(alert).toContainText(/line 3\b/);
      await expectNothingRan(page, w);
      await expectResponsive(page);
    });
  }

  test('duplicate keys: the last one is read, as JSON.parse reads it, and each repeat is named', async ({ page }) => {
    const w = await watch(page);
    const body = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[120.5,31.3]},
      "properties":{"id":"dup","name":${JSON.stringify(payload('dup-name'))},"name":"Second name",
      "category":"museum","category":"dup-category","events":[{"date":"1939","title":"t"}],"sources":[{"title":"s"}]}}]}`;
    await serveBody(page, 'dup.geojson', body);
    await page.goto('/?lang=en&data=generated/dup.geojson');
    await expect(mapRegion(page).getByRole('button', { name: 'Second name', exact: true })).toBeVisible();
    const region = await openProblems(page);
    await expect(region).toContainText('feature 0 (id dup), properties.category');
    // Each repeat is named where it is, so the curator can tell which one the
    // visitor sees and delete the other.
    await expect(region).toContainText(
      'feature 0 (id dup), properties.name: "name" is given more than once in the same object; only the last one is read',
    );
    await expect(region).toContainText('feature 0 (id dup), properties.category: "category" is given more than once');
    await expectNothingRan(page, w);
    await expectResponsive(page);
  });

  test('a UTF-8 byte order mark is skipped', async ({ page }) => {
    const w = await watch(page);
    const bytes = fs.readFileSync(path.join(FIXTURES, 'short-tour.geojson'));
    await serveBody(page, 'bom.geojson', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]));
    await page.goto('/?lang=en&data=generated/bom.geojson');
    await expect(mapRegion(page).getByRole('button', { name: 'North Hall', exact: true })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expectNothingRan(page, w);
    await expectResponsive(page);
  });

  test('bytes that are not UTF-8 refuse the file with their offset', async ({ page }) => {
    const w = await watch(page);
    const bytes = fs.readFileSync(path.join(FIXTURES, 'short-tour.geojson'));
    await serveBody(page, 'latin1.geojson', Buffer.concat([bytes.subarray(0, 100), Buffer.from([0xff]), bytes.subarray(100)]));
    await page.goto('/?lang=en&data=generated/latin1.geojson');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('generated/latin1.geojson');
    await expect(alert).toContainText(/\b100\b/);
    await expectNothingRan(page, w);
    await expectResponsive(page);
  });
});

/**
 * Runs in the page: for every text node holding a bidi control, the interface
 * text after it in the same block must still be drawn after it, left to right
 * (an unclosed U+202E would draw "1 live" for "evil 1"). Returns what moved.
 */
function reorderedInterfaceText(): string[] {
  const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  const rect = (node: Text, from = 0, to = node.data.length) => {
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    return range.getBoundingClientRect();
  };
  const block = (node: Node) => {
    let el = node.parentElement;
    while (el && ['inline', 'contents'].includes(getComputedStyle(el).display)) el = el.parentElement;
    return el;
  };
  const moved: string[] = [];
  nodes.forEach((data, i) => {
    if (!BIDI.test(data.data)) return;
    const r = rect(data);
    if (r.width === 0) return;
    const container = block(data);
    for (const next of nodes.slice(i + 1)) {
      if (!container || !container.contains(next)) break;
      const trimmed = next.data.trim();
      if (!trimmed || BIDI.test(next.data)) continue;
      const n = rect(next);
      if (n.width === 0 || n.top >= r.bottom - 1) continue;
      const start = next.data.indexOf(trimmed[0]);
      const end = next.data.lastIndexOf(trimmed[trimmed.length - 1]) + 1;
      const first = rect(next, start, start + 1);
      const last = rect(next, end - 1, end);
      if (n.left < r.right - 1 || (trimmed.length > 1 && first.left > last.left)) {
        moved.push(`"${next.data}" after "${data.data}"`);
      }
    }
  });
  return moved;
}
