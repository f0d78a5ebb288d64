/**
 * The monthly district template (issue 3 §2–3): one definition that the writer lays out and the reader checks
 * against, so a header, a limit or an allowed value cannot differ between download and upload.
 *
 * Pure data and types; no exceljs here.
 */
import type { FacilityUsage } from '@app/org';
import type { EnumOption } from './cell-parsers.js';

/** Bump when a sheet, a column or its meaning changes; files of another version are refused. */
export const TEMPLATE_VERSION = '2026.1';

export const TEMPLATE_SHEETS = {
  instructions: '填报说明',
  communities: '社区',
  facilities: '充电设施',
  /** Dropdown sources too long for an inline list (Excel caps an inline list at 255 characters). */
  lists: '_lists',
  meta: '_meta',
} as const;

/**
 * Sheet protection password. Protection only guards against slips (editing a code by accident); anyone can
 * remove it, and the reader never trusts a locked cell: codes and names are checked against the register.
 */
export const TEMPLATE_PROTECTION_PASSWORD = 'kmcd-2026';

/** Header row; data starts on the next row. */
export const HEADER_ROW = 1;
export const FIRST_DATA_ROW = 2;

/** Blank rows below the pre-filled ones that carry dropdowns, so new facilities get them too. */
export const SPARE_ROWS = 1000;

/** Keys of the `_meta` sheet (column A), values in column B. */
export const META_KEYS = {
  templateVersion: 'templateVersion',
  districtCode: 'districtCode',
  districtName: 'districtName',
  period: 'period',
  generatedAt: 'generatedAt',
} as const;

export const META_LABELS: Record<keyof typeof META_KEYS, string> = {
  templateVersion: '模板版本',
  districtCode: '区县代码',
  districtName: '区县名称',
  period: '报送期',
  generatedAt: '生成时间',
};

export enum ColumnKind {
  Text = 'text',
  /** A system code: full-width forms folded, spaces dropped, upper case; letters, digits and '-' only. */
  Code = 'code',
  /** An operator: 「企业名称（统一社会信用代码）」 from the dropdown, or the 18-character code alone. */
  CreditCode = 'credit_code',
  Integer = 'integer',
  Decimal = 'decimal',
  Date = 'date',
  Boolean = 'boolean',
  Enum = 'enum',
}

/** Dropdown sources written to the hidden list sheet from the template input. */
export enum TemplateList {
  Operators = 'operators',
  PropertyCompanies = 'propertyCompanies',
  CommunityCodes = 'communityCodes',
}

interface ColumnBase<K extends string> {
  key: K;
  /** Exact header text; the reader requires it verbatim. */
  header: string;
  required: boolean;
  /** Locked (protected) on every row: codes and names districts must not edit. */
  locked: boolean;
  width: number;
  /** Shown in the instructions sheet and as the cell's input prompt. */
  note: string;
  list?: TemplateList;
}

export interface TextColumn<K extends string> extends ColumnBase<K> {
  kind: ColumnKind.Text | ColumnKind.Code | ColumnKind.CreditCode;
  maxLength: number;
}

export interface IntegerColumn<K extends string> extends ColumnBase<K> {
  kind: ColumnKind.Integer;
  min: number;
  max: number;
}

export interface DecimalColumn<K extends string> extends ColumnBase<K> {
  kind: ColumnKind.Decimal;
  min: string;
  max: string;
  scale: number;
}

export interface DateColumn<K extends string> extends ColumnBase<K> {
  kind: ColumnKind.Date;
  /** Inclusive 'YYYY-MM-DD'. Bounds against the period end need the period and are checked in libs/reporting. */
  min: string;
  max: string;
}

export interface BooleanColumn<K extends string> extends ColumnBase<K> {
  kind: ColumnKind.Boolean;
  /** The value of a blank optional cell; null when blank means "not stated". */
  blankMeans: boolean | null;
}

