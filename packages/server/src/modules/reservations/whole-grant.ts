import type { Quantity } from '@onhand/domain';
import type { Database, NamedQuery } from '../../db/connect';
import type { InsertStep, SqliteWriter } from '../../db/sqlite-writer';
import type { IdempotencyRow } from '../../http/idempotency';
import type { AuditContent } from '../audit/audit-chain';
import { auditParameters, chainAuditRows } from '../audit/audit-chain-sql';

/** A `reservations` row as the desk writes it. */
export interface ReservationRow {
  id: string;
  item_id: string;
  warehouse_id: string;
  qty: Quantity;
  reference: string;
  status: 'active';
  expires_at: number | null;
  created_at: number;
  created_by: string | null;
  ended_at: null;
}

/** The requests of one SKU × warehouse granted together: the guarded update of their sum, their rows and records. */
export interface WholeGrant {
  itemId: string;
  warehouseId: string;
  total: Quantity;
  at: number;
  reservations: readonly ReservationRow[];
  records: readonly IdempotencyRow[];
  /** The audit rows of the reservations, chained in the same transaction. */
  audit: readonly AuditContent[];
}

/**
 * Writes a whole grant as one durable write, or nothing: resolves false (having written nothing)
 * when the stock does not cover the sum or one of its Idempotency-Keys is recorded already.
 */
export type GrantWriter = (grant: WholeGrant) => Promise<boolean>;

type Columns<Row> = readonly (readonly [keyof Row & string, 'text' | 'bigint'])[];

const RESERVATION_COLUMNS: Columns<ReservationRow> = [
  ['id', 'text'],
  ['item_id', 'text'],
  ['warehouse_id', 'text'],
  ['qty', 'bigint'],
  ['reference', 'text'],
  ['status', 'text'],
  ['expires_at', 'bigint'],
  ['created_at', 'bigint'],
  ['created_by', 'text'],
  ['ended_at', 'bigint'],
];

const RECORD_COLUMNS: Columns<IdempotencyRow> = [
  ['scope', 'text'],
  ['key', 'text'],
  ['request_hash', 'text'],
  ['status_code', 'bigint'],
  ['body', 'text'],
  ['created_at', 'bigint'],
];

/** The grant writer of a database: its writer thread when embedded, one statement on PostgreSQL. */
export function grantWriterFor(database: Database): GrantWriter {
  const { writer, named } = database;
  if (writer) return (grant) => onWriterThread(writer, grant);
  if (named) return (grant) => inOneStatement(named, grant);
  throw new Error('a database with neither a writer thread nor named statements');
}

const RESERVE_SQL =
  'update stock_balances set reserved = reserved + ?, updated_at = ? ' +
  'where item_id = ? and warehouse_id = ? and on_hand - reserved - quarantined >= ?';

/** A writer thread's insert of these rows. */
function insertOf<Row>(table: string, columns: Columns<Row>, rows: readonly Row[]): InsertStep {
  const values = rows.map((row) =>
    columns.map(([c]) => {
      const value = row[c];
      return typeof value === 'bigint' ? value.toString() : value;
    }),
  );
  return { table, columns: columns.map(([c]) => c), rows: JSON.stringify(values) };
}

/** Embedded: one transaction on the writer thread; a recorded key fails its insert and undoes all. */
function onWriterThread(writer: SqliteWriter, g: WholeGrant): Promise<boolean> {
  return writer.write(
    [
      { sql: RESERVE_SQL, params: [g.total, g.at, g.itemId, g.warehouseId, g.total], mustChange: true },
      insertOf('reservations', RESERVATION_COLUMNS, g.reservations),
      insertOf('idempotency_keys', RECORD_COLUMNS, g.records),
    ],
    g.audit,
  );
}

/** `insert … select * from unnest(<one array parameter per column>)`, done only when the grant was made. */
function insertGranted<Row>(table: string, columns: Columns<Row>, firstParameter: number): string {
  const arrays = columns.map(([, type], i) => `$${firstParameter + i}::${type}[]`);
  return `insert into ${table} (${columns.map(([c]) => c).join(', ')})
    select * from unnest(${arrays.join(', ')}) where exists (select 1 from granted)`;
}

/** Where the array parameters of the reservations, the records and the audit rows begin. */
const RESERVATION_PARAMETERS = 7;
const RECORD_PARAMETERS = RESERVATION_PARAMETERS + RESERVATION_COLUMNS.length;
const AUDIT_PARAMETERS = RECORD_PARAMETERS + RECORD_COLUMNS.length;

/**
 * The whole grant on PostgreSQL, one statement: it grants only when none of the keys is recorded
 * and the guarded update finds the stock; the inserts and the audit chain follow the update (the
 * chain head is locked last, as every writer does). The same text every time, whatever the number
 * of rows, so that each connection prepares it once.
 */
const GRANT_SQL = `
    with recursive fresh as (
      select not exists (
        select 1 from idempotency_keys
        join unnest($1::text[], $2::text[]) as claim (scope, key) using (scope, key)
      ) as ok
    ), granted as (
      update stock_balances set reserved = reserved + $3, updated_at = $4
      where item_id = $5 and warehouse_id = $6
        and on_hand - reserved - quarantined >= $3 and (select ok from fresh)
      returning 1
    ), reserved as (${insertGranted('reservations', RESERVATION_COLUMNS, RESERVATION_PARAMETERS)}
    ), recorded as (${insertGranted('idempotency_keys', RECORD_COLUMNS, RECORD_PARAMETERS)}
    ), ${chainAuditRows('granted', AUDIT_PARAMETERS)}
    select exists (select 1 from granted) as granted`;

const columnArrays = <Row>(columns: Columns<Row>, rows: readonly Row[]): unknown[][] =>
  columns.map(([c]) => rows.map((r) => r[c]));

/**
 * PostgreSQL: one statement, so one round trip and its own transaction. A key recorded meanwhile
 * by another transaction fails the statement on its unique index.
 */
async function inOneStatement(run: NamedQuery, g: WholeGrant): Promise<boolean> {
  const rows = await run<{ granted: boolean }>('onhand_whole_grant', GRANT_SQL, [
    g.records.map((r) => r.scope),
    g.records.map((r) => r.key),
    g.total,
    g.at,
    g.itemId,
    g.warehouseId,
    ...columnArrays(RESERVATION_COLUMNS, g.reservations),
    ...columnArrays(RECORD_COLUMNS, g.records),
    ...auditParameters(g.audit),
  ]);
  return rows[0]?.granted === true;
}
