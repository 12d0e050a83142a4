import { describe, expect, it } from 'vitest';
import { newId } from '../src/db/ids';

describe('newId', () => {
  it('writes 48 bits of time and 80 random bits in 26 base-32 characters', () => {
    const id = newId(Date.UTC(2030, 0, 1));
    expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
    expect(
      Number.parseInt(
        id.slice(0, 10).replace(/./g, (c) => '0123456789abcdefghjkmnpqrstvwxyz'.indexOf(c).toString(32)),
        32,
      ),
    ).toBe(Date.UTC(2030, 0, 1));
  });

  it('sorts in creation order within a millisecond and when the clock steps back', () => {
    const at = Date.UTC(2031, 0, 1);
    const ids = [newId(at), newId(at), newId(at), newId(at - 5), newId(at + 1), newId(at + 1)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
