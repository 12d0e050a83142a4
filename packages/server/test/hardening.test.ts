import { connect as connectSocket } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { buildServer, type Server } from '../src/main';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from './support/databases';
import { uniqueCode } from './support/fixtures';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type ApiResponse,
  type TestServer,
  useTestServer,
} from './support/server';

const LOGIN = { email: ADMIN_EMAIL, password: ADMIN_PASSWORD };

/** The Set-Cookie line of a cookie a response set (empty when it set none). */
function setCookie(res: ApiResponse, name: string): string {
  const lines = (res.headers['set-cookie'] ?? '').split(/, (?=\w+=)/);
  return lines.find((line) => line.startsWith(`${name}=`)) ?? '';
}

/** The value of a cookie a response set. */
function cookieOf(res: ApiResponse, name: string): string | undefined {
  return setCookie(res, name)
    .split(';')[0]
    ?.slice(name.length + 1);
}

/** Signs in as a browser would: the cookie header to send back and the CSRF token. */
async function browserLogin(ts: TestServer): Promise<{ cookie: string; csrf: string; res: ApiResponse }> {
  const res = await ts.api('POST', '/api/v1/auth/login', LOGIN, { token: null });
  expect(res.status).toBe(200);
  return {
    cookie: `onhand_session=${cookieOf(res, 'onhand_session')}`,
    csrf: String(res.body.csrfToken),
    res,
  };
}

/** Asserts a problem+json answer that shows nothing of the server's insides. */
function expectCleanProblem(res: ApiResponse, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status, code });
  const text = JSON.stringify(res.body);
  for (const leak of [
    /\bat .*:\d+:\d+/,
    /select |insert |update /i,
    /\/work\/|node_modules|\.ts\b/,
    /sqlite|postgres|relation|constraint|stack/i,
  ])
    expect(text).not.toMatch(leak);
}

