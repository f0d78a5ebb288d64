import fc from 'fast-check';

import { isFormulaLike, neutraliseFormulaText } from './formula-neutraliser.js';

describe('neutraliseFormulaText', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://evil.example","点我")', '\'=HYPERLINK("http://evil.example","点我")'],
    ['+86 871 1234 5678', "'+86 871 1234 5678"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('prefixes %j with an apostrophe', (input, expected) => {
    expect(isFormulaLike(input)).toBe(true);
    expect(neutraliseFormulaText(input)).toBe(expected);
  });

  it.each(['', '五华区', '翠湖小区 1 号', '1+1', ' =1+1', '＝1+1', "'=1+1", 'a@b.cn', '12.5'])(
    'leaves %j unchanged',
    (input) => {
      expect(isFormulaLike(input)).toBe(false);
      expect(neutraliseFormulaText(input)).toBe(input);
    },
  );

  it('is idempotent and only ever adds one leading apostrophe', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const once = neutraliseFormulaText(text);
        expect(neutraliseFormulaText(once)).toBe(once);
        expect(isFormulaLike(once)).toBe(false);
        expect(once === text || once === `'${text}`).toBe(true);
      }),
    );
  });
});
