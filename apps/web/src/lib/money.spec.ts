import { formatFen, sumFen } from './money';

describe('formatFen', () => {
  it('shows whole fen as 元 with two decimals and thousands separators', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(190700)).toBe('1,907.00');
    expect(formatFen(6190701)).toBe('61,907.01');
    expect(formatFen(123456789012)).toBe('1,234,567,890.12');
    expect(formatFen(-1050)).toBe('-10.50');
  });

  it('has no float error where fen / 100 would have one', () => {
    // 0.1 + 0.2 元 as fen: a float sum of 元 would show 0.30000000000000004.
    expect(formatFen(sumFen([10, 20]))).toBe('0.30');
    expect(formatFen(sumFen([1005, 1005, 1005]))).toBe('30.15');
  });

  it('shows a dash for a missing or non-integer amount', () => {
    expect(formatFen(null)).toBe('—');
    expect(formatFen(undefined)).toBe('—');
    expect(formatFen(1.5)).toBe('—');
  });
});
