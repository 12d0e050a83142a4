import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { newId } from '../src/db/ids';
import type { IdempotencyRow } from '../src/http/idempotency';
import { contentOf, SYSTEM_ACTOR } from '../src/modules/audit/audit-entry';
import { verifyAuditChain } from '../src/modules/audit/audit-verify';
import {
  grantWriterFor,
  type ReservationRow,
  type WholeGrant,
} from '../src/modules/reservations/whole-grant';
import { testDatabaseKinds } from './support/databases';
import { stockedItem, stockOf } from './support/fixtures';
import { type TestServer, useTestServer } from './support/server';

/** A whole grant of `count` reservations of 1 unit each, every one with its own Idempotency-Key. */
async function grantOf(ts: TestServer, qty: number, count: number, key: string): Promise<WholeGrant> {
  const { wh, sku } = await stockedItem(ts, qty, 1);
  const db = ts.server.database.db;
  const item = await db.selectFrom('items').select('id').where('sku', '=', sku).executeTakeFirstOrThrow();
  const warehouse = await db
    .selectFrom('warehouses')
    .select('id')
    .where('code', '=', wh)
    .executeTakeFirstOrThrow();
  const at = Date.now();
  const reservations: ReservationRow[] = Array.from({ length: count }, (_, i) => ({
    id: newId(at),
    item_id: item.id,
    warehouse_id: warehouse.id,
    qty: 1000n,
    reference: `whole-${i}`,
    status: 'active',
    expires_at: null,
    created_at: at,
    created_by: null,
    ended_at: null,
  }));
  const records: IdempotencyRow[] = reservations.map((r, i) => ({
    scope: 'whole-grant-test',
    key: `${key}-${i}`,
    request_hash: 'h',
    status_code: 201,
    body: JSON.stringify({ id: r.id }),
    created_at: at,
  }));
  return {
    itemId: item.id,
    warehouseId: warehouse.id,
    total: BigInt(count) * 1000n,
    at,
    reservations,
    records,
    audit: reservations.map((r) =>
      contentOf({
        at,
        actor: SYSTEM_ACTOR,
        action: 'reservation.create',
        entity: 'reservation',
        entityId: r.id,
        before: null,
        after: { id: r.id, warehouseId: r.warehouse_id },
      }),
    ),
  };
}

/** The grant's reservations, records and audit entries found written. */
async function rowsOf(
  ts: TestServer,
  g: WholeGrant,
): Promise<{ reservations: number; records: number; audited: number }> {
  const db = ts.server.database.db;
  const reservations = await db
    .selectFrom('reservations')
    .select('id')
    .where('item_id', '=', g.itemId)
    .execute();
  const records = await db
    .selectFrom('idempotency_keys')
    .select('key')
    .where(
      'key',
      'in',
      g.records.map((r) => r.key),
    )
    .execute();
  const audited = await db
    .selectFrom('audit_log')
    .select('seq')
    .where(
      'entity_id',
      'in',
      g.reservations.map((r) => r.id),
    )
    .execute();
  return { reservations: reservations.length, records: records.length, audited: audited.length };
}

/** Records the key of one of the grant's requests, as another request would have. */
async function recordKeyOf(ts: TestServer, g: WholeGrant, index: number): Promise<void> {
  const taken = g.records[index];
  if (!taken) throw new Error('no record');
  await ts.server.database.db.insertInto('idempotency_keys').values(taken).execute();
}

