import { AppError } from '@app/core';

/** app_setting key of the monthly calendar. */
export const CALENDAR_SETTINGS_KEY = 'reporting.calendar';

/** 催报 after the deadline: the first one `firstAfterDays` after the deadline day, then every `everyDays`. */
export interface EscalationSettings {
  firstAfterDays: number;
  everyDays: number;
}

export interface CalendarSettings {
  /** Day of the month reports are due (1–28, so every month has it). */
  deadlineDay: number;
  /** Last on-time second of the deadline day, Asia/Shanghai, 'HH:mm:ss'. */
  deadlineTime: string;
  /** Days of the month on which districts that have not submitted are reminded, ascending. */
  reminderDays: number[];
  /** Time of day (Asia/Shanghai) reminders and escalations go out, 'HH:mm:ss'. */
  noticeTime: string;
  escalation: EscalationSettings;
}

// Kunming plan §五(二): 每月25日前报送; reminders on the 20th and the 24th; 催报 from the 26th, weekly.
export const DEFAULT_CALENDAR_SETTINGS: Readonly<CalendarSettings> = Object.freeze({
  deadlineDay: 25,
  deadlineTime: '23:59:59',
  reminderDays: [20, 24],
  noticeTime: '09:00:00',
  escalation: { firstAfterDays: 1, everyDays: 7 },
});

export const MAX_REMINDER_DAYS = 10;

export interface SettingsProblem {
  field: string;
  messages: string[];
}

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** 'H:mm' or 'HH:mm[:ss]' → 'HH:mm:ss'; null when it is not a time of day. */
export function normaliseTimeOfDay(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = TIME_PATTERN.exec(value.trim().padStart(5, '0'));
  if (!match) return null;
  return `${match[1]}:${match[2]}:${match[3] ?? '00'}`;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Validates a complete settings object (the office's PUT, or what is stored merged over the defaults) and returns
 * it normalised (times with seconds, reminder days sorted). Throws AppError.validation with every problem at once.
 */
export function parseCalendarSettings(input: unknown): CalendarSettings {
  const problems: SettingsProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, messages: [message] });
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;

  const deadlineDay = raw.deadlineDay;
  if (!isIntegerIn(deadlineDay, 1, 28)) problem('deadlineDay', '截止日须为 1 至 28 之间的整数（保证每个月都有这一天）');
  const deadlineTime = normaliseTimeOfDay(raw.deadlineTime);
  if (!deadlineTime) problem('deadlineTime', '截止时间格式应为 HH:mm:ss，如 23:59:59');
  const noticeTime = normaliseTimeOfDay(raw.noticeTime);
  if (!noticeTime) problem('noticeTime', '提醒发送时间格式应为 HH:mm:ss，如 09:00:00');

  let reminderDays: number[] = [];
  const lastReminderDay = isIntegerIn(deadlineDay, 1, 28) ? deadlineDay : 28;
  if (!Array.isArray(raw.reminderDays)) {
    problem('reminderDays', '提醒日须为整数数组，如 [20, 24]');
  } else if (raw.reminderDays.length > MAX_REMINDER_DAYS) {
    problem('reminderDays', `提醒日最多设置 ${MAX_REMINDER_DAYS} 个`);
  } else if (!raw.reminderDays.every((d) => isIntegerIn(d, 1, lastReminderDay))) {
    problem('reminderDays', `提醒日须为 1 至截止日（${lastReminderDay} 日）之间的整数`);
  } else if (new Set(raw.reminderDays).size !== raw.reminderDays.length) {
    problem('reminderDays', '提醒日不能重复');
  } else {
    reminderDays = [...(raw.reminderDays as number[])].sort((a, b) => a - b);
    if (
      deadlineTime &&
      noticeTime &&
      reminderDays.includes(lastReminderDay) &&
      isIntegerIn(deadlineDay, 1, 28) &&
      noticeTime >= deadlineTime
    ) {
      problem('reminderDays', '截止日当天的提醒须早于截止时间');
    }
  }

  const escalation = (typeof raw.escalation === 'object' && raw.escalation !== null ? raw.escalation : {}) as Record<
    string,
    unknown
  >;
  if (!isIntegerIn(escalation.firstAfterDays, 1, 14)) {
    problem('escalation.firstAfterDays', '首次催报须在截止日后 1 至 14 天之间');
  }
  if (!isIntegerIn(escalation.everyDays, 1, 31)) {
    problem('escalation.everyDays', '催报间隔须为 1 至 31 天');
  }

  if (problems.length > 0) throw AppError.validation('报送日历设置不正确', problems);
  return {
    deadlineDay: deadlineDay as number,
    deadlineTime: deadlineTime as string,
    reminderDays,
    noticeTime: noticeTime as string,
    escalation: {
      firstAfterDays: escalation.firstAfterDays as number,
      everyDays: escalation.everyDays as number,
    },
  };
}

/** What app_setting holds, over the defaults (a key missing from the stored value keeps its default). */
export function settingsFromStored(stored: Record<string, unknown> | null | undefined): CalendarSettings {
  const defaults = DEFAULT_CALENDAR_SETTINGS;
  const value = stored ?? {};
  const escalation = typeof value.escalation === 'object' && value.escalation !== null ? value.escalation : {};
  return parseCalendarSettings({
    ...defaults,
    ...value,
    escalation: { ...defaults.escalation, ...escalation },
  });
}