export interface EnumColumn<K extends string> extends ColumnBase<K> {
  kind: ColumnKind.Enum;
  options: readonly EnumOption<string>[];
}

export type ColumnDefinition<K extends string = string> =
  TextColumn<K> | IntegerColumn<K> | DecimalColumn<K> | DateColumn<K> | BooleanColumn<K> | EnumColumn<K>;

/** A row of the 社区 sheet after parsing: the fields of ReportCommunityRow the district states. */
export interface CommunityRowValues {
  communityCode: string;
  communityName: string | null;
  residentDemand: boolean;
  parkingAvailable: boolean;
  capacitySufficient: boolean;
  capacitySolutionAgreed: boolean;
  /** Null when not stated; required only for underground and high-rise garages, which the register knows. */
  fireSafetyComplete: boolean | null;
  ineligibleReason: string | null;
  pilot: boolean;
  nearbyFacilityCode: string | null;
  nearbyDistanceM: number | null;
  remark: string | null;
}

/** The stage dates of a facility's life in their natural order (Jinpu annexes 1–3). */
export const FACILITY_STAGE_KEYS = [
  'surveyedOn',
  'agreementOn',
  'gridAppliedOn',
  'gridAcceptedOn',
  'supplyPlanRepliedOn',
  'constructionStartedOn',
  'constructionCompletedOn',
  'meterInstalledOn',
  'acceptedOn',
  'platformConnectedOn',
] as const;

export type FacilityStageKey = (typeof FACILITY_STAGE_KEYS)[number];

/** A row of the 充电设施 sheet after parsing. facilityCode null: a facility the district adds this month. */
export interface FacilityRowValues extends Record<FacilityStageKey, string | null> {
  facilityCode: string | null;
  communityCode: string;
  name: string | null;
  usage: FacilityUsage;
  operatorCreditCode: string | null;
  propertyCompanyName: string | null;
  acPiles: number;
  dcPiles: number;
  /** Decimal string, at most 3 decimals. */
  totalKw: string;
  /** Decimal string, at most 4 decimals. */
  serviceFeeYuanPerKwh: string | null;
  platformId: string | null;
  retiredOn: string | null;
  retiredReason: string | null;
  remark: string | null;
}

export type CommunityColumnKey = keyof CommunityRowValues;
export type FacilityColumnKey = keyof FacilityRowValues;

const YES_NO_NOTE = '填「是」或「否」（也可填 ✓ / ×）';
const DATE_MIN = '2010-01-01';
const DATE_MAX = '2099-12-31';
const DATE_NOTE = '日期，格式 2024-03-05（也可填 2024/3/5 或 2024年3月5日）；未到该环节留空';

function yesNo<K extends string>(key: K, header: string, note: string, width = 12): BooleanColumn<K> {
  return { key, header, kind: ColumnKind.Boolean, required: true, locked: false, width, note, blankMeans: null };
}

function stageDate<K extends string>(key: K, header: string, stage: string): DateColumn<K> {
  return {
    key,
    header,
    kind: ColumnKind.Date,
    required: false,
    locked: false,
    width: 14,
    min: DATE_MIN,
    max: DATE_MAX,
    note: `${stage}的${DATE_NOTE}`,
  };
}

