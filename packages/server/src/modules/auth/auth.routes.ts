import { loginBody, loginResponse, me, problem } from '@onhand/contracts';
import { z } from 'zod';
import { type App, principal } from '../../http/app';
import { csrfTokenFor } from '../../http/csrf';
import { clearSessionCookies, setSessionCookies } from '../../http/session-cookies';
import type { Services } from '../../services';
import { auditedTransaction } from '../audit/audited-write';
import { meOf } from './principal';

const loginWithCsrf = loginResponse.extend({
  csrfToken: z.string().meta({
    description:
      'Send as X-CSRF-Token on writes signed in by the session cookie (also in the onhand_csrf cookie)',
  }),
});

/** Login, logout and who am I. */
export function registerAuthRoutes(app: App, s: Services): void {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        body: loginBody,
        response: { 200: loginWithCsrf, 401: problem, 403: problem, 429: problem },
      },
    },
    async (request, reply) => {
      s.loginLimiter.hit(`${request.ip}|${request.body.email.toLowerCase()}`);
      const {
        token,
        expiresAt,
        principal: p,
      } = await s.sessions.login(request.body.email, request.body.password, request.body.totp, request.ip);
      setSessionCookies(request, reply, token, new Date(expiresAt));
      return {
        token,
        expiresAt: new Date(expiresAt).toISOString(),
        csrfToken: csrfTokenFor(token),
        user: meOf(p, await s.secondFactor.enabled(p.userId)),
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { signedIn: true }, schema: { tags: ['auth'] } },
    async (request, reply) => {
      const token = request.sessionToken;
      if (token)
        await auditedTransaction(
          s,
          request,
          { action: 'auth.logout', entity: 'session', entityId: principal(request).sessionId },
          async (trx) => {
            await s.sessions.logout(token, trx);
            return null;
          },
        );
      clearSessionCookies(reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    { config: { signedIn: true }, schema: { tags: ['auth'], response: { 200: me } } },
    async (request) => {
      const p = principal(request);
      return meOf(p, await s.secondFactor.enabled(p.userId));
    },
  );
}
