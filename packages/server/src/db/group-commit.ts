import type { Kysely } from 'kysely';
import type { Trx } from '../ledger/types';
import type { DB } from './schema';

/** Handles one batch inside one transaction; returns one result per request, in order. */
export type BatchHandler<Req, Res> = (trx: Trx, requests: readonly Req[]) => Promise<Res[]>;

/**
 * Settles what it can of a batch without the shared transaction (each in its own durable write);
 * returns a result for each request it settled, undefined for each it leaves to the transaction.
 * It leaves to the transaction whatever it failed to write: when it rejects, its batch fails.
 */
export type FirstPass<Req, Res> = (requests: readonly Req[]) => Promise<(Res | undefined)[]>;

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
  /** Batches being gathered or written. */
  private running = 0;
  /** True while a batch is being gathered: arrivals join it rather than start another. */
  private gathering = false;

  /**
   * `lanes`: how many batches may be written at once. With two, the next batch is gathered (and
   * sent) while the last one commits, so neither the event loop nor the database waits for the
   * other; the writes serialise where they touch the same rows.
   */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly handle: BatchHandler<Req, Res>,
    private readonly options: { maxBatch?: number; lanes?: number; first?: FirstPass<Req, Res> } = {},
  ) {}

  private get maxBatch(): number {
    return this.options.maxBatch ?? 1000;
  }

  /** Queues a request for the next batch and resolves with its result once that batch commits. */
  submit(request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.gathering && this.running < (this.options.lanes ?? 1)) {
        this.running++;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      await this.gather();
      const batch = await this.settleFirst(this.queue.splice(0, this.maxBatch));
      if (batch.length === 0) continue;
      if (!(await this.commit(batch, false))) {
        // One request must not fail the others: retry each on its own to isolate the failure.
        for (const w of batch) await this.commit([w], true);
      }
    }
    this.running--;
  }

  /**
   * Lets requests that are arriving join the batch: yields to the event loop while the queue is
   * still growing (a few turns at most), so one commit serves a whole wave of requests rather
   * than its first few. Costs nothing measurable when requests come one at a time.
   */
  private async gather(): Promise<void> {
    this.gathering = true;
    let seen = -1;
    for (
      let turn = 0;
      turn < GATHER_TURNS && this.queue.length !== seen && this.queue.length < this.maxBatch;
      turn++
    ) {
      seen = this.queue.length;
      await new Promise((r) => setImmediate(r));
    }
    this.gathering = false;
  }

  /** Hands out what the first pass settles; returns the rest for the transaction. */
  private async settleFirst(batch: Waiting<Req, Res>[]): Promise<Waiting<Req, Res>[]> {
    const first = this.options.first;
    if (!first) return batch;
    let results: (Res | undefined)[];
    try {
      results = await first(batch.map((w) => w.request));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return [];
    }
    return batch.filter((w, i) => {
      const result = results[i];
      if (result === undefined) return true;
      w.resolve(result);
      return false;
    });
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
