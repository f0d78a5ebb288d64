/**
 * Exact sums of decimal strings as PostgreSQL returns numeric columns ('1234.500', '-2.25'), for totals rows: a float
 * sum of 300,000 kW figures drifts in the last places, a scaled bigint does not.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export class ExactDecimalSum {
  private units = 0n;

  constructor(readonly scale: number) {}

  add(value: string | number | null | undefined): void {
    if (value === null || value === undefined || value === '') return;
    const text = typeof value === 'number' ? numberText(value, this.scale) : value.trim();
    if (!DECIMAL.test(text)) throw new Error(`not a decimal: ${JSON.stringify(value)}`);
    const negative = text.startsWith('-');
    const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
    if (fraction.replace(/0+$/, '').length > this.scale)
      throw new Error(`${text} has more than ${this.scale} decimals`);
    const units = BigInt(whole + fraction.padEnd(this.scale, '0').slice(0, this.scale));
    this.units += negative ? -units : units;
  }

  /** The sum as a decimal string with exactly `scale` decimals. */
  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale);
    return `${negative ? '-' : ''}${whole}${this.scale > 0 ? `.${fraction}` : ''}`;
  }
}

function numberText(value: number, scale: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return Number.isInteger(value) ? String(value) : value.toFixed(scale);
}
