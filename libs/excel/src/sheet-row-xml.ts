import type ExcelJS from 'exceljs';

/**
 * Data rows written as SpreadsheetML straight into an exceljs streaming worksheet, the exact markup exceljs 4.4.0's
 * row and cell xforms produce for them (held byte for byte by sheet-row-xml.spec.ts), without a Row, a
 * Cell, a model and an XmlStream per cell on the way: on a 300,000-row export that machinery is most of the time.
 * Everything else of the sheet (title, headers, merges, totals, notes, views, page setup, styles.xml, the zip) is still
 * exceljs's own.
 *
 * It relies on the streaming WorksheetWriter's internals (`stream`, `startedData`, `_rowZero`, `_rows`): `open`
 * returns null when they are not as expected (another exceljs version), and the caller then writes through exceljs.
 */

/** The internals of exceljs 4.4.0's stream/xlsx/worksheet-writer.js used here. */
interface StreamingSheetInternals {
  stream?: { write(text: string): unknown };
  startedData?: boolean;
  _rowZero?: number;
  _rows?: unknown[] | null;
}

/** exceljs's style registry (StylesXform): one id per style object, kept in a WeakMap by object. */
export interface StyleRegistry {
  addStyleModel(style: Partial<ExcelJS.Style>): number;
}

/** Cell values as govCellValue gives them. */
export type PlainCellValue = string | number | null;

/** Characters exceljs drops from text (utils.xmlEncode); tab, LF and CR are kept. */
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/** exceljs's xmlEncode: the five entities escaped, control characters XML 1.0 refuses removed. */
export function xmlText(text: string): string {
  const first = XML_SPECIAL.exec(text);
  if (!first) return text;
  let result = '';
  let last = 0;
  for (let i = first.index; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    let escape: string;
    if (code === 34) escape = '&quot;';
    else if (code === 38) escape = '&amp;';
    else if (code === 39) escape = '&apos;';
    else if (code === 60) escape = '&lt;';
    else if (code === 62) escape = '&gt;';
    else if (code === 127 || (code <= 31 && (code <= 8 || (code >= 11 && code !== 13)))) escape = '';
    else continue;
    if (last !== i) result += text.substring(last, i);
    last = i + 1;
    result += escape;
  }
  return last !== text.length ? result + text.substring(last) : result;
}

/**
 * Rows' XML gathered up to about this many characters before one write into the sheet's stream: about one of the
 * 64 KiB pieces exceljs's sheet stream hands to the zip entry's compressor.
 */
const FLUSH_CHARS = 64 * 1024;

export class DirectSheetRows {
  private pending: string[] = [];
  private pendingChars = 0;

  private constructor(
    private readonly sheet: Required<Pick<StreamingSheetInternals, 'stream'>> & StreamingSheetInternals,
    private nextRow: number,
  ) {}

  /**
   * Takes over the sheet's rows from `rowNumber` on, or null if the sheet is not a streaming worksheet with every
   * earlier row committed and its data begun (then write through exceljs).
   */
  static open(sheet: unknown, rowNumber: number): DirectSheetRows | null {
    const internals = sheet as StreamingSheetInternals;
    if (
      typeof internals.stream?.write !== 'function' ||
      internals.startedData !== true ||
      internals._rowZero !== rowNumber ||
      !Array.isArray(internals._rows) ||
      internals._rows.length !== 0
    )
      return null;
    return new DirectSheetRows(internals as DirectSheetRows['sheet'], rowNumber);
  }

  /**
   * One row: `cells` is the XML of its cells (see `cellXml`). A row with no value in any cell is left out, as exceljs
   * leaves it out (its number is still used up). True when the gathered rows were written into the stream.
   */
  row(rowNumber: number, span: number, cells: string, hasValue: boolean): boolean {
    if (rowNumber !== this.nextRow) throw new Error(`row ${rowNumber} written out of order (expected ${this.nextRow})`);
    this.nextRow = rowNumber + 1;
    if (!hasValue) return false;
    const xml = `<row r="${rowNumber}" spans="1:${span}" x14ac:dyDescent="0.25">${cells}</row>`;
    this.pending.push(xml);
    this.pendingChars += xml.length;
    if (this.pendingChars < FLUSH_CHARS) return false;
    this.flush();
    return true;
  }

  /** Writes what is gathered into the sheet's stream. */
  flush(): void {
    if (this.pending.length === 0) return;
    this.sheet.stream.write(this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  /** Hands the sheet back to exceljs: its next row is the one after the last written here. */
  close(): void {
    this.flush();
    this.sheet._rowZero = this.nextRow;
  }
}

/** A cell as exceljs's cell xform renders it: a number, inline text (t="str"), or an empty styled cell. */
export function cellXml(ref: string, styleId: number, value: PlainCellValue): string {
  const style = styleId ? ` s="${styleId}"` : '';
  if (value === null) return styleId ? `<c r="${ref}"${style}/>` : '';
  if (typeof value === 'number') return `<c r="${ref}"${style}><v>${value}</v></c>`;
  return `<c r="${ref}"${style} t="str"><v>${xmlText(value)}</v></c>`;
}
