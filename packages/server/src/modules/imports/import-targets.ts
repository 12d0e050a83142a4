import {
  itemCreate,
  itemUpdate,
  type MasterDataKind,
  partnerCreate,
  partnerUpdate,
  warehouseCreate,
  warehouseUpdate,
} from '@onhand/contracts';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { Problem } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import type { Services } from '../../services';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import type { MasterRecord } from './master-data-columns';

/** A field the contract refused, and why. */
export interface FieldIssue {
  field: string | null;
  message: string;
}

/** A row checked against the contract: its body, or what is wrong with it. */
export type Checked = { ok: true; body: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };

/** What an import and an export need of one kind of master data. */
export interface ImportTarget {
  /** What the audit log calls it. */
  entity: string;
  /** The record with exactly this SKU or code, or null. */
  find(code: string, db: Kysely<DB>): Promise<MasterRecord | null>;
  /** Every record the person may see, in code order. */
  all(scope: WarehouseScope): Promise<MasterRecord[]>;
  /** The row as a create body (with its code) or as an update body (without it). */
  check(body: Record<string, unknown>, existing: boolean): Checked;
  create(trx: Trx, body: Record<string, unknown>, p: Principal): Promise<MasterRecord>;
  update(trx: Trx, code: string, body: Record<string, unknown>, p: Principal): Promise<MasterRecord>;
}

/** The service of one kind, as the create and update routes use it. */
interface Service<C extends z.ZodType, U extends z.ZodType, Q> {
  create(trx: Trx, input: z.infer<C>, p: Principal): Promise<MasterRecord>;
  update(
    trx: Trx,
    ref: string,
    patch: z.infer<U>,
    expected: number | null,
    p: Principal,
  ): Promise<MasterRecord>;
  get(ref: string, db?: Kysely<DB>): Promise<MasterRecord>;
  list(query: Q, scope: WarehouseScope): Promise<{ items: MasterRecord[]; nextCursor: string | null }>;
}

const PAGE = 500;

/** Validates with a contract's schema, naming each refused field by its top-level name. */
function checkWith(schema: z.ZodType, body: Record<string, unknown>): Checked {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data as Record<string, unknown> };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? String(issue.path[0]) : null,
      message: issue.message,
    })),
  };
}

/** A target over the very schemas and service of the create and update routes. */
function target<C extends z.ZodType, U extends z.ZodType, Q extends { limit?: number; cursor?: string }>(
  entity: string,
  schemas: { create: C; update: U },
  service: Service<C, U, Q>,
  codeOf: (record: MasterRecord) => string,
): ImportTarget {
  return {
    entity,
    async find(code, db) {
      const found = await service.get(code, db).catch((error: unknown) => {
        if (error instanceof Problem && error.code === 'not_found') return null;
        throw error;
      });
      // `get` also resolves ids (and barcodes): only a record with exactly this code is the row's.
      return found && codeOf(found) === code ? found : null;
    },
    async all(scope) {
      const records: MasterRecord[] = [];
      let cursor: string | undefined;
      do {
        const page = await service.list({ limit: PAGE, ...(cursor ? { cursor } : {}) } as Q, scope);
        records.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return records;
    },
    check: (body, existing) => checkWith(existing ? schemas.update : schemas.create, body),
    create: (trx, body, p) => service.create(trx, body as z.infer<C>, p),
    update: (trx, code, body, p) => service.update(trx, code, body as z.infer<U>, null, p),
  };
}

/** The import target of every kind. */
export function importTargets(
  s: Pick<Services, 'items' | 'warehouses' | 'suppliers' | 'customers'>,
): Record<MasterDataKind, ImportTarget> {
  const byCode = (r: MasterRecord) => ('sku' in r ? r.sku : r.code);
  const partners = { create: partnerCreate, update: partnerUpdate };
  return {
    items: target('item', { create: itemCreate, update: itemUpdate }, s.items, byCode),
    warehouses: target(
      'warehouse',
      { create: warehouseCreate, update: warehouseUpdate },
      s.warehouses,
      byCode,
    ),
    suppliers: target('supplier', partners, s.suppliers, byCode),
    customers: target('customer', partners, s.customers, byCode),
  };
}
