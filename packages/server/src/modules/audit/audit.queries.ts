import type { AuditEntry, auditQuery } from '@onhand/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { isoOut } from '../../http/format';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../../http/pagination';
import { scopedWarehouseIds, type WarehouseScope } from '../auth/warehouse-scope';
import type { AuditSource } from './audit-chain';

/** Reads the audit log: by entity, user, action and time, newest first. */
export class AuditLog {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * A page of entries. A reader limited to some warehouses sees only the entries of records that
   * belong to one of them (never those of the catalogue or of people).
   */
  async search(
    query: z.infer<typeof auditQuery>,
    bounds: { from: number | null; to: number | null },
    scope: WarehouseScope,
  ): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string']);
    let q = this.db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select([
        'a.seq',
        'a.at',
        'a.user_id',
        'u.email',
        'a.source',
        'a.action',
        'a.entity',
        'a.entity_id',
        'a.before_state',
        'a.after_state',
      ]);
    if (query.entity !== undefined) q = q.where('a.entity', '=', query.entity);
    if (query.entityId !== undefined) q = q.where('a.entity_id', '=', query.entityId);
    const { user } = query;
    if (user !== undefined)
      q = user.includes('@')
        ? q.where('u.email', '=', user.trim().toLowerCase())
        : q.where('a.user_id', '=', user);
    if (query.action !== undefined) q = q.where('a.action', '=', query.action);
    if (bounds.from !== null) q = q.where('a.at', '>=', BigInt(bounds.from));
    if (bounds.to !== null) q = q.where('a.at', '<', BigInt(bounds.to));
    if (scope !== null) {
      const ids = scopedWarehouseIds(this.db, scope);
      q = q.where((eb) => eb.or([eb('a.warehouse_id', 'in', ids), eb('a.to_warehouse_id', 'in', ids)]));
    }
    if (after) q = q.where('a.seq', '<', BigInt(String(after[0])));
    const rows = await q
      .orderBy('a.seq', 'desc')
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (r) => [r.seq.toString()],
      (r) => ({
        seq: Number(r.seq),
        at: isoOut(r.at),
        user: r.user_id !== null ? { id: r.user_id, email: r.email ?? '' } : null,
        source: JSON.parse(r.source) as AuditSource,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before_state === null ? null : (JSON.parse(r.before_state) as unknown),
        after: r.after_state === null ? null : (JSON.parse(r.after_state) as unknown),
      }),
    );
  }
}
