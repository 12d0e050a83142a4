import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildServer, type Server } from '../../src/main';
import { createTestDatabase, type TestDatabase } from './databases';

export const ADMIN_EMAIL = 'admin@test.local';
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** A response as a test reads it. */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

/** A started Onhand on a fresh database, listening on a random loopback port. */
export interface TestServer {
  kind: 'sqlite' | 'postgres';
  server: Server;
  database: TestDatabase;
  baseUrl: string;
  token: string;
  /** Calls the API over real HTTP as the administrator (or without a token when `token: null`). */
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options?: { headers?: Record<string, string>; token?: string | null; raw?: string | Uint8Array },
  ): Promise<ApiResponse<T>>;
  stop(): Promise<void>;
}

/** Starts a server on a fresh database of a kind and signs the administrator in. */
export async function startTestServer(
  kind: 'sqlite' | 'postgres',
  options: { clock?: () => number; jobs?: boolean } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const { server, baseUrl } = await serve(database.url, options);

  const api: TestServer['api'] = async (method, path, body, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === undefined ? ts.token : opts.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | Uint8Array | undefined = opts.raw;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    const received = Object.fromEntries(res.headers.entries());
    // Each cookie is a header of its own: keep them all, in order, as one comma-joined value.
    const cookies = res.headers.getSetCookie();
    if (cookies.length) received['set-cookie'] = cookies.join(', ');
    return { status: res.status, headers: received, body: parsed as never };
  };

  const ts: TestServer = {
    kind,
    server,
    database,
    baseUrl,
    token: '',
    api,
    async stop() {
      await server.stop();
      await database.drop();
    },
  };
  await signInAgain(ts);
  return ts;
}

/** A server process on a database, listening on a random loopback port. */
async function serve(
  url: string,
  options: { clock?: () => number; jobs?: boolean },
): Promise<{ server: Server; baseUrl: string }> {
  const config = loadConfig({
    DATABASE_URL: url,
    ONHAND_ADMIN_EMAIL: ADMIN_EMAIL,
    ONHAND_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ONHAND_TZ: 'Asia/Shanghai',
    DATABASE_POOL_SIZE: '8',
  });
  const server = await buildServer(config, {
    logger: false,
    jobs: options.jobs ?? false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const address = server.app.server.address();
  return { server, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

/** Another server process on the same database as a test server (as on PostgreSQL with several). */
export function startAnotherProcess(
  ts: TestServer,
  options: { clock?: () => number; jobs?: boolean } = {},
): Promise<{ server: Server; baseUrl: string }> {
  return serve(ts.database.url, options);
}

/** Starts a server for the enclosing describe block and stops it afterwards. */
export function useTestServer(
  kind: 'sqlite' | 'postgres',
  options: { clock?: () => number; jobs?: boolean } = {},
): () => TestServer {
  let ts: TestServer | undefined;
  beforeAll(async () => {
    ts = await startTestServer(kind, options);
  });
  afterAll(async () => {
    await ts?.stop();
  });
  return () => {
    if (!ts) throw new Error('the test server has not started');
    return ts;
  };
}

/** Signs the administrator in (again, after a test moves its clock past the 24 h a session lasts). */
export async function signInAgain(ts: TestServer): Promise<void> {
  const login = await ts.api<{ token: string }>(
    'POST',
    '/api/v1/auth/login',
    { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    { token: null },
  );
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  ts.token = login.body.token;
}
