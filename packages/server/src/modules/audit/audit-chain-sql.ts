import { type AuditContent, CONTENT_COLUMNS, contentHash } from './audit-chain';

const TYPES: Record<(typeof CONTENT_COLUMNS)[number], 'bigint' | 'text'> = {
  at: 'bigint',
  user_id: 'text',
  source: 'text',
  action: 'text',
  entity: 'text',
  entity_id: 'text',
  warehouse_id: 'text',
  to_warehouse_id: 'text',
  before_state: 'text',
  after_state: 'text',
};

/** `linkHash` in PostgreSQL: sha256 of `<hash before>:<position>:<content hash>`, as hex. */
const link = (prev: string, seq: string) =>
  `encode(sha256(convert_to(${prev} || ':' || (${seq})::text || ':' || e.content_hash, 'UTF8')), 'hex')`;

/**
 * The parameters `chainAuditRows` reads, in its order: one array per content column, then the
 * content hashes (made here, as `contentHash` makes them).
 */
export function auditParameters(contents: readonly AuditContent[]): unknown[][] {
  return [...CONTENT_COLUMNS.map((c) => contents.map((r) => r[c])), contents.map(contentHash)];
}

/**
 * PostgreSQL common table expressions that chain audit rows after the head within one statement,
 * only when the CTE `gate` yields a row: the head is locked (`FOR UPDATE` waits for an appender
 * in flight and reads what it left), each row's link hash is computed from the one before
 * (a recursive CTE over the content hashes), the rows are inserted and the head moved. The rows
 * are the array parameters `auditParameters` gives, from `$<firstParameter>` on, so the text is
 * the same whatever their number (a named statement). Needs `WITH RECURSIVE`; hashes equal
 * `sealAfter`'s.
 */
export function chainAuditRows(gate: string, firstParameter: number): string {
  const arrays = [
    ...CONTENT_COLUMNS.map((c, i) => `$${firstParameter + i}::${TYPES[c]}[]`),
    `$${firstParameter + CONTENT_COLUMNS.length}::text[]`,
  ];
  const columns = CONTENT_COLUMNS.map((c) => `"${c}"`).join(', ');
  const fromEntries = CONTENT_COLUMNS.map((c) => `e."${c}"`).join(', ');
  return `audit_head as (
      select seq, hash from audit_chain where id = 1 and exists (select 1 from ${gate}) for update
    ), audit_entries as (
      select * from unnest(${arrays.join(', ')})
        with ordinality as e (${columns}, content_hash, n)
    ), audit_links as (
      select e.n, h.seq + 1 as seq, h.hash as prev_hash, ${link('h.hash', 'h.seq + 1')} as hash
        from audit_head h join audit_entries e on e.n = 1
      union all
      select e.n, l.seq + 1, l.hash, ${link('l.hash', 'l.seq + 1')}
        from audit_links l join audit_entries e on e.n = l.n + 1
    ), audit_rows as (
      insert into audit_log (seq, ${columns}, prev_hash, hash)
      select l.seq, ${fromEntries}, l.prev_hash, l.hash from audit_links l join audit_entries e using (n)
    ), audit_moved as (
      update audit_chain set seq = last.seq, hash = last.hash
        from (select seq, hash from audit_links order by n desc limit 1) as last
        where audit_chain.id = 1
    )`;
}
