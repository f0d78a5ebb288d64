import { Role } from '@app/core';
import { seedDemo, seedDemoSubsidy } from '@app/demo';
import { PlatformCrossCheckService, PlatformRepository } from '@app/platform';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(180_000);

/** The embedded demo's platform list and draft round: written once, showing every kind of finding. */
describe('seedDemoSubsidy (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf: '2026-06-30' });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('imports the platform list and drafts a round, once', async () => {
    const first = await seedDemoSubsidy(db.dataSource, { asOf: '2026-06-30' });
    expect(first).toMatchObject({ seeded: true, roundName: '2026年第一批（演示草稿）' });
    expect(first.platformRecords).toBeGreaterThan(100);
    expect(first.roundLines).toBeGreaterThan(50);
    const [round] = await db.dataSource.query(
      `SELECT status, line_count, total_fen::float8 AS total, (SELECT sum(amount_fen)::float8 FROM subsidy_round_line l WHERE l.round_id = r.id) AS sum
         FROM subsidy_round r`,
    );
    expect(round).toEqual({
      status: 'draft',
      line_count: first.roundLines,
      total: first.roundTotalFen,
      sum: first.roundTotalFen,
    });
    const second = await seedDemoSubsidy(db.dataSource, { asOf: '2026-06-30' });
    expect(second.seeded).toBe(false);
    const [{ imports, rounds }] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM platform_import) AS imports, (SELECT count(*)::int FROM subsidy_round) AS rounds`,
    );
    expect({ imports, rounds }).toEqual({ imports: 1, rounds: 1 });
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
