import fc from 'fast-check';

import { buildCreditCodeBody, CREDIT_CODE_ALPHABET, generateCreditCode, validateCreditCode } from './credit-code.js';

// Published codes of well-known companies (each passes both the GB 32100 and the GB 11714 check, which a misremembered
// code would do only about once in 341 tries).
const REAL_CODES: [string, string][] = [
  ['91350100M000100Y43', 'GB 32100-2015 worked example'],
  ['914403001922038216', '华为技术有限公司'],
  ['9144030071526726XG', '腾讯科技（深圳）有限公司'],
  ['91440300192317458F', '比亚迪股份有限公司'],
  ['91350900587527783P', '宁德时代新能源科技股份有限公司'],
  ['9111000071093123XX', '国家电网有限公司'],
  ['91110000802100433B', '北京百度网讯科技有限公司'],
  ['91330100716105852F', '阿里巴巴（中国）有限公司'],
  ['91110108558521630L', '小米通讯技术有限公司'],
];

const randomSource = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
};

describe('validateCreditCode', () => {
  it.each(REAL_CODES)('accepts %s (%s)', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, normalised: code });
  });

  it.each([
    ['  91350100m000100y43 ', '91350100M000100Y43'],
    ['\u00A09144030071526726xg\u3000', '9144030071526726XG'],
    ['９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
    ['9135 0100 M000 100Y 43', '91350100M000100Y43'],
    ['\u200B91350100M000100Y43', '91350100M000100Y43'],
  ])('normalises %j to %s', (input, normalised) => {
    expect(validateCreditCode(input)).toEqual({ ok: true, normalised });
  });

  it.each([
    ['', '统一社会信用代码不能为空'],
    ['   ', '统一社会信用代码不能为空'],
    ['91350100M000100Y4', '统一社会信用代码应为 18 位，实际为 17 位'],
    ['91350100M000100Y433', '统一社会信用代码应为 18 位，实际为 19 位'],
    ['M000100Y4', '统一社会信用代码应为 18 位，实际为 9 位'],
    ['91350100I000100Y43', '统一社会信用代码第 9 位「I」不是有效字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）'],
    ['9135010OM000100Y43', '统一社会信用代码第 8 位「O」不是有效字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）'],
    ['91350100M000100Y4-', '统一社会信用代码第 18 位「-」不是有效字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）'],
    [
      '91350100M000100Y4号',
      '统一社会信用代码第 18 位「号」不是有效字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）',
    ],
    ['B1350100M000100Y43', '统一社会信用代码第 1 位登记管理部门代码「B」不存在'],
    ['913501A0M000100Y43', '统一社会信用代码第 3–8 位应为 6 位数字的行政区划代码，实际为「3501A0」'],
    ['91350100M000100Y44', '统一社会信用代码校验位错误，应为 3'],
    ['91350100M000100Y40', '统一社会信用代码校验位错误，应为 3'],
    ['91350100M000100Y53', '统一社会信用代码校验位错误，应为 6'],
  ])('rejects %j', (input, message) => {
    expect(validateCreditCode(input)).toEqual({ ok: false, message });
  });

  it('rejects a code whose overall check is right but whose organisation code check is wrong', () => {
    // Position 17 changed from 4 to 5 and the final check recomputed for the altered body.
    const code = generateCreditCode('91350100M000100Y5');
    expect(validateCreditCode(code)).toEqual({
      ok: false,
      message: '统一社会信用代码第 9–17 位组织机构代码的校验位错误，第 17 位应为 4',
    });
  });

  it('rejects every single-character change of a valid code', () => {
    const generated = fc
      .tuple(fc.integer({ min: 0, max: 999999 }), fc.integer())
      .map(([division, seed]) =>
        generateCreditCode(buildCreditCodeBody(String(division).padStart(6, '0'), randomSource(seed))),
      );
    const code = fc.oneof(fc.constantFrom(...REAL_CODES.map(([c]) => c)), generated);
    const replacement = fc.oneof(
      fc.constantFrom(...CREDIT_CODE_ALPHABET),
      fc.constantFrom(...'IOZSV-Xxy 0'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(code, fc.integer({ min: 0, max: 17 }), replacement, (valid, position, char) => {
        fc.pre(char.normalize('NFKC').toUpperCase() !== valid.charAt(position));
        const mutated = valid.slice(0, position) + char + valid.slice(position + 1);
        expect(validateCreditCode(mutated).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every change of the check character exhaustively for the real codes', () => {
    for (const [code] of REAL_CODES) {
      for (const c of CREDIT_CODE_ALPHABET) {
        if (c === code.charAt(17)) continue;
        expect(validateCreditCode(code.slice(0, 17) + c)).toEqual({
          ok: false,
          message: `统一社会信用代码校验位错误，应为 ${code.charAt(17)}`,
        });
      }
    }
  });
});

describe('generateCreditCode', () => {
  it.each(REAL_CODES)('appends the published check character to the body of %s', (code) => {
    expect(generateCreditCode(code.slice(0, 17))).toBe(code);
    expect(generateCreditCode(code.slice(0, 17).toLowerCase())).toBe(code);
  });

  it.each(['', '91350100M000100Y', '91350100M000100Y43', '91350100M000100I4'])('throws on body %j', (body) => {
    expect(() => generateCreditCode(body)).toThrow('Credit code body must be 17 characters');
  });
});

describe('buildCreditCodeBody', () => {
  it('builds valid codes for a Kunming division from any random source', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('530102', '530103', '530112', '530114'), (seed, division) => {
        const body = buildCreditCodeBody(division, randomSource(seed));
        expect(body).toMatch(new RegExp(`^91${division}[${CREDIT_CODE_ALPHABET}]{9}$`));
        const code = generateCreditCode(body);
        expect(validateCreditCode(code)).toEqual({ ok: true, normalised: code });
      }),
    );
  });

  it('copes with a source at its bounds and honours authority and type', () => {
    expect(validateCreditCode(generateCreditCode(buildCreditCodeBody('530102', () => 0))).ok).toBe(true);
    expect(validateCreditCode(generateCreditCode(buildCreditCodeBody('530102', () => 0.999999999))).ok).toBe(true);
    expect(buildCreditCodeBody('530102', () => 0, { authority: '5', type: '2' })).toMatch(/^52530102/);
  });

  it.each<[string, () => number, object, string]>([
    ['53010', () => 0.5, {}, 'Division code must be 6 digits'],
    ['530102', () => 0.5, { authority: 'B' }, 'Unknown registration authority'],
    ['530102', () => 0.5, { type: 'I' }, 'Invalid type code'],
  ])('throws on division %j with options %j', (division, random, options, message) => {
    expect(() => buildCreditCodeBody(division, random, options)).toThrow(message);
  });
});
