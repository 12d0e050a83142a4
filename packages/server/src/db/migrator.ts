import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './connect';
import { migrations } from './migrations';

/**
 * Brings the schema up to date. Kysely's migrator holds a lock while it runs (an advisory lock on
 * PostgreSQL, so several processes may start at once) and refuses a history that diverged from
 * the code: an applied migration that the code does not have, or a new one sorted before it.
 */
export async function migrateToLatest({ db, dialect }: Database): Promise<string[]> {
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
