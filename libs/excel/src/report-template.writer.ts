import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
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
  SPARE_ROWS,
  TEMPLATE_PROTECTION_PASSWORD,
  TEMPLATE_SHEETS,
  TEMPLATE_VERSION,
  TemplateList,
  columnNumberFormat,
  describeAllowedValues,
} from './report-template.definition.js';

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** A 社区 row pre-filled with the last accepted values; anything absent is left blank. */
export type CommunityTemplateRow = Partial<Nullable<CommunityRowValues>> & {
  communityCode: string;
  communityName: string;
};

/** A 充电设施 row pre-filled with the last accepted values. */
export type FacilityTemplateRow = Partial<Nullable<FacilityRowValues>> & {
  facilityCode: string;
  communityCode: string;
};

export interface ReportTemplateInput {
  district: { code: string; name: string };
  /** 'YYYY-MM' */
  period: string;
  /** The pilot plan the 试点社区 column refers to, e.g. 「2022年试点（5/3/1）」; null when none applies. */
  planName: string | null;
  /** ISO instant of the deadline (SPEC: the 25th, 23:59:59 Asia/Shanghai, configurable). */
  deadline: string;
  communities: readonly CommunityTemplateRow[];
  facilities: readonly FacilityTemplateRow[];
  /** Listed operator enterprises, for the 运营企业 dropdown. */
  operators: readonly { creditCode: string; name: string }[];
  /** Registered property companies, for the 物业服务企业 dropdown. */
  propertyCompanies: readonly string[];
  generatedAt: Date | string;
}

interface ListRange {
  formula: string;
}

/** exceljs types omit the worksheet's data-validation collection, which both writers have. */
interface WithDataValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation | AnyValidation): void };
}

/** 'any' validations carry only an input prompt; exceljs writes them but its type leaves them out. */
interface AnyValidation {
  type: 'any';
  allowBlank: boolean;
  showInputMessage: boolean;
  promptTitle: string;
  prompt: string;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const LOCKED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFB4B4B4' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: '宋体', size: 11 };
const PROMPT_MAX = 255;
const PROMPT_TITLE_MAX = 32;

/**
 * Writes the district's monthly template (issue 3 §2) with exceljs's streaming writer: it supports everything the
 * template needs (data validations, sheet protection, very hidden sheets, frozen panes, header notes) and keeps
 * memory flat for thousands of rows.
 */
export async function writeReportTemplate(input: ReportTemplateInput): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: true });
  workbook.creator = '居住社区公用充电设施建设月度报送系统';
  workbook.created = toDate(input.generatedAt);

  const operatorLabels = new Map(input.operators.map((o) => [o.creditCode, operatorLabel(o.name, o.creditCode)]));
  // Communities are added to the register by the office, not in the file: no spare rows there.
  const lastCommunityRow = FIRST_DATA_ROW + input.communities.length - 1;
  const lastFacilityRow = FIRST_DATA_ROW + input.facilities.length + SPARE_ROWS - 1;

  writeInstructions(workbook, input);
  // Lists are addressed by range from the data sheets, so their extents are known before those are written.
  const lists = listRanges(input, operatorLabels);
  await writeDataSheet(workbook, COMMUNITY_SHEET, input.communities, lastCommunityRow, lists, input, operatorLabels);
  await writeDataSheet(workbook, FACILITY_SHEET, input.facilities, lastFacilityRow, lists, input, operatorLabels);
  writeLists(workbook, input, operatorLabels);
  writeMeta(workbook, input);

  await workbook.commit();
  return Buffer.concat(chunks);
}

export function operatorLabel(name: string, creditCode: string): string {
  return `${name}（${creditCode}）`;
}

