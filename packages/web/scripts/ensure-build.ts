import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const web = fileURLToPath(new URL('..', import.meta.url));
const repository = join(web, '..', '..');
/** Where the built app goes; the server serves it from here. */
export const WEB_DIST = join(web, 'dist');
/** The fingerprint of the sources the build in `dist` was made from (kept outside what is served). */
const STAMP = join(repository, 'node_modules', '.cache', 'onhand-web-build.json');

/** Everything the build reads from this repository: the app, the contracts it imports, the pinned packages. */
const INPUTS = [
  'packages/web/src',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/web/package.json',
  'packages/contracts/src',
  'package-lock.json',
];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  const entries = readdirSync(path, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** A hash of every input's path and content: the build is stale when it differs. */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const path = join(repository, input);
    const files = input.includes('.') ? [path] : filesUnder(path);
    for (const file of files.sort()) {
      hash.update(relative(repository, file));
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

function builtFingerprint(): string | null {
  if (!existsSync(join(WEB_DIST, 'index.html')) || !existsSync(STAMP)) return null;
  const stamp: unknown = JSON.parse(readFileSync(STAMP, 'utf8'));
  return stamp && typeof stamp === 'object' && 'sources' in stamp ? String(stamp.sources) : null;
}

/**
 * Builds the web app when `dist` is missing or was built from other sources; otherwise does
 * nothing (hashing the sources takes milliseconds, a build a few seconds).
 */
export async function ensureWebBuild(log: (line: string) => void = console.log): Promise<void> {
  const sources = sourceFingerprint();
  if (builtFingerprint() === sources) return;
  log('Building the web app…');
  await build({ root: web, configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, JSON.stringify({ sources, builtAt: new Date().toISOString() }));
  log('The web app is built.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await ensureWebBuild();
