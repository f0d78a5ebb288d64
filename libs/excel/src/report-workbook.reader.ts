/**
 * Reads an uploaded monthly template into typed rows and every error found (issue 3 §3–4: all errors at once,
 * located by sheet, row, column header and value, in Chinese).
 *
 * Only what the file alone can tell is checked here: container, sheets, headers, merges, formulas, each cell
 * against its column, blank rows, duplicates inside the file and the row-only facility rules. What needs the
 * register (unknown or foreign codes, changed names, cumulative drops, stale period) is libs/reporting's.
 *
 * The sheets are read row by row with exceljs's streaming WorksheetReader (issue 3 §3), fed the parts the container
 * check inflated (streamed-worksheets.ts says why and how). Two gaps of that reader are closed elsewhere: in exceljs
 * 4.4.0 it decodes each chunk to a string on its own, so a Chinese character split across two chunks became U+FFFD
 * (exceljs #2063, #2084), which patches/exceljs+4.4.0.patch fixes with a StringDecoder; and it ignores <mergeCell>,
 * so merged ranges come from the container check, which reads them for its cell count anyway. Sheet names and order
 * come from the workbook's own list (workbook-manifest.ts).
 */
import ExcelJS from 'exceljs';
import {
  CellKind,
  CellParseResult,
  RawCellValue,
  cellKind,
  parseBoolean,
  parseDate,
  parseDecimal,
  parseEnum,
  parseInteger,
  parseText,
} from './cell-parsers.js';
import {
  COMMUNITY_SHEET,
  ColumnDefinition,
  ColumnKind,
  CommunityRowValues,
  DataSheetDefinition,
  FACILITY_SHEET,
  FIRST_DATA_ROW,
  FacilityRowValues,
  HEADER_ROW,
  META_KEYS,
  META_LABELS,
  TEMPLATE_SHEETS,
  TEMPLATE_VERSION,
} from './report-template.definition.js';
import { RowShapeIssue, validateFacilityRowShape } from './facility-row-shape.rules.js';
import { DEFAULT_WORKBOOK_LIMITS, WorkbookLimits, inspectWorkbookContainer } from './workbook-container.inspector.js';
import { WorkbookManifest, isWorkbookXmlPart, readWorkbookManifest } from './workbook-manifest.js';
import { streamWorksheets } from './streamed-worksheets.js';

/** One problem, located the way a clerk finds it. Same shape as libs/reporting's ReportError. */
export interface ReportFileError {
  /** Sheet name; '' for a problem with the file as a whole. */
  sheet: string;
  /** 1-based sheet row; null for file- or sheet-level problems. */
  row: number | null;
  /** Chinese column header; null for row-, sheet- or file-level problems. */
  column: string | null;
  /** What the cell shows, truncated to 40 characters; null for a blank cell or no cell. */
  value: string | null;
  message: string;
}

export interface ReportTemplateMeta {
  templateVersion: string;
  districtCode: string;
  /** 'YYYY-MM' */
  period: string;
  /** ISO instant the template was generated; null when absent (informational only). */
  generatedAt: string | null;
}

export interface ReportSheetRow<V> {
  rowNumber: number;
  values: V;
}

export interface ReportSheetRead<V> {
  /**
   * False when the sheet could not be read row by row: missing, a header that does not match, a file of another
   * template version, or more rows than allowed. Checks that need every row (a registered community or facility
   * absent from the file) must not run on an incomplete sheet: its rows were not looked at.
   */
  complete: boolean;
  /** Rows every cell of which parsed (row-only rule errors do not exclude a row). */
  rows: ReportSheetRow<V>[];
  /**
   * Codes of the rows left out of `rows` because a cell failed: already reported, so the register checks should
   * not also call them missing. Community codes for 社区, facility codes (where given) for 充电设施.
   */
  invalidRowCodes: string[];
}

export interface ReportWorkbookRead {
  /** null when the file could not be opened or carries no usable template marker. */
  meta: ReportTemplateMeta | null;
  communities: ReportSheetRead<CommunityRowValues>;
  facilities: ReportSheetRead<FacilityRowValues>;
  /** Every error found, ordered by sheet, row and column. Empty means the file is valid at this level. */
  errors: ReportFileError[];
}

