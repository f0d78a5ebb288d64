import { once } from 'node:events';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ExactDecimalSum } from './exact-decimal.js';
import { neutraliseFormulaText } from './formula-neutraliser.js';
import { cellXml, DirectSheetRows, PlainCellValue, StyleRegistry } from './sheet-row-xml.js';

/**
 * The government table format the office sends upwards and to districts (issue 5 §2): a title row, a line with
 * 填报单位 and 报送日期, one or two header rows (a group header merged over its columns, a lone header merged down
 * both rows), the data, a totals row, notes; the header frozen, A4 landscape, fitted to the page width, header rows
 * repeated on every printed page, page numbers in the footer. Written with exceljs's streaming WorkbookWriter, so a
 * table of 300,000 rows takes no more memory than one of 20; every text cell goes through the formula neutraliser.
 * Data rows go into the sheet as the XML exceljs would write for them, without its per-cell objects
 * (sheet-row-xml.ts), in pieces that the compressor takes while the next rows are written.
 */
export enum GovCellKind {
  Text = 'text',
  /** 序号: the row's ordinal in the table (1-based); the column's value function is not called. */
  Index = 'index',
  Integer = 'integer',
  /** A decimal string (or number) shown with `scale` decimals. */
  Decimal = 'decimal',
  /** A ratio such as '0.8571' shown as 85.71%. */
  Percent = 'percent',
  /** 'YYYY-MM-DD' or a Date. */
  Date = 'date',
}

export type GovCellValue = string | number | Date | null | undefined;

export interface GovColumn<R> {
  header: string;
  /** Upper header shared by consecutive columns with the same group; a column without one spans both header rows. */
  group?: string;
  kind: GovCellKind;
  /** Decimals shown for Decimal (default 2) and Percent (default 2, i.e. 0.01%) columns; also the exact-sum scale. */
  scale?: number;
  /** Characters; a default by kind otherwise. */
  width?: number;
  /** An Excel number format instead of the kind's, e.g. '"↑"0;"↓"0;"持平"' for a rank change kept numeric. */
  numFmt?: string;
  value: (row: R, index: number) => GovCellValue;
  /** The totals row sums this column exactly (integers, decimal strings). */
  total?: 'sum';
  /** A fill colour (ARGB) for this cell of a row, e.g. 正常/预警/滞后. */
  fill?: (row: R) => string | null;
}

export interface GovTableSpec<R> {
  sheetName: string;
  title: string;
  /** 填报单位 */
  unit: string;
  /** 报送日期, 'YYYY-MM-DD'. */
  reportDate: string;
  /** Shown between unit and date, e.g. 「计量单位：个、台、千瓦」. */
  measure?: string;
  columns: readonly GovColumn<R>[];
  /** Columns frozen on the left besides the header rows (e.g. 序号 and 区县). */
  frozenColumns?: number;
  /**
   * A totals row below the data: with `row`, its cells come from the column functions (e.g. the city's own snapshot,
   * so the total is the figure the API shows); without, columns marked `total: 'sum'` are summed exactly.
   */
  totals?: { label: string; row?: R };
  notes?: readonly string[];
  orientation?: 'landscape' | 'portrait';
  /** Data rows per sheet before the table continues on a sheet named 「name（续2）」 (Excel stops at 1,048,576). */
  maxRowsPerSheet?: number;
}

export interface GovDocumentSpec {
  sheetName: string;
  title: string;
  unit: string;
  reportDate: string;
  /** Paragraphs, one merged row each; a paragraph starting with '#' is a bold heading. */
  paragraphs: readonly string[];
  /** Total width in characters of the merged text area. */
  width?: number;
}

export interface GovWorkbookOptions {
  creator?: string;
  created?: Date;
  /**
   * Data rows' XML written directly (sheet-row-xml.ts, the default) or through exceljs's Row and Cell objects (false:
   * the same bytes, slower; the reference the direct path is tested against).
   */
  directRows?: boolean;
}

/** Called after every batch of data rows with the rows written so far; awaited (progress, back-pressure). */
export type GovBatchListener = (rowsWritten: number) => Promise<void> | void;

