import { expect } from 'vitest';
import type { TestServer } from './server';

let counter = 0;
/** A code no other test in this process uses. */
export function uniqueCode(prefix: string): string {
  counter++;
  return `${prefix}-${process.pid}-${counter}`;
}

/** Creates a warehouse and returns its code. */
export async function makeWarehouse(ts: TestServer, code = uniqueCode('WH')): Promise<string> {
  const res = await ts.api('POST', '/api/v1/warehouses', { code, name: `Warehouse ${code}` });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return code;
}

/** Creates an item and returns its SKU. */
export async function makeItem(
  ts: TestServer,
  sku = uniqueCode('SKU'),
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await ts.api('POST', '/api/v1/items', { sku, name: `Item ${sku}`, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return sku;
}

/** Posts a receipt of lines into a warehouse. */
export async function receive(
  ts: TestServer,
  warehouse: string,
  lines: { sku: string; qty: number; unitCost: number | string; batch?: string; expiresOn?: string }[],
) {
  const res = await ts.api('POST', '/api/v1/receipts', { warehouse, lines });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** The stock row of a SKU in a warehouse. */
export async function stockOf(ts: TestServer, sku: string, warehouse: string) {
  const res = await ts.api<{ items: Record<string, number>[] }>(
    'GET',
    `/api/v1/stock?sku=${encodeURIComponent(sku)}&warehouse=${encodeURIComponent(warehouse)}`,
  );
  expect(res.status).toBe(200);
  return res.body.items[0];
}

/** A new warehouse and a new item with `qty` received at `unitCost`: the start of most stock stories. */
export async function stockedItem(
  ts: TestServer,
  qty: number,
  unitCost: number | string,
): Promise<{ wh: string; sku: string }> {
  const wh = await makeWarehouse(ts);
  const sku = await makeItem(ts);
  await receive(ts, wh, [{ sku, qty, unitCost }]);
  return { wh, sku };
}
