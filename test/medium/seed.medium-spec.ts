import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, createScratchDatabase } from '@app/database';
import {
  DEMO_TABLES,
  DemoTable,
  generateKunmingDemo,
  KunmingDemo,
  PILOT_PLAN_CODE,
  seedDemo,
  SeedDemoReport,
} from '@app/demo';

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AS_OF = '2026-06-30';

jest.setTimeout(180_000);

/**
 * Each table's content by natural keys, in natural-key order: without ids, foreign-key ids (replaced by the codes
 * they point at), insertion timestamps and password hashes (salted, so different on every run).
 */
const DIGEST_QUERIES: Record<DemoTable, string> = {
  city: `SELECT to_jsonb(t) - '{id,created_at}'::text[] FROM city t ORDER BY t.code`,
  district: `SELECT to_jsonb(t) - '{id,city_id,created_at,updated_at}'::text[] || jsonb_build_object('city', c.code)
    FROM district t JOIN city c ON c.id = t.city_id ORDER BY t.code`,
  street: `SELECT to_jsonb(t) - '{id,district_id}'::text[] || jsonb_build_object('district', d.code)
    FROM street t JOIN district d ON d.id = t.district_id ORDER BY t.code`,
  property_company: `SELECT to_jsonb(t) - '{id,created_at}'::text[] FROM property_company t ORDER BY t.name`,
  operator_enterprise: `SELECT to_jsonb(t) - '{id,created_at}'::text[] FROM operator_enterprise t ORDER BY t.credit_code`,
  community: `SELECT to_jsonb(t) - '{id,district_id,street_id,property_company_id,created_at,updated_at}'::text[]
      || jsonb_build_object('district', d.code, 'street', s.code, 'company', p.name)
    FROM community t JOIN district d ON d.id = t.district_id LEFT JOIN street s ON s.id = t.street_id
    LEFT JOIN property_company p ON p.id = t.property_company_id ORDER BY t.code`,
  community_eligibility: `SELECT to_jsonb(t) - '{id,community_id,recorded_at}'::text[] || jsonb_build_object('community', c.code)
    FROM community_eligibility t JOIN community c ON c.id = t.community_id ORDER BY c.code, t.effective_from`,
  app_user: `SELECT to_jsonb(t) - '{id,district_id,password_hash,created_at}'::text[] || jsonb_build_object('district', d.code)
    FROM app_user t LEFT JOIN district d ON d.id = t.district_id ORDER BY t.username`,
  target_plan: `SELECT to_jsonb(t) - '{id,created_at}'::text[] FROM target_plan t ORDER BY t.code`,
  district_target: `SELECT to_jsonb(t) - '{id,plan_id,district_id}'::text[] || jsonb_build_object('plan', p.code, 'district', d.code)
    FROM district_target t JOIN target_plan p ON p.id = t.plan_id JOIN district d ON d.id = t.district_id
    ORDER BY p.code, d.code`,
  pilot_designation: `SELECT to_jsonb(t) - '{id,plan_id,community_id,created_at}'::text[]
      || jsonb_build_object('plan', p.code, 'community', c.code)
    FROM pilot_designation t JOIN target_plan p ON p.id = t.plan_id JOIN community c ON c.id = t.community_id
    ORDER BY p.code, c.code`,
  facility: `SELECT to_jsonb(t) - '{id,community_id,operator_id,property_company_id,created_at,updated_at}'::text[]
      || jsonb_build_object('community', c.code, 'operator', o.credit_code, 'company', p.name)
    FROM facility t JOIN community c ON c.id = t.community_id LEFT JOIN operator_enterprise o ON o.id = t.operator_id
    LEFT JOIN property_company p ON p.id = t.property_company_id ORDER BY t.code`,
  nearby_coverage: `SELECT to_jsonb(t) - '{id,community_id,facility_id,created_at}'::text[]
      || jsonb_build_object('community', c.code, 'facility', f.code)
    FROM nearby_coverage t JOIN community c ON c.id = t.community_id JOIN facility f ON f.id = t.facility_id
    ORDER BY c.code, f.code, t.valid_from`,
  complaint: `SELECT to_jsonb(t) - '{id,property_company_id,community_id,district_id,decided_by,created_at}'::text[]
      || jsonb_build_object('company', p.name, 'community', c.code, 'decided_by', u.username)
    FROM complaint t JOIN property_company p ON p.id = t.property_company_id
    LEFT JOIN community c ON c.id = t.community_id LEFT JOIN app_user u ON u.id = t.decided_by
    ORDER BY p.name, t.received_on, t.description`,
  safety_patrol: `SELECT to_jsonb(t) - '{id,community_id,property_company_id,created_at}'::text[]
      || jsonb_build_object('community', c.code, 'company', p.name)
    FROM safety_patrol t JOIN community c ON c.id = t.community_id JOIN property_company p ON p.id = t.property_company_id
    ORDER BY c.code, t.patrolled_on`,
};

