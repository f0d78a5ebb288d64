import { shanghaiInstant } from '@app/core';
import { CalendarStep } from '../entities/calendar-step-run.entity';
import { DEFAULT_CALENDAR_SETTINGS } from './calendar-settings';
import { dueCalendarSteps, periodCalendar } from './calendar-schedule';

/** 'YYYY-MM-DD HH:mm[:ss]' Beijing time. */
const at = (text: string) => shanghaiInstant(text.slice(0, 10), text.slice(11) || '00:00:00');
const settings = DEFAULT_CALENDAR_SETTINGS;
/** October was opened when its time came, so the calendar carries it on into November. */
const octoberExists = new Map([['2026-10', at('2026-10-25 23:59:59')]]);

describe('the calendar of an ordinary month (default settings: 25th 23:59:59, reminders 20th and 24th)', () => {
  it('plans open, two reminders, overdue and weekly escalations up to the next deadline', () => {
    const plan = periodCalendar('2026-11', settings, new Map());
    expect(plan.map((s) => [s.key, s.dueAt.toISOString()])).toEqual([
      ['2026-11:open', at('2026-11-01 00:00:00').toISOString()],
      ['2026-11:remind:2026-11-20', at('2026-11-20 09:00:00').toISOString()],
      ['2026-11:remind:2026-11-24', at('2026-11-24 09:00:00').toISOString()],
      ['2026-11:overdue', at('2026-11-26 00:00:00').toISOString()],
      ['2026-11:escalate:2026-11-26', at('2026-11-26 09:00:00').toISOString()],
      ['2026-11:escalate:2026-12-03', at('2026-12-03 09:00:00').toISOString()],
      ['2026-11:escalate:2026-12-10', at('2026-12-10 09:00:00').toISOString()],
      ['2026-11:escalate:2026-12-17', at('2026-12-17 09:00:00').toISOString()],
      // 12-24 is still before December's deadline (12-25 23:59:59); 12-31 is not.
      ['2026-11:escalate:2026-12-24', at('2026-12-24 09:00:00').toISOString()],
    ]);
    expect(plan.map((s) => s.step)).toEqual([
      CalendarStep.OpenPeriod,
      CalendarStep.Remind,
      CalendarStep.Remind,
      CalendarStep.MarkOverdue,
      ...Array(5).fill(CalendarStep.Escalate),
    ]);
  });

  it('on the 20th at 09:00 has the current open and reminder due, and the previous period’s steps so far', () => {
    const due = dueCalendarSteps(at('2026-11-20 09:00:00'), settings, octoberExists);
    expect(due.map((s) => [s.key, s.superseded])).toEqual([
      ['2026-10:open', true],
      ['2026-10:remind:2026-10-20', true],
      ['2026-10:remind:2026-10-24', true],
      ['2026-10:overdue', false],
      ['2026-10:escalate:2026-10-26', true],
      ['2026-11:open', false],
      ['2026-10:escalate:2026-11-02', true],
      ['2026-10:escalate:2026-11-09', true],
      ['2026-10:escalate:2026-11-16', false],
      ['2026-11:remind:2026-11-20', false],
    ]);
  });

  it('leaves a previous period nobody opened alone (a first start mid-month opens only the current one)', () => {
    expect(dueCalendarSteps(at('2026-11-20 09:00:00'), settings).map((s) => s.key)).toEqual([
      '2026-11:open',
      '2026-11:remind:2026-11-20',
    ]);
  });

  it('never returns a step from the future', () => {
    const now = at('2026-11-20 08:59:59');
    const due = dueCalendarSteps(now, settings, octoberExists);
    expect(due.every((s) => s.dueAt <= now)).toBe(true);
    expect(due.map((s) => s.key)).not.toContain('2026-11:remind:2026-11-20');
    expect(due.map((s) => s.key)).not.toContain('2026-10:escalate:2026-11-23');
  });

  it('marks overdue only after the last on-time second', () => {
    expect(dueCalendarSteps(at('2026-11-25 23:59:59'), settings).map((s) => s.key)).not.toContain('2026-11:overdue');
    const after = dueCalendarSteps(at('2026-11-26 00:00:00'), settings);
    expect(after.find((s) => s.key === '2026-11:overdue')).toMatchObject({
      step: CalendarStep.MarkOverdue,
      month: '2026-11',
      superseded: false,
    });
  });

  it('is deterministic', () => {
    const now = at('2026-11-27 10:00:00');
    expect(dueCalendarSteps(now, settings)).toEqual(dueCalendarSteps(now, settings));
  });

  it('follows a period’s extended deadline instead of the settings', () => {
    const deadlines = new Map([['2026-11', at('2026-11-28 23:59:59')]]);
    const plan = periodCalendar('2026-11', settings, deadlines);
    expect(plan.map((s) => s.key)).toEqual([
      '2026-11:open',
      '2026-11:remind:2026-11-20',
      '2026-11:remind:2026-11-24',
      '2026-11:overdue',
      '2026-11:escalate:2026-11-29',
      '2026-11:escalate:2026-12-06',
      '2026-11:escalate:2026-12-13',
      '2026-11:escalate:2026-12-20',
    ]);
    expect(plan[3].dueAt).toEqual(at('2026-11-29 00:00:00'));
    expect(dueCalendarSteps(at('2026-11-27 12:00:00'), settings, deadlines).map((s) => s.key)).not.toContain(
      '2026-11:overdue',
    );
  });

  it('drops a reminder that would come after a shortened deadline', () => {
    const deadlines = new Map([['2026-11', at('2026-11-22 18:00:00')]]);
    expect(periodCalendar('2026-11', settings, deadlines).map((s) => s.key)).toEqual([
      '2026-11:open',
      '2026-11:remind:2026-11-20',
      '2026-11:overdue',
      '2026-11:escalate:2026-11-23',
      '2026-11:escalate:2026-11-30',
      '2026-11:escalate:2026-12-07',
      '2026-11:escalate:2026-12-14',
      '2026-11:escalate:2026-12-21',
    ]);
  });
});
