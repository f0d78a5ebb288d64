import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';
import { hashPassword, Role, User } from '@app/auth';
import {
  City,
  Community,
  CommunityEligibility,
  District,
  Facility,
  NearbyCoverage,
  OperatorEnterprise,
  PropertyCompany,
  Street,
} from '@app/org';
import { DistrictTarget, PilotDesignation, TargetPlan } from '@app/progress';
import { Complaint, SafetyPatrol } from '@app/rating';
import { formatConsoleTable } from './console-table.js';
import { DEMO_PASSWORD, demoAccounts, generateKunmingDemo } from './kunming-demo.generator.js';
import { DemoAccount, KunmingDemo } from './kunming-demo.types.js';

/** The tables the demo writes, in insertion order (parents first), with their Chinese names. */
export const DEMO_TABLES = {
  city: '城市',
  district: '区县（园区）',
  street: '街道（乡镇）',
  property_company: '物业服务企业',
  operator_enterprise: '充电设施建设运营企业',
  community: '居住社区',
  community_eligibility: '社区建设条件记录',
  app_user: '用户',
  target_plan: '目标计划',
  district_target: '区县目标',
  pilot_designation: '试点社区',
  facility: '充电设施',
  nearby_coverage: '周边覆盖关系',
  complaint: '投诉',
  safety_patrol: '充电设施安全巡查记录',
} as const;

export type DemoTable = keyof typeof DEMO_TABLES;

export interface SeedDemoOptions {
  /** 'YYYY-MM-DD': the demo's "today"; nothing is dated after it. */
  asOf: string;
  log?: (message: string) => void;
}

export interface SeedDemoReport {
  asOf: string;
  /** Rows this run inserted per table: all zero when the demo was already there. */
  inserted: Record<DemoTable, number>;
  accounts: DemoAccount[];
  password: string;
  elapsedMs: number;
}

/** Rows per INSERT: 500 rows × ≤ 30 columns stays far below PostgreSQL's 65,535 parameters. */
const CHUNK_ROWS = 500;

/**
 * Inserts the Kunming demo in one transaction, in bulk, with ON CONFLICT DO NOTHING on the natural keys (codes,
 * names, usernames, (community, effective_from) …), so a second run inserts nothing and changes nothing, and rows
 * an operator edited are left alone. Uses only the transaction's manager: the embedded server has one connection.
 */
export async function seedDemo(dataSource: DataSource, options: SeedDemoOptions): Promise<SeedDemoReport> {
  const started = Date.now();
  const demo = generateKunmingDemo({ asOf: options.asOf });
  const log = options.log ?? (() => undefined);
  const inserted = await dataSource.transaction((manager) => new DemoWriter(manager, log).write(demo));
  return {
    asOf: demo.asOf,
    inserted,
    accounts: demoAccounts(),
    password: DEMO_PASSWORD,
    elapsedMs: Date.now() - started,
  };
}

/** The rows inserted per table, for the console. */
export function seedReportTable(report: SeedDemoReport): string {
  const rows = (Object.keys(DEMO_TABLES) as DemoTable[]).map((table) => [
    DEMO_TABLES[table],
    table,
    String(report.inserted[table]),
  ]);
  const total = Object.values(report.inserted).reduce((sum, n) => sum + n, 0);
  rows.push(['合计', '', String(total)]);
  return [
    `演示数据（昆明市，截至 ${report.asOf}）：本次新增 ${total} 行，用时 ${report.elapsedMs} ms`,
    formatConsoleTable(['数据表', '表名', '新增行数'], rows),
  ].join('\n');
}

const ROLE_LABELS: Record<Role, string> = {
  [Role.Office]: '市发展改革委（管理）',
  [Role.Leader]: '领导（只读）',
  [Role.District]: '区县（园区）填报',
};

/** The demo logins and their password, for the console. */
export function demoAccountsTable(accounts: DemoAccount[] = demoAccounts()): string {
  return [
    `演示账号（密码均为 ${DEMO_PASSWORD}，请在正式使用前修改或停用）`,
    formatConsoleTable(
      ['用户名', '角色', '名称', '所属区县'],
      accounts.map((a) => [a.username, ROLE_LABELS[a.role], a.displayName, a.districtName ?? '全市']),
    ),
  ].join('\n');
}

class DemoWriter {
  private readonly inserted = Object.fromEntries(Object.keys(DEMO_TABLES).map((t) => [t, 0])) as Record<
    DemoTable,
    number
  >;

  constructor(
    private readonly manager: EntityManager,
    private readonly log: (message: string) => void,
  ) {}

