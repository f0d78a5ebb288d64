import { shanghaiInstant } from '@app/core';
import { calendarSlot, calendarTickJobId } from './reporting-calendar.processor';

describe('the scheduler’s 10-minute slots (Asia/Shanghai)', () => {
  it('floors to the 10-minute slot on the Beijing wall clock', () => {
    expect(calendarSlot(shanghaiInstant('2026-11-20', '09:00:00'))).toBe('2026-11-20T09:00');
    expect(calendarSlot(shanghaiInstant('2026-11-20', '09:19:59'))).toBe('2026-11-20T09:10');
    expect(calendarSlot(shanghaiInstant('2026-12-31', '23:59:59'))).toBe('2026-12-31T23:50');
    expect(calendarSlot(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26T00:00');
  });

  it('gives every process the same job id within a slot, and a new one in the next', () => {
    const a = calendarTickJobId(shanghaiInstant('2026-11-20', '09:10:01'));
    expect(a).toBe('reporting-calendar:2026-11-20T09:10');
    expect(calendarTickJobId(shanghaiInstant('2026-11-20', '09:19:30'))).toBe(a);
    expect(calendarTickJobId(shanghaiInstant('2026-11-20', '09:20:00'))).not.toBe(a);
  });
});
