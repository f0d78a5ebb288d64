import { SubsidyRate, validateSubsidyRate } from './subsidy-amount.js';

/** app_setting key of the office's subsidy configuration. */
export const SUBSIDY_SETTINGS_KEY = 'subsidy.settings';

/** What the office sets (issue 4 §5): the rate in integer fen and whether Ezhou's "三个5" applies. */
export interface SubsidySettings {
  rate: SubsidyRate;
  ezhouServiceStandard: boolean;
}

/** As the office types it: 元 as decimal strings with at most 2 decimals; a blank cap means none. */
export interface SubsidySettingsInput {
  yuanPerKw?: unknown;
  yuanPerAcPile?: unknown;
  yuanPerDcPile?: unknown;
  capYuan?: unknown;
  ezhouServiceStandard?: unknown;
}

export interface SubsidySettingsView {
  yuanPerKw: string;
  yuanPerAcPile: string;
  yuanPerDcPile: string;
  capYuan: string | null;
  ezhouServiceStandard: boolean;
  rate: SubsidyRate;
}

const YUAN = /^\d{1,10}(\.\d{1,2})?$/;

/** '200' → 20000, '0.5' → 50, '12.34' → 1234; null when not a non-negative amount with at most 2 decimals. */
export function yuanToFen(text: string): number | null {
  if (!YUAN.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Integer fen as yuan with two decimals, by integer arithmetic (no float on the way): 20000 → '200.00'. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`amount is not whole fen: ${fen}`);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Every problem at once, in Chinese; the settings when valid. */
export function parseSubsidySettings(
  input: SubsidySettingsInput,
): { ok: true; settings: SubsidySettings } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const amount = (value: unknown, label: string, optional = false): number | null => {
    if (optional && (value === null || value === undefined || value === '')) return null;
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    const fen = yuanToFen(text);
    if (fen === null) errors.push(`${label}须为不小于 0 的金额（元），最多 2 位小数，当前为「${String(value ?? '')}」`);
    return fen;
  };
  const fenPerKw = amount(input.yuanPerKw ?? '0', '按容量补贴单价（元/千瓦）');
  const ac = amount(input.yuanPerAcPile ?? '0', '交流桩补贴单价（元/台）');
  const dc = amount(input.yuanPerDcPile ?? '0', '直流桩补贴单价（元/台）');
  const capFen = amount(input.capYuan, '单个设施补贴上限（元）', true);
  if (typeof input.ezhouServiceStandard !== 'boolean') errors.push('是否启用鄂州「三个5」服务标准须为 true 或 false');
  if (errors.length > 0) return { ok: false, errors };
  if (fenPerKw === 0 && ac === 0 && dc === 0) errors.push('补贴标准至少设置一项：按容量（元/千瓦）或按桩（元/台）');
  if (capFen === 0) errors.push('单个设施补贴上限须大于 0；不设上限请留空');
  const rate: SubsidyRate = { fenPerKw: fenPerKw!, fenPerPile: { ac: ac!, dc: dc! }, capFen };
  errors.push(...validateSubsidyRate(rate));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, settings: { rate, ezhouServiceStandard: input.ezhouServiceStandard as boolean } };
}

export function subsidySettingsView(settings: SubsidySettings): SubsidySettingsView {
  const { rate } = settings;
  return {
    yuanPerKw: fenToYuan(rate.fenPerKw),
    yuanPerAcPile: fenToYuan(rate.fenPerPile.ac),
    yuanPerDcPile: fenToYuan(rate.fenPerPile.dc),
    capYuan: rate.capFen === null ? null : fenToYuan(rate.capFen),
    ezhouServiceStandard: settings.ezhouServiceStandard,
    rate,
  };
}

/** Stored settings are trusted only after the same check. */
export function readStoredSubsidySettings(value: unknown): SubsidySettings | null {
  const stored = value as Partial<SubsidySettings> | null;
  if (!stored?.rate) return null;
  const parsed = parseSubsidySettings({
    yuanPerKw: fenToYuan(stored.rate.fenPerKw),
    yuanPerAcPile: fenToYuan(stored.rate.fenPerPile.ac),
    yuanPerDcPile: fenToYuan(stored.rate.fenPerPile.dc),
    capYuan: stored.rate.capFen === null ? null : fenToYuan(stored.rate.capFen),
    ezhouServiceStandard: stored.ezhouServiceStandard,
  });
  return parsed.ok ? parsed.settings : null;
}
