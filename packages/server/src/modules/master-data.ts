import type { FastifyRequest } from 'fastify';
import { type RawBuilder, sql } from 'kysely';
import { isUniqueViolation } from '../db/errors';
import { Problem } from '../http/problem';

/** Turns a duplicate-key error into `409 conflict` naming the field; rethrows anything else. */
export function duplicateAsConflict(error: unknown, field: string, value: string): never {
  if (isUniqueViolation(error)) {
    throw new Problem('conflict', `${field} ${value} is already used`, {
      errors: [{ path: field, message: 'is already used' }],
    });
  }
  throw error;
}

/** The version an update was made against (If-Match header or `version` query), if any. */
export function expectedVersion(request: FastifyRequest): number | null {
  const raw = request.headers['if-match'];
  if (raw === undefined) return null;
  const text = String(raw).replace(/^W\//, '').replaceAll('"', '').trim();
  if (!/^\d+$/.test(text)) {
    throw new Problem('validation_failed', 'If-Match must be a version number', {
      errors: [{ path: 'If-Match', message: 'must be a version number' }],
    });
  }
  return Number(text);
}

/** Refuses an update made against a version that is no longer current. */
export function checkVersion(expected: number | null, current: bigint): void {
  if (expected !== null && BigInt(expected) !== current) {
    throw new Problem(
      'conflict',
      `the record changed meanwhile: it is at version ${current}, not ${expected}`,
      { currentVersion: Number(current) },
    );
  }
}

/** Refuses an update whose guarded write found the row at another version (a concurrent change). */
export function assertUpdated(numUpdatedRows: bigint): void {
  if (numUpdatedRows === 0n) throw new Problem('conflict', 'the record changed meanwhile; load it again');
}

/** Case-insensitive "contains" on a column, with the search's wildcards taken literally. */
export function contains(column: string, q: string): RawBuilder<boolean> {
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
