import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/main';
import { testDatabaseKinds } from './support/databases';
import { makePerson, signIn } from './support/people';
import { startAnotherProcess, startTestServer, type TestServer } from './support/server';

// The clock never moves: a remembered sign-in could only be dropped by the revocation itself,
// never by its few seconds in memory running out.
const NOW = Date.parse('2026-06-01T08:00:00Z');
const frozen = () => NOW;

async function statusOf(baseUrl: string, token: string, path = '/api/v1/me'): Promise<number> {
  return (await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).status;
}

/**
 * What each process answers once they all answer `expected` — or, after a few seconds of asking,
 * what they answer then.
 */
async function settled(processes: readonly string[], token: string, expected: number, path = '/api/v1/me') {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const statuses = await Promise.all(processes.map((p) => statusOf(p, token, path)));
    if (statuses.every((s) => s === expected) || Date.now() > deadline) return statuses;
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const kind of testDatabaseKinds()) {
  describe(`revoking a sign-in on ${kind} stops it in every server process`, () => {
    let ts: TestServer;
    let other: { server: Server; baseUrl: string } | null = null;
    let processes: string[] = [];
    beforeAll(async () => {
      ts = await startTestServer(kind, { clock: frozen });
      if (kind === 'postgres') other = await startAnotherProcess(ts, { clock: frozen });
      processes = [ts.baseUrl, ...(other ? [other.baseUrl] : [])];
    });
    afterAll(async () => {
      await other?.server.stop();
      await ts?.stop();
    });

    /** Uses a token on every process, so that each remembers it. */
    async function remembered(token: string): Promise<void> {
      for (const p of processes) expect(await statusOf(p, token)).toBe(200);
    }

    it('a logout', async () => {
      const person = await makePerson(ts, ['viewer']);
      const token = await signIn(ts, person.email);
      await remembered(token);
      expect((await ts.api('POST', '/api/v1/auth/logout', undefined, { token })).status).toBe(204);
      expect(await settled(processes, token, 401)).toEqual(processes.map(() => 401));
    });

    it('a revoked API token', async () => {
      const made = await ts.api<{ id: string; token: string }>('POST', '/api/v1/api-tokens', {
        name: 'till',
        permissions: ['stock.read'],
      });
      expect(made.status).toBe(201);
      await remembered(made.body.token);
      expect((await ts.api('DELETE', `/api/v1/api-tokens/${made.body.id}`)).status).toBe(204);
      expect(await settled(processes, made.body.token, 401)).toEqual(processes.map(() => 401));
    });

    it('a disabled person, and every session an administrator ends', async () => {
      const leaving = await makePerson(ts, ['clerk']);
      const token = await signIn(ts, leaving.email);
      await remembered(token);
      const patch = await ts.api('PATCH', `/api/v1/users/${leaving.id}`, { disabled: true });
      expect(patch.status).toBe(200);
      expect(await settled(processes, token, 401)).toEqual(processes.map(() => 401));

      const staying = await makePerson(ts, ['clerk']);
      const second = await signIn(ts, staying.email);
      await remembered(second);
      expect((await ts.api('DELETE', `/api/v1/users/${staying.id}/sessions`)).status).toBe(204);
      expect(await settled(processes, second, 401)).toEqual(processes.map(() => 401));
    });

    it('a change of roles: every process answers with the new permissions', async () => {
      const person = await makePerson(ts, ['viewer']);
      const token = await signIn(ts, person.email);
      for (const p of processes) expect(await statusOf(p, token, '/api/v1/users')).toBe(403);
      const patch = await ts.api('PATCH', `/api/v1/users/${person.id}`, { roles: ['admin'] });
      expect(patch.status).toBe(200);
      expect(await settled(processes, token, 200, '/api/v1/users')).toEqual(processes.map(() => 200));
    });

    if (kind === 'postgres')
      it('a logout while the processes were not listening: their connections were cut', async () => {
        const person = await makePerson(ts, ['viewer']);
        const token = await signIn(ts, person.email);
        await remembered(token);
        const admin = new pg.Client({ connectionString: ts.database.url });
        await admin.connect();
        try {
          const cut = await admin.query(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%'",
          );
          expect(cut.rowCount).toBe(processes.length);
        } finally {
          await admin.end();
        }
        expect((await ts.api('POST', '/api/v1/auth/logout', undefined, { token })).status).toBe(204);
        expect(await settled(processes, token, 401)).toEqual(processes.map(() => 401));
      });
  });
}
