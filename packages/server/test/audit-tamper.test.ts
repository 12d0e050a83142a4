import type { Selectable } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditLogTable } from '../src/db/schema';
import { auditHash } from '../src/modules/audit/audit-chain';
import { verifyAuditChain } from '../src/modules/audit/audit-verify';
import { testDatabaseKinds } from './support/databases';
import { makeItem, stockedItem } from './support/fixtures';
import { onhand } from './support/process';
import { type TestServer, useTestServer } from './support/server';

type AuditRow = Selectable<AuditLogTable>;

/** `onhand audit verify` on the server's database: its exit code and the rows it names as broken. */
async function auditVerify(ts: TestServer) {
  const result = await onhand(['audit', 'verify'], ts.database.url);
  const broken = result.stdout.split('\n').filter((line) => line.startsWith('BROKEN'));
  return { code: result.code, stdout: result.stdout, broken };
}

const named = (row: AuditRow) => `${row.action} ${row.entity} ${row.entity_id}`;

for (const kind of testDatabaseKinds()) {
  describe(`audit tamper on ${kind}`, () => {
    const server = useTestServer(kind);
    const db = () => server().server.database.db;
    let rows: AuditRow[] = [];
    const row = (seq: number): AuditRow => {
      const found = rows.find((r) => r.seq === BigInt(seq));
      if (!found) throw new Error(`no audit row ${seq}`);
      return found;
    };
    /** Puts a row back as it was. */
    const putBack = async (original: AuditRow) => {
      await db().deleteFrom('audit_log').where('seq', '=', original.seq).execute();
      await db().insertInto('audit_log').values(original).execute();
    };

    beforeAll(async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 50, 2);
      for (let i = 0; i < 3; i++) await makeItem(ts);
      await ts.api('POST', '/api/v1/reservations', { sku, warehouse: wh, qty: 5, reference: 'tamper' });
      rows = await db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
      expect(rows.length).toBeGreaterThanOrEqual(8);
    });

    it('finds the untouched chain whole and exits 0', async () => {
      const verified = await auditVerify(server());
      expect(verified.code, verified.stdout).toBe(0);
      expect(verified.stdout).toContain(`audit verify: the chain of ${rows.length} entries is whole`);
    });

    it('names a row whose content was edited', async () => {
      const edited = row(4);
      await db()
        .updateTable('audit_log')
        .set({ after_state: (edited.after_state ?? '').replace('"name":"', '"name":"Forged ') })
        .where('seq', '=', edited.seq)
        .execute();
      const verified = await auditVerify(server());
      expect(verified.code).toBe(1);
      expect(verified.broken).toEqual([
        `BROKEN audit row 4 (${named(edited)}): its content does not match its hash: the row was edited`,
      ]);
      await putBack(edited);
      expect((await verifyAuditChain(db())).breaks).toEqual([]);
    });

    it('names the row after one edited with its hash recomputed: the link no longer holds', async () => {
      const edited = row(3);
      const next = row(4);
      const hash = auditHash({ ...edited, user_id: null });
      await db()
        .updateTable('audit_log')
        .set({ user_id: null, hash })
        .where('seq', '=', edited.seq)
        .execute();
      const verified = await auditVerify(server());
      expect(verified.code).toBe(1);
      expect(verified.broken).toEqual([
        `BROKEN audit row 4 (${named(next)}): its link is not the hash of the row before it: a row before it was deleted, moved or replaced`,
      ]);
      await putBack(edited);
    });

    it('names a deleted row in the middle and the row after it', async () => {
      const deleted = row(5);
      await db().deleteFrom('audit_log').where('seq', '=', deleted.seq).execute();
      const verified = await auditVerify(server());
      expect(verified.code).toBe(1);
      expect(verified.broken[0]).toBe('BROKEN audit row 5: missing: the row was deleted');
      expect(verified.broken[1]).toMatch(
        /^BROKEN audit row 6 \(.+\): its link is not the hash of the row before it/,
      );
      await putBack(deleted);
      expect((await verifyAuditChain(db())).breaks).toEqual([]);
    });

    it('names two rows put in each other’s place', async () => {
      const [a, b] = [row(2), row(3)];
      await db().updateTable('audit_log').set({ seq: -1n }).where('seq', '=', a.seq).execute();
      await db().updateTable('audit_log').set({ seq: a.seq }).where('seq', '=', b.seq).execute();
      await db().updateTable('audit_log').set({ seq: b.seq }).where('seq', '=', -1n).execute();
      const verified = await auditVerify(server());
      expect(verified.code).toBe(1);
      const rowsNamed = new Set(verified.broken.map((line) => /^BROKEN audit row (\d+)/.exec(line)?.[1]));
      expect(rowsNamed).toEqual(new Set(['2', '3', '4']));
      expect(verified.broken).toContain(
        `BROKEN audit row 2 (${named(b)}): its content does not match its hash: the row was edited`,
      );
      await putBack(a);
      await putBack(b);
      expect((await verifyAuditChain(db())).breaks).toEqual([]);
    });

    it('names the last row when it was deleted', async () => {
      const last = row(rows.length);
      await db().deleteFrom('audit_log').where('seq', '=', last.seq).execute();
      const verified = await auditVerify(server());
      expect(verified.code).toBe(1);
      expect(verified.broken).toEqual([
        `BROKEN audit row ${last.seq}: missing: the row was deleted (the chain head is at ${last.seq}, the log ends at ${last.seq - 1n})`,
      ]);
      await putBack(last);
      const whole = await auditVerify(server());
      expect(whole.code, whole.stdout).toBe(0);
    });
  });
}
