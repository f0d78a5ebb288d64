/**
 * Checks an uploaded file's container before any spreadsheet library opens it (issue 3 §3: a .xls, a text file
 * renamed .xlsx, a 20 MB file and a zip bomb are refused with a clear message).
 *
 * An .xlsx is a zip. The central directory is read by hand and the declared sizes are checked before a single byte
 * is inflated; then every entry is inflated with its declared size as a hard output cap (zlib's maxOutputLength),
 * so an entry that lies about its size is stopped at the lie and never fills memory. Pure: no I/O, no exceljs.
 *
 * What it inflated is what the reader parses: the caller names the parts it needs and gets their bytes back, with each
 * worksheet's merged ranges, so no second unzip reads the file by its local headers, past these checks.
 */
import { inflateRawSync } from 'node:zlib';

export interface WorkbookLimits {
  /** Size of the uploaded file. Default 20 MiB. */
  maxFileBytes: number;
  /** Sum of the declared uncompressed sizes of all entries. Default 100 MiB. */
  maxUncompressedBytes: number;
  /** Entries in the zip; a workbook has a few dozen. Default 1,000. */
  maxEntries: number;
  /** Uncompressed : compressed ratio allowed for an entry larger than `ratioCheckFromBytes`. Default 200. */
  maxCompressionRatio: number;
  /** Entries smaller than this are not ratio-checked (tiny parts compress absurdly and harmlessly). Default 1 MiB. */
  ratioCheckFromBytes: number;
  /**
   * Cells in all worksheets (merged ranges and defined names count by area), counted in the XML before exceljs
   * builds them in memory. Default 500,000.
   */
  maxCells: number;
  /** Rows in one data sheet. Default 50,000. */
  maxRowsPerSheet: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_WORKBOOK_LIMITS: Readonly<WorkbookLimits> = Object.freeze({
  maxFileBytes: 20 * MIB,
  maxUncompressedBytes: 100 * MIB,
  maxEntries: 1000,
  maxCompressionRatio: 200,
  ratioCheckFromBytes: MIB,
  maxCells: 500_000,
  maxRowsPerSheet: 50_000,
});

export interface ContainerEntry {
  name: string;
  compressedBytes: number;
  uncompressedBytes: number;
}

export interface InspectionOptions {
  /** Parts whose inflated bytes the caller needs; they come back in `parts`. Default: none. */
  keepPart?: (name: string) => boolean;
}

export type ContainerInspection =
  | {
      ok: true;
      entries: ContainerEntry[];
      uncompressedBytes: number;
      cellCount: number;
      /** Merged ranges of each worksheet part (`xl/worksheets/sheet2.xml` → ['B2:B3']), top-left first, in file order. */
      merges: ReadonlyMap<string, readonly string[]>;
      /** The inflated bytes of the parts `keepPart` asked for. */
      parts: ReadonlyMap<string, Buffer>;
    }
  | { ok: false; message: string };

/** Parts every workbook has; exceljs and Excel both need them. */
export const REQUIRED_WORKBOOK_PARTS = ['[Content_Types].xml', 'xl/workbook.xml'] as const;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x0001;
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export const CONTAINER_MESSAGES = {
  empty: '文件为空（0 字节），请选择填写好的 .xlsx 文件重新上传',
  legacyXls:
    '请使用 .xlsx 格式（Excel 2007 及以上），不支持 .xls；请在 Excel 中「另存为」Excel 工作簿（*.xlsx）后上传。如文件设置了打开密码，请先取消密码',
  notZip: '文件不是有效的 .xlsx 工作簿（可能是修改了扩展名的其他文件），请上传从系统下载并填写的模板',
  corrupt: '文件已损坏：无法读取其中的目录，请在 Excel 中重新保存后上传',
  encrypted: '文件已加密，请取消密码后另存为 .xlsx 再上传',
  tooLarge: (bytes: number, limit: number) =>
    `文件大小 ${mebibytes(bytes)} MB 超过上限 ${mebibytes(limit)} MB，请删除多余的工作表、图片或空行后重新上传`,
  tooManyEntries: (count: number, limit: number) =>
    `文件包含 ${count} 个内部部件，超过上限 ${limit} 个，不是正常的报表文件`,
  uncompressedTooLarge: (bytes: number, limit: number) =>
    `文件解压后大小 ${mebibytes(bytes)} MB 超过上限 ${mebibytes(limit)} MB（疑似压缩炸弹），已拒绝`,
  ratio: (name: string, ratio: number) => `文件中的部件「${name}」压缩比 ${ratio}:1 异常（疑似压缩炸弹），已拒绝`,
  overlap: '文件结构异常：内部部件的数据相互重叠（疑似压缩炸弹），已拒绝',
  inflatedBeyondDeclared: (name: string) => `文件中的部件「${name}」实际解压大小超过其声明大小（疑似压缩炸弹），已拒绝`,
  badEntry: (name: string) => `文件已损坏：部件「${name}」无法解压，请在 Excel 中重新保存后上传`,
  unsupportedMethod: (name: string) =>
    `文件中的部件「${name}」使用了不支持的压缩方式，请在 Excel 中重新保存为 .xlsx 后上传`,
  missingPart: (part: string) => `文件不是有效的 .xlsx 工作簿：缺少 ${part}，请上传从系统下载并填写的模板`,
  tooManyCells: (cells: number, limit: number) =>
    `文件包含 ${cells} 个单元格，超过上限 ${limit} 个，请删除多余的内容后重新上传`,
} as const;

interface CentralEntry extends ContainerEntry {
  method: number;
  flags: number;
  localHeaderOffset: number;
}

export function inspectWorkbookContainer(
  buffer: Buffer,
  limits: Partial<WorkbookLimits> = {},
  options: InspectionOptions = {},
): ContainerInspection {
  const limit = { ...DEFAULT_WORKBOOK_LIMITS, ...limits };
  if (buffer.length === 0) return fail(CONTAINER_MESSAGES.empty);
  if (buffer.length >= OLE_MAGIC.length && buffer.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC)) {
    // OLE compound file: a legacy .xls, or an .xlsx with an open password (Office encrypts into OLE).
    return fail(CONTAINER_MESSAGES.legacyXls);
  }
  if (buffer.length > limit.maxFileBytes) return fail(CONTAINER_MESSAGES.tooLarge(buffer.length, limit.maxFileBytes));
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== SIG_LOCAL) return fail(CONTAINER_MESSAGES.notZip);

  const directory = readCentralDirectory(buffer, limit.maxEntries);
  if (!directory.ok) return directory;
  const entries = directory.entries;

  let total = 0;
  for (const entry of entries) {
    if (entry.flags & FLAG_ENCRYPTED) return fail(CONTAINER_MESSAGES.encrypted);
    if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
      return fail(CONTAINER_MESSAGES.unsupportedMethod(entry.name));
    }
    total += entry.uncompressedBytes;
    if (total > limit.maxUncompressedBytes) {
      return fail(CONTAINER_MESSAGES.uncompressedTooLarge(sumDeclared(entries), limit.maxUncompressedBytes));
    }
    if (entry.uncompressedBytes >= limit.ratioCheckFromBytes) {
      const ratio = entry.uncompressedBytes / Math.max(entry.compressedBytes, 1);
      if (ratio > limit.maxCompressionRatio) return fail(CONTAINER_MESSAGES.ratio(entry.name, Math.round(ratio)));
    }
  }
  const names = new Set(entries.map((entry) => entry.name));
  for (const part of REQUIRED_WORKBOOK_PARTS) {
    if (!names.has(part)) return fail(CONTAINER_MESSAGES.missingPart(part));
  }

  const located = locateData(buffer, entries, directory.centralDirectoryOffset);
  if (!located.ok) return located;

  let cellCount = 0;
  const merges = new Map<string, string[]>();
  const parts = new Map<string, Buffer>();
  for (const { entry, start } of located.data) {
    const inflated = inflateBounded(buffer.subarray(start, start + entry.compressedBytes), entry);
    if (!inflated.ok) return inflated;
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) {
      // A merged range counts by its area: the reader marks every cell of it.
      const merged = mergedRanges(inflated.data);
      merges.set(entry.name, merged.refs);
      cellCount += countCells(inflated.data) + merged.area;
    } else if (entry.name === 'xl/workbook.xml') {
      // So does a defined name: exceljs's workbook model builds a cell for every address of its range, so a 24 KB
      // file naming A1:XFD1048576 would never finish loading in any exceljs reader that reconciles defined names.
      cellCount += definedNameArea(inflated.data);
    }
    if (cellCount > limit.maxCells) return fail(CONTAINER_MESSAGES.tooManyCells(cellCount, limit.maxCells));
    if (options.keepPart?.(entry.name)) parts.set(entry.name, inflated.data);
  }
  const publicEntries = entries.map(({ name, compressedBytes, uncompressedBytes }) => ({
    name,
    compressedBytes,
    uncompressedBytes,
  }));
  return { ok: true, entries: publicEntries, uncompressedBytes: total, cellCount, merges, parts };
}

