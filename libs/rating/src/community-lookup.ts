import { EntityManager } from 'typeorm';

export interface CommunityRef {
  id: number;
  name: string;
  districtId: number;
  propertyCompanyId: number | null;
  removedOn: string | null;
}

/** The facts about a community that complaints and patrols are checked against. */
export async function findCommunityRef(manager: EntityManager, communityId: number): Promise<CommunityRef | null> {
  const [row] = await manager.query(
    `SELECT id, name, district_id AS "districtId", property_company_id AS "propertyCompanyId", removed_on::text AS "removedOn"
       FROM community WHERE id = $1`,
    [communityId],
  );
  return row ?? null;
}

export async function findCompanyName(manager: EntityManager, companyId: number): Promise<string | null> {
  const [row] = await manager.query(`SELECT name FROM property_company WHERE id = $1`, [companyId]);
  return row?.name ?? null;
}

/** Whether the company manages a community of the district (the district's staff may complain about it). */
export async function companyWorksInDistrict(
  manager: EntityManager,
  companyId: number,
  districtId: number,
): Promise<boolean> {
  const [row] = await manager.query(
    `SELECT 1 FROM community WHERE property_company_id = $1 AND district_id = $2 LIMIT 1`,
    [companyId, districtId],
  );
  return Boolean(row);
}
