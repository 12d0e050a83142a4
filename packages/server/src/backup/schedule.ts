import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/connect';
import { every } from '../jobs/every';
import { scheduledBackupName, scheduledBackupTime } from './names';
import { snapshotOffThread } from './snapshot-thread';
import type { BackupFile } from './sqlite-snapshot';

/** The scheduled backups of the embedded database: how often, how many to keep, and where. */
export interface BackupSchedule {
  everyMs: number;
  keep: number;
  dir: string;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Reads an interval such as `30m`, `6h`, `24h` or `7d`; null for off (unset, empty, `0` or `off`). */
export function parseBackupInterval(text: string | undefined): number | null {
  if (text === undefined || ['', '0', 'off'].includes(text.trim())) return null;
  const match = /^(\d+)([mhd])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * (UNIT_MS[match[2] as string] as number) : 0;
  if (ms <= 0) throw new Error(`ONHAND_BACKUP_EVERY must be an interval such as 30m, 6h or 24h, not ${text}`);
  return ms;
}

/** What one turn of the schedule did: the backup it made (if one was due) and the files it pruned. */
export interface ScheduleTurn {
  made: BackupFile | null;
  pruned: string[];
}

/**
 * Makes a scheduled backup when the newest one in the directory is `everyMs` old or older (or
 * there is none): counting from the files rather than from the start of the process means a
 * server restarted more often than the interval still backs up. Then deletes the oldest
 * scheduled backups beyond `keep`; files of any other name, such as backups made by hand, are
 * never touched.
 */
export async function backupWhenDue(
  source: string,
  schedule: BackupSchedule,
  now: number,
): Promise<ScheduleTurn> {
  const newest = Math.max(-Infinity, ...scheduledBackups(schedule.dir).map((b) => b.at));
  const made =
    now - newest >= schedule.everyMs
      ? await snapshotOffThread(source, join(schedule.dir, scheduledBackupName(now)))
      : null;
  const pruned = scheduledBackups(schedule.dir)
    .slice(schedule.keep)
    .map((b) => b.name);
  for (const name of pruned) rmSync(join(schedule.dir, name));
  return { made, pruned };
}

/** The scheduled backups in a directory, newest first. */
function scheduledBackups(dir: string): { name: string; at: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const at = scheduledBackupTime(name);
      return at === null ? [] : [{ name, at }];
    })
    .sort((a, b) => b.at - a.at);
}

/**
 * Starts the scheduled backups of the embedded database when a schedule is set; returns how to
 * stop them. On PostgreSQL it only says, once, that backups there are pg_dump's (or the
 * database's point-in-time recovery's) job: several processes share one database, and the
 * database server, not each of them, is the place to back it up.
 */
export function startScheduledBackups(
  database: Database,
  schedule: BackupSchedule | null,
  clock: () => number,
  log: FastifyBaseLogger,
): (() => void)[] {
  if (!schedule) return [];
  if (database.dialect === 'postgres') {
    log.warn(
      'ONHAND_BACKUP_EVERY applies to the embedded database only: on PostgreSQL schedule pg_dump (README, Backups)',
    );
    return [];
  }
  const checkEveryMs = Math.min(schedule.everyMs, 60_000);
  const turn = async () => {
    const { made, pruned } = await backupWhenDue(database.location, schedule, clock());
    if (made) log.info({ file: made.file, bytes: made.bytes }, 'scheduled backup made');
    return pruned.length;
  };
  return [every('old scheduled backups pruned', checkEveryMs, turn, log, database.leadership)];
}
