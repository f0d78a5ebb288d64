import { DataSource } from 'typeorm';
import { hashPassword } from '@app/auth';
import { generateCreditCode } from '@app/org';
import { insertCityAndDistrict, insertCommunity } from './org-factory';

export const FIXTURE_PASSWORD = 'Fixture2026x';

/** Two districts and the four kinds of caller, for suites that build their own small world. */
export interface FixtureWorld {
  wuhua: number;
  panlong: number;
  /** username → id */
  users: Record<'office' | 'leader' | 'wuhua' | 'panlong', number>;
}

export async function insertTwoDistrictsAndUsers(db: DataSource): Promise<FixtureWorld> {
  const { districtId: wuhua } = await insertCityAndDistrict(db, '530102', '五华区');
  const { districtId: panlong } = await insertCityAndDistrict(db, '530103', '盘龙区');
  await db.query(`UPDATE district SET sort_order = CASE id WHEN $1 THEN 1 ELSE 2 END`, [wuhua]);
  const hash = await hashPassword(FIXTURE_PASSWORD);
  const users = {} as FixtureWorld['users'];
  for (const [username, displayName, role, districtId] of [
    ['office', '市发展改革委', 'office', null],
    ['leader', '市领导', 'leader', null],
    ['wuhua', '五华区发展和改革局', 'district', wuhua],
    ['panlong', '盘龙区发展和改革局', 'district', panlong],
  ] as const) {
    const [row] = await db.query(
      `INSERT INTO app_user (username, display_name, password_hash, role, district_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [username, displayName, hash, role, districtId],
    );
    users[username] = row.id;
  }
  return { wuhua, panlong, users };
}

export async function insertCompany(db: DataSource, name: string): Promise<number> {
  const [row] = await db.query(`INSERT INTO property_company (name) VALUES ($1) RETURNING id`, [name]);
  return row.id;
}

/** An operator in the registry; `serial` (1–9) makes its credit code (GB 32100 check character computed). */
export async function insertOperator(db: DataSource, name: string, serial: number): Promise<number> {
  const [row] = await db.query(
    `INSERT INTO operator_enterprise (name, credit_code, listed_on) VALUES ($1, $2, '2022-07-28') RETURNING id`,
    [name, generateCreditCode(`91530102MA6K0000${serial}`)],
  );
  return row.id;
}

/** A community managed by a company, with eligibility facts as of each date given (eligible or not). */
export async function insertManagedCommunity(
  db: DataSource,
  districtId: number,
  code: string,
  name: string,
  companyId: number | null,
  eligibility: [effectiveFrom: string, eligible: boolean][] = [],
): Promise<number> {
  const id = await insertCommunity(db, districtId, code, name);
  await db.query(`UPDATE community SET property_company_id = $2 WHERE id = $1`, [id, companyId]);
  for (const [effectiveFrom, eligible] of eligibility) {
    await db.query(
      `INSERT INTO community_eligibility (community_id, effective_from, resident_demand, parking_available,
         capacity_sufficient, fire_safety_required, eligible, ineligible_reason, source)
       VALUES ($1, $2, true, $3, true, false, $3, $4, 'manual')`,
      [id, effectiveFrom, eligible, eligible ? null : '无可用公共停车位'],
    );
  }
  return id;
}

export type FacilityStages = Partial<
  Record<
    | 'gridAppliedOn'
    | 'gridAcceptedOn'
    | 'supplyPlanRepliedOn'
    | 'constructionCompletedOn'
    | 'meterInstalledOn'
    | 'acceptedOn'
    | 'platformConnectedOn'
    | 'retiredOn',
    string
  >
>;

const STAGE_COLUMNS: Record<keyof FacilityStages, string> = {
  gridAppliedOn: 'grid_applied_on',
  gridAcceptedOn: 'grid_accepted_on',
  supplyPlanRepliedOn: 'supply_plan_replied_on',
  constructionCompletedOn: 'construction_completed_on',
  meterInstalledOn: 'meter_installed_on',
  acceptedOn: 'accepted_on',
  platformConnectedOn: 'platform_connected_on',
  retiredOn: 'retired_on',
};

export async function insertFacility(
  db: DataSource,
  code: string,
  communityId: number,
  usage: 'public' | 'self_use',
  stages: FacilityStages,
  operatorId: number | null = null,
): Promise<number> {
  const entries = Object.entries(stages) as [keyof FacilityStages, string][];
  const columns = entries.map(([k]) => STAGE_COLUMNS[k]);
  const [row] = await db.query(
    `INSERT INTO facility (code, name, community_id, usage, operator_id, surveyed_on${columns.map((c) => `, ${c}`).join('')}
       ${stages.retiredOn ? ', retired_reason' : ''})
     VALUES ($1, $1, $2, $3, $4, '2022-01-04'${entries.map((_, i) => `, $${i + 5}`).join('')}${stages.retiredOn ? `, '测试退出'` : ''})
     RETURNING id`,
    [code, communityId, usage, operatorId, ...entries.map(([, v]) => v)],
  );
  return row.id;
}
