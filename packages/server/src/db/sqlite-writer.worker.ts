import { parentPort, workerData } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { AUDIT_COLUMNS, type AuditContent, type ChainHead, sealAfter } from '../modules/audit/audit-chain';
import { openSqliteFile } from './sqlite-file';
import type { WriteAnswer, WriteRequest, WriteStep } from './sqlite-writer';

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

function isConstraintError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

const readHead = prepared('SELECT seq, hash FROM audit_chain WHERE id = 1');
const moveHead = prepared('UPDATE audit_chain SET seq = ?, hash = ? WHERE id = 1');
const insertAudit = prepared(
  `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`,
);

/** Chains audit rows after the head, inside the open transaction (this connection holds the write lock). */
function appendAudit(contents: readonly AuditContent[]): void {
  if (contents.length === 0) return;
  const { rows, head } = sealAfter(readHead.get() as ChainHead, contents);
  for (const row of rows) insertAudit.run(...AUDIT_COLUMNS.map((c) => row[c]));
  moveHead.run(head.seq, head.hash);
}

/** Runs every step, then the audit append, in one transaction; false (rolled back) when a step's expectation failed. */
function write(steps: readonly WriteStep[], audit: readonly AuditContent[]): boolean {
  begin.run();
  try {
    for (const step of steps) {
      const statement = prepared(step.sql);
      for (const row of step.rows) {
        if (statement.run(...row).changes === 0 && step.mustChange) return false;
      }
    }
    appendAudit(audit);
    commit.run();
    return true;
  } catch (error) {
    if (isConstraintError(error)) return false;
    throw error;
  } finally {
    if (sqlite.inTransaction) rollback.run();
  }
}

parentPort?.on('message', ({ id, steps, audit }: WriteRequest) => {
  let answer: WriteAnswer;
  try {
    answer = { id, committed: write(steps, audit) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
