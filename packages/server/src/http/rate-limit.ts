import { Problem } from './problem';

/**
 * A fixed-window limiter kept in memory: enough for login and token endpoints of one process;
 * several processes each keep their own window.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one attempt for the key, or throws `429 rate_limited` when the window is full. */
  hit(key: string): void {
    const now = this.clock();
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(key, { start: now, count: 1 });
      return;
    }
    window.count++;
    if (window.count > this.limit) {
      const retryAfter = Math.ceil((window.start + this.windowMs - now) / 1000);
      throw new Problem('rate_limited', `too many attempts; try again in ${retryAfter} s`, { retryAfter });
    }
  }
}
