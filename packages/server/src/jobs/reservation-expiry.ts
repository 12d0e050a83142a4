import type { FastifyBaseLogger } from 'fastify';
import type { ReservationService } from '../modules/reservations/reservations.service';

/**
 * Releases expired reservations every interval. Safe to run in several processes at once: each
 * reservation's end is a guarded status change, so it is released exactly once.
 */
export function startReservationExpiry(
  reservations: ReservationService,
  log: FastifyBaseLogger,
  intervalMs = 1000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reservations
      .expireDue()
      .then((n) => {
        if (n > 0) log.info({ expired: n }, 'released expired reservations');
      })
      .catch((err: unknown) => log.error({ err }, 'releasing expired reservations failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
