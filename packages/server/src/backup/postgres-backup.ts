import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { connect } from '../db/connect';
import { migrateToLatest } from '../db/migrator';
import { verifyLedger } from '../ledger/verify';
import { publish, tempPathBeside } from './files';
import { clientToolConnection, runClientTool, shellWord, toolFailed } from './postgres-tools';
import type { Restored } from './sqlite-restore';
import type { BackupFile } from './sqlite-snapshot';

/** A step a PostgreSQL client tool should have done, when that tool is not on PATH: what to run. */
export interface ToolMissing {
  missing: string;
  command: string;
}

/** The documented dump: pg_dump's custom format, which pg_restore reads selectively and in parallel. */
export function pgDumpCommand(target: string): string {
  return `pg_dump --format=custom --file=${shellWord(target)} "$DATABASE_URL"`;
}

/** The documented restore: all or nothing, objects dropped first, ownership left to the restoring role. */
export function pgRestoreCommand(file: string): string {
  return `pg_restore --clean --if-exists --no-owner --single-transaction -d "$DATABASE_URL" ${shellWord(file)}`;
}

/**
 * Dumps a PostgreSQL database with `pg_dump --format=custom` (a consistent snapshot: pg_dump
 * reads in one repeatable-read transaction while the servers go on writing). The dump is written
 * beside `target`, checked with `pg_restore --list` (it must hold the migration table), made
 * readable by its owner only and published atomically.
 */
export async function dumpPostgres(url: string, target: string): Promise<BackupFile | ToolMissing> {
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  if (existsSync(target)) throw new Error(`${target} already exists`);
  const tools = clientToolConnection(url);
  const temp = tempPathBeside(target);
  try {
    const dump = await runClientTool('pg_dump', ['--format=custom', `--file=${temp}`, tools.url], tools.env);
    if (!dump) return { missing: 'pg_dump', command: pgDumpCommand(target) };
    if (dump.code !== 0) throw toolFailed('pg_dump', dump);
    const list = await runClientTool('pg_restore', ['--list', temp], tools.env);
    if (!list) return { missing: 'pg_restore', command: pgDumpCommand(target) };
    if (list.code !== 0) throw toolFailed('pg_restore --list', list);
    if (!/ TABLE \S+ kysely_migration /.test(list.stdout))
      throw new Error('the dump holds no migration table: DATABASE_URL is not an Onhand database');
    chmodSync(temp, 0o600);
    return { file: target, bytes: publish(temp, target) };
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Restores a custom-format dump into the PostgreSQL database with pg_restore in one transaction,
 * then migrates it to the code's schema and verifies its books. Refuses while other sessions are
 * connected to that database (running servers), and a database that holds tables unless `force`.
 */
export async function restorePostgres(
  url: string,
  file: string,
  options: { force: boolean },
): Promise<Restored | ToolMissing> {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  await refuseBusyOrFull(url, options.force);
  const tools = clientToolConnection(url);
  const args = ['--clean', '--if-exists', '--no-owner', '--single-transaction', '-d', tools.url, file];
  const restore = await runClientTool('pg_restore', args, tools.env);
  if (!restore) return { missing: 'pg_restore', command: pgRestoreCommand(file) };
  if (restore.code !== 0) throw toolFailed('pg_restore', restore);
  const database = connect(url, { poolSize: 2 });
  try {
    const applied = await migrateToLatest(database);
    return { applied, differences: await verifyLedger(database.db), keptAs: null };
  } finally {
    await database.close();
  }
}

async function refuseBusyOrFull(url: string, force: boolean): Promise<void> {
  const database = connect(url, { poolSize: 1 });
  try {
    const others = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`.execute(database.db);
    const sessions = others.rows[0]?.n ?? 0;
    if (sessions > 0)
      throw new Error(
        `${database.location} has ${sessions} other session(s) (running servers?): stop them before restoring`,
      );
    const tables = await database.db.introspection.getTables();
    if (tables.length > 0 && !force)
      throw new Error(`${database.location} already holds tables: add --force to replace them`);
  } finally {
    await database.close();
  }
}