function writeInstructions(workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportTemplateInput): void {
  const sheet = workbook.addWorksheet(TEMPLATE_SHEETS.instructions, {
    properties: { tabColor: { argb: 'FF2F75B5' } },
  });
  sheet.columns = [{ width: 12 }, { width: 26 }, { width: 36 }, { width: 8 }, { width: 80 }];
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  let rowNumber = 1;
  const line = (values: (string | null)[], style: Partial<ExcelJS.Style> = {}, mergeAcross = false): void => {
    const row = sheet.getRow(rowNumber);
    values.forEach((value, index) => {
      const cell = row.getCell(index + 1);
      cell.value = value;
      cell.style = { font: FONT, alignment: wrap, ...style };
    });
    if (mergeAcross) sheet.mergeCells(rowNumber, 1, rowNumber, 5);
    row.commit();
    rowNumber += 1;
  };

  const [year, month] = input.period.split('-').map(Number);
  const deadline = formatShanghai(input.deadline);
  line(
    [`${input.district.name} ${year}年${month}月 居住社区公用充电设施建设情况月度报送表`],
    { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } },
    true,
  );
  rowNumber += 1;
  const info: [string, string][] = [
    ['区县', `${input.district.name}（${input.district.code}）`],
    ['报送期', `${year}年${month}月`],
    ['截止时间', `${deadline}（北京时间）`],
    ['试点计划', input.planName ?? '—'],
    ['模板版本', TEMPLATE_VERSION],
    ['生成时间', formatShanghai(toDate(input.generatedAt).toISOString())],
  ];
  for (const [label, value] of info) line([label, value], {}, false);
  rowNumber += 1;

  line(['填写要求'], { font: { ...FONT, bold: true, size: 12 } });
  const rules = [
    `本表为「${input.district.name}」${year}年${month}月的报送模板，请于 ${deadline} 前在系统中上传（昆明市方案 §五(二)：每月25日前报送）。`,
    '请直接在本模板上填写：不要修改工作表名称，不要增加、删除或调换列，不要合并单元格，不要使用公式（含公式的单元格不予接收）。',
    '灰色底纹的列（社区编码、社区名称、设施编码）已锁定，请勿修改；其他单元格可直接填写，无需密码。',
    '「社区」工作表每个社区一行，已按上期审核通过的数据预填，请逐行核对并更新；社区行不能删除，新增社区请联系市发展改革委登记。',
    '新增充电设施：在「充电设施」工作表末尾的空白行填写，「设施编码」留空，由系统统一编号；已登记的设施不能删除，设施退出时填写退出日期和退出原因。',
    '交流桩、直流桩、总功率为累计数，不能少于上期审核通过的数值；确需减少（如拆除）或修改已审核通过的日期时，必须在「备注」中说明原因，否则不予接收。',
    '「是/否」列填 是 或 否（也可填 ✓ 或 ×）；日期填 2024-03-05（也可填 2024/3/5 或 2024年3月5日）；数字可含千位分隔符或全角数字。',
    '不具备建设条件的社区须填写「不符合条件原因」；由周边 1 公里内公用充电设施覆盖的，填写该设施的设施编码和距离（米）。',
    input.planName
      ? `「试点社区」指列入「${input.planName}」的试点社区。`
      : '「试点社区」指列入市发展改革委试点计划的社区。',
    '上传后系统逐格校验：全部正确则生成新的报送版本；有任何错误则整份文件不予接收，并一次列出全部错误（工作表、行、列、填写内容、原因），请修改后重新上传。',
  ];
  rules.forEach((rule, index) => line([`${index + 1}. ${rule}`], {}, true));
  rowNumber += 1;

  line(['各列说明'], { font: { ...FONT, bold: true, size: 12 } });
  const head = { font: { ...FONT, bold: true }, fill: HEADER_FILL, border: BORDER, alignment: wrap };
  line(['工作表', '列名', '允许填写', '必填', '说明'], head);
  for (const definition of [COMMUNITY_SHEET, FACILITY_SHEET] as DataSheetDefinition<string>[]) {
    for (const column of definition.columns) {
      const note = column.locked ? `【锁定】${column.note}` : column.note;
      line([definition.name, column.header, describeAllowedValues(column), column.required ? '是' : '', note], {
        border: BORDER,
      });
    }
  }
  sheet.commit();
}

interface ListRanges {
  operators: ListRange | null;
  propertyCompanies: ListRange | null;
  communityCodes: ListRange | null;
}

function listValues(input: ReportTemplateInput, operatorLabels: ReadonlyMap<string, string>): string[][] {
  return [[...operatorLabels.values()], [...input.propertyCompanies], input.communities.map((c) => c.communityCode)];
}

