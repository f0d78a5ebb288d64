import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { FACILITY_COLUMNS, TEMPLATE_SHEETS } from '@app/excel';
import { shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import { mutate } from '../fixtures/generate-malformed-reports';
import { BrowserSession, openBrowser, requireBrowserPrerequisites, SCREENSHOT_DIR } from './support/browser';

const MONTH = shanghaiMonth(new Date());
const col = (key: string) => FACILITY_COLUMNS.findIndex((c) => c.key === key) + 1;

jest.setTimeout(240_000);

/**
 * The web UI in real headless Chromium against the real API on a test database (issue 5 tests): every role signs
 * in; a district uploads a bad file and sees every error, then a good one; the office accepts it; the leader's
 * chart changes. Any console error, page error or failed request fails the suite.
 */
describe('the web UI in headless Chromium', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let browser: BrowserSession;
  let page: Page;
  let wuhuaId: number;

  beforeAll(async () => {
    requireBrowserPrerequisites();
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    // Thirteen months of history: enough for 环比 and 同比 on the trends.
    const [year, month] = MONTH.split('-').map(Number);
    await backfillSnapshots(db.dataSource, `${year - 1}-${String(month).padStart(2, '0')}`, MONTH);
    api = await startApi(db.url, { REDIS_URL: '' });
    [{ id: wuhuaId }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '五华区'`);
    browser = await openBrowser({ baseUrl: api.baseUrl, downloadsDir: SCREENSHOT_DIR });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  afterEach(() => {
    // Every step must leave the console clean.
    expect(browser.problems).toEqual([]);
  });

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  }

  async function signIn(username: string, home: string): Promise<void> {
    await page.goto('/login');
    await page.evaluate('sessionStorage.clear()');
    await page.goto('/login');
    await page.getByTestId('username').fill(username);
    await page.getByTestId('password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === home);
  }

  async function series(testId: string): Promise<number[][]> {
    const chart = page.getByTestId(testId).locator('[data-series]');
    await chart.waitFor();
    const parsed = JSON.parse((await chart.getAttribute('data-series')) ?? '[]') as { data: number[] }[];
    return parsed.map((s) => s.data);
  }

  it('refuses a wrong password with a Chinese message', async () => {
    await page.goto('/login');
    await page.getByTestId('username').fill('leader');
    await page.getByTestId('password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    // The API answers 401; the page shows why and stays on the login page.
    await expectText(page.getByTestId('login-error'), /用户名或密码/);
    browser.problems.splice(0, browser.problems.length, ...browser.problems.filter((p) => !p.includes('401')));
    await shot('01-login-refused');
  });

  let pilesBefore: number;
  let wuhuaPilesBefore: string;

  it('signs the leader in to the city overview with KPI tiles, charts and freshness', async () => {
    await signIn('leader', '/leader');
    await page.getByTestId('kpi-piles').waitFor();
    await expectText(page.getByTestId('freshness'), /快照计算于/);
    const [completed, target] = await series('chart-target');
    expect(completed).toHaveLength(19);
    expect(target.every((t) => t > 0)).toBe(true);
    const [piles] = await series('chart-trend-piles');
    expect(piles.length).toBeGreaterThanOrEqual(13);
    pilesBefore = piles[piles.length - 1];
    expect(await page.getByTestId('kpi-piles-value').textContent()).toBe(pilesBefore.toLocaleString('zh-CN'));
    await expectText(page.getByTestId('chart-trend-piles').getByTestId('trend-compare'), /环比.*同比/);
    wuhuaPilesBefore =
      (await page.getByTestId('district-table').locator('tr', { hasText: '五华区' }).textContent()) ?? '';
    await shot('02-leader-home');
  });

  it('drills down from the city to a district and to one of its communities', async () => {
    await page.getByTestId('district-table').locator('tr', { hasText: '五华区' }).click();
    await page.getByTestId('district-detail').getByTestId('community-list').locator('tbody tr').first().waitFor();
    await shot('03-leader-district');
    await page.getByTestId('community-list').locator('tbody tr').first().click();
    await expectText(page.getByTestId('community-detail'), /建设条件历史/);
    await shot('04-leader-community');
  });

  it('signs the office in to the reporting board', async () => {
    await signIn('office', '/office/board');
    await page.getByTestId('board-table').waitFor();
    expect(await page.getByTestId('board-table').locator('tbody tr').count()).toBe(19);
    await expectText(page.getByTestId('countdown'), /天|小时|分钟|已截止/);
    await shot('05-office-board');
  });

  let template: Buffer;

  it('signs a district in; it downloads its template and a bad file shows every error', async () => {
    await signIn('wuhua', '/district');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-template').click(),
    ]);
    template = readFileSync((await download.path())!);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    const bad = await mutate(template, (workbook) => {
      const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!;
      sheet.getRow(2).getCell(col('acPiles')).value = -1;
      sheet.getRow(3).getCell(col('totalKw')).value = { formula: 'G3*7' } as ExcelJS.CellFormulaValue;
    });
    await uploadFile('五华区-错误.xlsx', bad);
    const errors = page.getByTestId('error-table');
    await errors.waitFor({ timeout: 60_000 });
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('应为 0 到');
    expect(text).toContain('此处应填写数值，不能使用公式');
    expect(await errors.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    await expectText(page.getByTestId('upload-errors'), /未通过校验：共 \d+ 处错误，未写入任何数据/);
    await shot('06-district-rejected');
  });

  it('uploads a good file, which becomes version 1 awaiting review', async () => {
    const good = await mutate(template, (workbook) => {
      const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!;
      // A built public facility gains two AC piles: the city's public piles rise by two.
      for (let r = 2; r <= sheet.actualRowCount; r++) {
        const row = sheet.getRow(r);
        if (row.getCell(col('usage')).value === '公用' && row.getCell(col('acceptedOn')).value) {
          row.getCell(col('acPiles')).value = Number(row.getCell(col('acPiles')).value) + 2;
          return;
        }
      }
      throw new Error('the template has no built public facility');
    });
    await uploadFile('五华区-正确.xlsx', good);
    await page.getByTestId('upload-accepted').waitFor({ timeout: 60_000 });
    await expectText(page.getByTestId('version-table'), /第 1 版.*待审核/);
    await expectText(page.getByTestId('report-state'), /已报送/);
    await shot('07-district-accepted-upload');
  });

  it('the office accepts the version from its review queue', async () => {
    await signIn('office', '/office/board');
    await page.getByText(/审核队列（1）/).click();
    await page.getByTestId('board-table').locator('tr', { hasText: '五华区' }).click();
    await page.getByTestId('accept-version').click();
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await expectText(page.getByTestId('report-state'), /已审核通过/);
    await page.getByTestId('comment-input').fill('公用充电桩有所增加，请继续推进未覆盖社区');
    await page.getByTestId('comment-save').click();
    await expectText(page.locator('.el-message'), /意见已保存/);
    await shot('08-office-accepted');
  });

  it('the office computes the month’s ranking draft, reviews and publishes it', async () => {
    await page.goto('/office/rankings');
    await page.getByTestId('draft-ranking').click();
    const rows = page.getByTestId('ranking-detail').getByTestId('ranking-table').locator('tbody tr');
    await rows.first().waitFor();
    await expectText(page.getByTestId('ranking-detail').locator('.el-card__header'), /草稿/);
    expect(await page.getByTestId('ranking-detail').getByTestId('ranking-table').locator('tbody tr').count()).toBe(19);
    await page.getByTestId('publish-ranking').click();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expectText(page.getByTestId('ranking-detail').locator('.el-card__header'), /已发布/);
    await shot('09-office-ranking-published');
  });

  it('the leader’s chart changes: two more public piles, the office’s comment beside 五华区, the published ranking', async () => {
    // Acceptance enqueues the month's aggregation; wait for its snapshot before looking.
    const token = await api.login('leader', DEMO_PASSWORD);
    const [{ id: planId }] = await db.dataSource.query(
      `SELECT id FROM target_plan ORDER BY end_month DESC, id LIMIT 1`,
    );
    for (let i = 0; i < 100; i++) {
      const { body } = await api.request('GET', `/api/progress?month=${MONTH}&planId=${planId}`, { token });
      const city = body.rows?.find((r: any) => r.districtId === null);
      if (city && city.publicAcPiles + city.publicDcPiles === pilesBefore + 2) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await signIn('leader', '/leader');
    await page.getByTestId('kpi-piles').waitFor();
    const [piles] = await series('chart-trend-piles');
    expect(piles[piles.length - 1]).toBe(pilesBefore + 2);
    expect(await page.getByTestId('kpi-piles-value').textContent()).toBe((pilesBefore + 2).toLocaleString('zh-CN'));
    const wuhuaRow = page.getByTestId('district-table').locator('tr', { hasText: '五华区' });
    expect(await wuhuaRow.textContent()).not.toBe(wuhuaPilesBefore);
    await expectText(page.getByTestId(`comment-${wuhuaId}`), /公用充电桩有所增加/);
    // The ranking just published is the one the leader sees.
    const published = page.getByTestId('published-ranking').getByTestId('ranking-table').locator('tbody tr');
    await published.first().waitFor();
    expect(await published.count()).toBe(19);
    await shot('10-leader-after');
  });

  async function uploadFile(name: string, buffer: Buffer): Promise<void> {
    await page.getByTestId('upload').locator('input[type=file]').setInputFiles({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
  }
});

async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    last = (
      (await locator
        .first()
        .textContent()
        .catch(() => '')) ?? ''
    ).replace(/\s+/g, ' ');
    if (pattern.test(last)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${pattern} in “${last}”`);
}
