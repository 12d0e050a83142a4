import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { backupWhenDue, parseBackupInterval } from '../src/backup/schedule';
import { snapshotOffThread } from '../src/backup/snapshot-thread';
import { checkSqliteCopy } from '../src/backup/sqlite-snapshot';
import { connect } from '../src/db/connect';
import type { DB } from '../src/db/schema';
import { verifyLedger } from '../src/ledger/verify';
import { totpCode, totpStep } from '../src/modules/auth/totp';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from './support/databases';
import {
  act,
  makeItem,
  makePartner,
  makeWarehouse,
  receive,
  stockedItem,
  uniqueCode,
} from './support/fixtures';
import { makePerson, signIn } from './support/people';
import { onhand } from './support/process';
import { type TestServer, useTestServer } from './support/server';

const scratch = mkdtempSync(join(tmpdir(), 'onhand-backups-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Rows in every table of a database, the migration tables included. */
async function rowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await db.introspection.getTables({ withInternalKyselyTables: true })) {
    const { rows } = await sql<{ n: bigint }>`select count(*) as n from ${sql.table(table.name)}`.execute(db);
    counts[table.name] = Number(rows[0]?.n);
  }
  return counts;
}

/** A write acknowledged by the API: the table its record went into, and its id. */
interface Acknowledged {
  table: 'receipts' | 'documents';
  id: string;
}

/**
 * Keeps writing through the API until stopped, in two streams (receipts, and sales orders that
 * reserve), recording every write as soon as it is acknowledged.
 */
function writeStream(ts: TestServer, wh: string, sku: string) {
  const acknowledged: Acknowledged[] = [];
  let stopped = false;
  let orders = 0;
  const loop = async (write: () => Promise<Acknowledged>) => {
    while (!stopped) acknowledged.push(await write());
  };
  const done = Promise.all([
    loop(async () => ({
      table: 'receipts',
      id: String((await receive(ts, wh, [{ sku, qty: 3, unitCost: '2.5' }])).id),
    })),
    loop(async () => {
      const order = { warehouse: wh, channel: 'web', lines: [{ sku, qty: 1, unitPrice: 9.9 }] };
      const key = { 'idempotency-key': `backup-stream-${++orders}` };
      return { table: 'documents', id: (await act(ts, '/api/v1/sales-orders', order, 201, key)).id };
    }),
  ]);
  return {
    acknowledged,
    async stop() {
      stopped = true;
      await done;
    },
  };
}

/** A fresh database of a kind to restore into, dropped after the file's tests. */
const targets: TestDatabase[] = [];
afterAll(async () => {
  for (const t of targets) await t.drop();
});
async function freshTarget(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const target = await createTestDatabase(kind);
  targets.push(target);
  return target;
}

/**
 * Restores a backup with `onhand restore` into a new database, checks its audit chain with
 * `onhand audit verify`, and opens it once the commands are done.
 */
async function restoreIntoNew(kind: 'sqlite' | 'postgres', file: string) {
  const target = await freshTarget(kind);
  const restored = await onhand(['restore', file], target.url);
  expect(restored.code, restored.stdout + restored.stderr).toBe(0);
  expect(restored.stdout).toContain('verify: the ledger, balances and cost layers agree');
  const audit = await onhand(['audit', 'verify'], target.url);
  expect(audit.code, audit.stdout + audit.stderr).toBe(0);
  expect(audit.stdout).toMatch(/audit verify: the chain of [1-9]\d* entries is whole/);
  return connect(target.url, { poolSize: 2 });
}