export const READER_MESSAGES = {
  unreadable: '文件已损坏或不是有效的 .xlsx 工作簿，无法读取，请在 Excel 中重新保存后上传',
  missingSheet: (name: string, found: string[]) =>
    `缺少工作表「${name}」：请不要修改工作表名称。文件中的工作表为：${found.length ? found.join('、') : '（无）'}`,
  missingMeta:
    '文件缺少模板标识（隐藏工作表「_meta」）：请从系统下载本期模板，直接在模板上填写后上传，不要复制到新文件',
  missingMetaValue: (label: string) => `模板标识不完整（缺少${label}），请从系统重新下载本期模板`,
  badPeriod: (value: string) => `模板标识中的报送期「${value}」无效，请从系统重新下载本期模板`,
  otherVersion: (value: string) =>
    `模板版本「${value}」不是当前版本「${TEMPLATE_VERSION}」，请从系统下载最新模板重新填写（其他工作表未校验）`,
  missingColumn: (header: string) => `缺少列「${header}」：请使用原模板，不要删除列或修改列名`,
  extraColumn: (header: string, column: number) =>
    `多出列「${header}」（第 ${column} 列，${columnLetter(column)} 列）：请使用原模板，不要增加列`,
  repeatedColumn: (header: string, column: number) =>
    `列「${header}」重复出现（第 ${column} 列，${columnLetter(column)} 列）：请使用原模板，不要复制列`,
  blankHeader: (column: number) =>
    `第 ${column} 列（${columnLetter(column)} 列）列名为空：请使用原模板，不要插入列或清除列名`,
  movedColumn: (header: string, expected: number, actual: number) =>
    `列「${header}」位置不对：应为第 ${expected} 列（${columnLetter(expected)} 列），实际在第 ${actual} 列（${columnLetter(actual)} 列），请不要调换列的顺序`,
  merged: (range: string) => `不能合并单元格（${range}）：请取消合并，每个单元格分别填写`,
  tooManyRows: (limit: number) => `数据行超过 ${limit} 行，请删除多余的行后重新上传`,
  badCode: (shown: string) => `编码只能包含字母、数字和连字符，实际为「${shown}」`,
  codeTooLong: (max: number, length: number) => `编码过长：最多 ${max} 位，实际 ${length} 位`,
  badCreditCode: (shown: string) =>
    `应从下拉列表选择「企业名称（统一社会信用代码）」，或填写 18 位统一社会信用代码，实际为「${shown}」`,
  duplicateCommunity: (code: string, first: number) => `社区编码「${code}」与第 ${first} 行重复：每个社区只能填报一行`,
  duplicateFacility: (code: string, first: number) => `设施编码「${code}」与第 ${first} 行重复：同一设施只能填报一行`,
  parseTimeout: (seconds: number) =>
    `文件解析超过 ${seconds} 秒仍未完成，已停止处理，未写入任何数据：请删除多余的行、列、格式和图片后重新上传`,
  parseOutOfMemory: '文件解析所需内存超过上限，已停止处理，未写入任何数据：请删除多余的行、列、格式和图片后重新上传',
} as const;

const SHOWN_MAX = 40;

/**
 * Reads the upload. Never throws for a bad file: every problem comes back in `errors`, and `meta`/rows are what
 * could be read. Limits default to DEFAULT_WORKBOOK_LIMITS.
 */
