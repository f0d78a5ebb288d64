import { QueryFailedError } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { insertCityAndDistrict, insertCommunity } from '../support/org-factory';

/** The database refuses what the code must never write, whatever code path tries. */
async function pgError(work: Promise<unknown>): Promise<{ code: string; constraint?: string; message: string }> {
  try {
    await work;
  } catch (error) {
    expect(error).toBeInstanceOf(QueryFailedError);
    const driverError = (error as QueryFailedError & { driverError: { code: string; constraint?: string } })
      .driverError;
    return { code: driverError.code, constraint: driverError.constraint, message: (error as Error).message };
  }
  throw new Error('expected the database to reject the statement');
}

describe('database constraints', () => {
  let db: TestDatabase;
  let districtId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ districtId } = await insertCityAndDistrict(db.dataSource));
  });
  afterAll(() => db.drop());

  it('rejects a duplicate community code', async () => {
    await insertCommunity(db.dataSource, districtId, 'C530102-0001');
    const error = await pgError(insertCommunity(db.dataSource, districtId, 'C530102-0001', '另一个小区'));
    expect(error).toMatchObject({ code: '23505', constraint: 'UQ_community_code' }); // unique_violation
    const [{ count }] = await db.dataSource.query(
      `SELECT count(*)::int AS count FROM community WHERE code = 'C530102-0001'`,
    );
    expect(count).toBe(1);
  });

  it('rejects a facility of an unknown community', async () => {
    const error = await pgError(
      db.dataSource.query(
        `INSERT INTO facility (code, community_id, usage) VALUES ('F530102-000001', 999999, 'public')`,
      ),
    );
    expect(error.code).toBe('23503'); // foreign_key_violation
    expect(error.message).toContain('"facility"');
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM facility`);
    expect(count).toBe(0);
  });

  it('rejects a district user without a district, and an office user with one', async () => {
    const insertUser = (username: string, role: string, district: number | null) =>
      db.dataSource.query(
        `INSERT INTO app_user (username, display_name, password_hash, role, district_id) VALUES ($1, $1, 'x', $2, $3)`,
        [username, role, district],
      );
    const missing = await pgError(insertUser('wuhua-clerk', 'district', null));
    expect(missing).toMatchObject({ code: '23514', constraint: 'CHK_app_user_district_scope' });
    const extra = await pgError(insertUser('office-clerk', 'office', districtId));
    expect(extra).toMatchObject({ code: '23514', constraint: 'CHK_app_user_district_scope' });
    await expect(insertUser('wuhua', 'district', districtId)).resolves.toBeDefined();
    const unknownRole = await pgError(insertUser('someone', 'admin', null));
    expect(unknownRole).toMatchObject({ code: '23514', constraint: 'CHK_app_user_role' });
  });

  it('keeps the eligibility verdict consistent with its facts and requires a reason when ineligible', async () => {
    const communityId = await insertCommunity(db.dataSource, districtId, 'C530102-0002', '金星小区');
    const insert = (date: string, eligible: boolean, capacity: boolean, reason: string | null) =>
      db.dataSource.query(
        `INSERT INTO community_eligibility (community_id, effective_from, resident_demand, parking_available, capacity_sufficient,
           fire_safety_required, eligible, ineligible_reason, source)
         VALUES ($1, $2, true, true, $3, false, $4, $5, 'manual')`,
        [communityId, date, capacity, eligible, reason],
      );
    // Capacity insufficient and no agreed solution: it cannot be eligible.
    expect(await pgError(insert('2022-01-01', true, false, null))).toMatchObject({
      constraint: 'CHK_community_eligibility_verdict',
    });
    // Ineligible needs its reason.
    expect(await pgError(insert('2022-01-01', false, false, '  '))).toMatchObject({
      constraint: 'CHK_community_eligibility_reason',
    });
    await insert('2022-01-01', false, false, '剩余电力容量不足');
    await insert('2023-06-01', true, true, null);
    // One row per community and date: history is appended, not overwritten.
    expect(await pgError(insert('2023-06-01', true, true, null))).toMatchObject({ code: '23505' });
  });

  it('limits nearby coverage to the 1 km service radius', async () => {
    const communityId = await insertCommunity(db.dataSource, districtId, 'C530102-0003');
    const [facility] = await db.dataSource.query(
      `INSERT INTO facility (code, community_id, usage, accepted_on) VALUES ('F530102-000002', $1, 'public', '2023-01-05') RETURNING id`,
      [communityId],
    );
    const other = await insertCommunity(db.dataSource, districtId, 'C530102-0004');
    const error = await pgError(
      db.dataSource.query(
        `INSERT INTO nearby_coverage (community_id, facility_id, distance_m, valid_from) VALUES ($1, $2, 1001, '2023-02-01')`,
        [other, facility.id],
      ),
    );
    expect(error).toMatchObject({ code: '23514', constraint: 'CHK_nearby_coverage_distance' });
  });

  it('refuses a 统一社会信用代码 whose check character is wrong', async () => {
    const insert = (name: string, code: string) =>
      db.dataSource.query(
        `INSERT INTO operator_enterprise (name, credit_code, listed_on) VALUES ($1, $2, '2022-07-18')`,
        [name, code],
      );
    // 91350100M000100Y43 is the standard's worked example; changing its last character breaks the check.
    await insert('示例充电运营有限公司', '91350100M000100Y43');
    expect(await pgError(insert('错误校验位公司', '91350100M000100Y44'))).toMatchObject({
      code: '23514',
      constraint: 'CHK_operator_enterprise_credit_code',
    });
    // I, O, S, V and Z are not in the alphabet.
    expect(await pgError(insert('非法字符公司', '91350100M000100YO3'))).toMatchObject({
      constraint: 'CHK_operator_enterprise_credit_code',
    });
    expect(
      await pgError(
        db.dataSource.query(`INSERT INTO property_company (name, credit_code) VALUES ('某物业', '91350100M000100Y4')`),
      ),
    ).toMatchObject({ code: expect.stringMatching(/^(23514|22001)$/) });
  });

  it('never lets an upload, a version or its rows be deleted or rewritten', async () => {
    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    const [user] = await q(
      `INSERT INTO app_user (username, display_name, password_hash, role, district_id) VALUES ('wh2', '五华', 'x', 'district', $1) RETURNING id`,
      [districtId],
    );
    const [period] = await q(
      `INSERT INTO reporting_period (month, opens_at, deadline_at) VALUES ('2026-11', '2026-10-31T16:00:00Z', '2026-11-25T15:59:59Z') RETURNING id`,
    );
    const [report] = await q(`INSERT INTO district_report (period_id, district_id) VALUES ($1, $2) RETURNING id`, [
      period.id,
      districtId,
    ]);
    const [upload] = await q(
      `INSERT INTO report_upload (report_id, uploaded_by, file_name, size_bytes, sha256, content, status) VALUES ($1, $2, 'a.xlsx', 3, $3, '\\x010203', 'accepted') RETURNING id`,
      [report.id, user.id, 'a'.repeat(64)],
    );
    const [version] = await q(
      `INSERT INTO report_version (report_id, version_no, upload_id, template_version, submitted_at, submitted_by, on_time) VALUES ($1, 1, $2, '2026.1', now(), $3, true) RETURNING id`,
      [report.id, upload.id, user.id],
    );
    const communityId = await insertCommunity(db.dataSource, districtId, 'C530102-0009');
    await q(
      `INSERT INTO report_community_row (version_id, row_no, community_id, resident_demand, parking_available, capacity_sufficient, capacity_solution_agreed, eligible) VALUES ($1, 2, $2, true, true, true, false, true)`,
      [version.id, communityId],
    );
    const refused = async (sql: string, params: unknown[]) =>
      expect((await pgError(q(sql, params))).message).toContain('报送历史不可修改或删除');
    await refused(`DELETE FROM report_upload WHERE id = $1`, [upload.id]);
    await refused(`UPDATE report_upload SET content = '\\x00', size_bytes = 1 WHERE id = $1`, [upload.id]);
    await refused(`DELETE FROM report_version WHERE id = $1`, [version.id]);
    await refused(`UPDATE report_version SET version_no = 2 WHERE id = $1`, [version.id]);
    await refused(`UPDATE report_community_row SET eligible = false WHERE version_id = $1`, [version.id]);
    await refused(`DELETE FROM report_community_row WHERE version_id = $1`, [version.id]);
    // Review and processing fields remain writable.
    await q(`UPDATE report_version SET state = 'accepted', reviewed_by = $2, reviewed_at = now() WHERE id = $1`, [
      version.id,
      user.id,
    ]);
    await q(`UPDATE report_upload SET processed_at = now() WHERE id = $1`, [upload.id]);
  });

  it('keeps the audit trail append-only', async () => {
    await db.dataSource.query(
      `INSERT INTO audit_event (action, entity_type, entity_id) VALUES ('report.accept', 'district_report', '1')`,
    );
    expect((await pgError(db.dataSource.query(`UPDATE audit_event SET action = 'report.return'`))).message).toContain(
      '审计记录不可修改或删除',
    );
    expect((await pgError(db.dataSource.query(`DELETE FROM audit_event`))).message).toContain('审计记录不可修改或删除');
    expect((await pgError(db.dataSource.query(`TRUNCATE audit_event`))).message).toContain('审计记录不可修改或删除');
    const [{ count }] = await db.dataSource.query(`SELECT count(*)::int AS count FROM audit_event`);
    expect(count).toBe(1);
  });
});
