import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainReservationCreate, reservationCreate } from './reservations';

const text = fc.oneof(
  fc.stringMatching(/^[ -~]{0,66}$/),
  fc.stringMatching(/^[A-Z0-9][A-Z0-9 -]{0,8}[A-Z0-9]$/),
  fc.string({ maxLength: 70 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 210 }),
  fc.constantFrom(
    '',
    ' ',
    'SKU-1',
    ' SKU-1',
    'SKU-1 ',
    'A B',
    'x'.repeat(64),
    'x'.repeat(65),
    'é',
    '\t',
    'a\u007f',
  ),
);
const quantity = fc.oneof(
  fc.integer({ min: -5, max: 100 }),
  fc.double(),
  fc.constantFrom(0, 1, 1.5, 0.001, 0.0001, 99_999_999_999, 100_000_000_000, 1e21, Number.NaN),
  fc.string(),
);
const body = fc.record(
  {
    sku: text,
    warehouse: text,
    qty: quantity,
    reference: text,
    expiresAt: fc.constantFrom('2099-01-01T00:00:00Z', 'soon'),
    extra: fc.string(),
  },
  { requiredKeys: [] },
);

const code = fc.stringMatching(/^[A-Za-z0-9][ -~]{0,8}[A-Za-z0-9]$/);
const plausible = fc.record(
  { sku: code, warehouse: code, qty: fc.integer({ min: 1, max: 1000 }), reference: code, extra: fc.string() },
  { requiredKeys: ['sku', 'warehouse', 'qty', 'reference'] },
);

describe('the plain reservation body', () => {
  it('accepts only what the schema accepts, and makes the same of it', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(plausible, body, fc.anything()), (input) => {
        const plain = plainReservationCreate(input);
        if (plain === undefined) return;
        accepted++;
        const parsed = reservationCreate.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(JSON.stringify(plain)).toBe(JSON.stringify(parsed.data));
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('takes the common body', () => {
    const common = { sku: 'BENCH-HOT', warehouse: 'WH-1', qty: 1, reference: 'order 42', note: 'dropped' };
    expect(plainReservationCreate(common)).toEqual({
      sku: 'BENCH-HOT',
      warehouse: 'WH-1',
      qty: 1,
      reference: 'order 42',
    });
    expect(plainReservationCreate({ ...common, expiresAt: '2099-01-01T00:00:00Z' })).toBeUndefined();
    expect(plainReservationCreate({ ...common, qty: 1.5 })).toBeUndefined();
    expect(plainReservationCreate({ ...common, reference: ' order' })).toBeUndefined();
  });
});
