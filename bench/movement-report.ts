// How long the 进销存 movement report takes over a big ledger, next to the simple way of making
// it (read every entry and sum in JavaScript), on the embedded database and on PostgreSQL.
// Prints figures; never fails on timing.
// Usage: npx tsx bench/movement-report.ts
// Settings: BENCH_ENTRIES (200000), BENCH_ITEMS (500), BENCH_WAREHOUSES (3), BENCH_RUNS (5),
// BENCH_DATABASES ("sqlite postgres"), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { connect, type Database } from '../packages/server/src/db/connect';
import { migrateToLatest } from '../packages/server/src/db/migrator';
import type { DB } from '../packages/server/src/db/schema';
import { MovementReport, type StoredMovement } from '../packages/server/src/modules/reports/movement.queries';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 200_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 500);
const WAREHOUSES = Number(process.env.BENCH_WAREHOUSES ?? 3);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const KINDS = (process.env.BENCH_DATABASES ?? 'sqlite postgres').split(/\s+/).filter(Boolean);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

const START = Date.parse('2025-12-01T00:00:00Z');
const MONTH = (m: number) => Date.parse(`2026-${String(m).padStart(2, '0')}-01T00:00:00Z`);
const END = MONTH(12); // 12 months of history: December 2025 to November 2026
/** The index this bench suggests: the report reads only these columns, in this order. */
const COVERING_INDEX = 'ledger_report_cover';

/** A deterministic pseudo-random sequence, so that every run builds the same ledger. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Fills a migrated database with items, warehouses and a ledger of ENTRIES rows in time order. */
async function fill(db: Kysely<DB>): Promise<void> {
  const warehouses = Array.from({ length: WAREHOUSES }, (_, i) => ({
    id: `w${i}`,
    code: `WH${i}`,
    name: `Warehouse ${i}`,
    region: null,
    kind: 'warehouse',
    address: null,
    active: 1n,
    version: 1n,
    created_at: BigInt(START),
    updated_at: BigInt(START),
  }));
  await db.insertInto('warehouses').values(warehouses).execute();
  for (let i = 0; i < ITEMS; i += 500) {
    const items = Array.from({ length: Math.min(500, ITEMS - i) }, (_, k) => ({
      id: `i${i + k}`,
      sku: `SKU${String(i + k).padStart(5, '0')}`,
      name: `Item ${i + k}`,
      unit: 'pcs',
      category: `cat${(i + k) % 10}`,
      description: null,
      batch_tracked: 0n,
      expiry_tracked: 0n,
      active: 1n,
      version: 1n,
      created_at: BigInt(START),
      updated_at: BigInt(START),
    }));
    await db.insertInto('items').values(items).execute();
  }
  const next = random(42);
  const balance = new Map<string, bigint>();
  const worth = new Map<string, bigint>();
  const step = (END - START) / ENTRIES;
  for (let n = 0; n < ENTRIES; n += 1000) {
    const rows = Array.from({ length: Math.min(1000, ENTRIES - n) }, (_, k) => {
      const item = `i${Math.floor(next() * ITEMS)}`;
      const warehouse = `w${Math.floor(next() * WAREHOUSES)}`;
      const key = `${item}/${warehouse}`;
      const held = balance.get(key) ?? 0n;
      // Ships (a share of what is held) two times in three when there is stock, else receives.
      const out = held > 0n && next() < 0.66;
      const qty = out
        ? -(1n + BigInt(Math.floor(next() * Number(held))))
        : BigInt(1000 + Math.floor(next() * 50_000));
      const unitCost = BigInt(10_000 + Math.floor(next() * 90_000));
      // As with FIFO, taking all that is held takes all its value: an empty pair is worth 0.
      const value = held + qty === 0n ? -(worth.get(key) ?? 0n) : (qty * unitCost) / 1000n;
      balance.set(key, held + qty);
      worth.set(key, (worth.get(key) ?? 0n) + value);
      return {
        at: BigInt(Math.floor(START + (n + k) * step)),
        item_id: item,
        warehouse_id: warehouse,
        type: out ? 'shipment' : 'receipt',
        qty,
        unit_cost: unitCost,
        value,
        balance_after: held + qty,
        batch: null,
        expires_on: null,
        bin: null,
        document_type: out ? 'shipment' : 'receipt',
        document_id: `doc${n + k}`,
        document_line: 1n,
        user_id: null,
      };
    });
    await db.transaction().execute((trx) => trx.insertInto('ledger_entries').values(rows).execute());
  }
  // What is held now, as post() would have left it: a balance row and (here) one open cost layer
  // per SKU × warehouse holding the whole ledger's quantity and value.
  const held = [...balance].map(([key, qty]) => {
    const [item_id = '', warehouse_id = ''] = key.split('/');
    return { item_id, warehouse_id, qty, value: worth.get(key) ?? 0n };
  });
  for (let i = 0; i < held.length; i += 1000) {
    const chunk = held.slice(i, i + 1000);
    await db
      .insertInto('stock_balances')
      .values(
        chunk.map((h) => ({
          item_id: h.item_id,
          warehouse_id: h.warehouse_id,
          on_hand: h.qty,
          updated_at: BigInt(END),
        })),
      )
      .execute();
    await db
      .insertInto('cost_layers')
      .values(
        chunk.map((h) => ({
          item_id: h.item_id,
          warehouse_id: h.warehouse_id,
          entry_seq: 0n,
          received_at: BigInt(START),
          batch: null,
          expires_on: null,
          unit_cost: 0n,
          qty_received: h.qty,
          qty_remaining: h.qty,
          value_remaining: h.value,
        })),
      )
      .execute();
  }
}

