import { REPORT_TEMPLATE_LABELS } from '@app/excel';
import { FacilityUsage } from '@app/org';
import {
  applyReportRules,
  compareDecimal,
  KnownCommunity,
  KnownFacility,
  ReportRuleContext,
  SheetLabels,
} from './report-rules';
import { CommunityInputRow, FacilityInputRow, STAGE_FIELDS, TemplateMeta } from './report-input.types';

const labels: SheetLabels = REPORT_TEMPLATE_LABELS;

const WUHUA = { id: 1, code: '530102', name: '五华区' };
const OPERATOR = '91350100M000100Y43';

function community(code: string, overrides: Partial<KnownCommunity> = {}): KnownCommunity {
  return {
    id: Number(code.slice(-4)),
    code,
    name: `小区${code.slice(-4)}`,
    districtId: 1,
    districtName: '五华区',
    fireSafetyRequired: false,
    ...overrides,
  };
}

const noStages = Object.fromEntries(STAGE_FIELDS.map((f) => [f, null])) as Record<(typeof STAGE_FIELDS)[number], null>;

function knownFacility(code: string, overrides: Partial<KnownFacility> = {}): KnownFacility {
  return {
    id: 100,
    code,
    districtId: 1,
    districtName: '五华区',
    communityCode: 'C530102-0001',
    usage: FacilityUsage.Public,
    acPiles: 10,
    dcPiles: 2,
    totalKw: '190.000',
    retiredOn: null,
    platformId: null,
    ...noStages,
    acceptedOn: '2024-05-10',
    ...overrides,
  };
}

function context(overrides: Partial<ReportRuleContext> = {}): ReportRuleContext {
  const communities = [
    community('C530102-0001'),
    community('C530102-0002', { fireSafetyRequired: true }),
    community('C530103-0001', { id: 9, districtId: 2, districtName: '盘龙区' }),
  ];
  return {
    district: WUHUA,
    month: '2026-11',
    districtNameByCode: new Map([
      ['530102', '五华区'],
      ['530103', '盘龙区'],
    ]),
    communities: new Map(communities.map((c) => [c.code, c])),
    districtCommunityCodes: new Set(['C530102-0001', 'C530102-0002']),
    facilities: new Map([
      ['F530102-000001', knownFacility('F530102-000001')],
      [
        'F530103-000001',
        knownFacility('F530103-000001', {
          id: 200,
          districtId: 2,
          districtName: '盘龙区',
          communityCode: 'C530103-0001',
        }),
      ],
    ]),
    operators: new Map([[OPERATOR, { id: 5, name: '示例充电', listed: true }]]),
    propertyCompanies: new Map([['昆明西园物业服务有限公司', { id: 3 }]]),
    ...overrides,
  };
}

const meta: TemplateMeta = { templateVersion: '2026.1', districtCode: '530102', period: '2026-11', generatedAt: null };

function communityRow(code: string, row: number, overrides: Partial<CommunityInputRow> = {}): CommunityInputRow {
  return {
    rowNumber: row,
    communityCode: code,
    communityName: `小区${code.slice(-4)}`,
    residentDemand: true,
    parkingAvailable: true,
    capacitySufficient: true,
    capacitySolutionAgreed: false,
    fireSafetyComplete: code === 'C530102-0002' ? true : null,
    ineligibleReason: null,
    pilot: false,
    nearbyFacilityCode: null,
    nearbyDistanceM: null,
    remark: null,
    ...overrides,
  };
}

function facilityRow(row: number, overrides: Partial<FacilityInputRow> = {}): FacilityInputRow {
  return {
    rowNumber: row,
    facilityCode: 'F530102-000001',
    communityCode: 'C530102-0001',
    name: '站点',
    usage: FacilityUsage.Public,
    operatorCreditCode: OPERATOR,
    propertyCompanyName: null,
    acPiles: 10,
    dcPiles: 2,
    totalKw: '190',
    serviceFeeYuanPerKwh: '0.6',
    platformId: null,
    ...noStages,
    acceptedOn: '2024-05-10',
    retiredOn: null,
    retiredReason: null,
    remark: null,
    ...overrides,
  };
}