const TABLES = Object.keys(DEMO_TABLES) as DemoTable[];

interface Scratch {
  dataSource: DataSource;
  drop(): Promise<void>;
}

async function freshDatabase(poolSize: number): Promise<Scratch> {
  const scratch = await createScratchDatabase(BASE_URL, 'evc_test');
  const dataSource = createDataSource(scratch.url, poolSize);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await scratch.drop();
    },
  };
}

async function digests(dataSource: DataSource): Promise<Record<DemoTable, { rows: number; sha256: string }>> {
  const result = {} as Record<DemoTable, { rows: number; sha256: string }>;
  for (const table of TABLES) {
    const rows: Record<string, unknown>[] = await dataSource.query(DIGEST_QUERIES[table]);
    const json = JSON.stringify(rows.map((r) => Object.values(r)[0]));
    result[table] = { rows: rows.length, sha256: createHash('sha256').update(json).digest('hex') };
  }
  return result;
}

async function counts(dataSource: DataSource): Promise<Record<DemoTable, number>> {
  const result = {} as Record<DemoTable, number>;
  for (const table of TABLES) {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`);
    result[table] = n;
  }
  return result;
}

describe('seedDemo (real PostgreSQL)', () => {
  const databases: Scratch[] = [];
  let a: Scratch;
  let b: Scratch;
  let firstRun: SeedDemoReport;
  let demo: KunmingDemo;

  beforeAll(async () => {
    demo = generateKunmingDemo({ asOf: AS_OF });
    a = await freshDatabase(4);
    databases.push(a);
    // The embedded server offers one connection: the seed must run on a pool of one.
    b = await freshDatabase(1);
    databases.push(b);
    firstRun = await seedDemo(a.dataSource, { asOf: AS_OF });
    await seedDemo(b.dataSource, { asOf: AS_OF });
  });

  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('inserts every generated row', () => {
    const expected: Record<DemoTable, number> = {
      city: 1,
      district: demo.districts.length,
      street: demo.streets.length,
      property_company: demo.propertyCompanies.length,
      operator_enterprise: demo.operators.length,
      community: demo.communities.length,
      community_eligibility: demo.eligibility.length,
      app_user: demo.users.length,
      target_plan: demo.targetPlans.length,
      district_target: demo.districtTargets.length,
      pilot_designation: demo.pilotDesignations.length,
      facility: demo.facilities.length,
      nearby_coverage: demo.nearbyCoverage.length,
      complaint: demo.complaints.length,
      safety_patrol: demo.patrols.length,
    };
    expect(firstRun.inserted).toEqual(expected);
    expect(firstRun.accounts).toHaveLength(demo.users.length);
  });

  it('gives identical content in two fresh databases for the same asOf', async () => {
    const [da, db] = await Promise.all([digests(a.dataSource), digests(b.dataSource)]);
    expect(db).toEqual(da);
    expect(da.community.rows).toBe(demo.communities.length);
  });

  it('inserts nothing the second time and leaves the passwords alone', async () => {
    const hashesBefore = await a.dataSource.query('SELECT username, password_hash FROM app_user ORDER BY username');
    const countsBefore = await counts(a.dataSource);
    const digestsBefore = await digests(a.dataSource);
    const second = await seedDemo(a.dataSource, { asOf: AS_OF });
    expect(Object.values(second.inserted).every((n) => n === 0)).toBe(true);
    expect(await counts(a.dataSource)).toEqual(countsBefore);
    expect(await digests(a.dataSource)).toEqual(digestsBefore);
    expect(await a.dataSource.query('SELECT username, password_hash FROM app_user ORDER BY username')).toEqual(
      hashesBefore,
    );
  });

  it('has about 3,000 communities and the tiers of the Kunming plan', async () => {
    const [{ n }] = await a.dataSource.query('SELECT count(*)::int AS n FROM community');
    expect(n).toBeGreaterThan(2900);
    expect(n).toBeLessThan(3200);
    const tiers: { name: string; tier: string }[] = await a.dataSource.query('SELECT name, tier FROM district');
    const tierOf = Object.fromEntries(tiers.map((t) => [t.name, t.tier]));
    for (const name of ['五华区', '盘龙区', '西山区', '官渡区', '呈贡区']) expect(tierOf[name]).toBe('A');
    for (const name of ['经开区', '度假区', '高新区']) expect(tierOf[name]).toBe('B');
    expect(
      tiers
        .filter((t) => t.tier === 'C')
        .map((t) => t.name)
        .sort(),
    ).toEqual(
      [
        '东川区',
        '晋宁区',
        '富民县',
        '宜良县',
        '石林彝族自治县',
        '嵩明县',
        '禄劝彝族苗族自治县',
        '寻甸回族彝族自治县',
        '安宁市',
        '阳宗海风景名胜区',
        '空港经济区',
      ].sort(),
    );
  });

  it('gives every district a district user', async () => {
    const orphans = await a.dataSource.query(
      `SELECT d.name FROM district d
       WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE u.district_id = d.id AND u.role = 'district')`,
    );
    expect(orphans).toEqual([]);
  });

  it('dates no facility stage after asOf and keeps the stages in order', async () => {
    const stages = [
      'surveyed_on',
      'agreement_on',
      'grid_applied_on',
      'grid_accepted_on',
      'supply_plan_replied_on',
      'construction_started_on',
      'construction_completed_on',
      'meter_installed_on',
      'accepted_on',
      'platform_connected_on',
    ];
    const [{ late }] = await a.dataSource.query(
      `SELECT count(*)::int AS late FROM facility WHERE GREATEST(${[...stages, 'retired_on'].join(', ')}) > $1`,
      [AS_OF],
    );
    expect(late).toBe(0);
    // A stage is set only when the one before it is, and not before it.
    const outOfOrder = stages
      .slice(1)
      .map((stage, i) => `(${stage} IS NOT NULL AND (${stages[i]} IS NULL OR ${stage} < ${stages[i]}))`)
      .join(' OR ');
    const [{ n }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM facility WHERE ${outOfOrder}`);
    expect(n).toBe(0);
  });

  it('stores the eligibility history per district as generated', async () => {
    const rows: { district: string; rows: number; eligible: number }[] = await a.dataSource.query(
      `SELECT d.code AS district, count(*)::int AS rows, count(*) FILTER (WHERE e.eligible)::int AS eligible
       FROM community_eligibility e JOIN community c ON c.id = e.community_id JOIN district d ON d.id = c.district_id
       GROUP BY d.code ORDER BY d.code`,
    );
    const districtOf = new Map(demo.communities.map((c) => [c.code, c.districtCode]));
    const expected = new Map<string, { district: string; rows: number; eligible: number }>();
    for (const e of demo.eligibility) {
      const district = districtOf.get(e.communityCode)!;
      const entry = expected.get(district) ?? { district, rows: 0, eligible: 0 };
      entry.rows++;
      if (e.eligible) entry.eligible++;
      expected.set(district, entry);
    }
    const byDistrict = (x: { district: string }, y: { district: string }) => (x.district < y.district ? -1 : 1);
    expect(rows.sort(byDistrict)).toEqual([...expected.values()].sort(byDistrict));
    const [{ withoutReason }] = await a.dataSource.query(
      `SELECT count(*)::int AS "withoutReason" FROM community_eligibility WHERE NOT eligible AND ineligible_reason IS NULL`,
    );
    expect(withoutReason).toBe(0);
  });

  it('sets the 2022 pilot targets 5/3/1 by tier', async () => {
    const rows: { tier: string; targets: number[] }[] = await a.dataSource.query(
      `SELECT d.tier, array_agg(DISTINCT t.target_count) AS targets
       FROM district_target t JOIN target_plan p ON p.id = t.plan_id JOIN district d ON d.id = t.district_id
       WHERE p.code = $1 GROUP BY d.tier ORDER BY d.tier`,
      [PILOT_PLAN_CODE],
    );
    expect(rows).toEqual([
      { tier: 'A', targets: [5] },
      { tier: 'B', targets: [3] },
      { tier: 'C', targets: [1] },
    ]);
  });
});