type Failure = { ok: false; message: string };

function fail(message: string): Failure {
  return { ok: false, message };
}

function readCentralDirectory(
  buffer: Buffer,
  maxEntries: number,
): { ok: true; entries: CentralEntry[]; centralDirectoryOffset: number } | Failure {
  const eocd = findEndOfCentralDirectory(buffer);
  if (eocd < 0) return fail(CONTAINER_MESSAGES.corrupt);
  const disk = buffer.readUInt16LE(eocd + 4);
  const directoryDisk = buffer.readUInt16LE(eocd + 6);
  let count = buffer.readUInt16LE(eocd + 10);
  let size = buffer.readUInt32LE(eocd + 12);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (disk !== 0 || directoryDisk !== 0) return fail(CONTAINER_MESSAGES.corrupt);

  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const zip64 = readZip64End(buffer, eocd);
    if (!zip64) return fail(CONTAINER_MESSAGES.corrupt);
    ({ count, size, offset } = zip64);
  }
  if (count > maxEntries) return fail(CONTAINER_MESSAGES.tooManyEntries(count, maxEntries));
  if (offset + size > eocd) return fail(CONTAINER_MESSAGES.corrupt);

  const entries: CentralEntry[] = [];
  let at = offset;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > offset + size || buffer.readUInt32LE(at) !== SIG_CENTRAL) return fail(CONTAINER_MESSAGES.corrupt);
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    let compressedBytes = buffer.readUInt32LE(at + 20);
    let uncompressedBytes = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    let localHeaderOffset = buffer.readUInt32LE(at + 42);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > offset + size) return fail(CONTAINER_MESSAGES.corrupt);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    if (uncompressedBytes === 0xffffffff || compressedBytes === 0xffffffff || localHeaderOffset === 0xffffffff) {
      const extra = readZip64Extra(buffer.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), {
        uncompressed: uncompressedBytes === 0xffffffff,
        compressed: compressedBytes === 0xffffffff,
        offset: localHeaderOffset === 0xffffffff,
      });
      if (!extra) return fail(CONTAINER_MESSAGES.corrupt);
      uncompressedBytes = extra.uncompressed ?? uncompressedBytes;
      compressedBytes = extra.compressed ?? compressedBytes;
      localHeaderOffset = extra.offset ?? localHeaderOffset;
    }
    entries.push({ name, flags, method, compressedBytes, uncompressedBytes, localHeaderOffset });
    at = end;
  }
  return { ok: true, entries, centralDirectoryOffset: offset };
}

