// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import { withDefinedName, withManyCells } from '../../../../test/fixtures/defined-name-workbook.js';
// eslint-disable-next-line no-restricted-imports -- test/ has no path alias; the fixture generators live there (issue 3)
import { sampleTemplateInput } from '../../../../test/fixtures/report-template-input.factory.js';
import { readReportWorkbook, READER_MESSAGES } from '../report-workbook.reader.js';
import { writeReportTemplate } from '../report-template.writer.js';
import { closeParseThreads, readReportWorkbookWithin } from './report-parse.pool.js';

describe('readReportWorkbookWithin: the parse in a worker thread, under a deadline', () => {
  let template: Buffer;
  beforeAll(async () => {
    template = await writeReportTemplate(sampleTemplateInput());
  });
  afterAll(() => closeParseThreads());

  it('reads a workbook in the thread exactly as readReportWorkbook does in this one', async () => {
    const here = await readReportWorkbook(template);
    expect(here.meta).not.toBeNull();
    expect(here.communities.rows.length).toBeGreaterThan(0);
    expect(await readReportWorkbookWithin(template, { timeoutMs: 30_000 })).toEqual(here);
  });

  it('stops a parse at the deadline, mid-parse, and answers with the Chinese file error; the next parse still works', async () => {
    // 40,000 extra rows × 26 numeric cells: the streaming reader walks every one, seconds of work (about 13 s on a
    // loaded 2-core machine). The container's cell limit is lifted so that the file reaches exceljs at all; the
    // deadline must stop it, not the parse's own end.
    const slow = await withManyCells(template, 40_000, 26);
    const started = Date.now();
    const result = await readReportWorkbookWithin(slow, {
      timeoutMs: 300,
      limits: { maxCells: Number.MAX_SAFE_INTEGER },
    });
    const elapsed = Date.now() - started;
    expect(result).toEqual({
      meta: null,
      communities: { complete: false, rows: [], invalidRowCodes: [] },
      facilities: { complete: false, rows: [], invalidRowCodes: [] },
      errors: [{ sheet: '', row: null, column: null, value: null, message: READER_MESSAGES.parseTimeout(0.3) }],
    });
    expect(result.errors[0].message).toBe(
      '文件解析超过 0.3 秒仍未完成，已停止处理，未写入任何数据：请删除多余的行、列、格式和图片后重新上传',
    );
    expect(elapsed).toBeLessThan(2500);
    expect((await readReportWorkbookWithin(template, { timeoutMs: 30_000 })).errors).toEqual([]);
  });

  it('runs more parses than it has threads: the extra ones wait, none is lost', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => readReportWorkbookWithin(template, { timeoutMs: 60_000 })),
    );
    for (const result of results) expect(result.errors).toEqual([]);
  });

  it('applies the container limits inside the thread too', async () => {
    const refused = await readReportWorkbookWithin(await withDefinedName(template, '$A$1:$Z$100000'), {
      timeoutMs: 30_000,
    });
    expect(refused.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^文件包含 \d+ 个单元格，超过上限 500000 个/),
    ]);
  });
});
