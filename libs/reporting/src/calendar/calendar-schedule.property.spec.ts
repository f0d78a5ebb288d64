import fc from 'fast-check';
import { shanghaiInstant } from '@app/core';
import { CalendarStep } from '../entities/calendar-step-run.entity';
import { settingsDeadlineAt } from '../period/period-month';
import { CalendarSettings, parseCalendarSettings } from './calendar-settings';
import { DueCalendarStep, dueCalendarSteps } from './calendar-schedule';

const settingsArbitrary: fc.Arbitrary<CalendarSettings> = fc
  .record({
    deadlineDay: fc.integer({ min: 1, max: 28 }),
    deadlineHour: fc.integer({ min: 12, max: 23 }),
    noticeHour: fc.integer({ min: 0, max: 11 }),
    reminderOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 27 }), { maxLength: 4 }),
    firstAfterDays: fc.integer({ min: 1, max: 14 }),
    everyDays: fc.integer({ min: 1, max: 31 }),
  })
  .map((r) =>
    parseCalendarSettings({
      deadlineDay: r.deadlineDay,
      deadlineTime: `${String(r.deadlineHour).padStart(2, '0')}:59:59`,
      noticeTime: `${String(r.noticeHour).padStart(2, '0')}:00:00`,
      reminderDays: [...new Set(r.reminderOffsets.map((o) => (o % r.deadlineDay) + 1))],
      escalation: { firstAfterDays: r.firstAfterDays, everyDays: r.everyDays },
    }),
  );

/** Like the service: an open step creates its period, which the calendar then carries on into the next month. */
function tickOnce(now: Date, settings: CalendarSettings, periods: Map<string, Date>): DueCalendarStep[] {
  const due = dueCalendarSteps(now, settings, periods);
  for (const step of due) {
    if (step.step === CalendarStep.OpenPeriod && !periods.has(step.month)) {
      periods.set(step.month, settingsDeadlineAt(step.month, settings));
    }
  }
  return due;
}

describe('dueCalendarSteps, for any settings and any pattern of ticks and outages', () => {
  it('lets a runner that skips recorded keys run each step once, never early, and leave nothing due behind', () => {
    fc.assert(
      fc.property(
        settingsArbitrary,
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.array(fc.integer({ min: 1, max: 6 * 24 * 60 }), { minLength: 1, maxLength: 40 }),
        (settings, startDay, gapsInMinutes) => {
          let now = shanghaiInstant('2026-01-01').getTime() + startDay * 86_400_000;
          const ranAt = new Map<string, number>();
          const periods = new Map<string, Date>();
          for (const gap of gapsInMinutes) {
            now += gap * 60_000;
            const due = tickOnce(new Date(now), settings, periods);
            for (const step of due) {
              if (step.dueAt.getTime() > now) return false;
              if (!ranAt.has(step.key)) ranAt.set(step.key, now);
            }
            // Superseded steps are older than a non-superseded step of the same period and kind family.
            for (const step of due.filter((s) => s.superseded)) {
              if (!due.some((s) => s.month === step.month && !s.superseded && s.dueAt > step.dueAt)) return false;
            }
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('after an outage of up to 10 days, runs exactly the steps an uninterrupted runner would have run', () => {
    const HOUR = 3_600_000;
    const runner = (settings: CalendarSettings, ticks: number[]) => {
      const ran = new Set<string>();
      const periods = new Map<string, Date>();
      for (const t of ticks) for (const s of tickOnce(new Date(t), settings, periods)) ran.add(s.key);
      return ran;
    };
    fc.assert(
      fc.property(
        settingsArbitrary,
        fc.integer({ min: 0, max: 2 * 365 }),
        fc.integer({ min: 24, max: 40 * 24 }),
        fc.integer({ min: 1, max: 10 * 24 }),
        (settings, startDay, outageStartHour, outageHours) => {
          const start = shanghaiInstant('2026-01-01').getTime() + startDay * 86_400_000;
          // A tick every 3 hours over 60 days: both runners see the same ticks, so the resolution does not weaken the check.
          const all = Array.from({ length: 60 * 8 }, (_, i) => start + i * 3 * HOUR);
          const resumed = all.filter(
            (t) => t < start + outageStartHour * HOUR || t >= start + (outageStartHour + outageHours) * HOUR,
          );
          const expected = runner(settings, all);
          const actual = runner(settings, resumed);
          return expected.size === actual.size && [...expected].every((k) => actual.has(k));
        },
      ),
      { numRuns: 25 },
    );
  });
});
