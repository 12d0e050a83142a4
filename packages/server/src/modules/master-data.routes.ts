import {
  item,
  itemCreate,
  itemQuery,
  itemUpdate,
  page,
  partner,
  partnerCreate,
  partnerQuery,
  partnerUpdate,
  problem,
  warehouse,
  warehouseCreate,
  warehouseQuery,
  warehouseUpdate,
} from '@onhand/contracts';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema';
import { type App, principal, sendResult } from '../http/app';
import { notFound } from '../http/problem';
import type { Trx } from '../ledger/types';
import type { Services } from '../services';
import { auditedWrite } from './audit/audited-write';
import type { Permission } from './auth/permissions';
import type { Principal } from './auth/principal';
import { inScope, type WarehouseScope } from './auth/warehouse-scope';
import { expectedVersion } from './master-data';

/** What every master-data resource offers its routes. */
interface MasterDataService<Create, Update, Query, Out> {
  create(trx: Trx, input: Create, p: Principal): Promise<Out>;
  list(query: Query, scope: WarehouseScope): Promise<{ items: Out[]; nextCursor: string | null }>;
  get(ref: string, db?: Kysely<DB>): Promise<Out>;
  update(trx: Trx, ref: string, patch: Update, expected: number | null, p: Principal): Promise<Out>;
}

interface Resource<C extends z.ZodType, U extends z.ZodType, Q extends z.ZodType, O extends z.ZodType> {
  path: string;
  tag: string;
  /** What the audit log calls it: `item`, `warehouse` … */
  entity: string;
  manage: Permission;
  /** For warehouses themselves, their code: a person sees only those they work in. */
  scoped?: (out: z.infer<O>) => string;
  schemas: { create: C; update: U; query: Q; out: O };
  service: MasterDataService<z.infer<C>, z.infer<U>, z.infer<Q>, z.infer<O>>;
}

const refParams = z.object({ ref: z.string().min(1).max(200) });

/** Create, list, get (by id or code) and update with If-Match, the same for every master-data resource. */
function registerResource<C extends z.ZodType, U extends z.ZodType, Q extends z.ZodType, O extends z.ZodType>(
  app: App,
  s: Services,
  r: Resource<C, U, Q, O>,
): void {
  const tags = [r.tag];
  // The zod schemas still validate and document every route; the handlers are typed from the
  // generic parameters, which the type provider cannot resolve through generics.
  const plain = app as unknown as FastifyInstance;
  const refOf = (params: unknown) => refParams.parse(params).ref;
  /** A record by reference, or `404` when it is a warehouse outside the person's scope. */
  const visibleOne = async (ref: string, scope: WarehouseScope) => {
    const out = await r.service.get(ref);
    if (r.scoped && !inScope(scope, r.scoped(out))) throw notFound(r.tag, ref);
    return out;
  };
  plain.post(
    r.path,
    {
      config: { permission: r.manage },
      schema: { tags, body: r.schemas.create, response: { 201: r.schemas.out, 400: problem, 409: problem } },
    },
    async (request, reply) => {
      const body = request.body as z.infer<C>;
      const result = await auditedWrite(
        s,
        request,
        { action: `${r.entity}.create`, entity: r.entity, status: 201 },
        (trx) => r.service.create(trx, body, principal(request)),
      );
      return sendResult(reply, result);
    },
  );
  plain.get(
    r.path,
    {
      config: { permission: 'stock.read' },
      schema: { tags, querystring: r.schemas.query, response: { 200: page(r.schemas.out) } },
    },
    async (request) => {
      const p = principal(request);
      return r.service.list(request.query as z.infer<Q>, r.scoped ? p.warehouses : null);
    },
  );
  plain.get(
    `${r.path}/:ref`,
    {
      config: { permission: 'stock.read' },
      schema: { tags, params: refParams, response: { 200: r.schemas.out, 404: problem } },
    },
    async (request) => {
      const p = principal(request);
      return visibleOne(refOf(request.params), p.warehouses);
    },
  );
  plain.patch(
    `${r.path}/:ref`,
    {
      config: { permission: r.manage },
      schema: {
        tags,
        params: refParams,
        body: r.schemas.update,
        response: { 200: r.schemas.out, 400: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const ref = refOf(request.params);
      const { id } = (await visibleOne(ref, p.warehouses)) as { id: string };
      const expected = expectedVersion(request);
      const body = request.body as z.infer<U>;
      const result = await auditedWrite(
        s,
        request,
        {
          action: `${r.entity}.update`,
          entity: r.entity,
          entityId: id,
          before: (trx) => r.service.get(ref, trx),
        },
        (trx) => r.service.update(trx, ref, body, expected, p),
      );
      return sendResult(reply, result);
    },
  );
}

/** Warehouses, items, suppliers and customers. */
export function registerMasterDataRoutes(app: App, s: Services): void {
  registerResource(app, s, {
    path: '/api/v1/warehouses',
    tag: 'warehouses',
    entity: 'warehouse',
    manage: 'warehouse.manage',
    scoped: (w) => w.code,
    schemas: { create: warehouseCreate, update: warehouseUpdate, query: warehouseQuery, out: warehouse },
    service: s.warehouses,
  });
  registerResource(app, s, {
    path: '/api/v1/items',
    tag: 'items',
    entity: 'item',
    manage: 'item.manage',
    schemas: { create: itemCreate, update: itemUpdate, query: itemQuery, out: item },
    service: s.items,
  });
  const partners = { create: partnerCreate, update: partnerUpdate, query: partnerQuery, out: partner };
  registerResource(app, s, {
    path: '/api/v1/suppliers',
    tag: 'suppliers',
    entity: 'supplier',
    manage: 'supplier.manage',
    schemas: partners,
    service: s.suppliers,
  });
  registerResource(app, s, {
    path: '/api/v1/customers',
    tag: 'customers',
    entity: 'customer',
    manage: 'customer.manage',
    schemas: partners,
    service: s.customers,
  });
}
