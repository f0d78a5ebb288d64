/**
 * What the streaming read must get right beyond the corpus: text across exceljs's chunk boundaries, workbooks laid
 * out by other writers (part names, absolute relationship targets, zip order), cell encodings Excel does not write
 * but other tools do, and the central directory as the only truth about what the file holds.
 */
// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import { mutate } from '../../../test/fixtures/generate-malformed-reports.js';
// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import { largeTemplateInput, sampleTemplateInput } from '../../../test/fixtures/report-template-input.factory.js';
// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import { buildZip } from '../../../test/fixtures/zip-archive.builder.js';
import { TEMPLATE_SHEETS } from './report-template.definition.js';
import { writeReportTemplate } from './report-template.writer.js';
import { READER_MESSAGES, ReportWorkbookRead, readReportWorkbook } from './report-workbook.reader.js';
import { inspectWorkbookContainer } from './workbook-container.inspector.js';

jest.setTimeout(120_000);

interface Part {
  name: string;
  data: Buffer;
}

/** Every entry of a zip, in file order, inflated. */
function unzip(buffer: Buffer): Part[] {
  const inspection = inspectWorkbookContainer(buffer, {}, { keepPart: () => true });
  if (!inspection.ok) throw new Error(inspection.message);
  return inspection.entries.map(({ name }) => ({ name, data: inspection.parts.get(name)! }));
}

const text = (part: Part | undefined) => part!.data.toString('utf8');
const find = (parts: Part[], name: string) => parts.find((part) => part.name === name);
const replace = (parts: Part[], name: string, edit: (xml: string) => string): Part[] =>
  parts.map((part) => (part.name === name ? { name, data: Buffer.from(edit(text(part)), 'utf8') } : part));

/** The part holding the named sheet, by the workbook's own relationships. */
function sheetPart(parts: Part[], sheet: string): string {
  const rId = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(text(find(parts, 'xl/workbook.xml')));
  const target = new RegExp(`Id="${rId![1]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rId![1]}"`).exec(
    text(find(parts, 'xl/_rels/workbook.xml.rels')),
  );
  return `xl/${target![1] ?? target![2]}`;
}

/** What a reader result says, without the row objects' identity. */
const summary = (read: ReportWorkbookRead) => JSON.parse(JSON.stringify(read)) as unknown;

let template: Buffer;
let expected: unknown;

beforeAll(async () => {
  template = await writeReportTemplate(sampleTemplateInput());
  expected = summary(await readReportWorkbook(template));
});

describe('the streaming read of Chinese text (exceljs #2063: patches/exceljs+4.4.0.patch)', () => {
  it('keeps 3,000 long Chinese remarks intact, every character, across many chunk boundaries', async () => {
    // ~150 characters each, all different (so shared strings are not folded), some beyond the BMP: ~1.4 MB of
    // shared strings, so dozens of 64 KiB chunk boundaries fall inside three- and four-byte characters. Without the
    // patch exceljs decodes each chunk alone and these come back with U+FFFD where a character was cut.
    const phrase = '居住社区公用充电设施建设统建统营已完成入户调查业主意愿征询电力容量核查𠮷祥';
    const input = largeTemplateInput(3000, 1);
    const communities = input.communities.map((community, i) => ({
      ...community,
      remark: `第${i + 1}号：${[...phrase.repeat(5)].slice(i % 20, (i % 20) + 140).join('')}`,
    }));
    const read = await readReportWorkbook(await writeReportTemplate({ ...input, communities }));
    expect(read.errors).toEqual([]);
    const remarks = read.communities.rows.map((row) => row.values.remark);
    expect(remarks.filter((remark) => remark?.includes('\uFFFD'))).toEqual([]);
    expect(remarks).toEqual(communities.map((community) => community.remark));
  });
});

