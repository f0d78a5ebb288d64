import { ProgressAggregationRepository, ProgressAggregationService } from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { insertCityAndDistrict } from '../support/org-factory';

/**
 * A worked example of the snapshot definitions (SPEC "Definitions the numbers rest on"), small enough to check by
 * hand. District A:
 *   c1 eligible; public F1 (4 AC + 1 DC, 88 kW) accepted 2024-03-10, retired 2024-09-15
 *   c2 eligible; only a self-use F2 (1 AC, 7 kW) accepted 2024-02-05: not covered
 *   c3 ineligible (capacity); linked to F1 at 600 m from 2024-04-01: covered while F1 stands, counted apart
 *   c4 registered 2024-05-01, eligible; public F4 (2 DC, 120 kW) accepted 2024-05-20, on the platform 2024-06-02
 *   c5 ineligible until 2024-06-01, eligible after; no facility
 * District B has nothing. Plans: P pilots 2024-01..2024-06, target 2 (c1 designated 01-15, c4 05-02);
 * Q coverage 2024-01..2025-12, ratio 1; Y yearly task 2024-04..2024-12, 3 newly covered communities.
 */
describe('progress snapshots, a worked example', () => {
  let db: TestDatabase;
  let service: ProgressAggregationService;
  let a: number;
  let b: number;
  const plan: Record<'P' | 'Q' | 'Y', number> = { P: 0, Q: 0, Y: 0 };
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ districtId: a } = await insertCityAndDistrict(db.dataSource, '530102', '五华区'));
    ({ districtId: b } = await insertCityAndDistrict(db.dataSource, '530103', '盘龙区'));
    const community = async (code: string, registeredOn = '2022-01-01') =>
      (
        await q(
          `INSERT INTO community (code, name, district_id, garage_type, registered_on) VALUES ($1, $1, $2, 'surface', $3) RETURNING id`,
          [code, a, registeredOn],
        )
      )[0].id;
    const c1 = await community('c1');
    const c2 = await community('c2');
    const c3 = await community('c3');
    const c4 = await community('c4', '2024-05-01');
    const c5 = await community('c5');
    const eligibility = (id: number, from: string, eligible: boolean) =>
      q(
        `INSERT INTO community_eligibility (community_id, effective_from, resident_demand, parking_available, capacity_sufficient, fire_safety_required, eligible, ineligible_reason, source)
         VALUES ($1, $2, true, true, $3, false, $3, $4, 'manual')`,
        [id, from, eligible, eligible ? null : '剩余电力容量不足'],
      );
    await eligibility(c1, '2022-01-01', true);
    await eligibility(c2, '2022-01-01', true);
    await eligibility(c3, '2022-01-01', false);
    await eligibility(c4, '2024-05-01', true);
    await eligibility(c5, '2022-01-01', false);
    await eligibility(c5, '2024-06-01', true);
    const facility = async (
      code: string,
      communityId: number,
      usage: string,
      ac: number,
      dc: number,
      kw: string,
      acceptedOn: string,
      extra: Record<string, string> = {},
    ) =>
      (
        await q(
          `INSERT INTO facility (code, community_id, usage, ac_piles, dc_piles, total_kw, accepted_on, platform_connected_on, retired_on, retired_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [
            code,
            communityId,
            usage,
            ac,
            dc,
            kw,
            acceptedOn,
            extra.connected ?? null,
            extra.retired ?? null,
            extra.retired ? '小区改造拆除' : null,
          ],
        )
      )[0].id;
    const f1 = await facility('F1', c1, 'public', 4, 1, '88', '2024-03-10', { retired: '2024-09-15' });
    await facility('F2', c2, 'self_use', 1, 0, '7', '2024-02-05');
    await facility('F4', c4, 'public', 0, 2, '120', '2024-05-20', { connected: '2024-06-02' });
    await q(
      `INSERT INTO nearby_coverage (community_id, facility_id, distance_m, valid_from) VALUES ($1, $2, 600, '2024-04-01')`,
      [c3, f1],
    );
    const addPlan = async (code: string, kind: string, start: string, end: string) =>
      (
        await q(
          `INSERT INTO target_plan (code, name, kind, start_month, end_month) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
          [code, kind, start, end],
        )
      )[0].id;
    plan.P = await addPlan('P', 'pilot_count', '2024-01', '2024-06');
    plan.Q = await addPlan('Q', 'coverage_ratio', '2024-01', '2025-12');
    plan.Y = await addPlan('Y', 'covered_count', '2024-04', '2024-12');
    for (const district of [a, b]) {
      await q(`INSERT INTO district_target (plan_id, district_id, target_count) VALUES ($1, $2, 2)`, [
        plan.P,
        district,
      ]);
      await q(`INSERT INTO district_target (plan_id, district_id, target_ratio) VALUES ($1, $2, 1)`, [
        plan.Q,
        district,
      ]);
      await q(`INSERT INTO district_target (plan_id, district_id, target_count) VALUES ($1, $2, 3)`, [
        plan.Y,
        district,
      ]);
    }
    await q(
      `INSERT INTO pilot_designation (plan_id, community_id, designated_on) VALUES ($1, $2, '2024-01-15'), ($1, $3, '2024-05-02')`,
      [plan.P, c1, c4],
    );
    service = new ProgressAggregationService(db.dataSource, new ProgressAggregationRepository(db.dataSource));
  });
  afterAll(() => db.drop());

  const snapshot = async (month: string, planId: number, districtId: number | null) =>
    (
      await q(
        `SELECT target_count AS "targetCount", target_ratio AS "targetRatio", achieved_count AS "achievedCount", pilot_designated AS "pilotDesignated",
                pilot_completed AS "pilotCompleted", registered_communities AS registered, eligible_communities AS eligible,
                covered_eligible AS "coveredEligible", covered_ineligible AS "coveredIneligible", built_public_facilities AS built,
                operating_public_facilities AS operating, public_ac_piles AS "publicAc", public_dc_piles AS "publicDc",
                self_use_ac_piles AS "selfAc", self_use_dc_piles AS "selfDc", public_kw AS "publicKw", self_use_kw AS "selfKw", frozen
           FROM progress_snapshot WHERE month = $1 AND plan_id = $2 AND district_id IS NOT DISTINCT FROM $3`,
        [month, planId, districtId],
      )
    )[0];

  it('April 2024: c4 not yet registered, c5 not yet eligible, c3 covered through F1 and counted apart', async () => {
    const result = await service.refresh('2024-04');
    expect(result).toMatchObject({ plans: 3, rowsWritten: 3 * 3, rowsFrozen: 0 });
    expect(await snapshot('2024-04', plan.Q, a)).toEqual({
      targetCount: null,
      targetRatio: '1.0000',
      achievedCount: 1,
      pilotDesignated: 0,
      pilotCompleted: 0,
      registered: 4,
      eligible: 2,
      coveredEligible: 1,
      coveredIneligible: 1,
      built: 1,
      operating: 0,
      publicAc: 4,
      publicDc: 1,
      selfAc: 1,
      selfDc: 0,
      publicKw: '88.000',
      selfKw: '7.000',
      frozen: false,
    });
    // Pilots: only c1 designated by 04-30, and covered.
    expect(await snapshot('2024-04', plan.P, a)).toMatchObject({
      targetCount: 2,
      achievedCount: 1,
      pilotDesignated: 1,
      pilotCompleted: 1,
    });
    // Yearly task from 2024-04: covered at 03-31 = {c1}; at 04-30 = {c1, c3}: one newly covered.
    expect(await snapshot('2024-04', plan.Y, a)).toMatchObject({ targetCount: 3, achievedCount: 1 });
    expect(await snapshot('2024-04', plan.Q, b)).toMatchObject({
      registered: 0,
      eligible: 0,
      coveredEligible: 0,
      publicKw: '0.000',
    });
    // The city adds up its districts; the ratio target is the eligible-weighted mean.
    expect(await snapshot('2024-04', plan.Q, null)).toMatchObject({
      targetRatio: '1.0000',
      registered: 4,
      eligible: 2,
      coveredEligible: 1,
    });
    expect(await snapshot('2024-04', plan.P, null)).toMatchObject({ targetCount: 4, achievedCount: 1 });
  });

  it('June 2024: c4 built and on the platform, c5 eligible, both pilots complete', async () => {
    await service.refresh('2024-06');
    expect(await snapshot('2024-06', plan.Q, a)).toMatchObject({
      registered: 5,
      eligible: 4,
      coveredEligible: 2,
      coveredIneligible: 1,
      built: 2,
      operating: 1,
      publicAc: 4,
      publicDc: 3,
      publicKw: '208.000',
    });
    expect(await snapshot('2024-06', plan.P, a)).toMatchObject({
      achievedCount: 2,
      pilotDesignated: 2,
      pilotCompleted: 2,
    });
    expect(await snapshot('2024-06', plan.Y, a)).toMatchObject({ achievedCount: 2 });
  });

  it('September 2024: F1 retired takes c1 and c3 out of coverage; the ended pilot plan keeps its end-date result', async () => {
    await service.refresh('2024-09');
    expect(await snapshot('2024-09', plan.Q, a)).toMatchObject({
      coveredEligible: 1,
      coveredIneligible: 0,
      built: 1,
      operating: 1,
      publicAc: 0,
      publicDc: 2,
    });
    expect(await snapshot('2024-09', plan.P, a)).toMatchObject({ achievedCount: 2, pilotCompleted: 2 });
    // Covered at 09-30 = {c4}, at 03-31 = {c1}: the net change is 0, never negative.
    expect(await snapshot('2024-09', plan.Y, a)).toMatchObject({ achievedCount: 0 });
  });

  it('gives one district’s series (anomaly checks) exactly the aggregation’s figures at each date', async () => {
    const repository = new ProgressAggregationRepository(db.dataSource);
    const dates = ['2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30', '2024-09-30', '2024-10-31'];
    const series = await repository.districtSeries(dates, [a, b]);
    expect(series).toHaveLength(dates.length * 2);
    for (const date of dates) {
      const all = await repository.districtFigures(date);
      for (const district of [a, b]) {
        const { date: _date, ...figures } = series.find((r) => r.date === date && r.districtId === district)!;
        expect(figures).toEqual(all.find((r) => r.districtId === district));
      }
    }
    // Spot check against the worked example: June, district A.
    expect(series.find((r) => r.date === '2024-06-30' && r.districtId === a)).toMatchObject({
      registeredCommunities: 5,
      eligibleCommunities: 4,
      coveredEligible: 2,
      coveredIneligible: 1,
      publicKw: '208.000',
    });
  });

  it('gives the same rows when run again, and leaves a frozen (published) month alone', async () => {
    const rows = async (month: string) =>
      q(
        `SELECT plan_id, district_id, achieved_count, covered_eligible, public_kw FROM progress_snapshot WHERE month = $1 ORDER BY plan_id, district_id NULLS LAST`,
        [month],
      );
    const before = await rows('2024-06');
    await service.refresh('2024-06');
    expect(await rows('2024-06')).toEqual(before);

    await q(`UPDATE progress_snapshot SET frozen = true WHERE month = '2024-06'`);
    const [c2] = await q(`SELECT id FROM community WHERE code = 'c2'`);
    await q(
      `INSERT INTO facility (code, community_id, usage, ac_piles, total_kw, accepted_on) VALUES ('F5', $1, 'public', 2, '14', '2024-06-10')`,
      [c2.id],
    );
    const result = await service.refresh('2024-06');
    expect(result).toMatchObject({ rowsWritten: 0, rowsFrozen: 9 });
    expect(await rows('2024-06')).toEqual(before);
    await service.refresh('2024-07');
    expect(await snapshot('2024-07', plan.Q, a)).toMatchObject({ coveredEligible: 3 });
  });
});
