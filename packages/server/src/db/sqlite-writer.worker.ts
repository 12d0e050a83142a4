import { parentPort, workerData } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { openSqliteFile } from './sqlite-file';
import type { InsertStep, WriteAnswer, WriteStep } from './sqlite-writer';

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

/** Rows per insert statement: few statement shapes to prepare, few runs per batch. */
const ROWS_PER_INSERT = 64;

function insert({ table, columns, values }: InsertStep): void {
  const row = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into ${table} (${columns.join(', ')}) values `;
  const rows = values.length / columns.length;
  for (let at = 0; at < rows; at += ROWS_PER_INSERT) {
    const count = Math.min(ROWS_PER_INSERT, rows - at);
    const params = count === rows ? values : values.slice(at * columns.length, (at + count) * columns.length);
    prepared(head + new Array<string>(count).fill(row).join(', ')).run(params);
  }
}

/** Runs every step in one transaction; false (rolled back) when a step's expectation failed. */
function write(steps: readonly WriteStep[]): boolean {
  begin.run();
  try {
    for (const step of steps) {
      if ('table' in step) insert(step);
      else if (prepared(step.sql).run(step.params).changes === 0 && step.mustChange) return false;
    }
    commit.run();
    return true;
  } catch (error) {
    if (isConstraintError(error)) return false;
    throw error;
  } finally {
    if (sqlite.inTransaction) rollback.run();
  }
}

parentPort?.on('message', ({ id, steps }: { id: number; steps: WriteStep[] }) => {
  let answer: WriteAnswer;
  try {
    answer = { id, committed: write(steps) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
