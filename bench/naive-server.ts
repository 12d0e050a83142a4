// The naive baseline: the same database settings as Onhand (connect() from the server), the real
// schema (its migrations), and ONE transaction per reservation — a guarded UPDATE of the balance,
// then an INSERT of the reservation row. No batching, no authentication, no idempotency records.
// With BENCH_COALESCE=1 it is the coalescing reference instead: the same work, but the requests that
// arrive while a transaction commits share the next one — what group commit alone costs.
// Usage: DATABASE_URL=… PORT=… BENCH_SKU=… BENCH_WAREHOUSE=… [BENCH_COALESCE=1] npx tsx bench/naive-server.ts
import Fastify from 'fastify';
import { connect } from '../packages/server/src/db/connect';
import { newId } from '../packages/server/src/db/ids';
import { migrateToLatest } from '../packages/server/src/db/migrator';
import { reserveGuarded } from '../packages/server/src/ledger/balances';

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

type Reserve = (amount: bigint, reference: string) => Promise<string | null>;

const reservationRow = (id: string, amount: bigint, reference: string, at: number) => ({
  id,
  item_id: itemId,
  warehouse_id: warehouseId,
  qty: amount,
  reference,
  status: 'active' as const,
  expires_at: null,
  created_at: at,
  created_by: null,
  ended_at: null,
});

/** One transaction per reservation. */
const oneByOne: Reserve = (amount, reference) => {
  const at = Date.now();
  return db.transaction().execute(async (trx) => {
    if (!(await reserveGuarded(trx, itemId, warehouseId, amount, at))) return null;
    const id = newId(at);
    await trx
      .insertInto('reservations')
      .values(reservationRow(id, amount, reference, at))
      .execute();
    return id;
  });
};

interface Queued {
  amount: bigint;
  reference: string;
  settle: (id: string | null) => void;
  fail: (error: unknown) => void;
}

/**
 * Coalescing alone: the reservations that arrive while a transaction commits share the next one —
 * one guarded UPDATE for their sum, one INSERT of their rows (all refused when the sum does not
 * fit). No authentication, validation beyond the schema, idempotency or audit.
 */
function coalesced(): Reserve {
  // In-process SQLite runs one prepared INSERT per row fastest (an INSERT of n rows is a new
  // statement to prepare for each n); PostgreSQL wants few statements.
  const rowsPerInsert = database.dialect === 'sqlite' ? 1 : 500;
  let queue: Queued[] = [];
  let writing = false;
  const flush = async (): Promise<void> => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const at = Date.now();
      const total = batch.reduce((sum, q) => sum + q.amount, 0n);
      try {
        const ids = await db.transaction().execute(async (trx) => {
          if (!(await reserveGuarded(trx, itemId, warehouseId, total, at))) return null;
          const rows = batch.map((q) => reservationRow(newId(at), q.amount, q.reference, at));
          for (let i = 0; i < rows.length; i += rowsPerInsert)
            await trx
              .insertInto('reservations')
              .values(rows.slice(i, i + rowsPerInsert))
              .execute();
          return rows.map((r) => r.id);
        });
        for (const [i, q] of batch.entries()) q.settle(ids?.[i] ?? null);
      } catch (error) {
        for (const q of batch) q.fail(error);
      }
    }
    writing = false;
  };
  return (amount, reference) =>
    new Promise((settle, fail) => {
      queue.push({ amount, reference, settle, fail });
      if (!writing) void flush();
    });
}

const reserve = process.env.BENCH_COALESCE === '1' ? coalesced() : oneByOne;

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
    const id = await reserve(BigInt(Math.round(qty * QTY_SCALE)), reference);
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
