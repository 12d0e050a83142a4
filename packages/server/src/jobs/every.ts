import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs a background task every interval, never two at once, logging what it did or why it
 * failed. Returns how to stop it. Every task here is safe to run in several processes at once.
 */
export function every(
  name: string,
  intervalMs: number,
  task: () => Promise<number>,
  log: FastifyBaseLogger,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .then((n) => {
        if (n > 0) log.info({ job: name, count: n }, `${name}: ${n}`);
      })
      .catch((err: unknown) => log.error({ err, job: name }, `${name} failed`))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
