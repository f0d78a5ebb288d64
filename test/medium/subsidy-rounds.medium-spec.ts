import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import {
  insertCityAndDistrict,
  insertCommunity,
  insertFacility,
  insertUser,
  TEST_PASSWORD,
} from '../support/org-factory';

/**
 * Issue 4 §5 on real PostgreSQL through the HTTP API: settings, eligibility of every public facility (the platform's
 * records decide the connection, not the district's word), rounds from draft to confirmed and frozen, a facility
 * never in two confirmed rounds (also under concurrent confirmation), and who sees what.
 *
 * Rate: 200 元/kW, 500 元 per AC pile, 2,000 元 per DC pile, at most 30,000 元 per facility.
 *   A 五华 accepted 2024-12-31, platform 2025-02-28 (deadline 2025-02-28): 120 kW × 200 = 24,000 + 4 AC × 500 = 2,000
 *     + 2 DC × 2,000 = 4,000 → 30,000.00 元 (= cap, not capped) = 3,000,000 分
 *   B 五华 accepted 2025-01-15, platform 2025-03-15: 7.035 kW × 200 = 1,407.00 + 1 AC × 500 → 1,907.00 元 = 190,700 分
 *   C 盘龙 accepted 2025-03-31, platform 2025-05-31: 180 kW × 200 = 36,000 + 4 DC × 2,000 = 8,000 = 44,000
 *     → capped at 30,000.00 元 = 3,000,000 分
 *   D 盘龙 accepted 2024-12-31, platform 2025-03-01: after the deadline 2025-02-28 → ineligible
 *   E 五华 accepted, the district reports P-E connected, the platform has no P-E → ineligible
 *   G 五华 not accepted → ineligible;  S 五华 self-use → not listed
 *   Eligible total: 3,000,000 + 190,700 + 3,000,000 = 6,190,700 分 = 61,907.00 元
 */
