import { AppError } from '@app/core';
import { DEFAULT_CALENDAR_SETTINGS, parseCalendarSettings, settingsFromStored } from './calendar-settings';

function problems(input: unknown): unknown {
  try {
    parseCalendarSettings(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe('报送日历设置不正确');
    return (error as AppError).details;
  }
  throw new Error('expected the settings to be refused');
}

describe('calendar settings', () => {
  it('defaults to the Kunming plan: the 25th 23:59:59, reminders on the 20th and 24th, 催报 from the 26th weekly', () => {
    expect(settingsFromStored(null)).toEqual({
      deadlineDay: 25,
      deadlineTime: '23:59:59',
      reminderDays: [20, 24],
      noticeTime: '09:00:00',
      escalation: { firstAfterDays: 1, everyDays: 7 },
    });
  });

  it('keeps the defaults for keys the stored value lacks, and normalises times and reminder order', () => {
    expect(
      settingsFromStored({ deadlineDay: 28, reminderDays: [27, 21], noticeTime: '8:30', escalation: { everyDays: 3 } }),
    ).toEqual({
      ...DEFAULT_CALENDAR_SETTINGS,
      deadlineDay: 28,
      reminderDays: [21, 27],
      noticeTime: '08:30:00',
      escalation: { firstAfterDays: 1, everyDays: 3 },
    });
  });

  it('refuses every bad field at once, in Chinese', () => {
    expect(
      problems({
        deadlineDay: 31,
        deadlineTime: '24:00',
        reminderDays: [0, 20],
        noticeTime: 'nine',
        escalation: { firstAfterDays: 0, everyDays: 40 },
      }),
    ).toEqual([
      { field: 'deadlineDay', messages: ['截止日须为 1 至 28 之间的整数（保证每个月都有这一天）'] },
      { field: 'deadlineTime', messages: ['截止时间格式应为 HH:mm:ss，如 23:59:59'] },
      { field: 'noticeTime', messages: ['提醒发送时间格式应为 HH:mm:ss，如 09:00:00'] },
      { field: 'reminderDays', messages: ['提醒日须为 1 至截止日（28 日）之间的整数'] },
      { field: 'escalation.firstAfterDays', messages: ['首次催报须在截止日后 1 至 14 天之间'] },
      { field: 'escalation.everyDays', messages: ['催报间隔须为 1 至 31 天'] },
    ]);
  });

  it('refuses reminders after the deadline day, duplicates, and a deadline-day reminder at or after the deadline', () => {
    const base = { ...DEFAULT_CALENDAR_SETTINGS };
    expect(problems({ ...base, reminderDays: [26] })).toEqual([
      { field: 'reminderDays', messages: ['提醒日须为 1 至截止日（25 日）之间的整数'] },
    ]);
    expect(problems({ ...base, reminderDays: [20, 20] })).toEqual([
      { field: 'reminderDays', messages: ['提醒日不能重复'] },
    ]);
    expect(problems({ ...base, deadlineTime: '09:00:00', reminderDays: [25] })).toEqual([
      { field: 'reminderDays', messages: ['截止日当天的提醒须早于截止时间'] },
    ]);
    expect(problems({ ...base, reminderDays: 'twenty' })).toEqual([
      { field: 'reminderDays', messages: ['提醒日须为整数数组，如 [20, 24]'] },
    ]);
  });

  it('accepts no reminders at all', () => {
    expect(parseCalendarSettings({ ...DEFAULT_CALENDAR_SETTINGS, reminderDays: [] }).reminderDays).toEqual([]);
  });
});
