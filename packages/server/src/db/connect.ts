import { resolve } from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type Leadership, PostgresLeadership, soleProcess } from './leadership';
import { type Notifications, PostgresNotifications, singleProcess } from './notifications';
import type { DB } from './schema';
import { openSqliteFile } from './sqlite-file';
import { SqliteWriter } from './sqlite-writer';

/** Which database engine a connection talks to; dialect differences stay inside `db/`. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * Runs a statement by name: PostgreSQL parses and plans it once per connection, not on every run.
 * Outside any transaction, on a connection of the pool.
 */
export type NamedQuery = <Row>(name: string, text: string, values: readonly unknown[]) => Promise<Row[]>;

/** An open database: the query builder, its dialect, and how to close it. */
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where it lives, for messages (never includes a password). */
  location: string;
  /** The embedded database's second connection, on a worker thread; null on PostgreSQL. */
  writer: SqliteWriter | null;
  /** Named statements on PostgreSQL; null on the embedded database. */
  named: NamedQuery | null;
  /** Messages to the other server processes on the same database. */
  notifications: Notifications;
  /** Whether this process runs the scheduled jobs (started by the server, not by `connect`). */
  leadership: Leadership;
  close(): Promise<void>;
}

/** The embedded database file used when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_FILE = './data/onhand.db';

/** True when the URL names PostgreSQL rather than an embedded database file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Opens the embedded database (`file:`/`sqlite:` URL or a path) or PostgreSQL (`postgres://`). */
export function connect(url: string = DEFAULT_DATABASE_FILE, options: { poolSize?: number } = {}): Database {
  return isPostgresUrl(url) ? connectPostgres(url, options.poolSize ?? 10) : connectSqlite(url);
}

function connectSqlite(url: string): Database {
  const file = resolve(url.replace(/^(sqlite|file):(\/\/)?/, ''));
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(openSqliteFile(file)) }),
  });
  const writer = new SqliteWriter(file);
  return {
    db,
    dialect: 'sqlite',
    location: file,
    writer,
    named: null,
    notifications: singleProcess,
    leadership: soleProcess,
    close: async () => {
      await writer.close();
      await db.destroy();
    },
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Prepares each distinct SQL text once: the query builder hands the driver SQL text every time,
 * and compiling it again is a measurable part of a hot request.
 *
 * A transaction begins IMMEDIATE, taking the write lock at once: with a second connection (the
 * writer thread) a deferred transaction that read and then wrote would fail with SQLITE_BUSY if
 * the other connection committed in between, where an immediate one waits its turn.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const sql = text === 'begin' ? 'begin immediate' : text;
      let statement = cache.get(sql);
      if (!statement) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        statement = sqlite.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

function connectPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? (text: string) => BigInt(text)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection closed by the server (restart, DROP DATABASE … FORCE) must not crash the
  // process: the pool drops it and the next query opens a new one.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  parsed.password = '';
  const named: NamedQuery = async <Row>(name: string, text: string, values: readonly unknown[]) =>
    (await pool.query<Row & pg.QueryResultRow>({ name, text, values: [...values] })).rows;
  const notifications = new PostgresNotifications(url);
  const leadership = new PostgresLeadership(url);
  return {
    db,
    dialect: 'postgres',
    location: parsed.toString(),
    writer: null,
    named,
    notifications,
    leadership,
    close: async () => {
      await leadership.close();
      await notifications.close();
      await db.destroy();
    },
  };
}
