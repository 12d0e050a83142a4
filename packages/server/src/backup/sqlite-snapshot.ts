import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { publish, tempPathBeside } from './files';

/** A finished backup: where it is and how many bytes it holds. */
export interface BackupFile {
  file: string;
  bytes: number;
}

/**
 * Checks a copy of the embedded database before anyone relies on it: SQLite's integrity check
 * passes and the migration table holds at least one migration. Returns the newest migration.
 */
export function checkSqliteCopy(file: string): string {
  const copy = new SQLite(file, { fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} fails the integrity check: ${String(integrity)}`);
    const table = copy
      .prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get() as { n: number };
    const newest =
      table.n > 0
        ? (copy.prepare('select max(name) as name from kysely_migration').get() as { name: string | null })
        : { name: null };
    if (!newest.name) throw new Error(`${file} has no applied migration: it is not an Onhand database`);
    return newest.name;
  } finally {
    copy.close();
  }
}

/**
 * Copies the embedded database online with `VACUUM INTO`: one read transaction on a connection
 * of its own, so the copy is a consistent snapshot holding every write committed before it
 * began (WAL included), while the server's connections go on reading and writing. The copy is
 * checked, readable by its owner only, forced to disk and only then published under `target`.
 */
export function snapshotSqlite(source: string, target: string): BackupFile {
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  if (existsSync(target)) throw new Error(`${target} already exists`);
  const temp = tempPathBeside(target);
  try {
    const db = new SQLite(source, { fileMustExist: true, timeout: 10_000 });
    try {
      db.prepare('VACUUM INTO ?').run(temp);
    } finally {
      db.close();
    }
    chmodSync(temp, 0o600);
    checkSqliteCopy(temp);
    return { file: target, bytes: publish(temp, target) };
  } finally {
    rmSync(temp, { force: true });
  }
}
