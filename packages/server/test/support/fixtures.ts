import { expect } from 'vitest';
import { verifyLedger } from '../../src/ledger/verify';
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
  lines: {
    sku: string;
    qty: number;
    unitCost: number | string;
    batch?: string;
    expiresOn?: string;
    bin?: string;
  }[],
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

/** Creates a supplier (or customer) and returns its code. */
export async function makePartner(
  ts: TestServer,
  kind: 'suppliers' | 'customers',
  code = uniqueCode(kind === 'suppliers' ? 'SUP' : 'CUS'),
): Promise<string> {
  const res = await ts.api('POST', `/api/v1/${kind}`, { code, name: `Partner ${code}` });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return code;
}

/** A document as the API answers it. */
export interface Doc {
  id: string;
  number: string;
  status: string;
  version: number;
  actions: string[];
  lines: Record<string, unknown>[];
  history: { action: string; fromStatus: string | null; toStatus: string }[];
  [field: string]: unknown;
}

/** Calls a document endpoint and checks the status it answers with; returns the body. */
export async function act(
  ts: TestServer,
  path: string,
  body?: unknown,
  expected = 200,
  headers: Record<string, string> = {},
): Promise<Doc> {
  const res = await ts.api<Doc>('POST', path, body, { headers });
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(expected);
  return res.body;
}

/** Checks that the ledger, balances and cost layers agree (what `onhand verify` checks). */
export async function expectBooksAgree(ts: TestServer): Promise<void> {
  expect(await verifyLedger(ts.server.database.db)).toEqual([]);
}
