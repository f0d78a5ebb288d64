import { FACILITY_SHAPE_MESSAGES, validateFacilityRowShape } from './facility-row-shape.rules.js';
import { FacilityRowValues } from './report-template.definition.js';

const row = (overrides: Partial<FacilityRowValues> = {}): FacilityRowValues => ({
  facilityCode: 'F530102-000001',
  communityCode: 'C530102-0001',
  name: '翠湖小区公用充电站',
  usage: 'public' as FacilityRowValues['usage'],
  operatorCreditCode: '91530100MA6K8T2X4B',
  propertyCompanyName: null,
  acPiles: 10,
  dcPiles: 2,
  totalKw: '190',
  serviceFeeYuanPerKwh: null,
  platformId: null,
  surveyedOn: '2024-01-10',
  agreementOn: '2024-02-01',
  gridAppliedOn: '2024-02-15',
  gridAcceptedOn: '2024-02-16',
  supplyPlanRepliedOn: '2024-02-20',
  constructionStartedOn: '2024-03-01',
  constructionCompletedOn: '2024-04-10',
  meterInstalledOn: '2024-04-12',
  acceptedOn: '2024-05-01',
  platformConnectedOn: '2024-06-01',
  retiredOn: null,
  retiredReason: null,
  remark: null,
  ...overrides,
});

describe('validateFacilityRowShape', () => {
  it('accepts a facility whose stages are in order, and equal dates', () => {
    expect(validateFacilityRowShape(row())).toEqual([]);
    expect(validateFacilityRowShape(row({ acceptedOn: '2024-04-10', meterInstalledOn: '2024-04-10' }))).toEqual([]);
  });

  it('accepts a facility with only some stages dated (old facilities lack early dates)', () => {
    expect(
      validateFacilityRowShape(row({ surveyedOn: null, gridAppliedOn: null, constructionStartedOn: null })),
    ).toEqual([]);
  });

  it('names the nearest stage a date must follow (Kunming plan: accepted before built is impossible)', () => {
    expect(validateFacilityRowShape(row({ acceptedOn: '2024-04-01' }))).toEqual([
      {
        key: 'acceptedOn',
        value: '2024-04-01',
        message: FACILITY_SHAPE_MESSAGES.stageBefore('验收日期', '竣工日期', '2024-04-10'),
      },
    ]);
    expect(validateFacilityRowShape(row({ acceptedOn: '2024-02-01', constructionCompletedOn: null }))).toEqual([
      {
        key: 'acceptedOn',
        value: '2024-02-01',
        message: FACILITY_SHAPE_MESSAGES.stageBefore('验收日期', '开工日期', '2024-03-01'),
      },
    ]);
  });

  it('checks the grid steps: accepted after applied, supply plan after accepted, meter after completion', () => {
    const issues = validateFacilityRowShape(
      row({ gridAcceptedOn: '2024-02-14', supplyPlanRepliedOn: '2024-02-13', meterInstalledOn: '2024-04-09' }),
    );
    expect(issues.map((issue) => [issue.key, issue.message])).toEqual([
      ['gridAcceptedOn', FACILITY_SHAPE_MESSAGES.stageBefore('供电受理日期', '报装申请日期', '2024-02-15')],
      ['supplyPlanRepliedOn', FACILITY_SHAPE_MESSAGES.stageBefore('供电方案答复日期', '供电受理日期', '2024-02-14')],
      ['meterInstalledOn', FACILITY_SHAPE_MESSAGES.stageBefore('装表接电日期', '竣工日期', '2024-04-10')],
    ]);
  });

  it('does not order survey, agreement or platform connection, which happen either way round', () => {
    expect(
      validateFacilityRowShape(
        row({ surveyedOn: '2024-02-05', agreementOn: '2024-01-01', platformConnectedOn: '2024-04-20' }),
      ),
    ).toEqual([]);
  });

  it('requires a reason with a retirement date and a retirement after every recorded stage (Beijing (十三))', () => {
    expect(validateFacilityRowShape(row({ retiredOn: '2026-02-28' }))).toEqual([
      { key: 'retiredReason', value: null, message: FACILITY_SHAPE_MESSAGES.retiredWithoutReason },
    ]);
    expect(validateFacilityRowShape(row({ retiredOn: '2024-05-20', retiredReason: '小区改造拆除' }))).toEqual([
      {
        key: 'retiredOn',
        value: '2024-05-20',
        message: FACILITY_SHAPE_MESSAGES.retiredBefore('接入市级平台日期', '2024-06-01'),
      },
    ]);
    expect(validateFacilityRowShape(row({ retiredOn: '2026-01-01', retiredReason: '协议到期' }))).toEqual([]);
  });

  it('refuses power without any pile, but allows piles whose power is not known yet', () => {
    expect(validateFacilityRowShape(row({ acPiles: 0, dcPiles: 0, totalKw: '7.5' }))).toEqual([
      { key: 'totalKw', value: '7.5', message: FACILITY_SHAPE_MESSAGES.powerWithoutPiles },
    ]);
    expect(validateFacilityRowShape(row({ acPiles: 0, dcPiles: 0, totalKw: '0' }))).toEqual([]);
    expect(validateFacilityRowShape(row({ acPiles: 4, dcPiles: 0, totalKw: '0' }))).toEqual([]);
  });
});