for (const kind of testDatabaseKinds()) {
  describe(`hardening on ${kind}`, () => {
    const server = useTestServer(kind);

    it('sends security headers on the API, the docs page and the web page', async () => {
      const ts = server();
      const common = {
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
      };
      const api = await ts.api('GET', '/api/v1/me');
      expect(api.headers).toMatchObject({ ...common, 'cache-control': 'no-store' });
      expect(api.headers['content-security-policy']).toContain("default-src 'none'; frame-ancestors 'none'");
      expect(api.headers['permissions-policy']).toContain('camera=(self)');
      expect(api.headers['strict-transport-security']).toBeUndefined();
      expect((await ts.api('GET', '/api/v1/nowhere')).headers).toMatchObject(common);

      for (const path of [
        '/api/docs',
        '/api/docs/static/index.html',
        '/api/docs/static/swagger-ui.css',
        '/',
      ]) {
        const page = await fetch(`${ts.baseUrl}${path}`);
        expect(page.status, path).toBe(200);
        const csp = page.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("default-src 'self'");
        expect(csp, path).toContain("frame-ancestors 'none'");
        expect(csp, path).not.toContain('upgrade-insecure-requests');
        expect(page.headers.get('x-frame-options'), path).toBe('DENY');
      }
      const web = await fetch(`${ts.baseUrl}/`);
      const webPolicy = web.headers.get('content-security-policy') ?? '';
      // WebAssembly may be compiled (the camera's barcode decoder); scripts still come only from here.
      expect(webPolicy).toContain("script-src 'self' 'wasm-unsafe-eval';");
      expect(webPolicy).not.toMatch(/'unsafe-eval'|blob:|https?:/);
    });

    it('gives a strict HttpOnly session cookie and a readable CSRF cookie at login', async () => {
      const { res, csrf } = await browserLogin(server());
      const session = setCookie(res, 'onhand_session');
      expect(session).toContain('HttpOnly');
      expect(session).toContain('SameSite=Strict');
      expect(cookieOf(res, 'onhand_csrf')).toBe(csrf);
      expect(setCookie(res, 'onhand_csrf')).toContain('SameSite=Strict');
      expect(setCookie(res, 'onhand_csrf')).not.toContain('HttpOnly');
      expect(res.headers['set-cookie']).not.toContain('Secure');
    });

    it('refuses a cookie-signed write without the CSRF token and allows it with the token', async () => {
      const ts = server();
      const { cookie, csrf } = await browserLogin(ts);
      const warehouse = () => ({ code: uniqueCode('CSRF'), name: 'CSRF' });
      const bare = await ts.api('POST', '/api/v1/warehouses', warehouse(), {
        token: null,
        headers: { cookie },
      });
      expectCleanProblem(bare, 403, 'forbidden');
      expect(bare.body.detail).toContain('X-CSRF-Token');
      const wrong = await ts.api('POST', '/api/v1/warehouses', warehouse(), {
        token: null,
        headers: { cookie, 'x-csrf-token': `${csrf.slice(1)}x` },
      });
      expectCleanProblem(wrong, 403, 'forbidden');
      const ok = await ts.api('POST', '/api/v1/warehouses', warehouse(), {
        token: null,
        headers: { cookie, 'x-csrf-token': csrf, 'sec-fetch-site': 'same-origin', origin: ts.baseUrl },
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      // Reads need no token; a bearer write needs none either, whatever site it says it came from.
      expect(
        (await ts.api('GET', '/api/v1/warehouses', undefined, { token: null, headers: { cookie } })).status,
      ).toBe(200);
      const bearer = await ts.api('POST', '/api/v1/warehouses', warehouse(), {
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      });
      expect(bearer.status).toBe(201);
    });

    it('refuses cookie writes and logins sent from another site', async () => {
      const ts = server();
      const { cookie, csrf } = await browserLogin(ts);
      const headers = { cookie, 'x-csrf-token': csrf };
      const sites: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { origin: 'https://evil.example' },
        { origin: 'null' },
      ];
      for (const from of sites) {
        const res = await ts.api(
          'POST',
          '/api/v1/warehouses',
          { code: uniqueCode('X'), name: 'X' },
          { token: null, headers: { ...headers, ...from } },
        );
        expectCleanProblem(res, 403, 'forbidden');
        expect(res.body.detail).toMatch(/another (site|origin)/);
        expectCleanProblem(
          await ts.api('POST', '/api/v1/auth/login', LOGIN, { token: null, headers: from }),
          403,
          'forbidden',
        );
      }
      expect(
        (await ts.api('POST', '/api/v1/auth/login', LOGIN, { token: null, headers: { origin: ts.baseUrl } }))
          .status,
      ).toBe(200);
    });

    it('answers bad requests as problem+json without internals', async () => {
      const ts = server();
      expectCleanProblem(await ts.api('GET', '/api/v1/nowhere'), 404, 'not_found');
      const raw = (body: string, type: string) =>
        ts.api('POST', '/api/v1/warehouses', undefined, { raw: body, headers: { 'content-type': type } });
      expectCleanProblem(await raw('{"code":', 'application/json'), 400, 'validation_failed');
      expectCleanProblem(
        await raw('code=A', 'application/x-www-form-urlencoded'),
        415,
        'unsupported_media_type',
      );
      expectCleanProblem(
        await ts.api('POST', '/api/v1/warehouses', { code: 'BIG', name: 'x'.repeat(1024 * 1024) }),
        413,
        'payload_too_large',
      );
      expectCleanProblem(await ts.api('GET', `/api/v1/items?q=${'x'.repeat(9000)}`), 414, 'uri_too_long');
      const lines = Array.from({ length: 1001 }, () => ({ sku: 'A', qty: 1 }));
      expectCleanProblem(
        await ts.api('POST', '/api/v1/transfers', { from: 'A', to: 'B', lines }),
        400,
        'validation_failed',
      );
    });

    it('answers a database failure as a bare 500 internal_error', async () => {
      const ts = server();
      const { db } = ts.server.database;
      await sql`alter table items rename to items_gone`.execute(db);
      try {
        expectCleanProblem(await ts.api('GET', '/api/v1/items'), 500, 'internal_error');
      } finally {
        await sql`alter table items_gone rename to items`.execute(db);
      }
      // A unique violation on a path that does not expect one: one more session per user from now.
      await sql`create unique index hardening_probe on sessions (user_id) where created_at > ${sql.lit(Date.now())}`.execute(
        db,
      );
      try {
        expect((await ts.api('POST', '/api/v1/auth/login', LOGIN, { token: null })).status).toBe(200);
        expectCleanProblem(
          await ts.api('POST', '/api/v1/auth/login', LOGIN, { token: null }),
          500,
          'internal_error',
        );
      } finally {
        await sql`drop index hardening_probe`.execute(db);
      }
    });
  });

  describe(`secrets and slow clients on ${kind}`, () => {
    const lines: string[] = [];
    let database: TestDatabase;
    let server: Server;
    let baseUrl = '';
    beforeAll(async () => {
      database = await createTestDatabase(kind);
      const config = loadConfig({
        DATABASE_URL: database.url,
        ONHAND_ADMIN_EMAIL: ADMIN_EMAIL,
        ONHAND_ADMIN_PASSWORD: ADMIN_PASSWORD,
        ONHAND_TRUST_PROXY: 'loopback',
        ONHAND_REQUEST_TIMEOUT_MS: '600',
      });
      const stream = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      server = await buildServer(config, { logger: { level: 'trace', stream }, jobs: false });
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const address = server.app.server.address();
      baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => {
      await server?.stop();
      await database?.drop();
    });

    it('never writes a password, token, cookie or database password to the log', async () => {
      const https = { 'x-forwarded-proto': 'https', 'content-type': 'application/json' };
      const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: https,
        body: JSON.stringify(LOGIN),
      });
      expect(login.headers.get('strict-transport-security')).toContain('max-age=');
      expect(login.headers.getSetCookie().every((c) => c.includes('Secure'))).toBe(true);
      const { token, csrfToken } = (await login.json()) as { token: string; csrfToken: string };
      const authorization = `Bearer ${token}`;
      expect((await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization } })).status).toBe(200);
      const cookie = `onhand_session=${token}`;
      await fetch(`${baseUrl}/api/v1/auth/logout`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      const dbPassword = 'pg-s3cret-pw';
      server.app.log.error(
        {
          headers: { authorization, cookie, 'x-csrf-token': csrfToken },
          body: { password: ADMIN_PASSWORD, token },
        },
        `cannot reach postgres://onhand:${dbPassword}@db.internal/onhand with ${authorization}`,
      );
      const log = lines.join('');
      expect(log).toContain('[redacted]');
      expect(log).toContain('postgres://onhand:[redacted]@db.internal');
      // Request lines come from each request's own logger, with its id.
      expect(log).toMatch(/"reqId":"[^"]+"[^\n]*"msg":"incoming request"/);
      for (const secret of [ADMIN_PASSWORD, token, csrfToken, dbPassword]) expect(log).not.toContain(secret);
    });

    it('drops a client that does not finish sending its body in time', async () => {
      const { port } = new URL(baseUrl);
      const socket = connectSocket(Number(port), '127.0.0.1');
      const answer = new Promise<string>((resolve) => {
        let received = '';
        socket.on('data', (d) => {
          received += String(d);
        });
        socket.on('close', () => resolve(received));
      });
      socket.write(
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em',
      );
      const started = Date.now();
      expect(await answer).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });
}
