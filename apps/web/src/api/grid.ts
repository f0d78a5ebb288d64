import { request } from './http';

export type GridStep = 'application_acceptance' | 'supply_plan_reply' | 'meter_installation' | 'platform_registration';
export type StepStatus = 'met' | 'breached' | 'pending' | 'overdue' | 'not_applicable' | 'inconsistent_dates';
export type CalendarDayKind = 'holiday' | 'workday';

export const GRID_STEPS: GridStep[] = [
  'application_acceptance',
  'supply_plan_reply',
  'meter_installation',
  'platform_registration',
];
export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  met: '按时',
  breached: '超时完成',
  pending: '办理中',
  overdue: '逾期未办',
  not_applicable: '未开始',
  inconsistent_dates: '日期矛盾',
};
export const UNIT_LABELS: Record<string, string> = {
  working_days: '个工作日',
  calendar_months: '个自然月',
  calendar_days: '个自然日',
};
export const DAY_KIND_LABELS: Record<CalendarDayKind, string> = { holiday: '放假', workday: '调休上班' };

export interface GridRule {
  step: GridStep;
  name: string;
  limit: number;
  unit: string;
  basis: string;
}

export interface GridStepView {
  step: GridStep;
  name: string;
  limit: number;
  unit: string;
  startDate: string | null;
  endDate: string | null;
  deadline: string | null;
  used: number | null;
  overrun: number | null;
  overrunUnit: string;
  status: StepStatus;
  description: string;
}

export interface GridBreach extends GridStepView {
  facilityId: number;
  code: string;
  facilityName: string | null;
  communityName: string;
  districtName: string;
  operatorName: string | null;
}

export interface GridTally {
  facilityCount: number;
  facilitiesWithBreach: number;
  steps: Record<GridStep, Record<StepStatus, number>>;
}

export interface GridBreachGroup extends GridTally {
  key: number | null;
  name: string;
  breaches: GridBreach[];
}

export interface CalendarGap {
  facilityId: number;
  code: string;
  message: string;
}

export interface GridBreachSummary {
  asOf: string;
  rules: GridRule[];
  total: GridTally;
  groups: GridBreachGroup[];
  calendarGaps: CalendarGap[];
}

export interface GridFacility {
  facilityId: number;
  code: string;
  name: string | null;
  usage: string;
  communityName: string;
  districtId: number;
  districtName: string;
  operatorId: number | null;
  operatorName: string | null;
  late: boolean;
  steps: GridStepView[];
}

export interface GridFacilityPage {
  asOf: string;
  items: GridFacility[];
  total: number;
  page: number;
  pageSize: number;
  calendarGaps: CalendarGap[];
}

export interface GridQuery {
  asOf?: string;
  districtId?: number;
  operatorId?: number;
}

export interface CalendarYear {
  year: number;
  source: string;
  holidays: number;
  swappedWorkdays: number;
  workingDays: number;
  updatedAt: string;
  updatedByName: string | null;
}

export interface CalendarDay {
  date: string;
  weekday: string;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarYearDetail extends CalendarYear {
  days: CalendarDay[];
}

export interface CalendarEdit {
  day: CalendarDay | null;
  year: CalendarYear;
  warning: string | null;
}

export const gridApi = {
  byDistrict: (query: GridQuery = {}) =>
    request<GridBreachSummary>('GET', '/grid/breaches/districts', { query: { ...query } }),
  byOperator: (query: GridQuery = {}) =>
    request<GridBreachSummary>('GET', '/grid/breaches/operators', { query: { ...query } }),
  facilities: (query: GridQuery & { lateOnly?: boolean; page?: number; pageSize?: number }) =>
    request<GridFacilityPage>('GET', '/grid/facilities', { query: { ...query } }),
};

export const workingCalendarApi = {
  years: () => request<CalendarYear[]>('GET', '/working-calendar'),
  year: (year: number) => request<CalendarYearDetail>('GET', `/working-calendar/${year}`),
  addYear: (year: number, source: string) =>
    request<CalendarYear>('POST', '/working-calendar', { body: { year, source } }),
  setDay: (date: string, kind: CalendarDayKind, name: string) =>
    request<CalendarEdit>('PUT', `/working-calendar/days/${date}`, { body: { kind, name } }),
  removeDay: (date: string) => request<CalendarEdit>('DELETE', `/working-calendar/days/${date}`),
};