/** Takes a backup with `onhand backup --to <dir>`; returns the file it printed. */
async function backupByCommand(ts: TestServer, dir: string): Promise<string> {
  const result = await onhand(['backup', '--to', `${dir}/`], ts.database.url);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const printed = /^backup: (.+) \((\d+(\.\d)? (bytes|kB|MB|GB))/m.exec(result.stdout);
  expect(printed, result.stdout).not.toBeNull();
  const file = printed?.[1] ?? '';
  expect(readdirSync(dir)).toEqual([file.slice(dir.length + 1)]);
  return file;
}

/**
 * A small shop whose history leaves rows in every table: master data with a barcode, a receipt
 * into a bin, a bin move (with an idempotency key), a shipped sales order, goods on hold and a
 * stocktake count. Returns a warehouse and a SKU with plenty in stock.
 */
async function shopWithEveryTable(ts: TestServer): Promise<{ wh: string; sku: string }> {
  const wh = await makeWarehouse(ts);
  const sku = await makeItem(ts, uniqueCode('SKU'), { barcodes: [uniqueCode('BC')] });
  await makePartner(ts, 'suppliers');
  await makePartner(ts, 'customers');
  await receive(ts, wh, [{ sku, qty: 100_000, unitCost: '2.5', bin: 'A-01' }]);
  const move = { warehouse: wh, lines: [{ sku, qty: 4, from: 'A-01', to: 'B-02' }] };
  await act(ts, '/api/v1/bin-moves', move, 201, { 'idempotency-key': uniqueCode('move') });
  const order = await act(
    ts,
    '/api/v1/sales-orders',
    { warehouse: wh, channel: 'web', lines: [{ sku, qty: 2, unitPrice: 9.9 }] },
    201,
  );
  await act(ts, `/api/v1/sales-orders/${order.id}/ship`, {});
  await act(ts, '/api/v1/quarantine/hold', { warehouse: wh, lines: [{ sku, qty: 3 }] }, 201);
  const count = await act(ts, '/api/v1/stocktakes', { warehouse: wh, skus: [sku] }, 201);
  await act(ts, `/api/v1/stocktakes/${count.id}/counts`, { lines: [{ sku, countedQty: 99_990 }] });
  expect((await ts.api('PUT', '/api/v1/stock-levels', { sku, warehouse: wh, safetyStock: 50 })).status).toBe(
    200,
  );
  await peopleInEveryTable(ts);
  return { wh, sku };
}

/**
 * A custom role, an API token, a person with TOTP on (so recovery codes exist), and an approval
 * rule with a token waiting for approval.
 */
async function peopleInEveryTable(ts: TestServer): Promise<void> {
  const role = { name: `role_${process.pid}_${Date.now() % 100_000}`, permissions: ['stock.read'] };
  await act(ts, '/api/v1/roles', role, 201);
  await act(ts, '/api/v1/api-tokens', { name: 'backup check', permissions: ['stock.read'] }, 201);
  await act(ts, '/api/v1/approval-rules', { action: 'api_token.create' }, 201);
  await act(ts, '/api/v1/api-tokens', { name: 'second person', permissions: ['stock.read'] }, 202);
  const token = await signIn(ts, (await makePerson(ts, ['viewer'])).email);
  const started = await ts.api<{ secret: string }>('POST', '/api/v1/me/totp', undefined, { token });
  const code = totpCode(started.body.secret, totpStep(Date.now()));
  const confirmed = await ts.api('POST', '/api/v1/me/totp/confirm', { code }, { token });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
}

for (const kind of testDatabaseKinds()) {
  describe(`backup and restore on ${kind}`, () => {
    const server = useTestServer(kind);
    let stock: { wh: string; sku: string };

    it('loads a shop to back up, with rows in every table', async () => {
      const ts = server();
      stock = await shopWithEveryTable(ts);
      const counts = await rowCounts(ts.server.database.db);
      const empty = Object.keys(counts).filter((t) => counts[t] === 0 && t !== 'kysely_migration_lock');
      expect(empty).toEqual([]);
    });

    it('backs up while a stream of writes goes on: every write acknowledged before is in the copy, and its books agree', async () => {
      const ts = server();
      const stream = writeStream(ts, stock.wh, stock.sku);
      let backup = '';
      let before: Record<string, number> = {};
      let after: Record<string, number> = {};
      let ackedBefore: Acknowledged[] = [];
      let ackedDuring = 0;
      try {
        while (stream.acknowledged.length < 20) await new Promise((r) => setTimeout(r, 20));
        before = await rowCounts(ts.server.database.db);
        ackedBefore = [...stream.acknowledged];
        backup = await backupByCommand(ts, mkdtempSync(join(scratch, 'online-')));
        ackedDuring = stream.acknowledged.length - ackedBefore.length;
        after = await rowCounts(ts.server.database.db);
      } finally {
        await stream.stop();
      }
      // Online: the server went on acknowledging writes while the backup ran.
      expect(ackedDuring).toBeGreaterThan(0);

      const copy = await restoreIntoNew(kind, backup);
      try {
        expect(await verifyLedger(copy.db)).toEqual([]);
        const counts = await rowCounts(copy.db);
        expect(Object.keys(counts).sort()).toEqual(Object.keys(before).sort());
        for (const [table, n] of Object.entries(counts)) {
          expect(n, table).toBeGreaterThanOrEqual(before[table] ?? Number.NaN);
          expect(n, table).toBeLessThanOrEqual(after[table] ?? Number.NaN);
        }
        for (const table of ['receipts', 'documents'] as const) {
          const ids = ackedBefore.filter((a) => a.table === table).map((a) => a.id);
          const found = await copy.db.selectFrom(table).select('id').where('id', 'in', ids).execute();
          expect(found.length, table).toBe(ids.length);
        }
      } finally {
        await copy.close();
      }
    });

    it('backs up a quiet database and restores it into a new one with every count identical', async () => {
      const ts = server();
      const backup = await backupByCommand(ts, mkdtempSync(join(scratch, 'quiet-')));
      const copy = await restoreIntoNew(kind, backup);
      try {
        expect(await verifyLedger(copy.db)).toEqual([]);
        expect(await rowCounts(copy.db)).toEqual(await rowCounts(ts.server.database.db));
      } finally {
        await copy.close();
      }
    });

    it('refuses to restore over a database a server has open, and over one holding data without --force', async () => {
      const ts = server();
      const backup = await backupByCommand(ts, mkdtempSync(join(scratch, 'refused-')));
      expect((await ts.api('GET', '/api/v1/warehouses')).status).toBe(200);
      const live = await onhand(['restore', backup, '--force'], ts.database.url);
      expect(live.code).toBe(1);
      expect(live.stderr).toMatch(kind === 'sqlite' ? /is in use/ : /other session/);
      expect((await ts.api('GET', '/api/v1/warehouses')).status).toBe(200);

      const target = await freshTarget(kind);
      expect((await onhand(['restore', backup], target.url)).code).toBe(0);
      const again = await onhand(['restore', backup], target.url);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already holds .* add --force/);
      const forced = await onhand(['restore', backup, '--force'], target.url);
      expect(forced.code, forced.stderr).toBe(0);
      if (kind === 'sqlite') {
        const kept = /kept as (.+)$/m.exec(forced.stdout)?.[1] ?? '';
        expect(kept).toMatch(/\.before-restore-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z$/);
        expect(checkSqliteCopy(kept)).toMatch(/^\d{4}_/);
      }
    });
  });
}

