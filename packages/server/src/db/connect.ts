import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

/** Which database engine a connection talks to; dialect differences stay inside `db/`. */
export type Dialect = 'sqlite' | 'postgres';

/** An open database: the query builder, its dialect, and how to close it. */
export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where it lives, for messages (never includes a password). */
  location: string;
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
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.defaultSafeIntegers(true);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it is acknowledged, also in WAL mode.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Prepares each distinct SQL text once: the query builder hands the driver SQL text every time,
 * and compiling it again is a measurable part of a hot request.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
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
  return { db, dialect: 'postgres', location: parsed.toString(), close: () => db.destroy() };
}
