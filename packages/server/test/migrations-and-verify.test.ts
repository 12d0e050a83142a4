import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Database } from '../src/db/connect';
import { migrations } from '../src/db/migrations';
import { migrateToLatest } from '../src/db/migrator';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from './support/databases';
import { stockedItem } from './support/fixtures';
import { useTestServer } from './support/server';

const run = promisify(execFile);

/** Runs an `onhand` command against a database in its own process; resolves with its exit code and output. */
async function onhand(command: string, url: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'packages/server/src/cli.ts', command],
      { env: { ...process.env, DATABASE_URL: url } },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: e.code ?? -1, out: e.stdout ?? '' };
  }
}

for (const kind of testDatabaseKinds()) {
  describe(`migrations on ${kind}`, () => {
    const opened: { db: TestDatabase; conns: Database[] }[] = [];
    afterEach(async () => {
      for (const o of opened.splice(0)) {
        for (const c of o.conns) await c.close();
        await o.db.drop();
      }
    });
    async function fresh(connections = 1) {
      const db = await createTestDatabase(kind);
      const conns = Array.from({ length: connections }, () => connect(db.url, { poolSize: 2 }));
      opened.push({ db, conns });
      return conns;
    }

    it('creates the schema once, and a second run applies nothing', async () => {
      const [db] = await fresh();
      if (!db) throw new Error('no connection');
      expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(db)).toEqual([]);
    });

    it('lets several processes migrate at once: one applies, the others find it done', async () => {
      const [db] = await fresh();
      if (!db) throw new Error('no connection');
      const url = opened.at(-1)?.db.url ?? '';
      const outputs = await Promise.all([1, 2, 3].map(() => onhand('migrate', url)));
      expect(outputs.map((o) => o.code)).toEqual([0, 0, 0]);
      expect(outputs.filter((o) => o.out.includes('applied: 2026_11_22_0001_foundation'))).toHaveLength(1);
      expect(outputs.filter((o) => o.out.includes('up to date'))).toHaveLength(2);
      expect(await migrateToLatest(db)).toEqual([]);
    });

    it('refuses a database whose history diverged from the code', async () => {
      const [db] = await fresh();
      if (!db) throw new Error('no connection');
      await migrateToLatest(db);
      await sql`insert into kysely_migration (name, timestamp) values ('2026_12_01_0001_from_another_branch', '2026-12-01T00:00:00.000Z')`.execute(
        db.db,
      );
      await expect(migrateToLatest(db)).rejects.toThrow(/2026_12_01_0001_from_another_branch/);
    });
  });

  describe(`onhand verify on ${kind}`, () => {
    const server = useTestServer(kind);

    it('finds the books clean, then names each difference after a balance and a layer are tampered with', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, '1.5');
      expect(
        await ts.api('POST', '/api/v1/reservations', { sku, warehouse: wh, qty: 2, reference: 'v' }),
      ).toMatchObject({ status: 201 });
      const clean = await onhand('verify', ts.database.url);
      expect(clean.code).toBe(0);
      expect(clean.out).toContain('agree');

      const db = ts.server.database.db;
      const item = await db.selectFrom('items').select('id').where('sku', '=', sku).executeTakeFirstOrThrow();
      await db
        .updateTable('stock_balances')
        .set({ on_hand: 11_000n })
        .where('item_id', '=', item.id)
        .execute();
      await db
        .updateTable('cost_layers')
        .set({ value_remaining: 1n })
        .where('item_id', '=', item.id)
        .execute();
      const dirty = await onhand('verify', ts.database.url);
      expect(dirty.code).toBe(1);
      expect(dirty.out).toContain('on_hand = sum of ledger');
      expect(dirty.out).toContain('layers value = ledger value');
      expect(dirty.out).toContain(item.id);
    });
  });
}