export async function readReportWorkbook(
  buffer: Buffer,
  limits: Partial<WorkbookLimits> = {},
): Promise<ReportWorkbookRead> {
  const limit = { ...DEFAULT_WORKBOOK_LIMITS, ...limits };
  const result: ReportWorkbookRead = {
    meta: null,
    communities: { complete: false, rows: [], invalidRowCodes: [] },
    facilities: { complete: false, rows: [], invalidRowCodes: [] },
    errors: [],
  };
  const container = inspectWorkbookContainer(buffer, limit, { keepPart: isWorkbookXmlPart });
  if (!container.ok) return fileError(result, container.message);

  let manifest: WorkbookManifest;
  try {
    manifest = readWorkbookManifest(container.parts);
  } catch {
    return fileError(result, READER_MESSAGES.unreadable);
  }
  const communities = new DataSheetReader(COMMUNITY_SHEET, limit, () => []);
  const facilities = new DataSheetReader(FACILITY_SHEET, limit, validateFacilityRowShape);
  const meta = new MetaSheetReader();
  const targetOf = (name: string) =>
    name === COMMUNITY_SHEET.name
      ? communities
      : name === FACILITY_SHEET.name
        ? facilities
        : name === TEMPLATE_SHEETS.meta
          ? meta
          : null;
  const read = manifest.sheets.flatMap((sheet) => {
    const target = targetOf(sheet.name.trim());
    return target ? [{ part: sheet.part, target }] : [];
  });
  // What exceljs cannot read makes the file unreadable; a fault in the checks below it is a bug and is thrown.
  let fault: { error: unknown } | undefined;
  const check = (work: () => void) => {
    try {
      work();
    } catch (error) {
      fault = { error };
      throw error;
    }
  };
  try {
    let index = 0;
    for await (const worksheet of streamWorksheets(
      container.parts,
      manifest,
      read.map((sheet) => sheet.part),
    )) {
      const { part, target } = read[index++];
      check(() => target.start(container.merges.get(part) ?? []));
      let previous = 0;
      for await (const row of worksheet) {
        // Rows come in the file's order; Excel writes (and requires) them ascending, each once.
        if (!(row.number > previous)) throw new Error(`row ${row.number} after row ${previous}`);
        previous = row.number;
        check(() => target.row(row));
      }
      check(() => target.finish());
    }
  } catch {
    if (fault) throw fault.error;
    return fileError(result, READER_MESSAGES.unreadable);
  }

  const errors: ReportFileError[] = [];
  const metaRead = meta.result(errors);
  result.meta = metaRead.meta;
  // A file of another version is laid out by another definition: its data sheets are not judged by this one.
  if (!metaRead.otherVersion) {
    const visible = manifest.sheets.map((sheet) => sheet.name).filter((name) => !name.startsWith('_'));
    for (const sheet of [communities, facilities]) {
      if (!sheet.seen) {
        errors.push(at(sheet.name, null, null, null, READER_MESSAGES.missingSheet(sheet.name, visible)));
        continue;
      }
      for (const error of sheet.errors) errors.push(error);
    }
    result.communities = communities.read as ReportSheetRead<CommunityRowValues>;
    result.facilities = facilities.read as ReportSheetRead<FacilityRowValues>;
  }
  result.errors = sortErrors(errors);
  return result;
}

function fileError(result: ReportWorkbookRead, message: string): ReportWorkbookRead {
  result.errors = [at('', null, null, null, message)];
  return result;
}

function at(
  sheet: string,
  row: number | null,
  column: string | null,
  value: string | null,
  message: string,
): ReportFileError {
  return { sheet, row, column, value, message };
}

// ---------------------------------------------------------------------------------------------------------------
// _meta

class MetaSheetReader {
  private seen = false;
  private readonly found = new Map<string, { row: number; value: string }>();

  /** Merges do not matter in the marker sheet. */
  start(_merges: readonly string[]): void {
    this.seen = true;
  }

  row(row: ExcelJS.Row): void {
    const key = plainText(cellValue(row, 1));
    const value = plainText(cellValue(row, 2));
    if (key && !this.found.has(key)) this.found.set(key, { row: row.number, value });
  }

  finish(): void {
    // Nothing pending: the marker is judged as a whole in result().
  }

