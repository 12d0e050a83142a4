import type { Kysely } from 'kysely';
import type { Trx } from '../ledger/types';
import type { DB } from './schema';

/** Handles one batch inside one transaction; returns one result per request, in order. */
export type BatchHandler<Req, Res> = (trx: Trx, requests: readonly Req[]) => Promise<Res[]>;

/** How many turns of the event loop a batch waits at most for requests still arriving. */
const GATHER_TURNS = 8;

interface Waiting<Req, Res> {
  request: Req;
  resolve: (result: Res) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: requests that arrive while a batch is being written wait for the next batch, and
 * each batch is one durable transaction. Under load, one commit serves many requests; alone, a
 * request waits for nothing but its own commit. Results are handed out only after the commit.
 */
export class GroupCommit<Req, Res> {
  private queue: Waiting<Req, Res>[] = [];
  private running = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly handle: BatchHandler<Req, Res>,
    private readonly maxBatch = 1000,
  ) {}

  /** Queues a request for the next batch and resolves with its result once that batch commits. */
  submit(request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.running) {
        this.running = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      await this.gather();
      const batch = this.queue.splice(0, this.maxBatch);
      if (!(await this.commit(batch, false))) {
        // One request must not fail the others: retry each on its own to isolate the failure.
        for (const w of batch) await this.commit([w], true);
      }
    }
    this.running = false;
  }

  /**
   * Lets requests that are arriving join the batch: yields to the event loop while the queue is
   * still growing (a few turns at most), so one commit serves a whole wave of requests rather
   * than its first few. Costs nothing measurable when requests come one at a time.
   */
  private async gather(): Promise<void> {
    let seen = -1;
    for (
      let turn = 0;
      turn < GATHER_TURNS && this.queue.length !== seen && this.queue.length < this.maxBatch;
      turn++
    ) {
      seen = this.queue.length;
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Commits one batch and hands out its results; on failure rejects them if told to, else reports false. */
  private async commit(batch: Waiting<Req, Res>[], rejectOnFailure: boolean): Promise<boolean> {
    try {
      const results = await this.db.transaction().execute((trx) =>
        this.handle(
          trx,
          batch.map((w) => w.request),
        ),
      );
      for (const [i, w] of batch.entries()) w.resolve(results[i] as Res);
      return true;
    } catch (error) {
      if (!rejectOnFailure) return false;
      for (const w of batch) w.reject(error);
      return true;
    }
  }
}
