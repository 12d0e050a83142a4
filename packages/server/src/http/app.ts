import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Permission } from '../modules/auth/permissions';
import type { Principal } from '../modules/auth/principal';
import type { SessionService } from '../modules/auth/sessions.service';
import { sendProblem, toProblem } from './errors';
import { claimOf, type HttpResult, type IdempotencyClaim } from './idempotency';
import { Problem } from './problem';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (everything outside /api/ is). */
    public?: boolean;
  }
}

/** The Fastify instance with zod schemas as its type provider. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The name of the session cookie set at login. */
export const SESSION_COOKIE = 'onhand_session';

/** Request bodies above this are refused with `413 payload_too_large`. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies[SESSION_COOKIE] ?? null;
}

/**
 * The HTTP frame: problem+json errors, zod validation, OpenAPI at /api/openapi.json with a docs
 * page at /api/docs, and authentication of every route not marked public.
 */
export async function createHttpApp(options: {
  sessions: SessionService;
  logger: boolean | object;
}): Promise<App> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  // The API speaks JSON only: any other body is 415, never a string that fails validation oddly.
  // An empty JSON body (an action such as release, sent with a JSON content type) means no body.
  app.removeContentTypeParser(['text/plain', 'application/json']);
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') done(null, undefined);
    else void parseJson(request, text, done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionToken', null);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Onhand API',
        version: '1',
        description:
          'Inventory management: stock ledger, reservations, documents and reports. Errors are application/problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new Problem('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );

  app.addHook('onRequest', async (request) => {
    if (
      !request.url.startsWith('/api/') ||
      request.routeOptions.config.public ||
      request.url.startsWith('/api/docs')
    )
      return;
    const token = tokenOf(request);
    const principal = token ? await options.sessions.authenticate(token) : null;
    if (!principal) throw new Problem('unauthorized', 'sign in, or send a valid bearer token');
    request.principal = principal;
    request.sessionToken = token;
  });
  return app as App;
}

/** The signed-in principal of a request that passed authentication. */
export function principal(request: FastifyRequest): Principal {
  if (!request.principal) throw new Problem('unauthorized', 'sign in, or send a valid bearer token');
  return request.principal;
}

/** The principal, after checking it holds a permission (`403 forbidden` naming it otherwise). */
export function authorize(request: FastifyRequest, permission: Permission): Principal {
  const p = principal(request);
  requirePermission(p, permission);
  return p;
}

/** Refuses (`403 forbidden` naming the permission) a principal that does not hold it. */
export function requirePermission(p: Principal, permission: Permission): void {
  if (!p.permissions.includes(permission))
    throw new Problem('forbidden', `this needs the permission ${permission}`, { permission });
}

/** The Idempotency-Key claim of a write, scoped to its caller. */
export function claimFor(request: FastifyRequest): IdempotencyClaim | null {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  return claimOf(principal(request).userId, key, request.method, request.routeOptions.url ?? request.url, {
    params: request.params,
    body: request.body,
  });
}

/** Sends a recorded or fresh result, as problem+json when it is an error. */
export function sendResult(reply: FastifyReply, result: HttpResult): FastifyReply {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  if (result.status >= 400)
    return reply
      .code(result.status)
      .type('application/problem+json')
      .serializer(JSON.stringify)
      .send(result.body);
  return reply.code(result.status).send(result.body);
}
