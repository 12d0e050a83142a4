/**
 * A clock for the test server that moves only when asked: each `next()` is a later 30-second
 * step than the one before, so each authenticator code computed for it is a fresh one.
 */
export function steppedClock(): { now: () => number; next: () => number } {
  let at = Date.now();
  return {
    now: () => at,
    next: () => {
      at += 30_000;
      return at;
    },
  };
}
