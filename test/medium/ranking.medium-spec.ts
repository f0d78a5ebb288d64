import { QueryFailedError } from 'typeorm';
import { shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';

const MONTH = shanghaiMonth(new Date());

/** Issue 4 §3: the office computes a draft, reviews and publishes it; a published ranking and its month are frozen. */
describe('rankings: draft, publish, freeze', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let office: string;
  let leader: string;
  let planId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    await backfillSnapshots(db.dataSource, MONTH, MONTH);
    api = await startApi(db.url, { REDIS_URL: '' });
    office = await api.login('office', DEMO_PASSWORD);
    leader = await api.login('leader', DEMO_PASSWORD);
    [{ id: planId }] = await db.dataSource.query(`SELECT id FROM target_plan WHERE code = 'KM-2025-COVERAGE'`);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  let rankingId: number;

  it('refuses weights that do not add up to 100%', async () => {
    const bad = await api.request('PUT', '/api/rankings/settings', {
      token: office,
      body: { weights: { completion: 5000, coverage: 3000, timeliness: 1500, dataQuality: 1000 }, spanMonths: 12 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details).toEqual(['权重之和须为 100%，当前为 105%']);
  });

  it('computes a draft: every district ranked 1..n by the exact composite, the rule stated', async () => {
    const draft = await api.request('POST', '/api/rankings', { token: office, body: { month: MONTH, planId } });
    expect(draft.status).toBe(201);
    rankingId = draft.body.id;
    expect(draft.body.status).toBe('draft');
    const rows = draft.body.rows as { rank: number; districtId: number; compositeScore: string; breakdown: any[] }[];
    expect(rows.map((r) => r.rank)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    const exact = await db.dataSource.query(
      `SELECT composite_exact::bigint AS c FROM ranking_row WHERE ranking_id = $1 ORDER BY rank`,
      [rankingId],
    );
    for (let i = 1; i < exact.length; i++) expect(BigInt(exact[i - 1].c) >= BigInt(exact[i].c)).toBe(true);
    expect(draft.body.rulesText).toContain('权重：目标完成率 40%');
    // Coverage in the breakdown is the snapshot's covered eligible / eligible.
    const [snap] = await db.dataSource.query(
      `SELECT covered_eligible, eligible_communities FROM progress_snapshot WHERE month = $1 AND plan_id = $2 AND district_id = $3`,
      [MONTH, planId, rows[0].districtId],
    );
    const coverage = rows[0].breakdown.find((b) => b.metric === 'coverage');
    expect(coverage.ratio).toEqual({ numerator: snap.covered_eligible, denominator: snap.eligible_communities });
  });

  it('hides drafts from leaders and districts, and shows the published ranking to them', async () => {
    expect((await api.request('GET', `/api/rankings/${rankingId}`, { token: leader })).status).toBe(404);
    expect((await api.request('GET', '/api/rankings', { token: leader })).body).toEqual([]);
    const published = await api.request('POST', `/api/rankings/${rankingId}/publish`, { token: office });
    expect(published.body.status).toBe('published');
    expect((await api.request('GET', `/api/rankings/${rankingId}`, { token: leader })).body.rows).toHaveLength(19);
    const clerk = await api.login('wuhua', DEMO_PASSWORD);
    expect((await api.request('GET', `/api/rankings?month=${MONTH}`, { token: clerk })).body).toHaveLength(1);
  });

  it('freezes the published ranking and its month: no new draft, no changed row, no recomputed snapshot', async () => {
    const again = await api.request('POST', '/api/rankings', { token: office, body: { month: MONTH, planId } });
    expect(again).toMatchObject({ status: 409, body: { message: `${MONTH} 的排名已发布，不能再修改` } });
    const refused = async (sql: string) => {
      try {
        await db.dataSource.query(sql);
      } catch (error) {
        expect(error).toBeInstanceOf(QueryFailedError);
        return (error as Error).message;
      }
      throw new Error(`not refused: ${sql}`);
    };
    expect(await refused(`UPDATE ranking_row SET rank = rank + 100 WHERE ranking_id = ${rankingId}`)).toContain(
      '已发布的排名不可修改或删除',
    );
    expect(await refused(`DELETE FROM ranking WHERE id = ${rankingId}`)).toContain('已发布的排名不可修改或删除');
    expect(await refused(`UPDATE progress_snapshot SET covered_eligible = 0 WHERE month = '${MONTH}'`)).toContain(
      '已发布月份的进度快照不可修改或删除',
    );
    const before = await db.dataSource.query(
      `SELECT count(*)::int AS n, sum(covered_eligible)::int AS s FROM progress_snapshot WHERE month = $1`,
      [MONTH],
    );
    const result = await backfillSnapshots(db.dataSource, MONTH, MONTH);
    expect(result.rows).toBe(0);
    expect(
      await db.dataSource.query(
        `SELECT count(*)::int AS n, sum(covered_eligible)::int AS s FROM progress_snapshot WHERE month = $1`,
        [MONTH],
      ),
    ).toEqual(before);
  });
});
