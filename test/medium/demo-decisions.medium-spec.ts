import { seedDemo, seedDemoDecisions } from '@app/demo';
import { backfillSnapshots } from '@app/progress';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(240_000);

/**
 * What leadership sees on the demo's first start: the office has already published the rankings of the last two
 * full months (so the latest shows rank changes) and confirmed last year's property-company rating.
 */
describe('the demo’s decisions already taken', () => {
  let db: TestDatabase;
  const asOf = '2026-06-15';

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemo(db.dataSource, { asOf });
    await backfillSnapshots(db.dataSource, '2026-03', '2026-06');
  });
  afterAll(() => db?.drop());

  it('publishes April and May for the plan ending last, confirms 2025, and leaves June open', async () => {
    const report = await seedDemoDecisions(db.dataSource, { asOf, ratingYear: 2025 });
    expect(report).toEqual({ seeded: true, publishedMonths: ['2026-04', '2026-05'], confirmedRatingYear: 2025 });

    const [plan] = await db.dataSource.query(`SELECT id FROM target_plan ORDER BY end_month DESC, id LIMIT 1`);
    const rankings = await db.dataSource.query(
      `SELECT month, plan_id AS "planId", status, published_by IS NOT NULL AS "byOffice" FROM ranking ORDER BY month`,
    );
    expect(rankings).toEqual([
      { month: '2026-04', planId: plan.id, status: 'published', byOffice: true },
      { month: '2026-05', planId: plan.id, status: 'published', byOffice: true },
    ]);
    // May's rows carry April's ranks: every district has a previous rank and a change that agrees with it.
    const may = await db.dataSource.query(
      `SELECT r.rank, r.previous_rank AS "previousRank", r.rank_change AS "rankChange"
         FROM ranking_row r JOIN ranking k ON k.id = r.ranking_id WHERE k.month = '2026-05'`,
    );
    const [{ districts }] = await db.dataSource.query(`SELECT count(*)::int AS districts FROM district`);
    expect(may).toHaveLength(districts);
    expect(may.every((r: { previousRank: number | null }) => r.previousRank !== null)).toBe(true);
    expect(
      may.every(
        (r: { rank: number; previousRank: number; rankChange: number }) => r.rankChange === r.previousRank - r.rank,
      ),
    ).toBe(true);
    // Publishing froze those months' snapshots and no other.
    const frozen = await db.dataSource.query(
      `SELECT month, bool_and(frozen) AS "all", bool_or(frozen) AS "any" FROM progress_snapshot GROUP BY month ORDER BY month`,
    );
    expect(frozen).toEqual([
      { month: '2026-03', all: false, any: false },
      { month: '2026-04', all: true, any: true },
      { month: '2026-05', all: true, any: true },
      { month: '2026-06', all: false, any: false },
    ]);

    const rounds = await db.dataSource.query(`SELECT year, status FROM rating_round ORDER BY year`);
    expect(rounds).toEqual([{ year: 2025, status: 'confirmed' }]);
    const audit = await db.dataSource.query(
      `SELECT action, count(*)::int AS n FROM audit_event
        WHERE action IN ('ranking.draft', 'ranking.publish', 'rating.draft', 'rating.confirm') GROUP BY action ORDER BY action`,
    );
    expect(audit).toEqual([
      { action: 'ranking.draft', n: 2 },
      { action: 'ranking.publish', n: 2 },
      { action: 'rating.confirm', n: 1 },
      { action: 'rating.draft', n: 1 },
    ]);
  });

  it('does nothing the second time', async () => {
    const before = await db.dataSource.query(`SELECT count(*)::int AS n FROM ranking`);
    const report = await seedDemoDecisions(db.dataSource, { asOf, ratingYear: 2025 });
    expect(report).toEqual({ seeded: false, publishedMonths: [], confirmedRatingYear: null });
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM ranking`)).toEqual(before);
  });
});
