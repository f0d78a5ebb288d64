import { Role } from '@app/core';
import { seedDemo, seedDemoSubsidy } from '@app/demo';
import { PlatformCrossCheckService, PlatformRepository } from '@app/platform';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(180_000);

/** The embedded demo's platform list and its two rounds: written once, showing every kind of finding. */
describe('seedDemoSubsidy (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: '2026-06-30' });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('imports the platform list, confirms a first round for a third of the districts and drafts the rest, once', async () => {
    const first = await seedDemoSubsidy(db.dataSource, { asOf: '2026-06-30' });
    expect(first).toMatchObject({
      seeded: true,
      confirmedRoundName: '2026年第一批',
      roundName: '2026年第二批（演示草稿）',
    });
    expect(first.platformRecords).toBeGreaterThan(100);
    expect(first.confirmedLines).toBeGreaterThan(20);
    expect(first.roundLines).toBeGreaterThan(20);
    const rounds = await db.dataSource.query(
      `SELECT name, status, line_count, total_fen::float8 AS total,
              (SELECT sum(amount_fen)::float8 FROM subsidy_round_line l WHERE l.round_id = r.id) AS sum
         FROM subsidy_round r ORDER BY id`,
    );
    expect(rounds).toEqual([
      {
        name: '2026年第一批',
        status: 'confirmed',
        line_count: first.confirmedLines,
        total: first.confirmedTotalFen,
        sum: first.confirmedTotalFen,
      },
      {
        name: '2026年第二批（演示草稿）',
        status: 'draft',
        line_count: first.roundLines,
        total: first.roundTotalFen,
        sum: first.roundTotalFen,
      },
    ]);
    // The confirmed round holds only the first third of the districts by code, and no facility is in both rounds.
    const [{ districts, overlap }] = await db.dataSource.query(
      `SELECT (SELECT array_agg(DISTINCT d.code ORDER BY d.code) FROM subsidy_round_line l
                 JOIN subsidy_round r ON r.id = l.round_id AND r.status = 'confirmed'
                 JOIN facility f ON f.id = l.facility_id JOIN community c ON c.id = f.community_id
                 JOIN district d ON d.id = c.district_id) AS districts,
              (SELECT count(*)::int FROM (SELECT facility_id FROM subsidy_round_line GROUP BY facility_id
                                           HAVING count(*) > 1) twice) AS overlap`,
    );
    const codes: { code: string }[] = await db.dataSource.query(`SELECT code FROM district ORDER BY code`);
    const firstThird = codes.slice(0, Math.ceil(codes.length / 3)).map((d) => d.code);
    expect(districts.every((code: string) => firstThird.includes(code))).toBe(true);
    expect(districts.length).toBeGreaterThan(1);
    expect(overlap).toBe(0);

    const second = await seedDemoSubsidy(db.dataSource, { asOf: '2026-06-30' });
    expect(second.seeded).toBe(false);
    const [{ imports, count }] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM platform_import) AS imports, (SELECT count(*)::int FROM subsidy_round) AS count`,
    );
    expect({ imports, count }).toEqual({ imports: 1, count: 2 });
  });

  it('gives the cross-check something of every kind to show', async () => {
    const service = new PlatformCrossCheckService(new PlatformRepository(db.dataSource));
    const office = { id: 1, username: 'office', displayName: '市发展改革委', role: Role.Office, districtId: null };
    const { totals, facilities } = await service.check(office);
    expect(totals.reportedNotConnected).toBeGreaterThan(0);
    expect(totals.connectedNotReported).toBe(6);
    expect(totals.mismatched).toBeGreaterThan(0);
    const kinds = new Set(facilities.flatMap((f) => f.issues.map((i) => i.kind)));
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['connection_date_mismatch', 'pile_mismatch', 'reported_not_connected']),
    );
  });
});
