import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divideRoundHalfUp,
  exactValue,
  formatDecimal,
  MAX_WHOLE,
  MONEY_SCALE,
  money,
  moneyToExact,
  parseDecimal,
  pow10,
  QTY_SCALE,
  qty,
  roundToMoney,
  sum,
  toJsonNumber,
  unitCostOf,
  valueAtCost as valueAt,
} from './decimal';

const ok = (value: bigint) => ({ ok: true, value });
const problem = (p: string) => ({ ok: false, problem: p });

/** Any scaled integer whose whole part is below MAX_WHOLE, i.e. everything parseDecimal accepts. */
const inRange = (scale: number) => {
  const limit = MAX_WHOLE * pow10(scale) - 1n;
  return fc.bigInt({ min: -limit, max: limit });
};

describe('pow10', () => {
  it('gives 10^scale for scales 0..7', () => {
    expect(pow10(0)).toBe(1n);
    expect(pow10(3)).toBe(1_000n);
    expect(pow10(4)).toBe(10_000n);
    expect(pow10(7)).toBe(10_000_000n);
  });

  it('rejects scales it does not support', () => {
    expect(() => pow10(8)).toThrow(RangeError);
    expect(() => pow10(-1)).toThrow(RangeError);
    expect(() => pow10(1.5)).toThrow(RangeError);
  });
});

