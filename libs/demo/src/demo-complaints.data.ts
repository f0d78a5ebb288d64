import { FacilityUsage } from '@app/org';
import { ComplaintKind, ComplaintStatus } from '@app/rating';

export interface DemoComplaintTemplate {
  kind: ComplaintKind;
  /** What was obstructed (obstructions only). */
  facilityUsage: FacilityUsage | null;
  status: ComplaintStatus;
  received: string;
  description: string;
  note: string | null;
  /** Complaints with the same group are about the same company. */
  group: number;
}

/**
 * Complaints about property companies (Jinpu §二(五)): a confirmed obstruction disqualifies the company from awards.
 * Complaints of one group are about the same company. Registered ones stay open; decided ones are decided 15–45
 * days after receipt, so near asOf they still show as registered.
 */
export const DEMO_COMPLAINTS: DemoComplaintTemplate[] = [
  {
    kind: ComplaintKind.Obstruction,
    facilityUsage: FacilityUsage.Public,
    status: ComplaintStatus.Confirmed,
    received: '2023-04-12',
    description: '业主反映物业公司以“车库电力容量不足”为由拒绝公用充电设施进场施工，经街道协调仍不配合。',
    note: '经区发展改革局会同街道现场核查，供电方案已明确容量可满足，物业公司无正当理由阻挠施工，情况属实。',
    group: 1,
  },
  {
    kind: ComplaintKind.Obstruction,
    facilityUsage: FacilityUsage.Public,
    status: ComplaintStatus.Confirmed,
    received: '2024-05-08',
    description: '充电设施运营企业反映物业公司要求收取“进场管理费”后方可施工，项目停滞两个月。',
    note: '经核查属实，已责令物业公司整改，并计入物业服务企业评价。',
    group: 1,
  },
  {
    kind: ComplaintKind.Obstruction,
    facilityUsage: FacilityUsage.SelfUse,
    status: ComplaintStatus.Confirmed,
    received: '2024-09-23',
    description: '业主反映物业公司拒绝为其自用充电桩报装出具同意安装证明。',
    note: '经核查，该车位具备安装条件，物业公司拒绝出具证明无正当理由，情况属实。',
    group: 2,
  },
  {
    kind: ComplaintKind.Obstruction,
    facilityUsage: FacilityUsage.Public,
    status: ComplaintStatus.Dismissed,
    received: '2023-08-16',
    description: '业主投诉物业公司阻止供电企业人员进入小区勘察充电桩报装现场。',
    note: '经核查，当日小区开展消防演练暂停外来人员进入，物业已另行安排勘察，不属于阻挠。',
    group: 3,
  },
  {
    kind: ComplaintKind.Obstruction,
    facilityUsage: FacilityUsage.Public,
    status: ComplaintStatus.Dismissed,
    received: '2025-03-05',
    description: '业主反映物业公司以消防安全为由拒绝在地下车库安装充电桩。',
    note: '经消防部门核查，该车库自动喷水灭火系统尚未完善，暂不具备安装条件，物业意见合理。',
    group: 4,
  },
  {
    kind: ComplaintKind.Obstruction,
    facilityUsage: FacilityUsage.Public,
    status: ComplaintStatus.Registered,
    received: '2025-11-20',
    description: '运营企业反映物业公司拖延签订公用充电设施建设协议已逾三个月。',
    note: null,
    group: 5,
  },
  {
    kind: ComplaintKind.Obstruction,
    facilityUsage: FacilityUsage.Public,
    status: ComplaintStatus.Registered,
    received: '2026-11-10',
    description: '业主反映物业公司拒绝开放小区公共车位用于建设公用充电设施。',
    note: null,
    group: 6,
  },
  {
    kind: ComplaintKind.Other,
    facilityUsage: null,
    status: ComplaintStatus.Confirmed,
    received: '2023-11-02',
    description: '业主反映小区公用充电站服务费标准未在现场公示。',
    note: '经核查属实，已要求运营企业在站点醒目位置公示收费标准，物业公司配合落实。',
    group: 7,
  },
  {
    kind: ComplaintKind.Other,
    facilityUsage: null,
    status: ComplaintStatus.Confirmed,
    received: '2024-12-10',
    description: '居民反映充电车位长期被燃油车占用，物业管理不到位。',
    note: '已督促物业公司加强车位巡查管理并设置专用标识。',
    group: 8,
  },
  {
    kind: ComplaintKind.Other,
    facilityUsage: null,
    status: ComplaintStatus.Dismissed,
    received: '2025-06-18',
    description: '业主反映充电设施施工夜间噪音扰民。',
    note: '经核查，施工时间符合规定，已提醒施工单位文明施工。',
    group: 9,
  },
  {
    kind: ComplaintKind.Other,
    facilityUsage: null,
    status: ComplaintStatus.Confirmed,
    received: '2025-09-03',
    description: '业主反映物业公司在充电区域堆放杂物，存在消防安全隐患。',
    note: '经街道现场检查属实，物业公司已于三日内清理完毕。',
    group: 10,
  },
  {
    kind: ComplaintKind.Other,
    facilityUsage: null,
    status: ComplaintStatus.Registered,
    received: '2026-09-28',
    description: '业主反映小区公用充电桩故障报修后长期未修复，物业与运营企业相互推诿。',
    note: null,
    group: 11,
  },
  {
    kind: ComplaintKind.Obstruction,
    facilityUsage: FacilityUsage.Public,
    status: ComplaintStatus.Confirmed,
    received: '2025-04-14',
    description: '运营企业反映物业公司以“影响小区停车秩序”为由，拒不提供已划定的公共车位用于建设公用充电设施。',
    note: '经区发展改革局会同街道、住建部门现场核查，所涉车位为业主大会同意用于充电设施建设的公共车位，物业公司拒不配合无正当理由，情况属实。',
    group: 12,
  },
  {
    kind: ComplaintKind.Obstruction,
    facilityUsage: FacilityUsage.SelfUse,
    status: ComplaintStatus.Dismissed,
    received: '2025-07-09',
    description: '业主反映物业公司拖延出具自用充电桩安装同意证明。',
    note: '经核查，申请人车位租期不足一年，不符合申请自用充电设施的条件，物业公司意见合理。',
    group: 13,
  },
  {
    kind: ComplaintKind.Obstruction,
    facilityUsage: FacilityUsage.SelfUse,
    status: ComplaintStatus.Confirmed,
    received: '2025-08-21',
    description: '业主反映物业公司以“需统一规划”为由，拒绝其在自有产权车位安装自用充电桩。',
    note: '经核查，该车位为业主自有产权车位且满足消防要求，物业公司拒绝配合无正当理由，情况属实，已责令整改。',
    group: 12,
  },
];
