import { formatFen, SubsidyRate } from './subsidy-amount.js';
import { SubsidyInputError } from './subsidy-input.error.js';
import {
  buildDraftRound,
  confirmRound,
  ConfirmedSubsidyRound,
  SubsidyCandidate,
  SubsidyRoundRef,
  SubsidyRoundStatus,
} from './subsidy-round.js';
import { FacilityUsage, SubsidyRule, SubsidyRuleSetOptions } from './subsidy-rules.js';

const CORE: SubsidyRuleSetOptions = { ezhouServiceStandard: false };

// 200 元/kW, 500 元 per AC pile, 2,000 元 per DC pile, at most 30,000 元 per facility.
const rate: SubsidyRate = { fenPerKw: 20_000, fenPerPile: { ac: 50_000, dc: 200_000 }, capFen: 3_000_000 };

const candidate = (
  id: string,
  totalKw: string,
  acPiles: number,
  dcPiles: number,
  changes: { usage?: FacilityUsage; connectedOn?: string } = {},
): SubsidyCandidate => ({
  facility: {
    id,
    usage: changes.usage ?? FacilityUsage.Public,
    acceptedOn: '2024-12-31',
    totalKw,
    acPiles,
    dcPiles,
    serviceFeeYuanPerKwh: '0.45',
  },
  platformRecord: { connectedOn: changes.connectedOn ?? '2025-02-28' },
});

const firstRound: SubsidyRoundRef = {
  name: '2024年第一批',
  status: SubsidyRoundStatus.Confirmed,
  lines: [{ facilityId: 'F-004' }],
};

/*
 * F-001: 120 kW × 200 = 24,000.00 + 4 AC × 500 = 2,000.00 + 2 DC × 2,000 = 4,000.00 → 30,000.00 元 (= cap, not capped)
 * F-002: 7.035 kW × 200 = 1,407.00 + 1 AC × 500 = 500.00 → 1,907.00 元
 * F-003: 180 kW × 200 = 36,000.00 + 4 DC × 2,000 = 8,000.00 → 44,000.00 元, capped → 30,000.00 元
 * F-004: in the confirmed round 2024年第一批 → not paid again
 * F-005: accepted 2024-12-31, connected 2025-03-01 (deadline 2025-02-28) → ineligible
 * F-006: self-use → ineligible
 * Total: 30,000.00 + 1,907.00 + 30,000.00 = 61,907.00 元 = 6,190,700 fen
 */
const candidates: SubsidyCandidate[] = [
  candidate('F-001', '120', 4, 2),
  candidate('F-002', '7.035', 1, 0),
  candidate('F-003', '180', 0, 4),
  candidate('F-004', '60', 2, 0),
  candidate('F-005', '60', 2, 0, { connectedOn: '2025-03-01' }),
  candidate('F-006', '7', 1, 0, { usage: FacilityUsage.SelfUse }),
];

