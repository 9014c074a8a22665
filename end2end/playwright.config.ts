import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

// End-to-end tests run against the release bundle in ../dist (`make build`),
// served by Python on 127.0.0.1:8081, in Debian's Chromium. Playwright never
// downloads a browser here (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 in the Makefile).
//
// Specs whose title contains `@phone` run in the phone project only.

// Debian's Chromium on a closed network: the flags live in one file that the
// benchmark (bench/run.mjs) reads too.
const chromiumArgs: string[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'chromium-args.json'), 'utf8'));

// E2E_PORT and E2E_DIST let several checkouts or builds be tested side by side.
const port = Number(process.env.E2E_PORT ?? 8081);
const dist = process.env.E2E_DIST ?? '../dist';

export default defineConfig({
  testDir: './tests',
  outputDir: process.env.E2E_OUT ?? 'test-results',
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  workers: 2,
  retries: 0,
  timeout: 30_000,
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  webServer: {
    command: `python3 -m http.server --bind 127.0.0.1 ${port} --directory ${dist}`,
    // Run from end2end/ whatever directory `make` or `npx` was started in.
    cwd: path.resolve(__dirname),
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'ignore', // http.server logs every request on stderr
  },
  projects: [
    {
      name: 'chromium-desktop',
      grepInvert: /@phone/,
      use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'chromium-phone',
      grep: /@phone/,
      use: {
        browserName: 'chromium',
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
      },
    },
  ],
});
