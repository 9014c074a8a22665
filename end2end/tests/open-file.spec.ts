import { test, expect, mapRegion } from './fixtures';
import type { Page, Request } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// Curators preview a local file (issue 14, item 3): the "Open file" button and
// a drop onto the page load it through the same loader and alerts as ?data=,
// without it leaving the machine; the header says so; a reload goes back.

const RAID = 'Memorial to the Night Raid on Xushuguan';
const RAID_ID = 'xushuguan-raid-memorial';

/**
 * A curator's draft: a site of its own, one that reuses a served site's id
 * (which the URL must not then name) and one with a date that cannot be read.
 */
const DRAFT = {
  type: 'FeatureCollection',
  atlas: {
    title: { zh: '策展人的草稿', en: "A curator's draft" },
    // Relative to the served dataset's folder (public/data/): the water layer only.
    basemap: [{ id: 'water', url: 'basemap/water.geojson', kind: 'water' }],
  },
  features: [
    site('draft-hall', { zh: '草稿纪念馆', en: 'Draft Memorial Hall' }, [120.45, 31.33], '1949-04-27'),
    site(RAID_ID, { zh: '草稿中的夜袭纪念碑', en: 'Raid memorial as drafted' }, [120.5056, 31.3875], '1939-06-24'),
    site('bad-date', { zh: '日期有误的地点', en: 'Site with a bad date' }, [120.6, 31.3], '1939-13-01'),
  ],
};

function site(id: string, name: { zh: string; en: string }, coordinates: number[], date: string) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties: { id, name, category: 'memorial', events: [{ date, title: 'An event' }], sources: [{ title: 'Draft' }] },
  };
}

/** A sheet with one mistake: row 3's date. */
const SHEET = [
  'id,name_zh,name_en,category,longitude,latitude,date,event_title_zh,event_title_en,source_title',
  'sheet-hall,表格纪念馆,Sheet Memorial Hall,memorial,120°30′20″E,31°23′15″N,1939年6月24日,事件,An event,Register',
  'sheet-bad,日期错误,Bad date in sheet,museum,120.51,31.31,31/02/1939,事件,An event,Register',
  'sheet-two,第二处,Second sheet site,base,120.45,31.33,24/06/1940,事件,An event,Register',
].join('\n');

/** axe-core, WCAG 2.2 AA as accessibility.spec.ts runs it: no violations. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const draftFile = (name = 'draft.geojson') => ({
  name,
  mimeType: '',
  buffer: Buffer.from(JSON.stringify(DRAFT)),
});

const banner = (page: Page) => page.getByRole('banner');
const openButton = (page: Page, name = 'Open file') => banner(page).getByRole('button', { name, exact: true });
const sitesRegion = (page: Page) => page.getByRole('region', { name: /^(Sites|地点)$/ });
const problems = (page: Page) => page.getByRole('region', { name: /^(Data problems|数据问题)$/ });

/** Every request the page makes from now on. */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (r) => seen.push(r));
  return seen;
}

/** Nothing asked for the file, and nothing was sent anywhere. */
function expectNothingLeft(requests: Request[], fileName: string) {
  const stem = fileName.replace(/\.[^.]*$/, '');
  expect(requests.filter((r) => decodeURIComponent(r.url()).includes(stem)).map((r) => r.url())).toEqual([]);
  expect(requests.filter((r) => r.method() !== 'GET').map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
  expect(requests.filter((r) => r.postData() !== null).map((r) => r.url())).toEqual([]);
}

/** Waits for the served dataset, so a preview replaces something. */
async function servedShown(page: Page, name = RAID) {
  await expect(mapRegion(page).getByRole('button', { name, exact: true })).toBeVisible();
}

/** Drags `file` over the page and drops it, as a file manager would (a synthetic drag). */
async function dropFile(page: Page, name: string, text: string) {
  const transfer = await page.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name));
      return dt;
    },
    { name, text },
  );
  const target = mapRegion(page);
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  await expect(page.getByText('Drop the file to preview it here')).toBeVisible();
  await target.dispatchEvent('dragover', { dataTransfer: transfer });
  await target.dispatchEvent('drop', { dataTransfer: transfer });
}

