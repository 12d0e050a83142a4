import type { Migration } from 'kysely';
import type { Dialect } from '../connect';

/** A migration that may differ by dialect only where SQL itself differs (identity columns). */
export type MigrationFactory = (dialect: Dialect) => Migration;
