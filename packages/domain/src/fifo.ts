import { exactValue, type Money, moneyToExact, type Quantity, roundToMoney } from './decimal';

/**
 * A FIFO cost layer: what is left of one receipt. `valueRemaining` is tracked exactly so that
 * the sum of remaining layers always equals the sum of ledger values, rounding included.
 */
export interface CostLayer {
  id: string;
  qtyRemaining: Quantity;
  valueRemaining: Money;
  unitCost: Money;
}

/** One layer's part of an outbound movement. */
export interface LayerTake {
  layerId: string;
  qty: Quantity;
  value: Money;
  unitCost: Money;
}

/** The result of taking a quantity out of a SKU's layers, oldest first. */
export interface FifoConsumption {
  takes: LayerTake[];
  /** Total value taken: qty × unit cost summed over the layers, rounded once. */
  value: Money;
  /** What the layers could not cover (0 when stock sufficed). */
  shortfall: Quantity;
}

/**
 * Takes `qty` out of `layers` (already ordered oldest first). Every layer but the last is
 * emptied and gives its exact remaining value; the last, partly taken, gives qty × cost. So the
 * movement's value is rounded once, and an emptied layer never leaves a rounding residue.
 */
export function consumeFifo(layers: readonly CostLayer[], qty: Quantity): FifoConsumption {
  if (qty < 0n) throw new RangeError('cannot consume a negative quantity');
  const takes: LayerTake[] = [];
  let left = qty;
  let emptiedValue = 0n;
  let partialExact = 0n;
  let partialLayerValue = 0n;
  for (const layer of layers) {
    if (left === 0n) break;
    if (layer.qtyRemaining <= 0n) continue;
    if (layer.qtyRemaining <= left) {
      takes.push({
        layerId: layer.id,
        qty: layer.qtyRemaining,
        value: layer.valueRemaining,
        unitCost: layer.unitCost,
      });
      emptiedValue += layer.valueRemaining;
      left -= layer.qtyRemaining;
    } else {
      partialExact = exactValue(left, layer.unitCost);
      partialLayerValue = layer.valueRemaining;
      // Only the last take can be partial; its value is fixed below, once the total is rounded.
      takes.push({ layerId: layer.id, qty: left, value: 0n, unitCost: layer.unitCost });
      left = 0n;
    }
  }
  let value = roundToMoney(moneyToExact(emptiedValue) + partialExact);
  const last = takes.at(-1);
  if (last && partialExact !== 0n) {
    // A partial take never takes more than its layer still holds: when the unit cost was rounded
    // up (20000.00 for 30000 → 0.6667) or small takes kept rounding up, qty × cost can exceed
    // the layer's value and would leave it negative.
    const partialValue = value - emptiedValue;
    last.value = partialValue < partialLayerValue ? partialValue : partialLayerValue;
    value = emptiedValue + last.value;
  }
  return { takes, value, shortfall: left };
}

/** The value still held by a set of layers. */
export function layersValue(layers: readonly CostLayer[]): Money {
  return layers.reduce((acc, l) => acc + l.valueRemaining, 0n);
}

/** The quantity still held by a set of layers. */
export function layersQty(layers: readonly CostLayer[]): Quantity {
  return layers.reduce((acc, l) => acc + l.qtyRemaining, 0n);
}
