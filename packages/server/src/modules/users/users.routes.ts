import {
  type ApprovalAction,
  apiToken,
  apiTokenCreate,
  apiTokenCreated,
  approvalRequired,
  page,
  passwordChange,
  passwordReset,
  problem,
  role,
  roleCreate,
  sessionInfo,
  user,
  userCreate,
  userPatch,
  userQuery,
} from '@onhand/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, authorize, claimFor, principal, sendResult, totpOf } from '../../http/app';
import { isoOut } from '../../http/format';
import type { HttpResult } from '../../http/idempotency';
import { notFound } from '../../http/problem';
import type { Trx } from '../../ledger/types';
import type { Services } from '../../services';
import type { ActionTarget } from '../approvals/approvable-actions';
import { expectedVersion } from '../master-data';
import { withHashedPassword } from './users.service';

const idParams = z.object({ id: z.string().min(1).max(254) });
const sessionParams = z.object({ id: z.string().min(1).max(100) });

/** A request a rule may put behind a second person (`202`) or a TOTP code (X-TOTP-Code). */
interface Guarded {
  action: ApprovalAction;
  target: ActionTarget;
  body: unknown;
  ifMatch?: number | null;
}

/** Runs a write unless a rule answers for it first (see `ApprovalService.gate`). */
async function guarded(
  s: Services,
  trx: Trx,
  request: FastifyRequest,
  g: Guarded,
  run: () => Promise<HttpResult>,
): Promise<HttpResult> {
  const p = principal(request);
  const answer = await s.approvals.gate(
    trx,
    { ...g, ifMatch: g.ifMatch ?? null, principal: p },
    totpOf(request),
  );
  return answer ?? run();
}

