import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { FACILITY_COLUMNS, TEMPLATE_SHEETS } from '@app/excel';
import { shanghaiDate, shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import { mutate } from '../fixtures/generate-malformed-reports';
import { BrowserSession, openBrowser, requireBrowserPrerequisites, SCREENSHOT_DIR } from './support/browser';

const MONTH = shanghaiMonth(new Date());
const TODAY = shanghaiDate(new Date());
const YEAR = Number(TODAY.slice(0, 4));
const col = (key: string) => FACILITY_COLUMNS.findIndex((c) => c.key === key) + 1;

jest.setTimeout(300_000);

/**
 * The office's quality screens in real headless Chromium against the real API on demo data (issue 5): property
 * ratings, complaints and patrols, grid time limits, the working-day calendar and anomaly flags on review; the
 * leader's rating distribution. Every figure checked on screen is compared with what the API answers. Any console
 * error, page error or failed request fails the suite.
 */
describe('the office quality screens in headless Chromium', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let browser: BrowserSession;
  let page: Page;
  let office: string;
  let wuhuaId: number;

  beforeAll(async () => {
    requireBrowserPrerequisites();
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    const [year, month] = MONTH.split('-').map(Number);
    await backfillSnapshots(db.dataSource, `${year - 1}-${String(month).padStart(2, '0')}`, MONTH);
    api = await startApi(db.url, { REDIS_URL: '' });
    office = await api.login('office', DEMO_PASSWORD);
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
    expect(browser.problems).toEqual([]);
  });

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `quality-${name}.png`) });
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

  async function get(path: string, token = office): Promise<any> {
    const { status, body } = await api.request('GET', path, { token });
    expect(status).toBe(200);
    return body;
  }

  /** The text input behind an Element Plus date picker (the test id lands on the input or its wrapper). */
  async function fillDate(testId: string, value: string): Promise<void> {
    const target = page.getByTestId(testId);
    const input = (await target.evaluate((e) => e.tagName)) === 'INPUT' ? target : target.locator('input').first();
    await input.fill(value);
    await input.press('Enter');
  }

  /** Every screen the office menu gained opens with its content, not an error. */
  it('opens each new office screen from the menu', async () => {
    await signIn('office', '/office/board');
    const screens: [string, string, string][] = [
      ['物业评价', '/office/ratings', 'rating-rounds'],
      ['投诉与巡查', '/office/complaints', 'complaint-table'],
      ['电网时限', '/office/grid', 'grid-groups'],
      ['工作日历', '/office/working-calendar', 'calendar-years'],
      ['异常数据', '/office/anomalies', 'anomaly-review'],
    ];
    for (const [label, path, content] of screens) {
      await page.locator('.el-menu-item', { hasText: label }).click();
      await page.waitForURL((url) => url.pathname === path);
      // The list, or its empty state once loaded: never the error state.
      await page.getByTestId(content).or(page.getByTestId('state-empty')).first().waitFor();
      expect(await page.getByTestId('state-error').count()).toBe(0);
      await shot(`01-${path.split('/').pop()}`);
    }
    // The settings forms show what the API holds.
    const rating = await get('/api/ratings/settings');
    await page.goto('/office/ratings');
    await page.getByRole('tab', { name: '评价设置' }).click();
    await expectText(page.getByTestId('weight-total'), /^100%$/);
    expect(await page.getByTestId('weight-construction').locator('input').inputValue()).toBe(
      (rating.weights.construction / 100).toFixed(2),
    );
    expect(await page.getByTestId('threshold-A').locator('input').inputValue()).toBe(
      (rating.gradeThresholds.A / 100).toFixed(2),
    );
    await shot('01-rating-settings');
    const anomaly = await get('/api/anomaly-flags/settings');
    await page.goto('/office/anomalies');
    await page.getByRole('tab', { name: '检测设置' }).click();
    expect(await page.getByTestId('jump-threshold').locator('input').inputValue()).toBe(
      anomaly.settings.jump.threshold.toFixed(2),
    );
    await shot('01-anomaly-settings');
    // The patrol tab lists the demo's patrol records.
    await page.goto('/office/complaints');
    await page.getByRole('tab', { name: '充电设施安全巡查' }).click();
    await page.getByTestId('patrol-table').waitFor();
    expect(await page.getByTestId('patrol-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await shot('01-patrols');

    // The office records a patrol that found an issue; it is listed first, open.
    const [target] = await db.dataSource.query(
      `SELECT c.id, c.code, c.name FROM community c WHERE c.property_company_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM safety_patrol p WHERE p.community_id = c.id AND p.patrolled_on = $1)
        ORDER BY c.code LIMIT 1`,
      [TODAY],
    );
    await page.getByTestId('record-patrol').click();
    const dialog = page.locator('.el-dialog', { hasText: '登记安全巡查记录' });
    await dialog.getByTestId('community-picker').click();
    await page.keyboard.type(target.code);
    await page.locator('.el-select-dropdown__item', { hasText: target.code }).click();
    await dialog.getByTestId('patrol-inspector').fill('浏览器测试巡查员');
    await dialog.getByTestId('patrol-result').getByText('发现隐患').click();
    await dialog.getByTestId('patrol-issues').fill('充电桩接地线松动');
    await dialog.getByTestId('patrol-submit').click();
    await expectText(page.locator('.el-message'), /巡查记录已登记/);
    const patrols = await get(`/api/patrols?communityId=${target.id}&openOnly=true`);
    expect(patrols.items[0]).toMatchObject({ patrolledOn: TODAY, result: 'issues_found', issues: '充电桩接地线松动' });
    await expectText(
      page.getByTestId('patrol-table').locator('tr.el-table__row', { hasText: '浏览器测试巡查员' }),
      /发现隐患.*充电桩接地线松动.*未整改/,
    );
    await shot('01-patrol-recorded');
  });

  let company: { id: number; name: string };
  let community: { id: number; code: string; name: string };

  it('computes the year’s rating draft with each company’s breakdown and grade', async () => {
    await page.goto('/office/ratings');
    await page.getByTestId('draft-rating').click();
    await expectText(page.locator('.el-message'), new RegExp(`已计算 ${YEAR} 年度评价草稿`));
    const [summary] = await get(`/api/ratings?year=${YEAR}`);
    expect(summary.status).toBe('draft');
    const round = await get(`/api/ratings/${summary.id}`);
    const detail = page.getByTestId('rating-detail');
    await expectText(detail.getByTestId('rating-status'), /草稿/);
    expect(await detail.getByTestId('rating-rows').locator('tbody tr.el-table__row').count()).toBe(round.rows.length);
    for (const grade of ['A', 'B', 'C', 'D']) {
      expect(await detail.getByTestId(`grade-count-${grade}`).textContent()).toBe(String(round.gradeCounts[grade]));
    }
    // A company still eligible for awards, with a community of its own to complain about.
    const eligible = round.rows.filter((r: any) => r.awardEligible);
    expect(eligible.length).toBeGreaterThan(0);
    for (const row of eligible) {
      const [c] = await db.dataSource.query(
        `SELECT id, code, name FROM community WHERE property_company_id = $1 ORDER BY code LIMIT 1`,
        [row.propertyCompanyId],
      );
      if (c) {
        company = { id: row.propertyCompanyId, name: row.propertyCompanyName };
        community = c;
        break;
      }
    }
    expect(company).toBeDefined();
    await detail.getByTestId(`eligible-${company.id}`).waitFor();
    // The breakdown of the first row: its construction ratio as the API counted it.
    const first = round.rows[0];
    const construction = first.breakdown.find((b: any) => b.criterion === 'construction');
    const firstRow = detail.getByTestId('rating-rows').locator('tbody tr.el-table__row').first();
    await expectText(firstRow, new RegExp(`${construction.ratio.numerator}/${construction.ratio.denominator}`));
    await shot('02-rating-draft');
  });

  it('registers an obstruction complaint, confirms it, and the recomputed draft disqualifies the company', async () => {
    await page.goto('/office/complaints');
    await page.getByTestId('register-complaint').click();
    const dialog = page.locator('.el-dialog', { hasText: '登记投诉' });
    await dialog.getByTestId('community-picker').click();
    await page.keyboard.type(community.code);
    await page.locator('.el-select-dropdown__item', { hasText: community.code }).click();
    await expectText(dialog, new RegExp(escape(company.name)));
    const text = `浏览器测试：物业拒绝为${community.name}的公用充电设施施工放行`;
    await dialog.getByTestId('complaint-description').fill(text);
    await dialog.getByTestId('complaint-submit').click();
    await expectText(page.locator('.el-message'), /已登记/);

    const registered = await get(`/api/complaints?status=registered&propertyCompanyId=${company.id}`);
    const complaint = registered.items.find((c: any) => c.description === text);
    expect(complaint).toMatchObject({ kind: 'obstruction', facilityUsage: 'public', communityId: community.id });
    const status = page.getByTestId(`complaint-status-${complaint.id}`);
    await expectText(status, /^待认定$/);
    await shot('03-complaint-registered');
    await page.getByTestId(`complaint-confirm-${complaint.id}`).click();
    const decision = page.locator('.el-dialog', { hasText: '认定投诉属实' });
    await decision.getByTestId('decision-reason').fill('经现场核查，物业确有阻挠施工行为');
    await decision.getByTestId('decision-submit').click();
    await expectText(status, /^属实$/);
    expect(await get(`/api/complaints/${complaint.id}`)).toMatchObject({
      status: 'confirmed',
      decisionNote: '经现场核查，物业确有阻挠施工行为',
    });
    await shot('04-complaint-confirmed');

    await page.goto('/office/ratings');
    await page.getByTestId('rating-detail').waitFor();
    await page.getByTestId('draft-rating').click();
    await expectText(page.locator('.el-message'), new RegExp(`已计算 ${YEAR} 年度评价草稿`));
    const detail = page.getByTestId('rating-detail');
    await expectText(detail.getByTestId(`disq-${company.id}`), /取消评优评先/);
    await expectText(detail.getByTestId('disqualified-list'), new RegExp(escape(company.name)));
    const [summary] = await get(`/api/ratings?year=${YEAR}`);
    const round = await get(`/api/ratings/${summary.id}`);
    const rated = round.rows.find((r: any) => r.propertyCompanyId === company.id);
    expect(rated.awardEligible).toBe(false);
    expect(rated.disqualificationReasons.length).toBeGreaterThan(0);
    await expectText(detail.getByTestId(`disq-${company.id}`), new RegExp(escape(rated.disqualificationReasons[0])));
    await shot('05-rating-disqualified');
  });

  it('edits a working-calendar day, sees it listed and the working days counted by the API, then removes it', async () => {
    if ((await api.request('GET', `/api/working-calendar/${YEAR}`, { token: office })).status === 404) {
      const added = await api.request('POST', '/api/working-calendar', {
        token: office,
        body: { year: YEAR, source: '浏览器测试' },
      });
      expect(added.status).toBe(201);
    }
    const before = await get(`/api/working-calendar/${YEAR}`);
    const taken = new Set(before.days.map((d: any) => d.date));
    // An ordinary weekday of this year, in its second half: no holiday or swapped workday on it yet.
    let date = '';
    for (
      let day = new Date(Date.UTC(YEAR, 6, 1));
      day.getUTCFullYear() === YEAR;
      day.setUTCDate(day.getUTCDate() + 1)
    ) {
      const iso = day.toISOString().slice(0, 10);
      if (day.getUTCDay() >= 1 && day.getUTCDay() <= 5 && !taken.has(iso)) {
        date = iso;
        break;
      }
    }
    expect(date).not.toBe('');

    await page.goto('/office/working-calendar');
    await page.getByTestId(`working-days-${YEAR}`).waitFor();
    expect(await page.getByTestId(`working-days-${YEAR}`).textContent()).toBe(String(before.workingDays));
    await fillDate('calendar-day-date', date);
    await page.getByTestId('calendar-day-name').fill('测试假日');
    await page.getByTestId('calendar-day-save').click();
    await page.getByTestId(`calendar-day-${date}`).waitFor();
    const after = await get(`/api/working-calendar/${YEAR}`);
    expect(after.days.find((d: any) => d.date === date)).toMatchObject({ kind: 'holiday', name: '测试假日' });
    expect(after.workingDays).toBe(before.workingDays - 1);
    await expectText(page.getByTestId(`working-days-${YEAR}`), new RegExp(`^${after.workingDays}$`));
    await shot('06-working-calendar-edited');

    await page.getByTestId(`calendar-day-remove-${date}`).click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除', exact: true }).click();
    await page.getByTestId(`calendar-day-${date}`).waitFor({ state: 'detached' });
    expect((await get(`/api/working-calendar/${YEAR}`)).workingDays).toBe(before.workingDays);
  });

  it('shows grid breaches per district and per operator exactly as the API counts them', async () => {
    await page.goto('/office/grid');
    await page.getByTestId('grid-groups').waitFor();
    const byDistrict = await get(`/api/grid/breaches/districts?asOf=${TODAY}`);
    expect(byDistrict.total.facilityCount).toBeGreaterThan(0);
    await expectText(
      page.getByTestId('grid-late-facilities-value'),
      new RegExp(`^${byDistrict.total.facilitiesWithBreach}$`),
    );
    for (const group of byDistrict.groups) {
      expect(await page.getByTestId(`grid-late-${group.key}`).textContent()).toBe(String(group.facilitiesWithBreach));
    }
    // The per-step figures of the city total.
    for (const rule of byDistrict.rules) {
      const steps = byDistrict.total.steps[rule.step];
      expect(await page.getByTestId(`grid-step-${rule.step}-value`).textContent()).toBe(
        String(steps.breached + steps.overdue),
      );
    }
    // A district with breaches: its detail lists each late step with working days used against the limit.
    const late = byDistrict.groups.find((g: any) => g.breaches.length > 0);
    expect(late).toBeDefined();
    const row = page.getByTestId('grid-groups').locator('tr.el-table__row', { hasText: late.name }).first();
    await row.locator('.el-table__expand-icon').click();
    const breaches = page.getByTestId('grid-groups').locator('.expand tbody tr');
    await breaches.first().waitFor();
    expect(await breaches.count()).toBe(late.breaches.length);
    const withUsed = late.breaches.find((b: any) => b.used !== null);
    if (withUsed)
      await expectText(
        page.getByTestId('grid-groups').locator('.expand'),
        new RegExp(`${withUsed.used} / ${withUsed.limit} 个工作日`),
      );
    await shot('07-grid-districts');

    await page.getByTestId('grid-group-by').getByText('按运营企业').click();
    const byOperator = await get(`/api/grid/breaches/operators?asOf=${TODAY}`);
    await page.getByTestId(`grid-group-name-${byOperator.groups[0].key}`).waitFor();
    for (const group of byOperator.groups) {
      expect(await page.getByTestId(`grid-late-${group.key}`).textContent()).toBe(String(group.facilitiesWithBreach));
    }
    await shot('08-grid-operators');
  });

  it('explains an anomaly flag of the version under review', async () => {
    // 五华区 submits a report with 500 more AC piles on one facility: a month far above its usual increases.
    const clerk = await api.login('wuhua', DEMO_PASSWORD);
    const [facility] = await db.dataSource.query(
      `SELECT f.code, f.ac_piles AS "acPiles" FROM facility f JOIN community c ON c.id = f.community_id
        WHERE c.district_id = $1 AND f.usage = 'public' AND f.accepted_on IS NOT NULL AND f.retired_on IS NULL
          AND f.ac_piles > 0 ORDER BY f.code LIMIT 1`,
      [wuhuaId],
    );
    const template = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${wuhuaId}/template`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(template.status).toBe(200);
    const bytes = await mutate(Buffer.from(await template.arrayBuffer()), (workbook: ExcelJS.Workbook) => {
      workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!.eachRow((row, rowNo) => {
        if (rowNo > 1 && String(row.getCell(col('facilityCode')).value ?? '') === facility.code) {
          row.getCell(col('acPiles')).value = facility.acPiles + 500;
        }
      });
    });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), '五华区.xlsx');
    const upload = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${wuhuaId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body: form,
    });
    const { uploadId } = (await upload.json()) as { uploadId: string };
    let versionId: number | null = null;
    for (let i = 0; i < 300 && versionId === null; i++) {
      const { body } = await api.request('GET', `/api/uploads/${uploadId}`, { token: clerk });
      if (body.status === 'rejected') throw new Error(`rejected: ${JSON.stringify(body.errors)}`);
      if (body.status === 'accepted') versionId = body.versionId;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(versionId).not.toBeNull();
    const flags = (await get(`/api/anomaly-flags?month=${MONTH}&districtId=${wuhuaId}`)).filter(
      (f: any) => f.versionId === versionId,
    );
    const jump = flags.find((f: any) => f.kind === 'month_jump' && f.metric === 'publicPiles');
    expect(jump).toMatchObject({ subject: 'district', explained: false, confirmedAt: null });
    expect(Number(jump.currentValue)).toBeGreaterThanOrEqual(500);

    // The board shows the version's flag count.
    await page.goto('/office/board');
    await page.getByTestId('board-table').waitFor();
    const board = await get(`/api/periods/${MONTH}/status`);
    const wuhua = board.districts.find((d: any) => d.districtId === wuhuaId);
    expect(wuhua.anomalyCount).toBe(flags.length);
    await expectText(page.getByTestId(`board-anomalies-${wuhuaId}`), new RegExp(`^${flags.length}$`));
    await shot('09-board-anomalies');

    await page.goto(`/office/reports/${MONTH}/${wuhuaId}`);
    const panel = page.getByTestId('review-anomalies');
    await panel.getByTestId('anomaly-table').waitFor();
    expect(await panel.getByTestId('anomaly-table').locator('tbody tr.el-table__row').count()).toBe(flags.length);
    await expectText(panel.getByTestId(`anomaly-value-${jump.id}`), new RegExp(`^${jump.currentValue}$`));
    await expectText(panel, new RegExp(escape(jump.metricLabel)));
    await shot('09-review-anomalies-open');
    await panel.getByTestId(`anomaly-explain-${jump.id}`).click();
    await page.getByTestId('anomaly-note').fill('已电话核实：本月新建集中式充电站，数据属实');
    await page.getByTestId('anomaly-confirm').click();
    await expectText(panel.getByTestId(`anomaly-confirmed-${jump.id}`), /已核实.*本月新建集中式充电站/);
    const [confirmed] = (await get(`/api/anomaly-flags?month=${MONTH}&districtId=${wuhuaId}`)).filter(
      (f: any) => f.id === jump.id,
    );
    expect(confirmed.confirmationNote).toBe('已电话核实：本月新建集中式充电站，数据属实');
    await shot('10-review-anomaly-explained');

    // The office's list of the month shows it too, confirmed.
    await page.goto('/office/anomalies');
    await expectText(page.getByTestId(`anomaly-confirmed-${jump.id}`), /已核实/);
  });

  it('the office confirms the round and the leader sees its grade distribution', async () => {
    await page.goto('/office/ratings');
    await page.getByTestId('confirm-rating').click();
    await page.locator('.el-message-box').getByRole('button', { name: '确认', exact: true }).click();
    await expectText(page.getByTestId('rating-status'), /已确认/);
    await shot('11-rating-confirmed');

    await signIn('leader', '/leader');
    const leader = await api.login('leader', DEMO_PASSWORD);
    const [latest] = (await get('/api/ratings', leader)).filter((r: any) => r.status === 'confirmed');
    expect(latest.year).toBe(YEAR);
    const chart = page.getByTestId('chart-rating-grades').locator('[data-series]');
    await chart.waitFor();
    const [series] = JSON.parse((await chart.getAttribute('data-series')) ?? '[]') as { data: number[] }[];
    expect(series.data).toEqual(['A', 'B', 'C', 'D'].map((g) => latest.gradeCounts[g]));
    await expectText(page.getByTestId('rating-grades-extra'), new RegExp(`取消评优评先 ${latest.disqualified} 家`));
    await page.getByTestId('chart-rating-grades').scrollIntoViewIfNeeded();
    await shot('12-leader-rating-distribution');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 30_000;
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
