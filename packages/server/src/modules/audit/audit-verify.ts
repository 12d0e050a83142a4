import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { auditHash, GENESIS_HASH } from './audit-chain';

/** A place where the audit chain is broken: the row (by position) and what is wrong with it. */
export interface AuditBreak {
  seq: bigint;
  /** What the row says it records, when the row is there: `item.update item 01J…`. */
  row: string | null;
  problem: string;
}

/** What walking the chain found. */
export interface AuditVerification {
  /** Rows read. */
  rows: number;
  head: { seq: bigint; hash: string };
  breaks: AuditBreak[];
}

const PAGE = 1000;

const gap = (from: bigint, to: bigint) =>
  from === to ? 'missing: the row was deleted' : `missing: rows ${from} to ${to} were deleted`;

/** Where the chain's end and its head disagree (the last rows deleted, the head moved), if they do. */
function headBreak(head: { seq: bigint; hash: string }, last: bigint, lastHash: string): AuditBreak | null {
  if (head.seq < 0n) return { seq: 0n, row: null, problem: 'the chain head is missing' };
  if (head.seq > last)
    return {
      seq: last + 1n,
      row: null,
      problem: `${gap(last + 1n, head.seq)} (the chain head is at ${head.seq}, the log ends at ${last})`,
    };
  if (head.seq < last)
    return {
      seq: head.seq + 1n,
      row: null,
      problem: `the chain head is at ${head.seq}, yet rows follow up to ${last}`,
    };
  if (head.hash !== lastHash)
    return { seq: last, row: null, problem: 'the chain head does not hold the hash of the last row' };
  return null;
}

/**
 * Walks the audit log in chain order and checks each row: its position follows the one before
 * (a gap is a deleted row), it links to the hash of the row before (a deleted, moved or swapped
 * row breaks the link), its hash matches its content (an edited row does not), and the chain
 * ends where its head says (a deleted last row).
 */
export async function verifyAuditChain(db: Kysely<DB>): Promise<AuditVerification> {
  const breaks: AuditBreak[] = [];
  const head = (await db
    .selectFrom('audit_chain')
    .select(['seq', 'hash'])
    .where('id', '=', 1n)
    .executeTakeFirst()) ?? { seq: -1n, hash: '' };
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expected)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      rows++;
      const named = `${row.action} ${row.entity} ${row.entity_id}`;
      if (row.seq > expected) breaks.push({ seq: expected, row: null, problem: gap(expected, row.seq - 1n) });
      if (row.prev_hash !== prevHash)
        breaks.push({
          seq: row.seq,
          row: named,
          problem:
            'its link is not the hash of the row before it: a row before it was deleted, moved or replaced',
        });
      if (auditHash(row) !== row.hash)
        breaks.push({
          seq: row.seq,
          row: named,
          problem: 'its content does not match its hash: the row was edited',
        });
      prevHash = row.hash;
      expected = row.seq + 1n;
    }
    if (page.length < PAGE) break;
  }
  const end = headBreak(head, expected - 1n, prevHash);
  if (end) breaks.push(end);
  return { rows, head, breaks };
}
