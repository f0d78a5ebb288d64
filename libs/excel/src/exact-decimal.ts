/**
 * Exact sums of decimal strings as PostgreSQL returns numeric columns ('1234.500', '-2.25'), for totals rows: a float
 * sum of 300,000 kW figures drifts in the last places, a scaled bigint does not.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export class ExactDecimalSum {
  private units = 0n;
  /** Units gathered as a plain number while it stays exact (|n| < 2^53), then moved into the bigint. */
  private small = 0;
  private readonly factor: number;

  constructor(readonly scale: number) {
    this.factor = 10 ** scale;
  }

  add(value: string | number | null | undefined): void {
    if (value === null || value === undefined || value === '') return;
    if (typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) < 2 ** 53 / this.factor) {
      this.accumulate(value * this.factor);
      return;
    }
    const text = typeof value === 'number' ? numberText(value, this.scale) : value.trim();
    if (!DECIMAL.test(text)) throw new Error(`not a decimal: ${JSON.stringify(value)}`);
    const dot = text.indexOf('.');
    // Up to 15 significant digits and no more decimals than the scale: the double of text × 10^scale, rounded, is
    // that integer exactly (a double carries 15.95 digits). The common case (numeric columns from PostgreSQL).
    if (text.length <= 16 && (dot === -1 || text.length - dot - 1 <= this.scale)) {
      this.accumulate(Math.round(Number(text) * this.factor));
      return;
    }
    const negative = text.startsWith('-');
    const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
    if (fraction.replace(/0+$/, '').length > this.scale)
      throw new Error(`${text} has more than ${this.scale} decimals`);
    const digits = whole + fraction.padEnd(this.scale, '0').slice(0, this.scale);
    if (digits.length <= 15) this.accumulate(negative ? -Number(digits) : Number(digits));
    else this.units += negative ? -BigInt(digits) : BigInt(digits);
  }

  /** The sum as a decimal string with exactly `scale` decimals. */
  toString(): string {
    const total = this.units + BigInt(this.small);
    const negative = total < 0n;
    const digits = (negative ? -total : total).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale);
    return `${negative ? '-' : ''}${whole}${this.scale > 0 ? `.${fraction}` : ''}`;
  }

  private accumulate(units: number): void {
    if (Math.abs(this.small) + Math.abs(units) >= Number.MAX_SAFE_INTEGER) {
      this.units += BigInt(this.small);
      this.small = 0;
    }
    this.small += units;
  }
}

function numberText(value: number, scale: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return Number.isInteger(value) ? String(value) : value.toFixed(scale);
}
