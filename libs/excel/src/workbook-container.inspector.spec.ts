import { deflateRawSync } from 'node:zlib';
// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import { sampleTemplateInput } from '../../../test/fixtures/report-template-input.factory.js';
// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import { buildZip, deflatedZeros } from '../../../test/fixtures/zip-archive.builder.js';
import { writeReportTemplate } from './report-template.writer.js';
import { CONTAINER_MESSAGES, inspectWorkbookContainer } from './workbook-container.inspector.js';

const parts = (
  sheet = Buffer.from('<worksheet><sheetData><row r="1"><c r="A1"/><c r="B1"/></row></sheetData></worksheet>'),
) => [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
  { name: 'xl/worksheets/sheet1.xml', data: sheet },
];

/** Sets a field of every central directory header, as a tool writing odd zips would. */
function patchCentral(zip: Buffer, offset: number, value: number): Buffer {
  const copy = Buffer.from(zip);
  for (let at = copy.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0;) {
    copy.writeUInt16LE(value, at + offset);
    at = copy.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4);
  }
  return copy;
}

describe('inspectWorkbookContainer', () => {
  it('accepts a written template and counts its cells without exceljs', async () => {
    const result = inspectWorkbookContainer(await writeReportTemplate(sampleTemplateInput()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entries.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet2.xml']),
    );
    expect(result.cellCount).toBeGreaterThan(3 * 12 + 3 * 24);
  });

  it('counts cells (not <col> elements) and the area of merged ranges', () => {
    const sheet = Buffer.from(
      '<worksheet><cols><col min="1" max="2"/></cols><sheetData><row r="1"><c r="A1"/><c>x</c></row></sheetData>' +
        '<mergeCells count="1"><mergeCell ref="B3:C4"/></mergeCells></worksheet>',
    );
    expect(inspectWorkbookContainer(buildZip(parts(sheet)))).toMatchObject({ ok: true, cellCount: 2 + 4 });
  });

  it('counts the area of every absolute range a defined name covers, as exceljs builds a cell for each', () => {
    // 'A'!$A$1:$C$4 is 3 × 4 = 12, $E$5 is 1, a whole column ($A:$A) is not expanded by exceljs and not counted.
    const workbook = Buffer.from(
      '<workbook><definedNames><definedName name="x">\'社区\'!$A$1:$C$4,Sheet2!$E$5</definedName>' +
        '<definedName name="y" localSheetId="0">Sheet1!$A:$A</definedName></definedNames></workbook>',
    );
    const zip = buildZip(parts().map((part) => (part.name === 'xl/workbook.xml' ? { ...part, data: workbook } : part)));
    expect(inspectWorkbookContainer(zip)).toMatchObject({ ok: true, cellCount: 2 + 12 + 1 });
    // A 24-byte range that would make exceljs build 17 billion cells is refused before exceljs sees it.
    const bomb = Buffer.from(
      '<workbook><definedNames><definedName name="z">S!$A$1:$XFD$1048576</definedName></definedNames></workbook>',
    );
    const refused = buildZip(parts().map((part) => (part.name === 'xl/workbook.xml' ? { ...part, data: bomb } : part)));
    expect(inspectWorkbookContainer(refused)).toEqual({
      ok: false,
      message: CONTAINER_MESSAGES.tooManyCells(16384 * 1048576, 500_000),
    });
  });

  it("returns each worksheet's merged ranges (top-left first) and the inflated parts asked for", () => {
    const sheet = Buffer.from(
      '<worksheet><sheetData/><mergeCells count="3"><mergeCell ref="B3:C4"/><mergeCell ref=\'E9:D7\'/>' +
        '<mergeCell ref="F1"/></mergeCells></worksheet>',
    );
    const zip = buildZip([...parts(sheet), { name: 'xl/worksheets/sheet2.xml', data: parts()[2].data }]);
    const result = inspectWorkbookContainer(zip, {}, { keepPart: (name) => name.startsWith('xl/worksheets/') });
    expect(result).toMatchObject({ ok: true, cellCount: 4 + 6 + 1 + 2 });
    if (!result.ok) return;
    expect(Object.fromEntries(result.merges)).toEqual({
      'xl/worksheets/sheet1.xml': ['B3:C4', 'D7:E9', 'F1:F1'],
      'xl/worksheets/sheet2.xml': [],
    });
    expect([...result.parts.keys()]).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    expect(result.parts.get('xl/worksheets/sheet1.xml')).toEqual(sheet);
    expect(inspectWorkbookContainer(zip)).toMatchObject({ ok: true, parts: new Map() });
  });

  it('reads ZIP64 records and tolerates an archive comment', () => {
    expect(inspectWorkbookContainer(buildZip(parts(), { zip64: true }))).toMatchObject({ ok: true, cellCount: 2 });
    expect(inspectWorkbookContainer(buildZip(parts(), { comment: '由 WPS 保存' }))).toMatchObject({ ok: true });
  });

  it('refuses a truncated file, an encrypted entry and an unknown compression method', () => {
    const zip = buildZip(parts());
    expect(inspectWorkbookContainer(zip.subarray(0, zip.length - 30))).toEqual({
      ok: false,
      message: CONTAINER_MESSAGES.corrupt,
    });
    expect(inspectWorkbookContainer(patchCentral(zip, 8, 0x0801))).toEqual({
      ok: false,
      message: CONTAINER_MESSAGES.encrypted,
    });
    expect(inspectWorkbookContainer(patchCentral(zip, 10, 12))).toEqual({
      ok: false,
      message: CONTAINER_MESSAGES.unsupportedMethod('[Content_Types].xml'),
    });
  });

  it('refuses an entry whose data is not deflate', () => {
    const garbage = buildZip([
      ...parts().slice(0, 2),
      { name: 'xl/worksheets/sheet1.xml', compressed: Buffer.from([0xff, 0xff, 0xff, 0xff]), declaredSize: 10 },
    ]);
    expect(inspectWorkbookContainer(garbage)).toEqual({
      ok: false,
      message: CONTAINER_MESSAGES.badEntry('xl/worksheets/sheet1.xml'),
    });
  });

  it('applies each limit from the options', () => {
    const zip = buildZip(parts());
    expect(inspectWorkbookContainer(zip, { maxEntries: 2 })).toEqual({
      ok: false,
      message: CONTAINER_MESSAGES.tooManyEntries(3, 2),
    });
    expect(inspectWorkbookContainer(zip, { maxCells: 1 })).toEqual({
      ok: false,
      message: CONTAINER_MESSAGES.tooManyCells(2, 1),
    });
    const zeros = deflatedZeros(2 * 1024 * 1024);
    const honest = buildZip([
      ...parts().slice(0, 2),
      { name: 'xl/media/image1.png', compressed: zeros, declaredSize: 2 * 1024 * 1024 },
    ]);
    expect(inspectWorkbookContainer(honest, { maxCompressionRatio: 5000 })).toMatchObject({ ok: true });
    expect(inspectWorkbookContainer(honest, { maxUncompressedBytes: 1024 * 1024 })).toEqual({
      ok: false,
      message: CONTAINER_MESSAGES.uncompressedTooLarge(2 * 1024 * 1024 + 19, 1024 * 1024),
    });
  });

  it('stops inflating at the declared size: a lying entry never fills memory', () => {
    const data = deflateRawSync(Buffer.alloc(4096, 0x41));
    const lying = buildZip([...parts().slice(0, 2), { name: 'xl/styles.xml', compressed: data, declaredSize: 100 }]);
    expect(inspectWorkbookContainer(lying)).toEqual({
      ok: false,
      message: CONTAINER_MESSAGES.inflatedBeyondDeclared('xl/styles.xml'),
    });
  });
});
