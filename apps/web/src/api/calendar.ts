import { request } from './http';

export interface CalendarSettings {
  deadlineDay: number;
  deadlineTime: string;
  reminderDays: number[];
  noticeTime: string;
  escalation: { firstAfterDays: number; everyDays: number };
}

export interface CalendarSettingsView {
  settings: CalendarSettings;
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: number | null;
}

export interface Period {
  id: number;
  month: string;
  opensAt: string;
  deadlineAt: string;
  status: string;
}

export const calendarApi = {
  settings: () => request<CalendarSettingsView>('GET', '/calendar/settings'),
  update: (settings: CalendarSettings) =>
    request<CalendarSettingsView>('PUT', '/calendar/settings', { body: settings }),
  changeDeadline: (month: string, body: { date: string; time?: string; reason: string }) =>
    request<Period>('PATCH', `/periods/${month}/deadline`, { body }),
};
