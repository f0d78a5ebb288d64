import { monthLabel, ratioText, shanghaiDateTime, xlsxFileName } from './export-formats.js';

describe('ratioText (half-up, stated scale)', () => {
  it.each([
    [6, 7, 4, '0.8571'], // 6/7 = 0.857142… → 0.8571
    [1, 8, 2, '0.13'], // 0.125 → half-up 0.13
    [2, 3, 4, '0.6667'],
    [7, 7, 4, '1.0000'],
    [9, 4, 4, '2.2500'], // uncapped: a count above target
    [0, 5, 4, '0.0000'],
    [-1, 8, 2, '-0.13'],
  ])('%i / %i to %i decimals is %s', (n, d, scale, expected) => {
    expect(ratioText(n, d, scale)).toBe(expected);
  });

  it('is null without a denominator', () => {
    expect(ratioText(3, 0)).toBeNull();
  });
});

describe('labels', () => {
  it('writes months, Beijing times and safe file names', () => {
    expect(monthLabel('2026-03')).toBe('2026年3月');
    expect(shanghaiDateTime('2026-10-25T15:59:59Z')).toBe('2026-10-25 23:59');
    expect(xlsxFileName('汇总表/2026:10')).toBe('汇总表_2026_10.xlsx');
  });
});
