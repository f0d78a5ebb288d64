/**
 * What makes a row of the municipal platform's list of connected facilities valid (issue 4 §4), whatever it came in:
 * an .xlsx or .csv export (one row a facility, a column a field, one column a month of charged kWh) or a JSON push
 * (one object a facility). Every problem is reported at once, located by row and column, in Chinese. Pure.
 */
import {
  CellParseResult,
  displayCellValue,
  RawCellValue,
  parseDate,
  parseDecimal,
  parseInteger,
  parseText,
  type ReportFileError,
} from '@app/excel';
import { validateCreditCode } from '@app/org';

export type PlatformFieldKey =
  | 'platformId'
  | 'stationName'
  | 'district'
  | 'connectedOn'
  | 'operatorName'
  | 'operatorCreditCode'
  | 'acPiles'
  | 'dcPiles'
  | 'totalKw';

export interface PlatformFieldDefinition {
  key: PlatformFieldKey;
  /** The header the README documents; files may use it or an alias, in any column order. */
  header: string;
  aliases: readonly string[];
  required: boolean;
}

export const PLATFORM_FIELDS: readonly PlatformFieldDefinition[] = [
  { key: 'platformId', header: '平台编号', aliases: ['市级平台编号', '平台设施编号', '站点编号'], required: true },
  { key: 'stationName', header: '站点名称', aliases: ['充电站名称', '设施名称'], required: false },
  { key: 'district', header: '所属区县', aliases: ['区县', '所在区县'], required: false },
  { key: 'connectedOn', header: '接入日期', aliases: ['接入平台日期', '接入市级平台日期'], required: true },
  { key: 'operatorName', header: '运营企业', aliases: ['运营企业名称', '运营商'], required: false },
  {
    key: 'operatorCreditCode',
    header: '统一社会信用代码',
    aliases: ['运营企业统一社会信用代码', '信用代码'],
    required: false,
  },
  { key: 'acPiles', header: '交流桩数', aliases: ['交流桩数量', '交流桩'], required: true },
  { key: 'dcPiles', header: '直流桩数', aliases: ['直流桩数量', '直流桩'], required: true },
  { key: 'totalKw', header: '总功率（kW）', aliases: ['总功率', '总功率（千瓦）', '装机功率（kW）'], required: true },
];

/** A valid row, typed. */
export interface PlatformRecordValues {
  platformId: string;
  stationName: string | null;
  /** Resolved from the 所属区县 cell (name or code); null when the platform gave none. */
  districtId: number | null;
  connectedOn: string;
  operatorName: string | null;
  operatorCreditCode: string | null;
  acPiles: number;
  dcPiles: number;
  /** kW, decimal string, at most 3 decimals. */
  totalKw: string;
  /** Ordered by month. */
  monthlyKwh: { month: string; kwh: string }[];
}

/** One row as read, before any rule: the cells by field, and the month columns it has. */
export interface PlatformRowInput {
  /** Sheet row, CSV line (header = 1) or 1-based position in the pushed array. */
  rowNumber: number;
  cells: Partial<Record<PlatformFieldKey, RawCellValue>>;
  months: { month: string; raw: RawCellValue }[];
}

/** How errors name where they are: Chinese headers for files, JSON paths for a push. */
export interface PlatformErrorLabels {
  sheet: string;
  field(key: PlatformFieldKey): string;
  month(month: string): string;
}

export interface PlatformRowContext {
  /** 'YYYY-MM-DD', Asia/Shanghai: no connection after it, no month after its month. */
  today: string;
  districts: readonly { id: number; code: string; name: string }[];
  labels: PlatformErrorLabels;
}

export type PlatformImportError = ReportFileError;

export interface PlatformRowsResult {
  records: PlatformRecordValues[];
  errors: PlatformImportError[];
}

export const PLATFORM_RULE_MESSAGES = {
  duplicate: (platformId: string, first: number) =>
    `平台编号「${platformId}」与第 ${first} 行重复：每个设施只能出现一次`,
  unknownDistrict: (text: string) => `所属区县「${text}」不是本市的区县（园区）名称或代码`,
  powerWithoutPiles: '交流桩和直流桩均为 0 时，总功率应为 0',
  pilesWithoutPower: '有充电桩时总功率应大于 0',
  noRows: '文件中没有数据行',
  futureMonth: (month: string, current: string) => `充电量月份 ${month} 晚于当前月份 ${current}`,
} as const;

const EARLIEST_CONNECTION = '2000-01-01';
const MAX_PILES = 100_000;
const MAX_KW = '999999999.999';
const MAX_KWH = '99999999999.999';

