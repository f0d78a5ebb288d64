import { DataSource } from 'typeorm';
import { AppError } from '@app/core';

/** numerator / denominator to `scale` decimals, half-up, as text; null when the denominator is 0. */
export function ratioText(numerator: number, denominator: number, scale = 4): string | null {
  if (denominator === 0) return null;
  const unit = 10n ** BigInt(scale);
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const negative = n < 0n !== d < 0n && n !== 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const scaled = (2n * a * unit + b) / (2n * b);
  const whole = scaled / unit;
  const fraction = (scaled % unit).toString().padStart(scale, '0');
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** 'YYYY-MM' → 'YYYY年M月'. */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${year}年${m}月`;
}

/** Fill colours of 正常 / 预警 / 滞后 (the usual green, amber, red of a RAG table). */
export const RAG_FILLS: Record<string, string> = { 正常: 'FFC6EFCE', 预警: 'FFFFEB9C', 滞后: 'FFFFC7CE' };

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function requireMonth(month: string | undefined): string {
  if (!month) throw AppError.validation('请指定月份（month，格式 YYYY-MM）');
  if (!MONTH_PATTERN.test(month)) throw AppError.validation(`月份格式应为 YYYY-MM，实际为「${month}」`);
  return month;
}

export function requireId(value: number | undefined, label: string, field: string): number {
  if (value === undefined || value === null) throw AppError.validation(`请指定${label}（${field}）`);
  if (!Number.isSafeInteger(value) || value <= 0) throw AppError.validation(`${label}（${field}）必须是正整数`);
  return value;
}

/** 填报单位: the city's development-reform office, or a district for its own data. */
export async function issuingUnit(dataSource: DataSource, districtId: number | null): Promise<string> {
  if (districtId !== null) {
    const [district] = await dataSource.query(`SELECT name FROM district WHERE id = $1`, [districtId]);
    if (district) return district.name;
  }
  const [city] = await dataSource.query(`SELECT name FROM city ORDER BY id LIMIT 1`);
  return `${city?.name ?? ''}发展和改革委员会`;
}

/** File names: the title, without characters file systems refuse. */
export function xlsxFileName(title: string): string {
  return `${title.replace(/[\\/:*?"<>|]/g, '_').slice(0, 180)}.xlsx`;
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDateTime(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