describe('parseDecimal', () => {
  it('reads JSON numbers through their shortest text', () => {
    expect(parseDecimal(0.1, QTY_SCALE)).toEqual(ok(100n));
    expect(parseDecimal(12.5, MONEY_SCALE)).toEqual(ok(125_000n));
    expect(parseDecimal(5, QTY_SCALE)).toEqual(ok(5_000n));
    expect(parseDecimal(0, QTY_SCALE)).toEqual(ok(0n));
    expect(parseDecimal(0.001, QTY_SCALE)).toEqual(ok(1n));
    expect(parseDecimal(0.0001, MONEY_SCALE)).toEqual(ok(1n));
    expect(parseDecimal(1.005, QTY_SCALE)).toEqual(ok(1_005n));
    expect(parseDecimal(2.675, QTY_SCALE)).toEqual(ok(2_675n));
  });

  it('reads decimal strings', () => {
    expect(parseDecimal('12.5', MONEY_SCALE)).toEqual(ok(125_000n));
    expect(parseDecimal('0.001', QTY_SCALE)).toEqual(ok(1n));
    expect(parseDecimal('42', QTY_SCALE)).toEqual(ok(42_000n));
    expect(parseDecimal('007.5', QTY_SCALE)).toEqual(ok(7_500n));
    expect(parseDecimal(' 3.25 ', QTY_SCALE)).toEqual(ok(3_250n));
  });

  it('reads negatives, and "-0" as zero', () => {
    expect(parseDecimal(-2.5, QTY_SCALE)).toEqual(ok(-2_500n));
    expect(parseDecimal('-12.5', MONEY_SCALE)).toEqual(ok(-125_000n));
    expect(parseDecimal('-0.001', QTY_SCALE)).toEqual(ok(-1n));
    expect(parseDecimal('-0', QTY_SCALE)).toEqual(ok(0n));
    expect(parseDecimal('-0.000', QTY_SCALE)).toEqual(ok(0n));
    expect(parseDecimal(-0, QTY_SCALE)).toEqual(ok(0n));
  });

  it('allows trailing zeros beyond the scale when the significant digits fit', () => {
    expect(parseDecimal('1.2500', QTY_SCALE)).toEqual(ok(1_250n));
    expect(parseDecimal('1.000000000', QTY_SCALE)).toEqual(ok(1_000n));
    expect(parseDecimal('0.10000', MONEY_SCALE)).toEqual(ok(1_000n));
  });

  it('refuses more significant places than the scale', () => {
    expect(parseDecimal(1.2345, QTY_SCALE)).toEqual(problem('too_precise'));
    expect(parseDecimal('1.2345', QTY_SCALE)).toEqual(problem('too_precise'));
    expect(parseDecimal('1.23456', MONEY_SCALE)).toEqual(problem('too_precise'));
    expect(parseDecimal('0.0001', QTY_SCALE)).toEqual(problem('too_precise'));
    expect(parseDecimal('-0.0001', QTY_SCALE)).toEqual(problem('too_precise'));
    expect(parseDecimal('1.23450', QTY_SCALE)).toEqual(problem('too_precise'));
    // Binary floating point noise is refused rather than silently rounded.
    expect(parseDecimal(0.1 + 0.2, QTY_SCALE)).toEqual(problem('too_precise'));
  });

  it('classifies numbers written with an exponent', () => {
    expect(parseDecimal(1e-7, QTY_SCALE)).toEqual(problem('too_precise'));
    expect(parseDecimal(-1e-7, MONEY_SCALE)).toEqual(problem('too_precise'));
    expect(parseDecimal(1e21, QTY_SCALE)).toEqual(problem('too_large'));
    expect(parseDecimal(-1e21, QTY_SCALE)).toEqual(problem('too_large'));
    expect(parseDecimal('1e3', QTY_SCALE)).toEqual(problem('not_a_number'));
  });

  it('refuses anything that is not a finite decimal', () => {
    for (const input of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      'abc',
      '',
      '   ',
      '1.',
      '.5',
      '-',
      '+1',
      '1,5',
      '1.2.3',
      '0x10',
      'NaN',
      'Infinity',
      '1 000',
      '--1',
      {},
      [],
      [1],
      null,
      undefined,
      true,
      false,
      10n,
    ]) {
      expect(parseDecimal(input, QTY_SCALE), String(input)).toEqual(problem('not_a_number'));
    }
  });

  it('refuses magnitudes of MAX_WHOLE and beyond', () => {
    const max = MAX_WHOLE.toString();
    expect(parseDecimal(max, QTY_SCALE)).toEqual(problem('too_large'));
    expect(parseDecimal(`-${max}`, MONEY_SCALE)).toEqual(problem('too_large'));
    expect(parseDecimal(`${max}.5`, MONEY_SCALE)).toEqual(problem('too_large'));
    expect(parseDecimal(Number(MAX_WHOLE), QTY_SCALE)).toEqual(problem('too_large'));
    expect(parseDecimal('99999999999999999999999', QTY_SCALE)).toEqual(problem('too_large'));
    expect(parseDecimal(1e20, QTY_SCALE)).toEqual(problem('too_large'));
    const below = (MAX_WHOLE - 1n).toString();
    expect(parseDecimal(`${below}.999`, QTY_SCALE)).toEqual(ok(MAX_WHOLE * 1_000n - 1n));
    expect(parseDecimal(`-${below}.9999`, MONEY_SCALE)).toEqual(ok(-(MAX_WHOLE * 10_000n - 1n)));
  });

  it('reads any well-formed decimal string exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: MAX_WHOLE - 1n }),
        fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), maxLength: 4 }),
        fc.nat({ max: 3 }),
        fc.constantFrom(QTY_SCALE, MONEY_SCALE),
        (negative, whole, digits, zeros, scale) => {
          const fraction = digits.slice(0, scale) + '0'.repeat(zeros);
          const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
          const magnitude = whole * pow10(scale) + BigInt(fraction.slice(0, scale).padEnd(scale, '0'));
          expect(parseDecimal(text, scale)).toEqual(ok(negative ? -magnitude : magnitude));
        },
      ),
    );
  });
});

