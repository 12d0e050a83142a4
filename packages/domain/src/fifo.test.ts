import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money, qty, sum, unitCostOf, valueAtCost as valueAt } from './decimal';
import { type CostLayer, consumeFifo, type FifoConsumption, layersQty, layersValue } from './fifo';

/** A fresh receipt layer: quantity at unit cost, valued once. */
function layer(id: string, quantity: string | number, cost: string | number): CostLayer {
  const q = qty(quantity);
  const c = money(cost);
  return { id, qtyRemaining: q, valueRemaining: valueAt(q, c), unitCost: c };
}

/** A receipt layer whose total value was given (10.00 for 3), its unit cost derived from it. */
function received(id: string, quantity: string | number, value: string | number): CostLayer {
  const q = qty(quantity);
  const v = money(value);
  return { id, qtyRemaining: q, valueRemaining: v, unitCost: unitCostOf(v, q) };
}

/** Subtracts a consumption's takes from the layers, as the ledger would. */
function apply(layers: readonly CostLayer[], consumption: FifoConsumption): CostLayer[] {
  return layers.map((l) => {
    const taken = consumption.takes.filter((t) => t.layerId === l.id);
    return {
      ...l,
      qtyRemaining: l.qtyRemaining - sum(taken.map((t) => t.qty)),
      valueRemaining: l.valueRemaining - sum(taken.map((t) => t.value)),
    };
  });
}