export const COMMUNITY_COLUMNS = [
  {
    key: 'communityCode',
    header: '社区编码',
    kind: ColumnKind.Code,
    required: true,
    locked: true,
    width: 16,
    maxLength: 24,
    note: '系统编码，已预填并锁定，请勿修改；社区行不能删除，新增社区请联系市发展改革委登记',
  },
  {
    key: 'communityName',
    header: '社区名称',
    kind: ColumnKind.Text,
    required: false,
    locked: true,
    width: 24,
    maxLength: 100,
    note: '已预填并锁定，请勿修改；名称有误请联系市发展改革委更正',
  },
  // Kunming plan §三 / Fujian §三(二): the four eligibility facts.
  yesNo('residentDemand', '居民意愿', `业主有建设意愿（经业主同意）。${YES_NO_NOTE}`),
  yesNo('parkingAvailable', '公共车位', `有可用于建设的公共停车位。${YES_NO_NOTE}`),
  yesNo('capacitySufficient', '电力容量满足', `配电变压器剩余容量满足建设需要。${YES_NO_NOTE}`, 14),
  yesNo(
    'capacitySolutionAgreed',
    '已商定扩容或有序充电方案',
    `容量不足时，是否已商定扩容或有序充电方案；容量满足时填「否」即可。${YES_NO_NOTE}`,
    16,
  ),
  {
    key: 'fireSafetyComplete',
    header: '消防设施齐全',
    kind: ColumnKind.Boolean,
    required: false,
    locked: false,
    width: 14,
    blankMeans: null,
    // Kunming plan §三(四)
    note: `地下、半地下及高层车库须填写：火灾报警、排烟、喷淋、应急照明和疏散指示是否齐全；地面车库可留空。${YES_NO_NOTE}`,
  },
  {
    key: 'ineligibleReason',
    header: '不符合条件原因',
    kind: ColumnKind.Text,
    required: false,
    locked: false,
    width: 28,
    maxLength: 500,
    note: '不具备建设条件的社区须填写原因（最多 500 字）',
  },
  {
    key: 'pilot',
    header: '试点社区',
    kind: ColumnKind.Boolean,
    required: false,
    locked: false,
    width: 10,
    blankMeans: false,
    note: `是否列为试点社区；留空视为「否」。${YES_NO_NOTE}`,
  },
  {
    key: 'nearbyFacilityCode',
    header: '周边1公里公用设施编码',
    kind: ColumnKind.Code,
    required: false,
    locked: false,
    width: 18,
    maxLength: 24,
    // Kunming plan §二(一)2, §四(二)
    note: '本社区不具备条件、由周边道路或空地上 1 公里内的公用充电设施覆盖时，填写该设施的设施编码',
  },
  {
    key: 'nearbyDistanceM',
    header: '距离(米)',
    kind: ColumnKind.Integer,
    required: false,
    locked: false,
    width: 10,
    min: 0,
    max: 1000,
    note: '周边公用设施到本社区的距离，整数，0 到 1000 米',
  },
  {
    key: 'remark',
    header: '备注',
    kind: ColumnKind.Text,
    required: false,
    locked: false,
    width: 30,
    maxLength: 500,
    note: '其他说明（最多 500 字）',
  },
] as const satisfies readonly ColumnDefinition<CommunityColumnKey>[];

export const FACILITY_USAGE_OPTIONS: readonly EnumOption<FacilityUsage>[] = [
  { label: '公用', value: 'public' as FacilityUsage.Public, aliases: ['公共', '公用桩', '公用充电设施'] },
  { label: '自用', value: 'self_use' as FacilityUsage.SelfUse, aliases: ['私人', '个人', '自用桩', '自用充电设施'] },
];

