/**
 * Issue 5's speed figure: the first load of the leader's home on the demo data, and the API time of each call it
 * makes. Drives the real page in Debian's headless Chromium (as the browser tests do), signs in as `leader`, opens
 * /leader, waits until the page has settled, and reads each /api call's timing from the browser's Resource Timing
 * (request start → response end, on loopback so essentially server time). Then replays each of those calls from
 * Node BENCH_RUNS times and prints the median and the slowest. Asserts nothing (a benchmark, not a timed test).
 *
 * Needs a running API with the demo, e.g. in one shell
 *   PORT=3105 EMBEDDED_DB_PORT=54335 EMBEDDED_DB_DIR=./data/pg npm run demo
 * and in another
 *   BENCH_API_URL=http://127.0.0.1:3105 npx jest --selectProjects unit --testMatch '<rootDir>/bench/leader-dashboard.bench.ts' --verbose=false
 *
 * BENCH_API_URL (http://127.0.0.1:3000), BENCH_RUNS (10) replays per call.
 */
import { DEMO_PASSWORD } from '@app/demo';
import { openBrowser } from '../test/browser/support/browser';

const BASE = process.env.BENCH_API_URL ?? 'http://127.0.0.1:3000';
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

jest.setTimeout(300_000);

interface CallTiming {
  path: string;
  startMs: number;
  durationMs: number;
  bytes: number;
}

/** The Resource Timing fields read here (the DOM's PerformanceResourceTiming). */
interface ResourceEntry {
  name: string;
  startTime: number;
  requestStart: number;
  responseEnd: number;
  transferSize: number;
  encodedBodySize: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

it('times the first load of the leader home and each API call it makes', async () => {
  const health = await fetch(`${BASE}/api/health`).catch(() => null);
  if (!health?.ok) throw new Error(`no API at ${BASE}: start the demo first (see the comment at the top)`);
  const browser = await openBrowser({ baseUrl: BASE });
  const { page } = browser;
  try {
    await page.goto('/login');
    await page.getByTestId('username').fill('leader');
    await page.getByTestId('password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    const navigationStart = Date.now();
    await page.waitForURL((url) => url.pathname === '/leader');
    await page.getByTestId('chart-target').locator('[data-series]').waitFor();
    await page.getByTestId('published-ranking').waitFor();
    await page.waitForLoadState('networkidle');
    const settledMs = Date.now() - navigationStart;

    const calls: CallTiming[] = await page.evaluate(() => {
      const origin = performance.timeOrigin;
      return performance
        .getEntriesByType('resource')
        .map((e) => e as unknown as ResourceEntry)
        .filter((e) => new URL(e.name).pathname.startsWith('/api/') && !e.name.includes('/api/auth/login'))
        .map((e) => ({
          path: new URL(e.name).pathname + new URL(e.name).search,
          startMs: Math.round(origin + e.startTime),
          durationMs: Math.round((e.responseEnd - e.requestStart) * 10) / 10,
          bytes: e.transferSize || e.encodedBodySize,
        }));
    });
    const first = Math.min(...calls.map((c) => c.startMs));
    const last = Math.max(...calls.map((c) => c.startMs + c.durationMs));

    const token = (await page.evaluate(`JSON.parse(sessionStorage.getItem('evc.session') ?? '{}').token`)) as string;
    const replays = new Map<string, number[]>();
    for (const call of calls) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const response = await fetch(`${BASE}${call.path}`, { headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        times.push(performance.now() - t0);
      }
      replays.set(call.path, times);
    }

    const lines = [
      `leader home, first load at ${BASE} (${new Date().toISOString()})`,
      `  page settled (charts drawn, network idle) ${settledMs} ms after sign-in; API calls span ${Math.round(last - first)} ms`,
      '',
      `  ${'call'.padEnd(58)} ${'first load'.padStart(10)} ${'bytes'.padStart(8)} ${`median of ${RUNS}`.padStart(13)} ${'slowest'.padStart(8)}`,
      ...calls
        .sort((a, b) => a.startMs - b.startMs)
        .map((c) => {
          const times = replays.get(c.path)!;
          return `  ${`GET ${c.path}`.padEnd(58)} ${`${c.durationMs} ms`.padStart(10)} ${String(c.bytes).padStart(8)} ${`${median(times).toFixed(1)} ms`.padStart(13)} ${`${Math.max(...times).toFixed(1)} ms`.padStart(8)}`;
        }),
    ];
    console.log(lines.join('\n'));
    expect(browser.problems).toEqual([]);
  } finally {
    await browser.close();
  }
});
