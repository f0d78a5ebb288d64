import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import { BrowserSession, openBrowser, requireBrowserPrerequisites, SCREENSHOT_DIR } from './support/browser';

const MONTH = shanghaiMonth(new Date());
const UNREPORTED = ['KMCD800000001', 'KMCD800000002'];

jest.setTimeout(300_000);

/** 1234567 fen → '12,345.67', computed here independently of the web code. */
function yuan(fen: number): string {
  const text = String(Math.abs(fen)).padStart(3, '0');
  const whole = text.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${whole}.${text.slice(-2)}`;
}

/**
 * The office's money screens in real headless Chromium against the real API (issue 5): the municipal platform's
 * list is uploaded (a bad file first), the cross-check shows what disagrees, a key for the push is issued once and
 * revoked; the subsidy rate is set, a round drafted and confirmed with the API's total; an export is run to its file
 * and re-read; the monthly bulletin prints; the leader sees the confirmed subsidy. Any console error fails a step.
 */
describe('the office’s subsidy, platform and export screens in headless Chromium', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let browser: BrowserSession;
  let page: Page;
  let officeToken: string;
  let planId: number;
  /** Problems a step expects (the API's 4xx answers show in the console as failed resources). */
  let expected: RegExp[] = [];

  beforeAll(async () => {
    requireBrowserPrerequisites();
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    await backfillSnapshots(db.dataSource, MONTH, MONTH);
    api = await startApi(db.url, { REDIS_URL: '' });
    officeToken = await api.login('office', DEMO_PASSWORD);
    [{ id: planId }] = await db.dataSource.query(`SELECT id FROM target_plan ORDER BY end_month DESC, id LIMIT 1`);
    browser = await openBrowser({ baseUrl: api.baseUrl, downloadsDir: SCREENSHOT_DIR });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await db?.drop();
  });

  afterEach(() => {
    const unexpected = browser.problems.filter((p) => !expected.some((pattern) => pattern.test(p)));
    browser.problems.length = 0;
    expected = [];
    expect(unexpected).toEqual([]);
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

  async function get(path: string): Promise<any> {
    const { status, body } = await api.request('GET', path, { token: officeToken });
    if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(body)}`);
    return body;
  }

  async function uploadPlatformFile(name: string, text: string): Promise<void> {
    await page
      .getByTestId('platform-upload')
      .locator('input[type=file]')
      .setInputFiles({
        name,
        mimeType: 'text/csv',
        buffer: Buffer.from(text, 'utf8'),
      });
  }

  it('the office opens the new screens from the menu; subsidy rounds start empty', async () => {
    await signIn('office', '/office/board');
    await page.locator('.el-menu-item', { hasText: '补贴管理' }).click();
    await page.waitForURL((url) => url.pathname === '/office/subsidy');
    await page.getByTestId('subsidy-rounds').getByTestId('state-empty').waitFor();
    await expectText(page.getByTestId('subsidy-rounds'), /尚无补贴批次/);
    await shot('money-01-subsidy-empty');
    await page.locator('.el-menu-item', { hasText: '平台数据' }).click();
    await page.getByTestId('platform-history').getByTestId('state-empty').waitFor();
    await page.locator('.el-menu-item', { hasText: '导出中心' }).click();
    await page.getByTestId('export-history').getByTestId('state-empty').waitFor();
  });

  it('a bad platform file shows every error in a table and imports nothing', async () => {
    await page.goto('/office/platform');
    expected = [/status of 4\d\d/];
    await uploadPlatformFile(
      '平台-错误.csv',
      ['平台编号,接入日期,交流桩数,直流桩数,总功率（kW）', 'KMCD1,2099-01-01,-1,0,7', 'KMCD2,不是日期,2,0,14'].join(
        '\n',
      ),
    );
    const table = page.getByTestId('platform-error-table');
    await table.waitFor({ timeout: 30_000 });
    await expectText(page.getByTestId('platform-import-error'), /市级平台数据有 \d+ 处错误，未导入任何数据/);
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    await expectText(table, /接入日期/);
    expect(await get('/api/platform/imports')).toEqual([]);
    await shot('money-02-platform-rejected');
  });

  it('a good platform file is imported; the cross-check lists what disagrees', async () => {
    const facilities: any[] = await db.dataSource.query(
      `SELECT f.platform_id AS "platformId", f.name, d.code AS "districtCode",
              to_char(f.platform_connected_on, 'YYYY-MM-DD') AS "connectedOn", f.ac_piles AS "acPiles",
              f.dc_piles AS "dcPiles", f.total_kw::text AS "totalKw"
         FROM facility f JOIN community c ON c.id = f.community_id JOIN district d ON d.id = c.district_id
        WHERE f.platform_id IS NOT NULL AND f.platform_connected_on IS NOT NULL AND f.retired_on IS NULL
        ORDER BY f.code`,
    );
    expect(facilities.length).toBeGreaterThan(20);
    // Every 10th reported facility is missing from the platform; two platform records no district reports.
    const listed = facilities.filter((_, i) => i % 10 !== 9);
    const lines = ['平台编号,站点名称,所属区县,接入日期,交流桩数,直流桩数,总功率（kW）'];
    for (const f of listed) {
      lines.push(
        [f.platformId, f.name ?? '', f.districtCode, f.connectedOn, f.acPiles, f.dcPiles, f.totalKw].join(','),
      );
    }
    for (const id of UNREPORTED) lines.push(`${id},平台自有站点,${facilities[0].districtCode},${MONTH}-01,4,0,28`);
    await uploadPlatformFile('平台-接入设施.csv', lines.join('\n'));
    await expectText(
      page.getByTestId('platform-import-result'),
      new RegExp(`${listed.length + UNREPORTED.length} 条设施记录`),
    );
    await expectText(page.getByTestId('platform-history-table'), /平台-接入设施\.csv/);
    await shot('money-03-platform-imported');

    const check = await get('/api/platform/cross-check');
    expect(check.totals.connectedNotReported).toBe(UNREPORTED.length);
    expect(check.totals.reportedNotConnected).toBeGreaterThanOrEqual(facilities.length - listed.length);
    await page.getByRole('tab', { name: '报送比对' }).click();
    await page.getByTestId('check-district-table').waitFor();
    expect(await page.getByTestId('check-reported-not-connected-value').textContent()).toBe(
      String(check.totals.reportedNotConnected),
    );
    expect(await page.getByTestId('check-connected-not-reported-value').textContent()).toBe(String(UNREPORTED.length));
    expect(await page.getByTestId('check-not-connected').locator('tbody tr').count()).toBe(
      check.totals.reportedNotConnected,
    );
    await page.getByRole('tab', { name: /平台已接入但区县未报送/ }).click();
    for (const id of UNREPORTED) await expectText(page.getByTestId('check-unreported'), new RegExp(id));
    await shot('money-04-cross-check');
  });

  it('issues a push key shown once, then revokes it', async () => {
    await page.getByRole('tab', { name: '接口密钥' }).click();
    await page.getByTestId('platform-keys').getByTestId('state-empty').waitFor();
    await page.getByTestId('new-key').click();
    await page.getByTestId('key-name').fill('市级监测平台');
    await page.getByTestId('issue-key').click();
    const key = await page.getByTestId('issued-key').inputValue();
    const [listed] = await get('/api/platform/api-keys');
    expect(key.startsWith(listed.keyPrefix)).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(key);
    await shot('money-05-key-issued');
    await page.getByRole('button', { name: '我已保存' }).click();
    await page.getByTestId('revoke-key').click();
    await page.locator('.el-message-box').getByRole('button', { name: '停用', exact: true }).click();
    await expectText(page.getByTestId('key-table'), /已停用/);
    expect((await get('/api/platform/api-keys'))[0].revokedAt).not.toBeNull();
  });

  it('sets the subsidy rate; the eligibility list shows each rule and its reason', async () => {
    await page.goto('/office/subsidy?tab=settings');
    await page.getByTestId('subsidy-settings-unset').waitFor();
    await page.getByTestId('yuan-per-kw').fill('200.5');
    await page.getByTestId('cap-yuan').fill('30000');
    await page.getByTestId('save-subsidy-settings').click();
    await expectText(page.locator('.el-message'), /补贴标准已保存/);
    const settings = await get('/api/subsidy/settings');
    expect(settings.rate).toEqual({ fenPerKw: 20050, fenPerPile: { ac: 0, dc: 0 }, capFen: 3000000 });

    await page.getByRole('tab', { name: '资格审核' }).click();
    await page.getByTestId('eligibility-table').waitFor();
    const eligibility = await get('/api/subsidy/eligibility');
    expect(eligibility.totals.eligible).toBeGreaterThan(0);
    expect(eligibility.totals.eligible).toBeLessThan(eligibility.totals.facilities);
    await expectText(page.getByTestId('eligibility-total'), new RegExp(`^${yuan(eligibility.totals.totalFen)}$`));
    await expectText(
      page.getByTestId('eligibility-totals'),
      new RegExp(`公用设施 ${eligibility.totals.facilities} 处，符合条件 ${eligibility.totals.eligible} 处`),
    );
    await page.getByTestId('eligibility-result').getByText('不符合').click();
    const first = page.getByTestId('eligibility-table').locator('tbody tr').first();
    await expectText(first, /不符合/);
    await first.locator('.el-table__expand-icon').click();
    await expectText(page.getByTestId('eligibility-table').locator('.reasons').first(), /未通过/);
    await shot('money-06-eligibility');
  });

  it('drafts a round, confirms it in a dialog, and shows the API’s total', async () => {
    await page.getByRole('tab', { name: '补贴批次' }).click();
    await page.getByTestId('new-round').click();
    await page.getByTestId('round-name').fill('测试第一批');
    await page.getByTestId('create-round').click();
    await expectText(page.getByTestId('round-detail').locator('.el-card__header'), /测试第一批 · 草稿/);
    const [summary] = await get('/api/subsidy/rounds');
    const round = await get(`/api/subsidy/rounds/${summary.id}`);
    expect(round.lineCount).toBeGreaterThan(0);
    expect(round.lines.reduce((s: number, l: any) => s + l.amountFen, 0)).toBe(round.totalFen);
    expect(await page.getByTestId('round-total').textContent()).toBe(`${yuan(round.totalFen)} 元`);
    expect(await page.getByTestId('round-lines').textContent()).toBe(`${round.lineCount} 处`);
    await shot('money-07-round-draft');

    await page.getByTestId('confirm-round').click();
    const dialog = page.locator('.el-message-box');
    await expectText(dialog, new RegExp(`共 ${round.lineCount} 处设施，合计 ${yuan(round.totalFen)} 元`));
    await dialog.getByRole('button', { name: '确认批次' }).click();
    await expectText(page.getByTestId('round-detail').locator('.el-card__header'), /已确认/);
    expect((await get(`/api/subsidy/rounds/${round.id}`)).status).toBe('confirmed');
    expect(await page.getByTestId('confirm-round').count()).toBe(0);
    expect(await page.getByTestId('delete-round').count()).toBe(0);
    await shot('money-08-round-confirmed');
  });

  it('a second draft can be deleted; confirmed facilities are not in it', async () => {
    await page.getByTestId('new-round').click();
    await page.getByTestId('round-name').fill('测试草稿');
    await page.getByTestId('create-round').click();
    await expectText(page.getByTestId('round-detail').locator('.el-card__header'), /测试草稿 · 草稿/);
    expect(await page.getByTestId('round-total').textContent()).toBe('0.00 元');
    await page.getByTestId('delete-round').click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    await expectText(page.locator('.el-message'), /已删除/);
    expect((await get('/api/subsidy/rounds')).map((r: any) => r.name)).toEqual(['测试第一批']);
  });

  it('requests a city summary export, follows its progress and downloads the workbook', async () => {
    await page.goto(`/office/exports?planId=${planId}&month=${MONTH}`);
    await page.getByTestId('export-request').waitFor();
    await page.getByTestId('export-kind').getByText('全市月度汇总表').click();
    await page.getByTestId('request-export').click();
    await page.getByTestId('export-job').waitFor();
    await expectText(page.getByTestId('export-job-status'), /已完成/, 90_000);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-job-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('汇总表')!;
    let column = 0;
    let total: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      row.eachCell((cell, c) => {
        if (cell.value === '公用交流') column = c;
        if (cell.value === '全市合计') total = row;
      });
    });
    expect(column).toBeGreaterThan(0);
    const progress = await get(`/api/progress?month=${MONTH}&planId=${planId}`);
    const city = progress.rows.find((r: any) => r.districtId === null);
    expect(city.publicAcPiles).toBeGreaterThan(0);
    expect(Number(total!.getCell(column).value)).toBe(city.publicAcPiles);
    await expectText(page.getByTestId('export-history-table'), /全市月度汇总表.*已完成/);
    await shot('money-09-export-done');
  });

  it('exports the confirmed round’s subsidy list; its total is the API’s', async () => {
    const [round] = await get('/api/subsidy/rounds');
    await page.getByTestId('export-kind').getByText('补贴清单').click();
    await page.getByTestId('export-round').click();
    await page.locator('.el-select-dropdown__item', { hasText: '测试第一批' }).click();
    await page.getByTestId('request-export').click();
    await expectText(page.getByTestId('export-job'), /补贴清单/);
    await expectText(page.getByTestId('export-job-status'), /已完成/, 90_000);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-job-download').click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('补贴清单')!;
    let column = 0;
    let total: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      row.eachCell((cell, c) => {
        if (cell.value === '补贴金额') column = c;
        if (cell.value === '合计') total = row;
      });
    });
    expect(column).toBeGreaterThan(0);
    expect(Math.round(Number(total!.getCell(column).value) * 100)).toBe(round.totalFen);
    await shot('money-10-subsidy-list-export');
  });

  it('生成月度通报 runs the bulletin export and opens its print page', async () => {
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('make-bulletin').click()]);
    // The tab opens blank in the click, then shows the page fetched with the token from a blob URL.
    await popup.waitForURL(/^blob:/, { timeout: 60_000 });
    // The charts set data-charts-ready to true (or error) when drawn.
    await popup.locator('html:not([data-charts-ready="false"])').waitFor({ state: 'attached', timeout: 60_000 });
    expect(await popup.locator('html').getAttribute('data-charts-ready')).toBe('true');
    expect(await popup.title()).toMatch(/通报/);
    await popup.screenshot({ path: join(SCREENSHOT_DIR, 'money-11-bulletin-print.png') });
    await popup.close();
    await expectText(page.getByTestId('export-job'), /月度通报/);
    await expectText(page.getByTestId('export-job-status'), /已完成/, 90_000);
    await shot('money-12-bulletin-export');
  });

  it('the leader’s home shows the confirmed subsidy total and facilities', async () => {
    await signIn('leader', '/leader');
    const rounds = (
      await api.request('GET', '/api/subsidy/rounds', { token: await api.login('leader', DEMO_PASSWORD) })
    ).body as any[];
    expect(rounds.every((r) => r.status === 'confirmed')).toBe(true);
    const totalFen = rounds.reduce((s, r) => s + r.totalFen, 0);
    expect(totalFen).toBeGreaterThan(0);
    await page.getByTestId('subsidy-kpi').waitFor();
    await expectText(page.getByTestId('subsidy-kpi-amount'), new RegExp(`^${yuan(totalFen)}$`));
    expect(await page.getByTestId('subsidy-kpi-facilities').textContent()).toBe(
      String(rounds.reduce((s, r) => s + r.lineCount, 0)),
    );
    await shot('money-13-leader-subsidy');
  });
});

async function expectText(locator: ReturnType<Page['locator']>, pattern: RegExp, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (
      (await locator
        .first()
        .textContent()
        .catch(() => '')) ?? ''
    )
      .replace(/\s+/g, ' ')
      .trim();
    if (pattern.test(last)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${pattern} in “${last}”`);
}
