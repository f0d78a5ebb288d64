import { TargetKind } from '../entities/target-plan.entity.js';
import { DistrictFigures, PlanRow, TargetRow } from './progress-aggregation.repository.js';

export interface SnapshotRow extends Omit<DistrictFigures, 'districtId'> {
  month: string;
  planId: number;
  districtId: number | null;
  targetCount: number | null;
  targetRatio: string | null;
  achievedCount: number;
  pilotDesignated: number;
  pilotCompleted: number;
}

export interface PlanInputs {
  plan: PlanRow;
  targets: TargetRow[];
  /** Pilot plans: per district, designated and completed. */
  pilots?: Map<number, { designated: number; completed: number }>;
  /** Covered-count plans: per district, communities covered at the cutoff and at the plan's start. */
  coveredAtCutoff?: Map<number, number>;
  coveredAtStart?: Map<number, number>;
}

/**
 * The snapshot rows of one month for one plan: a row per district, then a row per city, whose counts are the sums of
 * its districts' and whose target ratio is the eligible-weighted mean of theirs (exact to 4 decimals, half-up).
 */
export function buildSnapshotRows(month: string, figures: DistrictFigures[], inputs: PlanInputs): SnapshotRow[] {
  const { plan } = inputs;
  const targets = new Map(inputs.targets.map((t) => [t.districtId, t]));
  const rows = figures.map((f): SnapshotRow => {
    const target = targets.get(f.districtId);
    const pilot = inputs.pilots?.get(f.districtId) ?? { designated: 0, completed: 0 };
    const achievedCount =
      plan.kind === TargetKind.PilotCount
        ? pilot.completed
        : plan.kind === TargetKind.CoveredCount
          ? Math.max(
              0,
              (inputs.coveredAtCutoff?.get(f.districtId) ?? 0) - (inputs.coveredAtStart?.get(f.districtId) ?? 0),
            )
          : f.coveredEligible;
    const { districtId, ...rest } = f;
    return {
      ...rest,
      month,
      planId: plan.id,
      districtId,
      targetCount: target?.targetCount ?? null,
      targetRatio: target?.targetRatio ?? null,
      achievedCount,
      pilotDesignated: pilot.designated,
      pilotCompleted: pilot.completed,
    };
  });
  const cities = new Map<number, SnapshotRow[]>();
  for (const row of rows) {
    const members = cities.get(row.cityId);
    if (members) members.push(row);
    else cities.set(row.cityId, [row]);
  }
  return [...rows, ...[...cities].map(([cityId, cityRows]) => cityRow(month, plan.id, cityId, cityRows))];
}

function cityRow(month: string, planId: number, cityId: number, rows: SnapshotRow[]): SnapshotRow {
  const sum = (key: keyof SnapshotRow) => rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);
  const sumDecimal = (key: 'publicKw' | 'selfUseKw') =>
    formatMilli(rows.reduce((total, row) => total + toMilli(row[key]), 0n));
  const counted = rows.filter((r) => r.targetCount !== null);
  const weighted = rows.filter((r) => r.targetRatio !== null);
  const eligible = weighted.reduce((total, r) => total + BigInt(r.eligibleCommunities), 0n);
  // Σ ratio×eligible / Σ eligible, ratio in 1/10000: exact integers, then half-up to 4 decimals.
  const ratio =
    weighted.length === 0
      ? null
      : eligible === 0n
        ? weighted[0].targetRatio
        : formatRatio(
            divideHalfUp(
              weighted.reduce(
                (total, r) => total + toTenThousandths(r.targetRatio!) * BigInt(r.eligibleCommunities),
                0n,
              ),
              eligible,
            ),
          );
  return {
    month,
    planId,
    cityId,
    districtId: null,
    targetCount: counted.length ? counted.reduce((total, r) => total + (r.targetCount ?? 0), 0) : null,
    targetRatio: ratio,
    achievedCount: sum('achievedCount'),
    pilotDesignated: sum('pilotDesignated'),
    pilotCompleted: sum('pilotCompleted'),
    registeredCommunities: sum('registeredCommunities'),
    eligibleCommunities: sum('eligibleCommunities'),
    coveredEligible: sum('coveredEligible'),
    coveredIneligible: sum('coveredIneligible'),
    builtPublicFacilities: sum('builtPublicFacilities'),
    operatingPublicFacilities: sum('operatingPublicFacilities'),
    publicAcPiles: sum('publicAcPiles'),
    publicDcPiles: sum('publicDcPiles'),
    selfUseAcPiles: sum('selfUseAcPiles'),
    selfUseDcPiles: sum('selfUseDcPiles'),
    publicKw: sumDecimal('publicKw'),
    selfUseKw: sumDecimal('selfUseKw'),
  };
}

function toMilli(text: string): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0').slice(0, 3));
}

function formatMilli(milli: bigint): string {
  return `${milli / 1000n}.${String(milli % 1000n).padStart(3, '0')}`;
}

function toTenThousandths(text: string): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 10000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
}

function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

function formatRatio(tenThousandths: bigint): string {
  return `${tenThousandths / 10000n}.${String(tenThousandths % 10000n).padStart(4, '0')}`;
}
