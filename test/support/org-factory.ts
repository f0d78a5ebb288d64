import { DataSource } from 'typeorm';

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
