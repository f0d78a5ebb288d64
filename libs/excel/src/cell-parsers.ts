/**
 * Parsers for what clerks really type into the cells of an uploaded template.
 *
 * Input is a cell value exactly as exceljs returns it (`cell.value`); output is a result with a Chinese message
 * that the upload report shows beside the sheet, row and column. Pure: no exceljs import, no I/O.
 */

export type RawRichText = { readonly richText: readonly { readonly text: string }[] };

/** Structurally the same as exceljs `CellValue`, so `cell.value` can be passed as is. */
export type RawCellValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | RawRichText
  | { readonly text: string | RawRichText; readonly hyperlink: string }
  | { readonly formula: string; readonly result?: unknown }
  | { readonly sharedFormula: string; readonly result?: unknown }
  | { readonly error: string };

export type CellParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export enum CellKind {
  Empty = 'empty',
  Value = 'value',
  Formula = 'formula',
  Error = 'error',
}

export interface TextOptions {
  required?: boolean;
  /** Counted in Unicode code points, so one Chinese character counts as one. */
  maxLength?: number;
}

export interface IntegerOptions {
  required?: boolean;
  min?: number;
  max?: number;
}

export interface DecimalOptions {
  required?: boolean;
  /** Exact bounds; a string such as '0.001' avoids float surprises. */
  min?: number | string;
  max?: number | string;
  /** Most digits allowed after the decimal point; trailing zeros do not count. */
  scale?: number;
}

export interface DateOptions {
  required?: boolean;
  /** Inclusive, 'YYYY-MM-DD'. */
  min?: string;
  max?: string;
}

export interface BooleanOptions {
  required?: boolean;
}

export interface EnumOptions {
  required?: boolean;
}

export interface EnumOption<T> {
  label: string;
  value: T;
  aliases?: readonly string[];
}

type RequiredFlag = { required: true };

type Resolved =
  | { kind: CellKind.Empty }
  | { kind: CellKind.Formula }
  | { kind: CellKind.Error; code: string }
  | { kind: CellKind.Value; value: string | number | boolean | Date; shown: string };

const MESSAGE_REQUIRED = '此项为必填，不能为空';
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const INNER_SPACES = /[\u00A0\u2007\u202F\u3000]/g;
const SHOWN_MAX = 40;

const ok = <T>(value: T): CellParseResult<T> => ({ ok: true, value });
const fail = <T>(message: string): CellParseResult<T> => ({ ok: false, message });

export function cellKind(raw: RawCellValue): CellKind {
  return resolve(raw).kind;
}

export function parseText(raw: RawCellValue, options: TextOptions & RequiredFlag): CellParseResult<string>;
export function parseText(raw: RawCellValue, options?: TextOptions): CellParseResult<string | null>;
export function parseText(raw: RawCellValue, options: TextOptions = {}): CellParseResult<string | null> {
  return withPresence(raw, options.required, '文字', (value) => {
    // Text beginning with = + - @ is data the clerk typed, kept verbatim; neutralised only on export.
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number'
          ? numberToPlainString(value)
          : typeof value === 'boolean'
            ? booleanText(value)
            : dateToIso(value);
    // Code points never outnumber UTF-16 units: most texts need no count.
    if (options.maxLength !== undefined && text.length > options.maxLength) {
      const length = [...text].length;
      if (length > options.maxLength) return fail(`内容过长：最多 ${options.maxLength} 个字，实际 ${length} 个字`);
    }
    return ok(text);
  });
}

export function parseInteger(raw: RawCellValue, options: IntegerOptions & RequiredFlag): CellParseResult<number>;
export function parseInteger(raw: RawCellValue, options?: IntegerOptions): CellParseResult<number | null>;
export function parseInteger(raw: RawCellValue, options: IntegerOptions = {}): CellParseResult<number | null> {
  const { min, max } = options;
  return withPresence(raw, options.required, '数值', (value, shown) => {
    const expected = () => fail<number>(`应为${rangePhrase(min, max)}整数，实际为「${shown}」`);
    const decimal = typeof value === 'number' ? numberToDecimal(value) : parseDecimalText(value);
    if (decimal === null || decimal.includes('.')) return expected();
    const integer = Number(decimal);
    if (!Number.isSafeInteger(integer)) return expected();
    if ((min !== undefined && integer < min) || (max !== undefined && integer > max)) return expected();
    return ok(integer);
  });
}

