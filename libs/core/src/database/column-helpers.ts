import { ValueTransformer } from 'typeorm';

/** SQL CHECK listing an enum's values, so the database refuses what the code would never write. */
export function enumCheck(column: string, values: Record<string, string>): string {
  return `"${column}" IN (${Object.values(values)
    .map((v) => `'${v}'`)
    .join(', ')})`;
}

/** bigint columns (row ids, fen amounts) as JS numbers; throws beyond 2^53 rather than losing digits. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null || value === undefined) return value;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error(`bigint ${value} exceeds the safe integer range`);
    return n;
  },
};
