import { ensureWebBuild } from '../../packages/web/scripts/ensure-build';

/** Vitest global setup: the server serves the built web app, so build it first when stale. */
export default async function setup(): Promise<void> {
  await ensureWebBuild();
}