describe('the embedded database backed up on a thread of the server', () => {
  const server = useTestServer('sqlite');

  it('copies while the server answers writes, and the copy restores clean', async () => {
    const ts = server();
    const { wh, sku } = await stockedItem(ts, 100_000, '1.2');
    const stream = writeStream(ts, wh, sku);
    let backup: { file: string; bytes: number };
    let ackedBefore: Acknowledged[];
    try {
      while (stream.acknowledged.length < 10) await new Promise((r) => setTimeout(r, 20));
      ackedBefore = [...stream.acknowledged];
      backup = await snapshotOffThread(ts.server.database.location, join(scratch, 'thread', 'copy.db'));
    } finally {
      await stream.stop();
    }
    expect(backup.bytes).toBeGreaterThan(0);
    const copy = await restoreIntoNew('sqlite', backup.file);
    try {
      expect(await verifyLedger(copy.db)).toEqual([]);
      const ids = ackedBefore.filter((a) => a.table === 'receipts').map((a) => a.id);
      expect(await copy.db.selectFrom('receipts').select('id').where('id', 'in', ids).execute()).toHaveLength(
        ids.length,
      );
    } finally {
      await copy.close();
    }
  });

  it('makes scheduled backups when due and keeps the newest few, leaving every other file alone', async () => {
    const ts = server();
    const dir = join(scratch, 'scheduled');
    const others = ['onhand-2026-01-01T00-00-00.000Z.db', 'onhand-scheduled-latest.db', 'notes.txt'];
    mkdirSync(dir);
    for (const name of others) writeFileSync(join(dir, name), 'not a scheduled backup');

    const hour = 3_600_000;
    const schedule = { everyMs: 6 * hour, keep: 3, dir };
    const t0 = Date.parse('2026-11-22T00:00:00Z');
    const turns: { made: boolean; pruned: string[] }[] = [];
    for (const h of [0, 1, 6, 12, 13, 18, 24, 29]) {
      const turn = await backupWhenDue(ts.server.database.location, schedule, t0 + h * hour);
      turns.push({ made: turn.made !== null, pruned: turn.pruned });
    }
    expect(turns.map((t) => t.made)).toEqual([true, false, true, true, false, true, true, false]);
    expect(turns.flatMap((t) => t.pruned)).toEqual([
      'onhand-scheduled-2026-11-22T00-00-00.000Z.db',
      'onhand-scheduled-2026-11-22T06-00-00.000Z.db',
    ]);
    expect(readdirSync(dir).sort()).toEqual(
      [
        ...others,
        'onhand-scheduled-2026-11-22T12-00-00.000Z.db',
        'onhand-scheduled-2026-11-22T18-00-00.000Z.db',
        'onhand-scheduled-2026-11-23T00-00-00.000Z.db',
      ].sort(),
    );
    for (const name of readdirSync(dir).filter((n) => n.startsWith('onhand-scheduled-2026')))
      expect(checkSqliteCopy(join(dir, name))).toMatch(/^\d{4}_/);
  });

  it('reads the schedule setting and names a bad one', () => {
    expect(parseBackupInterval(undefined)).toBeNull();
    expect(parseBackupInterval('off')).toBeNull();
    expect(parseBackupInterval('30m')).toBe(1_800_000);
    expect(parseBackupInterval('24h')).toBe(86_400_000);
    expect(() => parseBackupInterval('1 day')).toThrow(/ONHAND_BACKUP_EVERY/);
    expect(() => parseBackupInterval('0h')).toThrow(/ONHAND_BACKUP_EVERY/);
  });
});

describe('onhand backup on PostgreSQL without pg_dump', () => {
  it('says exactly which command to run', async () => {
    const emptyPath = mkdtempSync(join(scratch, 'no-tools-'));
    const result = await onhand(
      ['backup', '--to', '/var/backups/onhand.dump'],
      'postgres://u:secret@127.0.0.1:1/x',
      {
        PATH: emptyPath,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pg_dump is not on PATH');
    expect(result.stderr).toContain(
      'pg_dump --format=custom --file=/var/backups/onhand.dump "$DATABASE_URL"',
    );
    expect(result.stderr).not.toContain('secret');
  });
});