  result(errors: ReportFileError[]): { meta: ReportTemplateMeta | null; otherVersion: boolean } {
    const name = TEMPLATE_SHEETS.meta;
    if (!this.seen) {
      errors.push(at(name, null, null, null, READER_MESSAGES.missingMeta));
      return { meta: null, otherVersion: false };
    }
    const entry = (key: keyof typeof META_KEYS) => this.found.get(META_KEYS[key]);
    let complete = true;
    for (const key of ['templateVersion', 'districtCode', 'period'] as const) {
      if (!entry(key)?.value) {
        errors.push(at(name, entry(key)?.row ?? null, null, null, READER_MESSAGES.missingMetaValue(META_LABELS[key])));
        complete = false;
      }
    }
    const version = entry('templateVersion');
    const otherVersion = !!version?.value && version.value !== TEMPLATE_VERSION;
    if (otherVersion && version) {
      errors.push(at(name, version.row, null, display(version.value), READER_MESSAGES.otherVersion(version.value)));
    }
    const period = entry('period');
    if (period?.value && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period.value)) {
      errors.push(at(name, period.row, null, display(period.value), READER_MESSAGES.badPeriod(period.value)));
      complete = false;
    }
    if (!complete || !version || !period) return { meta: null, otherVersion };
    return {
      meta: {
        templateVersion: version.value,
        districtCode: entry('districtCode')!.value,
        period: period.value,
        generatedAt: entry('generatedAt')?.value || null,
      },
      otherVersion,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// data sheets

/**
 * One data sheet, fed row by row: the header first, then each row parsed, checked, and kept or reported. Each merged
 * range is reported once; its covered cells (where Excel keeps stale values) are not parsed and its rows are left out.
 */
class DataSheetReader<K extends string, V> {
  seen = false;
  readonly errors: ReportFileError[] = [];
  readonly read: ReportSheetRead<V> = { complete: false, rows: [], invalidRowCodes: [] };
  private readonly covered = new Set<string>();
  private readonly mergedRows = new Set<number>();
  private readonly firstRowOfKey = new Map<string, number>();
  private readonly keyIndex: number;
  private header: 'pending' | 'ok' | 'failed' = 'pending';
  private dataRows = 0;
  private stopped = false;

  constructor(
    private readonly definition: DataSheetDefinition<K>,
    private readonly limit: WorkbookLimits,
    private readonly shapeRule: (values: V) => RowShapeIssue<K>[],
  ) {
    this.keyIndex = definition.columns.findIndex((column) => column.key === definition.keyColumn);
  }

  get name(): string {
    return this.definition.name;
  }

  start(merges: readonly string[]): void {
    this.seen = true;
    for (const ref of merges) {
      const [left, top, right, bottom] = decodeRange(ref);
      const header = this.definition.columns[left - 1]?.header ?? null;
      this.errors.push(at(this.name, top, header, ref, READER_MESSAGES.merged(ref)));
      for (let r = top; r <= bottom; r += 1) {
        this.mergedRows.add(r);
        for (let c = left; c <= right; c += 1) if (r !== top || c !== left) this.covered.add(`${r}:${c}`);
      }
    }
  }

  row(row: ExcelJS.Row): void {
    if (this.stopped) return;
    if (this.header === 'pending') {
      // No header row in the file at all is judged as an empty one.
      this.checkHeader(row.number === HEADER_ROW ? row : null);
      if (row.number === HEADER_ROW) return;
    }
    if (this.header === 'failed' || row.number < FIRST_DATA_ROW) return;
    this.dataRow(row);
  }

  finish(): void {
    if (this.header === 'pending') this.checkHeader(null);
  }

  private raw(row: ExcelJS.Row, column: number): RawCellValue {
    return this.isCovered(row.number, column) ? null : fromExcelJs(cellValue(row, column));
  }

  private isCovered(rowNumber: number, column: number): boolean {
    return this.covered.size > 0 && this.covered.has(`${rowNumber}:${column}`);
  }

  private dataRow(row: ExcelJS.Row): void {
    const { columns } = this.definition;
    const rowNumber = row.number;
    const raws = columns.map((_, index) => this.raw(row, index + 1));
    const merged = this.mergedRows.has(rowNumber);
    if (!merged && raws.every((raw) => cellKind(raw) === CellKind.Empty)) return;
    this.dataRows += 1;
    if (this.dataRows > this.limit.maxRowsPerSheet) {
      this.errors.push(at(this.name, rowNumber, null, null, READER_MESSAGES.tooManyRows(this.limit.maxRowsPerSheet)));
      this.stopped = true;
      this.read.complete = false;
      return;
    }

    let valid = !merged;
    const values: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      if (this.isCovered(rowNumber, index + 1)) return;
      const parsed = parseTemplateCell(column, raws[index]);
      if (parsed.ok) values[column.key] = parsed.value;
      else {
        valid = false;
        this.errors.push(at(this.name, rowNumber, column.header, displayCellValue(raws[index]), parsed.message));
      }
    });

    const key = values[this.definition.keyColumn] as string | null | undefined;
    if (typeof key === 'string') {
      const first = this.firstRowOfKey.get(key);
      if (first !== undefined) {
        const message =
          this.name === COMMUNITY_SHEET.name
            ? READER_MESSAGES.duplicateCommunity(key, first)
            : READER_MESSAGES.duplicateFacility(key, first);
        this.errors.push(at(this.name, rowNumber, columns[this.keyIndex].header, key, message));
        // The first row stands for the code; this one is reported and left out.
        return;
      }
      this.firstRowOfKey.set(key, rowNumber);
    }
    if (!valid) {
      const keyRaw = raws[this.keyIndex];
      const code = key ?? (cellKind(keyRaw) === CellKind.Value ? displayCellValue(keyRaw) : null);
      if (code) this.read.invalidRowCodes.push(code);
      return;
    }
    const typed = values as V;
    for (const issue of this.shapeRule(typed)) {
      const header = columns.find((column) => column.key === issue.key)?.header ?? null;
      this.errors.push(at(this.name, rowNumber, header, issue.value, issue.message));
    }
    this.read.rows.push({ rowNumber, values: typed });
  }