const DEFAULT_MAX_ROWS_PER_SHEET = 1_000_000;
const FONT_NAME = '宋体';
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const DEFAULT_WIDTH: Record<GovCellKind, number> = {
  [GovCellKind.Text]: 16,
  [GovCellKind.Index]: 6,
  [GovCellKind.Integer]: 10,
  [GovCellKind.Decimal]: 12,
  [GovCellKind.Percent]: 10,
  [GovCellKind.Date]: 12,
};

/** Excel number format of a column. */
export function govNumberFormat(column: Pick<GovColumn<unknown>, 'kind' | 'scale'>): string {
  switch (column.kind) {
    case GovCellKind.Integer:
    case GovCellKind.Index:
      return '#,##0';
    case GovCellKind.Decimal: {
      const scale = column.scale ?? 2;
      return scale > 0 ? `#,##0.${'0'.repeat(scale)}` : '#,##0';
    }
    case GovCellKind.Percent: {
      const scale = column.scale ?? 2;
      return scale > 0 ? `0.${'0'.repeat(scale)}%` : '0%';
    }
    case GovCellKind.Date:
      return 'yyyy-mm-dd';
    default:
      return '@';
  }
}

/** A cell's stored value: numbers as numbers, dates as dates, text neutralised (issue 3, issue 5 §2). */
export function govCellValue(kind: GovCellKind, value: GovCellValue): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case GovCellKind.Integer:
    case GovCellKind.Index:
    case GovCellKind.Decimal:
    case GovCellKind.Percent: {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number)) throw new Error(`not a number for a ${kind} cell: ${String(value)}`);
      return number;
    }
    case GovCellKind.Date:
      // The serial day number with a date format is what Excel stores for a date (readers give a Date back); a Date
      // object per cell would be built here and taken apart again by exceljs.
      return excelDateSerial(value);
    default:
      return neutraliseFormulaText(value instanceof Date ? value.toISOString() : String(value));
  }
}

const EXCEL_EPOCH_OFFSET_DAYS = 25569; // 1970-01-01 is day 25569 of Excel's 1900 date system
const MS_PER_DAY = 86_400_000;
const serialCache = new Map<string, number>();

/** Excel's serial day of a calendar date ('YYYY-MM-DD…' or a Date at UTC midnight). */
export function excelDateSerial(value: string | number | Date): number {
  if (value instanceof Date) return value.getTime() / MS_PER_DAY + EXCEL_EPOCH_OFFSET_DAYS;
  const text = typeof value === 'string' && value.length === 10 ? value : String(value).slice(0, 10);
  let serial = serialCache.get(text);
  if (serial === undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error(`not a date for a date cell: ${String(value)}`);
    const utc = Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
    serial = utc / MS_PER_DAY + EXCEL_EPOCH_OFFSET_DAYS;
    if (serialCache.size < 100_000) serialCache.set(text, serial);
  }
  return serial;
}

/** 'YYYY-MM-DD' → 'YYYY年M月D日'. */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

type Sheet = ExcelJS.Worksheet;

export class GovernmentWorkbook {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheetNames = new Set<string>();
  private readonly directRows: boolean;