describe('subsidy: settings, eligibility, rounds', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let office: string;
  let leader: string;
  let wuhuaClerk: string;
  let wuhua: number;
  let panlong: number;
  let wuhuaCommunity: number;
  let panlongCommunity: number;
  const id: Record<string, number> = {};
  const round: Record<string, number> = {};

  const platformRecord = async (platformId: string, connectedOn: string) => {
    const [imp] = await db.dataSource.query(
      `INSERT INTO platform_import (source, scope, sha256, record_count, monthly_row_count)
       VALUES ('demo', 'incremental', md5($1) || md5($1), 1, 0) RETURNING id`,
      [platformId],
    );
    await db.dataSource.query(
      `INSERT INTO platform_facility_record (import_id, platform_id, connected_on, ac_piles, dc_piles, total_kw)
       VALUES ($1, $2, $3, 1, 0, 7)`,
      [imp.id, platformId, connectedOn],
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ districtId: wuhua } = await insertCityAndDistrict(db.dataSource, '530102', '五华区'));
    ({ districtId: panlong } = await insertCityAndDistrict(db.dataSource, '530103', '盘龙区'));
    wuhuaCommunity = await insertCommunity(db.dataSource, wuhua, 'C530102-0001', '翠湖花园');
    panlongCommunity = await insertCommunity(db.dataSource, panlong, 'C530103-0001', '江畔小区');
    const add = async (key: string, community: number, fields: Parameters<typeof insertFacility>[3]) => {
      id[key] = await insertFacility(db.dataSource, community, `F-${key}`, fields);
    };
    await add('A', wuhuaCommunity, {
      acceptedOn: '2024-12-31',
      platformId: 'P-A',
      totalKw: '120',
      acPiles: 4,
      dcPiles: 2,
      serviceFeeYuanPerKwh: '0.45',
    });
    await add('B', wuhuaCommunity, { acceptedOn: '2025-01-15', platformId: 'P-B', totalKw: '7.035', acPiles: 1 });
    await add('C', panlongCommunity, { acceptedOn: '2025-03-31', platformId: 'P-C', totalKw: '180', dcPiles: 4 });
    await add('D', panlongCommunity, { acceptedOn: '2024-12-31', platformId: 'P-D', totalKw: '60', acPiles: 2 });
    await add('E', wuhuaCommunity, {
      acceptedOn: '2025-01-10',
      platformId: 'P-E',
      platformConnectedOn: '2025-01-20',
      totalKw: '60',
      acPiles: 2,
    });
    await add('G', wuhuaCommunity, { totalKw: '30', acPiles: 1 });
    await add('S', wuhuaCommunity, { usage: 'self_use', acceptedOn: '2025-01-10', totalKw: '7', acPiles: 1 });
    await platformRecord('P-A', '2025-02-28');
    await platformRecord('P-B', '2025-03-15');
    await platformRecord('P-C', '2025-05-31');
    await platformRecord('P-D', '2025-03-01');
    await insertUser(db.dataSource, 'office1', 'office');
    await insertUser(db.dataSource, 'leader1', 'leader');
    await insertUser(db.dataSource, 'wh', 'district', wuhua);
    api = await startApi(db.url, { REDIS_URL: '' });
    office = await api.login('office1', TEST_PASSWORD);
    leader = await api.login('leader1', TEST_PASSWORD);
    wuhuaClerk = await api.login('wh', TEST_PASSWORD);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const refused = async (sql: string, params: unknown[] = []) => {
    try {
      await db.dataSource.query(sql, params);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`not refused: ${sql}`);
  };

  it('refuses a draft before the rate is set, and bad settings with every reason', async () => {
    const early = await api.request('POST', '/api/subsidy/rounds', { token: office, body: { name: '过早' } });
    expect(early).toMatchObject({ status: 422, body: { message: expect.stringContaining('尚未设置补贴标准') } });
    const bad = await api.request('PUT', '/api/subsidy/settings', {
      token: office,
      body: { yuanPerKw: '-200', capYuan: '3万', ezhouServiceStandard: 'no' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details).toEqual([
      '按容量补贴单价（元/千瓦）须为不小于 0 的金额（元），最多 2 位小数，当前为「-200」',
      '单个设施补贴上限（元）须为不小于 0 的金额（元），最多 2 位小数，当前为「3万」',
      '是否启用鄂州「三个5」服务标准须为 true 或 false',
    ]);
    const good = await api.request('PUT', '/api/subsidy/settings', {
      token: office,
      body: {
        yuanPerKw: '200',
        yuanPerAcPile: '500',
        yuanPerDcPile: '2000',
        capYuan: '30000',
        ezhouServiceStandard: false,
      },
    });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({
      yuanPerKw: '200.00',
      capYuan: '30000.00',
      rate: { fenPerKw: 20_000, capFen: 3_000_000 },
    });
    const [audit] = await db.dataSource.query(`SELECT after FROM audit_event WHERE action = 'subsidy.settings.update'`);
    expect(audit.after.rate).toEqual({ fenPerKw: 20_000, fenPerPile: { ac: 50_000, dc: 200_000 }, capFen: 3_000_000 });
  });

  it('lists every public facility with each rule, its reason, and the amount where eligible', async () => {
    const { status, body } = await api.request('GET', '/api/subsidy/eligibility', { token: office });
    expect(status).toBe(200);
    const byCode = Object.fromEntries(body.facilities.map((f: any) => [f.code, f]));
    expect(Object.keys(byCode).sort()).toEqual(['F-A', 'F-B', 'F-C', 'F-D', 'F-E', 'F-G']);
    expect(body.facilities.map((f: any) => [f.code, f.eligible, f.amountFen])).toEqual([
      ['F-A', true, 3_000_000],
      ['F-B', true, 190_700],
      ['F-E', false, null],
      ['F-G', false, null],
      ['F-C', true, 3_000_000],
      ['F-D', false, null],
    ]);
    expect(body.totals).toEqual({ facilities: 6, eligible: 3, totalFen: 6_190_700, totalText: '61,907.00 元' });
    const failed = (code: string) => byCode[code].results.filter((r: any) => !r.passed).map((r: any) => r.reason);
    expect(failed('F-D')).toEqual(['验收日期 2024-12-31，接入期限 2025-02-28，接入日期 2025-03-01，超过期限']);
    expect(failed('F-E')).toEqual([
      '市级平台记录中未找到平台编号 P-E（以平台记录为准，不以区县报送为准）',
      '验收日期 2025-01-10，接入期限 2025-03-10，市级平台无接入记录',
    ]);
    expect(failed('F-G')).toEqual([
      '未通过验收（无验收日期）',
      '区县未填报市级平台编号，市级平台记录中无法找到该设施',
      '无验收日期，无法确定接入平台期限',
    ]);
    expect(byCode['F-C'].explanation).toEqual([
      '按容量：180 千瓦 × 200.00 元/千瓦 = 36,000.00 元（四舍五入到分）',
      '交流桩：0 台 × 500.00 元/台 = 0.00 元',
      '直流桩：4 台 × 2,000.00 元/台 = 8,000.00 元',
      '合计 44,000.00 元 超过上限 30,000.00 元，按上限补贴',
      '补贴金额：30,000.00 元',
    ]);
    expect(byCode['F-A'].results.map((r: any) => r.label)).toEqual([
      '公用充电设施',
      '已通过验收',
      '已接入市级平台',
      '验收后 2 个月内接入平台',
      '未重复补贴',
    ]);
    expect(body.rulesText).toContain('四舍五入到分');
    const mine = await api.request('GET', '/api/subsidy/eligibility?eligibleOnly=true', { token: wuhuaClerk });
    expect(mine.body.facilities.map((f: any) => f.code)).toEqual(['F-A', 'F-B']);
    expect(mine.body.totals.totalFen).toBe(3_190_700);
    const foreign = await api.request('GET', `/api/subsidy/eligibility?districtId=${panlong}`, { token: wuhuaClerk });
    expect(foreign.status).toBe(403);
  });

  it('drafts a round of the eligible facilities, hidden from leaders and districts until confirmed', async () => {
    const { status, body } = await api.request('POST', '/api/subsidy/rounds', {
      token: office,
      body: { name: '2025年第一批' },
    });
    expect(status).toBe(201);
    round.first = body.id;
    expect(body).toMatchObject({
      status: 'draft',
      statusLabel: '草稿',
      lineCount: 3,
      totalFen: 6_190_700,
      scope: '全市',
    });
    expect(body.lines.map((l: any) => [l.facilityCode, l.amountFen])).toEqual([
      ['F-A', 3_000_000],
      ['F-B', 190_700],
      ['F-C', 3_000_000],
    ]);
    expect(body.districts).toEqual([
      { districtId: wuhua, districtName: '五华区', lineCount: 2, totalFen: 3_190_700, totalText: '31,907.00 元' },
      { districtId: panlong, districtName: '盘龙区', lineCount: 1, totalFen: 3_000_000, totalText: '30,000.00 元' },
    ]);
    expect(body.rulesText).toContain(
      '按容量 200.00 元/千瓦，交流桩 500.00 元/台，直流桩 2,000.00 元/台；单个设施上限 30,000.00 元',
    );
    expect((await api.request('GET', `/api/subsidy/rounds/${round.first}`, { token: leader })).status).toBe(404);
    expect((await api.request('GET', '/api/subsidy/rounds', { token: wuhuaClerk })).body).toEqual([]);
    expect((await api.request('POST', '/api/subsidy/rounds', { token: leader, body: { name: 'x' } })).status).toBe(403);
    const taken = await api.request('POST', '/api/subsidy/rounds', { token: office, body: { name: '2025年第一批' } });
    expect(taken).toMatchObject({ status: 409, body: { message: '批次名称「2025年第一批」已存在，请换一个名称' } });
  });

  it('confirms the round, after which the database refuses any change to it or its lines', async () => {
    const confirmed = await api.request('POST', `/api/subsidy/rounds/${round.first}/confirm`, { token: office });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', statusLabel: '已确认', confirmedByName: 'office1' });
    const lines = await db.dataSource.query(`SELECT round_status FROM subsidy_round_line WHERE round_id = $1`, [
      round.first,
    ]);
    expect(lines.map((l: any) => l.round_status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect(await refused(`UPDATE subsidy_round_line SET amount_fen = 1 WHERE round_id = $1`, [round.first])).toContain(
      '已确认的补贴批次不可修改或删除',
    );
    expect(await refused(`DELETE FROM subsidy_round WHERE id = $1`, [round.first])).toContain(
      '已确认的补贴批次不可修改或删除',
    );
    expect(await refused(`UPDATE subsidy_round SET name = '改名' WHERE id = $1`, [round.first])).toContain(
      '已确认的补贴批次不可修改或删除',
    );
    expect(
      await refused(
        `INSERT INTO subsidy_round_line (round_id, round_status, facility_id, district_id, amount_fen, breakdown, rule_results)
         VALUES ($1, 'confirmed', $2, $3, 1, '{}', '[]')`,
        [round.first, id.D, panlong],
      ),
    ).toContain('已确认的补贴批次不能增加明细');
    const again = await api.request('POST', `/api/subsidy/rounds/${round.first}/confirm`, { token: office });
    expect(again).toMatchObject({
      status: 409,
      body: { message: '批次「2025年第一批」已确认，不可再确认、修改或删除' },
    });
    expect((await api.request('DELETE', `/api/subsidy/rounds/${round.first}`, { token: office })).status).toBe(409);
    const trail = await db.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'subsidy_round' AND entity_id = $1 ORDER BY id`,
      [String(round.first)],
    );
    expect(trail.map((t: any) => t.action)).toEqual(['subsidy.round.draft', 'subsidy.round.confirm']);
  });

  it('shows the confirmed round to the leader in full and to a district its own lines only', async () => {
    const full = await api.request('GET', `/api/subsidy/rounds/${round.first}`, { token: leader });
    expect(full.body).toMatchObject({ lineCount: 3, totalFen: 6_190_700 });
    const own = await api.request('GET', `/api/subsidy/rounds/${round.first}`, { token: wuhuaClerk });
    expect(own.body).toMatchObject({ lineCount: 2, totalFen: 3_190_700, totalText: '31,907.00 元', scope: '本区县' });
    expect(own.body.lines.map((l: any) => l.facilityCode)).toEqual(['F-A', 'F-B']);
    const list = await api.request('GET', '/api/subsidy/rounds', { token: wuhuaClerk });
    expect(list.body.map((r: any) => [r.name, r.lineCount, r.totalFen])).toEqual([['2025年第一批', 2, 3_190_700]]);
  });

  it('leaves already paid facilities out of the next round', async () => {
    id.H = await insertFacility(db.dataSource, panlongCommunity, 'F-H', {
      acceptedOn: '2025-06-10',
      platformId: 'P-H',
      totalKw: '60',
      acPiles: 2,
      serviceFeeYuanPerKwh: '0.5',
    });
    await platformRecord('P-H', '2025-07-01');
    const eligibility = await api.request('GET', '/api/subsidy/eligibility', { token: office });
    const a = eligibility.body.facilities.find((f: any) => f.code === 'F-A');
    expect(a.results.find((r: any) => r.rule === 'not_yet_subsidised')).toMatchObject({
      passed: false,
      reason: '已列入已确认批次「2025年第一批」，不得重复补贴',
    });
    // H: 60 kW × 200 = 12,000 + 2 AC × 500 = 1,000 → 13,000.00 元.
    const second = await api.request('POST', '/api/subsidy/rounds', { token: office, body: { name: '2025年第二批' } });
    expect(second.body.lines.map((l: any) => [l.facilityCode, l.amountFen])).toEqual([['F-H', 1_300_000]]);
    round.second = second.body.id;
  });

  it('applies Ezhou’s "三个5" when enabled, from the latest service survey', async () => {
    const settings = { yuanPerKw: '200', yuanPerAcPile: '500', yuanPerDcPile: '2000', capYuan: '30000' };
    await api.request('PUT', '/api/subsidy/settings', {
      token: office,
      body: { ...settings, ezhouServiceStandard: true },
    });
    const before = await api.request('GET', `/api/subsidy/eligibility?districtId=${panlong}`, { token: office });
    const h = () => before.body.facilities.find((f: any) => f.code === 'F-H');
    expect(h().eligible).toBe(false);
    expect(
      h()
        .results.slice(5)
        .map((r: any) => r.reason),
    ).toEqual(['未提供找桩距离', '服务费 0.5 元/千瓦时，不高于 0.5 元/千瓦时', '未提供排队时间']);
    const bad = await api.request('POST', '/api/subsidy/service-surveys', {
      token: office,
      body: { facilityId: id.H, surveyedOn: '2026-13-01', nearestPileDistanceM: -3, queueMinutes: 'soon' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual([
      'nearestPileDistanceM',
      'queueMinutes',
      'surveyedOn',
    ]);
    for (const survey of [
      { surveyedOn: '2025-08-01', nearestPileDistanceM: 800, queueMinutes: 12 },
      { surveyedOn: '2025-09-01', nearestPileDistanceM: 320, queueMinutes: 4.5 },
    ]) {
      const saved = await api.request('POST', '/api/subsidy/service-surveys', {
        token: office,
        body: { facilityId: id.H, ...survey },
      });
      expect(saved.status).toBe(201);
    }
    const after = await api.request('GET', `/api/subsidy/eligibility?districtId=${panlong}`, { token: office });
    const hAfter = after.body.facilities.find((f: any) => f.code === 'F-H');
    expect(hAfter.eligible).toBe(true);
    expect(hAfter.results.slice(5).map((r: any) => r.reason)).toEqual([
      '找桩距离 320 米，不大于 500 米',
      '服务费 0.5 元/千瓦时，不高于 0.5 元/千瓦时',
      '排队时间 4.5 分钟，不长于 5 分钟',
    ]);
    const mine = await api.request('GET', '/api/subsidy/service-surveys', { token: wuhuaClerk });
    expect(mine.body).toEqual([]);
    await api.request('PUT', '/api/subsidy/settings', {
      token: office,
      body: { ...settings, ezhouServiceStandard: false },
    });
  });

  it('lets exactly one of two concurrent confirmations sharing a facility succeed', async () => {
    id.I = await insertFacility(db.dataSource, wuhuaCommunity, 'F-I', {
      acceptedOn: '2025-06-10',
      platformId: 'P-I',
      totalKw: '10',
      acPiles: 1,
    });
    await platformRecord('P-I', '2025-06-20');
    // 五华 only: I.  全市: H (the second round is still a draft) and I.
    const wuhuaOnly = await api.request('POST', '/api/subsidy/rounds', {
      token: office,
      body: { name: '五华补充批', districtIds: [wuhua] },
    });
    const citywide = await api.request('POST', '/api/subsidy/rounds', { token: office, body: { name: '全市补充批' } });
    expect(wuhuaOnly.body.lines.map((l: any) => l.facilityCode)).toEqual(['F-I']);
    expect(citywide.body.lines.map((l: any) => l.facilityCode)).toEqual(['F-I', 'F-H']);
    const results = await Promise.all(
      [wuhuaOnly.body.id, citywide.body.id].map((rid) =>
        api.request('POST', `/api/subsidy/rounds/${rid}/confirm`, { token: office }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.message).toMatch(
      /^以下设施已列入已确认批次，不得重复补贴：F-I（已列入「(五华补充批|全市补充批)」）$/,
    );
    const twice = await db.dataSource.query(
      `SELECT facility_id FROM subsidy_round_line WHERE round_status = 'confirmed' GROUP BY facility_id HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
  });

  it('enforces one confirmed round per facility in the database itself, under a race without the service', async () => {
    id.K = await insertFacility(db.dataSource, panlongCommunity, 'F-K', {
      acceptedOn: '2025-06-10',
      platformId: 'P-K',
      totalKw: '10',
      acPiles: 1,
    });
    await platformRecord('P-K', '2025-06-20');
    const first = await api.request('POST', '/api/subsidy/rounds', {
      token: office,
      body: { name: '竞争甲', districtIds: [panlong] },
    });
    const second = await api.request('POST', '/api/subsidy/rounds', {
      token: office,
      body: { name: '竞争乙', districtIds: [panlong] },
    });
    const one = db.dataSource.createQueryRunner();
    const two = db.dataSource.createQueryRunner();
    await one.connect();
    await two.connect();
    try {
      await one.startTransaction();
      await two.startTransaction();
      const confirm = `UPDATE subsidy_round SET status = 'confirmed', confirmed_at = now() WHERE id = $1`;
      await one.query(confirm, [first.body.id]);
      // Blocks on the unique index entry the first transaction holds for F-K, then fails when it commits.
      const racing = two.query(confirm, [second.body.id]).then(
        () => 'committed',
        (error: { constraint?: string }) => error.constraint,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await one.commitTransaction();
      expect(await racing).toBe('UQ_subsidy_round_line_confirmed_facility');
      await two.rollbackTransaction();
    } finally {
      await one.release();
      await two.release();
    }
    // And a total that does not match the lines cannot be confirmed at all.
    await db.dataSource.query(`UPDATE subsidy_round SET total_fen = total_fen + 1 WHERE id = $1`, [second.body.id]);
    expect(
      await refused(`UPDATE subsidy_round SET status = 'confirmed', confirmed_at = now() WHERE id = $1`, [
        second.body.id,
      ]),
    ).toContain('补贴批次合计金额或笔数与明细不符');
  });

  it('discards a draft (audited) but never a confirmed round', async () => {
    const draft = await api.request('POST', '/api/subsidy/rounds', { token: office, body: { name: '作废批' } });
    expect((await api.request('DELETE', `/api/subsidy/rounds/${draft.body.id}`, { token: office })).status).toBe(204);
    expect((await api.request('GET', `/api/subsidy/rounds/${draft.body.id}`, { token: office })).status).toBe(404);
    const [audit] = await db.dataSource.query(`SELECT before FROM audit_event WHERE action = 'subsidy.round.discard'`);
    expect(audit.before).toMatchObject({ name: '作废批', status: 'draft' });
  });
});
