import { post } from '../../src/ledger/post';
import { stockOf, uniqueCode } from './fixtures';
import type { TestServer } from './server';

/**
 * Ships a quantity (in thousandths) of a SKU from a warehouse at an instant, straight through the
 * ledger's `post` as a shipment document will, optionally from one batch.
 */
export async function shipThroughLedger(
  ts: TestServer,
  sku: string,
  warehouse: string,
  qty: bigint,
  at: number,
  batch?: string,
): Promise<void> {
  const { itemId, warehouseId } = (await stockOf(ts, sku, warehouse)) as unknown as {
    itemId: string;
    warehouseId: string;
  };
  await ts.server.database.db
    .transaction()
    .execute((trx) =>
      post(trx, { type: 'shipment', id: uniqueCode('SHIP') }, { userId: null, at }, [
        { direction: 'out', type: 'shipment', line: 1, itemId, warehouseId, qty, batch: batch ?? null },
      ]),
    );
}