/** The baseline: every entry before the end of the period read into JavaScript and summed there. */
async function sumInJavaScript(db: Kysely<DB>, from: number, to: number): Promise<number> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['item_id', 'warehouse_id', 'at', 'qty', 'value'])
    .where('at', '<', BigInt(to))
    .execute();
  const sums = new Map<string, bigint[]>();
  for (const r of rows) {
    const key = `${r.item_id}/${r.warehouse_id}`;
    const s = sums.get(key) ?? [0n, 0n, 0n, 0n, 0n, 0n];
    sums.set(key, s);
    const i = Number(r.at) < from ? 0 : r.qty > 0n ? 2 : 4;
    s[i] = (s[i] ?? 0n) + (i === 4 ? -r.qty : r.qty);
    s[i + 1] = (s[i + 1] ?? 0n) + (i === 4 ? -r.value : r.value);
  }
  return sums.size;
}

/** The median time of RUNS calls, in milliseconds. */
async function median(work: () => Promise<unknown>): Promise<number> {
  await work(); // warm caches and the statement cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function measure(database: Database, label: string): Promise<void> {
  const { db } = database;
  const report = new MovementReport(db);
  const periods: [string, number, number][] = [
    ['first month (Dec)', START, MONTH(1)],
    ['a middle month (Jun)', MONTH(6), MONTH(7)],
    ['last month (Nov)', MONTH(11), END],
    ['whole year', START, END],
  ];
  for (const [name, from, to] of periods) {
    const period = { from, to };
    const forward = await report.rows({}, period, null, 'forward');
    const backward = await report.rows({}, period, null, 'backward');
    const same = sameFigures(forward, backward);
    const ms = {
      forward: await median(() => report.rows({}, period, null, 'forward')),
      backward: await median(() => report.rows({}, period, null, 'backward')),
      page: await median(() => report.page({ from: '', to: '', limit: 50 }, period, null)),
      oneSku: await median(() => report.rows({ sku: 'SKU00007' }, period, null)),
      js: await median(() => sumInJavaScript(db, from, to)),
    };
    const f = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
    console.log(
      `| ${label} | ${name} | ${forward.length}${same ? '' : ' DIFFER'} | ${f(ms.forward)} | ${f(ms.backward)} | ` +
        `${f(ms.page)} | ${f(ms.oneSku)} | ${f(ms.js)} |`,
    );
  }
}

/** True when two runs of the report hold the same figures for the same SKU × warehouse rows. */
function sameFigures(a: StoredMovement[], b: StoredMovement[]): boolean {
  const text = (rows: StoredMovement[]) =>
    rows
      .map((r) =>
        [
          r.itemId,
          r.warehouseId,
          r.openingQty,
          r.openingValue,
          r.inQty,
          r.inValue,
          r.outQty,
          r.outValue,
        ].join(' '),
      )
      .sort()
      .join('\n');
  return text(a) === text(b);
}

async function run(kind: string): Promise<void> {
  let url: string;
  let cleanUp: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'onhand-bench-movement-'));
    url = join(dir, 'onhand.db');
    cleanUp = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `onhand_bench_movement_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const parsed = new URL(PG_URL);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    cleanUp = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const database = connect(url, { poolSize: 2 });
  try {
    await migrateToLatest(database);
    const t = performance.now();
    await fill(database.db);
    await sql`analyze`.execute(database.db);
    console.log(
      `${kind}: ${ENTRIES} entries, ${ITEMS} items × ${WAREHOUSES} warehouses, filled in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    console.log(
      '| database, indexes | period | rows | forward | backward | page of 50 (auto) | one SKU (auto) | JS baseline (reads entries < to) |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    await measure(database, `${kind}, schema indexes`);
    await sql`create index ${sql.ref(COVERING_INDEX)} on ledger_entries (at, item_id, warehouse_id, type, qty, value)`.execute(
      database.db,
    );
    await sql`analyze`.execute(database.db);
    await measure(database, `${kind}, + ${COVERING_INDEX}`);
  } finally {
    await database.close();
    await cleanUp();
  }
}

for (const kind of KINDS) await run(kind);
