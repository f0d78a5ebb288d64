import { shanghaiMonth } from '@app/core';
import { DEMO_PASSWORD, seedDemo } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ApiHarness, startApi } from '../support/api-harness';

const MONTH = shanghaiMonth(new Date());

/** Target plans, 红黄绿灯 on the progress table, and the office's audited comments on a district's figures. */
describe('target plans, pacing and the office’s comments on figures', () => {
  let db: TestDatabase;
  let api: ApiHarness;
  let office: string;
  let leader: string;
  let wuhuaToken: string;
  let wuhua: number;
  let panlong: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: `${MONTH}-01` });
    await backfillSnapshots(db.dataSource, MONTH, MONTH);
    api = await startApi(db.url, { REDIS_URL: '' });
    office = await api.login('office', DEMO_PASSWORD);
    leader = await api.login('leader', DEMO_PASSWORD);
    wuhuaToken = await api.login('wuhua', DEMO_PASSWORD);
    [{ id: wuhua }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '五华区'`);
    [{ id: panlong }] = await db.dataSource.query(`SELECT id FROM district WHERE name = '盘龙区'`);
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const comments = () => db.dataSource.query(`SELECT month, district_id, body FROM progress_comment ORDER BY id`);
  const audit = () =>
    db.dataSource.query(
      `SELECT action, before, after FROM audit_event WHERE entity_type = 'progress_comment' ORDER BY id`,
    );

  it('lists the target plans with every district’s target, to every role', async () => {
    const { status, body } = await api.request('GET', '/api/target-plans', { token: wuhuaToken });
    expect(status).toBe(200);
    expect(body.map((p: any) => p.code)).toEqual(['KM-2025-COVERAGE', 'KM-2022-PILOT']);
    const pilot = body.find((p: any) => p.code === 'KM-2022-PILOT');
    expect(pilot.targets).toHaveLength(19);
    // Kunming §二(一)1: tier A districts (五华区) need 5 pilots, tier C (东川区) 1.
    expect(pilot.targets.find((t: any) => t.districtName === '五华区')).toMatchObject({
      targetCount: 5,
      targetRatio: null,
    });
    expect(pilot.targets.find((t: any) => t.districtName === '东川区')).toMatchObject({ targetCount: 1 });
    const coverage = body.find((p: any) => p.code === 'KM-2025-COVERAGE');
    expect(coverage.targets.every((t: any) => t.targetCount === null && t.targetRatio !== null)).toBe(true);
  });

  it('lets the office set a district’s target (audited, the current month re-aggregated) and refuses bad values', async () => {
    const [pilot] = await db.dataSource.query(`SELECT id FROM target_plan WHERE code = 'KM-2022-PILOT'`);
    const [coverage] = await db.dataSource.query(`SELECT id FROM target_plan WHERE code = 'KM-2025-COVERAGE'`);
    const target = () =>
      db.dataSource.query(
        `SELECT target_count, target_ratio FROM district_target WHERE plan_id = $1 AND district_id = $2`,
        [pilot.id, wuhua],
      );
    const before = await target();
    const put = (planId: number, body: unknown, token = office) =>
      api.request('PUT', `/api/target-plans/${planId}/districts/${wuhua}/target`, { token, body });

    const refused = [
      await put(pilot.id, { targetCount: -1 }),
      await put(pilot.id, { targetCount: 2.5 }),
      await put(pilot.id, { targetRatio: '0.5' }),
      await put(pilot.id, {}),
      await put(coverage.id, { targetRatio: '1.2' }),
      await put(coverage.id, { targetRatio: '0.95555' }),
      await put(coverage.id, { targetCount: 5 }),
    ];
    expect(refused.map((r) => r.status)).toEqual([422, 422, 422, 422, 422, 422, 422]);
    expect(refused[0].body.message).toBe('目标数量应为 0 到 100000 之间的整数');
    expect(refused[4].body.message).toBe('目标覆盖率应为 0 到 1 之间、最多 4 位小数的数，如 0.95');
    expect(
      (
        await api.request('PUT', `/api/target-plans/999999/districts/${wuhua}/target`, {
          token: office,
          body: { targetCount: 1 },
        })
      ).status,
    ).toBe(404);
    expect(await target()).toEqual(before);

    const ok = await put(pilot.id, { targetCount: 7 });
    expect(ok).toMatchObject({
      status: 200,
      body: { planId: pilot.id, districtId: wuhua, targetCount: 7, targetRatio: null },
    });
    expect(await target()).toEqual([{ target_count: 7, target_ratio: null }]);
    const [event] = await db.dataSource.query(
      `SELECT before, after FROM audit_event WHERE action = 'progress.target.set' ORDER BY id DESC LIMIT 1`,
    );
    expect(event.before).toMatchObject({ targetCount: before[0].target_count });
    expect(event.after).toMatchObject({ targetCount: 7 });
    // The month's snapshot picks the new target up (the in-process queue runs the aggregation).
    const snapshotTarget = async (expected: number) => {
      let value: number | undefined;
      for (let i = 0; i < 100 && value !== expected; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        const [row] = await db.dataSource.query(
          `SELECT target_count FROM progress_snapshot WHERE month = $1 AND plan_id = $2 AND district_id = $3`,
          [MONTH, pilot.id, wuhua],
        );
        value = row?.target_count;
      }
      return value;
    };
    expect(await snapshotTarget(7)).toBe(7);
    // Put the demo's target back for the tests below.
    await put(pilot.id, { targetCount: before[0].target_count });
    expect(await snapshotTarget(before[0].target_count)).toBe(before[0].target_count);
  });

  it('gives each progress row its 红黄绿灯 against the pro-rated target, and the rules text', async () => {
    const [plan] = await db.dataSource.query(
      `SELECT id, start_month, end_month FROM target_plan WHERE code = 'KM-2022-PILOT'`,
    );
    const { body } = await api.request('GET', `/api/progress?month=${MONTH}&planId=${plan.id}`, { token: leader });
    expect(body.rules.pacing).toContain('序时进度');
    const row = body.rows.find((r: any) => r.districtId === wuhua);
    // The 2022 pilot plan (2022-07 … 2022-12, 6 months) has ended: all 5 are due.
    expect(row.pacing).toMatchObject({ elapsedMonths: 6, totalMonths: 6, expected: 5 });
    const expectedStatus = row.achievedCount >= 5 ? 'green' : row.achievedCount * 100 >= 5 * 90 ? 'amber' : 'red';
    expect(row.pacing.status).toBe(expectedStatus);
    expect({ green: '绿灯', amber: '黄灯', red: '红灯' }[expectedStatus]).toBe(row.pacing.statusLabel);
  });

  it('lets the office write, change and delete a comment, each change audited with before and after', async () => {
    const path = `/api/periods/${MONTH}/districts/${wuhua}/comment`;
    const first = await api.request('PUT', path, { token: office, body: { body: '  新增覆盖较少，请加快推进  ' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      month: MONTH,
      districtId: wuhua,
      districtName: '五华区',
      body: '新增覆盖较少，请加快推进',
    });
    const second = await api.request('PUT', path, { token: office, body: { body: '已有改善' } });
    expect(second.body).toMatchObject({ id: first.body.id, body: '已有改善' });
    expect(await comments()).toEqual([{ month: MONTH, district_id: wuhua, body: '已有改善' }]);

    const del = await api.request('DELETE', path, { token: office });
    expect(del.status).toBe(204);
    expect(await comments()).toEqual([]);
    expect((await api.request('DELETE', path, { token: office })).status).toBe(404);

    const trail = await audit();
    expect(trail.map((e: any) => e.action)).toEqual([
      'progress.comment.create',
      'progress.comment.update',
      'progress.comment.delete',
    ]);
    expect(trail[1].before).toMatchObject({ body: '新增覆盖较少，请加快推进' });
    expect(trail[1].after).toMatchObject({ body: '已有改善' });
    expect(trail[2].after).toBeNull();
  });

  it('refuses an empty comment, an overlong one and an unknown district, changing nothing', async () => {
    const before = { comments: await comments(), audit: (await audit()).length };
    const blank = await api.request('PUT', `/api/periods/${MONTH}/districts/${wuhua}/comment`, {
      token: office,
      body: { body: '   ' },
    });
    expect(blank).toMatchObject({ status: 422, body: { message: '请填写意见内容' } });
    const long = await api.request('PUT', `/api/periods/${MONTH}/districts/${wuhua}/comment`, {
      token: office,
      body: { body: '长'.repeat(1001) },
    });
    expect(long.status).toBe(422);
    expect(JSON.stringify(long.body)).toContain('意见不能超过 1000 个字');
    const unknown = await api.request('PUT', `/api/periods/${MONTH}/districts/999999/comment`, {
      token: office,
      body: { body: '无此区县' },
    });
    expect(unknown).toMatchObject({ status: 404, body: { message: '区县不存在' } });
    const badMonth = await api.request('PUT', `/api/periods/2026-13/districts/${wuhua}/comment`, {
      token: office,
      body: { body: '月份错误' },
    });
    expect(badMonth.status).toBe(422);
    expect({ comments: await comments(), audit: (await audit()).length }).toEqual(before);
  });

  it('lists a district’s communities with today’s eligibility, coverage and public piles', async () => {
    const { body } = await api.request('GET', `/api/communities?districtId=${wuhua}&pageSize=500`, { token: leader });
    expect(body.items.length).toBeGreaterThan(100);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    // Expectations straight from the register, one community at a time.
    const own: { community_id: number; piles: number }[] = await db.dataSource.query(
      `SELECT community_id, sum(ac_piles + dc_piles)::int AS piles FROM facility
        WHERE usage = 'public' AND accepted_on <= $1 AND (retired_on IS NULL OR retired_on > $1) GROUP BY community_id`,
      [today],
    );
    const nearby: { community_id: number }[] = await db.dataSource.query(
      `SELECT DISTINCT n.community_id FROM nearby_coverage n JOIN facility f ON f.id = n.facility_id
        WHERE f.usage = 'public' AND f.accepted_on <= $1 AND (f.retired_on IS NULL OR f.retired_on > $1)
          AND n.valid_from <= $1 AND (n.valid_to IS NULL OR n.valid_to > $1)`,
      [today],
    );
    const ownPiles = new Map(own.map((o) => [o.community_id, o.piles]));
    const near = new Set(nearby.map((n) => n.community_id));
    const kinds = new Set<string>();
    for (const item of body.items) {
      const expected = ownPiles.has(item.id) ? 'own' : near.has(item.id) ? 'nearby' : null;
      expect([item.code, item.coveredBy, item.publicPiles]).toEqual([item.code, expected, ownPiles.get(item.id) ?? 0]);
      kinds.add(String(item.coveredBy));
    }
    // The demo district has all three kinds, so each branch above was exercised.
    expect([...kinds].sort()).toEqual(['nearby', 'null', 'own']);
    const [latest] = await db.dataSource.query(
      `SELECT eligible FROM community_eligibility WHERE community_id = $1 AND effective_from <= $2
        ORDER BY effective_from DESC LIMIT 1`,
      [body.items[0].id, today],
    );
    expect(body.items[0].eligible).toBe(latest?.eligible ?? null);
  });

  it('shows the leader every district’s comment and a district only its own', async () => {
    await api.request('PUT', `/api/periods/${MONTH}/districts/${wuhua}/comment`, {
      token: office,
      body: { body: '五华' },
    });
    await api.request('PUT', `/api/periods/${MONTH}/districts/${panlong}/comment`, {
      token: office,
      body: { body: '盘龙' },
    });
    const all = await api.request('GET', `/api/periods/${MONTH}/comments`, { token: leader });
    expect(all.body.map((c: any) => c.body).sort()).toEqual(['五华', '盘龙'].sort());
    expect(all.body[0].authorName).toBeTruthy();
    const own = await api.request('GET', `/api/periods/${MONTH}/comments`, { token: wuhuaToken });
    expect(own.body.map((c: any) => c.districtId)).toEqual([wuhua]);
    const otherMonth = await api.request('GET', `/api/periods/2020-01/comments`, { token: leader });
    expect(otherMonth.body).toEqual([]);
  });
});