  async write(demo: KunmingDemo): Promise<Record<DemoTable, number>> {
    await this.insert('city', City, [demo.city]);
    const cityIds = await this.ids('city', 'code', [demo.city.code]);

    await this.insert(
      'district',
      District,
      demo.districts.map(({ cityCode, ...d }) => ({ ...d, cityId: pick(cityIds, cityCode, '城市') })),
    );
    const districtIds = await this.ids(
      'district',
      'code',
      demo.districts.map((d) => d.code),
    );

    await this.insert(
      'street',
      Street,
      demo.streets.map(({ districtCode, ...s }) => ({ ...s, districtId: pick(districtIds, districtCode, '区县') })),
    );
    const streetIds = await this.ids(
      'street',
      'code',
      demo.streets.map((s) => s.code),
    );

    await this.insert('property_company', PropertyCompany, demo.propertyCompanies);
    const companyIds = await this.ids(
      'property_company',
      'name',
      demo.propertyCompanies.map((c) => c.name),
    );
    await this.insert('operator_enterprise', OperatorEnterprise, demo.operators);
    const operatorIds = await this.ids(
      'operator_enterprise',
      'credit_code',
      demo.operators.map((o) => o.creditCode),
    );

    await this.insert(
      'community',
      Community,
      demo.communities.map(({ districtCode, streetCode, propertyCompanyName, ...c }) => ({
        ...c,
        districtId: pick(districtIds, districtCode, '区县'),
        streetId: pick(streetIds, streetCode, '街道'),
        propertyCompanyId: propertyCompanyName === null ? null : pick(companyIds, propertyCompanyName, '物业服务企业'),
      })),
    );
    const communityIds = await this.ids(
      'community',
      'code',
      demo.communities.map((c) => c.code),
    );

    await this.insert(
      'community_eligibility',
      CommunityEligibility,
      demo.eligibility.map(({ communityCode, ...e }) => ({
        ...e,
        communityId: pick(communityIds, communityCode, '居住社区'),
      })),
    );

    await this.insertUsers(demo, districtIds);
    const userIds = await this.ids(
      'app_user',
      'username',
      demo.users.map((u) => u.username),
    );

    await this.insert('target_plan', TargetPlan, demo.targetPlans);
    const planIds = await this.ids(
      'target_plan',
      'code',
      demo.targetPlans.map((p) => p.code),
    );
    await this.insert(
      'district_target',
      DistrictTarget,
      demo.districtTargets.map(({ planCode, districtCode, ...t }) => ({
        ...t,
        planId: pick(planIds, planCode, '目标计划'),
        districtId: pick(districtIds, districtCode, '区县'),
      })),
    );
    await this.insert(
      'pilot_designation',
      PilotDesignation,
      demo.pilotDesignations.map(({ planCode, communityCode, ...p }) => ({
        ...p,
        planId: pick(planIds, planCode, '目标计划'),
        communityId: pick(communityIds, communityCode, '居住社区'),
      })),
    );

    await this.insert(
      'facility',
      Facility,
      demo.facilities.map(({ communityCode, operatorCreditCode, propertyCompanyName, ...f }) => ({
        ...f,
        communityId: pick(communityIds, communityCode, '居住社区'),
        operatorId: operatorCreditCode === null ? null : pick(operatorIds, operatorCreditCode, '运营企业'),
        propertyCompanyId: propertyCompanyName === null ? null : pick(companyIds, propertyCompanyName, '物业服务企业'),
      })),
    );
    const facilityIds = await this.ids(
      'facility',
      'code',
      demo.facilities.map((f) => f.code),
    );
    await this.insert(
      'nearby_coverage',
      NearbyCoverage,
      demo.nearbyCoverage.map(({ communityCode, facilityCode, ...n }) => ({
        ...n,
        communityId: pick(communityIds, communityCode, '居住社区'),
        facilityId: pick(facilityIds, facilityCode, '充电设施'),
      })),
    );

    const districtOfCommunity = new Map(
      demo.communities.map((c) => [c.code, pick(districtIds, c.districtCode, '区县')]),
    );
    await this.insertComplaints(demo, companyIds, communityIds, userIds, districtOfCommunity);
    await this.insert(
      'safety_patrol',
      SafetyPatrol,
      demo.patrols.map(({ communityCode, propertyCompanyName, ...p }) => ({
        ...p,
        communityId: pick(communityIds, communityCode, '居住社区'),
        propertyCompanyId: pick(companyIds, propertyCompanyName, '物业服务企业'),
      })),
    );
    return this.inserted;
  }