/** Parses and checks every row; a row with any failed cell is left out of `records` (and the import is refused). */
export function validatePlatformRows(
  rows: readonly PlatformRowInput[],
  context: PlatformRowContext,
): PlatformRowsResult {
  const { labels } = context;
  const errors: PlatformImportError[] = [];
  const records: PlatformRecordValues[] = [];
  const firstRow = new Map<string, number>();
  const districtByKey = new Map<string, number>();
  for (const district of context.districts) {
    districtByKey.set(district.name, district.id);
    districtByKey.set(district.code, district.id);
  }

  for (const row of rows) {
    let valid = true;
    const push = (column: string, raw: RawCellValue, message: string) => {
      valid = false;
      errors.push({ sheet: labels.sheet, row: row.rowNumber, column, value: displayCellValue(raw), message });
    };
    const cell = <T>(key: PlatformFieldKey, parse: (raw: RawCellValue) => CellParseResult<T>): T | undefined => {
      const raw = row.cells[key];
      const parsed = parse(raw);
      if (parsed.ok) return parsed.value;
      push(labels.field(key), raw, parsed.message);
      return undefined;
    };

    const platformId = cell('platformId', (raw) => parseText(raw, { required: true, maxLength: 50 }));
    const stationName = cell('stationName', (raw) => parseText(raw, { maxLength: 100 }));
    const districtText = cell('district', (raw) => parseText(raw, { maxLength: 50 }));
    const connectedOn = cell('connectedOn', (raw) =>
      parseDate(raw, { required: true, min: EARLIEST_CONNECTION, max: context.today }),
    );
    const operatorName = cell('operatorName', (raw) => parseText(raw, { maxLength: 100 }));
    const creditText = cell('operatorCreditCode', (raw) => parseText(raw, { maxLength: 30 }));
    const acPiles = cell('acPiles', (raw) => parseInteger(raw, { required: true, min: 0, max: MAX_PILES }));
    const dcPiles = cell('dcPiles', (raw) => parseInteger(raw, { required: true, min: 0, max: MAX_PILES }));
    const totalKw = cell('totalKw', (raw) => parseDecimal(raw, { required: true, min: '0', max: MAX_KW, scale: 3 }));

    let districtId: number | null = null;
    if (typeof districtText === 'string') {
      const id = districtByKey.get(districtText);
      if (id === undefined)
        push(labels.field('district'), row.cells.district, PLATFORM_RULE_MESSAGES.unknownDistrict(districtText));
      else districtId = id;
    }
    let operatorCreditCode: string | null = null;
    if (typeof creditText === 'string') {
      const checked = validateCreditCode(creditText);
      if (checked.ok) operatorCreditCode = checked.normalised;
      else push(labels.field('operatorCreditCode'), row.cells.operatorCreditCode, checked.message);
    }
    if (acPiles !== undefined && dcPiles !== undefined && totalKw !== undefined) {
      if (acPiles + dcPiles === 0 && totalKw !== '0') {
        push(labels.field('totalKw'), row.cells.totalKw, PLATFORM_RULE_MESSAGES.powerWithoutPiles);
      } else if (acPiles + dcPiles > 0 && totalKw === '0') {
        push(labels.field('totalKw'), row.cells.totalKw, PLATFORM_RULE_MESSAGES.pilesWithoutPower);
      }
    }

    const monthlyKwh: { month: string; kwh: string }[] = [];
    const currentMonth = context.today.slice(0, 7);
    for (const { month, raw } of row.months) {
      if (month > currentMonth) {
        push(labels.month(month), raw, PLATFORM_RULE_MESSAGES.futureMonth(month, currentMonth));
        continue;
      }
      const parsed = parseDecimal(raw, { min: '0', max: MAX_KWH, scale: 3 });
      if (!parsed.ok) push(labels.month(month), raw, parsed.message);
      else if (parsed.value !== null) monthlyKwh.push({ month, kwh: parsed.value });
    }

    if (typeof platformId === 'string') {
      const first = firstRow.get(platformId);
      if (first !== undefined) {
        push(labels.field('platformId'), row.cells.platformId, PLATFORM_RULE_MESSAGES.duplicate(platformId, first));
      } else {
        firstRow.set(platformId, row.rowNumber);
      }
    }
    if (!valid) continue;
    records.push({
      platformId: platformId as string,
      stationName: stationName ?? null,
      districtId,
      connectedOn: connectedOn as string,
      operatorName: operatorName ?? null,
      operatorCreditCode,
      acPiles: acPiles as number,
      dcPiles: dcPiles as number,
      totalKw: totalKw as string,
      monthlyKwh: monthlyKwh.sort((a, b) => (a.month < b.month ? -1 : 1)),
    });
  }
  return { records, errors };
}

/** Header text folded for matching: full-width forms to ASCII, spaces dropped, lower case. '总功率（kW）' ≡ '总功率(kw)'. */
export function foldHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, '')
    .toLowerCase();
}

const FIELD_BY_HEADER = new Map<string, PlatformFieldKey>(
  PLATFORM_FIELDS.flatMap((field) => [field.header, ...field.aliases].map((h) => [foldHeader(h), field.key] as const)),
);

// '2026-10充电量（kWh）', '2026年10月充电量(千瓦时)', '2026/10 充电量'.
const MONTH_HEADER = /^(\d{4})(?:[-/.年])(\d{1,2})月?充电量(?:\((?:kwh|千瓦时|度)\))?$/;

export type HeaderMatch =
  { kind: 'field'; key: PlatformFieldKey } | { kind: 'month'; month: string } | { kind: 'unknown' };

export function matchHeader(text: string): HeaderMatch {
  const folded = foldHeader(text);
  const key = FIELD_BY_HEADER.get(folded);
  if (key) return { kind: 'field', key };
  const month = MONTH_HEADER.exec(folded);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    return { kind: 'month', month: `${month[1]}-${month[2].padStart(2, '0')}` };
  }
  return { kind: 'unknown' };
}

export const HEADER_MESSAGES = {
  missing: (header: string) => `缺少列「${header}」`,
  unknown: (header: string) =>
    `无法识别的列「${header}」：可用的列为 ${PLATFORM_FIELDS.map((f) => f.header).join('、')}，以及「YYYY-MM充电量（kWh）」形式的月度充电量列`,
  repeated: (header: string, first: number) => `列「${header}」与第 ${first} 列重复`,
  noHeader: `找不到表头行：前 10 行中没有「${PLATFORM_FIELDS[0].header}」列`,
} as const;
