import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFor } from './csrf';

/** The name of the session cookie set at login (HttpOnly: scripts never see it). */
export const SESSION_COOKIE = 'onhand_session';
/** The cookie holding the session's CSRF token, readable by the web app's scripts. */
export const CSRF_COOKIE = 'onhand_csrf';

/** How a request proves who it is: a bearer token, or the session cookie a browser sends. */
export interface Credentials {
  token: string;
  via: 'bearer' | 'cookie';
}

/** The credentials of a request; a bearer token wins over the cookie. */
export function credentialsOf(request: FastifyRequest): Credentials | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = header.slice(7).trim();
    return token ? { token, via: 'bearer' } : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * Sets the session cookie and its CSRF cookie. SameSite=Strict: the web app is one origin, so a
 * cookie is never needed on a request another site starts, not even a top-level link.
 */
export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expires: Date,
): void {
  const options = { path: '/', sameSite: 'strict', secure: request.protocol === 'https', expires } as const;
  reply.setCookie(SESSION_COOKIE, token, { ...options, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(token), options);
}

/** Clears both session cookies. */
export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
