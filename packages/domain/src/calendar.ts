/**
 * Business dates (2026-11-22) are plain dates in the shop's time zone; instants are epoch
 * milliseconds. These functions convert between the two without a date library.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the time zone name is known to this runtime. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallClock(instant: number, timeZone: string): { y: number; m: number; d: number; ms: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const y = parts.year ?? 0;
  const m = parts.month ?? 1;
  const d = parts.day ?? 1;
  const wall = Date.UTC(y, m - 1, d, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return { y, m, d, ms: wall + (((instant % 1000) + 1000) % 1000) };
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isBusinessDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** The instant a business date starts in the time zone. */
export function startOfBusinessDate(date: string, timeZone: string): number {
  const m = DATE.exec(date);
  if (!m || !isBusinessDate(date)) throw new RangeError(`not a date: ${date}`);
  const wallMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let instant = wallMidnight;
  // Two passes settle the offset, also across a daylight-saving change.
  for (let i = 0; i < 2; i++) instant = wallMidnight - (wallClock(instant, timeZone).ms - instant);
  // A daylight-saving jump at midnight (America/Havana, America/Santiago, Atlantic/Azores) skips
  // it: the instant found is then still on the day before, and the day starts at the jump.
  if (businessDateOf(instant, timeZone) < date) {
    let before = instant;
    let after = instant + DAY_MS;
    while (after - before > 1) {
      const mid = before + Math.floor((after - before) / 2);
      if (businessDateOf(mid, timeZone) < date) before = mid;
      else after = mid;
    }
    instant = after;
  }
  return instant;
}

/** The first instant after a business date ends (an exclusive upper bound). */
export function endOfBusinessDate(date: string, timeZone: string): number {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return startOfBusinessDate(next.toISOString().slice(0, 10), timeZone);
}

/** The business date an instant falls on in the time zone. */
export function businessDateOf(instant: number, timeZone: string): string {
  const { y, m, d } = wallClock(instant, timeZone);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Reads a `from`/`to` filter: a business date or an ISO-8601 timestamp. Returns a half-open
 * bound: `from` is inclusive, `to` exclusive (a date `to` includes that whole day).
 */
export function parseTimeBound(text: string, bound: 'from' | 'to', timeZone: string): number | null {
  if (DATE.test(text)) {
    if (!isBusinessDate(text)) return null;
    return bound === 'from' ? startOfBusinessDate(text, timeZone) : endOfBusinessDate(text, timeZone);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  // Date.parse rolls 2026-02-30T10:00Z over to March 2; such a timestamp is not a real one.
  if (!isBusinessDate(text.slice(0, 10))) return null;
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) return null;
  return bound === 'from' ? instant : instant + 1;
}