describe('buildDraftRound / confirmRound — worked example', () => {
  const draft = buildDraftRound(candidates, [firstRound], CORE, rate, '2025年第一批');

  it('prices the eligible facilities and totals the lines', () => {
    expect(draft.status).toBe(SubsidyRoundStatus.Draft);
    expect(draft.name).toBe('2025年第一批');
    expect(draft.lines.map((line) => [line.facilityId, line.amountFen, line.breakdown.capped])).toEqual([
      ['F-001', 3_000_000, false],
      ['F-002', 190_700, false],
      ['F-003', 3_000_000, true],
    ]);
    expect(draft.totalFen).toBe(6_190_700);
    expect(formatFen(draft.totalFen)).toBe('61,907.00 元');
  });

  it('lists the ineligible facilities with the rules they failed', () => {
    expect(draft.ineligible.map((f) => [f.facilityId, f.failedRules.map((r) => r.reason)])).toEqual([
      ['F-004', ['已列入已确认批次「2024年第一批」，不得重复补贴']],
      ['F-005', ['验收日期 2024-12-31，接入期限 2025-02-28，接入日期 2025-03-01，超过期限']],
      ['F-006', ['设施性质为自用，仅公用充电设施可获补贴']],
    ]);
  });

  it('confirms into a frozen round, after which nothing in it is paid again', () => {
    const confirmed = confirmRound(draft, [firstRound]);
    expect(confirmed.status).toBe(SubsidyRoundStatus.Confirmed);
    expect(confirmed.totalFen).toBe(6_190_700);
    expect(Object.isFrozen(confirmed)).toBe(true);
    expect(Object.isFrozen(confirmed.lines[0].breakdown)).toBe(true);
    expect(draft.status).toBe(SubsidyRoundStatus.Draft);

    const next = buildDraftRound(candidates, [firstRound, confirmed], CORE, rate, '2025年第二批');
    expect(next.lines).toEqual([]);
    expect(next.totalFen).toBe(0);
    expect(next.ineligible.find((f) => f.facilityId === 'F-002')?.failedRules).toEqual([
      { rule: SubsidyRule.NotYetSubsidised, passed: false, reason: '已列入已确认批次「2025年第一批」，不得重复补贴' },
    ]);
  });

  it('refuses to confirm a draft whose facilities were confirmed meanwhile in another round', () => {
    const rival = buildDraftRound([candidates[1]], [firstRound], CORE, rate, '2025年补充批');
    const confirmedRival = confirmRound(rival, [firstRound]);
    expect(() => confirmRound(draft, [firstRound, confirmedRival])).toThrow(SubsidyInputError);
    expect(() => confirmRound(draft, [firstRound, confirmedRival])).toThrow(
      '以下设施已列入已确认批次，不得重复补贴：F-002（已列入「2025年补充批」）',
    );
  });

  it('refuses to confirm a confirmed round, a duplicated line or a wrong total', () => {
    const confirmed = confirmRound(draft, [firstRound]);
    expect(() => confirmRound(confirmed as never, [])).toThrow('只有草稿批次可以确认');
    expect(() => confirmRound({ ...draft, lines: [...draft.lines, draft.lines[0]] }, [])).toThrow(
      '批次「2025年第一批」中设施 F-001 重复出现',
    );
    expect(() => confirmRound({ ...draft, totalFen: draft.totalFen + 1 }, [])).toThrow('合计金额与明细之和不符');
  });
});

describe('buildDraftRound — edge cases', () => {
  it('rejects the same facility offered twice', () => {
    expect(() => buildDraftRound([candidates[0], candidates[0]], [], CORE, rate)).toThrow(
      '设施 F-001 在本批次候选中重复出现',
    );
  });

  it('ignores draft rounds when looking for earlier payments', () => {
    const otherDraft: SubsidyRoundRef = {
      name: '草稿',
      status: SubsidyRoundStatus.Draft,
      lines: [{ facilityId: 'F-001' }],
    };
    expect(buildDraftRound([candidates[0]], [otherDraft], CORE, rate).lines).toHaveLength(1);
  });

  it('honours a payment recorded outside the confirmed rounds', () => {
    const draft = buildDraftRound([{ ...candidates[0], confirmedRoundName: '2021年（系统外）' }], [], CORE, rate);
    expect(draft.lines).toEqual([]);
    expect(draft.ineligible[0].failedRules[0].reason).toBe('已列入已确认批次「2021年（系统外）」，不得重复补贴');
  });

  it('applies the Ezhou service standard when enabled', () => {
    const withMeasurements = { ...candidates[0], ezhouMeasurements: { nearestPileDistanceM: 800, queueMinutes: 3 } };
    const draft = buildDraftRound([withMeasurements], [], { ezhouServiceStandard: true }, rate);
    expect(draft.ineligible[0].failedRules.map((r) => r.rule)).toEqual([SubsidyRule.EzhouPileDistance]);
  });

  it('never mutates its inputs (confirmed rounds are frozen values)', () => {
    const deepFreeze = <T>(value: T): T => {
      if (value !== null && typeof value === 'object') {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
      }
      return value;
    };
    const frozenCandidates = deepFreeze(structuredClone(candidates));
    const frozenRounds = deepFreeze(structuredClone([firstRound]));
    const frozenRate = deepFreeze(structuredClone(rate));
    const before = structuredClone([frozenCandidates, frozenRounds, frozenRate]);
    const draft = buildDraftRound(frozenCandidates, frozenRounds, CORE, frozenRate);
    const confirmed: ConfirmedSubsidyRound = confirmRound(draft, frozenRounds);
    expect([frozenCandidates, frozenRounds, frozenRate]).toEqual(before);
    expect(confirmed.lines).toHaveLength(3);
  });
});