describe('workbooks laid out by other writers', () => {
  it('finds sheets behind absolute relationship targets and unconventional part names', async () => {
    let parts = unzip(template);
    const communities = sheetPart(parts, TEMPLATE_SHEETS.communities);
    parts = parts.map((part) =>
      part.name === communities ? { ...part, name: 'xl/worksheets/communities.xml' } : part,
    );
    parts = replace(parts, 'xl/_rels/workbook.xml.rels', (xml) =>
      xml
        .replace(`Target="${communities.slice(3)}"`, 'Target="/xl/worksheets/communities.xml"')
        .replace(/Target="(worksheets|sharedStrings|styles)/g, 'Target="/xl/$1'),
    );
    expect(text(find(parts, 'xl/_rels/workbook.xml.rels'))).not.toMatch(/Target="worksheets/);
    expect(summary(await readReportWorkbook(buildZip(parts)))).toEqual(expected);
  });

  it('reads the same whatever order the zip holds its parts in (sheets after strings and styles, or before)', async () => {
    const parts = unzip(template);
    expect(summary(await readReportWorkbook(buildZip([...parts].reverse())))).toEqual(expected);
    const sheetsLast = [...parts].sort(
      (a, b) => Number(a.name.includes('worksheets/')) - Number(b.name.includes('worksheets/')),
    );
    expect(summary(await readReportWorkbook(buildZip(sheetsLast)))).toEqual(expected);
  });

  it('names the sheets found in the workbook order, not the zip order', async () => {
    const renamed = await mutate(template, (workbook) => {
      workbook.getWorksheet(TEMPLATE_SHEETS.communities)!.name = '社区信息';
    });
    const read = await readReportWorkbook(buildZip([...unzip(renamed)].reverse()));
    expect(read.errors).toEqual([
      {
        sheet: TEMPLATE_SHEETS.communities,
        row: null,
        column: null,
        value: null,
        message: READER_MESSAGES.missingSheet(TEMPLATE_SHEETS.communities, ['填报说明', '社区信息', '充电设施']),
      },
    ]);
  });

  it('reads inline strings and t="str" text as text, and refuses both cells of a shared formula', async () => {
    let parts = unzip(template);
    const communities = sheetPart(parts, TEMPLATE_SHEETS.communities);
    const facilities = sheetPart(parts, TEMPLATE_SHEETS.facilities);
    parts = replace(parts, communities, (xml) =>
      xml
        .replace(
          /<c r="B2"([^>]*?) t="s"([^>]*)>.*?<\/c>/,
          '<c r="B2"$1 t="inlineStr"$2><is><t>翠湖 &amp; 莲华小区</t></is></c>',
        )
        .replace(
          /<c r="L2"([^>]*?)( t="s")?([^>]*?)(\/>|>.*?<\/c>)/,
          '<c r="L2"$1 t="str"$3><v>入户调查 &lt;完成&gt;</v></c>',
        ),
    );
    parts = replace(parts, facilities, (xml) =>
      xml
        .replace(
          /<c r="I2"([^>]*?)>.*?<\/c>/,
          '<c r="I2"$1><f t="shared" ref="I2:I3" si="0">G2*7+H2*60</f><v>190</v></c>',
        )
        .replace(/<c r="I3"([^>]*?)>.*?<\/c>/, '<c r="I3"$1><f t="shared" si="0"/><v>95</v></c>'),
    );
    const read = await readReportWorkbook(buildZip(parts));
    expect(read.communities.rows[0].values).toMatchObject({
      communityName: '翠湖 & 莲华小区',
      remark: '入户调查 <完成>',
    });
    expect(read.errors).toEqual([
      {
        sheet: '充电设施',
        row: 2,
        column: '总功率(kW)',
        value: '=G2*7+H2*60',
        message: '此处应填写数值，不能使用公式',
      },
      { sheet: '充电设施', row: 3, column: '总功率(kW)', value: '=…', message: '此处应填写数值，不能使用公式' },
    ]);
  });

  it('refuses rows out of order, which Excel neither writes nor opens, as unreadable', async () => {
    let parts = unzip(template);
    const communities = sheetPart(parts, TEMPLATE_SHEETS.communities);
    parts = replace(parts, communities, (xml) => {
      const rows = [...xml.matchAll(/<row r="(\d+)".*?<\/row>/g)];
      const [second, third] = [rows[1][0], rows[2][0]];
      return xml.replace(second + third, third + second);
    });
    expect((await readReportWorkbook(buildZip(parts))).errors).toEqual([
      { sheet: '', row: null, column: null, value: null, message: READER_MESSAGES.unreadable },
    ]);
  });
});

describe('the central directory is the only truth', () => {
  it('ignores an entry that only a local header announces (exceljs would otherwise unzip it unchecked)', async () => {
    const parts = unzip(template);
    const communities = sheetPart(parts, TEMPLATE_SHEETS.communities);
    const forged = replace(parts, communities, (xml) => xml.replace('翠湖', '伪造')).find(
      (p) => p.name === communities,
    )!;
    // A zip whose first local entry is the forged sheet; the central directory then lists only the real parts.
    const zip = buildZip([forged, ...parts]);
    const directory = zip.readUInt32LE(zip.length - 22 + 16);
    const firstCentral = 46 + Buffer.byteLength(forged.name);
    const trimmed = Buffer.concat([zip.subarray(0, directory), zip.subarray(directory + firstCentral)]);
    const end = trimmed.length - 22;
    trimmed.writeUInt16LE(parts.length, end + 8);
    trimmed.writeUInt16LE(parts.length, end + 10);
    trimmed.writeUInt32LE(zip.readUInt32LE(zip.length - 22 + 12) - firstCentral, end + 12);
    expect(unzip(trimmed).map((part) => part.name)).toEqual(parts.map((part) => part.name));
    expect(summary(await readReportWorkbook(trimmed))).toEqual(expected);
  });
});
