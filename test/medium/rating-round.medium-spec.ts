import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';
import {
  FIXTURE_PASSWORD,
  FixtureWorld,
  insertCompany,
  insertFacility,
  insertManagedCommunity,
  insertTwoDistrictsAndUsers,
} from '../support/rating-fixtures';

/**
 * A 2025 rating round over a hand-built register, default settings (建设 40% · 自用桩 20% · 巡查 20% · 整改 20%;
 * A ≥ 90, B ≥ 75, C ≥ 60; −10 per confirmed obstruction, −2 per other confirmed complaint; 4 patrols a year;
 * issues fixed within 15 days).
 *
 * 甲 manages C1, C2, C3 (五华) and C4 (盘龙):
 *   construction: eligible at 2025-12-31 = C1, C2 (eligible from 2025-06-01), C4; built public = C1 (2024-06-01),
 *                 C4 (2025-03-01) → 2/3 = 6666.67 → 6667.
 *   self-use: C3's pile accepted 2025-05-10 (C1's of 2024-11-01 is another year) = 1; confirmed self-use refusal
 *             received 2025-08-01 = 1 → 1/2 = 5000.
 *   patrol: a facility in use all year only at C1 (C4's came in March) → C1 patrolled 4 times → 1/1 = 10000.
 *   safety: issues found 2025-03-10 (fixed 03-20, 10 days: in time) and 2025-09-01 (fixed 10-01, 30 days: late)
 *           → 1/2 = 5000.
 *   complaints in 2025: the confirmed self-use refusal (obstruction); a dismissed obstruction and a registered
 *           complaint do not count, nor a confirmed one received in 2024.
 *   Σ w·s = 4000·6667 + 2000·5000 + 2000·10000 + 2000·5000 = 66,668,000 → 66.67; −10.00 → 56.67 → D; no awards.
 * 乙 manages C5 (盘龙): construction 1/1 = 10000; self-use and safety not applicable; patrol 3 < 4 → 0/1 = 0;
 *   one other complaint confirmed. W = 6000: 40,000,000 / 6000 = 6666.67 → 66.67; −2.00 → 38,800,000 / 6000 =
 *   6466.67 → 64.67 → C, eligible.
 * 丙 manages C6 (五华), ineligible and without facilities: nothing applies → not rated.
 */
