import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema';

/** One place where the stored numbers disagree with what the ledger says they must be. */
export interface Difference {
  check: string;
  itemId: string;
  warehouseId: string;
  expected: string;
  actual: string;
  detail?: string;
}

const key = (itemId: string, warehouseId: string) => `${itemId}\u0000${warehouseId}`;

/**
 * Recomputes every balance and cost layer from the ledger and reports each difference:
 * on hand = sum of entries; the running balance of every entry; reserved = active reservations;
 * incoming, in transit and quarantined = what the documents say; the bins hold the on hand;
 * the layers hold exactly the on-hand quantity and the ledger's value; each layer = its receipt
 * minus its takes. An empty list means the books agree.
 */
export function verifyLedger(db: Kysely<DB>): Promise<Difference[]> {
  // One snapshot for every read, so that writes meanwhile cannot show as differences.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => compare(trx));
}

async function compare(db: Kysely<DB>): Promise<Difference[]> {
  const differences: Difference[] = [];
  const add = (
    check: string,
    itemId: string,
    warehouseId: string,
    expected: bigint,
    actual: bigint,
    detail?: string,
  ) => {
    if (expected !== actual)
      differences.push({
        check,
        itemId,
        warehouseId,
        expected: String(expected),
        actual: String(actual),
        ...(detail ? { detail } : {}),
      });
  };

  const balances = await db.selectFrom('stock_balances').selectAll().execute();
  const ledger = await db
    .selectFrom('ledger_entries')
    .select((eb) => [
      'item_id',
      'warehouse_id',
      eb.fn.sum<bigint>('qty').as('qty'),
      eb.fn.sum<bigint>('value').as('value'),
    ])
    .groupBy(['item_id', 'warehouse_id'])
    .execute();
  const layers = await db
    .selectFrom('cost_layers')
    .select((eb) => [
      'item_id',
      'warehouse_id',
      eb.fn.sum<bigint>('qty_remaining').as('qty'),
      eb.fn.sum<bigint>('value_remaining').as('value'),
    ])
    .groupBy(['item_id', 'warehouse_id'])
    .execute();
  const reserved = await db
    .selectFrom('reservations')
    .select((eb) => ['item_id', 'warehouse_id', eb.fn.sum<bigint>('qty').as('qty')])
    .where('status', '=', 'active')
    .groupBy(['item_id', 'warehouse_id'])
    .execute();

  const sides = await sideQuantities(db);
  const binned = await db
    .selectFrom('bin_stock')
    .select((eb) => ['item_id', 'warehouse_id', eb.fn.sum<bigint>('qty').as('qty')])
    .groupBy(['item_id', 'warehouse_id'])
    .execute();
  const binnedBy = new Map(binned.map((r) => [key(r.item_id, r.warehouse_id), BigInt(r.qty)]));

  const ledgerBy = new Map(ledger.map((r) => [key(r.item_id, r.warehouse_id), r]));
  const layersBy = new Map(layers.map((r) => [key(r.item_id, r.warehouse_id), r]));
  const reservedBy = new Map(reserved.map((r) => [key(r.item_id, r.warehouse_id), BigInt(r.qty)]));
  const seen = new Set<string>();
  for (const b of balances) {
    const k = key(b.item_id, b.warehouse_id);
    seen.add(k);
    const l = ledgerBy.get(k);
    const layer = layersBy.get(k);
    add('on_hand = sum of ledger', b.item_id, b.warehouse_id, BigInt(l?.qty ?? 0n), b.on_hand);
    add('reserved = active reservations', b.item_id, b.warehouse_id, reservedBy.get(k) ?? 0n, b.reserved);
    add('layers hold on hand', b.item_id, b.warehouse_id, b.on_hand, BigInt(layer?.qty ?? 0n));
    add('bins hold on hand', b.item_id, b.warehouse_id, b.on_hand, binnedBy.get(k) ?? 0n);
    add(
      'layers value = ledger value',
      b.item_id,
      b.warehouse_id,
      BigInt(l?.value ?? 0n),
      BigInt(layer?.value ?? 0n),
    );
    for (const [column, expected] of sides) {
      const actual =
        column === 'incoming' ? b.incoming : column === 'in_transit' ? b.in_transit : b.quarantined;
      add(`${column} = its documents`, b.item_id, b.warehouse_id, expected.get(k) ?? 0n, actual);
      expected.delete(k);
    }
    if (b.on_hand - b.reserved - b.quarantined < 0n)
      add('available ≥ 0', b.item_id, b.warehouse_id, 0n, b.on_hand - b.reserved - b.quarantined);
  }
  for (const [k, l] of ledgerBy) {
    if (!seen.has(k))
      add('ledger has a balance row', l.item_id, l.warehouse_id, BigInt(l.qty), 0n, 'no balance row');
  }
  for (const [column, expected] of sides) {
    for (const [k, qty] of expected) {
      const [itemId = '', warehouseId = ''] = k.split('\u0000');
      if (qty !== 0n) add(`${column} = its documents`, itemId, warehouseId, qty, 0n, 'no balance row');
    }
  }
  for (const [k, qty] of reservedBy) {
    if (!seen.has(k)) {
      const [itemId = '', warehouseId = ''] = k.split('\u0000');
      add('reserved = active reservations', itemId, warehouseId, qty, 0n, 'no balance row');
    }
  }

  // Each entry's balance_after is the running sum of the entries before it.
  const chain = await db
    .selectFrom('ledger_entries')
    .select([
      'seq',
      'item_id',
      'warehouse_id',
      'balance_after',
      sql<bigint>`sum(qty) over (partition by item_id, warehouse_id order by seq)`.as('running'),
    ])
    .execute();
  for (const e of chain) {
    if (BigInt(e.running) !== e.balance_after)
      add(
        'balance after each entry',
        e.item_id,
        e.warehouse_id,
        BigInt(e.running),
        e.balance_after,
        `entry ${e.seq}`,
      );
  }

  // Each layer is what its entry brought in, less what was taken from it.
  const layerRows = await db
    .selectFrom('cost_layers as c')
    .innerJoin('ledger_entries as e', 'e.seq', 'c.entry_seq')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('layer_takes')
          .select((x) => [
            'layer_seq',
            x.fn.sum<bigint>('qty').as('qty'),
            x.fn.sum<bigint>('value').as('value'),
          ])
          .groupBy('layer_seq')
          .as('t'),
      (join) => join.onRef('t.layer_seq', '=', 'c.seq'),
    )
    .select([
      'c.seq',
      'c.item_id',
      'c.warehouse_id',
      'c.qty_received',
      'c.qty_remaining',
      'c.value_remaining',
      'e.qty as entry_qty',
      'e.value as entry_value',
      't.qty as taken_qty',
      't.value as taken_value',
    ])
    .execute();
  for (const c of layerRows) {
    const detail = `layer ${c.seq}`;
    add('layer received = its entry', c.item_id, c.warehouse_id, c.entry_qty, c.qty_received, detail);
    add(
      'layer quantity = received − taken',
      c.item_id,
      c.warehouse_id,
      c.qty_received - BigInt(c.taken_qty ?? 0n),
      c.qty_remaining,
      detail,
    );
    add(
      'layer value = entry value − taken',
      c.item_id,
      c.warehouse_id,
      c.entry_value - BigInt(c.taken_value ?? 0n),
      c.value_remaining,
      detail,
    );
  }
  return differences;
}

