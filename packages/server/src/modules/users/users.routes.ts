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
import { type App, principal, sendResult, totpOf } from '../../http/app';
import { isoOut } from '../../http/format';
import { notFound } from '../../http/problem';
import type { Services } from '../../services';
import type { ActionTarget } from '../approvals/approvable-actions';
import { auditedTransaction, auditedWrite, type Hold, heldTransaction } from '../audit/audited-write';
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

/** What holds a write back when a rule answers for it first (see `ApprovalService.gate`). */
function held(s: Services, request: FastifyRequest, g: Guarded): Hold {
  return (trx) =>
    s.approvals.gate(
      trx,
      { ...g, ifMatch: g.ifMatch ?? null, principal: principal(request) },
      totpOf(request),
    );
}

/** Users, custom roles, and a person's own password and sessions. */
export function registerUserRoutes(app: App, s: Services): void {
  const tags = ['users'];
  app.post(
    '/api/v1/users',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        summary: 'Create a person (a rule on user.roles may make this wait for approval)',
        body: userCreate,
        response: { 201: user, 202: approvalRequired, 400: problem, 403: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const input = await withHashedPassword(request.body);
      const target = { type: 'user', id: null };
      const result = await auditedWrite(
        s,
        request,
        { action: 'user.create', entity: 'user', status: 201 },
        (trx) => s.users.create(trx, input, p),
        held(s, request, { action: 'user.roles', target, body: input }),
      );
      return sendResult(reply, result);
    },
  );
  app.get(
    '/api/v1/users',
    {
      config: { permission: 'user.manage' },
      schema: { tags, querystring: userQuery, response: { 200: page(user) } },
    },
    async (request) => {
      return s.users.list(request.query, principal(request));
    },
  );
  app.get(
    '/api/v1/users/:id',
    {
      config: { permission: 'user.manage' },
      schema: { tags, params: idParams, response: { 200: user, 404: problem } },
    },
    async (request) => {
      return s.users.get(request.params.id, principal(request));
    },
  );
  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        summary: 'Change a person (a rule on user.roles may make a change of roles or warehouses wait)',
        params: idParams,
        body: userPatch,
        response: { 200: user, 202: approvalRequired, 400: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const expected = expectedVersion(request);
      const { id } = request.params;
      const grants = request.body.roles !== undefined || request.body.warehouses !== undefined;
      const change = { action: 'user.roles' as const, target: { type: 'user', id }, body: request.body };
      const result = await auditedWrite(
        s,
        request,
        { action: 'user.update', entity: 'user', before: (trx) => s.users.get(id, p, trx) },
        (trx) => s.users.update(trx, id, request.body, expected, p),
        grants ? held(s, request, { ...change, ifMatch: expected }) : undefined,
      );
      return sendResult(reply, result);
    },
  );
  app.post(
    '/api/v1/users/:id/password',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        summary: 'Set a new password: every session of the person ends and a lock is lifted',
        params: idParams,
        body: passwordReset,
        response: { 200: user, 400: problem, 404: problem },
      },
    },
    async (request) => {
      const p = principal(request);
      return auditedTransaction(
        s,
        request,
        {
          action: 'user.reset_password',
          entity: 'user',
          before: (trx) => s.users.get(request.params.id, p, trx),
        },
        (trx) => s.users.resetPassword(trx, request.params.id, request.body.password, p),
      );
    },
  );
  app.get(
    '/api/v1/users/:id/sessions',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(sessionInfo) }), 404: problem },
      },
    },
    async (request) => {
      const u = await s.users.get(request.params.id, principal(request));
      return { items: await sessionsView(s, u.id, null) };
    },
  );
  app.delete(
    '/api/v1/users/:id/sessions',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags,
        summary: 'End every session of a person',
        params: idParams,
      },
    },
    async (request, reply) => {
      const u = await s.users.manageable(request.params.id, principal(request));
      await auditedTransaction(
        s,
        request,
        { action: 'user.end_sessions', entity: 'user', entityId: u.id },
        (trx) => s.sessions.revokeAll(trx, u.id),
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/me/password',
    { config: { signedIn: true }, schema: { tags, body: passwordChange } },
    async (request, reply) => {
      const p = principal(request);
      await auditedTransaction(
        s,
        request,
        {
          action: 'user.change_password',
          entity: 'user',
          entityId: p.userId,
          after: () => ({ passwordChanged: true }),
        },
        (trx) => s.users.changeOwnPassword(trx, p, request.body.currentPassword, request.body.newPassword),
      );
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/me/sessions',
    {
      config: { signedIn: true },
      schema: { tags, response: { 200: z.object({ items: z.array(sessionInfo) }) } },
    },
    async (request) => {
      const p = principal(request);
      return { items: await sessionsView(s, p.userId, p.sessionId) };
    },
  );
  app.delete(
    '/api/v1/me/sessions/:id',
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: 'End one of your sessions',
        params: sessionParams,
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const { id } = request.params;
      await auditedTransaction(
        s,
        request,
        { action: 'session.revoke', entity: 'session', entityId: id },
        async (trx) => {
          if (!(await s.sessions.revoke(p.userId, id, trx))) throw notFound('session', id);
          return null;
        },
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/roles',
    {
      config: { permission: 'user.manage' },
      schema: {
        tags: ['roles'],
        body: roleCreate,
        response: { 201: role, 202: approvalRequired, 400: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const target = { type: 'role', id: null };
      const result = await auditedWrite(
        s,
        request,
        { action: 'role.create', entity: 'role', entityId: request.body.name, status: 201 },
        (trx) => s.roles.create(trx, request.body, p),
        held(s, request, { action: 'user.roles', target, body: request.body }),
      );
      return sendResult(reply, result);
    },
  );
  app.get(
    '/api/v1/roles',
    {
      config: { signedIn: true },
      schema: { tags: ['roles'], response: { 200: z.object({ items: z.array(role) }) } },
    },
    async (request) => {
      principal(request);
      return { items: await s.roles.list() };
    },
  );

  const tokenTags = ['api tokens'];
  app.post(
    '/api/v1/api-tokens',
    {
      config: { permission: 'api_token.manage' },
      schema: {
        tags: tokenTags,
        summary: 'Make a token for a machine: its secret is in this answer only',
        body: apiTokenCreate,
        response: { 201: apiTokenCreated, 202: approvalRequired, 400: problem, 403: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const target = { type: 'api_token', id: null };
      // Never under an Idempotency-Key: the answer holds the secret, which is stored nowhere.
      const made = await heldTransaction(
        s,
        request,
        { action: 'api_token.create', entity: 'api_token', status: 201 },
        (trx) => s.apiTokens.create(trx, request.body, p),
        held(s, request, { action: 'api_token.create', target, body: request.body }),
      );
      return sendResult(reply.header('cache-control', 'no-store'), made);
    },
  );
  app.get(
    '/api/v1/api-tokens',
    {
      config: { permission: 'api_token.manage' },
      schema: { tags: tokenTags, response: { 200: z.object({ items: z.array(apiToken) }) } },
    },
    async (request) => {
      return { items: await s.apiTokens.list(principal(request)) };
    },
  );
  app.delete(
    '/api/v1/api-tokens/:id',
    {
      config: { permission: 'api_token.manage' },
      schema: { tags: tokenTags, summary: 'Revoke a token: it stops working at once', params: sessionParams },
    },
    async (request, reply) => {
      const by = principal(request);
      const { id } = request.params;
      await auditedTransaction(
        s,
        request,
        {
          action: 'api_token.revoke',
          entity: 'api_token',
          entityId: id,
          before: (trx) => s.apiTokens.get(id, trx),
        },
        async (trx) => {
          await s.apiTokens.revoke(id, by, trx);
          await s.sessions.sessionEnded(trx, id);
          return { id, revoked: true };
        },
      );
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
