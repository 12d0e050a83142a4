import SQLite from 'better-sqlite3';
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './connect';
import { migrations } from './migrations';

/**
 * Brings the schema up to date under a lock, so several processes may start at once: on
 * PostgreSQL Kysely's advisory lock, on the embedded database an exclusive lock on a sibling
 * lock file. Refuses a history that diverged from the code: an applied migration that the code
 * does not have, or a new one sorted before it.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  if (database.dialect === 'postgres') return runMigrations(database);
  const lock = new SQLite(`${database.location}.migrate-lock`, { timeout: 60_000 });
  try {
    lock.exec('BEGIN EXCLUSIVE');
    return await runMigrations(database);
  } finally {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
  }
}

async function runMigrations({ db, dialect }: Database): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const built: Record<string, Migration> = {};
      for (const [name, factory] of Object.entries(migrations)) built[name] = factory(dialect);
      return built;
    },
  };
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: false });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      failed ? `migration ${failed.migrationName} failed: ${reason}` : `migrations refused: ${reason}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
