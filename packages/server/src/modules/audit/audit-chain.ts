import { createHash } from 'node:crypto';
import type { AuditLogTable, Int } from '../../db/schema';

/** The hash the first row links to (the chain head as the migration makes it). */
export const GENESIS_HASH = '0'.repeat(64);

/** Where a write came from: the client's address and the session or API token it used. */
export interface AuditSource {
  ip: string | null;
  via: 'session' | 'api_token' | 'system';
  /** The session or API token id (never the token itself). */
  id: string | null;
}

/** An audit row as stored: its content, its place and the hashes that chain it. */
export type SealedAuditRow = {
  [K in keyof AuditLogTable]: AuditLogTable[K] extends Int ? bigint : AuditLogTable[K];
};

/** An audit row before it takes its place in the chain. */
export type AuditContent = Omit<SealedAuditRow, 'seq' | 'prev_hash' | 'hash'>;

/** The last position of the chain and its hash. */
export interface ChainHead {
  seq: bigint;
  hash: string;
}

/** The columns of a stored row, in the order they are written and hashed. */
export const AUDIT_COLUMNS = [
  'seq',
  'at',
  'user_id',
  'source',
  'action',
  'entity',
  'entity_id',
  'warehouse_id',
  'to_warehouse_id',
  'before_state',
  'after_state',
  'prev_hash',
] as const;

type HashedFields = Pick<SealedAuditRow, (typeof AUDIT_COLUMNS)[number]>;

/**
 * The hash of a row: sha256 over a JSON array of every other column (numbers as decimal text),
 * so that a change to any of them, its position or its link to the row before shows.
 */
export function auditHash(row: HashedFields): string {
  const values = AUDIT_COLUMNS.map((c) => {
    const v = row[c];
    return typeof v === 'bigint' ? String(v) : v;
  });
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}

/** Places rows after a head: each gets the next position and the hash of the one before. */
export function sealAfter(
  head: ChainHead,
  rows: readonly AuditContent[],
): { rows: SealedAuditRow[]; head: ChainHead } {
  let { seq, hash } = head;
  const sealed = rows.map((content) => {
    seq += 1n;
    const row = { ...content, seq, prev_hash: hash, hash: '' };
    row.hash = auditHash(row);
    hash = row.hash;
    return row;
  });
  return { rows: sealed, head: { seq, hash } };
}
