import type { Warehouse, warehouseCreate, warehouseQuery, warehouseUpdate } from '@onhand/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../db/ids';
import type { DB, WarehousesTable } from '../../db/schema';
import { flagOut, isoOut } from '../../http/format';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../../http/pagination';
import { notFound } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { inScope, type WarehouseScope } from '../auth/warehouse-scope';
import { assertUpdated, checkVersion, contains, duplicateAsConflict } from '../master-data';

const toWarehouse = (r: Selectable<WarehousesTable>): Warehouse => ({
  id: r.id,
  code: r.code,
  name: r.name,
  region: r.region,
  kind: r.kind === 'store' ? 'store' : 'warehouse',
  address: r.address,
  active: flagOut(r.active),
  version: Number(r.version),
  createdAt: isoOut(r.created_at),
  updatedAt: isoOut(r.updated_at),
});

/** Warehouses and stores: where stock is kept. Codes never change once created. */
export class WarehouseService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: () => number,
  ) {}

  async create(trx: Trx, input: z.infer<typeof warehouseCreate>, p: Principal): Promise<Warehouse> {
    authorize(p, 'warehouse.manage');
    const now = this.clock();
    const row = {
      id: newId(now),
      code: input.code,
      name: input.name,
      region: input.region ?? null,
      kind: input.kind ?? 'warehouse',
      address: input.address ?? null,
      active: 1n,
      version: 1n,
      created_at: BigInt(now),
      updated_at: BigInt(now),
    };
    await trx
      .insertInto('warehouses')
      .values(row)
      .execute()
      .catch((e: unknown) => duplicateAsConflict(e, 'code', input.code));
    return toWarehouse(row);
  }

  async list(query: z.infer<typeof warehouseQuery>, scope: WarehouseScope) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string']);
    let q = this.db.selectFrom('warehouses').selectAll();
    if (query.q) {
      const search = query.q;
      q = q.where((eb) => eb.or([contains('code', search), contains('name', search)]));
    }
    if (query.region) q = q.where('region', '=', query.region);
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (scope) q = q.where('code', 'in', scope.length > 0 ? [...scope] : ['']);
    if (after) q = q.where('code', '>', String(after[0]));
    const rows = await q
      .orderBy('code')
      .limit(limit + 1)
      .execute();
    return toPage(rows, limit, (r) => [r.code], toWarehouse);
  }

  /** A warehouse by id or by code. */
  async get(idOrCode: string, db: Kysely<DB> = this.db): Promise<Warehouse> {
    return toWarehouse(await this.row(idOrCode, db));
  }

  async update(
    trx: Trx,
    idOrCode: string,
    patch: z.infer<typeof warehouseUpdate>,
    expected: number | null,
    p: Principal,
  ): Promise<Warehouse> {
    authorize(p, 'warehouse.manage');
    const current = await this.row(idOrCode, trx);
    if (!inScope(p.warehouses, current.code)) throw notFound('warehouse', idOrCode);
    checkVersion(expected, current.version);
    const next = {
      name: patch.name ?? current.name,
      region: patch.region === undefined ? current.region : patch.region,
      kind: patch.kind ?? current.kind,
      address: patch.address === undefined ? current.address : patch.address,
      active: patch.active === undefined ? current.active : patch.active ? 1n : 0n,
      version: current.version + 1n,
      updated_at: BigInt(this.clock()),
    };
    const result = await trx
      .updateTable('warehouses')
      .set(next)
      .where('id', '=', current.id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    assertUpdated(result.numUpdatedRows);
    return toWarehouse({ ...current, ...next });
  }

  private async row(idOrCode: string, db: Kysely<DB> = this.db): Promise<Selectable<WarehousesTable>> {
    const row = await db
      .selectFrom('warehouses')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
      .executeTakeFirst();
    if (!row) throw notFound('warehouse', idOrCode);
    return row;
  }
}
