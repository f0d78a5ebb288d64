import { ANOMALY_METRIC_LABELS, AnomalyKind, DISTRICT_METRICS, DistrictMetric } from './anomaly.enums.js';

/** app_setting key of the office's anomaly thresholds. */
export const ANOMALY_SETTINGS_KEY = 'anomaly.settings';

export interface AnomalySettings {
  jump: {
    /** Monthly increases of the district looked back on (the months before the reported one). */
    historyMonths: number;
    /** Fewer increases than this: the month is not assessed (too little history to call anything unusual). */
    minHistoryMonths: number;
    /** Modified z-score above which an increase is flagged. */
    threshold: number;
    /** Floor of the MAD per figure, so a district that added exactly the same every month is not flagged for +1. */
    minMad: Record<DistrictMetric, number>;
  };
  peer: {
    /** Fewer other districts with the ratio than this: not assessed. */
    minPeers: number;
    /** |modified z-score| above which a ratio is flagged. */
    threshold: number;
    /** Floor of the MAD as a share of the peers' median (peers that all agree would otherwise flag any difference). */
    minRelativeMad: number;
  };
}

/**
 * Defaults until the office sets its own. The threshold 3.5 on the modified z-score is Iglewicz and Hoaglin's
 * recommendation for "potential outlier"; the floors are one facility's worth (2 piles, 20 kW, 1 facility,
 * 1 community) and a quarter of the peers' median.
 */
export const DEFAULT_ANOMALY_SETTINGS: AnomalySettings = Object.freeze({
  jump: {
    historyMonths: 12,
    minHistoryMonths: 6,
    threshold: 3.5,
    minMad: { publicPiles: 2, publicKw: 20, builtPublicFacilities: 1, coveredEligible: 1 },
  },
  peer: { minPeers: 5, threshold: 3.5, minRelativeMad: 0.25 },
});

/** The rule of each kind in the words shown beside its flags (SPEC: thresholds are shown where they shape a figure). */
export function anomalyRuleTexts(settings: AnomalySettings): Record<AnomalyKind, string> {
  const { jump, peer } = settings;
  return {
    [AnomalyKind.CumulativeDrop]:
      '累计数下降：本次报表中设施或区县的累计数（桩数、功率、已建成公用设施、已覆盖社区）低于上次审核通过的数据，即使已填写备注也会标出，备注一并显示。',
    [AnomalyKind.MonthJump]: `月增量异常：本月增量与本区县最近 ${jump.historyMonths} 个月的月增量相比，修正 Z 值 = 0.6745 ×（本月增量 − 中位数）÷ MAD 超过 ${jump.threshold}（MAD 不低于：桩 ${jump.minMad.publicPiles} 个、功率 ${jump.minMad.publicKw} kW、设施 ${jump.minMad.builtPublicFacilities} 个、社区 ${jump.minMad.coveredEligible} 个）；历史不足 ${jump.minHistoryMonths} 个月的不判断。`,
    [AnomalyKind.PeerOutlier]: `与同城区县差异过大：公用桩平均功率、每个已覆盖社区的公用桩数，与同城其他区县相比修正 Z 值的绝对值超过 ${peer.threshold}（MAD 不低于中位数的 ${formatShare(peer.minRelativeMad)}）；可比区县少于 ${peer.minPeers} 个的不判断。`,
  };
}

export function anomalyRulesText(settings: AnomalySettings): string {
  return Object.values(anomalyRuleTexts(settings)).join('\n');
}

/** Validates stored or submitted settings; every problem at once, in Chinese. */
export function parseAnomalySettings(
  value: unknown,
): { ok: true; settings: AnomalySettings } | { ok: false; errors: string[] } {
  const input = (value ?? {}) as { jump?: Record<string, unknown>; peer?: Record<string, unknown> };
  const errors: string[] = [];
  const integer = (raw: unknown, label: string, min: number, max: number): number => {
    const n = Number(raw);
    if (raw === null || raw === undefined || raw === '' || !Number.isInteger(n) || n < min || n > max) {
      errors.push(`${label}须为 ${min} 至 ${max} 的整数`);
    }
    return n;
  };
  const decimal = (raw: unknown, label: string, min: number, max: number, minExclusive = false): number => {
    const n = Number(raw);
    const below = minExclusive ? n <= min : n < min;
    if (raw === null || raw === undefined || raw === '' || !Number.isFinite(n) || below || n > max) {
      errors.push(`${label}须为${minExclusive ? '大于' : '不小于'} ${min}、不大于 ${max} 的数`);
    }
    return n;
  };
  const jump = input.jump ?? {};
  const peer = input.peer ?? {};
  const historyMonths = integer(jump.historyMonths, '月增量异常的统计月数', 3, 36);
  const minHistoryMonths = integer(jump.minHistoryMonths, '月增量异常的最少历史月数', 2, 36);
  if (Number.isInteger(historyMonths) && Number.isInteger(minHistoryMonths) && minHistoryMonths > historyMonths) {
    errors.push('月增量异常的最少历史月数不能大于统计月数');
  }
  const minMadInput = (jump.minMad ?? {}) as Record<string, unknown>;
  const minMad = Object.fromEntries(
    DISTRICT_METRICS.map((metric) => [
      metric,
      decimal(minMadInput[metric], `「${ANOMALY_METRIC_LABELS[metric]}」的 MAD 下限`, 0, 1_000_000),
    ]),
  ) as Record<DistrictMetric, number>;
  const settings: AnomalySettings = {
    jump: {
      historyMonths,
      minHistoryMonths,
      threshold: decimal(jump.threshold, '月增量异常的修正 Z 值阈值', 0, 100, true),
      minMad,
    },
    peer: {
      minPeers: integer(peer.minPeers, '同城比较的最少可比区县数', 2, 1000),
      threshold: decimal(peer.threshold, '同城比较的修正 Z 值阈值', 0, 100, true),
      minRelativeMad: decimal(peer.minRelativeMad, '同城比较的 MAD 下限（占中位数的比例）', 0, 10),
    },
  };
  return errors.length ? { ok: false, errors } : { ok: true, settings };
}

function formatShare(share: number): string {
  return `${Math.round(share * 10000) / 100}%`;
}
