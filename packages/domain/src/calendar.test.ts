import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessDateOf,
  endOfBusinessDate,
  isBusinessDate,
  isTimeZone,
  parseTimeBound,
  startOfBusinessDate,
} from './calendar';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('isBusinessDate', () => {
  it('accepts real dates written YYYY-MM-DD', () => {
    for (const d of ['2026-11-22', '2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-01-01']) {
      expect(isBusinessDate(d), d).toBe(true);
    }
  });

  it('rejects impossible dates and other spellings', () => {
    for (const d of [
      '2026-02-30',
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-01-32',
      '2026-1-01',
      '26-01-01',
      '2026/01/01',
      ' 2026-01-01',
      '2026-01-01T00:00:00Z',
      '',
      'today',
    ]) {
      expect(isBusinessDate(d), d).toBe(false);
    }
  });
});

describe('isTimeZone', () => {
  it('knows IANA zone names and refuses others', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('startOfBusinessDate and endOfBusinessDate', () => {
  it('bound a UTC day by its midnights', () => {
    expect(startOfBusinessDate('2026-11-22', 'UTC')).toBe(at('2026-11-22T00:00:00Z'));
    expect(endOfBusinessDate('2026-11-22', 'UTC')).toBe(at('2026-11-23T00:00:00Z'));
  });

  it('roll over months, years and leap days', () => {
    expect(endOfBusinessDate('2026-12-31', 'UTC')).toBe(at('2027-01-01T00:00:00Z'));
    expect(endOfBusinessDate('2026-01-31', 'UTC')).toBe(at('2026-02-01T00:00:00Z'));
    expect(endOfBusinessDate('2028-02-28', 'UTC')).toBe(at('2028-02-29T00:00:00Z'));
    expect(endOfBusinessDate('2026-02-28', 'UTC')).toBe(at('2026-03-01T00:00:00Z'));
    expect(endOfBusinessDate('2026-12-31', 'Asia/Shanghai')).toBe(at('2026-12-31T16:00:00Z'));
  });

  it('start a Shanghai day (UTC+8) at 16:00 UTC the day before', () => {
    expect(startOfBusinessDate('2026-11-22', 'Asia/Shanghai')).toBe(at('2026-11-21T16:00:00Z'));
    expect(endOfBusinessDate('2026-11-22', 'Asia/Shanghai')).toBe(at('2026-11-22T16:00:00Z'));
  });

  it('follow New York across daylight saving: 23 and 25 hour days', () => {
    const ny = 'America/New_York';
    expect(startOfBusinessDate('2026-03-07', ny)).toBe(at('2026-03-07T05:00:00Z'));
    expect(startOfBusinessDate('2026-03-08', ny)).toBe(at('2026-03-08T05:00:00Z'));
    expect(endOfBusinessDate('2026-03-08', ny)).toBe(at('2026-03-09T04:00:00Z'));
    expect(endOfBusinessDate('2026-03-08', ny) - startOfBusinessDate('2026-03-08', ny)).toBe(23 * HOUR);

    expect(startOfBusinessDate('2026-07-01', ny)).toBe(at('2026-07-01T04:00:00Z'));
    expect(endOfBusinessDate('2026-07-01', ny) - startOfBusinessDate('2026-07-01', ny)).toBe(24 * HOUR);

    expect(startOfBusinessDate('2026-11-01', ny)).toBe(at('2026-11-01T04:00:00Z'));
    expect(endOfBusinessDate('2026-11-01', ny)).toBe(at('2026-11-02T05:00:00Z'));
    expect(endOfBusinessDate('2026-11-01', ny) - startOfBusinessDate('2026-11-01', ny)).toBe(25 * HOUR);
  });

  it('start a day at the jump when daylight saving skips midnight', () => {
    // Havana, Santiago and the Azores spring forward at 00:00, so the day starts at 01:00.
    expect(startOfBusinessDate('2026-03-08', 'America/Havana')).toBe(at('2026-03-08T05:00:00Z'));
    expect(endOfBusinessDate('2026-03-07', 'America/Havana')).toBe(at('2026-03-08T05:00:00Z'));
    expect(endOfBusinessDate('2026-03-08', 'America/Havana')).toBe(at('2026-03-09T04:00:00Z'));
    expect(startOfBusinessDate('2026-09-06', 'America/Santiago')).toBe(at('2026-09-06T04:00:00Z'));
    expect(endOfBusinessDate('2026-09-06', 'America/Santiago')).toBe(at('2026-09-07T03:00:00Z'));
    expect(startOfBusinessDate('2026-03-29', 'Atlantic/Azores')).toBe(at('2026-03-29T01:00:00Z'));
    expect(endOfBusinessDate('2026-03-29', 'Atlantic/Azores')).toBe(at('2026-03-30T00:00:00Z'));
  });

  it('refuse text that is not a date', () => {
    expect(() => startOfBusinessDate('2026-02-30', 'UTC')).toThrow(RangeError);
    expect(() => startOfBusinessDate('2026-1-1', 'UTC')).toThrow(RangeError);
    expect(() => endOfBusinessDate('nope', 'UTC')).toThrow(RangeError);
  });
});

describe('businessDateOf', () => {
  it('gives the date on the wall in the time zone', () => {
    expect(businessDateOf(at('2026-11-21T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-22');
    expect(businessDateOf(at('2026-11-21T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-11-21');
    expect(businessDateOf(at('2026-11-21T16:00:00Z'), 'UTC')).toBe('2026-11-21');
    expect(businessDateOf(at('2026-12-31T23:59:59.999Z'), 'UTC')).toBe('2026-12-31');
    expect(businessDateOf(at('2027-01-01T00:00:00Z'), 'UTC')).toBe('2027-01-01');
    expect(businessDateOf(at('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
  });

  it('follows New York across daylight saving', () => {
    const ny = 'America/New_York';
    expect(businessDateOf(at('2026-11-01T03:59:59.999Z'), ny)).toBe('2026-10-31');
    expect(businessDateOf(at('2026-11-01T04:00:00Z'), ny)).toBe('2026-11-01');
    // 01:30 happens twice that morning, both on 2026-11-01.
    expect(businessDateOf(at('2026-11-01T05:30:00Z'), ny)).toBe('2026-11-01');
    expect(businessDateOf(at('2026-11-01T06:30:00Z'), ny)).toBe('2026-11-01');
    expect(businessDateOf(at('2026-11-02T04:59:59.999Z'), ny)).toBe('2026-11-01');
    expect(businessDateOf(at('2026-11-02T05:00:00Z'), ny)).toBe('2026-11-02');
    expect(businessDateOf(at('2026-03-09T03:59:59.999Z'), ny)).toBe('2026-03-08');
    expect(businessDateOf(at('2026-03-09T04:00:00Z'), ny)).toBe('2026-03-09');
  });
});

const zones = [
  'UTC',
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'America/Havana',
  'America/Santiago',
  'Atlantic/Azores',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];
const zoneArb = fc.constantFrom(...zones);
const instantArb = fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2060-01-01T00:00:00Z') });
const dateArb = fc
  .integer({ min: 0, max: 365 * 60 })
  .map((days) => new Date(at('2000-01-01T00:00:00Z') + days * 24 * HOUR).toISOString().slice(0, 10));

describe('calendar properties', () => {
  it('places every instant inside the bounds of its business date', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, (t, zone) => {
        const date = businessDateOf(t, zone);
        expect(isBusinessDate(date)).toBe(true);
        const start = startOfBusinessDate(date, zone);
        const end = endOfBusinessDate(date, zone);
        expect(start).toBeLessThanOrEqual(t);
        expect(t).toBeLessThan(end);
      }),
    );
  });

  it('starts a date at its first instant and ends it at the next date start', () => {
    fc.assert(
      fc.property(dateArb, zoneArb, (date, zone) => {
        const start = startOfBusinessDate(date, zone);
        const end = endOfBusinessDate(date, zone);
        expect(businessDateOf(start, zone)).toBe(date);
        expect(businessDateOf(start - 1, zone) < date).toBe(true);
        expect(businessDateOf(end - 1, zone)).toBe(date);
        expect(businessDateOf(end, zone) > date).toBe(true);
        const length = end - start;
        expect(length).toBeGreaterThanOrEqual(22 * HOUR);
        expect(length).toBeLessThanOrEqual(26 * HOUR);
      }),
    );
  });
});

describe('parseTimeBound', () => {
  it('reads a date as the start of that day for from, the start of the next for to', () => {
    expect(parseTimeBound('2026-11-22', 'from', 'Asia/Shanghai')).toBe(at('2026-11-21T16:00:00Z'));
    expect(parseTimeBound('2026-11-22', 'to', 'Asia/Shanghai')).toBe(at('2026-11-22T16:00:00Z'));
    expect(parseTimeBound('2026-11-22', 'from', 'UTC')).toBe(at('2026-11-22T00:00:00Z'));
    expect(parseTimeBound('2026-11-22', 'to', 'UTC')).toBe(at('2026-11-23T00:00:00Z'));
    expect(parseTimeBound('2026-11-01', 'to', 'America/New_York')).toBe(at('2026-11-02T05:00:00Z'));
  });

  it('makes from..to of one date cover exactly that day, half open', () => {
    const from = parseTimeBound('2026-03-08', 'from', 'America/New_York');
    const to = parseTimeBound('2026-03-08', 'to', 'America/New_York');
    expect(from).toBe(at('2026-03-08T05:00:00Z'));
    expect(to).toBe(at('2026-03-09T04:00:00Z'));
  });

  it('reads ISO timestamps with Z or an offset, whatever the shop time zone', () => {
    const instant = at('2026-11-22T02:00:00Z');
    for (const text of [
      '2026-11-22T02:00:00Z',
      '2026-11-22T02:00Z',
      '2026-11-22T02:00:00.000Z',
      '2026-11-22T10:00:00+08:00',
      '2026-11-22T10:00+08:00',
      '2026-11-22T10:00:00+0800',
      '2026-11-21T21:00:00-05:00',
      '2026-11-22T02:00:00+00:00',
    ]) {
      expect(parseTimeBound(text, 'from', 'America/New_York'), text).toBe(instant);
    }
    expect(parseTimeBound('2026-11-22T02:00:00.250Z', 'from', 'UTC')).toBe(instant + 250);
  });

  it('treats a to timestamp as inclusive: the bound is one millisecond after it', () => {
    expect(parseTimeBound('2026-11-22T10:00:00+08:00', 'to', 'UTC')).toBe(at('2026-11-22T02:00:00Z') + 1);
    expect(parseTimeBound('2026-11-22T02:00:00.999Z', 'to', 'Asia/Shanghai')).toBe(
      at('2026-11-22T02:00:01Z'),
    );
  });

  it('refuses anything else', () => {
    for (const text of [
      '',
      'abc',
      'yesterday',
      '2026-02-30',
      '2026-13-01',
      '2026-1-1',
      '2026/11/22',
      '20261122',
      '1795312800000',
      '2026-11-22T10:00:00',
      '2026-11-22 10:00:00Z',
      '2026-11-22T10:00:00 Z',
      '2026-11-22T10Z',
      '2026-11-22T25:00:00Z',
      '2026-11-22T10:60:00Z',
      '2026-13-01T00:00:00Z',
      '2026-02-30T10:00:00Z',
      '2026-11-22T10:00:00+8',
      ' 2026-11-22',
    ]) {
      expect(parseTimeBound(text, 'from', 'UTC'), text).toBeNull();
      expect(parseTimeBound(text, 'to', 'UTC'), text).toBeNull();
    }
  });
});
