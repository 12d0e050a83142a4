import { existsSync } from 'node:fs';
import type { Config } from '../config';
import { isPostgresUrl } from '../db/connect';
import type { Difference } from '../ledger/verify';
import { backupTarget, manualBackupName } from './names';
import { dumpPostgres, restorePostgres, type ToolMissing } from './postgres-backup';
import { restoreSqlite } from './sqlite-restore';
import { snapshotSqlite } from './sqlite-snapshot';

/** A size as a person reads it: `812 bytes`, `4.2 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** The file an embedded DATABASE_URL names (a path, or a `file:` / `sqlite:` URL), as `connect` reads it. */
function sqliteFile(url: string): string {
  return url.replace(/^(sqlite|file):(\/\/)?/, '');
}

function sayWhatToRun({ missing, command }: ToolMissing): void {
  console.error(
    `${missing} is not on PATH. Install the PostgreSQL client tools (Debian: apt-get install postgresql-client), or run it where they are:\n  ${command}`,
  );
}

/**
 * `onhand backup [--to <file or dir>]`: an online copy of the embedded database, or a pg_dump of
 * PostgreSQL; prints the file and its size. Exit code 1 when pg_dump is not there to run.
 */
export async function backupCommand(config: Config, to: string | undefined): Promise<number> {
  const url = config.databaseUrl;
  const now = Date.now();
  if (isPostgresUrl(url)) {
    const dumped = await dumpPostgres(url, backupTarget(to, config.backupDir, manualBackupName(now, 'dump')));
    if ('missing' in dumped) {
      sayWhatToRun(dumped);
      return 1;
    }
    console.log(`backup: ${dumped.file} (${formatBytes(dumped.bytes)}, pg_dump custom format)`);
    return 0;
  }
  const source = sqliteFile(url);
  if (!existsSync(source)) throw new Error(`there is no database at ${source} to back up`);
  const copy = snapshotSqlite(source, backupTarget(to, config.backupDir, manualBackupName(now, 'db')));
  console.log(`backup: ${copy.file} (${formatBytes(copy.bytes)}, integrity check passed)`);
  return 0;
}

/**
 * `onhand restore <file> [--force]`: replaces the configured database with a backup, migrates
 * and verifies it; returns what verify found, or null when nothing was restored because
 * pg_restore is not there to run (the command to run is printed).
 */
export async function restoreCommand(
  config: Config,
  file: string,
  force: boolean,
): Promise<Difference[] | null> {
  const url = config.databaseUrl;
  const restored = isPostgresUrl(url)
    ? await restorePostgres(url, file, { force })
    : await restoreSqlite(file, sqliteFile(url), { force, now: Date.now() });
  if ('missing' in restored) {
    sayWhatToRun(restored);
    return null;
  }
  console.log(`restored ${file}`);
  if (restored.keptAs) console.log(`the database it replaced is kept as ${restored.keptAs}`);
  console.log(
    restored.applied.length ? `applied: ${restored.applied.join(', ')}` : 'the schema is up to date',
  );
  return restored.differences;
}