function listRanges(input: ReportTemplateInput, operatorLabels: ReadonlyMap<string, string>): ListRanges {
  const [operators = [], companies = [], codes = []] = listValues(input, operatorLabels);
  const range = (column: string, values: string[]): ListRange | null =>
    values.length === 0 ? null : { formula: `'${TEMPLATE_SHEETS.lists}'!$${column}$2:$${column}$${values.length + 1}` };
  return {
    operators: range('A', operators),
    propertyCompanies: range('B', companies),
    communityCodes: range('C', codes),
  };
}

function writeLists(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  input: ReportTemplateInput,
  operatorLabels: ReadonlyMap<string, string>,
): void {
  const sheet = workbook.addWorksheet(TEMPLATE_SHEETS.lists, { state: 'veryHidden' });
  const columns = listValues(input, operatorLabels);
  const height = Math.max(...columns.map((values) => values.length));
  const header = sheet.getRow(1);
  header.values = ['运营企业', '物业服务企业', '社区编码'];
  header.commit();
  for (let index = 0; index < height; index += 1) {
    const row = sheet.getRow(index + 2);
    columns.forEach((values, column) => {
      // A plain string cell: text from the register such as '=…' is shown, never evaluated.
      if (index < values.length) row.getCell(column + 1).value = values[index];
    });
    row.commit();
  }
  sheet.commit();
}

function writeMeta(workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ReportTemplateInput): void {
  const sheet = workbook.addWorksheet(TEMPLATE_SHEETS.meta, { state: 'veryHidden' });
  const entries: [keyof typeof META_KEYS, string][] = [
    ['templateVersion', TEMPLATE_VERSION],
    ['districtCode', input.district.code],
    ['districtName', input.district.name],
    ['period', input.period],
    ['generatedAt', toDate(input.generatedAt).toISOString()],
  ];
  const header = sheet.getRow(1);
  header.values = ['key', 'value', '说明'];
  header.commit();
  entries.forEach(([key, value], index) => {
    const row = sheet.getRow(index + 2);
    row.values = [META_KEYS[key], value, META_LABELS[key]];
    row.commit();
  });
  sheet.commit();
}

async function writeDataSheet<K extends string>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  definition: DataSheetDefinition<K>,
  rows: readonly Partial<Record<K, unknown>>[],
  lastRow: number,
  lists: ListRanges,
  input: ReportTemplateInput,
  operatorLabels: ReadonlyMap<string, string>,
): Promise<void> {
  const sheet = workbook.addWorksheet(definition.name, {
    views: [
      {
        state: 'frozen',
        xSplit: definition.frozenColumns,
        ySplit: HEADER_ROW,
        activeCell: `${columnLetter(definition.frozenColumns + 1)}${FIRST_DATA_ROW}`,
      },
    ],
  });
  const styles = definition.columns.map((column) => cellStyle(column));
  // Column styles reach the blank rows below the data, so new rows are unlocked and formatted too.
  sheet.columns = definition.columns.map((column, index) => ({ width: column.width, style: styles[index] }));

  const header = sheet.getRow(HEADER_ROW);
  header.height = 36;
  const headerStyle: Partial<ExcelJS.Style> = {
    font: { ...FONT, bold: true },
    fill: HEADER_FILL,
    border: BORDER,
    alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' },
    protection: { locked: true },
  };
  const requiredHeaderStyle = { ...headerStyle, font: { ...FONT, bold: true, color: { argb: 'FFC00000' } } };
  definition.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.style = column.required ? requiredHeaderStyle : headerStyle;
    cell.note = `${column.required ? '【必填】' : ''}${column.locked ? '【锁定】' : ''}${column.note}`;
  });
  header.commit();

  rows.forEach((values, index) => {
    const row = sheet.getRow(FIRST_DATA_ROW + index);
    definition.columns.forEach((column, columnIndex) => {
      const cell = row.getCell(columnIndex + 1);
      cell.value = toCellValue(column, values[column.key], operatorLabels);
      // The same style object for a whole column lets exceljs reuse one style id (it caches by identity).
      cell.style = styles[columnIndex];
    });
    row.commit();
  });

  const validations = (sheet as unknown as WithDataValidations).dataValidations;
  definition.columns.forEach((column, index) => {
    if (lastRow < FIRST_DATA_ROW) return;
    const letter = columnLetter(index + 1);
    const range = `${letter}${FIRST_DATA_ROW}:${letter}${lastRow}`;
    validations.add(range, validationFor(column, lists, input));
  });

  await sheet.protect(TEMPLATE_PROTECTION_PASSWORD, {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    insertColumns: false,
    deleteRows: false,
    deleteColumns: false,
    sort: false,
    autoFilter: true,
    // A guard against slips, not a secret (see TEMPLATE_PROTECTION_PASSWORD): a low spin count keeps writing fast.
    spinCount: 1000,
  });
  sheet.commit();
}

