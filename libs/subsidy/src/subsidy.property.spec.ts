import fc from 'fast-check';
import { addCalendarMonthsClamped, isIsoDate } from './calendar-months.js';
import { computeSubsidyAmount, parseKilowattsToMilli, SubsidyRate } from './subsidy-amount.js';
import { buildDraftRound, confirmRound, ConfirmedSubsidyRound, SubsidyCandidate } from './subsidy-round.js';
import { FacilityUsage } from './subsidy-rules.js';

/** A kW text with 0–3 decimals and the thousandths it stands for. */
const kwArb = fc
  .record({
    whole: fc.integer({ min: 0, max: 5_000 }),
    decimals: fc.integer({ min: 0, max: 3 }),
    digits: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ whole, decimals, digits }) => {
    const fraction = String(digits).padStart(3, '0').slice(0, decimals);
    return {
      text: decimals === 0 ? String(whole) : `${whole}.${fraction}`,
      milli: whole * 1000 + Number(fraction.padEnd(3, '0')),
    };
  });

const rateArb: fc.Arbitrary<SubsidyRate> = fc.record({
  fenPerKw: fc.integer({ min: 0, max: 1_000_000 }),
  fenPerPile: fc.record({ ac: fc.integer({ min: 0, max: 1_000_000 }), dc: fc.integer({ min: 0, max: 5_000_000 }) }),
  capFen: fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null }),
});

const pilesArb = fc.integer({ min: 0, max: 60 });

/** A pool of facilities: some eligible, some not (self-use, never accepted, not on the platform, late). */
const poolArb: fc.Arbitrary<SubsidyCandidate[]> = fc
  .array(
    fc.record({
      kw: kwArb,
      ac: pilesArb,
      dc: pilesArb,
      flaw: fc.constantFrom('none', 'none', 'none', 'selfUse', 'notAccepted', 'notOnPlatform', 'late'),
    }),
    { maxLength: 12 },
  )
  .map((specs) =>
    specs.map(({ kw, ac, dc, flaw }, i) => ({
      facility: {
        id: `F-${i}`,
        usage: flaw === 'selfUse' ? FacilityUsage.SelfUse : FacilityUsage.Public,
        acceptedOn: flaw === 'notAccepted' ? null : '2024-12-31',
        totalKw: kw.text,
        acPiles: ac,
        dcPiles: dc,
        serviceFeeYuanPerKwh: null,
      },
      platformRecord: flaw === 'notOnPlatform' ? null : { connectedOn: flaw === 'late' ? '2025-03-01' : '2025-02-28' },
    })),
  );

/** Rounds as subsets (by index) of the pool; each subset is offered to one round in turn. */
const roundsArb = poolArb.chain((pool) =>
  fc.tuple(fc.constant(pool), fc.array(fc.subarray(pool.map((_, i) => i)), { minLength: 1, maxLength: 5 }), rateArb),
);

const CORE = { ezhouServiceStandard: false };

