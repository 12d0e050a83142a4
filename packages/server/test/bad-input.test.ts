import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makeWarehouse, stockedItem, stockOf } from './support/fixtures';
import { type TestServer, useTestServer } from './support/server';

async function ledgerCount(ts: TestServer): Promise<number> {
  const rows = await ts.server.database.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(rows.n);
}

/**
 * Posts a receipt that must be refused with 400 validation_failed naming exactly `errors`, and
 * checks that nothing reached the ledger or the stock of the SKU.
 */
async function expectRefusedReceipt(
  ts: TestServer,
  wh: string,
  sku: string,
  lines: unknown[],
  errors: unknown[],
): Promise<void> {
  const before = await ledgerCount(ts);
  const res = await ts.api('POST', '/api/v1/receipts', { warehouse: wh, lines });
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ code: 'validation_failed', status: 400 });
  expect(res.body.errors).toEqual(errors);
  expect(await ledgerCount(ts)).toBe(before);
  expect(await stockOf(ts, sku, wh)).toBeUndefined();
}

for (const kind of testDatabaseKinds()) {
  describe(`bad input on ${kind}`, () => {
    const server = useTestServer(kind);

    const badQuantities: [string, unknown, string][] = [
      ['missing', undefined, 'is required'],
      ['negative', -5, 'must be greater than 0'],
      ['zero', 0, 'must be greater than 0'],
      ['non-numeric', 'ten', 'must be a number'],
      ['numeric text', '5', 'must be a number'],
      ['over-precise', 1.0005, 'must have at most 3 decimal places'],
      ['null', null, 'must be a number'],
    ];
    for (const [label, qty, message] of badQuantities) {
      it(`refuses a ${label} quantity naming lines.1.qty, and changes nothing`, async () => {
        const ts = server();
        const wh = await makeWarehouse(ts);
        const sku = await makeItem(ts);
        await expectRefusedReceipt(
          ts,
          wh,
          sku,
          [
            { sku, qty: 1, unitCost: 1 },
            { sku, qty, unitCost: 1 },
          ],
          [{ path: 'lines.1.qty', message }],
        );
      });
    }

    it('refuses over-precise money naming the field, and changes nothing', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await expectRefusedReceipt(
        ts,
        wh,
        sku,
        [{ sku, qty: 1, unitCost: '1.23456' }],
        [expect.objectContaining({ path: 'lines.0.unitCost' })],
      );
    });

    it('refuses a whole document when one line names an unknown SKU, naming that line', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      await expectRefusedReceipt(
        ts,
        wh,
        sku,
        [
          { sku, qty: 1, unitCost: 1 },
          { sku, qty: 2, unitCost: 1 },
          { sku: 'NO-SUCH-SKU', qty: 3, unitCost: 1 },
        ],
        [expect.objectContaining({ path: 'lines.2.sku' })],
      );
    });

    it('names an unknown warehouse and an unknown SKU of a reservation', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const unknownSku = await ts.api('POST', '/api/v1/reservations', {
        sku: 'NOPE',
        warehouse: wh,
        qty: 1,
        reference: 'x',
      });
      expect(unknownSku.status).toBe(400);
      expect(unknownSku.body.errors).toEqual([expect.objectContaining({ path: 'sku' })]);
      const sku = await makeItem(ts);
      const unknownWh = await ts.api('POST', '/api/v1/reservations', {
        sku,
        warehouse: 'NOWHERE',
        qty: 1,
        reference: 'x',
      });
      expect(unknownWh.status).toBe(400);
      expect(unknownWh.body.errors).toEqual([expect.objectContaining({ path: 'warehouse' })]);
    });

    it('refuses a reservation that would expire in the past, naming expiresAt', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 5, 1);
      const past = await ts.api('POST', '/api/v1/reservations', {
        sku,
        warehouse: wh,
        qty: 1,
        reference: 'r',
        expiresAt: '2020-01-01T00:00:00Z',
      });
      expect(past.status).toBe(400);
      expect(past.body.errors).toEqual([{ path: 'expiresAt', message: 'must be in the future' }]);
      const noZone = await ts.api('POST', '/api/v1/reservations', {
        sku,
        warehouse: wh,
        qty: 1,
        reference: 'r',
        expiresAt: '2030-01-01T00:00:00',
      });
      expect(noZone.status).toBe(400);
      expect(noZone.body.errors).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ reserved: 0 });
    });

    it('answers malformed JSON with validation_failed and changes nothing', async () => {
      const ts = server();
      const before = await ledgerCount(ts);
      const res = await ts.api('POST', '/api/v1/receipts', undefined, {
        raw: '{"warehouse": "A", "lines": [',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(await ledgerCount(ts)).toBe(before);
    });

    it('answers an oversized body with 413 payload_too_large and changes nothing', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts);
      const lines = Array.from({ length: 20_000 }, () => ({
        sku,
        qty: 1,
        unitCost: 1,
        batch: 'x'.repeat(40),
      }));
      const res = await ts.api('POST', '/api/v1/receipts', { warehouse: wh, lines });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'payload_too_large', status: 413 });
      expect(await stockOf(ts, sku, wh)).toBeUndefined();
    });

    it('names each missing field of an item and refuses a non-JSON content type', async () => {
      const ts = server();
      const res = await ts.api('POST', '/api/v1/items', {});
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { path: 'sku', message: 'is required' },
          { path: 'name', message: 'is required' },
        ]),
      );
      const text = await ts.api('POST', '/api/v1/items', undefined, {
        raw: 'sku=A',
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.status).toBe(415);
      expect(text.body).toMatchObject({ code: 'unsupported_media_type' });
    });

    it('keeps stock unchanged after a refused reservation of an over-precise quantity', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 5, 1);
      const res = await ts.api('POST', '/api/v1/reservations', {
        sku,
        warehouse: wh,
        qty: 0.0001,
        reference: 'r',
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'qty', message: 'must have at most 3 decimal places' }]);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ reserved: 0, available: 5 });
    });
  });
}
