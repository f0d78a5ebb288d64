import { computeSubsidyAmount, SubsidyAmountBreakdown, SubsidyRate } from './subsidy-amount.js';
import { SubsidyInputError } from './subsidy-input.error.js';
import {
  evaluateSubsidyEligibility,
  SubsidyEvaluationInput,
  SubsidyRuleResult,
  SubsidyRuleSetOptions,
} from './subsidy-rules.js';

export enum SubsidyRoundStatus {
  Draft = 'draft',
  Confirmed = 'confirmed',
}

/**
 * A facility offered to a round. Whether it was already paid is taken from the confirmed rounds passed alongside;
 * `confirmedRoundName` only adds payments recorded outside them (e.g. before this system).
 */
export interface SubsidyCandidate extends Omit<SubsidyEvaluationInput, 'confirmedRoundName'> {
  readonly confirmedRoundName?: string | null;
}

export interface SubsidyRoundLine {
  readonly facilityId: string;
  readonly amountFen: number;
  readonly breakdown: SubsidyAmountBreakdown;
  readonly ruleResults: readonly SubsidyRuleResult[];
}

export interface IneligibleFacility {
  readonly facilityId: string;
  readonly failedRules: readonly SubsidyRuleResult[];
  readonly ruleResults: readonly SubsidyRuleResult[];
}

interface SubsidyRoundContent {
  readonly name: string;
  readonly rate: SubsidyRate;
  readonly ruleSetOptions: SubsidyRuleSetOptions;
  readonly lines: readonly SubsidyRoundLine[];
  readonly ineligible: readonly IneligibleFacility[];
  /** Σ lines' amountFen. */
  readonly totalFen: number;
}

export interface DraftSubsidyRound extends SubsidyRoundContent {
  readonly status: SubsidyRoundStatus.Draft;
}

export interface ConfirmedSubsidyRound extends SubsidyRoundContent {
  readonly status: SubsidyRoundStatus.Confirmed;
}

export type SubsidyRound = DraftSubsidyRound | ConfirmedSubsidyRound;

/** What the double-payment check reads from an earlier round (a stored round maps onto this). */
export interface SubsidyRoundRef {
  readonly name: string;
  readonly status: SubsidyRoundStatus;
  readonly lines: readonly { readonly facilityId: string }[];
}

export const DEFAULT_DRAFT_ROUND_NAME = '补贴批次（草稿）';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
}

/** facility id → name of the confirmed round that paid it. Draft rounds pay nothing and are ignored. */
function paidFacilities(rounds: readonly SubsidyRoundRef[]): Map<string, string> {
  const paid = new Map<string, string>();
  for (const round of rounds) {
    if (round.status !== SubsidyRoundStatus.Confirmed) {
      continue;
    }
    for (const line of round.lines) {
      if (!paid.has(line.facilityId)) {
        paid.set(line.facilityId, round.name);
      }
    }
  }
  return paid;
}

function sumFen(lines: readonly { readonly amountFen: number }[]): number {
  const total = lines.reduce((sum, line) => sum + BigInt(line.amountFen), 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new SubsidyInputError('批次合计金额超出可计算范围');
  }
  return Number(total);
}

function firstDuplicate(ids: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      return id;
    }
    seen.add(id);
  }
  return null;
}

/**
 * Evaluates each candidate and prices the eligible ones. A facility in a confirmed round fails NotYetSubsidised and
 * is never a line. Inputs are not mutated; the result is frozen.
 */
export function buildDraftRound(
  candidates: readonly SubsidyCandidate[],
  confirmedRounds: readonly SubsidyRoundRef[],
  ruleSetOptions: SubsidyRuleSetOptions,
  rate: SubsidyRate,
  name: string = DEFAULT_DRAFT_ROUND_NAME,
): DraftSubsidyRound {
  const duplicate = firstDuplicate(candidates.map((c) => c.facility.id));
  if (duplicate !== null) {
    throw new SubsidyInputError(`设施 ${duplicate} 在本批次候选中重复出现`);
  }
  const paid = paidFacilities(confirmedRounds);
  const lines: SubsidyRoundLine[] = [];
  const ineligible: IneligibleFacility[] = [];

  for (const candidate of candidates) {
    const facilityId = candidate.facility.id;
    const evaluation = evaluateSubsidyEligibility(
      { ...candidate, confirmedRoundName: paid.get(facilityId) ?? candidate.confirmedRoundName ?? null },
      ruleSetOptions,
    );
    if (evaluation.eligible) {
      const { amountFen, breakdown } = computeSubsidyAmount(candidate.facility, rate);
      lines.push({ facilityId, amountFen, breakdown, ruleResults: evaluation.results });
    } else {
      ineligible.push({
        facilityId,
        failedRules: evaluation.results.filter((r) => !r.passed),
        ruleResults: evaluation.results,
      });
    }
  }

  return deepFreeze({
    status: SubsidyRoundStatus.Draft,
    name,
    rate: { fenPerKw: rate.fenPerKw, fenPerPile: { ...rate.fenPerPile }, capFen: rate.capFen },
    ruleSetOptions: { ...ruleSetOptions },
    lines,
    ineligible,
    totalFen: sumFen(lines),
  });
}

/**
 * Freezes a draft into a confirmed round. Throws if any of its facilities is already in a confirmed round (e.g.
 * another draft built from the same state was confirmed first), appears twice, or the total does not match.
 */
export function confirmRound(
  draft: DraftSubsidyRound,
  confirmedRounds: readonly SubsidyRoundRef[],
): ConfirmedSubsidyRound {
  if (draft.status !== SubsidyRoundStatus.Draft) {
    throw new SubsidyInputError(`只有草稿批次可以确认：「${draft.name}」已确认`);
  }
  const duplicate = firstDuplicate(draft.lines.map((line) => line.facilityId));
  if (duplicate !== null) {
    throw new SubsidyInputError(`批次「${draft.name}」中设施 ${duplicate} 重复出现`);
  }
  for (const line of draft.lines) {
    if (!Number.isSafeInteger(line.amountFen) || line.amountFen < 0) {
      throw new SubsidyInputError(`设施 ${line.facilityId} 的补贴金额无效：${String(line.amountFen)}`);
    }
  }
  const paid = paidFacilities(confirmedRounds);
  const clashes = draft.lines
    .filter((line) => paid.has(line.facilityId))
    .map((line) => `${line.facilityId}（已列入「${paid.get(line.facilityId)}」）`);
  if (clashes.length > 0) {
    throw new SubsidyInputError(`以下设施已列入已确认批次，不得重复补贴：${clashes.join('、')}`);
  }
  if (sumFen(draft.lines) !== draft.totalFen) {
    throw new SubsidyInputError(`批次「${draft.name}」合计金额与明细之和不符`);
  }
  return deepFreeze({ ...structuredClone(draft), status: SubsidyRoundStatus.Confirmed });
}
