import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { AUDIT_COLUMNS, type AuditContent, type ChainHead, sealAfter } from '../modules/audit/audit-chain';
import { openSqliteFile } from './sqlite-file';
import type { InsertStep, WriteAnswer, WriteRequest } from './sqlite-writer';

const sqlite = openSqliteFile((workerData as { file: string }).file);
const statements = new Map<string, SQLite.Statement>();
const prepared = (sql: string): SQLite.Statement => {
  let statement = statements.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
};
const begin = prepared('BEGIN IMMEDIATE');
const commit = prepared('COMMIT');
const rollback = prepared('ROLLBACK');
const savepoint = prepared('SAVEPOINT one_write');
const undo = prepared('ROLLBACK TO one_write');
const release = prepared('RELEASE one_write');

function isConstraintError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

const readHead = prepared('SELECT seq, hash FROM audit_chain WHERE id = 1');
const moveHead = prepared('UPDATE audit_chain SET seq = ?, hash = ? WHERE id = 1');
const insertAudit = prepared(
  `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`,
);

/**
 * Chains audit rows after the head, inside the open transaction (this connection holds the write
 * lock): the writes sharing a transaction take their places in the order they commit.
 */
function appendAudit(contents: readonly AuditContent[]): void {
  if (contents.length === 0) return;
  const { rows, head } = sealAfter(readHead.get() as ChainHead, contents);
  for (const row of rows) insertAudit.run(...AUDIT_COLUMNS.map((c) => row[c]));
  moveHead.run(head.seq, head.hash);
}

function insert({ table, columns, rows }: InsertStep): void {
  const values = columns.map((_, i) => `value ->> ${i}`).join(', ');
  prepared(`insert into ${table} (${columns.join(', ')}) select ${values} from json_each(?)`).run(rows);
}

/**
 * Runs one write's steps, then chains its audit rows, under a savepoint; false (its steps and its
 * audit rows undone, the chain head where it was) when an expectation failed.
 */
function writeOne({ steps, audit }: WriteRequest): boolean {
  savepoint.run();
  try {
    for (const step of steps) {
      if ('table' in step) insert(step);
      else if (prepared(step.sql).run(step.params).changes === 0 && step.mustChange) {
        undo.run();
        return false;
      }
    }
    appendAudit(audit);
    return true;
  } catch (error) {
    if (!isConstraintError(error)) throw error;
    undo.run();
    return false;
  } finally {
    release.run();
  }
}

/**
 * Runs the writes in one transaction, each of them whole or not at all, and commits them with
 * one fsync. When the transaction fails, every one of them fails and nothing is written.
 */
function writeAll(writes: readonly WriteRequest[]): WriteAnswer[] {
  begin.run();
  try {
    const committed = writes.map(writeOne);
    commit.run();
    return writes.map((w, i) => ({ id: w.id, committed: committed[i] === true }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return writes.map((w) => ({ id: w.id, error: message }));
  } finally {
    if (sqlite.inTransaction) rollback.run();
  }
}

// Every write that has arrived by the time the last commit ends joins the next transaction: the
// busier the writer, the more writes share each fsync.
const port = parentPort;
port?.on('message', (first: WriteRequest) => {
  const writes = [first];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port))
    writes.push(next.message as WriteRequest);
  port.postMessage(writeAll(writes));
});