describe('formatDecimal', () => {
  it('writes the exact decimal without trailing zeros', () => {
    expect(formatDecimal(125_000n, MONEY_SCALE)).toBe('12.5');
    expect(formatDecimal(-3_000n, QTY_SCALE)).toBe('-3');
    expect(formatDecimal(1n, QTY_SCALE)).toBe('0.001');
    expect(formatDecimal(-1n, MONEY_SCALE)).toBe('-0.0001');
    expect(formatDecimal(0n, QTY_SCALE)).toBe('0');
    expect(formatDecimal(1_230n, QTY_SCALE)).toBe('1.23');
    expect(formatDecimal(100_010n, MONEY_SCALE)).toBe('10.001');
    expect(formatDecimal(7n, 0)).toBe('7');
  });

  it('is read back by parseDecimal, also as a JSON number (property)', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(QTY_SCALE, MONEY_SCALE)
          .chain((scale) => fc.tuple(fc.constant(scale), inRange(scale))),
        ([scale, x]) => {
          const text = formatDecimal(x, scale);
          expect(parseDecimal(text, scale)).toEqual(ok(x));
          const json = toJsonNumber(x, scale);
          expect(JSON.stringify(json)).toBe(text);
          expect(parseDecimal(JSON.parse(JSON.stringify(json)), scale)).toEqual(ok(x));
        },
      ),
    );
  });

  it('round-trips through JSON at the edges of the range', () => {
    const cases: [bigint, number][] = [
      [MAX_WHOLE * 10_000n - 1n, MONEY_SCALE],
      [-(MAX_WHOLE * 10_000n - 1n), MONEY_SCALE],
      [MAX_WHOLE * 10_000n - 9_999n, MONEY_SCALE],
      [MAX_WHOLE * 1_000n - 1n, QTY_SCALE],
      [98_765_432_109_876n, MONEY_SCALE],
      [1n, MONEY_SCALE],
      [-1n, QTY_SCALE],
    ];
    for (const [x, scale] of cases) {
      const text = formatDecimal(x, scale);
      expect(JSON.stringify(toJsonNumber(x, scale)), text).toBe(text);
      expect(parseDecimal(toJsonNumber(x, scale), scale)).toEqual(ok(x));
    }
  });
});

describe('toJsonNumber', () => {
  it('gives the plain number', () => {
    expect(toJsonNumber(125_000n, MONEY_SCALE)).toBe(12.5);
    expect(toJsonNumber(100n, QTY_SCALE)).toBe(0.1);
    expect(toJsonNumber(-1n, MONEY_SCALE)).toBe(-0.0001);
    expect(Object.is(toJsonNumber(0n, QTY_SCALE), 0)).toBe(true);
  });
});

describe('exact arithmetic', () => {
  it('adds 0.1 ten times to exactly 1', () => {
    const tenth = qty(0.1);
    const total = sum(Array.from({ length: 10 }, () => tenth));
    expect(total).toBe(qty(1));
    expect(formatDecimal(total, QTY_SCALE)).toBe('1');
    expect(toJsonNumber(total, QTY_SCALE)).toBe(1);
  });

  it('sums any iterable, empty to zero', () => {
    expect(sum([])).toBe(0n);
    expect(sum(new Set([1n, -4n, 10n]))).toBe(7n);
  });

  it('builds quantities and money from whole units or text', () => {
    expect(qty(5)).toBe(5_000n);
    expect(qty('0.25')).toBe(250n);
    expect(money('12.5')).toBe(125_000n);
    expect(money(-0.0001)).toBe(-1n);
    expect(() => qty('abc')).toThrow(RangeError);
    expect(() => qty(0.0001)).toThrow(/too_precise/);
    expect(() => money('0.00001')).toThrow(RangeError);
    expect(() => money(Number(MAX_WHOLE))).toThrow(/too_large/);
  });
});

describe('divideRoundHalfUp', () => {
  it('rounds halves away from zero for both signs', () => {
    expect(divideRoundHalfUp(25n, 10n)).toBe(3n);
    expect(divideRoundHalfUp(-25n, 10n)).toBe(-3n);
    expect(divideRoundHalfUp(25n, -10n)).toBe(-3n);
    expect(divideRoundHalfUp(-25n, -10n)).toBe(3n);
    expect(divideRoundHalfUp(24n, 10n)).toBe(2n);
    expect(divideRoundHalfUp(-24n, 10n)).toBe(-2n);
    expect(divideRoundHalfUp(26n, 10n)).toBe(3n);
    expect(divideRoundHalfUp(-26n, 10n)).toBe(-3n);
    expect(divideRoundHalfUp(1n, 2n)).toBe(1n);
    expect(divideRoundHalfUp(-1n, 2n)).toBe(-1n);
    expect(divideRoundHalfUp(1n, 3n)).toBe(0n);
    expect(divideRoundHalfUp(2n, 3n)).toBe(1n);
    expect(divideRoundHalfUp(0n, 7n)).toBe(0n);
    expect(divideRoundHalfUp(30n, 10n)).toBe(3n);
  });

  it('refuses division by zero', () => {
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });

  it('gives the nearest integer, ties away from zero (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((d) => d !== 0n),
        (n, d) => {
          const q = divideRoundHalfUp(n, d);
          // |n/d − q| ≤ 1/2, i.e. |2n − 2qd| ≤ |d|.
          const twiceError = 2n * n - 2n * q * d;
          const absD = d < 0n ? -d : d;
          expect(twiceError <= absD && twiceError >= -absD).toBe(true);
          // On a tie, q lies away from zero: |q·d| > |n|.
          if (twiceError === absD || twiceError === -absD) {
            const qd = q * d;
            expect(qd < 0n ? -qd : qd).toBeGreaterThan(n < 0n ? -n : n);
          }
          expect(divideRoundHalfUp(-n, d)).toBe(-q);
          expect(divideRoundHalfUp(n, -d)).toBe(-q);
        },
      ),
    );
  });
});

