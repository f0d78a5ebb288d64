import { DataSource } from 'typeorm';
import { hashPassword } from '@app/auth';

/** Minimal organisation rows for medium tests, inserted with plain SQL so the database's own rules are tested. */
export async function insertCityAndDistrict(
  db: DataSource,
  code = '530102',
  name = '五华区',
): Promise<{ cityId: number; districtId: number }> {
  const [city] = await db.query(
    `INSERT INTO city (code, name, province_code, province_name) VALUES ('530100', '昆明市', '530000', '云南省')
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
  );
  const [district] = await db.query(
    `INSERT INTO district (code, name, city_id, tier, kind) VALUES ($1, $2, $3, 'A', 'district') RETURNING id`,
    [code, name, city.id],
  );
  return { cityId: city.id, districtId: district.id };
}

export async function insertCommunity(
  db: DataSource,
  districtId: number,
  code: string,
  name = '翠湖花园',
): Promise<number> {
  const [row] = await db.query(
    `INSERT INTO community (code, name, district_id, garage_type, registered_on) VALUES ($1, $2, $3, 'surface', '2022-01-01') RETURNING id`,
    [code, name, districtId],
  );
  return row.id;
}

export const TEST_PASSWORD = 'Test@2026';

/** A user who can sign in with TEST_PASSWORD. */
export async function insertUser(
  db: DataSource,
  username: string,
  role: 'office' | 'leader' | 'district',
  districtId: number | null = null,
): Promise<number> {
  const [row] = await db.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, district_id) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
    [username, await hashPassword(TEST_PASSWORD), role, districtId],
  );
  return row.id;
}

/** A facility with the fields subsidy and platform checks read; the rest left empty. */
export async function insertFacility(
  db: DataSource,
  communityId: number,
  code: string,
  fields: {
    usage?: 'public' | 'self_use';
    acPiles?: number;
    dcPiles?: number;
    totalKw?: string;
    platformId?: string | null;
    acceptedOn?: string | null;
    platformConnectedOn?: string | null;
    serviceFeeYuanPerKwh?: string | null;
    retiredOn?: string | null;
  } = {},
): Promise<number> {
  const [row] = await db.query(
    `INSERT INTO facility (code, community_id, usage, ac_piles, dc_piles, total_kw, platform_id, accepted_on,
                           platform_connected_on, service_fee_yuan_per_kwh, retired_on, retired_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      code,
      communityId,
      fields.usage ?? 'public',
      fields.acPiles ?? 0,
      fields.dcPiles ?? 0,
      fields.totalKw ?? '0',
      fields.platformId ?? null,
      fields.acceptedOn ?? null,
      fields.platformConnectedOn ?? null,
      fields.serviceFeeYuanPerKwh ?? null,
      fields.retiredOn ?? null,
      fields.retiredOn ? '移交' : null,
    ],
  );
  return row.id;
}
