import { Worker } from 'node:worker_threads';
import type { AuditContent } from '../modules/audit/audit-chain';

/** A value bound to a statement parameter. */
export type SqlValue = string | number | bigint | null;

/** One statement, run once. */
export interface RunStep {
  sql: string;
  params: readonly SqlValue[];
  /** It must change a row; when it changes none, the whole write is abandoned. */
  mustChange?: boolean;
}

/**
 * Rows inserted into a table, as JSON text: an array of rows, each an array of its values in the
 * order of `columns` (a bigint as its decimal text, which an integer column stores as the integer).
 * One string crosses to the writer thread far cheaper than the values one by one, and the thread
 * inserts all rows with one statement that reads them from the JSON.
 */
export interface InsertStep {
  table: string;
  columns: readonly string[];
  rows: string;
}

/** One step of a write. */
export type WriteStep = RunStep | InsertStep;

/** A write as sent to the worker. */
export interface WriteRequest {
  id: number;
  steps: readonly WriteStep[];
  audit: readonly AuditContent[];
}

/** What the worker answers for a write: committed, abandoned, or failed with an error. */
export type WriteAnswer = { id: number; committed: boolean } | { id: number; error: string };

interface Pending {
  resolve: (committed: boolean) => void;
  reject: (error: Error) => void;
}

// Onhand runs its TypeScript through tsx; a worker thread registers it for itself.
const WORKER_SOURCE = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(
  new URL('./sqlite-writer.worker.ts', import.meta.url).href,
)}, ${JSON.stringify(import.meta.url)}))`;

/**
 * A second connection to the embedded database, on a worker thread: a write sent here executes
 * and commits — fsync included — while the event loop goes on parsing and answering requests.
 * SQLite lets one writer in at a time; the worker takes the write lock with BEGIN IMMEDIATE and
 * waits for it (busy_timeout) like any other connection. The writes that wait for the worker when
 * it is free share one transaction (each under its own savepoint, whole or not at all) and so one
 * fsync. Started on first use.
 */
export class SqliteWriter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly file: string) {}

  /**
   * Runs the steps, then chains the audit rows after the audit log's head, whole or not at all.
   * Resolves true once they are committed (durably), false when a step marked `mustChange` changed
   * nothing or a constraint refused a row: then nothing of it was written, the head not moved.
   */
  write(steps: readonly WriteStep[], audit: readonly AuditContent[] = []): Promise<boolean> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<boolean>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: WriteRequest = { id, steps, audit };
      worker.postMessage(request);
    });
  }

  /** Stops the worker and closes its connection; call it once no write is pending. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file } });
    worker.unref();
    worker.on('message', (answers: WriteAnswer[]) => {
      for (const answer of answers) {
        const p = this.pending.get(answer.id);
        if (!p) continue;
        this.pending.delete(answer.id);
        if ('error' in answer) p.reject(new Error(answer.error));
        else p.resolve(answer.committed);
      }
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the SQLite writer thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