describe('valueAtCost', () => {
  it('multiplies at full precision and rounds once to money', () => {
    // 1.5 × 0.3333 = 0.49995 → 0.5000
    expect(valueAt(qty('1.5'), money('0.3333'))).toBe(5_000n);
    expect(valueAt(qty('-1.5'), money('0.3333'))).toBe(-5_000n);
    // 2.5 × 1.23 = 3.075 exactly
    expect(valueAt(qty('2.5'), money('1.23'))).toBe(30_750n);
    // 3 × 3.3333 = 9.9999
    expect(valueAt(qty(3), money('3.3333'))).toBe(99_999n);
    // 0.001 × 0.0001 = 0.0000001 → 0; 0.5 × 0.0001 = 0.00005 → 0.0001
    expect(valueAt(qty('0.001'), money('0.0001'))).toBe(0n);
    expect(valueAt(qty('0.5'), money('0.0001'))).toBe(1n);
    expect(valueAt(qty('0.4'), money('0.0001'))).toBe(0n);
    expect(valueAt(0n, money('99.99'))).toBe(0n);
  });

  it('rounds a sum once, not each part', () => {
    const half = qty('0.5');
    const cost = money('0.0001');
    expect(valueAt(half, cost) + valueAt(half, cost)).toBe(2n);
    expect(roundToMoney(exactValue(half, cost) + exactValue(half, cost))).toBe(1n);
    expect(valueAt(half + half, cost)).toBe(1n);
  });

  it('is exactValue rounded, and money survives the trip to full precision (property)', () => {
    fc.assert(
      fc.property(inRange(QTY_SCALE), inRange(MONEY_SCALE), (q, c) => {
        expect(exactValue(q, c)).toBe(q * c);
        expect(valueAt(q, c)).toBe(divideRoundHalfUp(q * c, 1_000n));
        expect(roundToMoney(moneyToExact(c))).toBe(c);
      }),
    );
  });
});

describe('unitCostOf', () => {
  it('spreads a value over a quantity, rounded half up to money', () => {
    expect(unitCostOf(money('10'), qty(3))).toBe(33_333n);
    expect(unitCostOf(money('2'), qty(3))).toBe(6_667n);
    expect(unitCostOf(money('25'), qty(10))).toBe(25_000n);
    expect(unitCostOf(money('1'), qty('0.008'))).toBe(1_250_000n);
    expect(unitCostOf(1n, qty(2))).toBe(1n);
    expect(unitCostOf(-money('2'), qty(3))).toBe(-6_667n);
  });

  it('is zero for no quantity', () => {
    expect(unitCostOf(money('5'), 0n)).toBe(0n);
  });

  it('undoes valueAtCost when the value is exact (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 9n }), (q, c) => {
        const value = valueAt(q, c);
        if (q * c === moneyToExact(value)) expect(unitCostOf(value, q)).toBe(c);
        // Whatever the rounding, the unit cost is within half a ten-thousandth of value / qty.
        const cost = unitCostOf(value, q);
        const twiceError = 2n * cost * q - 2n * moneyToExact(value);
        expect(twiceError <= q && twiceError >= -q).toBe(true);
      }),
    );
  });
});
