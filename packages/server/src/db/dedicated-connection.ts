import pg from 'pg';

const RECONNECT_MS = 1000;

/**
 * One PostgreSQL connection of its own, outside the pool, for what lives as long as a connection
 * does (LISTEN, a session advisory lock). When it is lost it says so and reconnects by itself.
 */
export class DedicatedConnection {
  private client: pg.Client | null = null;
  private closed = false;
  private connected = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    /** Sets the new connection up (LISTEN …); it is `up` once this resolves. */
    private readonly onUp: (client: pg.Client) => Promise<void>,
    /** What held with the lost connection is gone (its locks, the messages meanwhile). */
    private readonly onDown: () => void,
  ) {}

  /** True while the connection is open and set up. */
  get up(): boolean {
    return this.connected;
  }

  /** The open connection, or null while it is down. */
  get current(): pg.Client | null {
    return this.connected ? this.client : null;
  }

  /** Connects; a failure is not thrown but retried, with `up` false meanwhile. */
  start(): Promise<void> {
    return this.connect().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.connected = false;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url });
    this.client = client;
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      this.connected = false;
      this.onDown();
      client.end().catch(() => undefined);
      if (!this.closed && !this.retry)
        this.retry = setTimeout(() => {
          this.retry = null;
          this.connect().catch(() => undefined);
        }, RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await this.onUp(client);
    } catch (error) {
      lost();
      throw error;
    }
    if (!gone) this.connected = true;
  }
}
