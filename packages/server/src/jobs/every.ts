import type { FastifyBaseLogger } from 'fastify';
import type { Leadership } from '../db/leadership';

/**
 * Runs a background task every interval in the process that leads (one of the processes sharing a
 * database), never two at once, logging what it did or why it failed. Returns how to stop it. Every
 * task is also safe to run in two processes at once, as may happen for a moment while leadership
 * passes from one process to another.
 */
export function every(
  name: string,
  intervalMs: number,
  task: () => Promise<number>,
  log: FastifyBaseLogger,
  leadership: Leadership,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || !leadership.leading) return;
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