export const FACILITY_COLUMNS = [
  {
    key: 'facilityCode',
    header: '设施编码',
    kind: ColumnKind.Code,
    required: false,
    locked: true,
    width: 18,
    maxLength: 24,
    note: '系统编码，已预填并锁定；新增设施请在表格末尾新起一行，设施编码留空，由系统编号',
  },
  {
    key: 'communityCode',
    header: '所在社区编码',
    kind: ColumnKind.Code,
    required: true,
    locked: false,
    width: 16,
    maxLength: 24,
    list: TemplateList.CommunityCodes,
    note: '设施所在社区的社区编码（见「社区」工作表），可从下拉列表选择',
  },
  {
    key: 'name',
    header: '站点名称',
    kind: ColumnKind.Text,
    required: false,
    locked: false,
    width: 26,
    maxLength: 100,
    note: '充电站点名称（最多 100 字）',
  },
  {
    key: 'usage',
    header: '用途(公用/自用)',
    kind: ColumnKind.Enum,
    required: true,
    locked: false,
    width: 12,
    options: FACILITY_USAGE_OPTIONS,
    note: '从下拉列表选择「公用」或「自用」',
  },
  {
    key: 'operatorCreditCode',
    header: '运营企业',
    kind: ColumnKind.CreditCode,
    required: false,
    locked: false,
    width: 40,
    maxLength: 200,
    list: TemplateList.Operators,
    note: '从下拉列表选择「企业名称（统一社会信用代码）」，也可只填 18 位统一社会信用代码；公用设施必填',
  },
  {
    key: 'propertyCompanyName',
    header: '物业服务企业',
    kind: ColumnKind.Text,
    required: false,
    locked: false,
    width: 28,
    maxLength: 100,
    list: TemplateList.PropertyCompanies,
    note: '从下拉列表选择已登记的物业服务企业',
  },
  {
    key: 'acPiles',
    header: '交流桩(个)',
    kind: ColumnKind.Integer,
    required: true,
    locked: false,
    width: 11,
    min: 0,
    max: 10000,
    note: '交流慢充桩数量（累计），整数；比上期减少须在备注中说明原因',
  },
  {
    key: 'dcPiles',
    header: '直流桩(个)',
    kind: ColumnKind.Integer,
    required: true,
    locked: false,
    width: 11,
    min: 0,
    max: 10000,
    note: '直流快充桩数量（累计），整数；比上期减少须在备注中说明原因',
  },
  {
    key: 'totalKw',
    header: '总功率(kW)',
    kind: ColumnKind.Decimal,
    required: true,
    locked: false,
    width: 12,
    min: '0',
    max: '999999999.999',
    scale: 3,
    note: '总额定功率（累计），单位 kW，最多 3 位小数；比上期减少须在备注中说明原因',
  },
  {
    key: 'serviceFeeYuanPerKwh',
    header: '服务费(元/kWh)',
    kind: ColumnKind.Decimal,
    required: false,
    locked: false,
    width: 14,
    min: '0',
    max: '9999.9999',
    scale: 4,
    note: '充电服务费，单位 元/kWh，最多 4 位小数',
  },
  {
    key: 'platformId',
    header: '市级平台编号',
    kind: ColumnKind.Text,
    required: false,
    locked: false,
    width: 18,
    maxLength: 50,
    note: '接入市级监测平台后的站点编号',
  },
  stageDate('surveyedOn', '现场勘察日期', '现场勘察'),
  stageDate('agreementOn', '协议签订日期', '与物业签订协议或业主大会同意'),
  stageDate('gridAppliedOn', '报装申请日期', '网上国网报装申请'),
  stageDate('gridAcceptedOn', '供电受理日期', '供电企业受理申请'),
  stageDate('supplyPlanRepliedOn', '供电方案答复日期', '供电企业答复供电方案'),
  stageDate('constructionStartedOn', '开工日期', '开工'),
  stageDate('constructionCompletedOn', '竣工日期', '竣工'),
  stageDate('meterInstalledOn', '装表接电日期', '装表接电'),
  stageDate('acceptedOn', '验收日期', '验收'),
  stageDate('platformConnectedOn', '接入市级平台日期', '接入市级平台'),
  stageDate('retiredOn', '退出日期', '设施退出（移交或拆除）'),
  {
    key: 'retiredReason',
    header: '退出原因',
    kind: ColumnKind.Text,
    required: false,
    locked: false,
    width: 24,
    maxLength: 200,
    // Beijing (十三): retirement is recorded with its reason.
    note: '填写退出日期时必填（最多 200 字）',
  },
  {
    key: 'remark',
    header: '备注',
    kind: ColumnKind.Text,
    required: false,
    locked: false,
    width: 30,
    maxLength: 500,
    note: '其他说明；累计数量或功率减少、已审核的日期修改时必须在此说明原因（最多 500 字）',
  },
] as const satisfies readonly ColumnDefinition<FacilityColumnKey>[];

