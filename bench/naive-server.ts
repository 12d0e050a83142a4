// The naive baseline: the same database settings as Onhand (connect() from the server), the real
// schema (its migrations), and ONE transaction per reservation — a guarded UPDATE of the balance,
// then an INSERT of the reservation row. No batching, no authentication, no idempotency records.
// Usage: DATABASE_URL=… PORT=… BENCH_SKU=… BENCH_WAREHOUSE=… npx tsx bench/naive-server.ts
import Fastify from 'fastify';
import { sql } from 'kysely';
import { connect } from '../packages/server/src/db/connect';
import { newId } from '../packages/server/src/db/ids';
import { migrateToLatest } from '../packages/server/src/db/migrator';

const QTY_SCALE = 1000; // quantities are stored in thousandths
const sku = process.env.BENCH_SKU ?? 'BENCH-HOT';
const warehouse = process.env.BENCH_WAREHOUSE ?? 'BENCH-WH';
const stockUnits = Number(process.env.BENCH_STOCK ?? 10_000_000);

const database = connect(process.env.DATABASE_URL, {
  poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
const { db } = database;
await migrateToLatest(database);

// One item, one warehouse and one balance row, written straight into the real tables.
const now = Date.now();
const itemId = newId(now);
const warehouseId = newId(now);
const fresh = { active: 1, version: 1, created_at: now, updated_at: now };
await db.transaction().execute(async (trx) => {
  await trx
    .insertInto('warehouses')
    .values({ id: warehouseId, code: warehouse, name: warehouse, kind: 'warehouse', ...fresh })
    .execute();
  await trx
    .insertInto('items')
    .values({ id: itemId, sku, name: sku, unit: 'pcs', batch_tracked: 0, expiry_tracked: 0, ...fresh })
    .execute();
  await trx
    .insertInto('stock_balances')
    .values({ item_id: itemId, warehouse_id: warehouseId, on_hand: stockUnits * QTY_SCALE, updated_at: now })
    .execute();
});

interface ReserveBody {
  sku: string;
  warehouse: string;
  qty: number;
  reference: string;
}

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.post<{ Body: ReserveBody }>(
  '/api/v1/reservations',
  {
    schema: {
      body: {
        type: 'object',
        required: ['sku', 'warehouse', 'qty', 'reference'],
        properties: {
          sku: { type: 'string' },
          warehouse: { type: 'string' },
          qty: { type: 'number', exclusiveMinimum: 0 },
          reference: { type: 'string' },
        },
      },
    },
  },
  async (request, reply) => {
    const { qty, reference } = request.body;
    if (request.body.sku !== sku || request.body.warehouse !== warehouse)
      return reply.code(400).send({ code: 'validation_failed' });
    const amount = BigInt(Math.round(qty * QTY_SCALE));
    const at = Date.now();
    const id = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('stock_balances')
        .set({ reserved: sql`reserved + ${amount}`, updated_at: at })
        .where('item_id', '=', itemId)
        .where('warehouse_id', '=', warehouseId)
        .where(sql<boolean>`on_hand - reserved - quarantined >= ${amount}`)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) return null;
      const reservationId = newId(at);
      await trx
        .insertInto('reservations')
        .values({
          id: reservationId,
          item_id: itemId,
          warehouse_id: warehouseId,
          qty: amount,
          reference,
          status: 'active',
          expires_at: null,
          created_at: at,
          created_by: null,
          ended_at: null,
        })
        .execute();
      return reservationId;
    });
    if (id === null) return reply.code(409).send({ code: 'insufficient_stock' });
    return reply.code(201).send({ id, sku, warehouse, qty, reference, status: 'active' });
  },
);

const stop = () => {
  app
    .close()
    .then(() => database.close())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
