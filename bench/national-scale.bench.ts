/**
 * Issue 4's scale figures, nationwide (SPEC "Scale": ~3,000 districts, ~300,000 communities, 60 monthly periods):
 *   1. one period's snapshot refresh through the real ProgressAggregationService (goal: under a minute here);
 *   2. the city, province and nation dashboard tables through the real ProgressQueryService, each against the bare
 *      SQL aggregate that gives the same numbers (asserted equal), interleaved, p50 / p95 (goal: p95 ≤ 2× the bare SQL).
 * The bare SQL adds up the district snapshots directly (GROUP BY city, province); the service reads the stored city
 * rows (a province or the nation is a sum of those). Equal results also show the stored city rows equal their
 * districts' sums. Prints the figures; asserts only that the numbers agree (a benchmark, not a timed test).
 *
 * Needs PostgreSQL only (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test). It creates a scratch
 * database, migrates it, generates the register with set-based SQL (generate_series, no row-by-row inserts), computes
 * the snapshots of the six months before the measured one (the dashboards' pace window), and drops the database.
 *
 *   npm run bench:national
 *
 * BENCH_DISTRICTS (3000), BENCH_COMMUNITIES (300000), BENCH_PROVINCES (31), BENCH_CITIES (310), BENCH_RUNS (30)
 * change the size and the timed dashboard runs (after 3 warm-ups each); BENCH_KEEP=1 keeps the database.
 */
import { DataSource } from 'typeorm';
import { addMonths, AuthenticatedUser, Role } from '@app/core';
import { createDataSource, createScratchDatabase } from '@app/database';
import {
  PACE_WINDOW_MONTHS,
  ProgressAggregationRepository,
  ProgressAggregationService,
  ProgressFigures,
  ProgressQueryService,
  PACING_STATUS_LABELS,
  paceAgainstTarget,
  PROJECTION_STATUS_LABELS,
  projectTarget,
  RegionLevel,
  targetCountOfRatio,
} from '@app/progress';

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const DISTRICTS = Number(process.env.BENCH_DISTRICTS ?? 3000);
const COMMUNITIES = Number(process.env.BENCH_COMMUNITIES ?? 300_000);
const PROVINCES = Number(process.env.BENCH_PROVINCES ?? 31);
const CITIES = Number(process.env.BENCH_CITIES ?? 310);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
/** Keep the scratch database afterwards, to look into a plan with EXPLAIN ANALYZE (drop it yourself). */
const KEEP = process.env.BENCH_KEEP === '1';
const FIRST_MONTH = '2022-01';
const PERIODS = 60;
/** The 60th period: 2022-01 … 2026-12. */
const MONTH = addMonths(FIRST_MONTH, PERIODS - 1);

const now = () => Number(process.hrtime.bigint()) / 1e6;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const print = (line: string) => process.stdout.write(`${line}\n`);
const office: AuthenticatedUser = {
  id: 1,
  username: 'bench',
  displayName: '基准',
  role: Role.Office,
  districtId: null,
};

// ---------------------------------------------------------------------------------------------------------------
// the dataset

