/**
 * The JSON the municipal platform pushes to POST /api/platform/records, turned into the same rows the files give,
 * so one set of rules judges all three sources. Errors name the record by its 1-based position and the field by
 * its JSON name. Pure.
 */
import { RawCellValue } from '@app/excel';
import { PlatformImportScope } from '../entities/platform.enums.js';
import {
  PLATFORM_FIELDS,
  PlatformErrorLabels,
  PlatformFieldKey,
  PlatformImportError,
  PlatformRecordValues,
  PlatformRowContext,
  PlatformRowInput,
  validatePlatformRows,
} from './platform-record.rules.js';

export const MAX_PUSHED_RECORDS = 10_000;

export interface PlatformPushRead {
  scope: PlatformImportScope;
  records: PlatformRecordValues[];
  errors: PlatformImportError[];
}

const SHEET = '推送数据';
const FIELD_KEYS = new Set<string>(PLATFORM_FIELDS.map((field) => field.key));
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const PUSH_MESSAGES = {
  notObject: '请求体应为 JSON 对象：{ "scope": "incremental" | "full", "records": [ … ] }',
  badScope: '「scope」应为 "incremental"（增量，默认）或 "full"（全量）',
  noRecords: '「records」应为非空数组',
  tooMany: (count: number) => `一次最多推送 ${MAX_PUSHED_RECORDS} 条记录，本次 ${count} 条，请分批推送`,
  recordNotObject: '每条记录应为 JSON 对象',
  unknownField: (name: string) => `不认识的字段「${name}」：可用字段为 ${[...FIELD_KEYS, 'monthlyKwh'].join('、')}`,
  badValue: '应为文字或数字',
  monthlyNotArray: '「monthlyKwh」应为数组：[{ "month": "YYYY-MM", "kwh": "1234.5" }]',
  monthItem: '每项应为 { "month": "YYYY-MM", "kwh": 数值 }',
  badMonth: (value: string) => `月份应为 YYYY-MM，实际为「${value}」`,
  repeatedMonth: (month: string) => `月份 ${month} 重复出现`,
} as const;

export function readPlatformPush(body: unknown, context: Omit<PlatformRowContext, 'labels'>): PlatformPushRead {
  const errors: PlatformImportError[] = [];
  const fail = (row: number | null, column: string | null, value: string | null, message: string) =>
    errors.push({ sheet: SHEET, row, column, value, message });
  let scope = PlatformImportScope.Incremental;
  if (!isObject(body)) {
    fail(null, null, null, PUSH_MESSAGES.notObject);
    return { scope, records: [], errors };
  }
  if (body.scope !== undefined) {
    if (body.scope === PlatformImportScope.Full || body.scope === PlatformImportScope.Incremental) scope = body.scope;
    else fail(null, 'scope', short(body.scope), PUSH_MESSAGES.badScope);
  }
  for (const key of Object.keys(body)) {
    if (key !== 'scope' && key !== 'records') fail(null, key, null, PUSH_MESSAGES.unknownField(key));
  }
  const list = body.records;
  if (!Array.isArray(list) || list.length === 0) {
    fail(null, 'records', null, PUSH_MESSAGES.noRecords);
    return { scope, records: [], errors };
  }
  if (list.length > MAX_PUSHED_RECORDS) {
    fail(null, 'records', null, PUSH_MESSAGES.tooMany(list.length));
    return { scope, records: [], errors };
  }

  const rows: PlatformRowInput[] = [];
  list.forEach((item, index) => {
    const rowNumber = index + 1;
    if (!isObject(item)) {
      fail(rowNumber, null, null, PUSH_MESSAGES.recordNotObject);
      return;
    }
    const cells: PlatformRowInput['cells'] = {};
    const months: PlatformRowInput['months'] = [];
    for (const [name, value] of Object.entries(item)) {
      if (name === 'monthlyKwh') {
        readMonths(value, rowNumber, months, fail);
      } else if (!FIELD_KEYS.has(name)) {
        fail(rowNumber, name, null, PUSH_MESSAGES.unknownField(name));
      } else if (value === null || typeof value === 'string' || typeof value === 'number') {
        cells[name as PlatformFieldKey] = value as RawCellValue;
      } else {
        fail(rowNumber, name, short(value), PUSH_MESSAGES.badValue);
      }
    }
    rows.push({ rowNumber, cells, months });
  });

  const labels: PlatformErrorLabels = {
    sheet: SHEET,
    field: (key) => key,
    month: (month) => `monthlyKwh[${month}]`,
  };
  const result = validatePlatformRows(rows, { ...context, labels });
  for (const error of result.errors) errors.push(error);
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { scope, records: errors.length > 0 ? [] : result.records, errors };
}

function readMonths(
  value: unknown,
  rowNumber: number,
  months: PlatformRowInput['months'],
  fail: (row: number | null, column: string | null, value: string | null, message: string) => void,
): void {
  if (!Array.isArray(value)) {
    fail(rowNumber, 'monthlyKwh', null, PUSH_MESSAGES.monthlyNotArray);
    return;
  }
  const seen = new Set<string>();
  for (const entry of value) {
    if (!isObject(entry) || typeof entry.month !== 'string' || !('kwh' in entry)) {
      fail(rowNumber, 'monthlyKwh', short(entry), PUSH_MESSAGES.monthItem);
      continue;
    }
    if (!MONTH.test(entry.month)) {
      fail(rowNumber, 'monthlyKwh', short(entry.month), PUSH_MESSAGES.badMonth(entry.month));
      continue;
    }
    if (seen.has(entry.month)) {
      fail(rowNumber, `monthlyKwh[${entry.month}]`, null, PUSH_MESSAGES.repeatedMonth(entry.month));
      continue;
    }
    seen.add(entry.month);
    const kwh = entry.kwh;
    if (kwh !== null && typeof kwh !== 'string' && typeof kwh !== 'number') {
      fail(rowNumber, `monthlyKwh[${entry.month}]`, short(kwh), PUSH_MESSAGES.badValue);
      continue;
    }
    months.push({ month: entry.month, raw: kwh as RawCellValue });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function short(value: unknown): string | null {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return null;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
