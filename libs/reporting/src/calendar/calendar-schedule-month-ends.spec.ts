import { shanghaiInstant } from '@app/core';
import { CalendarSettings, DEFAULT_CALENDAR_SETTINGS } from './calendar-settings';
import { dueCalendarSteps, periodCalendar } from './calendar-schedule';

const at = (text: string) => shanghaiInstant(text.slice(0, 10), text.slice(11) || '00:00:00');
const keysAndDue = (steps: { key: string; dueAt: Date }[]) => steps.map((s) => [s.key, s.dueAt.toISOString()]);
const deadlineOn28: CalendarSettings = { ...DEFAULT_CALENDAR_SETTINGS, deadlineDay: 28, reminderDays: [20, 27] };

describe('the calendar across month ends', () => {
  it('February (28 days): overdue on the 26th, escalations into March until March’s deadline', () => {
    expect(keysAndDue(periodCalendar('2027-02', DEFAULT_CALENDAR_SETTINGS, new Map()))).toEqual([
      ['2027-02:open', at('2027-02-01 00:00:00').toISOString()],
      ['2027-02:remind:2027-02-20', at('2027-02-20 09:00:00').toISOString()],
      ['2027-02:remind:2027-02-24', at('2027-02-24 09:00:00').toISOString()],
      ['2027-02:overdue', at('2027-02-26 00:00:00').toISOString()],
      ['2027-02:escalate:2027-02-26', at('2027-02-26 09:00:00').toISOString()],
      ['2027-02:escalate:2027-03-05', at('2027-03-05 09:00:00').toISOString()],
      ['2027-02:escalate:2027-03-12', at('2027-03-12 09:00:00').toISOString()],
      ['2027-02:escalate:2027-03-19', at('2027-03-19 09:00:00').toISOString()],
    ]);
  });

  it('a deadline on the 28th in February: overdue and the first escalation fall on 1 March', () => {
    expect(keysAndDue(periodCalendar('2027-02', deadlineOn28, new Map()))).toEqual([
      ['2027-02:open', at('2027-02-01 00:00:00').toISOString()],
      ['2027-02:remind:2027-02-20', at('2027-02-20 09:00:00').toISOString()],
      ['2027-02:remind:2027-02-27', at('2027-02-27 09:00:00').toISOString()],
      ['2027-02:overdue', at('2027-03-01 00:00:00').toISOString()],
      ['2027-02:escalate:2027-03-01', at('2027-03-01 09:00:00').toISOString()],
      ['2027-02:escalate:2027-03-08', at('2027-03-08 09:00:00').toISOString()],
      ['2027-02:escalate:2027-03-15', at('2027-03-15 09:00:00').toISOString()],
      ['2027-02:escalate:2027-03-22', at('2027-03-22 09:00:00').toISOString()],
    ]);
    // On 1 March at 08:00 the overdue step is due, the escalation is not yet; February is now the previous period.
    const february = new Map([['2027-02', at('2027-02-28 23:59:59')]]);
    const due = dueCalendarSteps(at('2027-03-01 08:00:00'), deadlineOn28, february).map((s) => s.key);
    expect(due).toContain('2027-02:overdue');
    expect(due).toContain('2027-03:open');
    expect(due).not.toContain('2027-02:escalate:2027-03-01');
  });

  it('a deadline on the 28th in a leap February: overdue and the first escalation on the 29th', () => {
    const plan = periodCalendar('2028-02', deadlineOn28, new Map());
    expect(plan.find((s) => s.key === '2028-02:overdue')?.dueAt).toEqual(at('2028-02-29 00:00:00'));
    expect(plan.filter((s) => s.key.includes(':escalate:')).map((s) => s.day)).toEqual([
      '2028-02-29',
      '2028-03-07',
      '2028-03-14',
      '2028-03-21',
      // 09:00 on the 28th is still before March's deadline (28th 23:59:59).
      '2028-03-28',
    ]);
  });

  it('December → January: the year changes, December is the previous period', () => {
    const december = new Map([['2026-12', at('2026-12-25 23:59:59')]]);
    const due = dueCalendarSteps(at('2027-01-05 12:00:00'), DEFAULT_CALENDAR_SETTINGS, december);
    expect(due.map((s) => [s.key, s.superseded])).toEqual([
      ['2026-12:open', true],
      ['2026-12:remind:2026-12-20', true],
      ['2026-12:remind:2026-12-24', true],
      ['2026-12:overdue', false],
      ['2026-12:escalate:2026-12-26', true],
      ['2027-01:open', false],
      ['2026-12:escalate:2027-01-02', false],
    ]);
    expect(due.find((s) => s.key === '2026-12:overdue')?.dueAt.toISOString()).toBe('2026-12-25T16:00:00.000Z');
  });

  it('January’s reminders and overdue are in January, on the configured days', () => {
    const plan = periodCalendar('2027-01', DEFAULT_CALENDAR_SETTINGS, new Map());
    expect(plan.slice(0, 4).map((s) => [s.key, s.dueAt.toISOString()])).toEqual([
      ['2027-01:open', '2026-12-31T16:00:00.000Z'],
      ['2027-01:remind:2027-01-20', '2027-01-20T01:00:00.000Z'],
      ['2027-01:remind:2027-01-24', '2027-01-24T01:00:00.000Z'],
      ['2027-01:overdue', '2027-01-25T16:00:00.000Z'],
    ]);
  });

  it('a reminder on the deadline day itself goes out before the deadline', () => {
    const settings: CalendarSettings = { ...DEFAULT_CALENDAR_SETTINGS, reminderDays: [25] };
    const due = dueCalendarSteps(at('2026-11-25 09:00:00'), settings);
    expect(due.find((s) => s.key === '2026-11:remind:2026-11-25')).toMatchObject({ superseded: false });
  });
});