export function parseDecimal(raw: RawCellValue, options: DecimalOptions & RequiredFlag): CellParseResult<string>;
export function parseDecimal(raw: RawCellValue, options?: DecimalOptions): CellParseResult<string | null>;
export function parseDecimal(raw: RawCellValue, options: DecimalOptions = {}): CellParseResult<string | null> {
  const min = options.min === undefined ? undefined : boundToDecimal(options.min);
  const max = options.max === undefined ? undefined : boundToDecimal(options.max);
  const { scale } = options;
  return withPresence(raw, options.required, '数值', (value, shown) => {
    const expected = () => {
      const scalePhrase = scale === undefined ? '' : scale === 0 ? '（不含小数）' : `（最多 ${scale} 位小数）`;
      return fail<string>(`应为${rangePhrase(min, max)}数值${scalePhrase}，实际为「${shown}」`);
    };
    const decimal = typeof value === 'number' ? numberToDecimal(value) : parseDecimalText(value);
    if (decimal === null) return expected();
    if (scale !== undefined && fractionDigits(decimal) > scale) return expected();
    if (min !== undefined && compareDecimals(decimal, min) < 0) return expected();
    if (max !== undefined && compareDecimals(decimal, max) > 0) return expected();
    return ok(decimal);
  });
}

export function parseDate(raw: RawCellValue, options: DateOptions & RequiredFlag): CellParseResult<string>;
export function parseDate(raw: RawCellValue, options?: DateOptions): CellParseResult<string | null>;
export function parseDate(raw: RawCellValue, options: DateOptions = {}): CellParseResult<string | null> {
  const { min, max } = options;
  return withPresence(raw, options.required, '日期', (value, shown) => {
    const parsed = readDate(value, shown);
    if (!parsed.ok) return parsed;
    const date = parsed.value;
    if ((min !== undefined && date < min) || (max !== undefined && date > max)) {
      if (min !== undefined && max !== undefined) return fail(`日期应在 ${min} 到 ${max} 之间，实际为 ${date}`);
      if (min !== undefined) return fail(`日期不能早于 ${min}，实际为 ${date}`);
      return fail(`日期不能晚于 ${max}，实际为 ${date}`);
    }
    return ok(date);
  });
}

const TRUE_WORDS = new Set(['是', '有', 'y', 'yes', 'true', '1', '✓', '√', '✔']);
const FALSE_WORDS = new Set(['否', '无', 'n', 'no', 'false', '0', '✗', '×', '✘']);

export function parseBoolean(raw: RawCellValue, options: BooleanOptions & RequiredFlag): CellParseResult<boolean>;
export function parseBoolean(raw: RawCellValue, options?: BooleanOptions): CellParseResult<boolean | null>;
export function parseBoolean(raw: RawCellValue, options: BooleanOptions = {}): CellParseResult<boolean | null> {
  return withPresence(raw, options.required, '「是」或「否」', (value, shown) => {
    if (typeof value === 'boolean') return ok(value);
    const word = typeof value === 'number' ? String(value) : typeof value === 'string' ? matchKey(value) : '';
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
    return fail(`应填写「是」或「否」，实际为「${shown}」`);
  });
}

export function parseEnum<T>(
  raw: RawCellValue,
  choices: readonly EnumOption<T>[],
  options: EnumOptions & RequiredFlag,
): CellParseResult<T>;
export function parseEnum<T>(
  raw: RawCellValue,
  choices: readonly EnumOption<T>[],
  options?: EnumOptions,
): CellParseResult<T | null>;
export function parseEnum<T>(
  raw: RawCellValue,
  choices: readonly EnumOption<T>[],
  options: EnumOptions = {},
): CellParseResult<T | null> {
  return withPresence(raw, options.required, '选项', (value, shown) => {
    const key = matchKey(
      typeof value === 'string'
        ? value
        : typeof value === 'number'
          ? numberToPlainString(value)
          : typeof value === 'boolean'
            ? booleanText(value)
            : dateToIso(value),
    );
    for (const choice of choices) {
      if (matchKey(choice.label) === key || choice.aliases?.some((alias) => matchKey(alias) === key)) {
        return ok(choice.value);
      }
    }
    return fail(`应为以下选项之一：${choices.map((c) => c.label).join('、')}，实际为「${shown}」`);
  });
}