test.describe('opening a local file', () => {
  test('"Open file" shows its sites, its title, its problems and says it is a local preview', async ({ page }) => {
    await page.goto('/?lang=en');
    await servedShown(page);
    const requests = recordRequests(page);

    const chooser = page.waitForEvent('filechooser');
    await openButton(page).click();
    await (await chooser).setFiles(draftFile());

    await expect(banner(page)).toContainText('Local preview: draft.geojson');
    await expect(banner(page).getByRole('heading', { level: 1 })).toHaveText("A curator's draft");
    await expect(page).toHaveTitle(/A curator's draft/);
    // Its sites, on the map and in the list; the served ones are gone.
    const map = mapRegion(page);
    await expect(map.getByRole('button', { name: 'Draft Memorial Hall', exact: true })).toBeVisible();
    await expect(map.getByRole('button', { name: 'Raid memorial as drafted', exact: true })).toBeVisible();
    await expect(map.getByRole('button', { name: RAID, exact: true })).toHaveCount(0);
    await expect(sitesRegion(page).getByRole('button', { name: 'Draft Memorial Hall', exact: true })).toBeVisible();
    await expect(sitesRegion(page).getByRole('button', { name: 'China Embroidery Art Museum', exact: true })).toHaveCount(0);
    // Its problem, in the same alert as a served file's, naming the file and the feature.
    await expect(problems(page)).toContainText('draft.geojson');
    await expect(problems(page)).toContainText('feature 2 (id bad-date)');
    // Its basemap layer, named relative to the served dataset's folder; not the served rivers.
    await expect(map.locator('path.layer-water').first()).toBeAttached();
    await expect(map.locator('path.layer-river')).toHaveCount(0);
    // What the QR code would link is the served dataset: no hand-off of a preview.
    await expect(page.getByRole('button', { name: 'Continue on your phone' })).toBeHidden();

    expectNothingLeft(requests, 'draft.geojson');
  });

  test('the file input behind "Open file" takes a file (setInputFiles), in Chinese too', async ({ page }) => {
    await page.goto('/?lang=zh');
    await servedShown(page, '夜袭浒墅关纪念碑');
    await expect(openButton(page, '打开文件')).toBeVisible();
    await page.locator('input[type=file]').setInputFiles(draftFile('草稿.json'));
    await expect(banner(page)).toContainText('本地预览：草稿.json');
    await expect(banner(page)).toContainText('刷新页面即回到发布的数据');
    await expect(mapRegion(page).getByRole('button', { name: '草稿纪念馆', exact: true })).toBeVisible();
    await expect(problems(page)).toContainText('草稿.json');
    // The language button switches the note as everything else.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(banner(page)).toContainText('Local preview: 草稿.json');
  });

  test('a file dropped onto the page opens the same way; the overlay says what a drop does', async ({ page }) => {
    await page.goto('/?lang=en');
    await servedShown(page);
    const requests = recordRequests(page);
    await dropFile(page, 'dropped.geojson', JSON.stringify(DRAFT));
    await expect(page.getByText('Drop the file to preview it here')).toBeHidden();
    await expect(banner(page)).toContainText('Local preview: dropped.geojson');
    await expect(mapRegion(page).getByRole('button', { name: 'Draft Memorial Hall', exact: true })).toBeVisible();
    await expect(problems(page)).toContainText('dropped.geojson');
    expectNothingLeft(requests, 'dropped.geojson');
  });

  test('a drag that leaves the page takes its overlay with it', async ({ page }) => {
    await page.goto('/?lang=zh');
    await servedShown(page, '夜袭浒墅关纪念碑');
    const transfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{}'], 'x.geojson'));
      return dt;
    });
    await mapRegion(page).dispatchEvent('dragenter', { dataTransfer: transfer });
    await expect(page.getByText('松开鼠标，在本页预览此文件')).toBeVisible();
    await expect(page.getByText('文件只在本机读取，不会上传')).toBeVisible();
    await mapRegion(page).dispatchEvent('dragleave', { dataTransfer: transfer });
    await expect(page.getByText('松开鼠标，在本页预览此文件')).toBeHidden();
    await expect(banner(page)).not.toContainText('本地预览');
  });

  test('a file that is not a dataset gets a clear alert naming it, and the page keeps what it showed', async ({ page }) => {
    await page.goto('/?lang=en');
    await servedShown(page);
    const input = page.locator('input[type=file]');
    const alert = page.getByRole('alert');

    await input.setInputFiles({ name: 'error-page.geojson', mimeType: '', buffer: Buffer.from('<html><body>Not found</body></html>') });
    await expect(alert).toContainText('Could not load the data file error-page.geojson: not valid JSON at line 1, column 1');
    await servedShown(page);
    await expect(banner(page)).not.toContainText('Local preview');

    await input.setInputFiles({ name: 'latin1.json', mimeType: '', buffer: Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]) });
    await expect(alert).toContainText('Could not load the data file latin1.json: not UTF-8 text');

    await input.setInputFiles({ name: 'sites.xlsx', mimeType: '', buffer: Buffer.from('PK') });
    await expect(alert).toContainText('Could not load the data file sites.xlsx: only .geojson, .json and .csv files can be opened');

    await page.getByRole('button', { name: '中文' }).click();
    await expect(alert).toContainText('无法加载数据文件 sites.xlsx：只能打开 .geojson、.json 或 .csv 文件');
    await servedShown(page, '夜袭浒墅关纪念碑');
  });

  test('a spreadsheet (.csv) opens through the import, its problems on their rows and columns', async ({ page }) => {
    await page.goto('/?lang=en');
    await servedShown(page);
    const requests = recordRequests(page);
    await page.locator('input[type=file]').setInputFiles({ name: 'sites.csv', mimeType: 'text/csv', buffer: Buffer.from(SHEET) });
    await expect(banner(page)).toContainText('Local preview: sites.csv');
    const map = mapRegion(page);
    await expect(map.getByRole('button', { name: 'Sheet Memorial Hall', exact: true })).toBeVisible();
    await expect(map.getByRole('button', { name: 'Second sheet site', exact: true })).toBeVisible();
    await expect(map.getByRole('button', { name: 'Bad date in sheet', exact: true })).toHaveCount(0);
    await expect(problems(page)).toContainText('sites.csv: 1 error');
    await expect(problems(page)).toContainText('row 3, column G (date): day 31 does not exist in 1939-02');
    await page.getByRole('button', { name: '中文' }).click();
    await expect(problems(page)).toContainText('sites.csv：1 个错误');
    expectNothingLeft(requests, 'sites.csv');
  });

  test("a spreadsheet's problems fold to their summary once read, as a dataset's do", async ({ page }) => {
    await page.goto('/?lang=en');
    await servedShown(page);
    await page.locator('input[type=file]').setInputFiles({ name: 'sites.csv', mimeType: 'text/csv', buffer: Buffer.from(SHEET) });
    const region = problems(page);
    const line = region.getByText('row 3, column G (date)', { exact: false });
    await expect(line).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('sites.csv: 1 error');
    const before = (await region.boundingBox())!;
    await region.getByRole('button', { name: 'Hide details' }).click();
    await expect(line).toBeHidden();
    await expect(region).toContainText('sites.csv: 1 error');
    // Folded, it no longer announces itself, and it gives the map its room back.
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect((await region.boundingBox())!.height).toBeLessThan(before.height);
    const show = region.getByRole('button', { name: 'Show problems' });
    await expect(show).toHaveAttribute('aria-expanded', 'false');
    await show.click();
    await expect(line).toBeVisible();
    // Escape inside it folds it again and leaves focus on the button.
    await region.focus();
    await page.keyboard.press('Escape');
    await expect(line).toBeHidden();
    await expect(region.getByRole('button', { name: 'Show problems' })).toBeFocused();
    await page.getByRole('button', { name: '中文' }).click();
    await expect(region.getByRole('button', { name: '查看问题' })).toBeVisible();
  });

  test('a file over 50 MB is refused before it is read', async ({ page }) => {
    await page.goto('/?lang=en');
    await servedShown(page);
    // Built in the page: 50 MB through the test's channel would be slow, and the app never reads it.
    const transfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(50 * 1024 * 1024 + 1)], 'huge.geojson'));
      return dt;
    });
    await mapRegion(page).dispatchEvent('dragenter', { dataTransfer: transfer });
    await mapRegion(page).dispatchEvent('drop', { dataTransfer: transfer });
    await expect(page.getByRole('alert')).toContainText(
      'Could not load the data file huge.geojson: the file is 52428801 bytes, over the limit of 52428800 bytes',
    );
    await servedShown(page);
  });

  test('the URL never names a preview\'s sites; a reload brings the served dataset back', async ({ page }) => {
    await page.goto('/?lang=en');
    await servedShown(page);
    const before = page.url();
    await page.locator('input[type=file]').setInputFiles(draftFile());
    // The draft reuses a served id: choosing it must not put that id in the URL.
    await mapRegion(page).getByRole('button', { name: 'Raid memorial as drafted', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Raid memorial as drafted', exact: true })).toBeVisible();
    // The map flew to it; the other site is chosen from the list.
    await page.getByRole('button', { name: 'Back to list' }).click();
    await sitesRegion(page).getByRole('button', { name: 'Draft Memorial Hall', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Draft Memorial Hall', exact: true })).toBeVisible();
    await page.waitForTimeout(500); // longer than the URL's write delay
    expect(page.url()).toBe(before);
    expect(page.url()).not.toContain('draft');

    await page.reload();
    await servedShown(page);
    await expect(banner(page)).not.toContainText('Local preview');
    await expect(banner(page).getByRole('heading', { level: 1 })).not.toHaveText("A curator's draft");
    await expect(mapRegion(page).getByRole('button', { name: 'Draft Memorial Hall' })).toHaveCount(0);
    // Nothing selected: the preview's choices stayed out of the URL.
    await expect(page.getByRole('region', { name: RAID, exact: true })).toHaveCount(0);
  });

  test('a kiosk offers neither the button nor the drop', async ({ page }) => {
    await page.goto('/?lang=en&kiosk=1');
    await servedShown(page);
    await expect(openButton(page)).toHaveCount(0);
    const transfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{"type":"FeatureCollection","features":[]}'], 'kiosk.geojson'));
      return dt;
    });
    await mapRegion(page).dispatchEvent('dragenter', { dataTransfer: transfer });
    await mapRegion(page).dispatchEvent('dragover', { dataTransfer: transfer });
    await mapRegion(page).dispatchEvent('drop', { dataTransfer: transfer });
    await page.waitForTimeout(300);
    await expect(page.getByText('Drop the file to preview it here')).toHaveCount(0);
    await expect(banner(page)).not.toContainText('Local preview');
    await servedShown(page);
  });

  test('screenshot: the header of a preview on a desktop', async ({ page }, testInfo) => {
    await page.goto('/?lang=en');
    await servedShown(page);
    await page.locator('input[type=file]').setInputFiles(draftFile('suzhou-draft-2026-12.geojson'));
    await expect(banner(page)).toContainText('Local preview: suzhou-draft-2026-12.geojson');
    await banner(page).screenshot({ path: testInfo.outputPath('open-file-header-desktop.png') });
    await page.screenshot({ path: testInfo.outputPath('open-file-desktop.png') });
  });
});