describe('the yearly rating round: draft, review, confirm, frozen', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let world: FixtureWorld;
  let jia: number;
  let yi: number;
  let bing: number;
  const token: Record<string, string> = {};

  async function complaint(
    companyId: number,
    communityId: number,
    kind: string,
    usage: string | null,
    receivedOn: string,
    status: string,
  ) {
    const [row] = await db.dataSource.query(
      `INSERT INTO complaint (property_company_id, community_id, district_id, kind, facility_usage, received_on, description,
         status, decided_by, decided_at, decision_note)
       SELECT $1, c.id, c.district_id, $3, $4, $5, '测试投诉内容', $6::varchar,
              CASE WHEN $6::varchar = 'registered' THEN NULL ELSE $7::int END,
              CASE WHEN $6::varchar = 'registered' THEN NULL ELSE now() END,
              CASE WHEN $6::varchar = 'registered' THEN NULL ELSE '核查结论' END
         FROM community c WHERE c.id = $2 RETURNING id`,
      [companyId, communityId, kind, usage, receivedOn, status, world.users.office],
    );
    return row.id as number;
  }
  async function patrol(companyId: number, communityId: number, on: string, issue?: string, fixedOn?: string) {
    await db.dataSource.query(
      `INSERT INTO safety_patrol (community_id, property_company_id, patrolled_on, result, issues, rectified_on)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [communityId, companyId, on, issue ? 'issues_found' : 'no_issues', issue ?? null, fixedOn ?? null],
    );
  }

  let countedComplaints: number[];

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await insertTwoDistrictsAndUsers(db.dataSource);
    jia = await insertCompany(db.dataSource, '昆明甲物业服务有限公司');
    yi = await insertCompany(db.dataSource, '昆明乙物业服务有限公司');
    bing = await insertCompany(db.dataSource, '昆明丙物业服务有限公司');
    const d = db.dataSource;
    const c1 = await insertManagedCommunity(d, world.wuhua, 'C1', '一号小区', jia, [['2022-01-01', true]]);
    await insertManagedCommunity(d, world.wuhua, 'C2', '二号小区', jia, [
      ['2022-01-01', false],
      ['2025-06-01', true],
    ]);
    const c3 = await insertManagedCommunity(d, world.wuhua, 'C3', '三号小区', jia, [['2022-01-01', false]]);
    const c4 = await insertManagedCommunity(d, world.panlong, 'C4', '四号小区', jia, [['2022-01-01', true]]);
    const c5 = await insertManagedCommunity(d, world.panlong, 'C5', '五号小区', yi, [['2022-01-01', true]]);
    await insertManagedCommunity(d, world.wuhua, 'C6', '六号小区', bing, [['2022-01-01', false]]);
    await insertFacility(d, 'P1', c1, 'public', { acceptedOn: '2024-06-01' });
    await insertFacility(d, 'S1', c1, 'self_use', { acceptedOn: '2024-11-01' });
    await insertFacility(d, 'S3', c3, 'self_use', { acceptedOn: '2025-05-10' });
    await insertFacility(d, 'P4', c4, 'public', { acceptedOn: '2025-03-01' });
    await insertFacility(d, 'P5', c5, 'public', { acceptedOn: '2023-01-10' });
    await patrol(jia, c1, '2025-03-10', '灭火器压力不足', '2025-03-20');
    await patrol(jia, c1, '2025-06-10');
    await patrol(jia, c1, '2025-09-10');
    await patrol(jia, c1, '2025-12-10');
    await patrol(jia, c4, '2025-09-01', '线缆破损', '2025-10-01');
    await patrol(yi, c5, '2025-02-10');
    await patrol(yi, c5, '2025-05-10');
    await patrol(yi, c5, '2025-08-10');
    await patrol(yi, c5, '2024-11-10'); // another year
    countedComplaints = [await complaint(jia, c3, 'obstruction', 'self_use', '2025-08-01', 'confirmed')];
    await complaint(jia, c1, 'obstruction', 'public', '2025-02-01', 'dismissed');
    await complaint(jia, c1, 'other', null, '2025-11-01', 'registered');
    await complaint(jia, c1, 'other', null, '2024-12-20', 'confirmed');
    countedComplaints.push(await complaint(yi, c5, 'other', null, '2025-04-01', 'confirmed'));
    api = await startApi(db.url, { REDIS_URL: '' });
    for (const name of ['office', 'leader', 'wuhua', 'panlong']) token[name] = await api.login(name, FIXTURE_PASSWORD);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const call = (method: string, path: string, who: string, body?: unknown) =>
    api.request(method, path, { token: token[who], body });
  let roundId: number;

  it('computes the draft with every figure as worked out above', async () => {
    const { status, body } = await call('POST', '/api/ratings', 'office', { year: 2025 });
    expect(status).toBe(201);
    roundId = body.id;
    expect(body).toMatchObject({
      year: 2025,
      status: 'draft',
      companies: 3,
      gradeCounts: { A: 0, B: 0, C: 1, D: 1 },
      notRated: 1,
      disqualified: 1,
    });
    expect(body.rows.map((r: any) => [r.rank, r.propertyCompanyName, r.score, r.grade, r.awardEligible])).toEqual([
      [1, '昆明乙物业服务有限公司', '64.67', 'C', true],
      [2, '昆明甲物业服务有限公司', '56.67', 'D', false],
      [null, '昆明丙物业服务有限公司', null, null, false],
    ]);
    const jiaRow = body.rows[1];
    expect(jiaRow.breakdown.map((b: any) => [b.criterion, b.ratio, b.scoreBp])).toEqual([
      ['construction', { numerator: 2, denominator: 3 }, 6667],
      ['selfUseCooperation', { numerator: 1, denominator: 2 }, 5000],
      ['patrol', { numerator: 1, denominator: 1 }, 10000],
      ['safetyRectification', { numerator: 1, denominator: 2 }, 5000],
    ]);
    expect(jiaRow.evidence).toMatchObject({
      weightedScore: '66.67',
      selfUseInstalled: 1,
      selfUseRefusals: 1,
      patrols: 5,
      issuesFound: 2,
      issuesRectifiedInTime: 1,
      confirmedComplaintIds: [countedComplaints[0]],
    });
    expect(jiaRow.disqualificationReasons).toEqual([
      '当年有 1 件经认定属实的阻挠或妨碍充电设施建设投诉，取消评优评先资格',
    ]);
    const yiRow = body.rows[0];
    expect(yiRow.breakdown.map((b: any) => b.applicable)).toEqual([true, false, true, false]);
    expect(yiRow.deductions.map((d: any) => [d.kind, d.count, d.total])).toEqual([
      ['confirmedObstruction', 0, 0],
      ['confirmedOther', 1, 200],
    ]);
    expect(body.rulesText).toContain('等级：A ≥ 90.00 分，B ≥ 75.00 分，C ≥ 60.00 分，其余为 D。');
    expect(body.definitions.patrol).toContain('年内有在用充电设施');
  });

  it('hides the draft from leaders and districts', async () => {
    expect((await call('GET', `/api/ratings/${roundId}`, 'leader')).status).toBe(404);
    expect((await call('GET', '/api/ratings', 'wuhua')).body).toEqual([]);
  });

  it('validates settings with every problem, and recomputes the draft with new settings', async () => {
    const bad = await call('PUT', '/api/ratings/settings', 'office', {
      weights: { construction: 5000, selfUseCooperation: 2000, patrol: 2000, safetyRectification: 2000 },
      gradeThresholds: { A: 7000, B: 7500, C: 6000 },
      deductions: { confirmedObstruction: 1000, confirmedOther: 200 },
      minPatrolsPerYear: 3,
      rectificationDays: 15,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details).toEqual([
      '权重之和须为 100%，当前为 110%',
      '分数线须满足 A > B > C，当前为 A 70.00、B 75.00、C 60.00',
    ]);
    const settings = (await call('GET', '/api/ratings/settings', 'office')).body;
    expect(settings.minPatrolsPerYear).toBe(4);
    const ok = await call('PUT', '/api/ratings/settings', 'office', { ...settings, minPatrolsPerYear: 3 });
    expect(ok.status).toBe(200);
    // 乙 now meets the patrol count: (40,000,000 + 2000·10000) / 6000 = 10000 → 100.00; −2.00 → 98.00 → A.
    const redraft = await call('POST', '/api/ratings', 'office', { year: 2025 });
    expect(redraft.body.rows[0]).toMatchObject({
      propertyCompanyName: '昆明乙物业服务有限公司',
      score: '98.00',
      grade: 'A',
    });
    expect(redraft.body.rulesText).toContain('至少巡查 3 次');
    const drafts = await db.dataSource.query(`SELECT id FROM rating_round WHERE year = 2025`);
    expect(drafts).toEqual([{ id: redraft.body.id }]);
    roundId = redraft.body.id;
    const [audit] = await db.dataSource.query(
      `SELECT before, after FROM audit_event WHERE action = 'rating.settings.update' ORDER BY id DESC LIMIT 1`,
    );
    expect([audit.before.minPatrolsPerYear, audit.after.minPatrolsPerYear]).toEqual([4, 3]);
  });

  it('confirms the round: then leaders see it, districts see their companies, and nothing changes it', async () => {
    const confirmed = await call('POST', `/api/ratings/${roundId}/confirm`, 'office');
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'confirmed' } });
    expect((await call('GET', `/api/ratings/${roundId}`, 'leader')).body.rows).toHaveLength(3);
    const wuhua = await call('GET', `/api/ratings/${roundId}`, 'wuhua');
    expect(wuhua.body.rows.map((r: any) => r.propertyCompanyName)).toEqual([
      '昆明甲物业服务有限公司',
      '昆明丙物业服务有限公司',
    ]);
    const panlong = await call('GET', `/api/ratings/${roundId}`, 'panlong');
    expect(panlong.body.rows.map((r: any) => r.propertyCompanyName)).toEqual([
      '昆明乙物业服务有限公司',
      '昆明甲物业服务有限公司',
    ]);
    expect((await call('GET', '/api/ratings?year=2025', 'panlong')).body).toHaveLength(1);

    const again = await call('POST', '/api/ratings', 'office', { year: 2025 });
    expect(again).toMatchObject({ status: 409, body: { message: '2025 年度物业服务企业评价已确认，不能再修改' } });
    expect((await call('POST', `/api/ratings/${roundId}/confirm`, 'office')).status).toBe(409);
    for (const sql of [
      `UPDATE rating_row SET score = '99.00' WHERE round_id = ${roundId}`,
      `DELETE FROM rating_row WHERE round_id = ${roundId}`,
      `INSERT INTO rating_row (round_id, property_company_id, communities, award_eligible, breakdown, deductions, disqualification_reasons, evidence)
         VALUES (${roundId}, ${bing}, 0, false, '[]', '[]', '[]', '{}')`,
      `UPDATE rating_round SET status = 'draft', confirmed_at = NULL WHERE id = ${roundId}`,
      `DELETE FROM rating_round WHERE id = ${roundId}`,
    ]) {
      await expect(db.dataSource.query(sql)).rejects.toThrow('已确认的物业服务企业评价不可修改或删除');
    }
    // Later data does not move a confirmed round.
    await db.dataSource.query(
      `UPDATE complaint SET status = 'confirmed', decided_at = now(), decided_by = $1, decision_note = '补充认定'
      WHERE status = 'registered'`,
      [world.users.office],
    );
    expect((await call('GET', `/api/ratings/${roundId}`, 'office')).body.rows[1].score).toBe('56.67');
    const [event] = await db.dataSource.query(
      `SELECT after FROM audit_event WHERE action = 'rating.confirm' AND entity_id = $1`,
      [String(roundId)],
    );
    expect(event.after).toEqual({ status: 'confirmed', year: 2025 });
  });

  it('refuses a year without companies and a malformed year', async () => {
    expect((await call('POST', '/api/ratings', 'office', { year: 2001 })).body.message).toBe(
      '2001 年没有可评价的物业服务企业',
    );
    expect((await call('POST', '/api/ratings', 'office', { year: 1999 })).status).toBe(422);
    expect((await call('GET', '/api/ratings/99999', 'office')).body.message).toBe('评价不存在');
  });
});
