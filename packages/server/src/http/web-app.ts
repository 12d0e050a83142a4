import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app';
import { Problem } from './problem';

/** Built files with a content hash in their name never change: browsers keep them a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page and unhashed files are checked with the server on every use. */
const REVALIDATE = 'no-cache';

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Onhand</title>
<p>The web app is not built. <code>npm start</code> builds it; or run <code>npm run build</code>.
The API answers under <a href="/api/docs">/api/docs</a>.</p></html>`;

/**
 * Serves the built web app from `distDir`: its hashed assets with long caching, and its page at
 * `/` and at every other path a client route may have — never under `/api/` or for a missing
 * asset, which stay `404 not_found`.
 */
export async function registerWebApp(app: App, distDir: string): Promise<void> {
  const pagePath = join(distDir, 'index.html');
  if (!existsSync(pagePath)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT),
    );
    return;
  }
  const page = readFileSync(pagePath);
  const assets = `${join(distDir, 'assets')}${sep}`;
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    cacheControl: false,
    preCompressed: true,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.startsWith(assets) ? IMMUTABLE : REVALIDATE);
    },
  });
  const sendPage = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header('cache-control', REVALIDATE).type('text/html; charset=utf-8').send(page);
  app.get('/', { schema: { hide: true } }, sendPage);
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '/';
    if (path.startsWith('/api/') || path.startsWith('/assets/'))
      throw new Problem('not_found', `no route ${request.method} ${path}`);
    return sendPage(request, reply);
  });
}