  /** The header row must equal the definition: each missing, extra, repeated, blank or moved column is named. */
  private checkHeader(row: ExcelJS.Row | null): void {
    const name = this.name;
    const expected = this.definition.columns.map((column) => column.header);
    const actual: { column: number; text: string }[] = [];
    for (let column = 1; row && column <= row.cellCount; column += 1) {
      const text = plainText(this.raw(row, column));
      if (text) actual.push({ column, text });
    }
    const before = this.errors.length;
    const lastUsed = actual.length ? actual[actual.length - 1].column : 0;
    const present = new Map<string, number>();
    const inOrder: { header: string; column: number; expectedIndex: number }[] = [];
    for (let column = 1; column <= lastUsed; column += 1) {
      const cell = actual.find((entry) => entry.column === column);
      if (!cell) {
        this.errors.push(at(name, HEADER_ROW, null, null, READER_MESSAGES.blankHeader(column)));
        continue;
      }
      const expectedIndex = expected.indexOf(cell.text);
      const shown = display(cell.text);
      if (expectedIndex < 0) {
        this.errors.push(at(name, HEADER_ROW, cell.text, shown, READER_MESSAGES.extraColumn(cell.text, column)));
      } else if (present.has(cell.text)) {
        this.errors.push(at(name, HEADER_ROW, cell.text, shown, READER_MESSAGES.repeatedColumn(cell.text, column)));
      } else {
        present.set(cell.text, column);
        inOrder.push({ header: cell.text, column, expectedIndex });
      }
    }
    for (const header of expected) {
      if (!present.has(header)) {
        this.errors.push(at(name, HEADER_ROW, header, null, READER_MESSAGES.missingColumn(header)));
      }
    }
    // The columns in one longest correctly ordered run stay; every other present column was moved.
    const keep = longestIncreasing(inOrder.map((entry) => entry.expectedIndex));
    inOrder.forEach((entry, index) => {
      if (keep.has(index)) return;
      const message = READER_MESSAGES.movedColumn(entry.header, entry.expectedIndex + 1, entry.column);
      this.errors.push(at(name, HEADER_ROW, entry.header, display(entry.header), message));
    });
    this.header = this.errors.length === before ? 'ok' : 'failed';
    this.read.complete = this.header === 'ok';
  }
}

/** 'B2:C40' → [left, top, right, bottom], 1-based. */
function decodeRange(ref: string): [number, number, number, number] {
  const [, l, t, r, b] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref) ?? ['', 'A', '1', 'A', '1'];
  const [left, right] = [columnNumber(l), columnNumber(r)];
  const [top, bottom] = [Number(t), Number(b)];
  return [Math.min(left, right), Math.min(top, bottom), Math.max(left, right), Math.max(top, bottom)];
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + letter.charCodeAt(0) - 64;
  return n;
}

/** Indices (into `values`) of one longest strictly increasing subsequence, O(n log n). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((value, index) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[index] = tails[lo - 1];
    tails[lo] = index;
  });
  const keep = new Set<number>();
  for (let index = tails.length ? tails[tails.length - 1] : -1; index >= 0; index = previous[index]) keep.add(index);
  return keep;
}

// ---------------------------------------------------------------------------------------------------------------
// cells

const CREDIT_CODE = /^[0-9A-HJ-NP-RTUWXY]{18}$/;
const CREDIT_CODE_AT_END = /\(\s*([0-9A-Z]{18})\s*\)$/;
const CODE = /^[A-Z0-9][A-Z0-9-]*$/;

/** Parses one cell per its column's kind and limits; formulas are always refused (cell-parsers). */
export function parseTemplateCell(column: ColumnDefinition, raw: RawCellValue): CellParseResult<unknown> {
  const required = column.required;
  switch (column.kind) {
    case ColumnKind.Text:
      return parseText(raw, { required, maxLength: column.maxLength });
    case ColumnKind.Code: {
      const text = parseText(raw, { required });
      if (!text.ok || text.value === null) return text;
      const code = normaliseCode(text.value);
      if (!CODE.test(code)) return { ok: false, message: READER_MESSAGES.badCode(truncate(text.value)) };
      if (code.length > column.maxLength) {
        return { ok: false, message: READER_MESSAGES.codeTooLong(column.maxLength, code.length) };
      }
      return { ok: true, value: code };
    }
    case ColumnKind.CreditCode: {
      const text = parseText(raw, { required, maxLength: column.maxLength });
      if (!text.ok || text.value === null) return text;
      const folded = text.value.normalize('NFKC').toUpperCase().trim();
      const code = CREDIT_CODE.test(folded.replace(/\s+/g, ''))
        ? folded.replace(/\s+/g, '')
        : CREDIT_CODE_AT_END.exec(folded)?.[1];
      if (!code || !CREDIT_CODE.test(code)) {
        return { ok: false, message: READER_MESSAGES.badCreditCode(truncate(text.value)) };
      }
      return { ok: true, value: code };
    }
    case ColumnKind.Integer:
      return parseInteger(raw, { required, min: column.min, max: column.max });
    case ColumnKind.Decimal:
      return parseDecimal(raw, { required, min: column.min, max: column.max, scale: column.scale });
    case ColumnKind.Date:
      return parseDate(raw, { required, min: column.min, max: column.max });
    case ColumnKind.Boolean: {
      const parsed = parseBoolean(raw, { required });
      return parsed.ok && parsed.value === null ? { ok: true, value: column.blankMeans } : parsed;
    }
    case ColumnKind.Enum:
      return parseEnum(raw, column.options, { required });
  }
}

