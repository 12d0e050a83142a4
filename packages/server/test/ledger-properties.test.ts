import type { Money, Quantity } from '@onhand/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Database } from '../src/db/connect';
import { migrateToLatest } from '../src/db/migrator';
import { IdempotencyGuard } from '../src/http/idempotency';
import { reserveGuarded } from '../src/ledger/balances';
import { post } from '../src/ledger/post';
import { endReservation, expireDue } from '../src/ledger/reservations';
import { InsufficientStockError, type OutboundMovement, type ShortLine, type Trx } from '../src/ledger/types';
import { verifyLedger } from '../src/ledger/verify';
import { SYSTEM_ACTOR } from '../src/modules/audit/audit-entry';
import { verifyAuditChain } from '../src/modules/audit/audit-verify';
import {
  ReservationDesk,
  type ReserveDecision,
  type ReserveOutcome,
} from '../src/modules/reservations/reservation-desk';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from './support/databases';

// Quantities are thousandths, money ten-thousandths (see @onhand/domain decimal.ts).
const ITEMS = 3;
const WAREHOUSES = 2;
const KEYS = ITEMS * WAREHOUSES;
const NUM_RUNS = 40;
const MAX_ACTIONS = 30;

type Status = 'active' | 'released' | 'expired' | 'consumed';

/**
 * How much an action asks for: a fixed quantity, or eighths of what is available at that moment
 * (8 is all of it, more is too much) give or take a few thousandths, so that sequences keep
 * hitting the boundary instead of asking for stock that was never there.
 */
type Amount = { qty: Quantity } | { eighths: number; jitter: bigint };

/**
 * A random action. `key` picks a SKU × warehouse: receipts use it as it is, the other actions
 * pick among the keys that have stock, so they meet the stock the receipts brought.
 */
type Action =
  | { kind: 'receive'; key: number; qty: Quantity; unitCost: Money }
  | { kind: 'reserve'; key: number; amount: Amount; ttl: number | null }
  | { kind: 'reserveGroup'; key: number; requests: { amount: Amount; ttl: number | null }[] }
  | { kind: 'release'; pick: number }
  | { kind: 'shipReserved'; pick: number; extra: Amount | null }
  | { kind: 'ship'; key: number; amount: Amount }
  | { kind: 'shipLines'; lines: { key: number; amount: Amount }[] }
  | { kind: 'expire'; advance: number };

/** The quantity an amount asks for when `available` is free, shared by `parts` requests. */
function resolve(amount: Amount, available: Quantity, parts = 1): Quantity {
  if ('qty' in amount) return amount.qty;
  const q = (available * BigInt(amount.eighths)) / (8n * BigInt(parts)) + amount.jitter;
  return q < 1n ? 1n : q;
}

// ---------------------------------------------------------------------------------------------
// The model: what the books must say, computed without the database.

interface ModelLayer {
  received: Quantity;
  remaining: Quantity;
}

interface ModelBalance {
  hasRow: boolean;
  onHand: Quantity;
  reserved: Quantity;
  layers: ModelLayer[];
}

interface ModelReservation {
  id: string;
  key: number;
  qty: Quantity;
  status: Status;
  expiresAt: number | null;
}

class Model {
  balances: ModelBalance[] = Array.from({ length: KEYS }, () => ({
    hasRow: false,
    onHand: 0n,
    reserved: 0n,
    layers: [],
  }));
  reservations: ModelReservation[] = [];

  balance(key: number): ModelBalance {
    const b = this.balances[key];
    if (!b) throw new Error(`no key ${key}`);
    return b;
  }

  available(key: number): Quantity {
    const b = this.balance(key);
    return b.onHand - b.reserved;
  }

  /** The `pick`-th key that has stock (any key when none has). */
  stockedKey(pick: number): number {
    const stocked = this.balances.flatMap((b, k) => (b.onHand > 0n ? [k] : []));
    return stocked.length > 0 ? (stocked[pick % stocked.length] ?? 0) : pick % KEYS;
  }

  active(): ModelReservation[] {
    return this.reservations.filter((r) => r.status === 'active');
  }