/** Users, custom roles, and a person's own password and sessions. */
export function registerUserRoutes(app: App, s: Services): void {
  const tags = ['users'];
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a person (a rule on user.roles may make this wait for approval)',
        body: userCreate,
        response: { 201: user, 202: approvalRequired, 400: problem, 403: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = authorize(request, 'user.manage');
      const input = await withHashedPassword(request.body);
      const target = { type: 'user', id: null };
      const result = await s.idempotency.transact(claimFor(request), (trx) =>
        guarded(s, trx, request, { action: 'user.roles', target, body: input }, async () => ({
          status: 201,
          body: await s.users.create(trx, input, p),
        })),
      );
      return sendResult(reply, result);
    },
  );
  app.get(
    '/api/v1/users',
    { schema: { tags, querystring: userQuery, response: { 200: page(user) } } },
    async (request) => {
      return s.users.list(request.query, authorize(request, 'user.manage'));
    },
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, params: idParams, response: { 200: user, 404: problem } } },
    async (request) => {
      return s.users.get(request.params.id, authorize(request, 'user.manage'));
    },
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a person (a rule on user.roles may make a change of roles or warehouses wait)',
        params: idParams,
        body: userPatch,
        response: { 200: user, 202: approvalRequired, 400: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = authorize(request, 'user.manage');
      const expected = expectedVersion(request);
      const { id } = request.params;
      const run = async (trx: Trx) => ({
        status: 200,
        body: await s.users.update(trx, id, request.body, expected, p),
      });
      const grants = request.body.roles !== undefined || request.body.warehouses !== undefined;
      const change = { action: 'user.roles' as const, target: { type: 'user', id }, body: request.body };
      const result = await s.idempotency.transact(claimFor(request), (trx) =>
        grants ? guarded(s, trx, request, { ...change, ifMatch: expected }, () => run(trx)) : run(trx),
      );
      return sendResult(reply, result);
    },
  );
  app.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        tags,
        summary: 'Set a new password: every session of the person ends and a lock is lifted',
        params: idParams,
        body: passwordReset,
        response: { 200: user, 400: problem, 404: problem },
      },
    },
    async (request) => {
      const p = authorize(request, 'user.manage');
      return s.db
        .transaction()
        .execute((trx) => s.users.resetPassword(trx, request.params.id, request.body.password, p));
    },
  );
  app.get(
    '/api/v1/users/:id/sessions',
    {
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(sessionInfo) }), 404: problem },
      },
    },
    async (request) => {
      const u = await s.users.get(request.params.id, authorize(request, 'user.manage'));
      return { items: await sessionsView(s, u.id, null) };
    },
  );
  app.delete(
    '/api/v1/users/:id/sessions',
    {
      schema: {
        tags,
        summary: 'End every session of a person',
        params: idParams,
      },
    },
    async (request, reply) => {
      const u = await s.users.manageable(request.params.id, authorize(request, 'user.manage'));
      await s.sessions.revokeAll(s.db, u.id);
      return reply.code(204).send();
    },
  );

  app.post('/api/v1/me/password', { schema: { tags, body: passwordChange } }, async (request, reply) => {
    const p = principal(request);
    await s.db
      .transaction()
      .execute((trx) =>
        s.users.changeOwnPassword(trx, p, request.body.currentPassword, request.body.newPassword),
      );
    return reply.code(204).send();
  });
  app.get(
    '/api/v1/me/sessions',
    { schema: { tags, response: { 200: z.object({ items: z.array(sessionInfo) }) } } },
    async (request) => {
      const p = principal(request);
      return { items: await sessionsView(s, p.userId, p.sessionId) };
    },
  );
  app.delete(
    '/api/v1/me/sessions/:id',
    {
      schema: {
        tags,
        summary: 'End one of your sessions',
        params: sessionParams,
      },
    },
    async (request, reply) => {
      const p = principal(request);
      if (!(await s.sessions.revoke(p.userId, request.params.id)))
        throw notFound('session', request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/roles',
    {
      schema: {
        tags: ['roles'],
        body: roleCreate,
        response: { 201: role, 202: approvalRequired, 400: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = authorize(request, 'user.manage');
      const target = { type: 'role', id: null };
      const result = await s.idempotency.transact(claimFor(request), (trx) =>
        guarded(s, trx, request, { action: 'user.roles', target, body: request.body }, async () => ({
          status: 201,
          body: await s.roles.create(trx, request.body, p),
        })),
      );
      return sendResult(reply, result);
    },
  );
  app.get(
    '/api/v1/roles',
    { schema: { tags: ['roles'], response: { 200: z.object({ items: z.array(role) }) } } },
    async (request) => {
      principal(request);
      return { items: await s.roles.list() };
    },
  );

  const tokenTags = ['api tokens'];
  app.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'Make a token for a machine: its secret is in this answer only',
        body: apiTokenCreate,
        response: { 201: apiTokenCreated, 202: approvalRequired, 400: problem, 403: problem },
      },
    },
    async (request, reply) => {
      const p = authorize(request, 'api_token.manage');
      const target = { type: 'api_token', id: null };
      // Never under an Idempotency-Key: the secret is not recorded anywhere.
      const made = await s.db.transaction().execute((trx) =>
        guarded(s, trx, request, { action: 'api_token.create', target, body: request.body }, async () => ({
          status: 201,
          body: await s.apiTokens.create(trx, request.body, p),
        })),
      );
      return sendResult(reply.header('cache-control', 'no-store'), made);
    },
  );
  app.get(
    '/api/v1/api-tokens',
    { schema: { tags: tokenTags, response: { 200: z.object({ items: z.array(apiToken) }) } } },
    async (request) => {
      return { items: await s.apiTokens.list(authorize(request, 'api_token.manage')) };
    },
  );
  app.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: { tags: tokenTags, summary: 'Revoke a token: it stops working at once', params: sessionParams },
    },
    async (request, reply) => {
      await s.apiTokens.revoke(request.params.id, authorize(request, 'api_token.manage'));
      await s.sessions.sessionEnded(s.db, request.params.id);
      return reply.code(204).send();
    },
  );
}

async function sessionsView(s: Services, userId: string, current: string | null) {
  return (await s.sessions.sessionsOf(userId)).map((x) => ({
    id: x.id,
    createdAt: isoOut(x.createdAt),
    expiresAt: isoOut(x.expiresAt),
    current: x.id === current,
  }));
}
