/**
 * Exact decimals as scaled integers. A quantity is a bigint count of thousandths of a unit,
 * money is a bigint count of ten-thousandths; no binary floating point touches either.
 */

/** Decimal places of a quantity (0.001 unit). */
export const QTY_SCALE = 3;
/** Decimal places of money (0.0001). */
export const MONEY_SCALE = 4;

/** A quantity in thousandths of a unit. */
export type Quantity = bigint;
/** An amount of money in ten-thousandths. */
export type Money = bigint;

const POW10 = [1n, 10n, 100n, 1_000n, 10_000n, 100_000n, 1_000_000n, 10_000_000n] as const;

/** 10^scale as a bigint, for scales 0..7. */
export function pow10(scale: number): bigint {
  const p = POW10[scale];
  if (p === undefined) throw new RangeError(`unsupported scale ${scale}`);
  return p;
}

/** Why a decimal could not be read. */
export type DecimalProblem = 'not_a_number' | 'too_precise' | 'too_large';

/**
 * The largest magnitude accepted for any decimal (whole units), exclusive. 10^11 keeps money
 * (4 places) within 15 significant digits, the most a JSON number (double) carries exactly.
 */
export const MAX_WHOLE = 100_000_000_000n;

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Reads a JSON number or a decimal string into a scaled integer with at most `scale` places.
 * JSON numbers are read through their shortest round-trip text, so 0.1 is exactly 1/10.
 */
export function parseDecimal(
  input: unknown,
  scale: number,
): { ok: true; value: bigint } | { ok: false; problem: DecimalProblem } {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, problem: 'not_a_number' };
    text = String(input);
    if (text.includes('e')) return { ok: false, problem: Math.abs(input) >= 1 ? 'too_large' : 'too_precise' };
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    return { ok: false, problem: 'not_a_number' };
  }
  const m = DECIMAL_TEXT.exec(text);
  if (!m) return { ok: false, problem: 'not_a_number' };
  const [, sign, whole = '0', fraction = ''] = m;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > scale) return { ok: false, problem: 'too_precise' };
  const wholePart = BigInt(whole);
  if (wholePart >= MAX_WHOLE) return { ok: false, problem: 'too_large' };
  const scaled = wholePart * pow10(scale) + BigInt(significant.padEnd(scale, '0') || '0');
  return { ok: true, value: sign && scaled !== 0n ? -scaled : scaled };
}

/** Exact decimal text of a scaled integer, without trailing zeros ("12.5", "-3", "0.001"). */
export function formatDecimal(value: bigint, scale: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const unit = pow10(scale);
  const whole = abs / unit;
  const fraction = (abs % unit).toString().padStart(scale, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The JSON number for a scaled integer. Its shortest text is the exact decimal when the decimal
 * has at most 15 significant digits (every value below MAX_WHOLE): such a decimal maps to exactly
 * one nearest double. With 16 digits two decimals can share a double (549755813888.0003).
 */
export function toJsonNumber(value: bigint, scale: number): number {
  return Number(formatDecimal(value, scale));
}

/** Divides, rounding half away from zero (四舍五入 for either sign). */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/** quantity × unit cost at full precision (scale QTY_SCALE + MONEY_SCALE = 7). */
export function exactValue(qty: Quantity, unitCost: Money): bigint {
  return qty * unitCost;
}

/** A full-precision (scale 7) amount rounded once, half up, to money. */
export function roundToMoney(exact: bigint): Money {
  return divideRoundHalfUp(exact, pow10(QTY_SCALE));
}

/** Money that was already exact, lifted to full precision (scale 7). */
export function moneyToExact(money: Money): bigint {
  return money * pow10(QTY_SCALE);
}

/** The value of a quantity at a unit cost, rounded once to money. */
export function valueAtCost(qty: Quantity, unitCost: Money): Money {
  return roundToMoney(exactValue(qty, unitCost));
}

/** The unit cost that a value spread over a quantity represents, rounded to money. */
export function unitCostOf(value: Money, qty: Quantity): Money {
  if (qty === 0n) return 0n;
  return divideRoundHalfUp(value * pow10(QTY_SCALE), qty);
}

/** Sums scaled integers of one scale. */
export function sum(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** A quantity from whole units (for code and tests): qty(5) is 5 units. */
export function qty(units: number | string): Quantity {
  const parsed = parseDecimal(units, QTY_SCALE);
  if (!parsed.ok) throw new RangeError(`not a quantity: ${units} (${parsed.problem})`);
  return parsed.value;
}

/** Money from a decimal (for code and tests): money('12.5') is 12.5. */
export function money(amount: number | string): Money {
  const parsed = parseDecimal(amount, MONEY_SCALE);
  if (!parsed.ok) throw new RangeError(`not money: ${amount} (${parsed.problem})`);
  return parsed.value;
}