/** Full-width forms folded (NFKC), spaces dropped, upper case: 'ｃ５３０１０２－０００１ ' → 'C530102-0001'. */
export function normaliseCode(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toUpperCase();
}

/** What a clerk sees in the cell, for error reports; truncated to 40 characters. */
export function displayCellValue(raw: RawCellValue): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return display(raw);
  if (typeof raw === 'number') return display(String(raw));
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString().slice(0, 10);
  // exceljs's streaming reader keeps a shared formula's text on its first cell only; the others read ''.
  if ('formula' in raw) return display(`=${raw.formula || '…'}`);
  if ('sharedFormula' in raw) return display(`=${raw.sharedFormula}`);
  if ('error' in raw) return raw.error;
  if ('richText' in raw) return display(raw.richText.map((run) => run.text).join(''));
  if ('hyperlink' in raw) {
    return display(typeof raw.text === 'string' ? raw.text : raw.text.richText.map((run) => run.text).join(''));
  }
  return null;
}

/** 9999-12-31T23:59:59.999Z, the last instant Excel can show. */
const LAST_EXCEL_DAY_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * exceljs turns any number in a date-formatted cell into a Date. 20240305 typed into a 日期 cell (Excel shows
 * #####) becomes a Date in the year 57000; give the parser back the number, which it reads as 2024-03-05.
 */
function fromExcelJs(value: ExcelJS.CellValue): RawCellValue {
  if (value instanceof Date && value.getTime() > LAST_EXCEL_DAY_MS) return value.getTime() / 86_400_000 + 25_569;
  return value as RawCellValue;
}

/** A cell's value without creating the cell (Row.getCell would, and build its address and style first). */
function cellValue(row: ExcelJS.Row, column: number): ExcelJS.CellValue {
  return row.findCell(column)?.value ?? null;
}

function plainText(raw: RawCellValue | ExcelJS.CellValue): string {
  const value = raw as RawCellValue;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  // A formula never counts as a header or a marker value.
  if (typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) return '';
  const text = parseText(value);
  return text.ok && text.value !== null ? text.value : '';
}

function display(text: string): string | null {
  if (text === '') return null;
  return truncate(text);
}

function truncate(text: string): string {
  const chars = [...text];
  return chars.length > SHOWN_MAX ? `${chars.slice(0, SHOWN_MAX).join('')}…` : text;
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const SHEET_ORDER = ['', TEMPLATE_SHEETS.meta, COMMUNITY_SHEET.name, FACILITY_SHEET.name];

/** By sheet, then row; within a row the order they were found in, which is column order. */
function sortErrors(errors: ReportFileError[]): ReportFileError[] {
  const sheetRank = (sheet: string) => {
    const rank = SHEET_ORDER.indexOf(sheet);
    return rank < 0 ? SHEET_ORDER.length : rank;
  };
  return errors
    .map((error, index) => ({ error, index }))
    .sort(
      (a, b) =>
        sheetRank(a.error.sheet) - sheetRank(b.error.sheet) ||
        (a.error.row ?? 0) - (b.error.row ?? 0) ||
        a.index - b.index,
    )
    .map(({ error }) => error);
}
