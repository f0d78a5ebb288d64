/**
 * Formula (CSV) injection defence for exported cells, after the OWASP "CSV Injection" guidance: a cell whose text
 * begins with = + - @ tab or carriage return may be evaluated by a spreadsheet, so it is prefixed with a single
 * quote and shown as plain text.
 */

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function isFormulaLike(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.has(text.charAt(0));
}

export function neutraliseFormulaText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