  receive(key: number, qty: Quantity): void {
    const b = this.balance(key);
    b.hasRow = true;
    b.onHand += qty;
    b.layers.push({ received: qty, remaining: qty });
  }

  /** Takes stock out, oldest layer first. */
  remove(key: number, qty: Quantity, fromReserved: Quantity): void {
    const b = this.balance(key);
    b.onHand -= qty;
    b.reserved -= fromReserved;
    let left = qty;
    for (const layer of b.layers) {
      if (left === 0n) break;
      // bigint: no Math.min
      let take = left;
      if (layer.remaining < take) take = layer.remaining;
      layer.remaining -= take;
      left -= take;
    }
    if (left !== 0n) throw new Error('model: layers do not cover the outbound quantity');
  }

  /** Ends every active reservation (of one key when given) whose expiry has come. */
  expireDue(now: number, key?: number): number {
    let n = 0;
    for (const r of this.reservations) {
      if (r.status !== 'active' || r.expiresAt === null || r.expiresAt > now) continue;
      if (key !== undefined && r.key !== key) continue;
      r.status = 'expired';
      this.balance(r.key).reserved -= r.qty;
      n++;
    }
    return n;
  }

  clone(): Model {
    const copy = new Model();
    copy.balances = this.balances.map((b) => ({ ...b, layers: b.layers.map((l) => ({ ...l })) }));
    copy.reservations = this.reservations.map((r) => ({ ...r }));
    return copy;
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const keyArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 1 }), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: KEYS - 1 }), weight: 2 },
);
/** Up to 60 units with three decimals. */
const qtyArb = fc.bigInt({ min: 1n, max: 60_000n });
const amountArb: fc.Arbitrary<Amount> = fc.oneof(
  { arbitrary: fc.record({ qty: qtyArb }), weight: 1 },
  {
    arbitrary: fc.record({
      eighths: fc.integer({ min: 0, max: 10 }),
      jitter: fc.oneof(fc.constant(0n), fc.bigInt({ min: -2n, max: 2n })),
    }),
    weight: 4,
  },
);
/** Up to 100 units with three decimals, and some round and large ones. */
const receiptQtyArb = fc.oneof(
  { arbitrary: fc.bigInt({ min: 1n, max: 100_000n }), weight: 4 },
  { arbitrary: fc.constantFrom(1n, 1_000n, 30_000n, 30_000_000n), weight: 1 },
);
/** Up to 1 000.0000 with four decimals, with some costs that do not divide evenly. */
const unitCostArb = fc.oneof(
  { arbitrary: fc.bigInt({ min: 0n, max: 10_000_000n }), weight: 4 },
  { arbitrary: fc.constantFrom(0n, 1n, 3_333n, 6_667n, 99_999n, 123_456_789n), weight: 1 },
);
const ttlArb = fc.option(fc.integer({ min: 1, max: 3_000 }), { nil: null, freq: 3 });

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      key: keyArb,
      qty: receiptQtyArb,
      unitCost: unitCostArb,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('reserve' as const),
      key: fc.nat(),
      amount: amountArb,
      ttl: ttlArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reserveGroup' as const),
      key: fc.nat(),
      requests: fc.array(fc.record({ amount: amountArb, ttl: ttlArb }), { minLength: 2, maxLength: 6 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('shipReserved' as const),
      pick: fc.nat(),
      extra: fc.option(amountArb, { nil: null, freq: 2 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('ship' as const), key: fc.nat(), amount: amountArb }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('shipLines' as const),
      lines: fc.array(fc.record({ key: fc.nat(), amount: amountArb }), { minLength: 2, maxLength: 4 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('expire' as const),
      advance: fc.integer({ min: 0, max: 2_000 }),
    }),
  },
);

// ---------------------------------------------------------------------------------------------
// Reading the books back.

/** A short line as the model expects it, by key. */
type ExpectedShort = Omit<ShortLine, 'itemId' | 'warehouseId'> & { key: number };

const sumOf = (v: bigint | number | string | null | undefined): bigint => BigInt(v ?? 0);

interface Snapshot {
  balances: {
    item_id: string;
    warehouse_id: string;
    on_hand: bigint;
    reserved: bigint;
    quarantined: bigint;
  }[];
  entries: { seq: bigint; qty: bigint; value: bigint }[];
  layers: { seq: bigint; qty_remaining: bigint; value_remaining: bigint }[];
  takes: number;
  reservations: { id: string; status: string }[];
}

/** What the random sequences did, printed with LEDGER_STATS=1 to see that they reach every path. */
const stats = {
  counts: new Map<string, number>(),
  count(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  },
};

/** The decision a desk answer carries (see the desk made below), or that a key was recorded. */
function decisionOf(outcome: ReserveOutcome): ReserveDecision | { kind: 'recorded' } {
  if (outcome.kind === 'recorded') return outcome;
  const body = outcome.result.body as
    | { kind: 'reserved'; id: string }
    | { kind: 'insufficient'; available: string };
  return body.kind === 'reserved' ? body : { kind: 'insufficient', available: BigInt(body.available) };
}

for (const kind of testDatabaseKinds()) {
  describe(`ledger properties on ${kind}`, () => {
    let testDb: TestDatabase | undefined;
    let database: Database | undefined;
    let desk: ReservationDesk | undefined;
    let runs = 0;
    /** A clock passed in to every ledger call; it only moves forward, across runs too. */
    let now = 1_800_000_000_000;
    const clock = () => now;

    beforeAll(async () => {
      testDb = await createTestDatabase(kind);
      database = connect(testDb.url, { poolSize: 8 });
      await migrateToLatest(database);
      // The answer carries the decision (as JSON: the quantity as text), for the checks to read back.
      desk = new ReservationDesk(database, new IdempotencyGuard(database.db, clock), (_r, decision) => ({
        status: 200,
        body:
          decision.kind === 'reserved' ? decision : { ...decision, available: String(decision.available) },
      }));
    });
    afterAll(async () => {
      if (process.env.LEDGER_STATS) console.log(kind, Object.fromEntries([...stats.counts].sort()));
      stats.counts.clear();
      await database?.close();
      await testDb?.drop();
    });

    const db = () => {
      if (!database) throw new Error('the database is not open');
      return database.db;
    };

    /** One run's own SKUs and warehouses, so that runs never share a balance. */
    interface Run {
      prefix: string;
      itemIds: string[];
      warehouseIds: string[];
      key(k: number): { itemId: string; warehouseId: string };
    }

    async function newRun(): Promise<Run> {
      runs++;
      const prefix = `P${runs}-${process.pid}`;
      const itemIds = Array.from({ length: ITEMS }, (_, i) => `${prefix}-item-${i}`);
      const warehouseIds = Array.from({ length: WAREHOUSES }, (_, i) => `${prefix}-wh-${i}`);
      await db()
        .insertInto('items')
        .values(
          itemIds.map((id) => ({
            id,
            sku: id,
            name: `Item ${id}`,
            unit: 'pcs',
            batch_tracked: 0,
            expiry_tracked: 0,
            active: 1,
            version: 1,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await db()
        .insertInto('warehouses')
        .values(
          warehouseIds.map((id) => ({
            id,
            code: id,
            name: `Warehouse ${id}`,
            kind: 'warehouse',
            active: 1,
            version: 1,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      return {
        prefix,
        itemIds,
        warehouseIds,
        key(k) {
          const itemId = itemIds[Math.floor(k / WAREHOUSES)];
          const warehouseId = warehouseIds[k % WAREHOUSES];
          if (itemId === undefined || warehouseId === undefined) throw new Error(`no key ${k}`);
          return { itemId, warehouseId };
        },
      };
    }

    const keyOf = (run: Run, itemId: string, warehouseId: string): number =>
      run.itemIds.indexOf(itemId) * WAREHOUSES + run.warehouseIds.indexOf(warehouseId);

    async function snapshot(run: Run): Promise<Snapshot> {
      const balances = await db()
        .selectFrom('stock_balances')
        .select(['item_id', 'warehouse_id', 'on_hand', 'reserved', 'quarantined'])
        .where('item_id', 'in', run.itemIds)
        .orderBy('item_id')
        .orderBy('warehouse_id')
        .execute();
      const entries = await db()
        .selectFrom('ledger_entries')
        .select(['seq', 'qty', 'value'])
        .where('item_id', 'in', run.itemIds)
        .orderBy('seq')
        .execute();
      const layers = await db()
        .selectFrom('cost_layers')
        .select(['seq', 'qty_remaining', 'value_remaining'])
        .where('item_id', 'in', run.itemIds)
        .orderBy('seq')
        .execute();
      const takes = await db()
        .selectFrom('layer_takes')
        .innerJoin('cost_layers', 'cost_layers.seq', 'layer_takes.layer_seq')
        .select((eb) => eb.fn.countAll<bigint | number | string>().as('n'))
        .where('cost_layers.item_id', 'in', run.itemIds)
        .executeTakeFirstOrThrow();
      const reservations = await db()
        .selectFrom('reservations')
        .select(['id', 'status'])
        .where('item_id', 'in', run.itemIds)
        .orderBy('id')
        .execute();
      return { balances, entries, layers, takes: Number(takes.n), reservations };
    }

    /** The balance rows of the run agree with the model (checked after every action). */
    async function expectBalances(run: Run, model: Model, after: string): Promise<void> {
      const rows = await db()
        .selectFrom('stock_balances')
        .select(['item_id', 'warehouse_id', 'on_hand', 'reserved', 'quarantined'])
        .where('item_id', 'in', run.itemIds)
        .execute();
      const actual = new Map(rows.map((r) => [keyOf(run, r.item_id, r.warehouse_id), r]));
      for (let k = 0; k < KEYS; k++) {
        const b = model.balance(k);
        const row = actual.get(k);
        if (!b.hasRow) {
          expect(row, `key ${k} has no balance row yet, after ${after}`).toBeUndefined();
          continue;
        }
        expect(
          row && { onHand: row.on_hand, reserved: row.reserved, quarantined: row.quarantined },
          `balance of key ${k} after ${after}`,
        ).toEqual({ onHand: b.onHand, reserved: b.reserved, quarantined: 0n });
      }
    }

    /** Runs a write that must be refused with these short lines, and proves it changed nothing. */
    async function expectRefused(
      run: Run,
      write: (trx: Trx) => Promise<unknown>,
      short: ExpectedShort[],
    ): Promise<void> {
      const before = await snapshot(run);
      const error = await db()
        .transaction()
        .execute(write)
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(InsufficientStockError);
      if (error instanceof InsufficientStockError) {
        expect(error.lines).toEqual(
          short.map(({ key, line, requested, available }) => ({
            line,
            ...run.key(key),
            requested,
            available,
          })),
        );
      }
      expect(await snapshot(run)).toEqual(before);
    }

    const outbound = (
      run: Run,
      line: number,
      key: number,
      qty: Quantity,
      fromReserved = 0n,
    ): OutboundMovement => ({
      direction: 'out',
      type: 'shipment',
      line,
      ...run.key(key),
      qty,
      fromReserved,
    });

    const actor = () => ({ userId: null, at: now });

    async function apply(run: Run, model: Model, action: Action, step: number): Promise<void> {
      now += 1;
      const document = { type: 'property', id: `${run.prefix}-${step}` };
      switch (action.kind) {
        case 'receive': {
          const entries = await db()
            .transaction()
            .execute((trx) =>
              post(trx, { ...document, type: 'receipt' }, actor(), [
                {
                  direction: 'in',
                  type: 'receipt',
                  line: 1,
                  ...run.key(action.key),
                  qty: action.qty,
                  unitCost: action.unitCost,
                },
              ]),
            );
          model.receive(action.key, action.qty);
          stats.count('receive');
          expect(entries).toHaveLength(1);
          expect(entries[0]?.balanceAfter).toBe(model.balance(action.key).onHand);
          return;
        }
        case 'reserve': {
          const key = model.stockedKey(action.key);
          const { itemId, warehouseId } = run.key(key);
          const qty = resolve(action.amount, model.available(key));
          const id = `${run.prefix}-r${step}`;
          const expiresAt = action.ttl === null ? null : now + action.ttl;
          const granted = await db()
            .transaction()
            .execute(async (trx) => {
              if (!(await reserveGuarded(trx, itemId, warehouseId, qty, now))) return false;
              await trx
                .insertInto('reservations')
                .values({
                  id,
                  item_id: itemId,
                  warehouse_id: warehouseId,
                  qty,
                  reference: document.id,
                  status: 'active',
                  expires_at: expiresAt,
                  created_at: now,
                  created_by: null,
                  ended_at: null,
                })
                .execute();
              return true;
            });
          const fits = model.balance(key).hasRow && model.available(key) >= qty;
          expect(granted, `reserve ${qty} of key ${key}`).toBe(fits);
          if (granted) {
            model.balance(key).reserved += qty;
            model.reservations.push({ id, key, qty, status: 'active', expiresAt });
          }
          stats.count(granted ? 'reserve granted' : 'reserve refused');
          return;
        }
        case 'reserveGroup': {
          const key = model.stockedKey(action.key);
          const { itemId, warehouseId } = run.key(key);
          const theDesk = desk;
          if (!theDesk) throw new Error('no reservation desk');
          const parts = action.requests.length;
          const requests = action.requests.map((r) => ({
            qty: resolve(r.amount, model.available(key), parts),
            expiresAt: r.ttl === null ? null : now + r.ttl,
          }));
          // Submitted together, so the desk grants them in one batch: all at once when they fit,
          // else (after releasing what has expired) first come first served.
          const outcomes = (
            await Promise.all(
              requests.map((r, i) =>
                theDesk.reserve({
                  itemId,
                  sku: itemId,
                  warehouseId,
                  warehouse: warehouseId,
                  qty: r.qty,
                  reference: `${document.id}-${i}`,
                  expiresAt: r.expiresAt,
                  user: null,
                  at: now,
                  claim: null,
                  actor: SYSTEM_ACTOR,
                }),
              ),
            )
          ).map(decisionOf);
          const total = requests.reduce((acc, r) => acc + r.qty, 0n);
          const expected: ({ kind: 'reserved' } | { kind: 'insufficient'; available: Quantity })[] = [];
          if (model.balance(key).hasRow && model.available(key) >= total) {
            expected.push(...requests.map(() => ({ kind: 'reserved' as const })));
          } else {
            model.expireDue(now, key);
            let left = model.available(key);
            for (const r of requests) {
              if (r.qty <= left) {
                expected.push({ kind: 'reserved' });
                left -= r.qty;
              } else expected.push({ kind: 'insufficient', available: left });
            }
          }
          expect(
            outcomes.map((o) => (o.kind === 'reserved' ? { kind: o.kind } : o)),
            `group of ${requests.map((r) => r.qty).join(', ')} on key ${key}`,
          ).toEqual(expected);
          outcomes.forEach((o, i) => {
            const request = requests[i];
            if (o.kind !== 'reserved' || !request) return;
            model.balance(key).reserved += request.qty;
            model.reservations.push({
              id: o.id,
              key,
              qty: request.qty,
              status: 'active',
              expiresAt: request.expiresAt,
            });
          });
          stats.count(
            `group ${
              expected
                .map((e) => e.kind)
                .join(',')
                .includes('insufficient')
                ? 'partly refused'
                : 'granted'
            }`,
          );
          return;
        }
        case 'release': {
          if (model.reservations.length === 0) return;
          const r = model.reservations[action.pick % model.reservations.length];
          if (!r) return;
          const outcome = await db()
            .transaction()
            .execute((trx) => endReservation(trx, r.id, 'released', now));
          if (r.status === 'active') {
            expect(outcome).toEqual({ ended: true });
            r.status = 'released';
            model.balance(r.key).reserved -= r.qty;
          } else {
            expect(outcome).toEqual({ ended: false, status: r.status });
          }
          stats.count(`release ${r.status}`);
          return;
        }
        case 'shipReserved': {
          const active = model.active();
          if (active.length === 0) return;
          const r = active[action.pick % active.length];
          if (!r) return;
          const available = model.available(r.key);
          const extra = action.extra === null ? 0n : resolve(action.extra, available);
          const qty = r.qty + extra;
          // The document action: consume the reservation and ship, all or nothing.
          const write = async (trx: Trx) => {
            expect(await endReservation(trx, r.id, 'consumed', now)).toEqual({ ended: true });
            return post(trx, { ...document, type: 'shipment' }, actor(), [
              outbound(run, 1, r.key, qty, r.qty),
            ]);
          };
          if (extra > available) {
            await expectRefused(run, write, [{ line: 1, key: r.key, requested: qty, available }]);
            stats.count('ship reserved refused');
            return;
          }
          const entries = await db().transaction().execute(write);
          model.remove(r.key, qty, r.qty);
          r.status = 'consumed';
          expect(entries[0]?.qty).toBe(-qty);
          expect(entries[0]?.balanceAfter).toBe(model.balance(r.key).onHand);
          stats.count(extra > 0n ? 'ship reserved and more' : 'ship reserved');
          return;
        }
        case 'ship': {
          const key = model.stockedKey(action.key);
          const available = model.available(key);
          const qty = resolve(action.amount, available);
          const write = (trx: Trx) =>
            post(trx, { ...document, type: 'shipment' }, actor(), [outbound(run, 1, key, qty)]);
          if (qty > available) {
            await expectRefused(run, write, [{ line: 1, key, requested: qty, available }]);
            stats.count('ship refused');
            return;
          }
          await db().transaction().execute(write);
          model.remove(key, qty, 0n);
          stats.count(qty === available ? 'ship all available' : 'ship');
          return;
        }
        case 'shipLines': {
          // Lines are taken in order; one short line refuses the whole shipment.
          const trial = model.clone();
          const short: ExpectedShort[] = [];
          const lines = action.lines.map((l, i) => {
            const key = trial.stockedKey(l.key);
            const available = trial.available(key);
            const qty = resolve(l.amount, available, action.lines.length);
            if (qty > available) short.push({ line: i + 1, key, requested: qty, available });
            else trial.remove(key, qty, 0n);
            return outbound(run, i + 1, key, qty);
          });
          const write = (trx: Trx) => post(trx, { ...document, type: 'shipment' }, actor(), lines);
          if (short.length > 0) {
            await expectRefused(run, write, short);
            stats.count('ship lines refused');
            return;
          }
          const entries = await db().transaction().execute(write);
          expect(entries).toHaveLength(lines.length);
          model.balances = trial.balances;
          stats.count('ship lines');
          return;
        }
        case 'expire': {
          now += action.advance;
          let expired = 0;
          for (let k = 0; k < KEYS; k++) {
            const only = run.key(k);
            expired += await db()
              .transaction()
              .execute(async (trx) => (await expireDue(trx, now, only)).length);
          }
          expect(expired).toBe(model.expireDue(now));
          stats.count(expired > 0 ? 'expired some' : 'expired none');
          return;
        }
      }
    }

    /** Every invariant of the books, for the run's SKUs and for the whole database. */
    async function expectBooksAgree(run: Run, model: Model): Promise<void> {
      await expectBalances(run, model, 'the sequence');
      const balances = await db()
        .selectFrom('stock_balances')
        .select(['item_id', 'warehouse_id', 'on_hand', 'reserved', 'quarantined'])
        .where('item_id', 'in', run.itemIds)
        .execute();
      for (const b of balances) {
        const where = { item_id: b.item_id, warehouse_id: b.warehouse_id };
        const k = keyOf(run, b.item_id, b.warehouse_id);
        const ledger = await db()
          .selectFrom('ledger_entries')
          .select((eb) => [eb.fn.sum<bigint>('qty').as('qty'), eb.fn.sum<bigint>('value').as('value')])
          .where('item_id', '=', where.item_id)
          .where('warehouse_id', '=', where.warehouse_id)
          .executeTakeFirstOrThrow();
        const layers = await db()
          .selectFrom('cost_layers as c')
          .select((eb) => [
            'c.seq',
            'c.unit_cost',
            'c.qty_received',
            'c.qty_remaining',
            'c.value_remaining',
            eb
              .selectFrom('layer_takes as t')
              .select((x) => x.fn.countAll<bigint | number | string>().as('n'))
              .whereRef('t.layer_seq', '=', 'c.seq')
              .as('takes'),
          ])
          .where('c.item_id', '=', where.item_id)
          .where('c.warehouse_id', '=', where.warehouse_id)
          .orderBy('c.seq')
          .execute();
        const active = await db()
          .selectFrom('reservations')
          .select((eb) => eb.fn.sum<bigint>('qty').as('qty'))
          .where('item_id', '=', where.item_id)
          .where('warehouse_id', '=', where.warehouse_id)
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow();

        const label = `key ${k}`;
        // 1. on hand = sum of the ledger
        expect(sumOf(ledger.qty), `${label}: on hand = sum of ledger`).toBe(b.on_hand);
        // 2. 0 ≤ reserved ≤ on hand: available is never negative
        expect(b.reserved >= 0n && b.reserved <= b.on_hand, `${label}: 0 ≤ reserved ≤ on hand`).toBe(true);
        // reserved = the active reservations
        expect(sumOf(active.qty), `${label}: reserved = active reservations`).toBe(b.reserved);
        // the layers hold exactly on hand, and the stock value of the ledger
        const layerQty = layers.reduce((acc, l) => acc + l.qty_remaining, 0n);
        const layerValue = layers.reduce((acc, l) => acc + l.value_remaining, 0n);
        expect(layerQty, `${label}: layers hold on hand`).toBe(b.on_hand);
        expect(layerValue, `${label}: layer value = ledger value`).toBe(sumOf(ledger.value));
        // FIFO: the layers are the model's layers, oldest emptied first
        expect(
          layers.map((l) => ({ received: l.qty_received, remaining: l.qty_remaining })),
          `${label}: FIFO layers`,
        ).toEqual(model.balance(k).layers);
        for (const l of layers) {
          // An emptied layer keeps no value; a partly used one is worth its quantity at its cost,
          // give or take the half ten-thousandth rounded on receipt and on each take.
          if (l.qty_remaining === 0n) expect(l.value_remaining, `${label}: emptied layer ${l.seq}`).toBe(0n);
          expect(l.value_remaining >= 0n, `${label}: layer ${l.seq} value ≥ 0`).toBe(true);
          const drift = l.value_remaining * 1_000n - l.qty_remaining * l.unit_cost;
          const bound = 500n * (BigInt(l.takes ?? 0) + 1n);
          expect(drift <= bound && drift >= -bound, `${label}: layer ${l.seq} value drift ${drift}`).toBe(
            true,
          );
        }
      }
      // The model's reservations are the database's, status by status.
      const reservations = await db()
        .selectFrom('reservations')
        .select(['id', 'status', 'qty'])
        .where('item_id', 'in', run.itemIds)
        .execute();
      expect(new Map(reservations.map((r) => [r.id, { status: r.status, qty: r.qty }]))).toEqual(
        new Map(model.reservations.map((r) => [r.id, { status: r.status, qty: r.qty }])),
      );
      expect(await verifyLedger(db())).toEqual([]);
      // The desk's grants, in whole batches or one by one, and its expiries kept the audit chain whole.
      expect((await verifyAuditChain(db())).breaks).toEqual([]);
    }

    /** More than is available cannot leave or be reserved, and trying changes nothing. */
    async function expectOversellRefused(run: Run, model: Model): Promise<void> {
      for (let k = 0; k < KEYS; k++) {
        const available = model.available(k);
        const tooMuch = available + 1n;
        await expectRefused(
          run,
          (trx) =>
            post(trx, { type: 'shipment', id: `${run.prefix}-over-${k}` }, actor(), [
              outbound(run, 1, k, tooMuch),
            ]),
          [{ line: 1, key: k, requested: tooMuch, available }],
        );
        const { itemId, warehouseId } = run.key(k);
        const before = await snapshot(run);
        const reserved = await db()
          .transaction()
          .execute((trx) => reserveGuarded(trx, itemId, warehouseId, tooMuch, now));
        expect(reserved, `reserve more than available of key ${k}`).toBe(false);
        expect(await snapshot(run)).toEqual(before);
      }
      // Consuming a reservation cannot take more than it holds plus what is available.
      const r = model.active()[0];
      if (r) {
        const extra = model.available(r.key) + 1n;
        await expectRefused(
          run,
          async (trx) => {
            await endReservation(trx, r.id, 'consumed', now);
            return post(trx, { type: 'shipment', id: `${run.prefix}-over-r` }, actor(), [
              outbound(run, 1, r.key, r.qty + extra, r.qty),
            ]);
          },
          [{ line: 1, key: r.key, requested: r.qty + extra, available: extra - 1n }],
        );
      }
    }

    it('posts concurrent documents whose lines take the same SKUs in different orders', async () => {
      const run = await newRun();
      const keys = [0, 1, 2, 3];
      // Opening stock on every key, so that shipments can go out in any order.
      await db()
        .transaction()
        .execute((trx) =>
          post(
            trx,
            { type: 'receipt', id: `${run.prefix}-open` },
            actor(),
            keys.map((k, i) => ({
              direction: 'in' as const,
              type: 'receipt' as const,
              line: i + 1,
              ...run.key(k),
              qty: 1_000_000n,
              unitCost: 12_345n,
            })),
          ),
        );
      // Each document touches every key, in its own rotation of the line order: with locks taken
      // in line order, any two of them would wait for each other.
      const documents = Array.from({ length: 24 }, (_, n) => {
        const order = keys.map((_, i) => keys[(i + n) % keys.length] ?? 0);
        if (n % 2 === 1) order.reverse();
        return order;
      });
      const results = await Promise.allSettled(
        documents.map((order, n) =>
          db()
            .transaction()
            .execute((trx) =>
              post(
                trx,
                { type: n % 3 === 0 ? 'shipment' : 'receipt', id: `${run.prefix}-c${n}` },
                actor(),
                order.map((k, i) =>
                  n % 3 === 0
                    ? outbound(run, i + 1, k, 1_000n + BigInt(n))
                    : {
                        direction: 'in' as const,
                        type: 'receipt' as const,
                        line: i + 1,
                        ...run.key(k),
                        qty: 2_000n + BigInt(n),
                        unitCost: 6_667n,
                      },
                ),
              ),
            ),
        ),
      );
      expect(results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []))).toEqual([]);
      const model = new Model();
      for (const k of keys) model.receive(k, 1_000_000n);
      documents.forEach((order, n) => {
        for (const k of order) {
          if (n % 3 === 0) model.remove(k, 1_000n + BigInt(n), 0n);
          else model.receive(k, 2_000n + BigInt(n));
        }
      });
      for (const k of keys) {
        // The layers come in commit order, which concurrency does not fix: compare the totals only.
        model.balance(k).layers = [];
      }
      await expectBalances(run, model, 'the concurrent documents');
      expect(await verifyLedger(db())).toEqual([]);
    });

    it(`keeps the books in agreement over random receipts, reservations, releases and shipments (${NUM_RUNS} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(actionArb, { minLength: 1, maxLength: MAX_ACTIONS, size: 'max' }),
          async (actions) => {
            const run = await newRun();
            const model = new Model();
            for (const [step, action] of actions.entries()) {
              await apply(run, model, action, step);
              await expectBalances(run, model, `step ${step} (${action.kind})`);
            }
            await expectBooksAgree(run, model);
            await expectOversellRefused(run, model);
          },
        ),
        {
          numRuns: NUM_RUNS,
          examples: [
            // Costs that do not divide evenly, an exact fit, and a last line that is short.
            [
              [
                { kind: 'receive', key: 0, qty: 30_000_000n, unitCost: 6_667n },
                { kind: 'reserve', key: 0, amount: { qty: 1n }, ttl: null },
                { kind: 'ship', key: 0, amount: { qty: 1n } },
                { kind: 'ship', key: 0, amount: { eighths: 8, jitter: 0n } },
                { kind: 'shipReserved', pick: 0, extra: null },
                { kind: 'receive', key: 0, qty: 3n, unitCost: 3_333n },
                {
                  kind: 'shipLines',
                  lines: [
                    { key: 0, amount: { qty: 1n } },
                    { key: 0, amount: { qty: 1n } },
                    { key: 0, amount: { qty: 2n } },
                  ],
                },
              ],
            ],
          ],
        },
      );
    });
  });
}
