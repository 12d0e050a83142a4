import { formatDecimal, QTY_SCALE, type Quantity, qty as toQty } from '@onhand/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from './support/databases';
import { killProcess, runCli, type ServerProcess, startServerProcess } from './support/process';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/server';

const SKUS = 3;
const RECEIPT_LOOPS = 4;
const RESERVATION_LOOPS = 8;
/** The stream is killed once at least this many receipts and reservations were acknowledged. */
const ACKNOWLEDGED_BEFORE_KILL = 40;
const OPENING_STOCK = 1_000;

interface Response<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** A signed-in HTTP client of a server process. */
class Client {
  constructor(
    readonly baseUrl: string,
    private token = '',
  ) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...headers,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  static async signIn(baseUrl: string): Promise<Client> {
    const anonymous = new Client(baseUrl);
    const login = await anonymous.call<{ token: string }>('POST', '/api/v1/auth/login', {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
    return new Client(baseUrl, login.body.token);
  }
}

interface ReceiptLine {
  sku: string;
  qty: number;
  unitCost: string;
}

/** One write sent during the stream, and what became of it as far as the client knows. */
interface Sent {
  kind: 'receipt' | 'reservation';
  key: string;
  path: string;
  body:
    | { warehouse: string; lines: ReceiptLine[] }
    | { sku: string; warehouse: string; qty: number; reference: string };
  /** acknowledged: a 201 was received; lost: no answer (the process died); refused: another status. */
  outcome: 'pending' | 'acknowledged' | 'lost' | 'refused';
  status?: number;
  response?: Record<string, unknown>;
}

const thousandths = (n: number): Quantity => toQty(n);
const units = (q: Quantity): number => Number(formatDecimal(q, QTY_SCALE));

/** Sums a quantity per SKU. */
function perSku(entries: { sku: string; qty: number }[]): Map<string, Quantity> {
  const totals = new Map<string, Quantity>();
  for (const e of entries) totals.set(e.sku, (totals.get(e.sku) ?? 0n) + thousandths(e.qty));
  return totals;
}

async function pages<T>(client: Client, path: string): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: Response<{ items: T[]; nextCursor: string | null }> = await client.call(
      'GET',
      `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    all.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
}

for (const kind of testDatabaseKinds()) {
  describe(`crash safety on ${kind}`, () => {
    let database: TestDatabase | undefined;
    let server: ServerProcess | undefined;

    const env = (): Record<string, string> => {
      if (!database) throw new Error('no test database');
      return {
        DATABASE_URL: database.url,
        ONHAND_DEMO: '0',
        ONHAND_ADMIN_EMAIL: ADMIN_EMAIL,
        ONHAND_ADMIN_PASSWORD: ADMIN_PASSWORD,
        ONHAND_TZ: 'UTC',
        LOG_LEVEL: 'warn',
      };
    };

    beforeAll(async () => {
      database = await createTestDatabase(kind);
    });
    afterAll(async () => {
      // Always reap the child, even when an assertion failed half-way.
      if (server) await killProcess(server);
      await database?.drop();
    });

    it('keeps every acknowledged receipt and reservation through a SIGKILL mid-stream', async () => {
      server = await startServerProcess(env());
      let client = await Client.signIn(server.baseUrl);

      const tag = `${kind.slice(0, 2).toUpperCase()}${process.pid}`;
      const warehouse = `CRASH-${tag}`;
      expect(
        (await client.call('POST', '/api/v1/warehouses', { code: warehouse, name: 'Crash' })).status,
      ).toBe(201);
      const skus = Array.from({ length: SKUS }, (_, i) => `CRASH-${tag}-${i}`);
      for (const sku of skus) {
        const res = await client.call('POST', '/api/v1/items', { sku, name: `Crash item ${sku}` });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }

      const sent: Sent[] = [];
      /** Sends a write with its Idempotency-Key; any answer but 201 is a failure of the test. */
      const send = async (c: Client, s: Sent): Promise<void> => {
        let res: Response<Record<string, unknown>>;
        try {
          res = await c.call('POST', s.path, s.body, { 'idempotency-key': s.key });
        } catch {
          s.outcome = 'lost';
          return;
        }
        s.status = res.status;
        s.response = res.body;
        s.outcome = res.status === 201 ? 'acknowledged' : 'refused';
      };

      // Opening stock, acknowledged before the stream starts.
      for (const sku of skus) {
        const s: Sent = {
          kind: 'receipt',
          key: `open-${sku}`,
          path: '/api/v1/receipts',
          body: { warehouse, lines: [{ sku, qty: OPENING_STOCK, unitCost: '1.2345' }] },
          outcome: 'pending',
        };
        sent.push(s);
        await send(client, s);
        expect(s.outcome, JSON.stringify(s.response)).toBe('acknowledged');
      }

      // The stream: parallel loops, each sending its next write as soon as the last is answered,
      // until one gets no answer (the process is gone).
      let stopped = false;
      let serial = 0;
      const nextReceipt = (): Sent => {
        const n = serial++;
        const lines = Array.from({ length: 1 + (n % 2) }, (_, j) => ({
          sku: skus[(n + j) % SKUS] ?? '',
          qty: ((1 + (n % 7)) * 1000 + ((n * 37) % 1000)) / 1000,
          unitCost: `${(n % 50) + 1}.${String((n * 7919) % 10_000).padStart(4, '0')}`,
        }));
        return {
          kind: 'receipt',
          key: `r-${n}`,
          path: '/api/v1/receipts',
          body: { warehouse, lines },
          outcome: 'pending',
        };
      };
      const nextReservation = (): Sent => {
        const n = serial++;
        return {
          kind: 'reservation',
          key: `s-${n}`,
          path: '/api/v1/reservations',
          body: { sku: skus[n % SKUS] ?? '', warehouse, qty: 0.5 + (n % 4) * 0.25, reference: `crash-${n}` },
          outcome: 'pending',
        };
      };
      const loop = async (next: () => Sent): Promise<void> => {
        while (!stopped) {
          const s = next();
          sent.push(s);
          await send(client, s);
          if (s.outcome === 'lost') return;
        }
      };
      const loops = [
        ...Array.from({ length: RECEIPT_LOOPS }, () => loop(nextReceipt)),
        ...Array.from({ length: RESERVATION_LOOPS }, () => loop(nextReservation)),
      ];
      const acknowledged = (k: Sent['kind']) =>
        sent.filter((s) => s.kind === k && s.outcome === 'acknowledged');
      const deadline = Date.now() + 30_000;
      while (
        acknowledged('receipt').length < ACKNOWLEDGED_BEFORE_KILL + SKUS ||
        acknowledged('reservation').length < ACKNOWLEDGED_BEFORE_KILL
      ) {
        if (Date.now() > deadline) throw new Error(`the stream is too slow:\n${server.output()}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 200)));
      const inFlightAtKill = sent.filter((s) => s.outcome === 'pending').length;
      const exit = await killProcess(server, 'SIGKILL');
      stopped = true;
      await Promise.all(loops);
      expect(exit.signal).toBe('SIGKILL');
      expect(inFlightAtKill, 'writes were in flight when the process died').toBeGreaterThan(0);
      expect(
        sent.filter((s) => s.outcome === 'refused').map((s) => [s.kind, s.status, s.response]),
        server.output(),
      ).toEqual([]);

      // The crashed database as it was left: the books agree.
      const crashed = await runCli(['verify'], env());
      expect(crashed.code, crashed.stdout + crashed.stderr).toBe(0);

      server = await startServerProcess(env());
      client = await Client.signIn(server.baseUrl);

      // Every acknowledged receipt is there, exactly as acknowledged.
      const receipts = acknowledged('receipt');
      for (const s of receipts) {
        const id = String(s.response?.id);
        const res = await client.call('GET', `/api/v1/receipts/${id}`);
        expect(res.status, `receipt ${id}`).toBe(200);
        expect(res.body).toEqual(s.response);
        const lines = (res.body.lines as { sku: string; qty: number; unitCost: number }[]).map((l) => ({
          sku: l.sku,
          qty: l.qty,
          unitCost: String(l.unitCost),
        }));
        const body = s.body as { lines: ReceiptLine[] };
        expect(lines).toEqual(body.lines.map((l) => ({ ...l, unitCost: String(Number(l.unitCost)) })));
      }
      // Every acknowledged reservation is there and still active.
      const reservations = acknowledged('reservation');
      for (const s of reservations) {
        const id = String(s.response?.id);
        const res = await client.call('GET', `/api/v1/reservations/${id}`);
        expect(res.status, `reservation ${id}`).toBe(200);
        expect(res.body).toMatchObject({ status: 'active' });
        expect(res.body).toEqual(s.response);
      }

      const lostReceipts = sent.filter((s) => s.kind === 'receipt' && s.outcome === 'lost');
      const receiptLines = (list: Sent[]) => list.flatMap((s) => (s.body as { lines: ReceiptLine[] }).lines);
      const ackedIn = perSku(receiptLines(receipts));
      const sentIn = perSku(receiptLines([...receipts, ...lostReceipts]));
      const ackedReserved = perSku(reservations.map((s) => s.body as { sku: string; qty: number }));
      const expectStock = async (exact: boolean) => {
        for (const sku of skus) {
          const res = await client.call<{ items: { onHand: number; reserved: number; available: number }[] }>(
            'GET',
            `/api/v1/stock?sku=${encodeURIComponent(sku)}&warehouse=${encodeURIComponent(warehouse)}`,
          );
          expect(res.status).toBe(200);
          const row = res.body.items[0];
          if (!row) throw new Error(`no stock row for ${sku}`);
          const onHand = thousandths(row.onHand);
          const reserved = thousandths(row.reserved);
          // Acknowledged receipts all landed; unacknowledged ones may or may not have.
          expect(onHand >= (ackedIn.get(sku) ?? 0n), `${sku}: on hand ${units(onHand)} ≥ acknowledged`).toBe(
            true,
          );
          expect(onHand <= (sentIn.get(sku) ?? 0n), `${sku}: on hand ${units(onHand)} ≤ sent`).toBe(true);
          if (exact) expect(onHand, `${sku}: on hand = every receipt once`).toBe(sentIn.get(sku) ?? 0n);
          // Reserved is exactly the active reservations, which include every acknowledged one.
          const active = await pages<{ id: string; qty: number }>(
            client,
            `/api/v1/reservations?sku=${encodeURIComponent(sku)}&warehouse=${encodeURIComponent(warehouse)}&status=active`,
          );
          const activeQty = active.reduce((acc, r) => acc + thousandths(r.qty), 0n);
          expect(reserved, `${sku}: reserved = active reservations`).toBe(activeQty);
          expect(reserved >= (ackedReserved.get(sku) ?? 0n), `${sku}: reserved ≥ acknowledged`).toBe(true);
          expect(onHand - reserved >= 0n, `${sku}: available ≥ 0`).toBe(true);
          const activeIds = new Set(active.map((r) => r.id));
          const ackedIds = reservations
            .filter((s) => (s.body as { sku: string }).sku === sku)
            .map((s) => s.response?.id);
          expect(ackedIds.filter((id) => !activeIds.has(String(id)))).toEqual([]);
        }
      };
      await expectStock(false);

      const restarted = await runCli(['verify'], env());
      expect(restarted.code, restarted.stdout + restarted.stderr).toBe(0);
      expect(restarted.stdout).toContain('agree');

      // Retrying the unanswered writes with their Idempotency-Keys makes every write count exactly
      // once: a write that landed before the crash replays its answer, one that did not lands now.
      const lost = sent.filter((s) => s.outcome === 'lost');
      for (const s of lost) {
        await send(client, s);
        expect(s.outcome, `retry of ${s.key}: ${s.status} ${JSON.stringify(s.response)}`).toBe(
          'acknowledged',
        );
      }
      const retried = await Promise.all(
        lost.map((s) => client.call('POST', s.path, s.body, { 'idempotency-key': s.key })),
      );
      retried.forEach((res, i) => {
        expect(res.status).toBe(201);
        expect(res.headers.get('idempotent-replayed')).toBe('true');
        expect(res.body).toEqual(lost[i]?.response);
      });
      await expectStock(true);
      for (const sku of skus) {
        const mine = sent.filter((s) => s.kind === 'reservation' && (s.body as { sku: string }).sku === sku);
        const active = await pages<{ reference: string }>(
          client,
          `/api/v1/reservations?sku=${encodeURIComponent(sku)}&status=active`,
        );
        expect(active.map((r) => r.reference).sort()).toEqual(
          mine.map((s) => (s.body as { reference: string }).reference).sort(),
        );
      }
      const allReceipts = await pages<{ id: string }>(client, `/api/v1/receipts?warehouse=${warehouse}`);
      expect(allReceipts).toHaveLength(sent.filter((s) => s.kind === 'receipt').length);

      const final = await runCli(['verify'], env());
      expect(final.code, final.stdout + final.stderr).toBe(0);
    }, 180_000);
  });
}
