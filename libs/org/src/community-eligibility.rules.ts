import { GarageType } from './entities/org.enums.js';

/** The facts community_eligibility stores (Kunming §三). */
export interface EligibilityFacts {
  residentDemand: boolean;
  parkingAvailable: boolean;
  capacitySufficient: boolean;
  capacitySolutionAgreed: boolean;
  fireSafetyRequired: boolean;
  fireSafetyComplete: boolean | null;
}

/** Kunming §三(四): what an underground, semi-underground or high-rise garage must have. */
export const FIRE_FACILITIES = ['火灾自动报警系统', '排烟设施', '自动喷水灭火系统', '消防应急照明', '疏散指示标志'];

/** Kunming §三(四): only these garages need the fire facilities. */
export function fireSafetyRequired(garage: GarageType): boolean {
  return (
    garage === GarageType.Underground ||
    garage === GarageType.SemiUnderground ||
    garage === GarageType.HighRise ||
    garage === GarageType.Mixed
  );
}

/**
 * Kunming §三: demand, parking, capacity (or an agreed solution, §三(三)), fire safety where required. The same
 * rule as the CHK_community_eligibility_verdict constraint.
 */
export function isEligible(facts: EligibilityFacts): boolean {
  return (
    facts.residentDemand &&
    facts.parkingAvailable &&
    (facts.capacitySufficient || facts.capacitySolutionAgreed) &&
    (!facts.fireSafetyRequired || facts.fireSafetyComplete === true)
  );
}

/** The recorded reason (SPEC: the reason a community is ineligible must be recorded), from the failing facts. */
export function ineligibleReason(facts: EligibilityFacts, garage: GarageType, missingFire: string[]): string | null {
  if (isEligible(facts)) return null;
  const reasons: string[] = [];
  if (!facts.residentDemand) reasons.push('业主意愿不足');
  if (!facts.parkingAvailable) reasons.push('无可用公共车位');
  if (!facts.capacitySufficient && !facts.capacitySolutionAgreed) reasons.push('剩余电力容量不足');
  if (facts.fireSafetyRequired && facts.fireSafetyComplete !== true) {
    const missing = missingFire.length > 0 ? `（缺${missingFire.join('、')}）` : '';
    reasons.push(`${garageLabel(garage)}消防设施不全${missing}`);
  }
  return reasons.join('；');
}

function garageLabel(garage: GarageType): string {
  switch (garage) {
    case GarageType.SemiUnderground:
      return '半地下车库';
    case GarageType.HighRise:
      return '高层汽车库';
    default:
      return '地下车库';
  }
}