const validCommunities = () => [communityRow('C530102-0001', 2), communityRow('C530102-0002', 3)];

function run(communities = validCommunities(), facilities = [facilityRow(2)], ctx = context(), m = meta) {
  return applyReportRules(m, communities, facilities, ctx, labels);
}

describe('applyReportRules', () => {
  it('accepts a file that agrees with the register and resolves ids', () => {
    const result = run();
    expect(result.errors).toEqual([]);
    expect(result.communities.map((c) => [c.communityId, c.eligible])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(result.facilities[0]).toMatchObject({ facilityId: 100, communityId: 1, operatorId: 5 });
  });

  it('refuses another district’s template and another month’s, naming each', () => {
    const result = run(validCommunities(), [facilityRow(2)], context(), {
      templateVersion: '2026.1',
      districtCode: '530103',
      period: '2026-10',
      generatedAt: null,
    });
    expect(result.errors.map((e) => e.message)).toEqual([
      '该模板属于「盘龙区」，不能由「五华区」上传，请下载本区县的模板',
      '该模板为 2026-10 月份的模板，本次报送的是 2026-11 月份，请下载当期模板',
    ]);
  });

  it('refuses unknown and foreign communities and a deleted community row', () => {
    const result = run([
      communityRow('C530102-0001', 2),
      communityRow('C530199-0001', 3),
      communityRow('C530103-0001', 4),
    ]);
    expect(result.errors).toEqual([
      {
        sheet: '社区',
        row: 3,
        column: '社区编码',
        value: 'C530199-0001',
        message: '社区编码不存在，请勿修改锁定的编码列；新增社区请联系市发展改革委登记',
      },
      {
        sheet: '社区',
        row: 4,
        column: '社区编码',
        value: 'C530103-0001',
        message: '该社区属于「盘龙区」，不能在「五华区」的报表中填报',
      },
      {
        sheet: '社区',
        row: null,
        column: '社区编码',
        value: 'C530102-0002',
        message: '缺少社区「小区0002」的填报行：模板中的社区行不能删除',
      },
    ]);
  });

  it('requires fire facilities for garages that need them and a reason when ineligible', () => {
    // 0002 is a high-rise garage: leaving 消防设施齐全 blank is an error, and it is then ineligible without a reason.
    const result = run([
      communityRow('C530102-0001', 2, { capacitySufficient: false }),
      communityRow('C530102-0002', 3, { fireSafetyComplete: null }),
    ]);
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '不符合条件原因', '不符合建设条件的社区须填写原因'],
      [3, '消防设施齐全', '该社区为地下、半地下或高层车库，须填写消防设施是否齐全'],
      [3, '不符合条件原因', '不符合建设条件的社区须填写原因'],
    ]);
  });

  it('counts an agreed capacity solution in place of sufficient capacity', () => {
    const result = run([
      communityRow('C530102-0001', 2, { capacitySufficient: false, capacitySolutionAgreed: true }),
      communityRow('C530102-0002', 3),
    ]);
    expect(result.errors).toEqual([]);
    expect(result.communities[0].eligible).toBe(true);
  });

  it('checks nearby coverage: a public facility outside the community, with its distance', () => {
    const result = run([
      communityRow('C530102-0001', 2, { nearbyFacilityCode: 'F530102-000001', nearbyDistanceM: 300 }),
      communityRow('C530102-0002', 3, { nearbyFacilityCode: 'F530102-000001' }),
    ]);
    expect(result.errors.map((e) => [e.row, e.message])).toEqual([
      [2, '该设施位于本社区内，无需填写周边覆盖'],
      [3, '填写周边公用设施时须填写距离（不超过 1000 米）'],
    ]);
  });

  it('refuses falling cumulative figures and erased stages without a remark', () => {
    const result = run(validCommunities(), [facilityRow(2, { acPiles: 8, totalKw: '189.999', acceptedOn: null })]);
    expect(result.errors.map((e) => [e.column, e.value, e.message])).toEqual([
      ['交流桩(个)', '8', '交流桩数少于上期审核通过的 10 个，须在备注中说明原因'],
      ['总功率(kW)', '189.999', '总功率少于上期审核通过的 190.000 kW，须在备注中说明原因'],
      ['验收日期', null, '已审核通过的日期为 2024-05-10，修改或清空须在备注中说明原因'],
    ]);
    const explained = run(validCommunities(), [facilityRow(2, { acPiles: 8, remark: '2 个交流桩损坏拆除' })]);
    expect(explained.errors).toEqual([]);
  });

  it('refuses a registered facility missing from the file, another district’s facility and dates after the period', () => {
    const result = run(validCommunities(), [
      facilityRow(2, { facilityCode: 'F530103-000001' }),
      facilityRow(3, { facilityCode: null, constructionCompletedOn: '2026-12-01', acceptedOn: null }),
    ]);
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '设施编码', '该设施属于「盘龙区」，不能在「五华区」的报表中填报'],
      [3, '竣工日期', '日期不能晚于本期末（2026-11-30）'],
      [null, '设施编码', '设施 F530102-000001 未出现在本次报表中：已登记的设施不能删除，如已退出请填写退出日期和原因'],
    ]);
  });

  it('accepts a new facility row without a code, and requires a listed operator for public ones', () => {
    const ctx = context({ operators: new Map([[OPERATOR, { id: 5, name: '示例充电', listed: false }]]) });
    const result = run(
      validCommunities(),
      [
        facilityRow(2),
        facilityRow(3, { facilityCode: null, acceptedOn: null }),
        facilityRow(4, { facilityCode: null, operatorCreditCode: null, acceptedOn: null }),
      ],
      ctx,
    );
    expect(result.errors.map((e) => [e.row, e.message])).toEqual([
      [3, '运营企业「示例充电」已移出企业名录，不能承建新设施'],
      [4, '公用充电设施须填写运营企业'],
    ]);
    const selfUse = run(validCommunities(), [
      facilityRow(2),
      facilityRow(3, { facilityCode: null, usage: FacilityUsage.SelfUse, operatorCreditCode: null, acceptedOn: null }),
    ]);
    expect(selfUse.errors).toEqual([]);
    expect(selfUse.facilities[1]).toMatchObject({ facilityId: null, operatorId: null, communityId: 1 });
  });
});

