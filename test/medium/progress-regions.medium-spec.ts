import { AuthenticatedUser, Role } from '@app/core';
import {
  ProgressAggregationRepository,
  ProgressAggregationService,
  ProgressQueryService,
  RegionLevel,
} from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Snapshots of several cities, rolled up to a province and the nation (issue 4, scale). Worked example:
 *   云南省 530000: 昆明市 (districts A, B), 曲靖市 (district C); 四川省 510000: 成都市 (district D).
 *   A: c1 c2 c3 eligible; public F1 on c1 (2 AC, 14 kW) accepted 2024-01-10; F2 on c2 (1 AC, 7 kW) 2024-02-15.
 *   B: c4 eligible; F4 on c4 (1 DC, 60 kW) accepted 2024-02-01.
 *   C: c5…c9 eligible; F5 on c5 (4 AC, 28 kW) accepted 2024-01-05. Target ratio 0.8 (the others 1).
 *   D: c10 eligible, c11 ineligible; nothing built.
 * February 2024:
 *   昆明市 = A + B: registered 4, eligible 4, covered 3, AC 3, DC 1, 81 kW. January: covered 1, piles 2.
 *   云南省 = 昆明 + 曲靖: registered 9, eligible 9, covered 4, AC 7, DC 1, 109 kW; coverage 4/9 = 0.4444;
 *     target ratio (1×4 + 0.8×5) / 9 = 0.8889; change vs January: covered 4 − 2 = +2, piles 8 − 6 = +2.
 *   全国 = 云南 + 四川: registered 11, eligible 10, covered 4; ratio (4 + 4 + 1) / 10 = 0.9000; coverage 0.4000.
 */
