import ExcelJS from 'exceljs';
import { QueryFailedError } from 'typeorm';
import { FACILITY_COLUMNS, TEMPLATE_SHEETS } from '@app/excel';
import { addMonths, shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import { mutate } from '../fixtures/generate-malformed-reports';

const MONTH = shanghaiMonth(new Date());
const col = (key: string) => FACILITY_COLUMNS.findIndex((c) => c.key === key) + 1;

/**
 * Issue 4 §8 on real PostgreSQL: an upload with a facility drop, a month jump and a peer outlier gets those flags
 * persisted when its version is created, the office sees them on review (report, status board, list), a district its
 * own only; flags cannot be rewritten; the office confirms one; a ranking draft's data quality counts them.
 */
describe('anomaly flags: found on submission, shown on review, counted in data quality', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let office: string;
  let clerk: string;
  let wuhua: { id: number; code: string };
  let panlongId: number;
  let planId: number;
  /** Two public, built, standing facilities of 五华区: one to lower, one to blow up. */
  let lowered: { code: string; acPiles: number };
  let inflated: { code: string; acPiles: number; totalKw: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    // The district's history for the month-jump check is its monthly snapshots: 13 months before this one.
    await backfillSnapshots(db.dataSource, addMonths(MONTH, -13), MONTH);
    api = await startApi(db.url, { REDIS_URL: '' });
    office = await api.login('office', DEMO_PASSWORD);
    clerk = await api.login('wuhua', DEMO_PASSWORD);
    [wuhua] = await db.dataSource.query(`SELECT id, code FROM district WHERE name = '五华区'`);
    [{ id: panlongId }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '盘龙区'`);
    [{ id: planId }] = await db.dataSource.query(`SELECT id FROM target_plan WHERE code = 'KM-2025-COVERAGE'`);
    const facilities = await db.dataSource.query(
      `SELECT f.code, f.ac_piles AS "acPiles", f.total_kw::text AS "totalKw" FROM facility f JOIN community c ON c.id = f.community_id
        WHERE c.district_id = $1 AND f.usage = 'public' AND f.accepted_on IS NOT NULL AND f.retired_on IS NULL AND f.ac_piles > 0
        ORDER BY f.code LIMIT 2`,
      [wuhua.id],
    );
    expect(facilities).toHaveLength(2);
    [lowered, inflated] = facilities;
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  async function template(): Promise<Buffer> {
    const response = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${wuhua.id}/template`, {
      headers: { authorization: `Bearer ${clerk}` },
    });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  async function submit(bytes: Buffer): Promise<number> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), '五华区.xlsx');
    const response = await fetch(`${api.baseUrl}/api/periods/${MONTH}/districts/${wuhua.id}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}` },
      body: form,
    });
    const { uploadId } = (await response.json()) as { uploadId: string };
    for (let i = 0; i < 300; i++) {
      const { body } = await api.request('GET', `/api/uploads/${uploadId}`, { token: clerk });
      if (body.status === 'accepted') return body.versionId;
      if (body.status === 'rejected') throw new Error(`rejected: ${JSON.stringify(body.errors)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('upload did not finish');
  }

  let firstVersion: number;
  let flaggedVersion: number;
  let flags: any[];

  it('flags a version that lowers a facility, jumps the district’s piles and stands far from its peers', async () => {
    firstVersion = await submit(await template());
    expect(
      (
        await api.request('POST', `/api/versions/${firstVersion}/return`, {
          token: office,
          body: { comment: '请核实' },
        })
      ).status,
    ).toBe(200);

    const bytes = await mutate(await template(), (workbook: ExcelJS.Workbook) => {
      const sheet = workbook.getWorksheet(TEMPLATE_SHEETS.facilities)!;
      sheet.eachRow((row, rowNo) => {
        if (rowNo === 1) return;
        const code = String(row.getCell(col('facilityCode')).value ?? '');
        if (code === lowered.code) {
          row.getCell(col('acPiles')).value = lowered.acPiles - 1;
          row.getCell(col('remark')).value = '一台交流桩损坏拆除';
        }
        if (code === inflated.code) {
          // +500 AC piles and 99,999 kW more: a month no district here has seen, and kW per pile far above the city's.
          row.getCell(col('acPiles')).value = inflated.acPiles + 500;
          row.getCell(col('totalKw')).value = Number(inflated.totalKw) + 99_999;
        }
      });
    });
    flaggedVersion = await submit(bytes);

    const report = await api.request('GET', `/api/periods/${MONTH}/districts/${wuhua.id}/report`, { token: office });
    expect(report.status).toBe(200);
    const version = report.body.versions.find((v: any) => v.id === flaggedVersion);
    flags = version.anomalies;
    const facilityDrop = flags.find((f) => f.kind === 'cumulative_drop' && f.subjectCode === lowered.code);
    expect(facilityDrop).toMatchObject({
      kindLabel: '累计数下降',
      subject: 'facility',
      metric: 'acPiles',
      metricLabel: '交流桩数',
      previousValue: String(lowered.acPiles),
      currentValue: String(lowered.acPiles - 1),
      explained: true,
      remarks: [{ text: '一台交流桩损坏拆除' }],
    });
    expect(facilityDrop.explanation).toContain('备注：一台交流桩损坏拆除');
    const jump = flags.find((f) => f.kind === 'month_jump' && f.metric === 'publicPiles');
    expect(jump).toMatchObject({ subject: 'district', subjectCode: wuhua.code, explained: false });
    // The increase is this version's 500 − 1 plus whatever the month added in the register.
    expect(Number(jump.currentValue)).toBeGreaterThanOrEqual(499);
    expect(jump.figures.history.length).toBeGreaterThanOrEqual(6);
    expect(jump.rulesText).toContain('修正 Z 值');
    const outlier = flags.find((f) => f.kind === 'peer_outlier' && f.metric === 'kwPerPublicPile');
    expect(outlier).toMatchObject({ subject: 'district', explained: false });
    expect(outlier.figures.peers).toBeGreaterThanOrEqual(5);
    expect(Number(outlier.currentValue)).toBeGreaterThan(outlier.figures.range[1]);
    // No district total fell: the one lowered pile is outweighed by the 500 added.
    expect(flags.filter((f) => f.kind === 'cumulative_drop' && f.subject === 'district')).toEqual([]);

    const stored = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM anomaly_flag WHERE version_id = $1 AND district_id = $2 AND month = $3`,
      [flaggedVersion, wuhua.id, MONTH],
    );
    expect(stored[0].n).toBe(flags.length);
    const [notice] = await db.dataSource.query(
      `SELECT n.body FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE u.username = 'office' AND n.body LIKE '%第 2 版%' ORDER BY n.id DESC LIMIT 1`,
    );
    expect(notice.body).toContain(`系统标出 ${flags.length} 处数据异常`);
  });

  it('shows the counts on the status board, and the list to the office and to the district for its own', async () => {
    const board = await api.request('GET', `/api/periods/${MONTH}/status`, { token: office });
    const row = board.body.districts.find((d: any) => d.districtId === wuhua.id);
    const unexplained = flags.filter((f) => !f.explained).length;
    expect(row).toMatchObject({ anomalyCount: flags.length, unexplainedAnomalyCount: unexplained });
    expect(unexplained).toBeGreaterThanOrEqual(2);

    const listed = await api.request('GET', `/api/anomaly-flags?month=${MONTH}&kind=month_jump`, { token: office });
    expect(listed.status).toBe(200);
    expect(listed.body.length).toBeGreaterThanOrEqual(1);
    expect(listed.body.every((f: any) => f.kind === 'month_jump' && f.month === MONTH)).toBe(true);

    const own = await api.request('GET', `/api/anomaly-flags?districtId=${wuhua.id}`, { token: clerk });
    expect(own.status).toBe(200);
    expect(own.body.map((f: any) => f.id).sort()).toEqual(
      (await db.dataSource.query(`SELECT id FROM anomaly_flag WHERE district_id = $1 ORDER BY id`, [wuhua.id]))
        .map((r: any) => r.id)
        .sort(),
    );
    const all = await api.request('GET', '/api/anomaly-flags', { token: clerk });
    expect(all.body.every((f: any) => f.districtId === wuhua.id)).toBe(true);
    expect((await api.request('GET', `/api/anomaly-flags?districtId=${panlongId}`, { token: clerk })).status).toBe(403);
    const bad = await api.request('GET', '/api/anomaly-flags?kind=whatever', { token: office });
    expect(bad.status).toBe(422);
  });

  it('keeps flags as history: the database refuses rewriting or deleting one', async () => {
    const refused = async (sql: string) => {
      try {
        await db.dataSource.query(sql);
      } catch (error) {
        expect(error).toBeInstanceOf(QueryFailedError);
        return (error as Error).message;
      }
      throw new Error(`not refused: ${sql}`);
    };
    expect(await refused(`UPDATE anomaly_flag SET current_value = '0' WHERE version_id = ${flaggedVersion}`)).toContain(
      '报送历史不可修改或删除',
    );
    expect(await refused(`DELETE FROM anomaly_flag WHERE version_id = ${flaggedVersion}`)).toContain(
      '报送历史不可修改或删除',
    );
  });

  it('lets the office set thresholds: bad values refused with every reason, good ones audited', async () => {
    const current = await api.request('GET', '/api/anomaly-flags/settings', { token: office });
    expect(current.body).toMatchObject({ isDefault: true, settings: { jump: { threshold: 3.5 } } });
    const bad = await api.request('PUT', '/api/anomaly-flags/settings', {
      token: office,
      body: { jump: { ...current.body.settings.jump, historyMonths: 1 }, peer: { minPeers: 0 } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        '月增量异常的统计月数须为 3 至 36 的整数',
        '同城比较的最少可比区县数须为 2 至 1000 的整数',
      ]),
    );
    const good = await api.request('PUT', '/api/anomaly-flags/settings', {
      token: office,
      body: { ...current.body.settings, jump: { ...current.body.settings.jump, threshold: 5 } },
    });
    expect(good.status).toBe(200);
    expect(good.body.rulesText).toContain('超过 5');
    const [audit] = await db.dataSource.query(
      `SELECT before, after FROM audit_event WHERE action = 'anomaly.settings.update' ORDER BY id DESC LIMIT 1`,
    );
    expect([audit.before.jump.threshold, audit.after.jump.threshold]).toEqual([3.5, 5]);
    expect(
      (await api.request('PUT', '/api/anomaly-flags/settings', { token: clerk, body: good.body.settings })).status,
    ).toBe(403);
  });

  it('counts an accepted month with unexplained flags as not clean, until the office confirms them', async () => {
    expect((await api.request('POST', `/api/versions/${flaggedVersion}/accept`, { token: office })).status).toBe(200);
    const dataQuality = async () => {
      const draft = await api.request('POST', '/api/rankings', { token: office, body: { month: MONTH, planId } });
      expect(draft.status).toBe(201);
      const row = draft.body.rows.find((r: any) => r.districtId === wuhua.id);
      return row.breakdown.find((b: any) => b.metric === 'dataQuality').ratio;
    };
    // Two validated uploads (the returned one and the accepted one); the accepted one carries unexplained flags.
    expect(await dataQuality()).toEqual({ numerator: 0, denominator: 2 });

    const unexplained = flags.filter((f) => !f.explained);
    const empty = await api.request('POST', `/api/anomaly-flags/${unexplained[0].id}/confirm`, {
      token: office,
      body: { note: '   ' },
    });
    expect([400, 422]).toContain(empty.status);
    for (const flag of unexplained) {
      const confirmed = await api.request('POST', `/api/anomaly-flags/${flag.id}/confirm`, {
        token: office,
        body: { note: '已电话核实：本月新建集中式充电站' },
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({
        confirmedBy: '市发展改革委',
        confirmationNote: '已电话核实：本月新建集中式充电站',
      });
    }
    const again = await api.request('POST', `/api/anomaly-flags/${unexplained[0].id}/confirm`, {
      token: office,
      body: { note: '再次核实' },
    });
    expect(again).toMatchObject({ status: 409, body: { message: '该异常标记已核实，不能重复操作' } });
    expect(await dataQuality()).toEqual({ numerator: 1, denominator: 2 });
    const board = await api.request('GET', `/api/periods/${MONTH}/status`, { token: office });
    expect(board.body.districts.find((d: any) => d.districtId === wuhua.id).unexplainedAnomalyCount).toBe(0);
  });
});
