import { describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../src/modules/auth/totp';
import { testDatabaseKinds } from './support/databases';
import { makePerson, PERSON_PASSWORD, signIn } from './support/people';
import { useTestServer } from './support/server';

let now = Date.parse('2026-11-12T03:00:00Z');

describe('TOTP codes', () => {
  it('match the RFC 6238 test vector (SHA-1, T = 59 s)', () => {
    // The RFC's secret "12345678901234567890" in base32; its 8-digit code 94287082 ends in 287082.
    expect(totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totpStep(59_000))).toBe('287082');
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`second factor on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('enrols, then asks for a code at sign-in, takes each code once, and takes a recovery code', async () => {
      const ts = server();
      const { email } = await makePerson(ts, ['viewer']);
      const token = await signIn(ts, email);
      const as = { token };
      const totpOf = async () =>
        (await ts.api<{ totpEnabled: boolean }>('GET', '/api/v1/me', undefined, as)).body.totpEnabled;
      expect(await totpOf()).toBe(false);
      const started = await ts.api<{ secret: string; otpauthUrl: string }>(
        'POST',
        '/api/v1/me/totp',
        undefined,
        as,
      );
      expect(started.body.otpauthUrl).toContain(`secret=${started.body.secret}`);
      const wrong = await ts.api('POST', '/api/v1/me/totp/confirm', { code: '000000' }, as);
      expect(wrong.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'code' }] });
      const code = totpCode(started.body.secret, totpStep(now));
      const confirmed = await ts.api<{ recoveryCodes: string[] }>(
        'POST',
        '/api/v1/me/totp/confirm',
        { code },
        as,
      );
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      expect(confirmed.body.recoveryCodes).toHaveLength(10);
      expect(await totpOf()).toBe(true);

      const noCode = await ts.api(
        'POST',
        '/api/v1/auth/login',
        { email, password: PERSON_PASSWORD },
        { token: null },
      );
      expect(noCode.status).toBe(401);
      expect(noCode.body).toMatchObject({ code: 'unauthorized', totpRequired: true });
      const reused = await ts.api(
        'POST',
        '/api/v1/auth/login',
        { email, password: PERSON_PASSWORD, totp: code },
        { token: null },
      );
      expect(reused.status).toBe(401);
      now += 30_000;
      const fresh = totpCode(started.body.secret, totpStep(now));
      const ok = await ts.api(
        'POST',
        '/api/v1/auth/login',
        { email, password: PERSON_PASSWORD, totp: fresh },
        { token: null },
      );
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ user: { email, totpEnabled: true } });
      const recovery = confirmed.body.recoveryCodes[0] ?? '';
      const byRecovery = await ts.api(
        'POST',
        '/api/v1/auth/login',
        { email, password: PERSON_PASSWORD, totp: recovery },
        { token: null },
      );
      expect(byRecovery.status).toBe(200);
      const again = await ts.api(
        'POST',
        '/api/v1/auth/login',
        { email, password: PERSON_PASSWORD, totp: recovery },
        { token: null },
      );
      expect(again.status).toBe(401);

      now += 30_000;
      const off = await ts.api(
        'POST',
        '/api/v1/me/totp/disable',
        { code: totpCode(started.body.secret, totpStep(now)) },
        as,
      );
      expect(off.status).toBe(204);
      expect(await totpOf()).toBe(false);
      await signIn(ts, email);
    });
  });
}