describe('consumeFifo', () => {
  it('takes from a single layer at its unit cost', () => {
    const result = consumeFifo([layer('a', 10, '2.5')], qty(4));
    expect(result).toEqual({
      takes: [{ layerId: 'a', qty: qty(4), value: money(10), unitCost: money('2.5') }],
      value: money(10),
      shortfall: 0n,
    });
  });

  it('takes across layers, oldest first', () => {
    const layers = [layer('a', 3, 1), layer('b', 5, 2), layer('c', 10, 3)];
    const result = consumeFifo(layers, qty(10));
    expect(result.takes).toEqual([
      { layerId: 'a', qty: qty(3), value: money(3), unitCost: money(1) },
      { layerId: 'b', qty: qty(5), value: money(10), unitCost: money(2) },
      { layerId: 'c', qty: qty(2), value: money(6), unitCost: money(3) },
    ]);
    expect(result.value).toBe(money(19));
    expect(result.shortfall).toBe(0n);
  });

  it('empties layers exactly without touching the next one', () => {
    const layers = [layer('a', 3, 1), layer('b', 5, 2), layer('c', 10, 3)];
    const result = consumeFifo(layers, qty(8));
    expect(result.takes.map((t) => [t.layerId, t.qty, t.value])).toEqual([
      ['a', qty(3), money(3)],
      ['b', qty(5), money(10)],
    ]);
    expect(result.value).toBe(money(13));
    const after = apply(layers, result);
    expect(after.map((l) => [l.qtyRemaining, l.valueRemaining])).toEqual([
      [0n, 0n],
      [0n, 0n],
      [qty(10), money(30)],
    ]);
  });

  it('gives an emptied layer its exact remaining value, not qty × cost', () => {
    // 3 received for 10.00: unit cost 3.3333, but emptying the layer takes all 10.00.
    const layers = [received('a', 3, 10)];
    expect(layers[0]?.unitCost).toBe(money('3.3333'));
    const result = consumeFifo(layers, qty(3));
    expect(result.value).toBe(money(10));
    expect(result.takes).toEqual([
      { layerId: 'a', qty: qty(3), value: money(10), unitCost: money('3.3333') },
    ]);
  });

  it('rounds a partial take once, half up', () => {
    // 1.5 × 0.3333 = 0.49995 → 0.5000
    const result = consumeFifo([layer('a', 10, '0.3333')], qty('1.5'));
    expect(result.value).toBe(money('0.5'));
    expect(result.takes[0]?.value).toBe(money('0.5'));
    // 1 received for 0.0001, taken by 0.4: 0.00004 → 0
    expect(consumeFifo([layer('b', 1, '0.0001')], qty('0.4')).value).toBe(0n);
  });

  it('adds the rounded partial take to the exact value of emptied layers', () => {
    const layers = [received('a', 3, 10), layer('b', 10, '0.3333')];
    const result = consumeFifo(layers, qty('4.5'));
    expect(result.takes.map((t) => [t.layerId, t.qty, t.value])).toEqual([
      ['a', qty(3), money(10)],
      ['b', qty('1.5'), money('0.5')],
    ]);
    expect(result.value).toBe(money('10.5'));
  });

  it('reports a shortfall when the layers do not cover the quantity', () => {
    const layers = [layer('a', 3, 1), layer('b', 5, 2)];
    const result = consumeFifo(layers, qty(10));
    expect(result.takes.map((t) => [t.layerId, t.qty])).toEqual([
      ['a', qty(3)],
      ['b', qty(5)],
    ]);
    expect(result.value).toBe(money(13));
    expect(result.shortfall).toBe(qty(2));
  });

  it('reports the whole quantity short when there are no layers', () => {
    expect(consumeFifo([], qty('2.5'))).toEqual({ takes: [], value: 0n, shortfall: qty('2.5') });
  });

  it('takes nothing for a zero quantity', () => {
    expect(consumeFifo([layer('a', 3, 1)], 0n)).toEqual({ takes: [], value: 0n, shortfall: 0n });
  });

  it('refuses a negative quantity', () => {
    expect(() => consumeFifo([layer('a', 3, 1)], -1n)).toThrow(RangeError);
  });

  it('takes zero-cost layers at zero value', () => {
    const layers = [layer('free', 5, 0), layer('b', 5, 2)];
    const result = consumeFifo(layers, qty(7));
    expect(result.takes).toEqual([
      { layerId: 'free', qty: qty(5), value: 0n, unitCost: 0n },
      { layerId: 'b', qty: qty(2), value: money(4), unitCost: money(2) },
    ]);
    expect(result.value).toBe(money(4));
    const partial = consumeFifo(layers, qty(3));
    expect(partial.takes).toEqual([{ layerId: 'free', qty: qty(3), value: 0n, unitCost: 0n }]);
    expect(partial.value).toBe(0n);
  });

  it('skips layers that hold nothing', () => {
    const layers: CostLayer[] = [
      { id: 'empty', qtyRemaining: 0n, valueRemaining: 0n, unitCost: money(9) },
      { id: 'overdrawn', qtyRemaining: -qty(1), valueRemaining: -money(9), unitCost: money(9) },
      layer('c', 5, 2),
    ];
    const result = consumeFifo(layers, qty(2));
    expect(result.takes).toEqual([{ layerId: 'c', qty: qty(2), value: money(4), unitCost: money(2) }]);
    expect(result.value).toBe(money(4));
  });

  it('does not change the layers it is given', () => {
    const layers = [layer('a', 3, 1), layer('b', 5, 2)];
    const copy = structuredClone(layers);
    consumeFifo(layers, qty(4));
    expect(layers).toEqual(copy);
  });

  it('never takes more value than a partly taken layer holds', () => {
    // 30000 received for 20000.00: unit cost 0.6667 rounds up, so 29999.999 × 0.6667 = 20000.9993.
    const layers = [received('a', 30_000, 20_000)];
    const result = consumeFifo(layers, qty('29999.999'));
    expect(result.value).toBe(money(20_000));
    expect(result.takes[0]?.value).toBe(money(20_000));
    const after = apply(layers, result);
    expect(after[0]?.valueRemaining).toBe(0n);
    const last = consumeFifo(after, qty('0.001'));
    expect(last.value).toBe(0n);
  });

  it('never drives a layer negative through repeated half-up rounding', () => {
    // 1 unit at 0.0005 is worth 0.0005; ten takes of 0.1 each round 0.00005 up to 0.0001.
    let layers = [layer('a', 1, '0.0005')];
    const values: bigint[] = [];
    for (let i = 0; i < 10; i++) {
      const result = consumeFifo(layers, qty('0.1'));
      values.push(result.value);
      layers = apply(layers, result);
      expect(layers[0]?.valueRemaining).toBeGreaterThanOrEqual(0n);
    }
    expect(values.every((v) => v >= 0n)).toBe(true);
    expect(sum(values)).toBe(5n);
    expect(layers[0]).toMatchObject({ qtyRemaining: 0n, valueRemaining: 0n });
  });
});

describe('layersValue and layersQty', () => {
  it('sum what the layers still hold', () => {
    const layers = [layer('a', 3, 1), received('b', 3, 10), layer('c', '0.5', '0.0001')];
    expect(layersQty(layers)).toBe(qty('6.5'));
    expect(layersValue(layers)).toBe(money('13.0001'));
  });

  it('are zero for no layers', () => {
    expect(layersQty([])).toBe(0n);
    expect(layersValue([])).toBe(0n);
  });
});

