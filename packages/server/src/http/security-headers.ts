import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app';

// API answers are data, never documents: nothing may load, run or frame them.
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// What every page of ours forbids: plugins, other bases and form targets, being framed.
const PAGE_LIMITS = ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"];

// Swagger UI: its own scripts and styles (served locally), data: images, calls to this API.
const DOCS_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  ...PAGE_LIMITS,
].join('; ');

// The web app: its bundled scripts and styles from this origin, inline styles for the component
// library's CSS-in-JS, data: images and fonts, calls to this API, and the compiling of WebAssembly
// (the camera's barcode decoder, its .wasm served from this origin). Nothing else: no eval, no
// workers, no media URLs (the camera's stream is an object, not a URL).
const WEB_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'none'",
  "media-src 'none'",
  ...PAGE_LIMITS,
].join('; ');

const COMMON = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // The camera stays available to this origin: the web app scans barcodes with it.
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
} as const;

/** HSTS for a year; sent only on HTTPS (directly, or as a trusted proxy reports it). */
const HSTS = 'max-age=31536000; includeSubDomains';

/** The Content-Security-Policy for a path: the docs page, the API, or the web app. */
export function policyFor(path: string): string {
  if (path === '/api/docs' || path.startsWith('/api/docs/')) return DOCS_POLICY;
  if (path.startsWith('/api/') || path === '/health') return API_POLICY;
  return WEB_POLICY;
}

// A PDF answer (labels) opens in the browser's viewer, which wraps it in a page of its own with an
// <embed> and inline styles: those two are allowed, nothing else.
const PDF_POLICY = `${API_POLICY}; object-src 'self'; style-src 'unsafe-inline'`;

function applyHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?', 1)[0] ?? '/';
  const policy = policyFor(path);
  const pdf = String(reply.getHeader('content-type') ?? '').startsWith('application/pdf');
  reply.headers(COMMON);
  reply.header('content-security-policy', policy === API_POLICY && pdf ? PDF_POLICY : policy);
  if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  // Data from the API is per-user and may be sensitive: never stored by browsers or proxies.
  if (policy === API_POLICY && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}

/**
 * Adds the security headers to every response, errors included. Register it before any plugin
 * that adds routes, so that their routes inherit the hook.
 */
export function registerSecurityHeaders(app: App): void {
  // Not async: an async hook would put off writing every answer to a later microtask.
  app.addHook('onSend', (request, reply, payload, done) => {
    applyHeaders(request, reply);
    done(null, payload);
  });
}
