import { parseArgs } from 'node:util';
import { backupCommand, restoreCommand } from './backup/commands';
import { type Config, loadConfig, loadDotEnv } from './config';
import { connect } from './db/connect';
import { migrateToLatest } from './db/migrator';
import { seedDemo } from './demo/seed';
import { scrubSecrets } from './http/logging';
import { type Difference, verifyLedger } from './ledger/verify';
import { buildServer } from './main';
import { type AuditVerification, verifyAuditChain } from './modules/audit/audit-verify';
import { bootstrapAdmin } from './modules/auth/bootstrap-admin';

const USAGE = `usage: onhand <command>

  start     migrate, then serve the web app and API (PORT, HOST, DATABASE_URL…)
  migrate   bring the database schema up to date
  verify    recompute every balance and cost layer from the ledger; exit 1 on any difference
  audit verify
            walk the audit log's hash chain; name each edited, deleted or moved row; exit 1 on any
  seed      load the demo shop into an empty database
  backup [--to <file or dir>]
            copy the database while it serves (embedded) or pg_dump it (PostgreSQL);
            by default into ONHAND_BACKUP_DIR (./data/backups) under a UTC timestamp
  restore <file> [--force]
            replace the database with a backup (refused while a server has it open, and over
            a database that holds data unless --force), then migrate and verify it`;

async function start(config: Config): Promise<void> {
  const server = await buildServer(config);
  if (server.admin) {
    const { email, generatedPassword } = server.admin;
    if (generatedPassword) {
      // Printed once, never logged: the only place this password appears.
      process.stdout.write(
        `\nAdministrator created: ${email}\nPassword (shown once): ${generatedPassword}\n\n`,
      );
    } else server.app.log.info({ email }, 'administrator created from ONHAND_ADMIN_EMAIL');
  }
  if (config.demo) {
    const loaded = await seedDemo(server.database, config.timeZone, Date.now());
    if (loaded) server.app.log.info(loaded, 'demo shop loaded');
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await server.app.listen({ port: config.port, host: config.host });
}

async function withDatabase<T>(
  config: Config,
  work: (database: ReturnType<typeof connect>) => Promise<T>,
): Promise<T> {
  const database = connect(config.databaseUrl, { poolSize: 2 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Prints what verify found; the exit code: 0 when the books agree, 1 on any difference. */
function reportVerify(differences: Difference[]): number {
  for (const d of differences) {
    console.log(
      `DIFFERENCE ${d.check}: item ${d.itemId} warehouse ${d.warehouseId} expected ${d.expected} found ${d.actual}${d.detail ? ` (${d.detail})` : ''}`,
    );
  }
  console.log(
    differences.length === 0
      ? 'verify: the ledger, balances and cost layers agree'
      : `verify: ${differences.length} difference(s)`,
  );
  return differences.length === 0 ? 0 : 1;
}

/** Prints what the audit chain walk found; the exit code: 0 when whole, 1 when broken. */
function reportAudit({ rows, head, breaks }: AuditVerification): number {
  for (const b of breaks) console.log(`BROKEN audit row ${b.seq}${b.row ? ` (${b.row})` : ''}: ${b.problem}`);
  console.log(
    breaks.length === 0
      ? `audit verify: the chain of ${rows} entries is whole (head ${head.seq} ${head.hash})`
      : `audit verify: ${breaks.length} break(s) in the chain of ${rows} entries`,
  );
  return breaks.length === 0 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  const [command, ...args] = argv;
  const config = loadConfig(process.env, { demo: command === 'start' });
  switch (command) {
    case 'start':
      await start(config);
      return -1;
    case 'migrate':
      return withDatabase(config, async (database) => {
        const applied = await migrateToLatest(database);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
        return 0;
      });
    case 'verify':
      return withDatabase(config, async (database) => reportVerify(await verifyLedger(database.db)));
    case 'audit':
      if (args.length !== 1 || args[0] !== 'verify') {
        console.error(USAGE);
        return 2;
      }
      return withDatabase(config, async (database) => reportAudit(await verifyAuditChain(database.db)));
    case 'backup': {
      const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
      return backupCommand(config, values.to);
    }
    case 'restore': {
      const { values, positionals } = parseArgs({
        args,
        options: { force: { type: 'boolean', default: false } },
        allowPositionals: true,
      });
      const [file, ...extra] = positionals;
      if (file === undefined || extra.length > 0) {
        console.error(USAGE);
        return 2;
      }
      const differences = await restoreCommand(config, file, values.force);
      return differences ? reportVerify(differences) : 1;
    }
    case 'seed':
      return withDatabase(config, async (database) => {
        await migrateToLatest(database);
        const admin = await bootstrapAdmin(
          database.db,
          { email: config.adminEmail, password: config.adminPassword },
          Date.now(),
        );
        if (admin?.generatedPassword)
          console.log(
            `Administrator created: ${admin.email}\nPassword (shown once): ${admin.generatedPassword}`,
          );
        const loaded = await seedDemo(database, config.timeZone, Date.now());
        console.log(
          loaded
            ? `demo shop loaded: ${JSON.stringify(loaded)}`
            : 'the database already has warehouses; nothing loaded',
        );
        return 0;
      });
    default:
      console.error(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    // A driver's message may quote the DATABASE_URL: never print its password.
    console.error(scrubSecrets(error instanceof Error ? error.message : String(error)));
    process.exit(1);
  },
);
