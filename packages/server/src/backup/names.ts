import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A UTC moment as it appears in file names: ISO 8601 without colons, so it sorts and travels. */
export function fileStamp(at: number): string {
  return new Date(at).toISOString().replaceAll(':', '-');
}

const STAMP = /(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)/;

/** The name of a backup made by hand (`onhand backup`) at a moment. */
export function manualBackupName(at: number, extension: 'db' | 'dump'): string {
  return `onhand-${fileStamp(at)}.${extension}`;
}

/** The name of a backup made by the scheduled job: the only files the job ever prunes. */
export function scheduledBackupName(at: number): string {
  return `onhand-scheduled-${fileStamp(at)}.db`;
}

const SCHEDULED = new RegExp(`^onhand-scheduled-${STAMP.source}\\.db$`);

/** When a scheduled backup was made, from its name; null for any file the job did not make. */
export function scheduledBackupTime(name: string): number | null {
  const stamp = SCHEDULED.exec(name)?.[1];
  if (!stamp) return null;
  const [date, time] = stamp.split('T') as [string, string];
  return Date.parse(`${date}T${time.replace(/^(\d{2})-(\d{2})-/, '$1:$2:')}`);
}

/**
 * Where `onhand backup --to` writes: into a directory (an existing one, or a path ending in `/`)
 * under a timestamped name, else to exactly the file named; without `--to`, into `defaultDir`.
 */
export function backupTarget(to: string | undefined, defaultDir: string, name: string): string {
  if (to === undefined) return join(defaultDir, name);
  const isDir = /[/\\]$/.test(to) || (existsSync(to) && statSync(to).isDirectory());
  return isDir ? join(to, name) : to;
}
