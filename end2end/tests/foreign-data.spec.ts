import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, mapRegion, serveForeignDataset, FOREIGN_DATASETS } from './fixtures';

/**
 * Issue 10, item 11: every real file in tests/foreign-datasets (written by
 * other tools, see its README.md) shows what it holds. For each file: the
 * sites the map shows are the ones atlas-check counts, the first view frames
 * them with none just outside the edge, the alert's lines are real problems,
 * and (the `guard` fixture) no console error and no request off 127.0.0.1.
 */

const ROOT = path.join(__dirname, '..', '..');
const FILES = fs.readdirSync(FOREIGN_DATASETS).filter((f) => f.endsWith('.geojson')).sort();

interface CheckProblem {
  severity: 'error' | 'warning';
  code: string;
  feature: number | null;
  message: string;
  message_zh: string;
}

interface CheckReport {
  file: string;
  sites: number;
  fatal: null | { code: string; message: string };
  problems: CheckProblem[];
}

/**
 * What `atlas-check --format json` says about each file. Run through cargo so
 * the answer never comes from a stale binary (cargo rebuilds only when atlas-core
 * changed, and honours CARGO_TARGET_DIR); the built binary is the fallback
 * where cargo is not on PATH. Exit status 2 (errors found) still prints the report.
 */
function atlasCheck(files: string[]): Map<string, CheckReport> {
  const args = ['--format', 'json', ...files.map((f) => path.join(FOREIGN_DATASETS, f))];
  const run = (cmd: string, cmdArgs: string[]) => {
    try {
      return execFileSync(cmd, cmdArgs, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { code?: string; status?: number; stdout?: string };
      if (err.code === 'ENOENT') return null;
      if (err.status === 2 && err.stdout) return err.stdout;
      throw e;
    }
  };
  const binary = path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'debug', 'atlas-check');
  const out = run('cargo', ['run', '--quiet', '-p', 'atlas-check', '--', ...args]) ?? run(binary, args);
  if (out === null) throw new Error(`neither cargo nor ${binary} found: build atlas-check first`);
  const doc = JSON.parse(out) as { files: CheckReport[] };
  return new Map(doc.files.map((r) => [path.basename(r.file), r]));
}

const REPORTS = atlasCheck(FILES);

/** Features with no place (`"geometry": null`): listed, never on the map. */
function unlocated(name: string): number {
  const doc = JSON.parse(fs.readFileSync(path.join(FOREIGN_DATASETS, name), 'utf8'));
  const features = doc.type === 'FeatureCollection' ? doc.features : doc.type === 'Feature' ? [doc] : [];
  return features.filter((f: { geometry: unknown }) => f.geometry === null).length;
}

/** How many far-off sites atlas-check says are left out of the first view. */
function leftOut(report: CheckReport): number {
  const p = report.problems.find((p) => p.code === 'left-out-of-first-view');
  if (!p) return 0;
  return Number(p.message.match(/^(\d+) points? far/)?.[1] ?? NaN);
}

interface Mark {
  kind: 'site' | 'cluster';
  label: string;
  box: { x: number; y: number; width: number; height: number };
}

/** Every marker and cluster button in the map, with its box on the page. */
async function marks(map: Locator): Promise<Mark[]> {
  return map.locator('button.marker, button.cluster').evaluateAll((buttons) =>
    buttons.map((b) => {
      const r = b.getBoundingClientRect();
      return {
        kind: b.classList.contains('cluster') ? ('cluster' as const) : ('site' as const),
        label: b.getAttribute('aria-label') ?? '',
        box: { x: r.x, y: r.y, width: r.width, height: r.height },
      };
    }),
  );
}

/** Sites on the map: single markers plus the counts their clusters name ("12 sites", "12 处地点"). */
function sitesIn(list: Mark[]): number {
  return list.reduce((sum, m) => {
    if (m.kind === 'site') return sum + 1;
    const n = m.label.match(/^(\d+) (sites?|处地点)$/)?.[1];
    if (!n) throw new Error(`cluster label not understood: "${m.label}"`);
    return sum + Number(n);
  }, 0);
}

/** Waits until the markers stop moving (the first view may animate in), and returns them. */
async function settledMarks(map: Locator): Promise<Mark[]> {
  let last = '';
  let list: Mark[] = [];
  await expect
    .poll(
      async () => {
        list = await marks(map);
        const now = JSON.stringify(list);
        const same = now === last;
        last = now;
        return same && list.length > 0;
      },
      { intervals: [250], timeout: 10_000 },
    )
    .toBe(true);
  return list;
}