function cellStyle(column: ColumnDefinition): Partial<ExcelJS.Style> {
  return {
    font: FONT,
    numFmt: columnNumberFormat(column),
    protection: { locked: column.locked },
    ...(column.locked ? { fill: LOCKED_FILL } : {}),
    alignment: { vertical: 'middle', wrapText: column.kind === ColumnKind.Text && column.maxLength > 100 },
  };
}

function validationFor(
  column: ColumnDefinition,
  lists: ListRanges,
  input: ReportTemplateInput,
): ExcelJS.DataValidation | AnyValidation {
  const prompt = {
    showInputMessage: true,
    promptTitle: truncate(column.header, PROMPT_TITLE_MAX),
    prompt: truncate(
      column.key === 'pilot' && input.planName ? `${column.note}（试点计划：${input.planName}）` : column.note,
      PROMPT_MAX,
    ),
  };
  // Warnings rather than stops: the upload check is the real guard, and clerks may type accepted variants (✓, ×).
  const warn = (error: string) => ({
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: '填写内容不在允许范围内',
    error: truncate(error, PROMPT_MAX),
    ...prompt,
  });
  const listRange = column.list === undefined ? null : lists[column.list as TemplateList];
  switch (column.kind) {
    case ColumnKind.Boolean:
      return { type: 'list', formulae: ['"是,否"'], ...warn('请从下拉列表选择「是」或「否」') };
    case ColumnKind.Enum:
      return {
        type: 'list',
        formulae: [`"${column.options.map((option) => option.label).join(',')}"`],
        ...warn(`请从下拉列表选择：${column.options.map((option) => option.label).join('、')}`),
      };
    case ColumnKind.Integer:
      return {
        type: 'whole',
        operator: 'between',
        formulae: [column.min, column.max],
        ...warn(`请填写 ${column.min} 到 ${column.max} 之间的整数`),
      };
    case ColumnKind.Decimal:
      return {
        type: 'decimal',
        operator: 'between',
        formulae: [Number(column.min), Number(column.max)],
        ...warn(`请填写 ${column.min} 到 ${column.max} 之间的数值，最多 ${column.scale} 位小数`),
      };
    default:
      if (listRange) return { type: 'list', formulae: [listRange.formula], ...warn('请从下拉列表中选择') };
      return { type: 'any', allowBlank: true, ...prompt };
  }
}

function toCellValue(
  column: ColumnDefinition,
  value: unknown,
  operatorLabels: ReadonlyMap<string, string>,
): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case ColumnKind.Boolean:
      return value ? '是' : '否';
    case ColumnKind.Enum:
      return column.options.find((option) => option.value === value)?.label ?? String(value);
    case ColumnKind.Integer:
      return Number(value);
    case ColumnKind.Decimal:
      // Decimal strings of at most 15 significant digits survive the double exactly (DB scale ≤ 4).
      return Number(value);
    case ColumnKind.Date: {
      const [y, m, d] = String(value).split('-').map(Number);
      return new Date(Date.UTC(y, m - 1, d));
    }
    case ColumnKind.CreditCode:
      return operatorLabels.get(String(value)) ?? String(value);
    default:
      // A string cell, never a formula: '=…' from the register is shown as typed and read back unchanged.
      return String(value);
  }
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** 'YYYY年M月D日 HH:mm' in China Standard Time (UTC+8 all year: no daylight saving since 1991). */
function formatShanghai(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const hh = String(shifted.getUTCHours()).padStart(2, '0');
  const mm = String(shifted.getUTCMinutes()).padStart(2, '0');
  return `${shifted.getUTCFullYear()}年${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日 ${hh}:${mm}`;
}
