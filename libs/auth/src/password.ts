import * as argon2 from 'argon2';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4), the OWASP-recommended family. */
export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** 8–64 characters with letters and digits; returns the Chinese reason when weak. */
export function passwordWeakness(plain: string): string | null {
  if (plain.length < 8 || plain.length > 64) return '密码长度须为 8 至 64 个字符';
  if (!/[A-Za-z]/.test(plain) || !/\d/.test(plain)) return '密码须同时包含字母和数字';
  return null;
}