/** The part of the map a visitor sees: the map region, cut to the window. */
async function visibleMapArea(page: Page, map: Locator) {
  const m = (await map.boundingBox())!;
  const vp = page.viewportSize()!;
  const left = Math.max(m.x, 0);
  const top = Math.max(m.y, 0);
  return { left, top, right: Math.min(m.x + m.width, vp.width), bottom: Math.min(m.y + m.height, vp.height) };
}

/** Marks whose button is not wholly inside the visible map: "just outside the edge". */
function outside(list: Mark[], area: { left: number; top: number; right: number; bottom: number }) {
  return list
    .filter(
      ({ box }) =>
        box.x < area.left - 0.5 ||
        box.y < area.top - 0.5 ||
        box.x + box.width > area.right + 0.5 ||
        box.y + box.height > area.bottom + 0.5,
    )
    .map((m) => `${m.label} at ${Math.round(m.box.x)},${Math.round(m.box.y)}`);
}

/**
 * Marks a visitor cannot see or press: what is on top at the mark's centre is
 * part of the interface (legend, zoom buttons, scale bar, credit line), not the
 * mark itself or another mark.
 */
async function hiddenUnderInterface(map: Locator): Promise<{ label: string; under: string }[]> {
  return map.locator('button.marker, button.cluster').evaluateAll((buttons) =>
    buttons.flatMap((b) => {
      const r = b.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      if (!hit || b.contains(hit) || hit.closest('button.marker, button.cluster')) return [];
      const under = hit.closest('[class]')?.className ?? hit.tagName;
      return [{ label: b.getAttribute('aria-label') ?? '', under: String(under) }];
    }),
  );
}

/** Sites the first view may leave under the map's own controls: none (the fit keeps clear of them). */
const KNOWN_HIDDEN: Record<string, string[]> = {};

/**
 * Other producers' own fields that must never be called a misspelling of ours.
 */
const PRODUCER_FIELDS = ['@id', '@geometry', 'ids', 'source', 'sources', 'sourceId', 'types', 'descriptio', 'castle_typ', 'inscription'];
const PROBABLY_MEANT = /unknown field "([^"]+)", probably meant|未知字段“([^”]+)”，可能应为/;

/**
 * What the alert must say, given atlas-check's report. This is the one place
 * to adapt when the alert groups problems by kind (errors first, far-off
 * points first among warnings): today it asserts only what holds now.
 */
async function expectAlertTriages(page: Page, report: CheckReport, lang: 'en' | 'zh') {
  const alert = page.getByRole('region', { name: lang === 'en' ? 'Data problems' : '数据问题', exact: true });
  if (report.problems.length === 0) {
    await expect(alert).toHaveCount(0);
    return;
  }
  await expect(alert).toBeVisible();
  const warnings = report.problems.filter((p) => p.severity === 'warning').length;
  await expect(alert).toContainText(
    lang === 'en' ? `${warnings} warning${warnings === 1 ? '' : 's'}` : `${warnings} 条提醒`,
  );
  // One line per kind of problem, not one per feature per kind.
  const headlines = await alert.locator('.headline').allTextContents();
  const kinds = new Set(report.problems.filter((p) => p.feature !== null).map((p) => `${p.severity}:${p.code}`));
  const fileWide = report.problems.filter((p) => p.feature === null).length;
  expect(headlines.length, 'the alert lists its problems').toBeGreaterThan(0);
  expect(headlines.length, 'grouped by kind').toBeLessThanOrEqual(kinds.size + fileWide);
  // The first lines are the real problems: errors first, then points far from the rest.
  const firstWarning = headlines.findIndex((l) => /^(Warning|提醒)/.test(l));
  const lastError = headlines.map((l) => /^(Error|错误)/.test(l)).lastIndexOf(true);
  if (firstWarning >= 0) expect(lastError, 'an error listed after a warning').toBeLessThan(firstWarning);
  if (report.problems.some((p) => p.code === 'far-from-others') && firstWarning >= 0) {
    expect(headlines[firstWarning]).toMatch(/far from the rest|远离/);
  }
  // No false typo warnings on other tools' own fields.
  const lines = [...headlines, ...(await alert.getByRole('listitem').allTextContents())];
  const falseTypos = lines.filter((l) => {
    const m = l.match(PROBABLY_MEANT);
    const field = m?.[1] ?? m?.[2];
    return field !== undefined && PRODUCER_FIELDS.includes(field);
  });
  expect(falseTypos, 'lines calling another producer\'s field a typo').toEqual([]);
  // Far-off points left out of the first view are said.
  const far = report.problems.find((p) => p.code === 'left-out-of-first-view');
  if (far) await expect(alert).toContainText(lang === 'en' ? far.message : far.message_zh);
}

