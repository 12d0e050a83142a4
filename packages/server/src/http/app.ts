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
import { type Principal, requirePermission } from '../modules/auth/principal';
import type { SessionService } from '../modules/auth/sessions.service';
import { isWrite, refuseCrossSite, requireCsrfToken } from './csrf';
import { sendProblem, toProblem } from './errors';
import { claimOf, type HttpResult, type IdempotencyClaim } from './idempotency';
import { type LogSettings, requestLogger, safeLoggerOptions } from './logging';
import { Problem } from './problem';
import { registerSecurityHeaders } from './security-headers';
import { type Credentials, credentialsOf, SESSION_COOKIE } from './session-cookies';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (everything outside /api/ is). */
    public?: boolean;
    /** The permission the route needs, checked before its input is even read. */
    permission?: Permission;
    /** Open to anyone signed in: their own account, or a route whose service decides per record. */
    signedIn?: boolean;
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

/** Request bodies above this are refused with `413 payload_too_large`. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** URLs (path and query) longer than this are refused with `414 uri_too_long`. */
export const URL_LIMIT_CHARS = 8 * 1024;

/** How the HTTP frame is set up: who signs in, what is logged, whom to trust, how long to wait. */
export interface HttpOptions {
  sessions: SessionService;
  logger: LogSettings;
  /** Fastify `trustProxy`: which proxies may say the scheme (HSTS, `Secure` cookies) and client. */
  trustProxy?: boolean | string;
  /** The longest a client may take to send a whole request (ms). */
  requestTimeoutMs?: number;
  /** The longest a connection may sit idle (ms). */
  connectionTimeoutMs?: number;
}

/**
 * The HTTP frame: security headers, problem+json errors, zod validation, OpenAPI at
 * /api/openapi.json with a docs page at /api/docs, authentication of every route not marked
 * public, and cross-site write protection for browsers.
 */
export async function createHttpApp(options: HttpOptions): Promise<App> {
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const app = Fastify({
    logger: safeLoggerOptions(options.logger),
    childLoggerFactory: requestLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
    requestTimeout,
    connectionTimeout: options.connectionTimeoutMs ?? 120_000,
    // Node enforces the request timeout only when the headers timeout is no longer, and checks
    // both at this interval (here at most a third of the limit late).
    http: {
      headersTimeout: Math.min(60_000, requestTimeout),
      connectionsCheckingInterval: Math.max(250, Math.min(30_000, Math.floor(requestTimeout / 3))),
    },
  }).withTypeProvider<ZodTypeProvider>();
  registerSecurityHeaders(app);
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
          cookie: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              'Writes signed in by this cookie also send the X-CSRF-Token header (the csrfToken from login)',
          },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The docs page's Content-Security-Policy comes from the security headers, like every page's.
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  // No route under /api/v1 without a say on who may call it: a route that declares neither a
  // permission, nor that anyone signed in may, nor that it is public, fails the start.
  app.addHook('onRoute', (route) => {
    const config = route.config;
    if (route.url.startsWith('/api/v1/') && !config?.permission && !config?.signedIn && !config?.public)
      throw new Error(`${route.method} ${route.url} declares no permission`);
  });
  // The permission is checked before validation: a caller without it learns nothing of the input.
  app.addHook('preValidation', (request, _reply, done) => {
    const { permission } = request.routeOptions.config;
    try {
      if (permission) requirePermission(principal(request), permission);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new Problem('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );

  // Not async: a token resolved a moment ago (nearly every request) signs in without a promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const credentials = admit(request);
    if (credentials === undefined) return done();
    const cached = credentials && options.sessions.cached(credentials.token);
    if (cached) {
      signIn(request, credentials, cached);
      return done();
    }
    void (credentials ? options.sessions.authenticate(credentials.token) : Promise.resolve(null))
      .then((principal) => signIn(request, credentials, principal))
      .then(() => done(), done);
  });
  return app as App;
}

/**
 * The credentials a request must sign in with, null when it has none, undefined when it needs none
 * (outside /api/, a public route, the docs). Refuses overlong URLs and cross-site writes.
 */
function admit(request: FastifyRequest): Credentials | null | undefined {
  if (request.url.length > URL_LIMIT_CHARS)
    throw new Problem('uri_too_long', `the URL is longer than ${URL_LIMIT_CHARS} characters`);
  const credentials = credentialsOf(request);
  // A bearer token cannot be forged by another site; everything else (the cookie, a login) can.
  if (isWrite(request.method) && credentials?.via !== 'bearer') refuseCrossSite(request);
  if (
    !request.url.startsWith('/api/') ||
    request.routeOptions.config.public ||
    request.url.startsWith('/api/docs')
  )
    return undefined;
  return credentials;
}

/** Signs the request in as the principal its credentials resolved to, or refuses it. */
function signIn(request: FastifyRequest, credentials: Credentials | null, principal: Principal | null): void {
  if (!principal || !credentials) throw new Problem('unauthorized', 'sign in, or send a valid bearer token');
  if (isWrite(request.method) && credentials.via === 'cookie') requireCsrfToken(request, credentials.token);
  request.principal = principal;
  request.sessionToken = credentials.token;
}

/** The signed-in principal of a request that passed authentication. */
export function principal(request: FastifyRequest): Principal {
  if (!request.principal) throw new Problem('unauthorized', 'sign in, or send a valid bearer token');
  return request.principal;
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

/** The TOTP code sent with an action in the X-TOTP-Code header, for rules that demand one. */
export function totpOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-totp-code'];
  return Array.isArray(header) ? header[0] : header;
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
  if (result.json !== undefined)
    return reply.code(result.status).type('application/json; charset=utf-8').send(result.json);
  return reply.code(result.status).send(result.body);
}
