import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addRule } from '../packages/server/test/support/approvals';
import { act, makeItem, makeWarehouse, stockOf, uniqueCode } from '../packages/server/test/support/fixtures';
import { makePerson } from '../packages/server/test/support/people';
import { useTestServer } from '../packages/server/test/support/server';
import { describeInBrowser, screenshot, useBrowser } from './support/browser';
import {
  approvedPurchaseOrder,
  floor,
  onPhone,
  openScanJob,
  scannedQty,
  wedgeScan,
} from './support/scanning';

const message = (page: Page) => page.locator('output.scan-message');

// The browser flows run on the embedded database; the same API actions run on both databases in
// the server tests (purchase orders, sales orders, stocktakes).
describeInBrowser('scanning mode with a keyboard-wedge scanner', () => {
  const server = useTestServer('sqlite');
  const open = useBrowser();

  it('receives a purchase order by scanning barcodes, refuses an unknown one, and receives what was scanned', async () => {
    const ts = server();
    const { warehouse, tea, cup, manager } = await floor(ts);
    const po = await approvedPurchaseOrder(ts, warehouse, [
      { sku: tea.sku, qty: 3 },
      { sku: cup.sku, qty: 2 },
    ]);

    const { page, problems } = await onPhone(open, ts, manager.email);
    await openScanJob(page, ts, 'Receive against a purchase order', po.number);
    await wedgeScan(page, tea.barcode);
    await expect.poll(() => scannedQty(page, tea.sku)).toBe('1');
    await wedgeScan(page, tea.barcode);
    await wedgeScan(page, cup.sku);
    await expect.poll(() => scannedQty(page, tea.sku)).toBe('2');
    await expect.poll(() => scannedQty(page, cup.sku)).toBe('1');
    await expect.poll(() => message(page).innerText()).toContain(`+1 ${cup.sku}`);
    await expect(
      page.getByRole('article', { name: tea.sku, exact: true }).getAttribute('aria-current'),
    ).resolves.toBe(null);
    await expect(
      page.getByRole('article', { name: cup.sku, exact: true }).getAttribute('aria-current'),
    ).resolves.toBe('true');
    await wedgeScan(page, 'NO-SUCH-CODE');
    await expect.poll(() => message(page).innerText()).toBe('Unknown barcode: NO-SUCH-CODE');
    await expect.poll(() => scannedQty(page, tea.sku)).toBe('2');
    // Typing at a person's pace outside a field is not a scan.
    await page.keyboard.type(tea.barcode, { delay: 150 });
    await page.keyboard.press('Enter');
    await expect.poll(() => scannedQty(page, tea.sku)).toBe('2');
    // A scan while the cursor is in a quantity is a scan: the code does not stay in the field.
    const teaQty = page.getByLabel(`Scanned quantity of ${tea.sku}`);
    await teaQty.click();
    await wedgeScan(page, tea.barcode);
    await expect.poll(() => scannedQty(page, tea.sku)).toBe('3');
    await expect.poll(() => message(page).innerText()).toContain(`+1 ${tea.sku}`);
    // A quantity typed by hand stays as typed.
    await teaQty.press('ControlOrMeta+a');
    await page.keyboard.type('2', { delay: 150 });
    await page.keyboard.press('Enter');
    await expect.poll(() => scannedQty(page, tea.sku)).toBe('2');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'scan-receive');

    await page.getByRole('button', { name: 'Receive 3' }).click();
    await page.getByText(`${po.number}: Partially received`).waitFor();
    expect((await stockOf(ts, tea.sku, warehouse))?.onHand).toBe(2);
    expect((await stockOf(ts, cup.sku, warehouse))?.onHand).toBe(1);
    const after = await ts.api<{ status: string; lines: { sku: string; receivedQty: number }[] }>(
      'GET',
      `/api/v1/purchase-orders/${po.id}`,
    );
    expect(after.body.status).toBe('partially_received');
    expect(after.body.lines.map((l) => [l.sku, l.receivedQty])).toEqual([
      [tea.sku, 2],
      [cup.sku, 1],
    ]);
    expect(problems).toEqual([]);
  });

  it('refuses receiving more than ordered, naming the SKU, and asks a tracked item for its batch and expiry', async () => {
    const ts = server();
    const warehouse = await makeWarehouse(ts);
    const lot = { sku: uniqueCode('MILK'), barcode: uniqueCode('692') };
    await makeItem(ts, lot.sku, { barcodes: [lot.barcode], batchTracked: true, expiryTracked: true });
    const manager = await makePerson(ts, ['warehouse_manager'], [warehouse]);
    const po = await approvedPurchaseOrder(ts, warehouse, [{ sku: lot.sku, qty: 2 }]);

    const { page, problems } = await onPhone(open, ts, manager.email);
    await openScanJob(page, ts, 'Receive against a purchase order', po.number);
    for (let i = 0; i < 3; i++) await wedgeScan(page, lot.barcode);
    await expect.poll(() => scannedQty(page, lot.sku)).toBe('3');
    await page.getByRole('article', { name: lot.sku }).getByText('More than expected').waitFor();
    await page.getByLabel(`Batch of ${lot.sku}`).fill('B7');
    await page.getByLabel(`Expiry date of ${lot.sku}`).fill('2030-05-31');
    await page.getByRole('button', { name: 'Receive 3' }).click();
    await page
      .getByRole('alert')
      .getByText(`${lot.sku}: is more than the open quantity of ${lot.sku} (2)`)
      .waitFor();
    expect(await stockOf(ts, lot.sku, warehouse)).toMatchObject({ onHand: 0, incoming: 2 });

    await page.getByRole('button', { name: `One less ${lot.sku}` }).click();
    await page.getByRole('button', { name: 'Receive 2' }).click();
    await page.getByText(`${po.number}: Received`).waitFor();
    const ledger = await ts.api<{ items: { qty: number; batch: string | null }[] }>(
      'GET',
      `/api/v1/ledger?sku=${encodeURIComponent(lot.sku)}&warehouse=${warehouse}`,
    );
    expect(ledger.body.items.map((e) => [e.qty, e.batch])).toEqual([[2, 'B7']]);
    expect(problems).toEqual([]);
  });

  it('picks a sales order by scanning, with the stepper, and ships what was picked', async () => {
    const ts = server();
    const { warehouse, tea, cup, manager } = await floor(ts, { teas: 10, cups: 10 });
    const so = await act(
      ts,
      '/api/v1/sales-orders',
      {
        warehouse,
        lines: [
          { sku: tea.sku, qty: 2, unitPrice: '9' },
          { sku: cup.sku, qty: 1, unitPrice: '12' },
        ],
      },
      201,
    );

    const { page, problems } = await onPhone(open, ts, manager.email);
    await openScanJob(page, ts, 'Pick a sales order', so.number);
    await wedgeScan(page, tea.barcode);
    await wedgeScan(page, cup.barcode);
    await expect.poll(() => scannedQty(page, cup.sku)).toBe('1');
    // The stepper: one more tea by a tap (the button is at least 48 px square).
    const more = page.getByRole('button', { name: `One more ${tea.sku}` });
    const box = await more.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(48);
    expect(box?.height).toBeGreaterThanOrEqual(48);
    await more.click();
    await expect.poll(() => scannedQty(page, tea.sku)).toBe('2');
    // A scan right after the tap is a scan, not a second press of the focused button.
    await wedgeScan(page, 'UNKNOWN-42');
    await expect.poll(() => message(page).innerText()).toBe('Unknown barcode: UNKNOWN-42');
    await expect.poll(() => scannedQty(page, tea.sku)).toBe('2');
    await screenshot(page, 'scan-pick');

    await page.getByRole('button', { name: 'Ship 3' }).click();
    await page.getByText(`${so.number}: Shipped`).waitFor();
    const shipped = await ts.api<{ status: string }>('GET', `/api/v1/sales-orders/${so.id}`);
    expect(shipped.body.status).toBe('shipped');
    expect(await stockOf(ts, tea.sku, warehouse)).toMatchObject({ onHand: 8, reserved: 0 });
    expect(await stockOf(ts, cup.sku, warehouse)).toMatchObject({ onHand: 9, reserved: 0 });
    expect(problems).toEqual([]);
  });

  it('counts a stocktake with a variance and posts it', async () => {
    const ts = server();
    const { warehouse, tea, cup, manager } = await floor(ts, { teas: 10, cups: 4 });
    const st = await act(ts, '/api/v1/stocktakes', { warehouse, skus: [tea.sku, cup.sku] }, 201);

    const { page, problems } = await onPhone(open, ts, manager.email);
    await openScanJob(page, ts, 'Count a stocktake', st.number);
    await wedgeScan(page, tea.barcode);
    // Nine teas on the shelf: typed into the quantity after the first scan; Enter ends the typing.
    const teas = page.getByLabel(`Scanned quantity of ${tea.sku}`);
    await teas.fill('9');
    await teas.press('Enter');
    await expect(page.getByRole('button', { name: `One less ${tea.sku}` }).isEnabled()).resolves.toBe(true);
    for (let i = 0; i < 4; i++) await wedgeScan(page, cup.barcode);
    await expect.poll(() => scannedQty(page, cup.sku)).toBe('4');
    expect(await teas.inputValue()).toBe('9');
    await expect.poll(() => page.locator('.scan-progress').innerText()).toContain('13 of 14');
    await screenshot(page, 'scan-count');

    await page.getByRole('button', { name: 'Record counts and post' }).click();
    await page.getByText(`${st.number}: Posted`).waitFor();
    expect((await stockOf(ts, tea.sku, warehouse))?.onHand).toBe(9);
    expect((await stockOf(ts, cup.sku, warehouse))?.onHand).toBe(4);
    const ledger = await ts.api<{ items: { type: string; qty: number }[] }>(
      'GET',
      `/api/v1/ledger?sku=${encodeURIComponent(tea.sku)}&warehouse=${warehouse}&type=adjustment`,
    );
    expect(ledger.body.items.map((e) => e.qty)).toEqual([-1]);
    expect(problems).toEqual([]);
  });

  it('records the counts of a stocktake whose posting a rule holds for a second person', async () => {
    const ts = server();
    const { warehouse, tea, manager } = await floor(ts, { teas: 3, cups: 1 });
    await addRule(ts, { action: 'stocktake.post', warehouses: [warehouse] });
    const st = await act(ts, '/api/v1/stocktakes', { warehouse, skus: [tea.sku] }, 201);

    const { page, problems } = await onPhone(open, ts, manager.email);
    await openScanJob(page, ts, 'Count a stocktake', st.number);
    await wedgeScan(page, tea.sku);
    await wedgeScan(page, tea.sku);
    await page.getByRole('button', { name: 'Record counts and post' }).click();
    await page.getByText('Counts recorded; posting waits for approval').waitFor();
    const held = await ts.api<{ status: string; pendingApproval: string | null; counts: unknown[] }>(
      'GET',
      `/api/v1/stocktakes/${st.id}`,
    );
    expect(held.body).toMatchObject({ status: 'counting', counts: [{ sku: tea.sku, countedQty: 2 }] });
    expect(held.body.pendingApproval).not.toBeNull();
    expect((await stockOf(ts, tea.sku, warehouse))?.onHand).toBe(3);
    expect(problems).toEqual([]);
  });

  it('lets a clerk count a SKU that was not stocked here into a full stocktake, and record it without posting', async () => {
    const ts = server();
    const { warehouse, tea } = await floor(ts, { teas: 2, cups: 1 });
    const found = { sku: uniqueCode('JAR'), barcode: uniqueCode('693') };
    await makeItem(ts, found.sku, { barcodes: [found.barcode] });
    const clerk = await makePerson(ts, ['clerk'], [warehouse]);
    const st = await act(ts, '/api/v1/stocktakes', { warehouse }, 201);

    const { page, problems } = await onPhone(open, ts, clerk.email);
    await openScanJob(page, ts, 'Count a stocktake', st.number);
    await wedgeScan(page, found.barcode);
    const card = page.getByRole('article', { name: found.sku });
    await card.getByText('New on this stocktake').waitFor();
    await wedgeScan(page, found.barcode);
    await wedgeScan(page, tea.barcode);
    await expect.poll(() => scannedQty(page, found.sku)).toBe('2');
    expect(await page.getByRole('button', { name: 'Record counts and post' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Record counts' }).click();
    await page.getByText(`${st.number}: Counting`).waitFor();
    const counted = await ts.api<{ status: string; counts: { sku: string; countedQty: number }[] }>(
      'GET',
      `/api/v1/stocktakes/${st.id}`,
    );
    expect(counted.body.counts.map((c) => [c.sku, c.countedQty]).sort()).toEqual(
      [
        [found.sku, 2],
        [tea.sku, 1],
      ].sort(),
    );
    expect(problems).toEqual([]);
  });

  it('offers scanning only to those who may do a job', async () => {
    const ts = server();
    const { warehouse } = await floor(ts);
    const viewer = await makePerson(ts, ['viewer'], [warehouse]);
    const { page } = await onPhone(open, ts, viewer.email);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: /\bStock$/ }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Scan' }).count()).toBe(0);
    await page.goto(`${ts.baseUrl}/scan`);
    await page.getByText('This page does not exist.').waitFor();
  });
});
