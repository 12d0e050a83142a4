import { type ApprovalAction, approvalRequired, type DocumentType, page, problem } from '@onhand/contracts';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';
import { type App, principal as principalOf, sendResult, totpOf } from '../../http/app';
import { notFound } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import type { Services } from '../../services';
import { auditedWrite } from '../audit/audited-write';
import type { Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { inScope, type WarehouseScope } from '../auth/warehouse-scope';
import { expectedVersion } from '../master-data';
import { timeBounds } from '../stock/stock.routes';

const idParams = z.object({ id: z.string().min(1).max(100) });

/** What the reading routes of a document collection need. */
export interface DocumentReads<O extends z.ZodType, Q extends z.ZodType> {
  path: string;
  tag: string;
  /** What the audit log calls these documents: `purchase_order`, `transfer` … */
  entity: DocumentType;
  out: O;
  query: Q;
  get(id: string, db?: Kysely<DB>): Promise<z.infer<O>>;
  list(
    query: z.infer<Q>,
    bounds: { from: number | null; to: number | null },
    scope: WarehouseScope,
  ): Promise<{ items: z.infer<O>[]; nextCursor: string | null }>;
}

/** The warehouse codes a document answers with: `warehouse`, or a transfer's `from` and `to`. */
interface DocumentWarehouses {
  warehouse?: string;
  from?: string;
  to?: string;
}

/** Who acts on a document, against which version, with what body. */
export interface ActionContext<B> {
  id: string;
  body: B;
  principal: Principal;
  ifMatch: number | null;
}

/** An action whose body is at most a reason (cancel, close, reject). */
export type ReasonContext = ActionContext<{ reason?: string | undefined } | null | undefined>;

/** One write route of a document collection: create (`201`), an edit or an action (`200`). */
export interface DocumentWrite<B extends z.ZodType> {
  method?: 'POST' | 'PATCH';
  /** Below the collection: '' (create), '/:id' (edit), '/:id/approve' … */
  path: string;
  permission: Permission;
  body?: B;
  status?: 200 | 201;
  summary: string;
  /** The approvable action this write is: rules may make it wait for a second person (`202`). */
  approval?: { action: ApprovalAction; target: DocumentType };
  run(trx: Trx, context: ActionContext<z.infer<B>>): Promise<{ version: number }>;
}

/** A write whose body type has been checked where it was declared (see `write`). */
export type AnyWrite = DocumentWrite<z.ZodType>;

/** Declares one write, typing its handler by its body schema (no body: `undefined`). */
export function write<B extends z.ZodType = z.ZodUndefined>(w: DocumentWrite<B>): AnyWrite {
  return w as unknown as AnyWrite;
}

/** The audit verb of a write: `create`, `update`, or its action (`approve`, `quick_fill` …). */
function verbOf(w: AnyWrite): string {
  if (w.method === 'PATCH') return 'update';
  const action = w.path.split('/').at(-1) ?? '';
  return action === '' ? 'create' : action.replaceAll('-', '_');
}

/**
 * Registers a document collection: `GET` list and `GET /:id` (with an ETag of the version), and
 * each write, run in one transaction under the caller's Idempotency-Key and recorded in the audit
 * log with the document before and after it.
 */
export function registerDocumentRoutes<O extends z.ZodType, Q extends z.ZodType>(
  app: App,
  s: Services,
  reads: DocumentReads<O, Q>,
  writes: readonly AnyWrite[],
): void {
  // The zod schemas validate and document every route; the handlers are typed from the generic
  // parameters, which the type provider cannot resolve through generics.
  const plain = app as unknown as FastifyInstance;
  const tags = [reads.tag];
  plain.get(
    reads.path,
    {
      config: { permission: 'document.read' },
      schema: { tags, querystring: reads.query, response: { 200: page(reads.out), 400: problem } },
    },
    async (request) => {
      const p = principalOf(request);
      const query = request.query as z.infer<Q> & { from?: string; to?: string };
      return reads.list(query, timeBounds(query, s.timeZone), p.warehouses);
    },
  );
  plain.get(
    `${reads.path}/:id`,
    {
      config: { permission: 'document.read' },
      schema: { tags, params: idParams, response: { 200: reads.out, 404: problem } },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const { id } = idParams.parse(request.params);
      const doc = (await reads.get(id)) as DocumentWarehouses & { version: number };
      if (
        ![doc.warehouse, doc.from, doc.to].some((code) => code !== undefined && inScope(p.warehouses, code))
      )
        throw notFound('document', id);
      return reply.header('etag', `"${doc.version}"`).send(doc);
    },
  );
  for (const w of writes) {
    const url = `${reads.path}${w.path}`;
    const hasId = w.path.startsWith('/:id');
    const schema: FastifySchema = {
      tags,
      summary: w.summary,
      ...(hasId ? { params: idParams } : {}),
      ...(w.body ? { body: w.body } : {}),
      response: {
        [w.status ?? 200]: reads.out,
        ...(w.approval ? { 202: approvalRequired } : {}),
        400: problem,
        403: problem,
        404: problem,
        409: problem,
      },
    };
    plain.route({
      method: w.method ?? 'POST',
      url,
      schema,
      config: { permission: w.permission },
      handler: async (request, reply) => {
        const principal = principalOf(request);
        const ifMatch = expectedVersion(request);
        const id = hasId ? idParams.parse(request.params).id : '';
        const context = { id, body: request.body, principal, ifMatch };
        const { approval } = w;
        const result = await auditedWrite(
          s,
          request,
          {
            action: `${reads.entity}.${verbOf(w)}`,
            entity: reads.entity,
            status: w.status ?? 200,
            ...(hasId ? { entityId: id, before: (trx: Trx) => reads.get(id, trx) } : {}),
          },
          (trx) => w.run(trx, context),
          approval &&
            ((trx) =>
              s.approvals.gate(
                trx,
                {
                  ...context,
                  // A route without a body schema ignores what is sent: the kept request has none.
                  body: w.body ? request.body : null,
                  action: approval.action,
                  target: { type: approval.target, id },
                },
                totpOf(request),
              )),
        );
        if (!result.replayed && result.status === (w.status ?? 200))
          reply.header('etag', `"${(result.body as { version: number }).version}"`);
        return sendResult(reply, result);
      },
    });
  }
}