test.describe('opening a local file on a phone', () => {
  test('the button fits the header beside the title; the note takes its own row @phone', async ({ page }, testInfo) => {
    await page.goto('/?lang=zh');
    await servedShown(page, '夜袭浒墅关纪念碑');
    const button = openButton(page, '打开文件');
    await expect(button).toBeVisible();
    const box = (await button.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: testInfo.outputPath('open-file-phone-served.png') });
    await page.locator('input[type=file]').setInputFiles(draftFile('suzhou-draft-2026-12.geojson'));
    await expect(banner(page)).toContainText('本地预览：suzhou-draft-2026-12.geojson');
    // Nothing in the header runs off the screen.
    const right = await banner(page).evaluate((header) =>
      Math.max(...[...header.querySelectorAll('*')].map((el) => el.getBoundingClientRect().right)),
    );
    expect(right).toBeLessThanOrEqual(page.viewportSize()!.width);
    await banner(page).screenshot({ path: testInfo.outputPath('open-file-header-phone.png') });
    await page.screenshot({ path: testInfo.outputPath('open-file-phone.png') });
  });
});

test.describe('a local preview is accessible', () => {
  for (const lang of ['en', 'zh']) {
    test(`axe finds nothing in a preview's header and alerts, GeoJSON and CSV (${lang})`, async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await expect(mapRegion(page).locator('.marker').first()).toBeVisible();
      await expectAccessible(page);
      await page.locator('input[type=file]').setInputFiles(draftFile());
      await expect(mapRegion(page).locator('.marker').first()).toBeVisible();
      await expectAccessible(page);
      await page.locator('input[type=file]').setInputFiles({ name: 'sites.csv', mimeType: '', buffer: Buffer.from(SHEET) });
      await expect(banner(page)).toContainText('sites.csv');
      await expectAccessible(page);
    });
  }

  test('axe finds nothing in a phone\'s preview @phone', async ({ page }) => {
    await page.goto('/?lang=zh');
    await expect(mapRegion(page).locator('.marker').first()).toBeVisible();
    await page.locator('input[type=file]').setInputFiles({ name: 'sites.csv', mimeType: '', buffer: Buffer.from(SHEET) });
    await expect(banner(page)).toContainText('sites.csv');
    await expect(mapRegion(page).locator('.marker').first()).toBeVisible();
    await expectAccessible(page);
  });
});
