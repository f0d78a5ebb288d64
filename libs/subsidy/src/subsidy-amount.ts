import { SubsidyInputError } from './subsidy-input.error.js';

/** Configured by the office per round; all amounts in integer fen (1 元 = 100 分). */
export interface SubsidyRate {
  /** Fen per kW of installed capacity; 0 when the subsidy is per pile only. */
  readonly fenPerKw: number;
  readonly fenPerPile: { readonly ac: number; readonly dc: number };
  /** Upper limit per facility, or null for none. */
  readonly capFen: number | null;
}

export interface SubsidyAmountInput {
  /** Installed capacity in kW as a decimal string with at most 3 decimals, e.g. '7.035'. */
  readonly totalKw: string;
  readonly acPiles: number;
  readonly dcPiles: number;
}

export interface SubsidyAmountBreakdown {
  /** Capacity in thousandths of a kW (exact): '7.035' → 7035. */
  readonly kwMilli: number;
  readonly fenPerKw: number;
  /** fenPerKw × kW, rounded half-up to the fen. */
  readonly capacityFen: number;
  readonly acPiles: number;
  readonly fenPerAcPile: number;
  readonly acPileFen: number;
  readonly dcPiles: number;
  readonly fenPerDcPile: number;
  readonly dcPileFen: number;
  readonly uncappedFen: number;
  readonly capFen: number | null;
  readonly capped: boolean;
  readonly amountFen: number;
  /** The computation in Chinese, one line per component, for the subsidy list. */
  readonly explanationZh: readonly string[];
}

export interface SubsidyAmount {
  readonly amountFen: number;
  readonly breakdown: SubsidyAmountBreakdown;
}

/**
 * Capacity part = fen per kW × kW (kW exact to 0.001), rounded half-up to the fen: 150 × 7.035 = 1055.25 → 1055;
 * 150 × 7.037 = 1055.55 → 1056; exactly .5 goes up. Pile parts are whole fen. The sum is then capped.
 */
export const ROUNDING_RULE_ZH =
  '按容量补贴 = 单价（分/千瓦）× 装机容量（千瓦，精确到 0.001），结果四舍五入到分（0.5 分进为 1 分）；按桩补贴为整数分，无需舍入；两项相加后超过单个设施补贴上限的，按上限计。';

const KW_FORMAT = /^\d+(\.\d+)?$/;

/** '120' → 120000, '7.035' → 7035. Rejects negatives, more than 3 decimals and anything not a plain decimal. */
export function parseKilowattsToMilli(totalKw: string): number {
  if (totalKw.startsWith('-')) {
    throw new SubsidyInputError(`装机容量不能为负数：${totalKw}`);
  }
  if (!KW_FORMAT.test(totalKw)) {
    throw new SubsidyInputError(`装机容量格式无效：${totalKw}（应为数字，单位千瓦，最多 3 位小数）`);
  }
  const [whole, fraction = ''] = totalKw.split('.');
  if (fraction.length > 3) {
    throw new SubsidyInputError(`装机容量最多保留 3 位小数：${totalKw}`);
  }
  const milli = BigInt(whole) * 1000n + BigInt(fraction.padEnd(3, '0'));
  if (milli > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new SubsidyInputError(`装机容量数值过大：${totalKw}`);
  }
  return Number(milli);
}

function isFen(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Every problem with the rate at once, in Chinese; empty when valid. */
export function validateSubsidyRate(rate: SubsidyRate): string[] {
  const errors: string[] = [];
  const check = (value: number, label: string) => {
    if (!isFen(value)) {
      errors.push(`${label}须为非负整数（单位：分），当前为 ${String(value)}`);
    }
  };
  check(rate.fenPerKw, '按容量补贴单价');
  check(rate.fenPerPile.ac, '交流桩补贴单价');
  check(rate.fenPerPile.dc, '直流桩补贴单价');
  if (rate.capFen !== null) {
    check(rate.capFen, '单个设施补贴上限');
  }
  return errors;
}

function assertSafeFen(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new SubsidyInputError('补贴金额超出可计算范围');
  }
  return Number(value);
}

/** 1234567 → '12,345.67' (no unit). */
function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) {
    throw new SubsidyInputError(`金额须为整数分，当前为 ${String(fen)}`);
  }
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 1234567 → '12,345.67 元'. */
export function formatFen(fen: number): string {
  return `${formatYuan(fen)} 元`;
}

function formatKw(kwMilli: number): string {
  const fraction = String(kwMilli % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${Math.floor(kwMilli / 1000)}${fraction ? `.${fraction}` : ''}`;
}

/** Amount for one facility: fenPerKw × kW (half-up to the fen) + piles × fen per pile, capped at capFen. */
export function computeSubsidyAmount(facility: SubsidyAmountInput, rate: SubsidyRate): SubsidyAmount {
  const rateErrors = validateSubsidyRate(rate);
  if (rateErrors.length > 0) {
    throw new SubsidyInputError(`补贴标准无效：${rateErrors.join('；')}`);
  }
  for (const [count, label] of [
    [facility.acPiles, '交流桩数量'],
    [facility.dcPiles, '直流桩数量'],
  ] as const) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new SubsidyInputError(`${label}须为非负整数，当前为 ${String(count)}`);
    }
  }
  const kwMilli = parseKilowattsToMilli(facility.totalKw);

  const capacityFen = assertSafeFen((BigInt(rate.fenPerKw) * BigInt(kwMilli) + 500n) / 1000n);
  const acPileFen = assertSafeFen(BigInt(rate.fenPerPile.ac) * BigInt(facility.acPiles));
  const dcPileFen = assertSafeFen(BigInt(rate.fenPerPile.dc) * BigInt(facility.dcPiles));
  const uncappedFen = assertSafeFen(BigInt(capacityFen) + BigInt(acPileFen) + BigInt(dcPileFen));
  const capped = rate.capFen !== null && uncappedFen > rate.capFen;
  const amountFen = capped && rate.capFen !== null ? rate.capFen : uncappedFen;

  const explanationZh: string[] = [];
  if (rate.fenPerKw > 0) {
    explanationZh.push(
      `按容量：${formatKw(kwMilli)} 千瓦 × ${formatYuan(rate.fenPerKw)} 元/千瓦 = ${formatFen(capacityFen)}（四舍五入到分）`,
    );
  }
  if (rate.fenPerPile.ac > 0) {
    explanationZh.push(
      `交流桩：${facility.acPiles} 台 × ${formatYuan(rate.fenPerPile.ac)} 元/台 = ${formatFen(acPileFen)}`,
    );
  }
  if (rate.fenPerPile.dc > 0) {
    explanationZh.push(
      `直流桩：${facility.dcPiles} 台 × ${formatYuan(rate.fenPerPile.dc)} 元/台 = ${formatFen(dcPileFen)}`,
    );
  }
  if (capped) {
    explanationZh.push(`合计 ${formatFen(uncappedFen)} 超过上限 ${formatFen(amountFen)}，按上限补贴`);
  }
  explanationZh.push(`补贴金额：${formatFen(amountFen)}`);

  return {
    amountFen,
    breakdown: {
      kwMilli,
      fenPerKw: rate.fenPerKw,
      capacityFen,
      acPiles: facility.acPiles,
      fenPerAcPile: rate.fenPerPile.ac,
      acPileFen,
      dcPiles: facility.dcPiles,
      fenPerDcPile: rate.fenPerPile.dc,
      dcPileFen,
      uncappedFen,
      capFen: rate.capFen,
      capped,
      amountFen,
      explanationZh,
    },
  };
}