/**
 * Excel 1900 date system serial → 'YYYY-MM-DD'. Excel (after Lotus 1-2-3) counts a 1900-02-29 that never
 * existed as serial 60, so serials from 61 on are one day ahead of a plain count; serial 60 has no date.
 */
export function excelSerialToIsoDate(serial: number): string | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1 || day === 60 || day > 2958465) return null;
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return dateToIso(new Date(epoch + day * 86_400_000));
}

function withPresence<T>(
  raw: RawCellValue,
  required: boolean | undefined,
  what: string,
  parse: (value: string | number | boolean | Date, shown: string) => CellParseResult<T>,
): CellParseResult<T | null> {
  const cell = resolve(raw);
  switch (cell.kind) {
    case CellKind.Empty:
      return required ? fail(MESSAGE_REQUIRED) : ok(null);
    case CellKind.Formula:
      return fail(`此处应填写${what}，不能使用公式`);
    case CellKind.Error:
      return fail(`单元格为错误值 ${cell.code}，此处应填写${what}`);
    case CellKind.Value:
      return parse(cell.value, cell.shown);
  }
}

function resolve(raw: RawCellValue): Resolved {
  if (raw === null || raw === undefined) return { kind: CellKind.Empty };
  if (typeof raw === 'string') return resolveText(raw);
  if (typeof raw === 'number') return { kind: CellKind.Value, value: raw, shown: numberToPlainString(raw) };
  if (typeof raw === 'boolean') return { kind: CellKind.Value, value: raw, shown: booleanText(raw) };
  if (raw instanceof Date) return { kind: CellKind.Value, value: raw, shown: dateToIso(raw) };
  if ('formula' in raw || 'sharedFormula' in raw) return { kind: CellKind.Formula };
  if ('error' in raw) return { kind: CellKind.Error, code: String(raw.error) };
  if ('richText' in raw) return resolveText(richTextToString(raw));
  if ('hyperlink' in raw) return resolveText(typeof raw.text === 'string' ? raw.text : richTextToString(raw.text));
  return { kind: CellKind.Error, code: '（无法识别的单元格内容）' };
}

function resolveText(text: string): Resolved {
  const cleaned = cleanText(text);
  if (cleaned === '') return { kind: CellKind.Empty };
  const shown =
    cleaned.length > SHOWN_MAX && [...cleaned].length > SHOWN_MAX
      ? `${[...cleaned].slice(0, SHOWN_MAX).join('')}…`
      : cleaned;
  return { kind: CellKind.Value, value: cleaned, shown };
}

function richTextToString(value: RawRichText): string {
  return (value.richText ?? []).map((run) => run.text ?? '').join('');
}

/** Zero-width characters out, non-breaking and ideographic spaces to plain spaces, trimmed. */
function cleanText(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(INNER_SPACES, ' ').trim();
}

/** Full-width forms (U+FF01–U+FF5E: ０-９，．－／ and letters) and the minus sign to ASCII. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u2212/g, '-');
}

function matchKey(text: string): string {
  return toHalfWidth(cleanText(text))
    .replace(/[\s\uFE0F]+/g, '')
    .toLowerCase();
}

function booleanText(value: boolean): string {
  return value ? 'TRUE' : 'FALSE';
}

function dateToIso(date: Date): string {
  if (Number.isNaN(date.getTime())) return '（无效日期）';
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Shortest round-trip form (ECMA-262 Number::toString), with any exponent written out in full. */
function numberToPlainString(n: number): string {
  const s = String(n);
  if (!s.includes('e')) return s;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, rest = '', exponent] = m;
  const digits = lead + rest;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function numberToDecimal(n: number): string | null {
  return Number.isFinite(n) ? canonicalDecimal(numberToPlainString(n)) : null;
}

/** '１，２３４．５' → '1234.5'; null when the text is not a plain decimal number. */
function parseDecimalText(value: string | boolean | Date): string | null {
  if (typeof value !== 'string') return null;
  const text = toHalfWidth(value);
  const grouped = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(text);
  if (!grouped && !/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(text)) return null;
  return canonicalDecimal(text.replace(/,/g, ''));
}

