/**
 * Times the district template at city scale (3,000 communities + 3,000 facilities): writing it, reading it back
 * through the full upload check, and exceljs's bare streaming read of the same file for comparison. Prints the
 * figures; asserts nothing about them (a benchmark, not a timed test).
 *
 *   npx jest --selectProjects unit --testMatch '<rootDir>/bench/excel-*.bench.ts' --verbose=false
 *
 * BENCH_COMMUNITIES / BENCH_FACILITIES / BENCH_RUNS change the size and the number of runs (median is printed).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { largeTemplateInput } from '../test/fixtures/report-template-input.factory.js';
import { inspectWorkbookContainer, readReportWorkbook, writeReportTemplate } from '../libs/excel/src/index.js';

const communities = Number(process.env.BENCH_COMMUNITIES ?? 3000);
const facilities = Number(process.env.BENCH_FACILITIES ?? 3000);
const runs = Number(process.env.BENCH_RUNS ?? 3);

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) times.push((await time(work)).ms);
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/**
 * exceljs's streaming reader touching every cell value. Counts cells holding U+FFFD: in 4.4.0 it splits UTF-8
 * characters at chunk boundaries (exceljs #2063), which is why the upload reader does not use it.
 */
async function bareStreamingRead(buffer: Buffer): Promise<{ cells: number; garbled: number }> {
  const input = new PassThrough();
  input.end(buffer);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache' });
  let cells = 0;
  let garbled = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      (row as ExcelJS.Row).eachCell((cell) => {
        cells += 1;
        if (typeof cell.value === 'string' && cell.value.includes('\uFFFD')) garbled += 1;
      });
    }
  }
  return { cells, garbled };
}

/** exceljs's in-memory load alone, as the upload reader does it. */
async function bareInMemoryLoad(buffer: Buffer): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer, { ignoreNodes: ['dataValidations'] });
}

async function main(): Promise<void> {
  const input = largeTemplateInput(communities, facilities);
  const { result: buffer } = await time(() => writeReportTemplate(input));
  const write = await median(() => writeReportTemplate(input));
  const inspect = await median(async () => inspectWorkbookContainer(buffer));
  const read = await median(() => readReportWorkbook(buffer));
  const bare = await median(() => bareStreamingRead(buffer));
  const load = await median(() => bareInMemoryLoad(buffer));
  const streamed = await bareStreamingRead(buffer);
  const check = await readReportWorkbook(buffer);
  const heap = process.memoryUsage();

  const rows = [
    ['模板写入 writeReportTemplate', write],
    ['容器检查 inspectWorkbookContainer', inspect],
    ['完整读取与校验 readReportWorkbook', read],
    ['exceljs 内存读取（仅加载）', load],
    ['exceljs 流式读取（仅遍历单元格）', bare],
  ] as const;
  const lines = [
    `Excel 模板基准：${communities} 个社区 + ${facilities} 个设施，文件 ${(buffer.length / 1024 / 1024).toFixed(2)} MB，` +
      `每项 ${runs} 次取中位数（Node ${process.version}）`,
    ...rows.map(([label, ms]) => `  ${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms`),
    `  完整读取 / exceljs 流式读取 = ${(read / bare).toFixed(2)}，完整读取 / exceljs 内存读取 = ${(read / load).toFixed(2)}`,
    `  exceljs 流式读取的 ${streamed.cells} 个单元格中有 ${streamed.garbled} 个中文被截断成乱码（U+FFFD）`,
    `  读取结果：社区 ${check.communities.rows.length} 行，设施 ${check.facilities.rows.length} 行，错误 ${check.errors.length} 处`,
    `  rss ${(heap.rss / 1024 / 1024).toFixed(0)} MB，heapUsed ${(heap.heapUsed / 1024 / 1024).toFixed(0)} MB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

// Run by jest (see the header) or by node after compilation.
if (typeof it === 'function') {
  it('excel template benchmark', main, 600_000);
} else {
  void main();
}