async function timedStep(label: string, work: () => Promise<unknown>): Promise<void> {
  const started = now();
  await work();
  print(`  ${label}：${((now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The register as set-based SQL. Every community has an eligibility row from its registration, a third a later
 * change; 60% have a facility (three in four public) accepted at some point of the five years, a few retired; one
 * community in twelve is linked to a facility of a neighbour in its district; three plans (2022 pilots, full
 * coverage by 2026-12, a yearly task for 2026) with targets for every district; 60 periods with a report each.
 */
async function generate(db: DataSource): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
  // Statistics after each bulk step: the next step's joins are planned on them (an unanalysed facility table made the
  // nearby-coverage join a nested loop of sequential scans).
  const step = (label: string, work: () => Promise<unknown>) =>
    timedStep(label, async () => {
      await work();
      await q('ANALYZE');
    });
  await step(`${CITIES} 个城市（${PROVINCES} 个省）、${DISTRICTS} 个区县`, async () => {
    await q(
      `INSERT INTO city (code, name, province_code, province_name)
       SELECT (10 + (g - 1) % $2)::text || lpad(((g - 1) / $2 + 1)::text, 2, '0') || '00', '城市' || g,
              (10 + (g - 1) % $2)::text || '0000', '省份' || (1 + (g - 1) % $2)
         FROM generate_series(1, $1) g`,
      [CITIES, PROVINCES],
    );
    await q(
      `INSERT INTO district (code, name, city_id, tier, kind, sort_order)
       SELECT 'D' || lpad(g::text, 6, '0'), '区县' || g, c.id, (ARRAY['A','B','C'])[1 + g % 3], 'district', g
         FROM generate_series(1, $1) g
         JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM city) c ON c.k = 1 + (g - 1) % $2`,
      [DISTRICTS, CITIES],
    );
  });
  await step(`${COMMUNITIES.toLocaleString()} 个社区`, () =>
    q(
      `INSERT INTO community (code, name, district_id, garage_type, registered_on, removed_on)
       SELECT 'C' || lpad(g::text, 7, '0'), '社区' || g, d.id,
              (ARRAY['surface','surface','underground','mixed','none'])[1 + g % 5],
              CASE WHEN g % 10 = 0 THEN DATE '2022-01-01' + (g * 13) % 1700 ELSE DATE '2021-06-01' END,
              CASE WHEN g % 97 = 0 THEN DATE '2023-06-01' + (g * 13) % 1700 + g % 500 END
         FROM generate_series(1, $1) g
         JOIN (SELECT id, row_number() OVER (ORDER BY id) AS k FROM district) d ON d.k = 1 + (g - 1) % $2`,
      [COMMUNITIES, DISTRICTS],
    ),
  );
  await step('资格记录（登记时一条，三分之一后来变化一次）', async () => {
    // Fire safety is not required in the generated facts, so the verdict is demand ∧ parking ∧ capacity.
    const facts = (phase: string) => `
      SELECT id, effective_from, rd, pa, cs, rd AND pa AND cs AS eligible FROM (
        SELECT c.id, ${phase === 'first' ? 'c.registered_on' : `c.registered_on + 200 + (c.id * 7) % 1200`} AS effective_from,
               ${phase === 'first' ? 'c.id % 9 <> 0' : 'true'} AS rd,
               c.id % 7 <> 0 AS pa,
               ${phase === 'first' ? 'c.id % 5 <> 0' : 'c.id % 5 = 0'} AS cs
          FROM community c ${phase === 'first' ? '' : 'WHERE c.id % 3 = 0'}) x`;
    for (const phase of ['first', 'change']) {
      await q(
        `INSERT INTO community_eligibility (community_id, effective_from, resident_demand, parking_available,
           capacity_sufficient, capacity_solution_agreed, fire_safety_required, fire_safety_complete, eligible,
           ineligible_reason, source)
         SELECT id, effective_from, rd, pa, cs, false, false, NULL, eligible,
                CASE WHEN NOT eligible THEN '剩余电力容量不足或业主意愿不足' END, 'seed'
           FROM (${facts(phase)}) f`,
      );
    }
  });
  await step('充电设施（六成社区，公用四分之三）', () =>
    q(
      `INSERT INTO facility (code, community_id, usage, ac_piles, dc_piles, total_kw, accepted_on,
         platform_connected_on, retired_on, retired_reason)
       SELECT 'F' || lpad(c.id::text, 8, '0'), c.id, CASE WHEN c.id % 4 = 0 THEN 'self_use' ELSE 'public' END,
              1 + c.id % 10, c.id % 4, (1 + c.id % 10) * 7 + (c.id % 4) * 60,
              a.accepted_on, CASE WHEN c.id % 5 <> 0 THEN a.accepted_on + 20 + c.id % 40 END,
              CASE WHEN c.id % 50 = 0 THEN a.accepted_on + 500 END, CASE WHEN c.id % 50 = 0 THEN '小区改造拆除' END
         FROM community c
         CROSS JOIN LATERAL (SELECT GREATEST(c.registered_on, DATE '2021-09-01' + (c.id::bigint * 7919 % 1950)::int) AS accepted_on) a
        WHERE c.id % 5 < 3`,
    ),
  );
  await step('周边 1 公里覆盖（十二分之一的社区）', () =>
    q(
      `INSERT INTO nearby_coverage (community_id, facility_id, distance_m, valid_from)
       SELECT c.id, f.id, 100 + c.id % 900, GREATEST(f.accepted_on, c.registered_on)
         FROM community c JOIN facility f ON f.community_id = c.id + $1::int AND f.usage = 'public'
        WHERE c.id % 12 = 6`,
      [DISTRICTS],
    ),
  );
  await step('目标计划、区县目标、试点社区', async () => {
    const [pilot] = await q(
      `INSERT INTO target_plan (code, name, kind, start_month, end_month) VALUES ('P2022', '2022 年试点', 'pilot_count', '2022-01', '2022-12') RETURNING id`,
    );
    const [coverage] = await q(
      `INSERT INTO target_plan (code, name, kind, start_month, end_month) VALUES ('C2026', '2026 年全覆盖', 'coverage_ratio', '2022-01', '2026-12') RETURNING id`,
    );
    const [yearly] = await q(
      `INSERT INTO target_plan (code, name, kind, start_month, end_month) VALUES ('Y2026', '2026 年度任务', 'covered_count', '2026-01', '2026-12') RETURNING id`,
    );
    await q(
      `INSERT INTO district_target (plan_id, district_id, target_count, target_ratio)
       SELECT $1::int, id, CASE tier WHEN 'A' THEN 5 WHEN 'B' THEN 3 ELSE 1 END, NULL::numeric FROM district
       UNION ALL SELECT $2::int, id, NULL, 1 FROM district
       UNION ALL SELECT $3::int, id, 10, NULL FROM district`,
      [pilot.id, coverage.id, yearly.id],
    );
    await q(
      `INSERT INTO pilot_designation (plan_id, community_id, designated_on)
       SELECT $1::int, c.id, DATE '2022-02-01' FROM community c WHERE (c.id - 1) / $2::int < 6`,
      [pilot.id, DISTRICTS],
    );
  });
  await step(`${PERIODS} 个报送期、每期每区县一份报表`, async () => {
    await q(
      `INSERT INTO reporting_period (month, opens_at, deadline_at, status)
       SELECT to_char(m, 'YYYY-MM'), m - interval '8 hours', m + interval '24 days 15 hours 59 minutes 59 seconds', 'closed'
         FROM generate_series(DATE '${FIRST_MONTH}-01', DATE '${MONTH}-01', interval '1 month') m`,
    );
    await q(
      `INSERT INTO district_report (period_id, district_id, state) SELECT p.id, d.id, 'not_submitted' FROM reporting_period p, district d`,
    );
  });
  await timedStep('VACUUM ANALYZE', () => q('VACUUM ANALYZE'));
}

// ---------------------------------------------------------------------------------------------------------------
// the bare SQL: district snapshots added up by hand

const SUMS = `SUM(s.target_count)::int AS "targetCount",
  CASE WHEN COUNT(s.target_ratio) = 0 THEN NULL
       ELSE round(SUM(s.target_ratio * s.eligible_communities) / NULLIF(SUM(s.eligible_communities) FILTER (WHERE s.target_ratio IS NOT NULL), 0), 4)::text END AS "targetRatio",
  SUM(s.achieved_count)::int AS "achievedCount", SUM(s.pilot_designated)::int AS "pilotDesignated",
  SUM(s.pilot_completed)::int AS "pilotCompleted", SUM(s.registered_communities)::int AS "registeredCommunities",
  SUM(s.eligible_communities)::int AS "eligibleCommunities", SUM(s.covered_eligible)::int AS "coveredEligible",
  SUM(s.covered_ineligible)::int AS "coveredIneligible",
  round(SUM(s.covered_eligible)::numeric / NULLIF(SUM(s.eligible_communities), 0), 4)::text AS "coverageRatio",
  SUM(s.built_public_facilities)::int AS "builtPublicFacilities",
  SUM(s.operating_public_facilities)::int AS "operatingPublicFacilities",
  SUM(s.public_ac_piles)::int AS "publicAcPiles", SUM(s.public_dc_piles)::int AS "publicDcPiles",
  SUM(s.self_use_ac_piles)::int AS "selfUseAcPiles", SUM(s.self_use_dc_piles)::int AS "selfUseDcPiles",
  SUM(s.public_kw)::numeric(16,3)::text AS "publicKw", SUM(s.self_use_kw)::numeric(16,3)::text AS "selfUseKw"`;

type BareRow = Omit<ProgressFigures, 'change' | 'projection' | 'pacing' | 'computedAt'> & {
  month: string;
  key: string | null;
};

/** One statement per level: the pace window's district rows, summed per row of the table and for the total. */
function bareSql(level: 'city' | 'province' | 'nation'): string {
  const key = { city: 's.district_id::text', province: 's.city_id::text', nation: 'c.province_code' }[level];
  const where = {
    city: 's.city_id = $4',
    province: 'c.province_code = $4',
    nation: '$4::text IS NULL',
  }[level];
  return `SELECT s.month, ${key} AS key, ${SUMS}
            FROM progress_snapshot s JOIN city c ON c.id = s.city_id
           WHERE s.plan_id = $1 AND s.month BETWEEN $2 AND $3 AND s.district_id IS NOT NULL AND ${where}
           GROUP BY GROUPING SETS ((s.month, ${key}), (s.month))`;
}

/** The bare rows → what the dashboard shows: this month's figures, the change, the projection, the pacing. */
function dashboardNumbers(rows: BareRow[], plan: { startMonth: string; endMonth: string }): Map<string, unknown> {
  const endMonth = plan.endMonth;
  const series = new Map<string, BareRow[]>();
  for (const row of [...rows].sort((a, b) => a.month.localeCompare(b.month))) {
    const key = row.key ?? 'total';
    series.set(key, [...(series.get(key) ?? []), row]);
  }
  const out = new Map<string, unknown>();
  for (const [key, list] of series) {
    const current = list.at(-1)!;
    if (current.month !== MONTH) continue;
    const before = list.find((r) => r.month === addMonths(MONTH, -1));
    const target =
      current.targetCount ??
      (current.targetRatio !== null ? targetCountOfRatio(current.targetRatio, current.eligibleCommunities) : null);
    const projection =
      target === null || target === 0
        ? null
        : projectTarget({
            history: list.map((r) => ({ month: r.month, achieved: r.achievedCount })),
            target,
            endMonth,
          });
    const pacing =
      target === null || target === 0
        ? null
        : paceAgainstTarget({ month: MONTH, ...plan, target, achieved: current.achievedCount });
    const { month: _m, key: _k, ...figures } = current;
    out.set(key, {
      ...figures,
      change: before
        ? {
            achievedCount: current.achievedCount - before.achievedCount,
            coveredEligible: current.coveredEligible - before.coveredEligible,
            publicPiles: current.publicAcPiles + current.publicDcPiles - (before.publicAcPiles + before.publicDcPiles),
          }
        : null,
      projection: projection && { ...projection, statusLabel: PROJECTION_STATUS_LABELS[projection.status] },
      pacing: pacing && { ...pacing, statusLabel: PACING_STATUS_LABELS[pacing.status] },
    });
  }
  return out;
}

function serviceNumbers(rows: (ProgressFigures & { key: string | null })[]): Map<string, unknown> {
  return new Map(
    rows.map(({ key, computedAt: _c, ...row }) => {
      const figures = Object.fromEntries(
        Object.entries(row).filter(
          ([name]) => !['districtId', 'districtName', 'regionCode', 'regionName', 'cities'].includes(name),
        ),
      );
      return [key ?? 'total', figures];
    }),
  );
}

/** JSON with every object's keys sorted, so equal numbers compare equal whatever order the columns came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}

function assertSame(label: string, service: Map<string, unknown>, bare: Map<string, unknown>): void {
  const a = canonical([...service].sort(([x], [y]) => x.localeCompare(y)));
  const b = canonical([...bare].sort(([x], [y]) => x.localeCompare(y)));
  if (a !== b) {
    const diff = [...service].find(([k, v]) => canonical(v) !== canonical(bare.get(k)));
    throw new Error(
      `${label}: the service and the bare SQL disagree (${service.size} vs ${bare.size} rows); first difference ` +
        `${diff?.[0]}: ${canonical(diff?.[1])} vs ${canonical(bare.get(diff?.[0] ?? ''))}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** Wraps the aggregation repository's queries to say where a refresh's time goes. */
function instrument(repository: ProgressAggregationRepository): Map<string, number> {
  const spent = new Map<string, number>();
  for (const name of [
    'plansStartedBy',
    'districtFigures',
    'targets',
    'pilotCounts',
    'coveredCounts',
    'frozenKeys',
  ] as const) {
    const original = (repository[name] as (...args: unknown[]) => Promise<unknown>).bind(repository);
    (repository as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const started = now();
      try {
        return await original(...args);
      } finally {
        spent.set(name, (spent.get(name) ?? 0) + now() - started);
      }
    };
  }
  return spent;
}

async function main(): Promise<void> {
  const scratch = await createScratchDatabase(BASE_URL, 'evc_bench_national');
  const db = createDataSource(scratch.url, 4);
  const started = now();
  try {
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    print(
      `\n全国规模基准（${DISTRICTS} 个区县、${COMMUNITIES.toLocaleString()} 个社区、${PERIODS} 个报送期，测量月份 ${MONTH}）`,
    );
    print('生成数据：');
    const generateStarted = now();
    await generate(db);
    const [counts] = await db.query(
      `SELECT (SELECT count(*) FROM community)::int AS communities, (SELECT count(*) FROM community_eligibility)::int AS eligibility,
              (SELECT count(*) FROM facility)::int AS facilities, (SELECT count(*) FROM nearby_coverage)::int AS nearby,
              (SELECT count(*) FROM district_report)::int AS reports`,
    );
    print(
      `  共 ${((now() - generateStarted) / 1000).toFixed(1)} s：社区 ${counts.communities}，资格记录 ${counts.eligibility}，` +
        `设施 ${counts.facilities}，周边覆盖 ${counts.nearby}，区县报表 ${counts.reports}`,
    );

    const repository = new ProgressAggregationRepository(db);
    const aggregation = new ProgressAggregationService(db, repository);
    print(`\n快照：先计算测量月之前 ${PACE_WINDOW_MONTHS} 个月（看板的速度窗口）`);
    const windowStarted = now();
    for (let back = PACE_WINDOW_MONTHS; back >= 1; back -= 1) await aggregation.refresh(addMonths(MONTH, -back));
    // What autovacuum does soon after a bulk write; without it the planner still believes the table empty.
    await db.query('ANALYZE progress_snapshot');
    print(`  ${PACE_WINDOW_MONTHS} 个月共 ${((now() - windowStarted) / 1000).toFixed(1)} s`);

    const spent = instrument(repository);
    const refreshStarted = now();
    const refreshed = await aggregation.refresh(MONTH);
    const refreshMs = now() - refreshStarted;
    const breakdown = [...spent].map(([name, t]) => `${name} ${ms(t)}`).join('，');
    spent.clear();
    const againStarted = now();
    await aggregation.refresh(MONTH);
    const againMs = now() - againStarted;

    const [plan] = await db.query(
      `SELECT id, start_month AS "startMonth", end_month AS "endMonth" FROM target_plan WHERE code = 'C2026'`,
    );
    const [city] = await db.query(
      `SELECT c.id, c.province_code AS "provinceCode", count(d.id)::int AS districts FROM city c JOIN district d ON d.city_id = c.id
        GROUP BY c.id ORDER BY c.id LIMIT 1`,
    );
    const [province] = await db.query(
      `SELECT count(DISTINCT c.id)::int AS cities, count(d.id)::int AS districts FROM city c JOIN district d ON d.city_id = c.id WHERE c.province_code = $1`,
      [city.provinceCode],
    );
    const queries = new ProgressQueryService(db);
    const from = addMonths(MONTH, -PACE_WINDOW_MONTHS);
    const levels = [
      {
        label: `城市（${city.districts} 个区县 + 全市）`,
        service: async () =>
          (await queries.table(office, MONTH, plan.id, city.id)).rows.map((r) => ({
            ...r,
            key: r.districtId === null ? null : String(r.districtId),
          })),
        bare: () => db.query(bareSql('city'), [plan.id, from, MONTH, city.id]),
      },
      {
        label: `省（${province.cities} 个城市、${province.districts} 个区县 + 全省）`,
        service: async () =>
          (await queries.regionTable(office, MONTH, plan.id, RegionLevel.Province, city.provinceCode)).rows.map(
            (r) => ({
              ...r,
              key: r.regionCode,
            }),
          ),
        bare: () => db.query(bareSql('province'), [plan.id, from, MONTH, city.provinceCode]),
      },
      {
        label: `全国（${PROVINCES} 个省、${CITIES} 个城市、${DISTRICTS} 个区县 + 全国）`,
        service: async () =>
          (await queries.regionTable(office, MONTH, plan.id, RegionLevel.Nation)).rows.map((r) => ({
            ...r,
            key: r.regionCode,
          })),
        bare: () => db.query(bareSql('nation'), [plan.id, from, MONTH, null]),
      },
    ];

    const results: string[] = [];
    for (const level of levels) {
      assertSame(level.label, serviceNumbers(await level.service()), dashboardNumbers(await level.bare(), plan));
      const timed = { service: [] as number[], bare: [] as number[] };
      for (let run = -3; run < RUNS; run += 1) {
        // Interleaved, alternating which goes first, so the rest of the machine weighs on both alike.
        for (const which of run % 2 === 0 ? (['service', 'bare'] as const) : (['bare', 'service'] as const)) {
          const t = now();
          if (which === 'service') await level.service();
          else dashboardNumbers(await level.bare(), plan);
          if (run >= 0) timed[which].push(now() - t);
        }
      }
      const p = (which: 'service' | 'bare', q: number) => percentile(timed[which], q);
      results.push(
        `  ${level.label}\n` +
          `    看板查询（ProgressQueryService）p50 ${ms(p('service', 50))}，p95 ${ms(p('service', 95))}\n` +
          `    裸 SQL 汇总（区县快照相加）     p50 ${ms(p('bare', 50))}，p95 ${ms(p('bare', 95))}\n` +
          `    p95 比值 ${(p('service', 95) / p('bare', 95)).toFixed(2)}（目标 ≤ 2），p50 比值 ${(p('service', 50) / p('bare', 50)).toFixed(2)}；结果一致`,
      );
    }

    print(`\n一个报送期的快照刷新（${MONTH}，${refreshed.plans} 个计划，写入 ${refreshed.rowsWritten} 行）`);
    print(`  首次 ${(refreshMs / 1000).toFixed(2)} s（目标 < 60 s）：${breakdown}，其余为写入`);
    print(`  重算 ${(againMs / 1000).toFixed(2)} s`);
    print(`\n看板查询（${RUNS} 次交替计时，之前各预热 3 次）`);
    print(results.join('\n'));
    const [size] = await db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
    print(`\n数据库大小 ${size.size}；全程 ${((now() - started) / 1000).toFixed(0)} s`);
  } finally {
    if (db.isInitialized) await db.destroy();
    if (KEEP) print(`保留数据库 ${scratch.name}（BENCH_KEEP），用完请删除`);
    else await scratch.drop();
  }
}

describe('national scale benchmark', () => {
  it('prints the refresh and dashboard figures', () => main(), 1_800_000);
});
