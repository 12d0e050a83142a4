import { existsSync } from 'node:fs';
import { isTimeZone } from '@onhand/domain';
import { type BackupSchedule, parseBackupInterval } from './backup/schedule';
import { DEFAULT_DATABASE_FILE } from './db/connect';

/** Every setting Onhand reads, from the environment (and an optional `.env`). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  demo: boolean;
  timeZone: string;
  /** Connections per process to PostgreSQL. */
  poolSize: number;
  logLevel: string;
  /** Where `onhand backup` and the scheduled backups write. */
  backupDir: string;
  /** Scheduled backups of the embedded database; null when off. */
  backupSchedule: BackupSchedule | null;
  /** Which proxies to believe about the client and the scheme (Fastify `trustProxy`): HSTS and `Secure` cookies follow `X-Forwarded-Proto` only from them. */
  trustProxy: boolean | string;
  /** How long a client may take to send a whole request, headers and body (ms). */
  requestTimeoutMs: number;
  /** How long a connection may sit idle before it is closed (ms). */
  connectionTimeoutMs: number;
}

function positiveMs(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number of milliseconds, not ${env[name]}`);
  return value;
}

/** `true` (any proxy), `false`, or the proxies' addresses and CIDR ranges (`loopback, 10.0.0.0/8`). */
function trustProxyOf(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  return value === 'true' || value === '1' ? true : value;
}

/** Where backups go when ONHAND_BACKUP_DIR is not set. */
export const DEFAULT_BACKUP_DIR = './data/backups';

/** Reads the configuration, failing with a message that names the bad setting. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  defaults: { demo: boolean } = { demo: false },
): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${env.PORT}`);
  const timeZone = env.ONHAND_TZ ?? 'UTC';
  if (!isTimeZone(timeZone))
    throw new Error(`ONHAND_TZ must be a time zone such as Asia/Shanghai, not ${timeZone}`);
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
  if (!Number.isInteger(poolSize) || poolSize < 1)
    throw new Error(`DATABASE_POOL_SIZE must be a positive whole number, not ${env.DATABASE_POOL_SIZE}`);
  const backupEveryMs = parseBackupInterval(env.ONHAND_BACKUP_EVERY);
  const backupKeep = Number(env.ONHAND_BACKUP_KEEP || 7);
  if (!Number.isInteger(backupKeep) || backupKeep < 1)
    throw new Error(`ONHAND_BACKUP_KEEP must be a positive whole number, not ${env.ONHAND_BACKUP_KEEP}`);
  const backupDir = env.ONHAND_BACKUP_DIR || DEFAULT_BACKUP_DIR;
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_FILE,
    adminEmail: env.ONHAND_ADMIN_EMAIL || undefined,
    adminPassword: env.ONHAND_ADMIN_PASSWORD || undefined,
    demo:
      env.ONHAND_DEMO === undefined ? defaults.demo : env.ONHAND_DEMO === '1' || env.ONHAND_DEMO === 'true',
    timeZone,
    poolSize,
    logLevel: env.LOG_LEVEL ?? 'info',
    backupDir,
    backupSchedule:
      backupEveryMs === null ? null : { everyMs: backupEveryMs, keep: backupKeep, dir: backupDir },
    trustProxy: trustProxyOf(env.ONHAND_TRUST_PROXY),
    requestTimeoutMs: positiveMs(env, 'ONHAND_REQUEST_TIMEOUT_MS', 30_000),
    connectionTimeoutMs: positiveMs(env, 'ONHAND_CONNECTION_TIMEOUT_MS', 120_000),
  };
}

/** Loads `.env` from the working directory when there is one; real environment variables win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
