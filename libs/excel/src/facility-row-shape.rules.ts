/**
 * What is certainly wrong with a 充电设施 row on its own, without the register or last month's figures
 * (those rules are libs/reporting's). Pure.
 */
import {
  FACILITY_HEADERS,
  FACILITY_STAGE_KEYS,
  FacilityColumnKey,
  FacilityRowValues,
  FacilityStageKey,
} from './report-template.definition.js';

/** A row-only rule's finding: which column it points at and why. */
export interface RowShapeIssue<K extends string> {
  key: K;
  value: string | null;
  message: string;
}

export const FACILITY_SHAPE_MESSAGES = {
  stageBefore: (header: string, earlierHeader: string, earlierDate: string) =>
    `${header}不能早于${earlierHeader}（${earlierDate}）`,
  retiredBefore: (stageHeader: string, stageDate: string) => `退出日期不能早于${stageHeader}（${stageDate}）`,
  retiredWithoutReason: '填写了退出日期，须填写退出原因',
  powerWithoutPiles: '交流桩和直流桩均为 0 时，总功率应为 0',
} as const;

/**
 * Stages that cannot precede another (Jinpu annexes 1–3; SPEC "A facility's life"): the grid accepts an
 * application it received, replies with a supply plan after accepting, installs the meter after completion and
 * the supply plan; acceptance (验收) follows construction. Listed nearest first; one finding per later stage.
 * Survey, agreement and platform connection are left out: their order is not certain in practice.
 */
const STAGE_PREREQUISITES: Partial<Record<FacilityStageKey, readonly FacilityStageKey[]>> = {
  gridAcceptedOn: ['gridAppliedOn'],
  supplyPlanRepliedOn: ['gridAcceptedOn', 'gridAppliedOn'],
  constructionCompletedOn: ['constructionStartedOn'],
  meterInstalledOn: [
    'constructionCompletedOn',
    'constructionStartedOn',
    'supplyPlanRepliedOn',
    'gridAcceptedOn',
    'gridAppliedOn',
  ],
  acceptedOn: ['constructionCompletedOn', 'constructionStartedOn'],
};

/**
 * Findings: a stage dated before one it must follow; retirement dated before a recorded stage; retirement without
 * a reason (Beijing (十三); the facility table's CHECK); power with no piles.
 */
export function validateFacilityRowShape(values: FacilityRowValues): RowShapeIssue<FacilityColumnKey>[] {
  const issues: RowShapeIssue<FacilityColumnKey>[] = [];
  for (const stage of FACILITY_STAGE_KEYS) {
    const date = values[stage];
    if (date === null) continue;
    for (const earlier of STAGE_PREREQUISITES[stage] ?? []) {
      const earlierDate = values[earlier];
      if (earlierDate !== null && date < earlierDate) {
        issues.push({
          key: stage,
          value: date,
          message: FACILITY_SHAPE_MESSAGES.stageBefore(FACILITY_HEADERS[stage], FACILITY_HEADERS[earlier], earlierDate),
        });
        break;
      }
    }
  }
  if (values.retiredOn !== null) {
    let latest: FacilityStageKey | null = null;
    for (const stage of FACILITY_STAGE_KEYS) {
      const date = values[stage];
      if (date !== null && (latest === null || date > values[latest]!)) latest = stage;
    }
    if (latest !== null && values.retiredOn < values[latest]!) {
      issues.push({
        key: 'retiredOn',
        value: values.retiredOn,
        message: FACILITY_SHAPE_MESSAGES.retiredBefore(FACILITY_HEADERS[latest], values[latest]!),
      });
    }
    if (values.retiredReason === null) {
      issues.push({ key: 'retiredReason', value: null, message: FACILITY_SHAPE_MESSAGES.retiredWithoutReason });
    }
  }
  if (values.acPiles === 0 && values.dcPiles === 0 && values.totalKw !== '0') {
    issues.push({ key: 'totalKw', value: values.totalKw, message: FACILITY_SHAPE_MESSAGES.powerWithoutPiles });
  }
  return issues;
}
