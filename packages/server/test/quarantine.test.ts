import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { act, expectBooksAgree, stockedItem, stockOf } from './support/fixtures';
import { useTestServer } from './support/server';

const now = Date.parse('2026-11-08T03:00:00Z');

for (const kind of testDatabaseKinds()) {
  describe(`quarantine on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('holds damaged stock back from sale and releases it after inspection, on hand unchanged', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, 1);
      const held = await act(
        ts,
        '/api/v1/quarantine/hold',
        { warehouse: wh, lines: [{ sku, qty: 4, reason: 'wet boxes' }] },
        201,
      );
      expect(held).toMatchObject({ action: 'hold', lines: [{ sku, qty: 4, reason: 'wet boxes' }] });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 10, quarantined: 4, available: 6 });
      const listed = await ts.api<{ items: { sku: string; qty: number }[] }>(
        'GET',
        `/api/v1/quarantine?warehouse=${wh}`,
      );
      expect(listed.body.items).toEqual([expect.objectContaining({ sku, qty: 4 })]);

      const so = await ts.api('POST', '/api/v1/sales-orders', {
        warehouse: wh,
        lines: [{ sku, qty: 7, unitPrice: 1 }],
      });
      expect(so.body).toMatchObject({ code: 'insufficient_stock', errors: [{ available: 6 }] });

      const tooMuch = await ts.api('POST', '/api/v1/quarantine/release', {
        warehouse: wh,
        lines: [{ sku, qty: 5 }],
      });
      expect(tooMuch.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.0.qty' }] });
      const overHold = await ts.api('POST', '/api/v1/quarantine/hold', {
        warehouse: wh,
        lines: [{ sku, qty: 7 }],
      });
      expect(overHold.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.0.qty' }] });

      await act(ts, '/api/v1/quarantine/release', { warehouse: wh, lines: [{ sku, qty: 4 }] }, 201);
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 10, quarantined: 0, available: 10 });
      await expectBooksAgree(ts);
    });

    it('writes off goods held in quarantine at their FIFO cost, and refuses more than is held', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 10, '2.5');
      await act(ts, '/api/v1/quarantine/hold', { warehouse: wh, lines: [{ sku, qty: 3 }] }, 201);
      const tooMuch = await act(
        ts,
        '/api/v1/write-offs',
        { warehouse: wh, lines: [{ sku, qty: 4, reason: 'damage', fromQuarantine: true }] },
        201,
      );
      const refused = await ts.api('POST', `/api/v1/write-offs/${tooMuch.id}/post`);
      expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.0.qty' }] });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 10, quarantined: 3, available: 7 });

      const wo = await act(
        ts,
        '/api/v1/write-offs',
        { warehouse: wh, lines: [{ sku, qty: 3, reason: 'damage', fromQuarantine: true }] },
        201,
      );
      expect(wo.lines[0]).toMatchObject({ fromQuarantine: true });
      const posted = await act(ts, `/api/v1/write-offs/${wo.id}/post`);
      expect(posted).toMatchObject({ status: 'posted', totalValue: 7.5 });
      expect(await stockOf(ts, sku, wh)).toMatchObject({ onHand: 7, quarantined: 0, available: 7 });
      await expectBooksAgree(ts);
    });
  });
}
