// Exact comparison of decimal strings such as '0.45' or '0.5000' (service fees), without floating point.
const NON_NEGATIVE_DECIMAL = /^\d+(\.\d+)?$/;

export function isNonNegativeDecimal(text: string): boolean {
  return NON_NEGATIVE_DECIMAL.test(text);
}

/** Negative, zero or positive as a <, =, > b. Both must satisfy isNonNegativeDecimal. */
export function compareNonNegativeDecimals(a: string, b: string): number {
  const [aWhole, aFraction = ''] = a.split('.');
  const [bWhole, bFraction = ''] = b.split('.');
  const scale = Math.max(aFraction.length, bFraction.length);
  const aUnits = BigInt(aWhole + aFraction.padEnd(scale, '0'));
  const bUnits = BigInt(bWhole + bFraction.padEnd(scale, '0'));
  return aUnits < bUnits ? -1 : aUnits > bUnits ? 1 : 0;
}
