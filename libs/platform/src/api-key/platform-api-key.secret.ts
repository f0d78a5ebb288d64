import { createHash, randomBytes } from 'node:crypto';

/** The request header the platform sends its key in. */
export const PLATFORM_KEY_HEADER = 'x-platform-key';
const KEY_PREFIX = 'kmp_';
const SHOWN_CHARS = 12;

export interface NewPlatformKey {
  /** Shown to the office once, never stored. */
  key: string;
  keyPrefix: string;
  keyHash: string;
}

/** 'kmp_' + 256 random bits (base64url). */
export function generatePlatformKey(): NewPlatformKey {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, keyPrefix: key.slice(0, SHOWN_CHARS), keyHash: hashPlatformKey(key) };
}

/** SHA-256 hex: enough for a 256-bit random secret (nothing to brute-force), and indexable for the lookup. */
export function hashPlatformKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
