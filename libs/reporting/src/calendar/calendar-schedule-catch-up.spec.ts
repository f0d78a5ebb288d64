import { shanghaiInstant } from '@app/core';
import { CalendarStep } from '../entities/calendar-step-run.entity';
import { settingsDeadlineAt } from '../period/period-month';
import { CalendarSettings, DEFAULT_CALENDAR_SETTINGS, parseCalendarSettings } from './calendar-settings';
import { DueCalendarStep, dueCalendarSteps } from './calendar-schedule';

const at = (text: string) => shanghaiInstant(text.slice(0, 10), text.slice(11) || '00:00:00');
const TEN_MINUTES = 10 * 60_000;

/**
 * A runner like ReportingCalendarService: on every tick, the due steps whose key is not recorded yet; an open step
 * creates its period (so the month after, the calendar carries it on as the previous period).
 */
function simulateRunner(
  ticks: Date[],
  settings: CalendarSettings = DEFAULT_CALENDAR_SETTINGS,
  periods = new Map<string, Date>(),
): { perTick: Map<string, DueCalendarStep[]>; ranAt: Map<string, Date> } {
  const ranAt = new Map<string, Date>();
  const perTick = new Map<string, DueCalendarStep[]>();
  for (const tick of ticks) {
    const fresh = dueCalendarSteps(tick, settings, periods).filter((s) => !ranAt.has(s.key));
    for (const step of fresh) {
      expect(step.dueAt.getTime()).toBeLessThanOrEqual(tick.getTime());
      ranAt.set(step.key, tick);
      if (step.step === CalendarStep.OpenPeriod && !periods.has(step.month)) {
        periods.set(step.month, settingsDeadlineAt(step.month, settings));
      }
    }
    perTick.set(tick.toISOString(), fresh);
  }
  return { perTick, ranAt };
}

function ticks(from: Date, to: Date, down?: { from: Date; to: Date }): Date[] {
  const out: Date[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += TEN_MINUTES) {
    if (down && t > down.from.getTime() && t < down.to.getTime()) continue;
    out.push(new Date(t));
  }
  return out;
}

describe('catch-up after downtime', () => {
  const start = at('2026-11-01 00:00:00');
  const end = at('2026-12-10 00:00:00');
  const continuous = simulateRunner(ticks(start, end));

  it('three days down over the 20th: the resume tick runs the missed reminder once, and nothing else', () => {
    const down = { from: at('2026-11-19 12:00:00'), to: at('2026-11-22 12:00:00') };
    const { perTick, ranAt } = simulateRunner(ticks(start, end, down));
    const resumed = perTick.get(down.to.toISOString()) ?? [];
    expect(resumed.map((s) => [s.key, s.superseded])).toEqual([['2026-11:remind:2026-11-20', false]]);
    expect([...ranAt.keys()].sort()).toEqual([...continuous.ranAt.keys()].sort());
  });

  it('three days down over the deadline: the stale reminder is recorded silently, overdue and 催报 run once', () => {
    const down = { from: at('2026-11-23 12:00:00'), to: at('2026-11-26 12:00:00') };
    const { perTick, ranAt } = simulateRunner(ticks(start, end, down));
    const resumed = perTick.get(down.to.toISOString()) ?? [];
    expect(resumed.map((s) => [s.key, s.superseded])).toEqual([
      ['2026-11:remind:2026-11-24', true],
      ['2026-11:overdue', false],
      ['2026-11:escalate:2026-11-26', false],
    ]);
    expect([...ranAt.keys()].sort()).toEqual([...continuous.ranAt.keys()].sort());
    const all = [...perTick.values()].flat().map((s) => s.key);
    expect(new Set(all).size).toBe(all.length);
  });

  it('four days down over the 1st: the new period opens and the previous one’s 催报 goes on', () => {
    const down = { from: at('2026-11-30 12:00:00'), to: at('2026-12-04 12:00:00') };
    const { perTick, ranAt } = simulateRunner(ticks(start, end, down));
    expect((perTick.get(down.to.toISOString()) ?? []).map((s) => [s.key, s.superseded])).toEqual([
      ['2026-12:open', false],
      ['2026-11:escalate:2026-12-03', false],
    ]);
    expect([...ranAt.keys()].sort()).toEqual([...continuous.ranAt.keys()].sort());
  });

  it('with no downtime every step runs on the first tick at or after its due time', () => {
    for (const [key, tick] of continuous.ranAt) {
      const step = dueCalendarSteps(
        tick,
        DEFAULT_CALENDAR_SETTINGS,
        new Map([['2026-11', at('2026-11-25 23:59:59')]]),
      ).find((s) => s.key === key) as DueCalendarStep;
      expect(tick.getTime() - step.dueAt.getTime()).toBeLessThan(TEN_MINUTES);
    }
  });

  it('a first start after the deadline opens only the current period, and notifies only the latest of each kind', () => {
    const first = at('2026-11-27 10:00:00');
    const due = simulateRunner([first]).perTick.get(first.toISOString()) ?? [];
    expect(due.map((s) => [s.key, s.superseded])).toEqual([
      ['2026-11:open', true],
      ['2026-11:remind:2026-11-20', true],
      ['2026-11:remind:2026-11-24', true],
      ['2026-11:overdue', false],
      ['2026-11:escalate:2026-11-26', false],
    ]);
  });

  it('an outage across the 1st still records the 催报 of the period before the previous one (fast-check counterexample)', () => {
    // Daily 催报 after a deadline on the 23rd at 12:59:59: August's last 催报 is due on 09-23 00:00, before
    // September's deadline. Down from 09-22 18:00 to 10-01 00:00, the resume tick is in October, two periods later.
    const settings = parseCalendarSettings({
      deadlineDay: 23,
      deadlineTime: '12:59:59',
      reminderDays: [],
      noticeTime: '00:00:00',
      escalation: { firstAfterDays: 1, everyDays: 1 },
    });
    const periods = new Map([
      ['2026-08', settingsDeadlineAt('2026-08', settings)],
      ['2026-09', settingsDeadlineAt('2026-09', settings)],
    ]);
    const keys = dueCalendarSteps(at('2026-10-01 00:00:00'), settings, periods).map((s) => s.key);
    expect(keys).toContain('2026-08:escalate:2026-09-23');
    expect(keys.filter((k) => k.startsWith('2026-07'))).toEqual([]);
  });
});