export interface DataSheetDefinition<K extends string> {
  name: string;
  columns: readonly ColumnDefinition<K>[];
  /** The column whose value identifies a row; duplicates inside one file are refused. */
  keyColumn: K;
  /** Columns frozen at the left, so the code stays visible while scrolling right. */
  frozenColumns: number;
}

export const COMMUNITY_SHEET: DataSheetDefinition<CommunityColumnKey> = {
  name: TEMPLATE_SHEETS.communities,
  columns: COMMUNITY_COLUMNS,
  keyColumn: 'communityCode',
  frozenColumns: 2,
};

export const FACILITY_SHEET: DataSheetDefinition<FacilityColumnKey> = {
  name: TEMPLATE_SHEETS.facilities,
  columns: FACILITY_COLUMNS,
  keyColumn: 'facilityCode',
  frozenColumns: 1,
};

/** Header of every column by key, for messages quoted by the register checks in libs/reporting. */
export const COMMUNITY_HEADERS = headersByKey<CommunityColumnKey>(COMMUNITY_COLUMNS);
export const FACILITY_HEADERS = headersByKey<FacilityColumnKey>(FACILITY_COLUMNS);

/** Sheet names and headers in the shape libs/reporting's rule messages take (its SheetLabels). */
export const REPORT_TEMPLATE_LABELS = {
  communitySheet: TEMPLATE_SHEETS.communities,
  facilitySheet: TEMPLATE_SHEETS.facilities,
  metaSheet: TEMPLATE_SHEETS.meta,
  community: COMMUNITY_HEADERS,
  facility: FACILITY_HEADERS,
} as const;

function headersByKey<K extends string>(columns: readonly ColumnDefinition<K>[]): Record<K, string> {
  return Object.fromEntries(columns.map((column) => [column.key, column.header])) as Record<K, string>;
}

/** Number format written for a column. '@' (Text) keeps leading zeros and makes Excel store a typed '=…' as text. */
export function columnNumberFormat(column: ColumnDefinition): string {
  switch (column.kind) {
    case ColumnKind.Integer:
      return '0';
    case ColumnKind.Decimal:
      return column.scale > 0 ? `0.${'0'.repeat(column.scale)}` : '0';
    case ColumnKind.Date:
      return 'yyyy-mm-dd';
    default:
      return '@';
  }
}

/** "What may be entered", in Chinese, from the definition: the instructions sheet's 允许值 column. */
export function describeAllowedValues(column: ColumnDefinition): string {
  switch (column.kind) {
    case ColumnKind.Text:
      return `文字，最多 ${column.maxLength} 字`;
    case ColumnKind.Code:
      return `编码（字母、数字、连字符），最多 ${column.maxLength} 位`;
    case ColumnKind.CreditCode:
      return '企业名称（18 位统一社会信用代码）';
    case ColumnKind.Integer:
      return `整数，${column.min} 到 ${column.max}`;
    case ColumnKind.Decimal:
      return `数值，${column.min} 到 ${column.max}，最多 ${column.scale} 位小数`;
    case ColumnKind.Date:
      return `日期（yyyy-mm-dd），${column.min} 到 ${column.max}`;
    case ColumnKind.Boolean:
      return column.blankMeans === false ? '是 / 否（留空为否）' : '是 / 否';
    case ColumnKind.Enum:
      return column.options.map((option) => option.label).join(' / ');
  }
}

// Compile-time guard: every field of the row types has exactly one column.
type Missing<V, K extends string> = Exclude<keyof V, K>;
type CommunityKeysCovered = Missing<CommunityRowValues, (typeof COMMUNITY_COLUMNS)[number]['key']>;
type FacilityKeysCovered = Missing<FacilityRowValues, (typeof FACILITY_COLUMNS)[number]['key']>;
const _definitionCoversAllFields: [CommunityKeysCovered, FacilityKeysCovered] extends [never, never] ? true : false =
  true;
