import { DEFAULT_RANKING_WEIGHTS, RankingMetric, RankingWeights, validateRankingWeights } from './ranking-weights.js';

/** app_setting key of the office's ranking configuration. */
export const RANKING_SETTINGS_KEY = 'ranking.settings';

export interface RankingSettings {
  weights: RankingWeights;
  /** Months of reporting history behind timeliness and data quality (the ranked month included). */
  spanMonths: number;
}

export const DEFAULT_RANKING_SETTINGS: RankingSettings = { weights: DEFAULT_RANKING_WEIGHTS, spanMonths: 12 };

/** Validates stored or submitted settings; returns every problem in Chinese. */
export function parseRankingSettings(
  value: unknown,
): { ok: true; settings: RankingSettings } | { ok: false; errors: string[] } {
  const input = (value ?? {}) as { weights?: Record<string, unknown>; spanMonths?: unknown };
  const weights = Object.fromEntries(
    Object.values(RankingMetric).map((metric) => [metric, Number(input.weights?.[metric] ?? NaN)]),
  ) as RankingWeights;
  const errors = validateRankingWeights(weights);
  const span = Number(input.spanMonths);
  if (!Number.isInteger(span) || span < 1 || span > 36) errors.push('统计及时率和数据质量的月数须为 1 至 36 的整数');
  return errors.length ? { ok: false, errors } : { ok: true, settings: { weights, spanMonths: span } };
}
