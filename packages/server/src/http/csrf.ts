import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Problem } from './problem';

/** The header a write signed in by the session cookie must carry its CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for a method that may change state (everything but GET, HEAD and OPTIONS). */
export function isWrite(method: string): boolean {
  return !READS.has(method);
}

/**
 * The CSRF token of a session, derived from its secret token: any server process can check it
 * without storing it, and only someone holding the (HttpOnly) session token can compute it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`onhand-csrf:${sessionToken}`).digest('base64url');
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Refuses a write a browser sent from another site: by Fetch Metadata (`Sec-Fetch-Site`) where
 * the browser sends it, else by `Origin`. Clients that send neither (scripts, machines) pass.
 */
export function refuseCrossSite(request: FastifyRequest): void {
  const site = headerOf(request, 'sec-fetch-site');
  if (site !== undefined) {
    if (site === 'same-origin' || site === 'none') return;
    throw new Problem('forbidden', `a write sent from another site is refused (Sec-Fetch-Site: ${site})`);
  }
  const origin = headerOf(request, 'origin');
  if (origin !== undefined && hostOf(origin) !== request.host)
    throw new Problem('forbidden', 'a write sent from another origin is refused (Origin is not this server)');
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses a write signed in by the session cookie unless it carries that session's CSRF token. */
export function requireCsrfToken(request: FastifyRequest, sessionToken: string): void {
  const sent = headerOf(request, CSRF_HEADER);
  if (!sent)
    throw new Problem(
      'forbidden',
      'a write signed in by the session cookie needs the X-CSRF-Token header: the csrfToken from login, also in the onhand_csrf cookie',
    );
  if (!sameToken(sent, csrfTokenFor(sessionToken)))
    throw new Problem('forbidden', 'the X-CSRF-Token header does not belong to this session');
}
