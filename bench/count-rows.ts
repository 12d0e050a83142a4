// After a server has stopped: what its database holds for the hot SKU, as one JSON line —
// {onHand, reserved} in units, active reservation rows, and 201 responses recorded under an
// Idempotency-Key (the successes the server decided, including any wrk cut off at the end).
// Usage: npx tsx bench/count-rows.ts <DATABASE_URL> <sku> <warehouse>
import { connect } from '../packages/server/src/db/connect';

const [url, sku, warehouse] = process.argv.slice(2);
if (!url || !sku || !warehouse) throw new Error('usage: count-rows.ts <DATABASE_URL> <sku> <warehouse>');
const database = connect(url, { poolSize: 1 });
const { db } = database;
try {
  const balance = await db
    .selectFrom('stock_balances')
    .innerJoin('items', 'items.id', 'stock_balances.item_id')
    .innerJoin('warehouses', 'warehouses.id', 'stock_balances.warehouse_id')
    .select(['stock_balances.item_id', 'stock_balances.warehouse_id', 'on_hand', 'reserved'])
    .where('items.sku', '=', sku)
    .where('warehouses.code', '=', warehouse)
    .executeTakeFirstOrThrow();
  const active = await db
    .selectFrom('reservations')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('item_id', '=', balance.item_id)
    .where('warehouse_id', '=', balance.warehouse_id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  const recorded = await db
    .selectFrom('idempotency_keys')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('status_code', '=', 201n)
    .executeTakeFirstOrThrow();
  const units = (thousandths: bigint) => Number(thousandths) / 1000;
  console.log(
    JSON.stringify({
      onHand: units(balance.on_hand),
      reserved: units(balance.reserved),
      active: Number(active.n),
      recorded201: Number(recorded.n),
    }),
  );
} finally {
  await database.close();
}
