import {
  apiToken,
  apiTokenCreate,
  apiTokenCreated,
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
import { z } from 'zod';
import { type App, authorize, principal, sendResult } from '../../http/app';
import { isoOut } from '../../http/format';
import { notFound } from '../../http/problem';
import type { Services } from '../../services';
import { auditedTransaction, auditedWrite } from '../audit/audited-write';
import { expectedVersion } from '../master-data';

const idParams = z.object({ id: z.string().min(1).max(254) });
const sessionParams = z.object({ id: z.string().min(1).max(100) });

/** Users, custom roles, and a person's own password and sessions. */
export function registerUserRoutes(app: App, s: Services): void {
  const tags = ['users'];
  app.post(
    '/api/v1/users',
    { schema: { tags, body: userCreate, response: { 201: user, 400: problem, 403: problem, 409: problem } } },
    async (request, reply) => {
      authorize(request, 'user.manage');
      const result = await auditedWrite(
        s,
        request,
        { action: 'user.create', entity: 'user', status: 201 },
        (trx) => s.users.create(trx, request.body),
      );
      return sendResult(reply, result);
    },
  );
  app.get(
    '/api/v1/users',
    { schema: { tags, querystring: userQuery, response: { 200: page(user) } } },
    async (request) => {
      authorize(request, 'user.manage');
      return s.users.list(request.query);
    },
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, params: idParams, response: { 200: user, 404: problem } } },
    async (request) => {
      authorize(request, 'user.manage');
      return s.users.get(request.params.id);
    },
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        params: idParams,
        body: userPatch,
        response: { 200: user, 400: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = authorize(request, 'user.manage');
      const expected = expectedVersion(request);
      const result = await auditedWrite(
        s,
        request,
        { action: 'user.update', entity: 'user', before: (trx) => s.users.get(request.params.id, trx) },
        (trx) => s.users.update(trx, request.params.id, request.body, expected, p),
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
      authorize(request, 'user.manage');
      return auditedTransaction(
        s,
        request,
        {
          action: 'user.reset_password',
          entity: 'user',
          before: (trx) => s.users.get(request.params.id, trx),
        },
        (trx) => s.users.resetPassword(trx, request.params.id, request.body.password),
      );
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
      authorize(request, 'user.manage');
      const u = await s.users.get(request.params.id);
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
      authorize(request, 'user.manage');
      const u = await s.users.get(request.params.id);
      await auditedTransaction(
        s,
        request,
        { action: 'user.end_sessions', entity: 'user', entityId: u.id },
        (trx) => s.sessions.revokeAll(trx, u.id),
      );
      return reply.code(204).send();
    },
  );

  app.post('/api/v1/me/password', { schema: { tags, body: passwordChange } }, async (request, reply) => {
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
    { schema: { tags: ['roles'], body: roleCreate, response: { 201: role, 400: problem, 409: problem } } },
    async (request, reply) => {
      authorize(request, 'user.manage');
      const result = await auditedWrite(
        s,
        request,
        { action: 'role.create', entity: 'role', entityId: request.body.name, status: 201 },
        (trx) => s.roles.create(trx, request.body),
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
        response: { 201: apiTokenCreated, 400: problem, 403: problem },
      },
    },
    async (request, reply) => {
      const p = authorize(request, 'api_token.manage');
      // Never under an Idempotency-Key: the answer holds the secret, which is stored nowhere.
      const made = await auditedTransaction(
        s,
        request,
        { action: 'api_token.create', entity: 'api_token', status: 201 },
        (trx) => s.apiTokens.create(trx, request.body, p),
      );
      return reply.code(201).header('cache-control', 'no-store').send(made);
    },
  );
  app.get(
    '/api/v1/api-tokens',
    { schema: { tags: tokenTags, response: { 200: z.object({ items: z.array(apiToken) }) } } },
    async (request) => {
      authorize(request, 'api_token.manage');
      return { items: await s.apiTokens.list() };
    },
  );
  app.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: { tags: tokenTags, summary: 'Revoke a token: it stops working at once', params: sessionParams },
    },
    async (request, reply) => {
      authorize(request, 'api_token.manage');
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
          await s.apiTokens.revoke(id, trx);
          return { id, revoked: true };
        },
      );
      s.sessions.forgetSession(id);
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
