import { type Kysely, sql } from 'kysely';
import { DedicatedConnection } from './dedicated-connection';
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

const CHANNEL_NAME = /^[a-z_]+$/;

/** PostgreSQL's NOTIFY/LISTEN, listening on a connection of its own that reconnects when lost. */
export class PostgresNotifications implements Notifications {
  private connection: DedicatedConnection | null = null;

  constructor(private readonly url: string) {}

  get listening(): boolean {
    return this.connection?.up ?? false;
  }

  async publish(db: Kysely<DB>, channel: string, payload: string): Promise<void> {
    await sql`select pg_notify(${channel}, ${payload})`.execute(db);
  }

  /** Listens on one channel; until the connection is up, `listening` stays false and it retries. */
  listen(channel: string, onMessage: (payload: string) => void, onGap: () => void): Promise<void> {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`not a channel name: ${channel}`);
    if (this.connection) throw new Error('already listening');
    this.connection = new DedicatedConnection(
      this.url,
      async (client) => {
        client.on('notification', (message) => {
          if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
        });
        await client.query(`LISTEN ${channel}`);
        // Whatever was published before LISTEN took effect was missed.
        onGap();
      },
      onGap,
    );
    return this.connection.start();
  }

  async close(): Promise<void> {
    await this.connection?.close();
  }
}
