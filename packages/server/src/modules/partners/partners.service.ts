import type { Partner, partnerCreate, partnerQuery, partnerUpdate } from '@onhand/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../db/ids';
import type { DB, PartnersTable } from '../../db/schema';
import { flagOut, isoOut } from '../../http/format';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../../http/pagination';
import { invalid, notFound } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { assertUpdated, checkVersion, contains, duplicateAsConflict } from '../master-data';

/** Suppliers and customers are kept alike, each in its own table. */
export type PartnerKind = 'suppliers' | 'customers';

/** A supplier or customer row; suppliers also carry their receipt tolerance. */
type PartnerRow = Selectable<PartnersTable> & { receipt_tolerance?: bigint };

const toPartner = (r: PartnerRow): Partner => ({
  id: r.id,
  code: r.code,
  name: r.name,
  contact: r.contact,
  email: r.email,
  phone: r.phone,
  address: r.address,
  note: r.note,
  receiptTolerancePct: r.receipt_tolerance === undefined ? null : Number(r.receipt_tolerance) / 100,
  active: flagOut(r.active),
  version: Number(r.version),
  createdAt: isoOut(r.created_at),
  updatedAt: isoOut(r.updated_at),
});

const OPTIONAL_FIELDS = ['contact', 'email', 'phone', 'address', 'note'] as const;

/** Suppliers (供应商) or customers (客户): the parties on the other side of documents. */
export class PartnerService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly table: PartnerKind,
    private readonly clock: () => number,
  ) {}

  private get noun(): string {
    return this.table === 'suppliers' ? 'supplier' : 'customer';
  }

  /** What changing one needs: `supplier.manage` or `customer.manage`. */
  get manage(): Permission {
    return this.table === 'suppliers' ? 'supplier.manage' : 'customer.manage';
  }

  async create(trx: Trx, input: z.infer<typeof partnerCreate>, p: Principal): Promise<Partner> {
    authorize(p, this.manage);
    const now = BigInt(this.clock());
    const row: PartnerRow = {
      id: newId(Number(now)),
      code: input.code,
      name: input.name,
      contact: input.contact ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      address: input.address ?? null,
      note: input.note ?? null,
      active: 1n,
      version: 1n,
      created_at: now,
      updated_at: now,
      ...this.tolerance(input.receiptTolerancePct ?? 0),
    };
    await trx
      .insertInto(this.table)
      .values(row)
      .execute()
      .catch((e: unknown) => duplicateAsConflict(e, 'code', input.code));
    return toPartner(row);
  }

  async list(query: z.infer<typeof partnerQuery>) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string']);
    let q = this.db.selectFrom(this.table).selectAll();
    if (query.q) {
      const search = query.q;
      q = q.where((eb) =>
        eb.or([contains('code', search), contains('name', search), contains('contact', search)]),
      );
    }
    if (query.active) q = q.where('active', '=', query.active === 'true' ? 1n : 0n);
    if (after) q = q.where('code', '>', String(after[0]));
    const rows = await q
      .orderBy('code')
      .limit(limit + 1)
      .execute();
    return toPage(rows, limit, (r) => [r.code], toPartner);
  }

  /** A partner by id or code. */
  async get(idOrCode: string, db: Kysely<DB> = this.db): Promise<Partner> {
    return toPartner(await this.row(idOrCode, db));
  }

  async update(
    trx: Trx,
    idOrCode: string,
    patch: z.infer<typeof partnerUpdate>,
    expected: number | null,
    p: Principal,
  ): Promise<Partner> {
    authorize(p, this.manage);
    const current = await this.row(idOrCode, trx);
    checkVersion(expected, current.version);
    const next: PartnerRow = {
      ...current,
      name: patch.name ?? current.name,
      ...(patch.receiptTolerancePct === undefined ? {} : this.tolerance(patch.receiptTolerancePct)),
    };
    for (const field of OPTIONAL_FIELDS) {
      const value = patch[field];
      if (value !== undefined) next[field] = value;
    }
    if (patch.active !== undefined) next.active = patch.active ? 1n : 0n;
    next.version = current.version + 1n;
    next.updated_at = BigInt(this.clock());
    const result = await trx
      .updateTable(this.table)
      .set(next)
      .where('id', '=', current.id)
      .where('version', '=', current.version)
      .executeTakeFirst();
    assertUpdated(result.numUpdatedRows);
    return toPartner(next);
  }

  /** The receipt tolerance column of a supplier (in basis points); customers have none. */
  private tolerance(pct: number): { receipt_tolerance?: bigint } {
    if (this.table === 'suppliers') return { receipt_tolerance: BigInt(Math.round(pct * 100)) };
    if (pct !== 0) throw invalid([{ path: 'receiptTolerancePct', message: 'applies to suppliers only' }]);
    return {};
  }

  private async row(idOrCode: string, db: Kysely<DB> = this.db): Promise<PartnerRow> {
    const row = await db
      .selectFrom(this.table)
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
      .executeTakeFirst();
    if (!row) throw notFound(this.noun, idOrCode);
    return row;
  }
}