  /** Only accounts that do not exist yet are hashed: a re-run never touches a password someone changed. */
  private async insertUsers(demo: KunmingDemo, districtIds: Map<string, number>): Promise<void> {
    const existing: { username: string }[] = await this.manager.query(
      'SELECT username FROM app_user WHERE username = ANY($1)',
      [demo.users.map((u) => u.username)],
    );
    const known = new Set(existing.map((u) => u.username));
    const missing = demo.users.filter((u) => !known.has(u.username));
    // One argon2id hash (salted, 64 MiB, t=3) serves every new demo account: they share the published demo
    // password anyway, and 21 separate hashes took most of the seed's time on a two-core machine.
    const passwordHash = missing.length > 0 ? await hashPassword(DEMO_PASSWORD) : '';
    await this.insert(
      'app_user',
      User,
      missing.map(({ districtCode, ...u }) => ({
        ...u,
        passwordHash,
        districtId: districtCode === null ? null : pick(districtIds, districtCode, '区县'),
      })),
      demo.users.length,
    );
  }

  /** complaint has no natural key: a complaint counts as present when its company, date and text match. */
  private async insertComplaints(
    demo: KunmingDemo,
    companyIds: Map<string, number>,
    communityIds: Map<string, number>,
    userIds: Map<string, number>,
    districtOfCommunity: Map<string, number>,
  ): Promise<void> {
    const rows = demo.complaints.map(({ propertyCompanyName, communityCode, decidedByUsername, decidedAt, ...c }) => ({
      ...c,
      propertyCompanyId: pick(companyIds, propertyCompanyName, '物业服务企业'),
      communityId: communityCode === null ? null : pick(communityIds, communityCode, '居住社区'),
      districtId: communityCode === null ? null : (districtOfCommunity.get(communityCode) ?? null),
      decidedBy: decidedByUsername === null ? null : pick(userIds, decidedByUsername, '用户'),
      decidedAt: decidedAt === null ? null : new Date(decidedAt),
    }));
    const existing: { property_company_id: number; received_on: string; description: string }[] =
      await this.manager.query(
        'SELECT property_company_id, received_on, description FROM complaint WHERE property_company_id = ANY($1)',
        [[...new Set(rows.map((r) => r.propertyCompanyId))]],
      );
    const key = (companyId: number, receivedOn: string, description: string) =>
      `${companyId}|${receivedOn}|${description}`;
    const present = new Set(existing.map((e) => key(e.property_company_id, e.received_on, e.description)));
    await this.insert(
      'complaint',
      Complaint,
      rows.filter((r) => !present.has(key(r.propertyCompanyId, r.receivedOn, r.description))),
      rows.length,
    );
  }

  /**
   * Multi-row INSERT … ON CONFLICT DO NOTHING RETURNING id, CHUNK_ROWS rows a statement. Written by hand from the
   * entity metadata: the query builder spent longer assembling 3,000 rows than PostgreSQL spent inserting them.
   */
  private async insert<T extends ObjectLiteral>(
    table: DemoTable,
    entity: EntityTarget<T>,
    rows: QueryDeepPartialEntity<T>[],
    demoRows = rows.length,
  ): Promise<void> {
    let count = 0;
    if (rows.length > 0) {
      const metadata = this.manager.connection.getMetadata(entity);
      const properties = Object.keys(rows[0]);
      const columns = properties.map((property) => {
        const column = metadata.findColumnWithPropertyName(property);
        if (!column) throw new Error(`${metadata.tableName} has no column for property ${property}`);
        return `"${column.databaseName}"`;
      });
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const params: unknown[] = [];
        const tuples = rows.slice(start, start + CHUNK_ROWS).map((row) => {
          const values = row as Record<string, unknown>;
          const placeholders = properties.map((property) => {
            params.push(values[property] ?? null);
            return `$${params.length}`;
          });
          return `(${placeholders.join(', ')})`;
        });
        const inserted: unknown[] = await this.manager.query(
          `INSERT INTO "${metadata.tableName}" (${columns.join(', ')}) VALUES ${tuples.join(', ')} ` +
            'ON CONFLICT DO NOTHING RETURNING id',
          params,
        );
        count += inserted.length;
      }
    }
    this.inserted[table] += count;
    this.log(`${DEMO_TABLES[table]}（${table}）：新增 ${count} 行，已存在 ${demoRows - count} 行`);
  }

  private async ids(table: DemoTable, column: string, keys: string[]): Promise<Map<string, number>> {
    const rows: { id: number; key: string }[] = await this.manager.query(
      `SELECT id, "${column}" AS key FROM "${table}" WHERE "${column}" = ANY($1)`,
      [keys],
    );
    return new Map(rows.map((r) => [r.key, Number(r.id)]));
  }
}

/**
 * A row the demo needs is missing although the insert was skipped: another row holds one of its unique keys
 * (e.g. a company with the same credit code under another name).
 */
function pick(ids: Map<string, number>, key: string, what: string): number {
  const id = ids.get(key);
  if (id === undefined) {
    throw new Error(`演示数据与数据库中已有数据冲突：找不到${what}「${key}」（可能被同名或同代码的其他记录占用）`);
  }
  return id;
}
