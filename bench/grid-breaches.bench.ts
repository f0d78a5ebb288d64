/**
 * Grid time limits are computed on read (libs/grid/src/grid-time-limit.service.ts). This measures what one request
 * costs at city scale: the Kunming demo grown to BENCH_FACILITIES facilities (default 10,000, the "maybe 10k"),
 * every one evaluated against the working-day calendar as of today, grouped by district and by operator, and the
 * response serialised as the API sends it. Prints the figures; asserts nothing about them (a benchmark).
 *
 * Needs PostgreSQL only (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test): it creates a scratch
 * database, migrates it, seeds the demo, copies facilities up to the size asked, and drops it at the end.
 *
 *   npx jest --selectProjects unit --testMatch '<rootDir>/bench/grid-breaches.bench.ts' --verbose=false
 *
 * BENCH_FACILITIES (10000) and BENCH_RUNS (7, after one warm-up; the median is printed) change size and runs.
 */
import { cpus } from 'node:os';
import { AuthenticatedUser, Clock, Role, shanghaiDate, SystemClock } from '@app/core';
import { AuditEvent, AuditService } from '@app/auth';
import { createDataSource, createScratchDatabase } from '@app/database';
import { seedDemo } from '@app/demo';
import {
  evaluateGridTimeLimits,
  GridFacilitiesRepository,
  GridTimeLimitService,
  tallyGridEvaluations,
  WorkingCalendarService,
} from '@app/grid';

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const FACILITIES = Number(process.env.BENCH_FACILITIES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeMedian(work: () => Promise<unknown> | unknown): Promise<number> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const started = now();
    await work();
    times.push(now() - started);
  }
  return median(times);
}

/** This machine's speed right now (other processes share it): one tight loop, to read the figures against. */
function cpuProbeMs(): number {
  const started = now();
  let sum = 0;
  for (let i = 0; i < 1e8; i++) sum += i;
  if (sum < 0) throw new Error('unreachable');
  return now() - started;
}

async function main(): Promise<void> {
  const scratch = await createScratchDatabase(BASE_URL, 'evc_bench_grid');
  const db = createDataSource(scratch.url, 4);
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
    const asOf = shanghaiDate(new Date());
    await seedDemo(db, { asOf });
    const [{ n: demoFacilities }] = await db.query(`SELECT count(*)::int AS n FROM facility`);
    // Copies of the demo's facilities (same communities and dates, new codes) up to the size asked.
    for (let copy = 1; (await count(db)) < FACILITIES; copy++) {
      await db.query(
        `INSERT INTO facility (code, name, community_id, usage, operator_id, property_company_id, ac_piles, dc_piles,
           total_kw, surveyed_on, agreement_on, grid_applied_on, grid_accepted_on, supply_plan_replied_on,
           construction_started_on, construction_completed_on, meter_installed_on, accepted_on, platform_connected_on)
         SELECT code || '-' || $1, name, community_id, usage, operator_id, property_company_id, ac_piles, dc_piles,
                total_kw, surveyed_on, agreement_on, grid_applied_on, grid_accepted_on, supply_plan_replied_on,
                construction_started_on, construction_completed_on, meter_installed_on, accepted_on, platform_connected_on
           FROM facility WHERE code NOT LIKE '%-%-%' ORDER BY id LIMIT $2`,
        [copy, FACILITIES - (await count(db))],
      );
    }
    const total = await count(db);
    const clock: Clock = new SystemClock();
    const calendars = new WorkingCalendarService(db, new AuditService(db.getRepository(AuditEvent)), clock);
    const repository = new GridFacilitiesRepository(db);
    const service = new GridTimeLimitService(repository, calendars, clock);
    const office: AuthenticatedUser = {
      id: 1,
      username: 'office',
      displayName: '市发展改革委',
      role: Role.Office,
      districtId: null,
    };

    const calendar = await calendars.load();
    const rows = await repository.facilities({ districtIds: null, asOf });
    const evaluated = rows.flatMap((row) => {
      try {
        return [{ groupKey: String(row.districtId), evaluations: evaluateGridTimeLimits(row, asOf, calendar) }];
      } catch {
        return [];
      }
    });
    const loadCalendarMs = await timeMedian(() => calendars.load());
    const queryMs = await timeMedian(() => repository.facilities({ districtIds: null, asOf }));
    const evaluateMs = await timeMedian(() => {
      for (const row of rows) {
        try {
          evaluateGridTimeLimits(row, asOf, calendar);
        } catch {
          // a deadline in an uncovered year: the service lists it as a calendar gap
        }
      }
    });
    const tallyMs = await timeMedian(() => tallyGridEvaluations(evaluated));
    const byDistrict = await service.breachesByDistrict(office, { asOf });
    const byDistrictMs = await timeMedian(() => service.breachesByDistrict(office, { asOf }));
    const byOperatorMs = await timeMedian(() => service.breachesByOperator(office, { asOf }));
    const json = JSON.stringify(byDistrict);
    const serialiseMs = await timeMedian(() => JSON.stringify(byDistrict));
    const rss = process.memoryUsage.rss();
    const probeMs = cpuProbeMs();
    const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
    const pgVersion = (await db.query('SHOW server_version'))[0].server_version.split(' ')[0];
    process.stdout.write(
      [
        `电网办理时限（读时计算）基准：${total} 个设施（演示 ${demoFacilities} 个 + 复制），其中 ${rows.length} 个已进入办电环节，` +
          `截至 ${asOf}；预热 1 次后 ${RUNS} 次取中位数（Node ${process.version}，PostgreSQL ${pgVersion}，${cpus().length} 核）`,
        `${fmt(byDistrictMs)}  按区县：整次请求（读日历 + 查询设施 + 逐个计算 + 分组 + 明细）`,
        `${fmt(byOperatorMs)}  按运营企业：整次请求`,
        `${fmt(loadCalendarMs)}    其中读取并构建工作日历`,
        `${fmt(queryMs)}    其中查询设施及阶段日期（${rows.length} 行）`,
        `${fmt(evaluateMs)}    其中逐个设施计算四个环节（${rows.length * 4} 个环节）`,
        `${fmt(tallyMs)}    其中统计各状态数`,
        `${fmt(serialiseMs)}  响应 JSON 序列化（${(json.length / 1024 / 1024).toFixed(2)} MB，超时/逾期明细 ${byDistrict.groups.reduce((n, g) => n + g.breaches.length, 0)} 条）`,
        `  进程 RSS ${(rss / 1024 / 1024).toFixed(0)} MB；本机当时速度：1 亿次整数加法 ${probeMs.toFixed(0)} ms（空闲的 2 核机器约 80–100 ms，数值越大说明负载越重）`,
      ].join('\n') + '\n',
    );
  } finally {
    if (db.isInitialized) await db.destroy();
    await scratch.drop();
  }
}

async function count(db: import('typeorm').DataSource): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM facility`);
  return n;
}

// Run by jest (see the header) or by node after compilation.
if (typeof it === 'function') {
  it('grid breaches benchmark', main, 900_000);
} else {
  void main();
}