for (const kind of testDatabaseKinds()) {
  describe(`whole grants on ${kind}`, () => {
    const server = useTestServer(kind);

    it('writes the guarded update, the rows and the records together when the stock covers them', async () => {
      const ts = server();
      const g = await grantOf(ts, 10, 4, `fits-${kind}`);
      expect(await grantWriterFor(ts.server.database)(g)).toBe(true);
      expect(await rowsOf(ts, g)).toEqual({ reservations: 4, records: 4, audited: 4 });
      const { sku } = await ts.server.database.db
        .selectFrom('items')
        .select('sku')
        .where('id', '=', g.itemId)
        .executeTakeFirstOrThrow();
      const wh = await ts.server.database.db
        .selectFrom('warehouses')
        .select('code')
        .where('id', '=', g.warehouseId)
        .executeTakeFirstOrThrow();
      expect(await stockOf(ts, sku, wh.code)).toMatchObject({ reserved: 4, available: 6 });
    });

    it('writes nothing when the stock does not cover the sum', async () => {
      const ts = server();
      const g = await grantOf(ts, 3, 4, `short-${kind}`);
      expect(await grantWriterFor(ts.server.database)(g)).toBe(false);
      expect(await rowsOf(ts, g)).toEqual({ reservations: 0, records: 0, audited: 0 });
    });

    it('writes nothing when one of its keys is recorded already', async () => {
      const ts = server();
      const g = await grantOf(ts, 10, 3, `taken-${kind}`);
      await recordKeyOf(ts, g, 1);
      expect(await grantWriterFor(ts.server.database)(g)).toBe(false);
      expect(await rowsOf(ts, g)).toEqual({ reservations: 0, records: 1, audited: 0 });
    });

    it('writes grants of more rows than one insert statement takes, or nothing of them', async () => {
      const ts = server();
      const g = await grantOf(ts, 400, 150, `large-${kind}`);
      await recordKeyOf(ts, g, 140);
      expect(await grantWriterFor(ts.server.database)(g)).toBe(false);
      expect(await rowsOf(ts, g)).toEqual({ reservations: 0, records: 1, audited: 0 });
      const next = await grantOf(ts, 400, 150, `large-next-${kind}`);
      expect(await grantWriterFor(ts.server.database)(next)).toBe(true);
      expect(await rowsOf(ts, next)).toEqual({ reservations: 150, records: 150, audited: 150 });
      expect((await verifyAuditChain(ts.server.database.db)).breaks).toEqual([]);
    });

    it('writes grants sent together each whole or not at all', async () => {
      const ts = server();
      const fits = await grantOf(ts, 10, 4, `together-fits-${kind}`);
      const taken = await grantOf(ts, 10, 3, `together-taken-${kind}`);
      await recordKeyOf(ts, taken, 2);
      const short = await grantOf(ts, 3, 4, `together-short-${kind}`);
      const also = await grantOf(ts, 5, 5, `together-also-${kind}`);
      const write = grantWriterFor(ts.server.database);
      expect(await Promise.all([fits, taken, short, also].map(write))).toEqual([true, false, false, true]);
      expect(await rowsOf(ts, fits)).toEqual({ reservations: 4, records: 4, audited: 4 });
      expect(await rowsOf(ts, taken)).toEqual({ reservations: 0, records: 1, audited: 0 });
      expect(await rowsOf(ts, short)).toEqual({ reservations: 0, records: 0, audited: 0 });
      expect(await rowsOf(ts, also)).toEqual({ reservations: 5, records: 5, audited: 5 });
      // Those undone left the chain where it was: the others follow on without a gap.
      expect((await verifyAuditChain(ts.server.database.db)).breaks).toEqual([]);
    });

    it('replays a reservation whose key was recorded while the same batch grants the others', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 100, 1);
      const body = (i: number) => ({ sku, warehouse: wh, qty: 1, reference: `mixed-${i}` });
      const first = await ts.api('POST', '/api/v1/reservations', body(0), {
        headers: { 'idempotency-key': `mixed-${sku}-0` },
      });
      expect(first.status).toBe(201);
      const all = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          ts.api('POST', '/api/v1/reservations', body(i), {
            headers: { 'idempotency-key': `mixed-${sku}-${i}` },
          }),
        ),
      );
      expect(all.map((r) => r.status)).toEqual(all.map(() => 201));
      expect(all[0]?.body).toEqual(first.body);
      expect(all[0]?.headers['idempotent-replayed']).toBe('true');
      expect(await stockOf(ts, sku, wh)).toMatchObject({ reserved: 20 });
    });

    if (kind === 'sqlite') {
      it('stores what the writer thread inserts with the types of its columns', async () => {
        const ts = server();
        const g = await grantOf(ts, 10, 2, `types-${kind}`);
        expect(await grantWriterFor(ts.server.database)(g)).toBe(true);
        const types = await sql<Record<string, string>>`
          select typeof(r.qty) as qty, typeof(r.created_at) as created_at, typeof(r.expires_at) as expires_at,
            typeof(r.reference) as reference, typeof(k.status_code) as status_code, typeof(k.body) as body
          from reservations r join idempotency_keys k on k.key = ${g.records[0]?.key}
          where r.id = ${g.reservations[0]?.id}`.execute(ts.server.database.db);
        expect(types.rows).toEqual([
          {
            qty: 'integer',
            created_at: 'integer',
            expires_at: 'null',
            reference: 'text',
            status_code: 'integer',
            body: 'text',
          },
        ]);
        const stored = await ts.server.database.db
          .selectFrom('reservations')
          .select(['qty', 'reference', 'created_at'])
          .where('id', '=', g.reservations[0]?.id ?? '')
          .executeTakeFirstOrThrow();
        expect(stored).toEqual({ qty: 1000n, reference: 'whole-0', created_at: BigInt(g.at) });
      });

      it('lets the writer thread and a transaction on the main connection write in turn', async () => {
        const ts = server();
        const grants = await Promise.all([0, 1, 2].map((i) => grantOf(ts, 10, 2, `turns-${i}`)));
        const write = grantWriterFor(ts.server.database);
        const db = ts.server.database.db;
        const results = await Promise.all([
          ...grants.map((g) => write(g)),
          ...grants.map((g) =>
            db.transaction().execute(async (trx) => {
              const row = await trx
                .selectFrom('stock_balances')
                .select('reserved')
                .where('item_id', '=', g.itemId)
                .executeTakeFirstOrThrow();
              await new Promise((r) => setTimeout(r, 5));
              await trx
                .updateTable('stock_balances')
                .set({ reserved: row.reserved + 1000n })
                .where('item_id', '=', g.itemId)
                .execute();
              return true;
            }),
          ),
        ]);
        expect(results).toEqual(results.map(() => true));
        for (const g of grants) {
          const row = await db
            .selectFrom('stock_balances')
            .select('reserved')
            .where('item_id', '=', g.itemId)
            .executeTakeFirstOrThrow();
          expect(row.reserved).toBe(3000n);
        }
      });
    }
  });
}
