import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, mapRegion, serveFixture } from './fixtures';

// docs/security.md: the release build's Content Security Policy, a clean
// console, links from data, and where `?data=` may point.

const MUSEUM = 'China Embroidery Art Museum';
const RAID = 'Memorial to the Night Raid on Xushuguan';

/** The policy of the page's <meta>, directive → sources. */
async function metaPolicy(page: Page) {
  const content = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const policy: Record<string, string[]> = {};
  for (const directive of content!.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    policy[name] = sources;
  }
  return { content: content!, policy };
}

test.describe('Content Security Policy', () => {
  test('the page carries a strict policy, first in its head, that admits exactly its loader', async ({ page, request }) => {
    await page.goto('/?lang=en');
    // The app ran: the policy's hash admitted trunk's inline loader.
    await expect(mapRegion(page).getByRole('button', { name: MUSEUM })).toBeVisible();
    const { content, policy } = await metaPolicy(page);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src'].slice(0, 2)).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:']);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'none'"]);
    expect(policy['form-action']).toEqual(["'none'"]);
    expect(content).not.toContain('unsafe-inline');
    expect(content).not.toContain("'unsafe-eval'");

    // One hash per inline script, each of the script as served.
    const inline = await page.locator('script:not([src])').evaluateAll((s) => s.map((e) => e.textContent ?? ''));
    const hashes = inline.map((text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`);
    expect(inline.length).toBeGreaterThan(0);
    expect(policy['script-src'].slice(2)).toEqual(hashes);

    // A <meta> policy governs only what comes after it.
    const head = await page.evaluate(() => [...document.head.children].map((e) => e.outerHTML.slice(0, 60)));
    expect(head[0]).toMatch(/^<meta charset/);
    expect(head[1]).toMatch(/^<meta http-equiv="Content-Security-Policy"/);

    // Servers send the same policy as a header, with frame-ancestors, which a <meta> cannot carry.
    const header = await (await request.get('/content-security-policy.txt')).text();
    expect(header).toBe(`Content-Security-Policy: ${content}; frame-ancestors 'none'\n`);
  });

  test('the policy is enforced: injected script, handlers, styles, strings as code and other hosts are refused and reported', async ({ page, csp }) => {
    // This test breaks the rules on purpose; anything else the page refuses still fails it.
    csp.onPurpose(/script-src|style-src|img-src|connect-src|127\.0\.0\.1:9|unsafe-eval|inline/);
    await page.goto('/?lang=en');
    await expect(mapRegion(page).getByRole('button', { name: MUSEUM })).toBeVisible();
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      const handler = document.createElement('button');
      handler.setAttribute('onclick', 'window.__handler = true');
      document.body.append(handler);
      handler.click();
      const styled = document.createElement('p');
      styled.setAttribute('style', 'color: rgb(255, 0, 0)');
      document.body.append(styled);
      const sheet = document.createElement('style');
      sheet.textContent = 'body { outline: 9px solid rgb(255, 0, 0) }';
      document.head.append(sheet);
      // A string for the page to compile later, in its own task (code run from the test itself
      // is the debugger's, which the policy does not govern).
      setTimeout('window.__evaluated = true', 0);
      // A tile or image on another origin (here another port) is not admitted.
      const image = new Image();
      const imageFailed = new Promise<boolean>((resolve) => {
        image.onload = () => resolve(false);
        image.onerror = () => resolve(true);
      });
      image.src = 'http://127.0.0.1:9/tile.png';
      const fetched = await fetch('http://127.0.0.1:9/data.geojson').then(() => true, () => false);
      const result = {
        injected: w.__injected === true,
        handler: w.__handler === true,
        colour: getComputedStyle(styled).color,
        outline: getComputedStyle(document.body).outlineWidth,
        imageFailed: await imageFailed,
        fetched,
        evaluated: w.__evaluated === true,
      };
      styled.remove();
      handler.remove();
      return result;
    });
    expect(outcome).toEqual({
      injected: false,
      handler: false,
      colour: expect.not.stringMatching(/rgb\(255, 0, 0\)/),
      outline: expect.not.stringMatching(/^9px$/),
      evaluated: false,
      imageFailed: true,
      fetched: false,
    });
    // Each refusal was reported as a violation of its directive.
    await expect
      .poll(() => [...new Set(csp.violations.map((v) => v.directive))].sort())
      .toEqual(['connect-src', 'img-src', 'script-src', 'script-src-attr', 'script-src-elem', 'style-src-attr', 'style-src-elem']);
  });

  test('every spec runs under the violation guard: its `test` comes from ./fixtures', async () => {
    const specs = fs.readdirSync(__dirname).filter((f) => f.endsWith('.spec.ts'));
    expect(specs.length).toBeGreaterThan(10);
    for (const spec of specs) {
      const source = fs.readFileSync(path.join(__dirname, spec), 'utf8');
      expect(source, spec).toMatch(/import \{[^}]*\btest\b[^}]*\} from '\.\/fixtures'/);
      expect(source, spec).not.toMatch(/import \{[^}]*\btest\b[^}]*\} from '@playwright\/test'/);
    }
  });

  test('the default page loads with a clean console: no warnings, no errors', async ({ page }) => {
    const messages: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') messages.push(`${m.type()}: ${m.text()}`);
    });
    await page.goto('/');
    await expect(mapRegion(page).getByRole('button', { name: /^(China Embroidery Art Museum|中国刺绣艺术馆)$/ })).toBeVisible();
    // Chromium reports preloads that nothing used a few seconds after the load.
    await page.waitForTimeout(4000);
    expect(messages).toEqual([]);
  });

  test('every element of the bundle passes: no style attributes are set, the map, timeline, panel and tour draw', async ({ page }) => {
    // The fixture fails this test on any refusal; walk through what sets styles.
    await page.goto('/?lang=en');
    await mapRegion(page).getByRole('button', { name: RAID }).click();
    await expect(page.getByRole('region', { name: RAID })).toBeVisible();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Tour', exact: true }).click();
    const status = page.locator('.tour-card').getByRole('status');
    await expect(status).toHaveText(/^Chapter 1 of \d+$/);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(status).toHaveText(/^Chapter 2 of \d+$/);
    // Positions are set through the CSSOM: the markers and timeline marks are placed.
    const placed = await page.locator('.marker').first().evaluate((e) => (e as HTMLElement).style.transform);
    expect(placed).toMatch(/^translate\(/);
  });
});

test.describe('links from data', () => {
  for (const [lang, newTab, open] of [
    ['en', 'opens in a new tab', (host: string) => `(${host})`],
    ['zh', '在新标签页中打开', (host: string) => `（${host}）`],
  ] as const) {
    test(`source links open apart from the atlas and say where they lead (${lang})`, async ({ page }) => {
      await page.goto(`/?lang=${lang}&site=xushuguan-raid-memorial`);
      const links = page.locator('.panel .sources a');
      // The panel draws once the dataset has loaded: wait for it before counting.
      await expect(links.first()).toBeVisible();
      expect(await links.count()).toBeGreaterThan(0);
      for (const link of await links.all()) {
        await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
        await expect(link).toHaveAttribute('target', '_blank');
        const host = new URL((await link.getAttribute('href'))!).host;
        await expect(link).toContainText(open(host));
        await expect(link).toHaveAccessibleName(new RegExp(`${open(host).replace(/[()]/g, '\\$&')}.*${newTab}`));
      }
    });
  }

  test('a path on the atlas\'s own server says so; disguised hosts are never links, and the alert says why', async ({ page }) => {
    await serveFixture(page, 'links.geojson');
    await page.goto('/?lang=en&data=fixtures/links.geojson');
    await mapRegion(page).getByRole('button', { name: 'Site with links' }).click();
    const panel = page.getByRole('region', { name: 'Site with links' });
    await expect(panel.getByRole('link', { name: 'Official notice (www.gov.cn) opens in a new tab' })).toHaveAttribute(
      'href',
      'https://www.gov.cn/zhengce/notice.html',
    );
    await expect(panel.getByRole('link', { name: 'Our own notes (this site) opens in a new tab' })).toHaveAttribute('href', 'notes/linked.html');
    // "www.gov.cn@127.0.0.1:9" leads to 127.0.0.1; "/\host" leads to another host: both refused, named.
    const map = mapRegion(page);
    await expect(map.getByRole('button', { name: 'Site with a disguised link' })).toHaveCount(0);
    await expect(map.getByRole('button', { name: 'Site with a backslash link' })).toHaveCount(0);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('feature 1 (id disguised), properties.sources[0].url: link "https://www.gov.cn@127.0.0.1:9/" is not allowed');
    await expect(alert).toContainText('feature 2 (id backslash), properties.sources[0].url: link "/\\127.0.0.1:9/notes" is not allowed');
  });

  for (const [lang, why] of [
    ['en', "only data files from this page's own server can be loaded"],
    ['zh', '只能加载与本页同源的数据文件'],
  ] as const) {
    for (const data of ['http://127.0.0.1:9/atlas.geojson', '//127.0.0.1:9/atlas.geojson']) {
      test(`?data= on another server is refused before any request, saying why (${lang}, ${data})`, async ({ page }) => {
        const asked: string[] = [];
        page.on('request', (r) => {
          if (r.url().includes(':9/')) asked.push(r.url());
        });
        await page.goto(`/?lang=${lang}&data=${encodeURIComponent(data)}`);
        const alert = page.getByRole('alert');
        await expect(alert).toContainText(why);
        await expect(alert).toContainText(lang === 'en' ? 'could show visitors anything' : '可能借本页向观众展示任何内容');
        expect(asked).toEqual([]);
      });
    }
  }
});
