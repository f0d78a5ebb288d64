/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》.
 *
 * 18 characters: 1 registration authority, 2 type, 3–8 administrative division (GB/T 2260),
 * 9–17 organisation code (GB 11714, its own check at 17), 18 check character. Pure: no I/O, no dependencies.
 */

/** GB 32100-2015 §4.2: digits and upper-case Latin letters without I, O, Z, S, V; a character's value is its index. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Registration authorities (第 1 位): GB 32100-2015 table 1 (1 机构编制, 5 民政, 9 工商, Y 其他) and the
 * authorities assigned since (2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室, N 农业).
 */
export const CREDIT_CODE_AUTHORITIES: Readonly<Record<string, string>> = {
  '1': '机构编制',
  '2': '外交',
  '3': '司法行政',
  '4': '文化',
  '5': '民政',
  '6': '旅游',
  '7': '宗教',
  '8': '工会',
  '9': '工商（市场监管）',
  A: '中央军委改革和编制办公室',
  N: '农业',
  Y: '其他',
};

export type CreditCodeResult = { ok: true; normalised: string } | { ok: false; message: string };

// GB 32100-2015 §5: weight of position i is 3^(i-1) mod 31.
const CHECK_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 11714-1997 §5: organisation code check weights.
const ORGANISATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const LENGTH = 18;
const PREFIX = '统一社会信用代码';

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normaliseCreditCode(input);
  if (code === '') return { ok: false, message: `${PREFIX}不能为空` };
  const length = [...code].length;
  if (length !== LENGTH) return { ok: false, message: `${PREFIX}应为 18 位，实际为 ${length} 位` };

  const chars = [...code];
  const invalid = chars.findIndex((c) => !CREDIT_CODE_ALPHABET.includes(c));
  if (invalid >= 0) {
    return {
      ok: false,
      message: `${PREFIX}第 ${invalid + 1} 位「${chars[invalid]}」不是有效字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）`,
    };
  }
  const authority = code.charAt(0);
  if (!Object.hasOwn(CREDIT_CODE_AUTHORITIES, authority)) {
    return { ok: false, message: `${PREFIX}第 1 位登记管理部门代码「${authority}」不存在` };
  }
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division)) {
    return { ok: false, message: `${PREFIX}第 3–8 位应为 6 位数字的行政区划代码，实际为「${division}」` };
  }
  // The code-wide check first: a mistyped character anywhere shows up there, whereas the organisation code check
  // alone would point the clerk at position 17.
  const check = creditCodeCheck(code.slice(0, 17));
  if (code.charAt(17) !== check) return { ok: false, message: `${PREFIX}校验位错误，应为 ${check}` };
  const organisationCheck = organisationCodeCheck(code.slice(8, 16));
  if (code.charAt(16) !== organisationCheck) {
    return {
      ok: false,
      message: `${PREFIX}第 9–17 位组织机构代码的校验位错误，第 17 位应为 ${organisationCheck}`,
    };
  }
  return { ok: true, normalised: code };
}

/** Appends the check character (第 18 位) to a 17-character body; throws on a body outside the alphabet. */
export function generateCreditCode(prefix17WithoutCheck: string): string {
  const body = normaliseCreditCode(prefix17WithoutCheck);
  if (body.length !== 17 || [...body].some((c) => !CREDIT_CODE_ALPHABET.includes(c))) {
    throw new Error(`Credit code body must be 17 characters of ${CREDIT_CODE_ALPHABET}: "${prefix17WithoutCheck}"`);
  }
  return body + creditCodeCheck(body);
}

export interface CreditCodeBodyOptions {
  /** 登记管理部门代码, default '9' (工商). */
  authority?: string;
  /** 机构类别代码, default '1' (企业). */
  type?: string;
}

/**
 * A random but well-formed 17-character body for test data and seeds: the given 6-digit division code and an
 * organisation code whose GB 11714 check digit is right. `random` returns a number in [0, 1), like Math.random.
 */
export function buildCreditCodeBody(
  divisionCode: string,
  random: () => number,
  options: CreditCodeBodyOptions = {},
): string {
  const { authority = '9', type = '1' } = options;
  if (!/^\d{6}$/.test(divisionCode)) throw new Error(`Division code must be 6 digits: "${divisionCode}"`);
  if (!Object.hasOwn(CREDIT_CODE_AUTHORITIES, authority))
    throw new Error(`Unknown registration authority: "${authority}"`);
  if (type.length !== 1 || !CREDIT_CODE_ALPHABET.includes(type)) throw new Error(`Invalid type code: "${type}"`);
  let organisation = '';
  for (let i = 0; i < 8; i++) {
    const index = Math.min(CREDIT_CODE_ALPHABET.length - 1, Math.floor(random() * CREDIT_CODE_ALPHABET.length));
    organisation += CREDIT_CODE_ALPHABET.charAt(Math.max(0, index));
  }
  return authority + type + divisionCode + organisation + organisationCodeCheck(organisation);
}

function normaliseCreditCode(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '')
    .toUpperCase();
}

// GB 32100-2015 §5: C18 = 31 - (Σ Ci·Wi mod 31); 31 becomes 0.
function creditCodeCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(body17.charAt(i)) * CHECK_WEIGHTS[i];
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

// GB 11714-1997 §5: C9 = 11 - (Σ Ci·Wi mod 11); 10 is written X, 11 is written 0. Letters count A=10 … Z=35.
function organisationCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charAt(i);
    const value = c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55;
    sum += value * ORGANISATION_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}
