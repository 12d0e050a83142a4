import { sql } from 'kysely';
import type { Trx } from '../../ledger/types';
import { sealAfter } from './audit-chain';
import { type AuditEntry, contentOf } from './audit-entry';

const CHUNK = 500;

/**
 * Appends entries to the audit chain inside the writer's transaction, so the write and its record
 * commit or roll back together. Moving the chain head takes its row lock (PostgreSQL; the embedded
 * database has one writer at a time): appenders take their turns, each continuing the chain where
 * the last one left it. Call it last in a transaction, so the lock is held only until the commit.
 */
export async function appendAudit(trx: Trx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const contents = entries.map(contentOf);
  const n = BigInt(contents.length);
  const moved = await trx
    .updateTable('audit_chain')
    .set({ seq: sql`seq + ${n}` })
    .where('id', '=', 1n)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const { rows, head } = sealAfter({ seq: moved.seq - n, hash: moved.hash }, contents);
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  await trx.updateTable('audit_chain').set({ hash: head.hash }).where('id', '=', 1n).execute();
}