  /** Inline strings rather than a shared-string table: the table would hold every distinct text until commit. */
  constructor(
    private readonly output: Writable,
    options: GovWorkbookOptions = {},
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useStyles: true,
      useSharedStrings: false,
    });
    this.directRows = options.directRows ?? true;
    this.workbook.creator = options.creator ?? '居住社区公用充电设施建设月度报送系统';
    this.workbook.created = options.created ?? new Date();
  }

  /**
   * Writes a table. `source` is the rows, or batches of rows from an async source (a keyset-paged query): each batch
   * is written and committed before the next is asked for, and `onBatch` is awaited in between.
   */
  async addTable<R>(
    spec: GovTableSpec<R>,
    source: Iterable<R> | AsyncIterable<readonly R[]>,
    onBatch?: GovBatchListener,
  ): Promise<{ rows: number }> {
    const layout = new TableLayout(spec);
    const maxRows = spec.maxRowsPerSheet ?? DEFAULT_MAX_ROWS_PER_SHEET;
    const sums = spec.columns.map((column) =>
      column.total === 'sum'
        ? new ExactDecimalSum(column.kind === GovCellKind.Decimal ? (column.scale ?? 2) : 0)
        : null,
    );
    let part = 1;
    let sheet = this.startTableSheet(spec, layout, part);
    let rowNumber = layout.firstDataRow;
    let written = 0;
    let onSheet = 0;

    // Per-column lookups hoisted out of the cell loop: this runs once per cell of a 300,000-row table.
    const kinds = spec.columns.map((column) => column.kind);
    const values = spec.columns.map((column) => column.value);
    const fills = spec.columns.map((column) => column.fill);
    const width = kinds.length;
    const letters = spec.columns.map((_, index) => columnLetter(index + 1));
    const styleIds: (number | undefined)[] = new Array(width).fill(undefined);
    const styles = this.styles;
    let direct = this.openDirect(sheet, rowNumber);

    const cellValue = (row: R, index: number): ExcelJS.CellValue => {
      const kind = kinds[index];
      const raw = kind === GovCellKind.Index ? written + 1 : values[index](row, written);
      const sum = sums[index];
      if (sum !== null) sum.add(raw instanceof Date ? null : (raw as string | number | null | undefined));
      return govCellValue(kind, raw);
    };
    // Through exceljs's Row and Cell objects (the reference; the fallback when its internals are not as expected).
    const writeRowCells = (row: R) => {
      const excelRow = sheet.getRow(rowNumber);
      for (let index = 0; index < width; index += 1) {
        const cell = excelRow.getCell(index + 1);
        cell.value = cellValue(row, index);
        const fill = fills[index]?.(row);
        cell.style = fill ? layout.filledStyle(index, fill) : layout.dataStyles[index];
      }
      excelRow.commit();
    };
    // The same markup written directly (sheet-row-xml.ts); styles registered in the same order exceljs would.
    const writeRowXml = (row: R, rows: DirectSheetRows): boolean => {
      let cells = '';
      let hasValue = false;
      for (let index = 0; index < width; index += 1) {
        const value = cellValue(row, index) as PlainCellValue;
        const fill = fills[index]?.(row);
        const styleId = fill
          ? styles!.addStyleModel(layout.filledStyle(index, fill))
          : (styleIds[index] ??= styles!.addStyleModel(layout.dataStyles[index]));
        if (value !== null) hasValue = true;
        cells += cellXml(letters[index] + rowNumber, styleId, value);
      }
      return rows.row(rowNumber, width, cells, hasValue);
    };
    /** True when a piece of XML went to the compressor (time to let it work: see `writeRows`). */
    const writeRow = (row: R): boolean => {
      if (onSheet === maxRows) {
        direct?.close();
        sheet.commit();
        part += 1;
        sheet = this.startTableSheet(spec, layout, part);
        rowNumber = layout.firstDataRow;
        onSheet = 0;
        direct = this.openDirect(sheet, rowNumber);
      }
      let flushed = false;
      if (direct) flushed = writeRowXml(row, direct);
      else writeRowCells(row);
      rowNumber += 1;
      onSheet += 1;
      written += 1;
      return flushed;
    };
    // The zip entry's deflate stream takes one piece per turn of the event loop (zlib works on the thread pool and
    // calls back here): turning it after every piece lets compression run beside the writing instead of after it.
    const writeRows = async (rows: Iterable<R>) => {
      for (const row of rows) if (writeRow(row)) await new Promise((resolve) => setImmediate(resolve));
    };

    if (isAsyncIterable(source)) {
      for await (const batch of source) {
        await writeRows(batch);
        direct?.flush();
        await this.relievePressure(sheet);
        await onBatch?.(written);
      }
    } else {
      await writeRows(source);
      await onBatch?.(written);
    }
    direct?.close();

    if (spec.totals) {
      const totalsRow = sheet.getRow(rowNumber);
      totalsRow.height = 20;
      spec.columns.forEach((column, index) => {
        const cell = totalsRow.getCell(index + 1);
        cell.style = layout.totalStyles[index];
        if (index < layout.labelSpan) return;
        const { row } = spec.totals!;
        if (row !== undefined) cell.value = govCellValue(column.kind, column.value(row, written));
        else if (sums[index]) cell.value = govCellValue(column.kind, sums[index]!.toString());
      });
      totalsRow.getCell(1).value = neutraliseFormulaText(spec.totals.label);
      if (layout.labelSpan > 1) sheet.mergeCells(rowNumber, 1, rowNumber, layout.labelSpan);
      totalsRow.commit();
      rowNumber += 1;
    }
    for (const note of spec.notes ?? []) {
      const noteRow = sheet.getRow(rowNumber);
      noteRow.getCell(1).value = neutraliseFormulaText(note);
      noteRow.getCell(1).style = layout.noteStyle;
      noteRow.height = noteHeight(note, layout.totalWidth);
      sheet.mergeCells(rowNumber, 1, rowNumber, spec.columns.length);
      noteRow.commit();
      rowNumber += 1;
    }
    sheet.commit();
    return { rows: written };
  }

  /** A sheet of text: the title, the unit and date line, then paragraphs (a bulletin's summary). */
  addDocument(spec: GovDocumentSpec): void {
    const columns = 8;
    const width = spec.width ?? 120;
    const sheet = this.workbook.addWorksheet(this.uniqueName(spec.sheetName), {
      pageSetup: pageSetup('portrait'),
      headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
      views: [{ showGridLines: false }],
    }) as unknown as Sheet;
    sheet.columns = Array.from({ length: columns }, () => ({ width: width / columns }));
    writeTitleRows(sheet, spec, columns);
    let rowNumber = 4;
    for (const paragraph of spec.paragraphs) {
      const heading = paragraph.startsWith('#');
      const text = heading ? paragraph.replace(/^#+\s*/, '') : paragraph;
      const row = sheet.getRow(rowNumber);
      row.getCell(1).value = neutraliseFormulaText(text);
      row.getCell(1).style = {
        font: { name: FONT_NAME, size: heading ? 13 : 12, bold: heading },
        alignment: { wrapText: true, vertical: 'top', horizontal: 'left' },
      };
      row.height = heading ? 24 : noteHeight(text, width, 12);
      sheet.mergeCells(rowNumber, 1, rowNumber, columns);
      row.commit();
      rowNumber += 1;
    }
    sheet.commit();
  }

  /** Finishes the file; resolves when the output stream has taken the last byte. */
  async commit(): Promise<void> {
    await this.workbook.commit();
  }

  private startTableSheet<R>(spec: GovTableSpec<R>, layout: TableLayout<R>, part: number): Sheet {
    const name = this.uniqueName(part === 1 ? spec.sheetName : `${spec.sheetName}（续${part}）`);
    const frozenColumns = spec.frozenColumns ?? 0;
    const sheet = this.workbook.addWorksheet(name, {
      views: [
        {
          state: 'frozen',
          xSplit: frozenColumns,
          ySplit: layout.lastHeaderRow,
          activeCell: `${columnLetter(frozenColumns + 1)}${layout.firstDataRow}`,
        },
      ],
      pageSetup: { ...pageSetup(spec.orientation ?? 'landscape'), printTitlesRow: `3:${layout.lastHeaderRow}` },
      headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
    }) as unknown as Sheet;
    sheet.columns = layout.widths.map((width) => ({ width }));
    writeTitleRows(sheet, spec, spec.columns.length);
    layout.writeHeader(sheet);
    return sheet;
  }

  /** exceljs's style registry of the workbook (WorkbookWriter.styles), if it has one. */
  private get styles(): StyleRegistry | null {
    const styles = (this.workbook as unknown as { styles?: Partial<StyleRegistry> }).styles;
    return typeof styles?.addStyleModel === 'function' ? (styles as StyleRegistry) : null;
  }

  /** Direct row writing for the sheet's data from `rowNumber` on, or null to write through exceljs. */
  private openDirect(sheet: Sheet, rowNumber: number): DirectSheetRows | null {
    return this.directRows && this.styles ? DirectSheetRows.open(sheet, rowNumber) : null;
  }

  private uniqueName(wanted: string): string {
    // Excel: at most 31 characters, none of : \ / ? * [ ]
    const base = wanted.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);
    let name = base;
    for (let n = 2; this.sheetNames.has(name); n += 1) name = `${base.slice(0, 28)}_${n}`;
    this.sheetNames.add(name);
    return name;
  }

  /**
   * Waits while the compressor or the output has more queued than they should. exceljs's sheet stream (a StreamBuf)
   * writes into the zip entry's deflate stream without heeding its return value, so XML produced faster than it is
   * compressed piles up there: this is where the writer is held back (exceljs 4.4.0 internals: the sheet's `stream`
   * and its `pipes`; without them only the output is watched).
   */
  private async relievePressure(sheet: Sheet): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const pipes = (sheet as unknown as { stream?: { pipes?: QueuedWritable[] } }).stream?.pipes ?? [];
    for (;;) {
      const backlog = pipes.find((pipe) => queuedBytes(pipe) > COMPRESSOR_BACKLOG_BYTES);
      if (backlog) await once(backlog as unknown as Writable, 'drain');
      else if (this.output.writableNeedDrain) await once(this.output, 'drain');
      else return;
    }
  }
}