/** The last EOCD signature whose directory lies before it; tolerates a trailing comment. */
function findEndOfCentralDirectory(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = buffer.length - EOCD_SIZE; at >= lowest; at -= 1) {
    if (buffer.readUInt32LE(at) === SIG_EOCD) return at;
  }
  return -1;
}

function readZip64End(buffer: Buffer, eocd: number): { count: number; size: number; offset: number } | null {
  const locator = eocd - 20;
  if (locator < 0 || buffer.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) return null;
  const recordAt = safeNumber(buffer.readBigUInt64LE(locator + 8));
  if (recordAt + 56 > locator || buffer.readUInt32LE(recordAt) !== SIG_ZIP64_EOCD) return null;
  return {
    count: safeNumber(buffer.readBigUInt64LE(recordAt + 32)),
    size: safeNumber(buffer.readBigUInt64LE(recordAt + 40)),
    offset: safeNumber(buffer.readBigUInt64LE(recordAt + 48)),
  };
}

function readZip64Extra(
  extra: Buffer,
  wanted: { uncompressed: boolean; compressed: boolean; offset: boolean },
): { uncompressed?: number; compressed?: number; offset?: number } | null {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      const fields: { uncompressed?: number; compressed?: number; offset?: number } = {};
      let field = at + 4;
      const take = (): number | null => {
        if (field + 8 > at + 4 + length) return null;
        const value = safeNumber(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      // APPNOTE 4.5.3: only the fields saturated in the header are present, in this order.
      for (const key of ['uncompressed', 'compressed', 'offset'] as const) {
        if (!wanted[key]) continue;
        const value = take();
        if (value === null) return null;
        fields[key] = value;
      }
      return fields;
    }
    at += 4 + length;
  }
  return null;
}

/** Sizes beyond 2^53 are absurd here; saturating keeps every later comparison a rejection. */
function safeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

