/**
 * Reads the municipal platform's export (.xlsx or .csv) into rows for platform-record.rules. The header row is found
 * among the first 10 rows (exports often carry a title above it); columns may come in any order and under the
 * aliases the rules list; every unknown, missing or repeated column is named. A hostile .xlsx (zip bomb, huge cell
 * count, encrypted, legacy .xls) is refused by libs/excel's container check before exceljs opens it.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { CellKind, RawCellValue, cellKind, inspectWorkbookContainer, parseText } from '@app/excel';
import { PlatformImportSource } from '../entities/platform.enums.js';
import {
  HEADER_MESSAGES,
  PLATFORM_FIELDS,
  PLATFORM_RULE_MESSAGES,
  PlatformErrorLabels,
  PlatformFieldKey,
  PlatformImportError,
  PlatformRecordValues,
  PlatformRowContext,
  PlatformRowInput,
  matchHeader,
  validatePlatformRows,
} from './platform-record.rules.js';

export const MAX_PLATFORM_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_PLATFORM_ROWS = 50_000;
const HEADER_SEARCH_ROWS = 10;

export const PLATFORM_FILE_MESSAGES = {
  empty: '文件为空（0 字节），请选择市级平台导出的 .xlsx 或 .csv 文件',
  tooLarge: (limit: number) => `文件超过 ${limit / 1024 / 1024} MB 上限，请分批导入`,
  unsupported: '仅支持 .xlsx（Excel 2007 及以上）和 .csv 文件',
  unreadable: '文件已损坏或不是有效的 .xlsx 工作簿，无法读取，请在 Excel 中重新保存后导入',
  noSheet: '工作簿中没有可见的工作表',
  encoding: 'CSV 文件编码无法识别：请以 UTF-8（可带 BOM）或 GBK 编码保存后导入',
  csvSyntax: (line: number | null, detail: string) => `CSV 格式错误${line ? `（第 ${line} 行附近）` : ''}：${detail}`,
  merged: (range: string) => `不能合并单元格（${range}）：请取消合并，每个单元格分别填写`,
  tooManyRows: (limit: number) => `数据行超过 ${limit} 行，请分批导入`,
} as const;

export interface PlatformFileRead {
  source: PlatformImportSource.Xlsx | PlatformImportSource.Csv | null;
  records: PlatformRecordValues[];
  /** Empty means every row is valid and the file may be imported. */
  errors: PlatformImportError[];
}

type Context = Omit<PlatformRowContext, 'labels'>;

interface GridRow {
  rowNumber: number;
  cells: RawCellValue[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Never throws for a bad file: every problem comes back in `errors`. */
export async function readPlatformFile(bytes: Buffer, fileName: string, context: Context): Promise<PlatformFileRead> {
  if (bytes.length === 0) return failed(null, PLATFORM_FILE_MESSAGES.empty);
  if (bytes.length > MAX_PLATFORM_FILE_BYTES) {
    return failed(null, PLATFORM_FILE_MESSAGES.tooLarge(MAX_PLATFORM_FILE_BYTES));
  }
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const zip = bytes.subarray(0, 4).equals(ZIP_MAGIC);
  const ole = bytes.subarray(0, 4).equals(OLE_MAGIC);
  if (zip || ole || extension === 'xlsx' || extension === 'xls') return readXlsx(bytes, context);
  if (extension === 'csv' || extension === 'txt' || extension === '') return readCsv(bytes, context);
  return failed(null, PLATFORM_FILE_MESSAGES.unsupported);
}

async function readXlsx(bytes: Buffer, context: Context): Promise<PlatformFileRead> {
  const source = PlatformImportSource.Xlsx;
  const container = inspectWorkbookContainer(bytes, { maxFileBytes: MAX_PLATFORM_FILE_BYTES });
  if (!container.ok) return failed(source, container.message);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'],
    });
  } catch {
    return failed(source, PLATFORM_FILE_MESSAGES.unreadable);
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible' || ws.state === undefined);
  if (!sheet) return failed(source, PLATFORM_FILE_MESSAGES.noSheet);
  const grid: GridRow[] = [];
  const width = sheet.columnCount;
  for (let rowNumber = 1; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.findRow(rowNumber);
    if (!row) continue;
    const cells: RawCellValue[] = [];
    for (let column = 1; column <= Math.max(width, row.cellCount); column += 1) {
      cells.push(row.getCell(column).value as RawCellValue);
    }
    grid.push({ rowNumber, cells });
  }
  return fromGrid(source, sheet.name, grid, merges(sheet), context);
}

function readCsv(bytes: Buffer, context: Context): PlatformFileRead {
  const source = PlatformImportSource.Csv;
  const text = decodeCsvText(bytes);
  if (text === null) return failed(source, PLATFORM_FILE_MESSAGES.encoding);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    return failed(source, PLATFORM_FILE_MESSAGES.csvSyntax(lines ?? null, csvErrorText(code)));
  }
  // A CSV row is what a spreadsheet shows as a row: record n (the header is 1).
  const grid = records.map((cells, index) => ({ rowNumber: index + 1, cells }));
  return fromGrid(source, '', grid, [], context);
}