/** No leading '+', no leading zeros, no trailing fraction zeros, no negative zero. */
function canonicalDecimal(text: string): string {
  const negative = text.startsWith('-');
  const [intRaw = '', fracRaw = ''] = text.replace(/^[+-]/, '').split('.');
  const int = intRaw.replace(/^0+/, '') || '0';
  const frac = fracRaw.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** Bounds are a column's constants, converted once rather than for every cell. */
const BOUNDS = new Map<number | string, string>();

function boundToDecimal(bound: number | string): string {
  let decimal = BOUNDS.get(bound);
  if (decimal === undefined) {
    const converted = typeof bound === 'number' ? numberToDecimal(bound) : parseDecimalText(bound);
    if (converted === null) throw new Error(`Invalid decimal bound: ${String(bound)}`);
    decimal = converted;
    if (BOUNDS.size < 1000) BOUNDS.set(bound, decimal);
  }
  return decimal;
}

function fractionDigits(decimal: string): number {
  const point = decimal.indexOf('.');
  return point < 0 ? 0 : decimal.length - point - 1;
}

/** Exact comparison of two canonical decimal strings. */
function compareDecimals(a: string, b: string): number {
  const negA = a.startsWith('-');
  const negB = b.startsWith('-');
  if (negA !== negB) return negA ? -1 : 1;
  const magnitude = compareMagnitudes(a.replace('-', ''), b.replace('-', ''));
  return negA ? -magnitude : magnitude;
}

function compareMagnitudes(a: string, b: string): number {
  const [intA = '', fracA = ''] = a.split('.');
  const [intB = '', fracB = ''] = b.split('.');
  if (intA.length !== intB.length) return intA.length < intB.length ? -1 : 1;
  const width = Math.max(fracA.length, fracB.length);
  const left = intA + fracA.padEnd(width, '0');
  const right = intB + fracB.padEnd(width, '0');
  return left === right ? 0 : left < right ? -1 : 1;
}

function rangePhrase(min: number | string | undefined, max: number | string | undefined): string {
  if (min !== undefined && max !== undefined) return ` ${min} 到 ${max} 之间的`;
  if (min !== undefined) return `不小于 ${min} 的`;
  if (max !== undefined) return `不大于 ${max} 的`;
  return '';
}

const MESSAGE_DATE_FORMAT = '日期格式无法识别，请使用 2024-03-05 格式';
const TIME_SUFFIX = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const DATE_WITH_SEPARATORS = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME_SUFFIX}$`);
const DATE_CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

function readDate(value: string | number | boolean | Date, shown: string): CellParseResult<string> {
  // `shown` is already dateToIso(value) for a Date (resolve), worked out once per cell.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? fail(MESSAGE_DATE_FORMAT) : ok(shown);
  if (typeof value === 'boolean') return fail(MESSAGE_DATE_FORMAT);
  if (typeof value === 'number') {
    // A clerk typing 20240305 into a General cell gets the number, far beyond any serial (max 2958465 = 9999-12-31).
    if (Number.isInteger(value) && value >= 19000101 && value <= 99991231) {
      return checkCalendar(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100, shown);
    }
    if (Math.floor(value) === 60) return fail(`日期不存在：Excel 序列号 60 对应的 1900-02-29 并不存在`);
    const iso = excelSerialToIsoDate(value);
    return iso === null ? fail(MESSAGE_DATE_FORMAT) : ok(iso);
  }
  const text = toHalfWidth(value);
  const match = DATE_WITH_SEPARATORS.exec(text);
  if (match) return checkCalendar(Number(match[1]), Number(match[3]), Number(match[4]), shown);
  const parts = DATE_CHINESE.exec(text) ?? DATE_COMPACT.exec(text);
  if (parts) return checkCalendar(Number(parts[1]), Number(parts[2]), Number(parts[3]), shown);
  return fail(MESSAGE_DATE_FORMAT);
}

function checkCalendar(year: number, month: number, day: number, shown: string): CellParseResult<string> {
  if (year < 1900) return fail(`日期不存在：年份应不早于 1900，实际为「${shown}」`);
  if (month < 1 || month > 12) return fail(`日期不存在：月份应为 1 到 12，实际为「${shown}」`);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    return fail(`日期不存在：${year} 年 ${month} 月只有 ${daysInMonth} 天，实际为「${shown}」`);
  }
  return ok(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}
