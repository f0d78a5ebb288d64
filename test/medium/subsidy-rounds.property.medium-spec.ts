import fc from 'fast-check';
import { AuditEvent, AuditService } from '@app/auth';
import { AppError, AuthenticatedUser, Role, SystemClock } from '@app/core';
import { computeSubsidyAmount, SubsidyRepository, SubsidyRoundService, SubsidyService } from '@app/subsidy';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { insertCityAndDistrict, insertCommunity, insertFacility, insertUser } from '../support/org-factory';

jest.setTimeout(300_000);

/**
 * Issue 4 §5's properties, over the persisted rounds on real PostgreSQL: whatever sequence of drafts, confirmations
 * (alone or two at once) and discards the office makes, no facility is in two confirmed rounds, no amount is
 * negative, every round's total and count equal its lines, and every line's amount is the rate applied to its
 * facility. Each run works in a district of its own, so runs do not see each other's facilities.
 */
describe('subsidy rounds — properties on the database', () => {
  let db: TestDatabase;
  let rounds: SubsidyRoundService;
  let subsidy: SubsidyService;
  let office: AuthenticatedUser;
  let run = 0;

  beforeAll(async () => {
    db = await createTestDatabase(6);
    const audit = new AuditService(db.dataSource.getRepository(AuditEvent));
    const repository = new SubsidyRepository(db.dataSource);
    subsidy = new SubsidyService(db.dataSource, repository, audit, new SystemClock());
    rounds = new SubsidyRoundService(db.dataSource, repository, subsidy, audit);
    const id = await insertUser(db.dataSource, 'office1', 'office');
    office = { id, username: 'office1', displayName: 'office1', role: Role.Office, districtId: null };
  });
  afterAll(async () => {
    await db?.drop();
  });

  const facilityArb = fc.record({
    kw: fc.integer({ min: 0, max: 400_000 }).map((milli) => (milli / 1000).toFixed(3)),
    ac: fc.integer({ min: 0, max: 20 }),
    dc: fc.integer({ min: 0, max: 8 }),
    flaw: fc.constantFrom('none', 'none', 'none', 'notAccepted', 'notOnPlatform', 'late'),
  });
  const rateArb = fc.record({
    yuanPerKw: fc.integer({ min: 0, max: 500 }).map(String),
    yuanPerAcPile: fc.integer({ min: 0, max: 2000 }).map(String),
    yuanPerDcPile: fc.integer({ min: 1, max: 9000 }).map(String),
    capYuan: fc.option(fc.integer({ min: 1, max: 50_000 }).map(String), { nil: null }),
  });
  const opArb = fc.oneof(
    fc.constant({ kind: 'draft' as const }),
    fc.record({ kind: fc.constant('confirm' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('confirmPair' as const), pick: fc.nat(), other: fc.nat() }),
    fc.record({ kind: fc.constant('discard' as const), pick: fc.nat() }),
  );

  it('never pays a facility twice, never a negative amount, and totals equal their lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(facilityArb, { minLength: 1, maxLength: 6 }),
        rateArb,
        fc.array(opArb, { minLength: 1, maxLength: 8 }),
        async (facilities, rate, ops) => {
          run += 1;
          const { districtId } = await insertCityAndDistrict(db.dataSource, `P${run}`, `属性区${run}`);
          const community = await insertCommunity(db.dataSource, districtId, `C-P${run}`);
          for (const [index, f] of facilities.entries()) {
            const platformId = `P${run}-${index}`;
            await insertFacility(db.dataSource, community, `F-P${run}-${index}`, {
              acceptedOn: f.flaw === 'notAccepted' ? null : '2025-01-31',
              platformId,
              totalKw: f.kw,
              acPiles: f.ac,
              dcPiles: f.dc,
            });
            if (f.flaw !== 'notOnPlatform') {
              // Deadline 2025-03-31; a day later is late.
              await platformRecord(platformId, f.flaw === 'late' ? '2025-04-01' : '2025-03-31');
            }
          }
          await subsidy.updateSettings(office, { ...rate, ezhouServiceStandard: false }).catch((error) => {
            // A rate of 0 everywhere is refused; keep the previous one.
            if (!(error instanceof AppError)) throw error;
          });
          const drafts: number[] = [];
          let made = 0;
          const attempt = async (work: Promise<unknown>) => {
            try {
              await work;
            } catch (error) {
              // Refusals (already paid, already confirmed, no such draft) are answers, not failures.
              if (!(error instanceof AppError)) throw error;
            }
          };
          for (const op of ops) {
            if (op.kind === 'draft') {
              const view = await rounds.createDraft(office, {
                name: `属性${run}-${(made += 1)}`,
                districtIds: [districtId],
              });
              drafts.push(view.id);
            } else if (drafts.length > 0 && op.kind === 'confirm') {
              await attempt(rounds.confirm(office, drafts[op.pick % drafts.length]));
            } else if (drafts.length > 0 && op.kind === 'confirmPair') {
              const [a, b] = [drafts[op.pick % drafts.length], drafts[op.other % drafts.length]];
              await Promise.all([attempt(rounds.confirm(office, a)), attempt(rounds.confirm(office, b))]);
            } else if (drafts.length > 0 && op.kind === 'discard') {
              await attempt(rounds.discard(office, drafts[op.pick % drafts.length]));
            }
          }

          const twice = await db.dataSource.query(
            `SELECT facility_id FROM subsidy_round_line WHERE district_id = $1 AND round_status = 'confirmed'
              GROUP BY facility_id HAVING count(*) > 1`,
            [districtId],
          );
          expect(twice).toEqual([]);
          const totals = await db.dataSource.query(
            `SELECT r.id, r.total_fen::float8 AS total, r.line_count AS count,
                    COALESCE(sum(l.amount_fen), 0)::float8 AS sum, count(l.id)::int AS lines,
                    COALESCE(min(l.amount_fen), 0)::float8 AS least
               FROM subsidy_round r LEFT JOIN subsidy_round_line l ON l.round_id = r.id
              WHERE r.id = ANY($1) GROUP BY r.id`,
            [drafts],
          );
          for (const t of totals) {
            expect(t.total).toBe(t.sum);
            expect(t.count).toBe(t.lines);
            expect(t.least).toBeGreaterThanOrEqual(0);
          }
          // Every line is the round's own rate applied to its facility's register figures.
          const lines = await db.dataSource.query(
            `SELECT l.amount_fen::float8 AS amount, r.rate, f.total_kw::text AS kw, f.ac_piles AS ac, f.dc_piles AS dc
               FROM subsidy_round_line l JOIN subsidy_round r ON r.id = l.round_id JOIN facility f ON f.id = l.facility_id
              WHERE l.district_id = $1`,
            [districtId],
          );
          for (const line of lines) {
            const expected = computeSubsidyAmount(
              { totalKw: line.kw.replace(/0+$/, '').replace(/\.$/, ''), acPiles: line.ac, dcPiles: line.dc },
              line.rate,
            );
            expect(line.amount).toBe(expected.amountFen);
          }
          // Only flawless facilities are ever in a round.
          const flawed = facilities.flatMap((f, index) => (f.flaw === 'none' ? [] : [`F-P${run}-${index}`]));
          const [{ n }] = await db.dataSource.query(
            `SELECT count(*)::int AS n FROM subsidy_round_line l JOIN facility f ON f.id = l.facility_id WHERE f.code = ANY($1)`,
            [flawed],
          );
          expect(n).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('exercised confirmations, not only drafts', async () => {
    const [{ confirmed, lines }] = await db.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
              (SELECT count(*)::int FROM subsidy_round_line WHERE round_status = 'confirmed') AS lines
         FROM subsidy_round`,
    );
    expect(confirmed).toBeGreaterThan(0);
    expect(lines).toBeGreaterThan(0);
  });

  async function platformRecord(platformId: string, connectedOn: string): Promise<void> {
    const [imp] = await db.dataSource.query(
      `INSERT INTO platform_import (source, scope, sha256, record_count, monthly_row_count)
       VALUES ('demo', 'incremental', md5($1) || md5($1), 1, 0) RETURNING id`,
      [platformId],
    );
    await db.dataSource.query(
      `INSERT INTO platform_facility_record (import_id, platform_id, connected_on, ac_piles, dc_piles, total_kw)
       VALUES ($1, $2, $3, 1, 0, 7)`,
      [imp.id, platformId, connectedOn],
    );
  }
});