/**
 * What the side quantities must be, from the documents: incoming = the open quantity of approved
 * purchase orders; in transit = the lots transfers carry towards a warehouse; quarantined = the
 * sum of quarantine movements.
 */
async function sideQuantities(db: Kysely<DB>): Promise<Map<string, Map<string, bigint>>> {
  const incoming = await db
    .selectFrom('document_lines as l')
    .innerJoin('documents as d', 'd.id', 'l.document_id')
    .select((eb) => [
      'l.item_id',
      'd.warehouse_id',
      eb.fn
        .sum<bigint>(
          sql`case when l.qty > l.done_qty + l.closed_qty then l.qty - l.done_qty - l.closed_qty else 0 end`,
        )
        .as('qty'),
    ])
    .where('d.type', '=', 'purchase_order')
    .where('d.status', 'in', ['approved', 'partially_received'])
    .groupBy(['l.item_id', 'd.warehouse_id'])
    .execute();
  const inTransit = await db
    .selectFrom('document_lots')
    .select((eb) => ['item_id', 'warehouse_id', eb.fn.sum<bigint>('qty_remaining').as('qty')])
    .where('kind', '=', 'in_transit')
    .groupBy(['item_id', 'warehouse_id'])
    .execute();
  const quarantined = await db
    .selectFrom('quarantine_moves')
    .select((eb) => ['item_id', 'warehouse_id', eb.fn.sum<bigint>('qty').as('qty')])
    .groupBy(['item_id', 'warehouse_id'])
    .execute();
  const byKey = (rows: { item_id: string; warehouse_id: string | null; qty: bigint | string | number }[]) =>
    new Map(rows.map((r) => [key(r.item_id, r.warehouse_id ?? ''), BigInt(r.qty)]));
  return new Map([
    ['incoming', byKey(incoming)],
    ['in_transit', byKey(inTransit)],
    ['quarantined', byKey(quarantined)],
  ]);
}