/**
 * UTF-8 (with or without BOM) first, then GB18030, the superset of GBK that Excel on Chinese Windows saves "CSV" in.
 * Node's built-in WHATWG TextDecoder (full ICU) decodes both; `fatal` turns a wrong guess into a refusal.
 */
export function decodeCsvText(bytes: Buffer): string | null {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      // try the next encoding
    }
  }
  return null;
}

function csvErrorText(code: string | undefined): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return '引号没有闭合';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return '引号位置不正确（字段内的引号须写成两个引号 ""）';
    default:
      return '无法解析，请用 Excel 另存为「CSV UTF-8（逗号分隔）」后导入';
  }
}

function fromGrid(
  source: PlatformFileRead['source'],
  sheetName: string,
  grid: GridRow[],
  mergedRanges: { ref: string; top: number; bottom: number }[],
  context: Context,
): PlatformFileRead {
  const errors: PlatformImportError[] = [];
  const at = (row: number | null, column: string | null, value: string | null, message: string) =>
    errors.push({ sheet: sheetName, row, column, value, message });

  const headerIndex = grid.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => row.cells.some(isPlatformId));
  if (headerIndex < 0) return failed(source, HEADER_MESSAGES.noHeader, sheetName);
  const header = grid[headerIndex];

  const fieldColumn = new Map<PlatformFieldKey, number>();
  const monthColumn = new Map<string, number>();
  const headerText = new Map<number, string>();
  header.cells.forEach((cell, index) => {
    const text = plain(cell);
    if (!text) return;
    headerText.set(index, text);
    const match = matchHeader(text);
    if (match.kind === 'unknown') at(header.rowNumber, text, text, HEADER_MESSAGES.unknown(text));
    else if (match.kind === 'field') {
      const first = fieldColumn.get(match.key);
      if (first !== undefined) at(header.rowNumber, text, text, HEADER_MESSAGES.repeated(text, first + 1));
      else fieldColumn.set(match.key, index);
    } else {
      const first = monthColumn.get(match.month);
      if (first !== undefined) at(header.rowNumber, text, text, HEADER_MESSAGES.repeated(text, first + 1));
      else monthColumn.set(match.month, index);
    }
  });
  for (const field of PLATFORM_FIELDS) {
    if (field.required && !fieldColumn.has(field.key)) {
      at(header.rowNumber, field.header, null, HEADER_MESSAGES.missing(field.header));
    }
  }
  for (const merge of mergedRanges) {
    if (merge.bottom > header.rowNumber)
      at(Math.max(merge.top, header.rowNumber), null, merge.ref, PLATFORM_FILE_MESSAGES.merged(merge.ref));
  }
  if (errors.length > 0) return { source, records: [], errors };

  const rows: PlatformRowInput[] = [];
  for (const row of grid.slice(headerIndex + 1)) {
    if (row.cells.every((cell) => cellKind(cell) === CellKind.Empty)) continue;
    if (rows.length === MAX_PLATFORM_ROWS) {
      at(row.rowNumber, null, null, PLATFORM_FILE_MESSAGES.tooManyRows(MAX_PLATFORM_ROWS));
      return { source, records: [], errors };
    }
    const cells: PlatformRowInput['cells'] = {};
    for (const [key, index] of fieldColumn) cells[key] = row.cells[index];
    const months = [...monthColumn].map(([month, index]) => ({ month, raw: row.cells[index] }));
    rows.push({ rowNumber: row.rowNumber, cells, months });
  }
  if (rows.length === 0) return failed(source, PLATFORM_RULE_MESSAGES.noRows, sheetName);

  const labels: PlatformErrorLabels = {
    sheet: sheetName,
    field: (key) => headerText.get(fieldColumn.get(key) ?? -1) ?? PLATFORM_FIELDS.find((f) => f.key === key)!.header,
    month: (month) => headerText.get(monthColumn.get(month) ?? -1) ?? `${month}充电量（kWh）`,
  };
  const result = validatePlatformRows(rows, { ...context, labels });
  return { source, records: result.errors.length > 0 ? [] : result.records, errors: result.errors };
}

function isPlatformId(cell: RawCellValue): boolean {
  const text = plain(cell);
  const match = text ? matchHeader(text) : null;
  return match?.kind === 'field' && match.key === 'platformId';
}

function plain(cell: RawCellValue): string {
  const parsed = parseText(cell);
  return parsed.ok && parsed.value !== null ? parsed.value : '';
}

/** exceljs keeps merges here (master address → range); its type does not declare it. */
interface WithMerges {
  _merges: Record<string, { top: number; left: number; bottom: number; right: number } | undefined>;
}

function merges(sheet: ExcelJS.Worksheet): { ref: string; top: number; bottom: number }[] {
  return Object.values((sheet as unknown as WithMerges)._merges).flatMap((m) =>
    m ? [{ ref: `${letter(m.left)}${m.top}:${letter(m.right)}${m.bottom}`, top: m.top, bottom: m.bottom }] : [],
  );
}

function letter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function failed(source: PlatformFileRead['source'], message: string, sheet = ''): PlatformFileRead {
  return { source, records: [], errors: [{ sheet, row: null, column: null, value: null, message }] };
}
