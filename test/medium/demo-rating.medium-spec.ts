import { generateKunmingDemo, seedDemo } from '@app/demo';
import { draftRatingRound } from '@app/rating';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(180_000);

/** What the embedded demo shows on its first start: complaints, patrol records and a 2025 rating draft. */
describe('the demo’s property-company rating', () => {
  let db: TestDatabase;
  const asOf = '2026-06-30';

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf });
  });
  afterAll(() => db?.drop());

  it('has patrol records from 2025 on, some with issues, none dated after asOf', () => {
    const demo = generateKunmingDemo({ asOf });
    expect(demo.patrols.length).toBeGreaterThan(1000);
    expect(demo.patrols.every((p) => p.patrolledOn >= '2025-01-01' && p.patrolledOn <= asOf)).toBe(true);
    expect(
      demo.patrols.every((p) => p.rectifiedOn === null || (p.rectifiedOn >= p.patrolledOn && p.rectifiedOn <= asOf)),
    ).toBe(true);
    const withIssues = demo.patrols.filter((p) => p.issues !== null);
    expect(withIssues.length).toBeGreaterThan(50);
    expect(withIssues.some((p) => p.rectifiedOn === null)).toBe(true);
    expect(demo.complaints.filter((c) => c.kind === 'obstruction').every((c) => c.facilityUsage !== null)).toBe(true);
  });

  it('computes a 2025 draft that spreads over the grades and takes awards from a company with a confirmed obstruction', async () => {
    const round = await draftRatingRound(db.dataSource, 2025);
    expect(round.status).toBe('draft');
    expect(round.companies).toBeGreaterThan(30);
    const usedGrades = Object.values(round.gradeCounts).filter((n) => n > 0).length;
    expect(usedGrades).toBeGreaterThanOrEqual(3);
    expect(round.disqualified).toBeGreaterThanOrEqual(1);
    const [{ n }] = await db.dataSource.query(
      `SELECT count(DISTINCT property_company_id)::int AS n FROM complaint
        WHERE status = 'confirmed' AND kind = 'obstruction' AND received_on BETWEEN '2025-01-01' AND '2025-12-31'`,
    );
    expect(round.disqualified).toBe(n);
    for (const row of round.rows.filter((r) => r.disqualificationReasons.length > 0))
      expect(row.awardEligible).toBe(false);
    const ranks = round.rows.filter((r) => r.rank !== null).map((r) => r.rank);
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
    const [{ actor }] = await db.dataSource.query(
      `SELECT actor_name AS actor FROM audit_event WHERE action = 'rating.draft' AND entity_id = $1`,
      [String(round.id)],
    );
    expect(actor).toBe('系统');
  });
});
