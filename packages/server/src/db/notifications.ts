import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

/**
 * Messages from one server process to every other one sharing the database, so that what a
 * process keeps in memory (resolved sessions, roles) can be dropped the moment it changes.
 */
export interface Notifications {
  /**
   * Sends a message on a channel. Given a transaction, the message leaves when it commits, and not
   * at all if it rolls back.
   */
  publish(db: Kysely<DB>, channel: string, payload: string): Promise<void>;
  /**
   * Calls `onMessage` for each message on the channel, and `onGap` whenever messages may have been
   * missed (the connection that listens was lost; it reconnects by itself).
   */
  listen(channel: string, onMessage: (payload: string) => void, onGap: () => void): Promise<void>;
  /** False while messages could be missed: memory must not be trusted then. */
  readonly listening: boolean;
  close(): Promise<void>;
}

/** The embedded database has one server process: there is nobody else to tell. */
export const singleProcess: Notifications = {
  publish: async () => undefined,
  listen: async () => undefined,
  listening: true,
  close: async () => undefined,
};

const RECONNECT_MS = 1000;
const CHANNEL_NAME = /^[a-z_]+$/;

/** PostgreSQL's NOTIFY/LISTEN, on one connection of its own that reconnects when lost. */
export class PostgresNotifications implements Notifications {
  private subscription: {
    channel: string;
    onMessage: (payload: string) => void;
    onGap: () => void;
  } | null = null;
  private client: pg.Client | null = null;
  private closed = false;
  private connected = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {}

  get listening(): boolean {
    return this.connected;
  }

  async publish(db: Kysely<DB>, channel: string, payload: string): Promise<void> {
    await sql`select pg_notify(${channel}, ${payload})`.execute(db);
  }

  /** Listens on one channel; until the connection is up, `listening` stays false and it retries. */
  async listen(channel: string, onMessage: (payload: string) => void, onGap: () => void): Promise<void> {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`not a channel name: ${channel}`);
    if (this.subscription) throw new Error('already listening');
    this.subscription = { channel, onMessage, onGap };
    await this.connect().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.connected = false;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (!this.subscription || this.closed) return;
    const { channel, onMessage, onGap } = this.subscription;
    const client = new pg.Client({ connectionString: this.url });
    this.client = client;
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      this.connected = false;
      onGap();
      client.end().catch(() => undefined);
      if (!this.closed && !this.retry)
        this.retry = setTimeout(() => {
          this.retry = null;
          this.connect().catch(() => undefined);
        }, RECONNECT_MS);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      lost();
      throw error;
    }
    if (!gone) {
      this.connected = true;
      // Whatever was published before LISTEN took effect was missed.
      onGap();
    }
  }
}
