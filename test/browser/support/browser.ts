import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (.ci/run installs it); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Without these Chromium keeps trying to reach update, sync and QUIC endpoints on a closed network.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Where every browser suite keeps its screenshots (CI keeps test-output/). */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-output', 'browser');

/** Fails a suite early and plainly when Chromium or the built web UI is missing; makes the screenshot folder. */
export function requireBrowserPrerequisites(): void {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium`);
  if (!existsSync(join(process.cwd(), 'dist', 'web', 'index.html'))) {
    throw new Error('dist/web is missing: run npm run build first (npm test does)');
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests seen so far (a test fails on any). */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh headless Chromium with its own user-data-dir, at 1366×768, collecting every console error. */
export async function openBrowser(options: { baseUrl: string; downloadsDir?: string }): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'evc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    baseURL: options.baseUrl,
    acceptDownloads: true,
    downloadsPath: options.downloadsDir,
  });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      // A download the page hands to the browser shows as an aborted request: not a failure.
      if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
      problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`);
    });
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
