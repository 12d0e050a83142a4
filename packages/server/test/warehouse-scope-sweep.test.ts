import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { act, makeItem, makePartner, makeWarehouse, receive } from './support/fixtures';
import { signInAs } from './support/people';
import { useTestServer } from './support/server';

const now = Date.parse('2026-11-20T03:00:00Z');

/** Every kind of record a warehouse can have, made in one warehouse (and a transfer to another). */
async function busyWarehouse(
  ts: ReturnType<ReturnType<typeof useTestServer>>,
  theirs: string,
  third: string,
) {
  const sku = await makeItem(ts);
  const milk = await makeItem(ts, undefined, { batchTracked: true, expiryTracked: true });
  const supplier = await makePartner(ts, 'suppliers');
  expect((await ts.api('POST', `/api/v1/warehouses/${theirs}/bins`, { code: 'T-01' })).status).toBe(201);
  const receipt = await receive(ts, theirs, [
    { sku, qty: 100, unitCost: 2, bin: 'T-01' },
    { sku: milk, qty: 20, unitCost: 3, batch: 'M1', expiresOn: '2026-11-25' },
  ]);
  const reservation = await ts.api<{ id: string }>('POST', '/api/v1/reservations', {
    sku,
    warehouse: theirs,
    qty: 1,
    reference: 'hold',
  });
  expect(reservation.status).toBe(201);
  const order = await act(
    ts,
    '/api/v1/purchase-orders',
    { supplier, warehouse: theirs, lines: [{ sku, qty: 5, unitCost: 2 }] },
    201,
  );
  await act(ts, `/api/v1/purchase-orders/${order.id}/submit`);
  await act(ts, `/api/v1/purchase-orders/${order.id}/approve`);
  const purchaseReturn = await act(
    ts,
    '/api/v1/purchase-returns',
    { supplier, warehouse: theirs, lines: [{ sku, qty: 1 }] },
    201,
  );
  const sale = await act(
    ts,
    '/api/v1/sales-orders',
    { warehouse: theirs, lines: [{ sku, qty: 4, unitPrice: 9 }] },
    201,
  );
  await act(ts, `/api/v1/sales-orders/${sale.id}/ship`, { lines: [{ sku, qty: 2 }] });
  const saleReturn = await act(
    ts,
    `/api/v1/sales-orders/${sale.id}/returns`,
    { lines: [{ sku, qty: 1, disposition: 'quarantine', reason: 'dented' }] },
    201,
  );
  const transfer = await act(
    ts,
    '/api/v1/transfers',
    { from: theirs, to: third, lines: [{ sku, qty: 3 }] },
    201,
  );
  await act(ts, `/api/v1/transfers/${transfer.id}/confirm`);
  await act(ts, `/api/v1/transfers/${transfer.id}/ship`);
  await act(
    ts,
    '/api/v1/quarantine/hold',
    { warehouse: theirs, lines: [{ sku, qty: 1, reason: 'wet' }] },
    201,
  );
  await act(
    ts,
    '/api/v1/bin-moves',
    { warehouse: theirs, lines: [{ sku, qty: 1, from: 'T-01', to: 'DEFAULT' }] },
    201,
  );
  const writeOff = await act(
    ts,
    '/api/v1/write-offs',
    { warehouse: theirs, lines: [{ sku: milk, qty: 1, reason: 'damage', batch: 'M1' }] },
    201,
  );
  const stocktake = await act(ts, '/api/v1/stocktakes', { warehouse: theirs, skus: [sku] }, 201);
  await act(ts, `/api/v1/stocktakes/${stocktake.id}/counts`, { lines: [{ sku, countedQty: 80 }] });
  return {
    sku,
    ids: {
      receipt: String(receipt.id),
      reservation: reservation.body.id,
      order: order.id,
      purchaseReturn: purchaseReturn.id,
      sale: sale.id,
      saleReturn: saleReturn.id,
      transfer: transfer.id,
      writeOff: writeOff.id,
      stocktake: stocktake.id,
    },
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`warehouse scope on ${kind}: nothing of another warehouse shows anywhere`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('no list, filter, report, export or document shows it, and no action reaches it', async () => {
      const ts = server();
      const mine = await makeWarehouse(ts);
      const theirs = await makeWarehouse(ts);
      const third = await makeWarehouse(ts);
      const { sku, ids } = await busyWarehouse(ts, theirs, third);
      await receive(ts, mine, [{ sku, qty: 7, unitCost: 2 }]);
      const secrets = [theirs, third, ...Object.values(ids)];

      for (const role of ['warehouse_manager', 'finance', 'viewer']) {
        const token = await signInAs(ts, role, [mine]);
        const leaks: string[] = [];
        const reads = [
          '/api/v1/warehouses',
          `/api/v1/warehouses/${theirs}`,
          `/api/v1/warehouses/${theirs}/bins`,
          '/api/v1/stock',
          `/api/v1/stock?warehouse=${theirs}`,
          `/api/v1/stock?sku=${sku}`,
          '/api/v1/ledger',
          `/api/v1/ledger?warehouse=${theirs}`,
          `/api/v1/ledger?sku=${sku}`,
          '/api/v1/stock/as-of?date=2026-11-21',
          '/api/v1/stock/as-of?date=2026-11-21&format=csv',
          `/api/v1/stock/as-of?date=2026-11-21&warehouse=${theirs}`,
          '/api/v1/reports/valuation',
          '/api/v1/reports/valuation?format=csv',
          `/api/v1/reports/valuation?warehouse=${theirs}`,
          '/api/v1/reports/movement?from=2026-11-01&to=2026-11-30',
          '/api/v1/reports/movement?from=2026-11-01&to=2026-11-30&format=csv',
          `/api/v1/reports/movement?from=2026-11-01&to=2026-11-30&warehouse=${theirs}`,
          '/api/v1/reports/losses?from=2026-11-01&to=2026-11-30',
          '/api/v1/reports/losses?from=2026-11-01&to=2026-11-30&format=csv',
          '/api/v1/reports/expiring?days=30',
          '/api/v1/reports/expiring?days=30&format=csv',
          '/api/v1/stock/batches',
          '/api/v1/stock/batches?format=csv',
          `/api/v1/stock/batches?warehouse=${theirs}`,
          '/api/v1/stock/bins',
          `/api/v1/stock/bins?warehouse=${theirs}`,
          '/api/v1/quarantine',
          `/api/v1/quarantine?warehouse=${theirs}`,
          '/api/v1/reservations',
          `/api/v1/reservations?warehouse=${theirs}`,
          `/api/v1/reservations/${ids.reservation}`,
          '/api/v1/receipts',
          `/api/v1/receipts/${ids.receipt}`,
          ...[
            ['purchase-orders', ids.order],
            ['purchase-returns', ids.purchaseReturn],
            ['sales-orders', ids.sale],
            ['sales-returns', ids.saleReturn],
            ['transfers', ids.transfer],
            ['write-offs', ids.writeOff],
            ['stocktakes', ids.stocktake],
          ].flatMap(([collection, id]) => [
            `/api/v1/${collection}`,
            `/api/v1/${collection}?warehouse=${theirs}`,
            `/api/v1/${collection}?sku=${sku}`,
            `/api/v1/${collection}/${id}`,
          ]),
          `/api/v1/sales-orders/${ids.sale}/returns`,
          `/api/v1/stocktakes/${ids.stocktake}/variances`,
        ];
        for (const path of reads) {
          const res = await ts.api('GET', path, undefined, { token });
          const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
          // A 404 may repeat what the caller asked for; anything else it shows was not theirs to see.
          const shown = secrets.filter((s) => text.includes(s) && !path.includes(s));
          if (res.status >= 500 || shown.length > 0)
            leaks.push(`${role} GET ${path}: ${res.status} shows ${shown}`);
        }
        expect(leaks).toEqual([]);
        // What is theirs to see, they do see.
        const own = await ts.api<{ items: { warehouse: string; onHand: number }[] }>(
          'GET',
          `/api/v1/stock?sku=${sku}`,
          undefined,
          { token },
        );
        expect(own.body.items).toEqual([expect.objectContaining({ warehouse: mine, onHand: 7 })]);
        const valuation = await ts.api('GET', '/api/v1/reports/valuation?format=csv', undefined, { token });
        expect(valuation.status).toBe(200);
        expect(String(valuation.body)).toContain(mine);
      }

      // A manager of their own warehouse cannot act on the other one's records either.
      const token = await signInAs(ts, 'warehouse_manager', [mine]);
      const writes: [string, unknown][] = [
        [`/api/v1/reservations/${ids.reservation}/release`, undefined],
        [`/api/v1/purchase-orders/${ids.order}/receive`, { lines: [{ sku, qty: 1 }] }],
        [`/api/v1/purchase-orders/${ids.order}/close`, undefined],
        [`/api/v1/purchase-returns/${ids.purchaseReturn}/post`, undefined],
        [`/api/v1/sales-orders/${ids.sale}/ship`, undefined],
        [`/api/v1/sales-orders/${ids.sale}/cancel`, undefined],
        [
          `/api/v1/sales-orders/${ids.sale}/returns`,
          { lines: [{ sku, qty: 1, disposition: 'restock', reason: 'x' }] },
        ],
        [`/api/v1/transfers/${ids.transfer}/receive`, undefined],
        [`/api/v1/write-offs/${ids.writeOff}/post`, undefined],
        [`/api/v1/stocktakes/${ids.stocktake}/counts`, { lines: [{ sku, countedQty: 1 }] }],
        [`/api/v1/stocktakes/${ids.stocktake}/post`, undefined],
        [`/api/v1/warehouses/${theirs}/bins`, { code: 'X-01' }],
        ['/api/v1/quarantine/release', { warehouse: theirs, lines: [{ sku, qty: 1 }] }],
        ['/api/v1/bin-moves', { warehouse: theirs, lines: [{ sku, qty: 1, from: 'DEFAULT', to: 'T-01' }] }],
        ['/api/v1/stocktakes', { warehouse: theirs }],
        ['/api/v1/receipts', { warehouse: theirs, lines: [{ sku, qty: 1, unitCost: 1 }] }],
        ['/api/v1/transfers', { from: theirs, to: mine, lines: [{ sku, qty: 1 }] }],
        ['/api/v1/sales-orders', { warehouse: theirs, lines: [{ sku, qty: 1, unitPrice: 1 }] }],
      ];
      const ledgerOfTheirs = async () =>
        (await ts.api('GET', `/api/v1/ledger?warehouse=${theirs}&limit=500`)).body;
      const before = await ledgerOfTheirs();
      const reached: string[] = [];
      for (const [path, body] of writes) {
        const res = await ts.api('POST', path, body, { token });
        if (res.status !== 403 && res.status !== 404) reached.push(`POST ${path}: ${res.status}`);
      }
      expect(reached).toEqual([]);
      const patched = await ts.api('PATCH', `/api/v1/warehouses/${theirs}`, { name: 'mine now' }, { token });
      expect([403, 404]).toContain(patched.status);
      expect(await ledgerOfTheirs()).toEqual(before);
    });
  });
}
