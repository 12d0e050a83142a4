import type { Problem } from '@onhand/contracts';

/** An answer of the API that is not a success, with its problem+json. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail);
  }
}

/** The cookie the server sets at login with the session's CSRF token (the session cookie itself is HttpOnly). */
const CSRF_COOKIE = 'onhand_csrf';

function csrfToken(): string | undefined {
  const prefix = `${CSRF_COOKIE}=`;
  const cookie = document.cookie.split('; ').find((c) => c.startsWith(prefix));
  return cookie ? decodeURIComponent(cookie.slice(prefix.length)) : undefined;
}

/** Query parameters; empty values are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** A path with its query string. */
function withQuery(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

function problemOf(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && 'code' in body && 'detail' in body) return body as Problem;
  return { type: 'about:blank', title: 'Error', status, detail: `HTTP ${status}`, code: 'http_error' };
}

/** A file sent as it is, with its content type (an import). */
interface FileBody {
  file: Blob;
  type: string;
}

/** A request body: JSON, or a file. */
type RequestBody = { json: unknown } | FileBody;

async function send<T>(
  method: string,
  path: string,
  body?: RequestBody,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body) headers['content-type'] = 'file' in body ? body.type : 'application/json';
  const token = method === 'GET' ? undefined : csrfToken();
  if (token) headers['x-csrf-token'] = token;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body ? { body: 'file' in body ? body.file : JSON.stringify(body.json) } : {}),
  });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, problemOf(response.status, data));
  return data as T;
}

/** A fresh Idempotency-Key (random, also outside secure contexts where `randomUUID` is missing). */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The API over fetch: the session cookie goes along, writes carry the CSRF token, errors are ApiError. */
export const api = {
  get: <T>(path: string, params?: QueryParams) => send<T>('GET', withQuery(path, params)),
  post: <T>(path: string, body?: unknown) =>
    send<T>('POST', path, body === undefined ? undefined : { json: body }),
  /**
   * A write that must not happen twice: it carries an Idempotency-Key (a retry with the same key
   * replays the first answer) and, for an action on a document, the version it was read at.
   */
  once: <T>(path: string, body: unknown, key: string, version?: number) =>
    send<T>('POST', path, body === undefined ? undefined : { json: body }, {
      'idempotency-key': key,
      ...(version === undefined ? {} : { 'if-match': String(version) }),
    }),
  /** An update at the version it was read: a stale version is `409 conflict`. */
  patch: <T>(path: string, body: unknown, version: number) =>
    send<T>('PATCH', path, { json: body }, { 'if-match': String(version) }),
  /** A write that sets a record whole (no version: the last write wins). */
  put: <T>(path: string, body: unknown) => send<T>('PUT', path, { json: body }),
  delete: (path: string) => send<void>('DELETE', path),
  /** A file posted as its own body (CSV, XLSX), with an optional Idempotency-Key. */
  postFile: <T>(path: string, file: FileBody, idempotencyKey?: string) =>
    send<T>('POST', path, file, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
  /** A file (a PDF) read whole, in one request; its problem is thrown as ApiError when it is refused. */
  file: async (url: string): Promise<Blob> => {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new ApiError(response.status, problemOf(response.status, await response.json()));
    return response.blob();
  },
};

/** A read that answers null instead of failing with one status (404: there is none; 401: nobody signed in). */
export async function nullWhen<T>(status: number, read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiError && error.status === status) return null;
    throw error;
  }
}