describe('progress above the city: a province’s cities and the nation’s provinces', () => {
  let db: TestDatabase;
  let queries: ProgressQueryService;
  const city: Record<'km' | 'qj' | 'cd', number> = { km: 0, qj: 0, cd: 0 };
  const district: Record<'A' | 'B' | 'C' | 'D', number> = { A: 0, B: 0, C: 0, D: 0 };
  let planId: number;
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
  const office: AuthenticatedUser = { id: 1, username: 'o', displayName: 'o', role: Role.Office, districtId: null };
  let clerkOfA: AuthenticatedUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    const addCity = async (code: string, name: string, provinceCode: string, provinceName: string) =>
      (
        await q(`INSERT INTO city (code, name, province_code, province_name) VALUES ($1, $2, $3, $4) RETURNING id`, [
          code,
          name,
          provinceCode,
          provinceName,
        ])
      )[0].id;
    city.km = await addCity('530100', '昆明市', '530000', '云南省');
    city.qj = await addCity('530300', '曲靖市', '530000', '云南省');
    city.cd = await addCity('510100', '成都市', '510000', '四川省');
    const addDistrict = async (code: string, name: string, cityId: number) =>
      (
        await q(
          `INSERT INTO district (code, name, city_id, tier, kind) VALUES ($1, $2, $3, 'A', 'district') RETURNING id`,
          [code, name, cityId],
        )
      )[0].id;
    district.A = await addDistrict('530102', '五华区', city.km);
    district.B = await addDistrict('530103', '盘龙区', city.km);
    district.C = await addDistrict('530302', '麒麟区', city.qj);
    district.D = await addDistrict('510104', '锦江区', city.cd);
    const community = async (code: string, districtId: number, eligible = true) => {
      const [{ id }] = await q(
        `INSERT INTO community (code, name, district_id, garage_type, registered_on) VALUES ($1, $1, $2, 'surface', '2022-01-01') RETURNING id`,
        [code, districtId],
      );
      await q(
        `INSERT INTO community_eligibility (community_id, effective_from, resident_demand, parking_available, capacity_sufficient, fire_safety_required, eligible, ineligible_reason, source)
         VALUES ($1, '2022-01-01', true, true, $2, false, $2, $3, 'manual')`,
        [id, eligible, eligible ? null : '剩余电力容量不足'],
      );
      return id;
    };
    const facility = (code: string, communityId: number, ac: number, dc: number, kw: string, acceptedOn: string) =>
      q(
        `INSERT INTO facility (code, community_id, usage, ac_piles, dc_piles, total_kw, accepted_on) VALUES ($1, $2, 'public', $3, $4, $5, $6)`,
        [code, communityId, ac, dc, kw, acceptedOn],
      );
    const c1 = await community('c1', district.A);
    const c2 = await community('c2', district.A);
    await community('c3', district.A);
    const c4 = await community('c4', district.B);
    const c5 = await community('c5', district.C);
    for (const code of ['c6', 'c7', 'c8', 'c9']) await community(code, district.C);
    await community('c10', district.D);
    await community('c11', district.D, false);
    await facility('F1', c1, 2, 0, '14', '2024-01-10');
    await facility('F2', c2, 1, 0, '7', '2024-02-15');
    await facility('F4', c4, 0, 1, '60', '2024-02-01');
    await facility('F5', c5, 4, 0, '28', '2024-01-05');
    [{ id: planId }] = await q(
      `INSERT INTO target_plan (code, name, kind, start_month, end_month) VALUES ('Q', '全覆盖', 'coverage_ratio', '2024-01', '2025-12') RETURNING id`,
    );
    for (const [key, id] of Object.entries(district)) {
      await q(`INSERT INTO district_target (plan_id, district_id, target_ratio) VALUES ($1, $2, $3)`, [
        planId,
        id,
        key === 'C' ? '0.8' : '1',
      ]);
    }
    clerkOfA = { id: 2, username: 'wuhua', displayName: '五华区', role: Role.District, districtId: district.A };
    const aggregation = new ProgressAggregationService(db.dataSource, new ProgressAggregationRepository(db.dataSource));
    await aggregation.refresh('2024-01');
    await aggregation.refresh('2024-02');
    queries = new ProgressQueryService(db.dataSource);
  });
  afterAll(() => db.drop());

  it('writes one city row per city, each the sum of its own districts only', async () => {
    const rows = await q(
      `SELECT city_id AS "cityId", registered_communities AS registered, covered_eligible AS covered, public_kw::text AS kw
         FROM progress_snapshot WHERE month = '2024-02' AND district_id IS NULL ORDER BY city_id`,
    );
    expect(rows).toEqual([
      { cityId: city.km, registered: 4, covered: 3, kw: '81.000' },
      { cityId: city.qj, registered: 5, covered: 1, kw: '28.000' },
      { cityId: city.cd, registered: 2, covered: 0, kw: '0.000' },
    ]);
  });

  it('shows a city’s districts and the city row, with the change against January', async () => {
    const table = await queries.table(office, '2024-02', planId, city.km);
    expect(table.city).toMatchObject({ name: '昆明市', provinceName: '云南省' });
    expect(table.rows.map((r) => [r.districtName, r.coveredEligible, r.change?.coveredEligible])).toEqual([
      ['五华区', 2, 1],
      ['盘龙区', 1, 1],
      ['全市', 3, 2],
    ]);
  });

  it('asks which city when there are several, and keeps a district user to its own city', async () => {
    await expect(queries.table(office, '2024-02', planId)).rejects.toMatchObject({
      kind: 'validation',
      message: '系统中有多个城市，请指定城市（cityId）',
    });
    const own = await queries.table(clerkOfA, '2024-02', planId);
    expect(own.rows.map((r) => r.districtName)).toEqual(['五华区', '全市']);
    await expect(queries.table(clerkOfA, '2024-02', planId, city.qj)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(queries.regionTable(clerkOfA, '2024-02', planId, RegionLevel.Nation)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(queries.table(office, '2024-02', planId, 999_999)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('adds up a province’s cities: counts summed, the ratio target eligible-weighted', async () => {
    const table = await queries.regionTable(office, '2024-02', planId, RegionLevel.Province, '530000');
    expect(
      table.rows.map((r) => [
        r.regionCode,
        r.regionName,
        r.cities,
        r.registeredCommunities,
        r.eligibleCommunities,
        r.coveredEligible,
        r.coverageRatio,
        r.targetRatio,
        r.publicAcPiles,
        r.publicDcPiles,
        r.publicKw,
      ]),
    ).toEqual([
      [String(city.km), '昆明市', 1, 4, 4, 3, '0.7500', '1.0000', 3, 1, '81.000'],
      [String(city.qj), '曲靖市', 1, 5, 5, 1, '0.2000', '0.8000', 4, 0, '28.000'],
      [null, '云南省', 2, 9, 9, 4, '0.4444', '0.8889', 7, 1, '109.000'],
    ]);
    expect(table.rows[2].change).toEqual({ achievedCount: 2, coveredEligible: 2, publicPiles: 2 });
    expect(table.rows[2].projection).not.toBeNull();
  });

  it('adds up the nation’s provinces', async () => {
    const table = await queries.regionTable(office, '2024-02', planId, RegionLevel.Nation);
    expect(
      table.rows.map((r) => [
        r.regionCode,
        r.regionName,
        r.cities,
        r.eligibleCommunities,
        r.coverageRatio,
        r.targetRatio,
      ]),
    ).toEqual([
      ['510000', '四川省', 1, 1, '0.0000', '1.0000'],
      ['530000', '云南省', 2, 9, '0.4444', '0.8889'],
      [null, '全国', 3, 10, '0.4000', '0.9000'],
    ]);
    await expect(queries.regionTable(office, '2024-02', planId, RegionLevel.Province)).rejects.toMatchObject({
      kind: 'validation',
    });
    await expect(queries.regionTable(office, '2023-06', planId, RegionLevel.Nation)).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});