function locateData(
  buffer: Buffer,
  entries: CentralEntry[],
  centralDirectoryOffset: number,
): { ok: true; data: { entry: CentralEntry; start: number }[] } | Failure {
  const data: { entry: CentralEntry; start: number }[] = [];
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (at + 30 > centralDirectoryOffset || buffer.readUInt32LE(at) !== SIG_LOCAL) {
      return fail(CONTAINER_MESSAGES.corrupt);
    }
    const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
    if (start + entry.compressedBytes > centralDirectoryOffset) return fail(CONTAINER_MESSAGES.corrupt);
    data.push({ entry, start });
  }
  // Overlapping entries are how a non-recursive zip bomb multiplies one compressed block many times.
  const ordered = [...data].sort((a, b) => a.entry.localHeaderOffset - b.entry.localHeaderOffset);
  for (let index = 1; index < ordered.length; index += 1) {
    const previous = ordered[index - 1];
    if (ordered[index].entry.localHeaderOffset < previous.start + previous.entry.compressedBytes) {
      return fail(CONTAINER_MESSAGES.overlap);
    }
  }
  return { ok: true, data };
}

function inflateBounded(compressed: Buffer, entry: CentralEntry): { ok: true; data: Buffer } | Failure {
  if (entry.method === METHOD_STORED) {
    return entry.compressedBytes === entry.uncompressedBytes
      ? { ok: true, data: compressed }
      : fail(CONTAINER_MESSAGES.badEntry(entry.name));
  }
  try {
    // maxOutputLength must be ≥ 1; an entry declared empty may still only inflate to nothing.
    const data = inflateRawSync(compressed, { maxOutputLength: Math.max(entry.uncompressedBytes, 1) });
    if (data.length > entry.uncompressedBytes) return fail(CONTAINER_MESSAGES.inflatedBeyondDeclared(entry.name));
    return { ok: true, data };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return fail(CONTAINER_MESSAGES.inflatedBeyondDeclared(entry.name));
    }
    return fail(CONTAINER_MESSAGES.badEntry(entry.name));
  }
}

const CELL_OPEN = Buffer.from('<c ');
const CELL_OPEN_BARE = Buffer.from('<c>');

/** `<c ` and `<c>` open a cell; `<col`/`<cols>` do not match either. */
function countCells(xml: Buffer): number {
  let count = 0;
  for (const needle of [CELL_OPEN, CELL_OPEN_BARE]) {
    for (let at = xml.indexOf(needle); at >= 0; at = xml.indexOf(needle, at + needle.length)) count += 1;
  }
  return count;
}

/** `<mergeCell ref="B3:C4"/>`, either quote; a lone `ref="B3"` is a one-cell range. */
const MERGE_REF = /<mergeCell\s[^>]*?ref=(["'])([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?\1/g;

function mergedRanges(xml: Buffer): { refs: string[]; area: number } {
  const refs: string[] = [];
  if (xml.indexOf('<mergeCell') < 0) return { refs, area: 0 };
  let area = 0;
  for (const [, , l, t, r = l, b = t] of xml.toString('latin1').matchAll(MERGE_REF)) {
    const [left, right] = [columnNumber(l), columnNumber(r)].sort((x, y) => x - y);
    const [top, bottom] = [Number(t), Number(b)].sort((x, y) => x - y);
    area += (right - left + 1) * (bottom - top + 1);
    refs.push(`${columnLetters(left)}${top}:${columnLetters(right)}${bottom}`);
  }
  return { refs, area };
}

/** The ranges exceljs expands: `$A$1` or `$A$1:$B$2` (its rangeRegexp), each comma-separated part of a name. */
const DEFINED_NAME = /<definedName\b[^>]*>([^<]*)<\/definedName>/g;
const ABSOLUTE_RANGE = /\$([A-Z]{1,3})\$(\d{1,7})(?::\$([A-Z]{1,3})\$(\d{1,7}))?/;

function definedNameArea(xml: Buffer): number {
  if (xml.indexOf('<definedName') < 0) return 0;
  let area = 0;
  for (const [, text] of xml.toString('utf8').matchAll(DEFINED_NAME)) {
    for (const part of text.split(',')) {
      const range = ABSOLUTE_RANGE.exec(part.split('!').pop() ?? '');
      if (!range) continue;
      const [, left, top, right = left, bottom = top] = range;
      area += (Math.abs(columnNumber(right) - columnNumber(left)) + 1) * (Math.abs(Number(bottom) - Number(top)) + 1);
    }
  }
  return area;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + letter.charCodeAt(0) - 64;
  return n;
}

function columnLetters(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function sumDeclared(entries: CentralEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.uncompressedBytes, 0);
}

function mebibytes(bytes: number): string {
  const value = bytes / MIB;
  return value >= 100 ? String(Math.round(value)) : value.toFixed(1);
}