describe('subsidy — properties', () => {
  it('never pays a facility twice across rounds', () => {
    fc.assert(
      fc.property(roundsArb, ([pool, offers, rate]) => {
        const confirmed: ConfirmedSubsidyRound[] = [];
        offers.forEach((indexes, n) => {
          const draft = buildDraftRound(
            indexes.map((i) => pool[i]),
            confirmed,
            CORE,
            rate,
            `第${n + 1}批`,
          );
          confirmed.push(confirmRound(draft, confirmed));
        });
        const paid = confirmed.flatMap((round) => round.lines.map((line) => line.facilityId));
        expect(new Set(paid).size).toBe(paid.length);
      }),
    );
  });

  it('lets only one of two overlapping drafts built from the same state be confirmed', () => {
    fc.assert(
      fc.property(roundsArb, ([pool, offers, rate]) => {
        const [a, b = a] = offers.map((indexes) => indexes.map((i) => pool[i]));
        const draftA = buildDraftRound(a, [], CORE, rate, '甲');
        const draftB = buildDraftRound(b, [], CORE, rate, '乙');
        const confirmedA = confirmRound(draftA, []);
        const overlap = draftB.lines.some((line) => draftA.lines.some((other) => other.facilityId === line.facilityId));
        if (overlap) {
          expect(() => confirmRound(draftB, [confirmedA])).toThrow('不得重复补贴');
        } else {
          expect(confirmRound(draftB, [confirmedA]).lines).toHaveLength(draftB.lines.length);
        }
      }),
    );
  });

  it('totals every round as the sum of its lines, each a non-negative whole fen', () => {
    fc.assert(
      fc.property(roundsArb, ([pool, offers, rate]) => {
        const draft = buildDraftRound(
          offers[0].map((i) => pool[i]),
          [],
          CORE,
          rate,
        );
        expect(draft.totalFen).toBe(draft.lines.reduce((sum, line) => sum + line.amountFen, 0));
        expect(draft.lines.length + draft.ineligible.length).toBe(offers[0].length);
        for (const line of draft.lines) {
          expect(Number.isSafeInteger(line.amountFen)).toBe(true);
          expect(line.amountFen).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('never gives a negative amount and always respects the cap', () => {
    fc.assert(
      fc.property(kwArb, pilesArb, pilesArb, rateArb, (kw, acPiles, dcPiles, rate) => {
        const { amountFen, breakdown } = computeSubsidyAmount({ totalKw: kw.text, acPiles, dcPiles }, rate);
        expect(Number.isSafeInteger(amountFen)).toBe(true);
        expect(amountFen).toBeGreaterThanOrEqual(0);
        expect(breakdown.uncappedFen).toBe(breakdown.capacityFen + breakdown.acPileFen + breakdown.dcPileFen);
        if (rate.capFen === null) {
          expect(amountFen).toBe(breakdown.uncappedFen);
        } else {
          expect(amountFen).toBeLessThanOrEqual(rate.capFen);
          expect(amountFen).toBe(Math.min(breakdown.uncappedFen, rate.capFen));
        }
      }),
    );
  });

  it('rounds the kW part half-up to the fen: exact − ½ < rounded ≤ exact + ½', () => {
    fc.assert(
      fc.property(kwArb, fc.integer({ min: 0, max: 10_000_000 }), (kw, fenPerKw) => {
        const { breakdown } = computeSubsidyAmount(
          { totalKw: kw.text, acPiles: 0, dcPiles: 0 },
          { fenPerKw, fenPerPile: { ac: 0, dc: 0 }, capFen: null },
        );
        // In thousandths of a fen, exactly: exact = fenPerKw × kwMilli.
        const gap = breakdown.capacityFen * 1000 - fenPerKw * kw.milli;
        expect(gap).toBeGreaterThan(-500);
        expect(gap).toBeLessThanOrEqual(500);
      }),
    );
  });

  it('parses kW text exactly', () => {
    fc.assert(fc.property(kwArb, (kw) => expect(parseKilowattsToMilli(kw.text)).toBe(kw.milli)));
  });

  it('adds calendar months keeping the day or clamping to the month end', () => {
    const dateArb = fc
      .record({
        year: fc.integer({ min: 1990, max: 2100 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
      })
      .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
      .filter(isIsoDate);
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -36, max: 36 }), (date, months) => {
        const result = addCalendarMonthsClamped(date, months);
        expect(isIsoDate(result)).toBe(true);
        const [y, m, d] = date.split('-').map(Number);
        const [ry, rm, rd] = result.split('-').map(Number);
        expect(ry * 12 + rm - (y * 12 + m)).toBe(months);
        if (rd !== d) {
          expect(rd).toBeLessThan(d);
          const nextDay = `${result.slice(0, 8)}${String(rd + 1).padStart(2, '0')}`;
          expect(isIsoDate(nextDay)).toBe(false); // rd is the last day of its month
        }
      }),
    );
  });
});
