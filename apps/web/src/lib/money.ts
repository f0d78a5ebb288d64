/**
 * Money arrives from the API as integer fen; it is shown as 元 with exactly two decimals by integer arithmetic
 * (never fen / 100 as a float, which would show 0.1 + 0.2 style errors on sums).
 */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  if (!Number.isSafeInteger(fen)) return '—';
  const abs = Math.abs(fen);
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Sums whole fen exactly (a total the API did not give, e.g. over several rounds). */
export function sumFen(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0);
}