const layerArb = fc
  .record({
    qtyRemaining: fc.oneof(fc.bigInt({ min: 0n, max: 5_000n }), fc.bigInt({ min: 0n, max: 100_000_000n })),
    unitCost: fc.oneof(fc.bigInt({ min: 0n, max: 20n }), fc.bigInt({ min: 0n, max: 100_000_000n })),
  })
  .map(({ qtyRemaining, unitCost }) => ({
    qtyRemaining,
    unitCost,
    valueRemaining: valueAt(qtyRemaining, unitCost),
  }));

const layersArb = fc
  .array(layerArb, { maxLength: 8 })
  .map((ls) => ls.map((l, i): CostLayer => ({ id: `L${i}`, ...l })));

describe('consumeFifo properties', () => {
  it('conserves value over any sequence of consumptions that fit', () => {
    fc.assert(
      fc.property(
        layersArb,
        fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 2_000n }), fc.bigInt({ min: 0n, max: 10n ** 9n })), {
          maxLength: 12,
        }),
        (initial, wanted) => {
          const initialValue = layersValue(initial);
          let layers = initial;
          let consumed = 0n;
          for (const w of wanted) {
            const request = w % (layersQty(layers) + 1n);
            const result = consumeFifo(layers, request);
            expect(result.shortfall).toBe(0n);
            expect(sum(result.takes.map((t) => t.qty))).toBe(request);
            expect(sum(result.takes.map((t) => t.value))).toBe(result.value);

            const index = new Map(layers.map((l, i) => [l.id, i]));
            let previous = -1;
            result.takes.forEach((take, k) => {
              const position = index.get(take.layerId) ?? -1;
              const source = layers[position];
              expect(source).toBeDefined();
              if (!source) return;
              // Oldest first, each layer at most once, never more than it holds.
              expect(position).toBeGreaterThan(previous);
              previous = position;
              expect(take.qty).toBeGreaterThan(0n);
              expect(take.qty).toBeLessThanOrEqual(source.qtyRemaining);
              expect(take.unitCost).toBe(source.unitCost);
              expect(take.value).toBeGreaterThanOrEqual(0n);
              expect(take.value).toBeLessThanOrEqual(source.valueRemaining);
              // Only the last take may leave something behind in its layer.
              if (k < result.takes.length - 1) expect(take.qty).toBe(source.qtyRemaining);
            });
            const after = apply(layers, result);
            // Every layer older than the last one taken from is now empty.
            for (const l of after.slice(0, Math.max(previous, 0))) expect(l.qtyRemaining).toBe(0n);
            for (const l of after) {
              expect(l.qtyRemaining).toBeGreaterThanOrEqual(0n);
              expect(l.valueRemaining).toBeGreaterThanOrEqual(0n);
              if (l.qtyRemaining === 0n) expect(l.valueRemaining).toBe(0n);
            }
            consumed += result.value;
            layers = after;
            expect(layersValue(layers) + consumed).toBe(initialValue);
          }
        },
      ),
    );
  });

  it('covers what it can and reports the rest as shortfall', () => {
    fc.assert(
      fc.property(layersArb, fc.bigInt({ min: 0n, max: 10n ** 9n }), (layers, request) => {
        const result = consumeFifo(layers, request);
        const held = layersQty(layers);
        expect(result.shortfall).toBe(request > held ? request - held : 0n);
        expect(sum(result.takes.map((t) => t.qty))).toBe(request - result.shortfall);
        for (const take of result.takes) expect(take.qty).toBeGreaterThan(0n);
        if (result.shortfall > 0n) {
          // Everything was taken, at exactly the value the layers held.
          expect(result.value).toBe(layersValue(layers));
          expect(apply(layers, result).every((l) => l.qtyRemaining === 0n && l.valueRemaining === 0n)).toBe(
            true,
          );
        }
      }),
    );
  });

  it('values a consumption of fresh layers as emptied values plus one rounded partial', () => {
    fc.assert(
      fc.property(layersArb, fc.bigInt({ min: 0n, max: 10n ** 9n }), (layers, w) => {
        const request = w % (layersQty(layers) + 1n);
        const result = consumeFifo(layers, request);
        const byId = new Map(layers.map((l) => [l.id, l]));
        let expected = 0n;
        for (const take of result.takes) {
          const source = byId.get(take.layerId);
          if (!source) throw new Error(`unknown layer ${take.layerId}`);
          expected +=
            take.qty === source.qtyRemaining ? source.valueRemaining : valueAt(take.qty, take.unitCost);
        }
        expect(result.value).toBe(expected);
      }),
    );
  });
});
