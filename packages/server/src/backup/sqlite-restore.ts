import {
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { connect } from '../db/connect';
import { migrateToLatest } from '../db/migrator';
import { type Difference, verifyLedger } from '../ledger/verify';
import { fsyncPath, tempPathBeside } from './files';
import { fileStamp } from './names';
import { checkSqliteCopy } from './sqlite-snapshot';

/** What a restore did: the migrations it applied, what `verify` found, where the old file was kept. */
export interface Restored {
  applied: string[];
  differences: Difference[];
  keptAs: string | null;
}

/**
 * Restores a backup of the embedded database into `target`: the backup is copied beside the
 * target, checked, migrated to the code's schema and verified, and only then renamed over the
 * target, so that the target is at every moment either the old database or the whole new one.
 * The old one is kept as `<target>.before-restore-<time>`. Refuses a target that any connection
 * (a running server) has open, and one that holds tables unless `force`.
 */
export async function restoreSqlite(
  backup: string,
  targetPath: string,
  options: { force: boolean; now: number },
): Promise<Restored> {
  const target = resolve(targetPath);
  if (!existsSync(backup)) throw new Error(`${backup} does not exist`);
  const holdsData = existsSync(target) && takeOver(target);
  if (holdsData && !options.force)
    throw new Error(`${target} already holds a database: add --force to replace it (the old one is kept)`);
  mkdirSync(dirname(target), { recursive: true });
  const temp = tempPathBeside(target);
  try {
    copyFileSync(backup, temp, constants.COPYFILE_EXCL);
    checkSqliteCopy(temp);
    const { applied, differences } = await bringUpToDate(temp);
    fsyncPath(temp);
    const keptAs = existsSync(target) ? `${target}.before-restore-${fileStamp(options.now)}` : null;
    if (keptAs) linkSync(target, keptAs);
    renameSync(temp, target);
    fsyncPath(dirname(target));
    return { applied, differences, keptAs };
  } finally {
    rmSync(temp, { force: true });
    rmSync(`${temp}.migrate-lock`, { force: true });
  }
}

/**
 * Takes the database file for this connection alone — failing at once when another connection,
 * such as a running server's, has it open — folds its write-ahead log into it so that no log is
 * left to be replayed into the file that replaces it, and says whether it holds any table.
 */
function takeOver(file: string): boolean {
  const db = new SQLite(file, { fileMustExist: true, timeout: 0 });
  let tables: number;
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      throw new Error(`${file} is in use (is a server running on it?): stop it before restoring`);
    }
    tables = (
      db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }
    ).n;
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  // Closing the last connection removes the log; one left would be replayed into the new file.
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0)
    throw new Error(`${file}-wal is left after closing ${file}: is a server running on it?`);
  return tables > 0;
}

/** Migrates a restored copy to the code's schema and verifies its books. */
async function bringUpToDate(file: string): Promise<{ applied: string[]; differences: Difference[] }> {
  const database = connect(file);
  try {
    const applied = await migrateToLatest(database);
    return { applied, differences: await verifyLedger(database.db) };
  } finally {
    await database.close();
  }
}
