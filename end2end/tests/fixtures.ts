import { test as base, expect, Locator, Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/** A Content Security Policy violation the page reported (`securitypolicyviolation`). */
export type CspViolation = { directive: string; blocked: string; sample: string; source: string };

/**
 * What the page's Content Security Policy refused during a test: violation
 * events and the console's refusals ("Refused to …", "… violates the
 * following Content Security Policy directive …"). Any of them fails the test,
 * unless the test caused it on purpose and said so with `onPurpose`.
 */
export class CspWatch {
  readonly violations: CspViolation[] = [];
  readonly refusals: string[] = [];
  private purposes: RegExp[] = [];

  /** Violations (directive, blocked URL, sample) and refusals matching `pattern` are the test's own doing. */
  onPurpose(pattern: RegExp) {
    this.purposes.push(pattern);
  }

  /** Whether a console line or violation description was caused on purpose. */
  expected(text: string) {
    return this.purposes.some((p) => p.test(text));
  }

  /** The violations and refusals no test asked for. */
  unexpected() {
    return [
      ...this.violations.map((v) => `${v.directive} refused ${v.blocked || v.sample} (${v.source})`),
      ...this.refusals,
    ].filter((text) => !this.expected(text));
  }
}

/**
 * Every test runs under three standing rules: no request leaves 127.0.0.1,
 * the page logs no console errors, and the page's Content Security Policy
 * refuses nothing (the release build ships one: docs/security.md). All are
 * checked after each test.
 *
 * `serveFixture(page, name)` answers `/fixtures/NAME` from end2end/fixtures, so
 * `?data=fixtures/NAME` loads a test dataset from the page's own origin.
 */
export const test = base.extend<{ csp: CspWatch; guard: void }>({
  csp: [
    async ({ page }, use) => {
      const watch = new CspWatch();
      await page.exposeBinding('__atlasCspViolation', (_source, v: CspViolation) => {
        watch.violations.push(v);
      });
      // Before any page script, in every document the page opens.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const report = (window as unknown as { __atlasCspViolation: (v: unknown) => void }).__atlasCspViolation;
          report({
            directive: e.effectiveDirective,
            blocked: e.blockedURI,
            sample: e.sample,
            source: `${e.sourceFile}:${e.lineNumber}`,
          });
        });
      });
      // Chromium words refusals both ways: "Refused to load …" and "Loading the image … violates
      // the following Content Security Policy directive …".
      page.on('console', (message) => {
        if (/Refused to|violates the following Content Security Policy/.test(message.text())) watch.refusals.push(message.text());
      });
      await use(watch);
      expect(watch.unexpected(), 'Content Security Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  guard: [
    async ({ page, csp }, use) => {
      const external: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol !== 'data:' && url.hostname !== '127.0.0.1') external.push(request.url());
      });
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use();
      expect(external, 'requests that left 127.0.0.1').toEqual([]);
      // Failed fetches of deliberately missing test files are the only expected console errors,
      // with what a test made the policy refuse on purpose.
      expect(errors.filter((e) => !e.includes('404') && !csp.expected(e)), 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function serveFixture(page: Page, name: string, delayMs = 0) {
  const body = fs.readFileSync(path.join(__dirname, '..', 'fixtures', name));
  await page.route(`**/fixtures/${name}`, async (route) => {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    await route.fulfill({ status: 200, contentType: 'application/geo+json', body });
  });
}

/** The corpus of real GeoJSON written by other tools (tests/foreign-datasets, see its README.md). */
export const FOREIGN_DATASETS = path.join(__dirname, '..', '..', 'tests', 'foreign-datasets');

/**
 * Answers `/foreign-datasets/NAME` from tests/foreign-datasets, byte for byte,
 * so `?data=foreign-datasets/NAME` loads a real file from the page's own origin.
 */
export async function serveForeignDataset(page: Page, name: string) {
  const body = fs.readFileSync(path.join(FOREIGN_DATASETS, name));
  await page.route(`**/foreign-datasets/${name}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/geo+json', body }),
  );
}

export const mapRegion = (page: Page) => page.getByRole('region', { name: /^(Map|地图)$/ });
export const timelineRegion = (page: Page) => page.getByRole('region', { name: /^(Timeline|时间轴)$/ });

/** The centre of an element on the page, in CSS px. */
export async function centre(el: Locator) {
  const b = (await el.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/**
 * An element's box once it has stopped moving: two reads a few frames apart agree.
 * A zoom or fly-to eases in; "close to the target" can be true a frame before it lands,
 * so a position to compare against later must be taken at rest.
 */
export async function restingBox(el: Locator) {
  let last = '';
  let box = (await el.boundingBox())!;
  await expect
    .poll(
      async () => {
        box = (await el.boundingBox())!;
        const now = `${box.x.toFixed(2)},${box.y.toFixed(2)}`;
        const same = now === last;
        last = now;
        return same;
      },
      { intervals: [100], timeout: 10_000 },
    )
    .toBe(true);
  return box;
}

/** The distance between two elements' centres, in CSS px. */
export async function gap(a: Locator, b: Locator) {
  const [p, q] = [await centre(a), await centre(b)];
  return Math.hypot(p.x - q.x, p.y - q.y);
}

/** Two fingers moving apart about (cx, cy), from `from` to `to` px each side of it. */
export async function pinch(page: Page, cx: number, cy: number, from = 30, to = 70) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: string, d: number) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [
        { x: cx - d, y: cy, id: 1 },
        { x: cx + d, y: cy, id: 2 },
      ],
    });
  await touch('touchStart', from);
  for (let d = from + 5; d <= to; d += 5) await touch('touchMove', d);
  await touch('touchEnd', to);
}