test.describe('GeoJSON files written by other tools', () => {
  for (const name of FILES) {
    const report = REPORTS.get(name)!;
    test(`${name}: its sites show, fitted in the first view, the alert names real problems`, async ({ page }, testInfo) => {
      expect(report, `atlas-check reported on ${name}`).toBeTruthy();
      expect(report.fatal, 'atlas-check loads the file').toBeNull();
      await serveForeignDataset(page, name);
      await page.goto(`/?lang=en&data=foreign-datasets/${encodeURIComponent(name)}`);
      const map = mapRegion(page);
      const onMap = report.sites - unlocated(name) - leftOut(report);

      if (onMap === 0) {
        await expect(map.getByText('No places with coordinates in this file', { exact: true })).toBeVisible();
        await expect(map.locator('button.marker, button.cluster')).toHaveCount(0);
        // Nothing to explain, nothing to choose from: no empty legend, and the panel says the file is empty.
        await expect(map.locator('.legend')).toHaveCount(0);
        await expect(page.getByText('This dataset has no sites', { exact: true })).toBeVisible();
      } else {
        // Every located site is in the first view (alone or in a cluster), bar those the alert names.
        await expect.poll(async () => sitesIn(await marks(map)), { timeout: 15_000 }).toBe(onMap);
        const list = await settledMarks(map);
        expect(sitesIn(list)).toBe(onMap);
        // The first view fits: no marker or cluster lies (even partly) beyond the visible map.
        expect(outside(list, await visibleMapArea(page, map)), 'marks outside the visible map').toEqual([]);
        // Nor under the legend or the map's buttons.
        const hidden = (await hiddenUnderInterface(map)).filter((h) => !(KNOWN_HIDDEN[name] ?? []).includes(h.label));
        expect(hidden, 'marks hidden under the legend or controls').toEqual([]);
        // These files all lie beyond the bundled regional layers: the world layer draws under them.
        await expect(page.locator('svg.map-svg path.world-land')).toHaveCount(1);
      }
      await expectAlertTriages(page, report, 'en');
      await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
    });
  }

  test('in Chinese: the OpenStreetMap heritage export shows, with its Chinese names and counts', async ({ page }, testInfo) => {
    const name = 'overpass-turbo-nevsehir-heritage.geojson';
    const report = REPORTS.get(name)!;
    await serveForeignDataset(page, name);
    await page.goto(`/?lang=zh&data=foreign-datasets/${name}`);
    const map = page.getByRole('region', { name: '地图', exact: true });
    const onMap = report.sites - unlocated(name) - leftOut(report);
    await expect.poll(async () => sitesIn(await marks(map)), { timeout: 15_000 }).toBe(onMap);
    const list = await settledMarks(map);
    // Clusters speak Chinese ("12 处地点").
    for (const m of list.filter((m) => m.kind === 'cluster')) expect(m.label).toMatch(/^\d+ 处地点$/);
    expect(outside(list, await visibleMapArea(page, map)), 'marks outside the visible map').toEqual([]);
    expect(await hiddenUnderInterface(map), 'marks hidden under the legend or controls').toEqual([]);
    await expectAlertTriages(page, report, 'zh');
    await page.screenshot({ path: testInfo.outputPath(`zh-${name}.png`) });
  });

  test('in Chinese: the empty export says so on the map', async ({ page }) => {
    const name = 'overpass-turbo-empty-export.geojson';
    await serveForeignDataset(page, name);
    await page.goto(`/?lang=zh&data=foreign-datasets/${name}`);
    await expect(page.getByRole('region', { name: '地图', exact: true }).getByText('此文件中没有带坐标的地点')).toBeVisible();
    await expect(page.getByText('此数据集中没有地点', { exact: true })).toBeVisible();
  });
});
