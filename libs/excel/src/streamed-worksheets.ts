/**
 * Hands exceljs's streaming WorkbookReader the parts the container inspector already inflated and checked, rather
 * than the upload itself:
 *
 * - exceljs unzips with unzipper, which walks the local file headers from the front; a file can carry entries (or
 *   sizes) there that the central directory the inspector checked does not, and those would be inflated unbounded;
 * - the streaming reader needs the workbook, its relationships and the shared strings before a sheet, or it spills
 *   each sheet to a temporary file (Excel and exceljs write the sheets first), and the styles before a sheet, or a
 *   date cell arrives as a bare number;
 * - only the sheets asked for are parsed.
 *
 * So the parts go in again as a stored (uncompressed) zip in the order the reader needs: workbook, relationships
 * (empty: names and order come from the manifest), shared strings (empty when the file has none), styles, then the
 * sheets asked for, renamed sheet1.xml … sheetN.xml so that exceljs parses each and yields them in that order. The zip
 * is fed in 64 KiB slices, as a file stream would be, so that the parser's work per step stays bounded.
 */
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { WORKBOOK_PART, WORKBOOK_RELS_PART, WorkbookManifest } from './workbook-manifest.js';

const SLICE_BYTES = 64 * 1024;
const EMPTY_RELS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
);
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

const STREAM_READER_OPTIONS: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions> = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  // Needed: a number in a cell with a date format is a date (exceljs turns it into a Date, as its in-memory reader does).
  styles: 'cache',
  hyperlinks: 'ignore',
  entries: 'ignore',
};

/**
 * The worksheets in `sheetParts` (entries of `parts`, in that order), each as exceljs's streaming WorksheetReader:
 * iterate its rows fully before taking the next sheet. Throws what exceljs throws on XML it cannot read.
 */
export async function* streamWorksheets(
  parts: ReadonlyMap<string, Buffer>,
  manifest: WorkbookManifest,
  sheetParts: readonly string[],
): AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader> {
  const part = (name: string | null) => (name === null ? undefined : parts.get(name));
  const entries: { name: string; data: Buffer }[] = [
    { name: WORKBOOK_PART, data: part(WORKBOOK_PART)! },
    { name: WORKBOOK_RELS_PART, data: EMPTY_RELS },
    { name: 'xl/sharedStrings.xml', data: part(manifest.sharedStringsPart) ?? EMPTY_SHARED_STRINGS },
    ...(manifest.stylesPart ? [{ name: 'xl/styles.xml', data: part(manifest.stylesPart)! }] : []),
    ...sheetParts.map((name, index) => ({ name: `xl/worksheets/sheet${index + 1}.xml`, data: parts.get(name)! })),
  ];
  const input = Readable.from(slices(storedZip(entries)), { objectMode: false });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, STREAM_READER_OPTIONS);
  let yielded = 0;
  for await (const worksheet of reader) {
    yielded += 1;
    yield worksheet;
  }
  if (yielded !== sheetParts.length) throw new Error(`exceljs read ${yielded} of ${sheetParts.length} sheets`);
}

function* slices(chunks: Buffer[]): Generator<Buffer> {
  for (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) yield chunk.subarray(at, at + SLICE_BYTES);
  }
}

/** A zip of stored entries (APPNOTE 4.3): local headers with sizes and CRC, central directory, end record. */
function storedZip(entries: { name: string; data: Buffer }[]): Buffer[] {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    chunks.push(local, fileName, data);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // version made by
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(fileName.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const centralBytes = central.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes, 12);
  end.writeUInt32LE(offset, 16);
  return [...chunks, ...central, end];
}