describe('municipal platform ids', () => {
  it('refuses a platform id used twice in the file or registered to another facility', () => {
    const ctx = context();
    const other = knownFacility('F530103-000001', {
      id: 200,
      districtId: 2,
      districtName: '盘龙区',
      communityCode: 'C530103-0001',
      platformId: 'KM-0099',
    });
    (ctx.facilities as Map<string, KnownFacility>).set(other.code, other);
    const result = run(
      validCommunities(),
      [
        facilityRow(2, { platformId: 'KM-0001' }),
        facilityRow(3, { facilityCode: null, acceptedOn: null, platformId: 'KM-0001' }),
        facilityRow(4, { facilityCode: null, acceptedOn: null, platformId: 'KM-0099' }),
      ],
      ctx,
    );
    expect(result.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, '市级平台编号', '市级平台编号与第 2 行重复：每个设施的平台编号唯一'],
      [4, '市级平台编号', '市级平台编号已登记给设施 F530103-000001，请核对'],
    ]);
  });
});

describe('compareDecimal', () => {
  it('compares exactly across scales', () => {
    expect(compareDecimal('190', '190.000')).toBe(0);
    expect(compareDecimal('189.999', '190')).toBe(-1);
    expect(compareDecimal('0.1', '0.09')).toBe(1);
  });
});
