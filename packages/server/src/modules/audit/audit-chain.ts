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

/** The content columns of a row, in the order they are hashed. */
export const CONTENT_COLUMNS = [
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
] as const;

/** Every column of a stored row, in the order they are written. */
export const AUDIT_COLUMNS = ['seq', ...CONTENT_COLUMNS, 'prev_hash', 'hash'] as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The hash of a row's content: sha256 over a JSON array of its content columns (numbers as decimal text). */
export function contentHash(row: AuditContent): string {
  return sha256(
    JSON.stringify(
      CONTENT_COLUMNS.map((c) => {
        const v = row[c];
        return typeof v === 'bigint' ? String(v) : v;
      }),
    ),
  );
}

/**
 * The hash that chains a row: sha256 of `<hash of the row before>:<position>:<content hash>`, so
 * that a change to its content, its position or its link shows. Plain enough to be computed in
 * SQL as well (PostgreSQL's `sha256`), where a whole batch is chained in one statement.
 */
export function linkHash(prevHash: string, seq: bigint, content: string): string {
  return sha256(`${prevHash}:${seq}:${content}`);
}

/** The hash a stored row should carry. */
export function auditHash(row: Omit<SealedAuditRow, 'hash'>): string {
  return linkHash(row.prev_hash, row.seq, contentHash(row));
}

/** Places rows after a head: each gets the next position and the hash of the one before. */
export function sealAfter(
  head: ChainHead,
  rows: readonly AuditContent[],
): { rows: SealedAuditRow[]; head: ChainHead } {
  let { seq, hash } = head;
  const sealed = rows.map((content) => {
    seq += 1n;
    const row = { ...content, seq, prev_hash: hash, hash: linkHash(hash, seq, contentHash(content)) };
    hash = row.hash;
    return row;
  });
  return { rows: sealed, head: { seq, hash } };
}
