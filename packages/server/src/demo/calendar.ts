import { businessDateOf, startOfBusinessDate } from '@onhand/domain';

const HOUR = 3_600_000;

/** One business day of the demo history. */
export interface DemoDay {
  index: number;
  /** YYYY-MM-DD in the shop's time zone. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** The last whole day before today: what is still open then is open now. */
  last: boolean;
  /** Today, until now: only orders come in. */
  today: boolean;
  monthEnd: boolean;
  /** The instant of a time of day (hours, with fractions for minutes) on this day. */
  at(hours: number): number;
}

const shiftDate = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 24 * HOUR).toISOString().slice(0, 10);

/** The `count` whole business days before `now`, then today until now. */
export function demoDays(now: number, timeZone: string, count: number): DemoDay[] {
  const today = businessDateOf(now, timeZone);
  const days: DemoDay[] = [];
  for (let index = 0; index <= count; index++) {
    const date = shiftDate(today, index - count);
    const start = startOfBusinessDate(date, timeZone);
    days.push({
      index,
      date,
      weekday: new Date(`${date}T00:00:00Z`).getUTCDay(),
      last: index === count - 1,
      today: index === count,
      monthEnd: shiftDate(date, 1).slice(5, 7) !== date.slice(5, 7),
      at: (hours) => start + Math.round(hours * HOUR),
    });
  }
  return days;
}

/** A date `days` after a day, for expected-on and expiry dates. */
export const dateAfter = (day: DemoDay, days: number): string => shiftDate(day.date, days);

/**
 * How busy online shops are on a day against an ordinary weekday: weekends, the 618 festival
 * (JD's above all), the run-up to Double 11, the day itself and the days after.
 */
export function onlineRush(day: DemoDay, channel: string): number {
  const md = day.date.slice(5);
  const weekend = day.weekday === 0 || day.weekday === 6 ? 1.3 : 1;
  if (md === '06-18') return channel === 'jd' ? 5 : 2.5;
  if (md >= '06-01' && md < '06-18') return weekend * 1.3;
  if (md === '11-11') return channel === 'web' ? 1.5 : 6;
  if (md >= '10-31' && md < '11-11') return weekend * 1.5;
  if (md === '11-12' || md === '11-13') return 1.6;
  return weekend;
}

/** How busy the store is on a day: weekends and holidays fill it. */
export function storeRush(day: DemoDay): number {
  const md = day.date.slice(5);
  if (md >= '10-01' && md <= '10-07') return 1.8;
  return day.weekday === 0 || day.weekday === 6 ? 1.5 : day.weekday === 5 ? 1.2 : 1;
}
