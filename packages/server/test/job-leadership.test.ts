import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/main';
import { testDatabaseKinds } from './support/databases';
import { stockedItem } from './support/fixtures';
import { startAnotherProcess, startTestServer, type TestServer } from './support/server';

/** Asks until `done` holds or a few seconds have passed; returns whether it holds. */
async function eventually(done: () => boolean | Promise<boolean>, withinMs = 8_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!(await done())) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

for (const kind of testDatabaseKinds()) {
  describe(`scheduled jobs on ${kind} run in one process at a time`, () => {
    let ts: TestServer;
    let processes: Server[] = [];
    let other: Server | null = null;
    const stopped = new Set<Server>();
    beforeAll(async () => {
      ts = await startTestServer(kind, { jobs: true });
      // The embedded database is served by one process; PostgreSQL by several.
      if (kind === 'postgres') other = (await startAnotherProcess(ts, { jobs: true })).server;
      processes = [ts.server, ...(other ? [other] : [])];
    });
    afterAll(async () => {
      if (other && !stopped.has(other)) await other.stop();
      if (stopped.has(ts.server)) await ts.database.drop();
      else await ts.stop();
    });

    const leaders = () => processes.filter((p) => p.database.leadership.leading);

    it('one process leads; when it stops another takes over and still releases expired reservations', async () => {
      expect(await eventually(() => leaders().length === 1)).toBe(true);
      // Over a few of the followers' tries, there is never a second leader.
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 500));
        expect(leaders()).toHaveLength(1);
      }
      const { wh, sku } = await stockedItem(ts, 10, 1);
      if (other) {
        const [leader] = leaders();
        if (!leader) throw new Error('no leader');
        await leader.stop();
        stopped.add(leader);
        processes = processes.filter((p) => p !== leader);
        expect(await eventually(() => leaders().length === 1)).toBe(true);
      }
      const survivor = processes[0];
      if (!survivor) throw new Error('no process left');
      const reservation = await fetch(`${baseUrlOf(survivor)}/api/v1/reservations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ts.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          sku,
          warehouse: wh,
          qty: 3,
          reference: 'expires soon',
          expiresAt: new Date(Date.now() + 1_000).toISOString(),
        }),
      });
      expect(reservation.status).toBe(201);
      const { id } = (await reservation.json()) as { id: string };
      // Read the row itself, not through the API (which also expires lazily when asked).
      const expired = await eventually(async () => {
        const row = await survivor.database.db
          .selectFrom('reservations')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirst();
        return row?.status === 'expired';
      });
      expect(expired).toBe(true);
    });
  });
}

function baseUrlOf(server: Server): string {
  const address = server.app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}
