import { shanghaiDate, shanghaiInstant } from '@app/core';
import { CalendarStep } from '../entities/calendar-step-run.entity.js';
import { CalendarSettings } from './calendar-settings.js';
import {
  addDays,
  currentReportingMonth,
  dayOfMonth,
  nextMonth,
  periodOpensAt,
  previousMonth,
  settingsDeadlineAt,
} from '../period/period-month.js';

/** One step of a period's calendar, with the key that makes it run once. */
export interface CalendarStepPlan {
  /** e.g. '2026-11:open', '2026-11:remind:2026-11-20', '2026-11:overdue', '2026-11:escalate:2026-11-26' */
  key: string;
  step: CalendarStep;
  month: string;
  /** The instant from which the step is due. */
  dueAt: Date;
  /** The calendar day of a reminder or an escalation ('YYYY-MM-DD'), else null. */
  day: string | null;
}

export interface DueCalendarStep extends CalendarStepPlan {
  /**
   * A later step of the same period is also due, so this one's message would be stale (a catch-up after downtime,
   * or a first start mid-month): it is recorded and its data work done, but nobody is notified.
   */
  superseded: boolean;
}

/** The periods that exist, with their deadline (it may have been extended); others follow the settings. */
export type PeriodDeadlines = ReadonlyMap<string, Date>;

const ONE_SECOND_MS = 1000;

export function deadlineOf(month: string, settings: CalendarSettings, deadlines: PeriodDeadlines): Date {
  return deadlines.get(month) ?? settingsDeadlineAt(month, settings);
}

/**
 * Every step of one period, due or not, in order:
 * - open: the 1st, 00:00 (SPEC: the window opens on the 1st);
 * - remind: each reminder day at the notice time, when that is still before the deadline;
 * - overdue: the first second after the deadline (Kunming plan §五(二): 每月25日前报送);
 * - escalate (催报): `firstAfterDays` after the deadline day at the notice time, then every `everyDays`, for as long
 *   as it comes before the next period's deadline (from then on the next period's own calendar takes over).
 */
export function periodCalendar(
  month: string,
  settings: CalendarSettings,
  deadlines: PeriodDeadlines,
): CalendarStepPlan[] {
  const deadlineAt = deadlineOf(month, settings, deadlines);
  const nextDeadlineAt = deadlineOf(nextMonth(month), settings, deadlines);
  const steps: CalendarStepPlan[] = [
    { key: `${month}:open`, step: CalendarStep.OpenPeriod, month, dueAt: periodOpensAt(month), day: null },
  ];
  for (const reminderDay of settings.reminderDays) {
    const day = dayOfMonth(month, reminderDay);
    const dueAt = shanghaiInstant(day, settings.noticeTime);
    if (dueAt < deadlineAt) steps.push({ key: `${month}:remind:${day}`, step: CalendarStep.Remind, month, dueAt, day });
  }
  steps.push({
    key: `${month}:overdue`,
    step: CalendarStep.MarkOverdue,
    month,
    dueAt: new Date(deadlineAt.getTime() + ONE_SECOND_MS),
    day: null,
  });
  const { firstAfterDays, everyDays } = settings.escalation;
  for (let day = addDays(shanghaiDate(deadlineAt), firstAfterDays); ; day = addDays(day, everyDays)) {
    const dueAt = shanghaiInstant(day, settings.noticeTime);
    if (dueAt >= nextDeadlineAt) break;
    if (dueAt <= deadlineAt) continue;
    steps.push({ key: `${month}:escalate:${day}`, step: CalendarStep.Escalate, month, dueAt, day });
  }
  return steps.sort(byDueThenKey);
}

/**
 * The steps due at `now` for the current period and, when they exist, the two before it: everything whose instant
 * has come, never one from the future. Pure and deterministic, so the runner can compute it on every tick and skip
 * the keys already recorded: catch-up after downtime runs each missed step exactly once. The calendar opens only the
 * current period; a previous period nobody opened (a first start mid-month) is left alone rather than declared
 * overdue for everyone.
 */
export function dueCalendarSteps(
  now: Date,
  settings: CalendarSettings,
  periods: PeriodDeadlines = new Map(),
): DueCalendarStep[] {
  const current = currentReportingMonth(now);
  const previous = previousMonth(current);
  // A period's 催报 run until the next period's deadline, inside the next month; an outage across the turn of the
  // following month would otherwise drop them, so the period before the previous one is looked at too.
  const beforePrevious = previousMonth(previous);
  const months = [beforePrevious, previous].filter((month) => periods.has(month)).concat(current);
  const due: DueCalendarStep[] = [];
  for (const month of months) {
    const steps = periodCalendar(month, settings, periods).filter((s) => s.dueAt <= now);
    const overdueDue = steps.some((s) => s.step === CalendarStep.MarkOverdue);
    const lastDueAt = (kind: CalendarStep) =>
      Math.max(...steps.filter((s) => s.step === kind).map((s) => s.dueAt.getTime()));
    for (const step of steps) {
      let superseded = false;
      if (step.step === CalendarStep.OpenPeriod) superseded = overdueDue;
      if (step.step === CalendarStep.Remind) {
        superseded = overdueDue || step.dueAt.getTime() < lastDueAt(CalendarStep.Remind);
      }
      if (step.step === CalendarStep.Escalate) superseded = step.dueAt.getTime() < lastDueAt(CalendarStep.Escalate);
      due.push({ ...step, superseded });
    }
  }
  return due.sort(byDueThenKey);
}

function byDueThenKey(a: CalendarStepPlan, b: CalendarStepPlan): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key);
}
