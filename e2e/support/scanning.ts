import type { Page } from 'playwright-core';
import {
  act,
  makeItem,
  makePartner,
  makeWarehouse,
  receive,
  uniqueCode,
} from '../../packages/server/test/support/fixtures';
import { makePerson, PERSON_PASSWORD } from '../../packages/server/test/support/people';
import type { TestServer } from '../../packages/server/test/support/server';
import { signInThroughPage, type useBrowser } from './browser';

/**
 * A warehouse with two items that carry barcodes (with teas and cups on the shelves when given), and
 * a floor manager who works only there.
 */
export async function floor(ts: TestServer, shelves?: { teas: number; cups: number }) {
  const warehouse = await makeWarehouse(ts);
  const tea = { sku: uniqueCode('TEA'), barcode: uniqueCode('690') };
  const cup = { sku: uniqueCode('CUP'), barcode: uniqueCode('691') };
  for (const item of [tea, cup]) await makeItem(ts, item.sku, { barcodes: [item.barcode] });
  if (shelves)
    await receive(ts, warehouse, [
      { sku: tea.sku, qty: shelves.teas, unitCost: '2' },
      { sku: cup.sku, qty: shelves.cups, unitCost: '5' },
    ]);
  const manager = await makePerson(ts, ['warehouse_manager'], [warehouse]);
  return { warehouse, tea, cup, manager };
}

/** Signs in on a phone-sized page (375 px wide). */
export async function onPhone(open: ReturnType<typeof useBrowser>, ts: TestServer, email: string) {
  const watched = await open({ width: 375, height: 740 });
  await signInThroughPage(watched.page, ts.baseUrl, email, PERSON_PASSWORD);
  await watched.page.getByRole('button', { name: 'Menu' }).waitFor();
  return watched;
}

/** A purchase order of these lines (at a unit cost of 2) into a warehouse, approved: open to receive. */
export async function approvedPurchaseOrder(
  ts: TestServer,
  warehouse: string,
  lines: { sku: string; qty: number }[],
) {
  const supplier = await makePartner(ts, 'suppliers');
  const po = await act(
    ts,
    '/api/v1/purchase-orders',
    { supplier, warehouse, lines: lines.map((l) => ({ ...l, unitCost: '2' })) },
    201,
  );
  await act(ts, `/api/v1/purchase-orders/${po.id}/submit`);
  await act(ts, `/api/v1/purchase-orders/${po.id}/approve`);
  return po;
}

/** Opens the scanning mode from the menu (a drawer on a phone) and a document of one job. */
export async function openScanJob(page: Page, ts: TestServer, job: string, number: string): Promise<void> {
  await page.goto(`${ts.baseUrl}/`);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('menuitem', { name: 'Scan' }).click();
  await page.getByRole('navigation', { name: job }).getByRole('link', { name: number }).click();
  await page.getByRole('button', { name: 'Back to the jobs' }).waitFor();
}

/** How far apart a scanner's keys are stamped (a real one types a code in well under 100 ms). */
const SCANNER_KEY_GAP_S = 0.01;
/** The Enter that closes a code (with what makes it press a form's submit, as a real key does). */
const ENTER = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' };

/**
 * What a keyboard-wedge scanner sends: the code typed in one fast burst, then Enter. Each key
 * carries the time the scanner typed it, as a real scanner's keys do however busy the page is
 * (typed one after another by the test, on a loaded machine they would be stamped far apart).
 */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const keys = [...[...code].map((key) => ({ key, text: key })), ENTER];
  for (const [n, { text, ...key }] of keys.entries()) {
    const timestamp = start + n * SCANNER_KEY_GAP_S;
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      text,
      unmodifiedText: text,
      timestamp,
      ...key,
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp, ...key });
  }
  await cdp.detach();
}

/** The quantity scanned on the card of a SKU, as its field shows it. */
export const scannedQty = (page: Page, sku: string): Promise<string> =>
  page.getByLabel(`Scanned quantity of ${sku}`).inputValue();
