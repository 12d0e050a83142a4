import type pg from 'pg';
import { DedicatedConnection } from './dedicated-connection';

/** Which one of the server processes sharing a database runs the scheduled jobs. */
export interface Leadership {
  /** True in exactly one process at a time (at most one, while a leader is being replaced). */
  readonly leading: boolean;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The embedded database is served by one process: it leads. */
export const soleProcess: Leadership = {
  leading: true,
  start: async () => undefined,
  close: async () => undefined,
};

/** The session advisory lock the leader holds ('onhand' in ASCII). */
const JOBS_LOCK = 0x6f6e68616e64n;
/** How often a process that does not lead tries to take over. */
const TRY_EVERY_MS = 2000;

/**
 * Leadership on PostgreSQL: the process whose own connection holds a session advisory lock leads.
 * If that process stops or loses its connection, the lock goes with it and another process takes
 * it at its next try.
 */
export class PostgresLeadership implements Leadership {
  private readonly connection: DedicatedConnection;
  private holds = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(url: string) {
    this.connection = new DedicatedConnection(
      url,
      (client) => this.tryToLead(client),
      () => {
        this.holds = false;
      },
    );
  }

  get leading(): boolean {
    return this.holds && this.connection.up;
  }

  async start(): Promise<void> {
    await this.connection.start();
    this.timer = setInterval(() => {
      const client = this.connection.current;
      if (client && !this.holds) this.tryToLead(client).catch(() => undefined);
    }, TRY_EVERY_MS);
    this.timer.unref();
  }

  private async tryToLead(client: pg.Client): Promise<void> {
    const result = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [
      JOBS_LOCK.toString(),
    ]);
    this.holds = result.rows[0]?.ok === true;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.holds = false;
    await this.connection.close();
  }
}