/** The zip entry's compressor is a readable-stream v2 Transform: its queue is in _writableState, not writableLength. */
interface QueuedWritable {
  writableLength?: number;
  _writableState?: { length: number; ended: boolean };
}

function queuedBytes(pipe: QueuedWritable): number {
  if (pipe._writableState?.ended) return 0;
  return pipe._writableState?.length ?? pipe.writableLength ?? 0;
}

/** Uncompressed XML allowed to wait for the compressor between batches. */
const COMPRESSOR_BACKLOG_BYTES = 4 * 1024 * 1024;

function pageSetup(orientation: 'landscape' | 'portrait'): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** Row 1 the title, row 2 「填报单位：…」 on the left, the measure in the middle, 「报送日期：…」 on the right. */
function writeTitleRows(
  sheet: Sheet,
  spec: { title: string; unit: string; reportDate: string; measure?: string },
  columns: number,
): void {
  const title = sheet.getRow(1);
  title.height = 36;
  title.getCell(1).value = neutraliseFormulaText(spec.title);
  title.getCell(1).style = {
    font: { name: FONT_NAME, size: 18, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  };
  if (columns > 1) sheet.mergeCells(1, 1, 1, columns);
  title.commit();

  const line = sheet.getRow(2);
  line.height = 22;
  const font = { name: FONT_NAME, size: 11 };
  const left = Math.max(1, Math.floor(columns / 2));
  const right = columns - left;
  line.getCell(1).value = neutraliseFormulaText(`填报单位：${spec.unit}`);
  line.getCell(1).style = { font, alignment: { horizontal: 'left', vertical: 'middle' } };
  if (left > 1) sheet.mergeCells(2, 1, 2, left);
  const dateText = `报送日期：${chineseDate(spec.reportDate)}`;
  if (right > 0) {
    const cell = line.getCell(left + 1);
    cell.value = neutraliseFormulaText(spec.measure ? `${spec.measure}    ${dateText}` : dateText);
    cell.style = { font, alignment: { horizontal: 'right', vertical: 'middle' } };
    if (right > 1) sheet.mergeCells(2, left + 1, 2, columns);
  }
  line.commit();
}

function noteHeight(text: string, widthChars: number, size = 10): number {
  // A CJK character is about two width units; 15 points a line at 11 pt.
  const units = [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
  const lines = Math.max(1, Math.ceil(units / Math.max(10, widthChars - 2)));
  return Math.max(18, lines * (size + 5));
}

function isAsyncIterable<R>(source: Iterable<R> | AsyncIterable<readonly R[]>): source is AsyncIterable<readonly R[]> {
  return typeof (source as AsyncIterable<R[]>)[Symbol.asyncIterator] === 'function';
}

/** Where everything goes, and one style object per column (exceljs reuses a style id per object). */
class TableLayout<R> {
  readonly twoLevel: boolean;
  readonly lastHeaderRow: number;
  readonly firstDataRow: number;
  readonly widths: number[];
  readonly totalWidth: number;
  readonly dataStyles: Partial<ExcelJS.Style>[];
  readonly totalStyles: Partial<ExcelJS.Style>[];
  readonly noteStyle: Partial<ExcelJS.Style>;
  /** Leading columns the totals label spans (序号 and the name column). */
  readonly labelSpan: number;
  private readonly fills = new Map<string, Partial<ExcelJS.Style>>();
  private readonly headerStyle: Partial<ExcelJS.Style>;

  constructor(private readonly spec: GovTableSpec<R>) {
    const { columns } = spec;
    if (columns.length === 0) throw new Error('a table needs columns');
    this.twoLevel = columns.some((c) => c.group);
    this.lastHeaderRow = this.twoLevel ? 4 : 3;
    this.firstDataRow = this.lastHeaderRow + 1;
    this.widths = columns.map((c) => c.width ?? DEFAULT_WIDTH[c.kind]);
    this.totalWidth = this.widths.reduce((a, b) => a + b, 0);
    const font = { name: FONT_NAME, size: 11 };
    this.dataStyles = columns.map((column) => ({
      font,
      border: BORDER,
      numFmt: column.numFmt ?? govNumberFormat(column),
      alignment: {
        vertical: 'middle',
        horizontal: column.kind === GovCellKind.Text ? 'left' : column.kind === GovCellKind.Index ? 'center' : 'right',
        wrapText: column.kind === GovCellKind.Text && (column.width ?? 0) >= 30,
      },
    }));
    this.totalStyles = this.dataStyles.map((style) => ({
      ...style,
      font: { ...font, bold: true },
      fill: TOTAL_FILL,
      alignment: { ...style.alignment },
    }));
    this.headerStyle = {
      font: { ...font, bold: true },
      fill: HEADER_FILL,
      border: BORDER,
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    };
    this.noteStyle = { font: { name: FONT_NAME, size: 10 }, alignment: { wrapText: true, vertical: 'top' } };
    let span = 0;
    while (
      span < Math.min(2, columns.length) &&
      (columns[span].kind === GovCellKind.Index || columns[span].kind === GovCellKind.Text) &&
      !columns[span].total
    )
      span += 1;
    this.labelSpan = Math.max(1, span);
    this.totalStyles[0] = { ...this.totalStyles[0], alignment: { horizontal: 'center', vertical: 'middle' } };
  }

  filledStyle(column: number, argb: string): Partial<ExcelJS.Style> {
    const key = `${column}:${argb}`;
    let style = this.fills.get(key);
    if (!style) {
      style = { ...this.dataStyles[column], fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } };
      this.fills.set(key, style);
    }
    return style;
  }

  writeHeader(sheet: Sheet): void {
    const { columns } = this.spec;
    const upper = sheet.getRow(3);
    const lower = this.twoLevel ? sheet.getRow(4) : null;
    upper.height = this.twoLevel ? 22 : 36;
    if (lower) lower.height = 36;
    let index = 0;
    while (index < columns.length) {
      const column = columns[index];
      if (!lower || !column.group) {
        const cell = upper.getCell(index + 1);
        cell.value = neutraliseFormulaText(column.header);
        cell.style = this.headerStyle;
        if (lower) {
          lower.getCell(index + 1).style = this.headerStyle;
          sheet.mergeCells(3, index + 1, 4, index + 1);
        }
        index += 1;
        continue;
      }
      let end = index;
      while (end + 1 < columns.length && columns[end + 1].group === column.group) end += 1;
      upper.getCell(index + 1).value = neutraliseFormulaText(column.group);
      for (let i = index; i <= end; i += 1) {
        upper.getCell(i + 1).style = this.headerStyle;
        const cell = lower.getCell(i + 1);
        cell.value = neutraliseFormulaText(columns[i].header);
        cell.style = this.headerStyle;
      }
      if (end > index) sheet.mergeCells(3, index + 1, 3, end + 1);
      index = end + 1;
    }
    upper.commit();
    lower?.commit();
  }
}
