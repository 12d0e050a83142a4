import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addRule } from '../packages/server/test/support/approvals';
import {
  act,
  makeItem,
  makePartner,
  makeWarehouse,
  receive,
  uniqueCode,
} from '../packages/server/test/support/fixtures';
import { makePerson, PERSON_PASSWORD } from '../packages/server/test/support/people';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type TestServer,
  useTestServer,
} from '../packages/server/test/support/server';
import { describeInBrowser, screenshot, signInThroughPage, useBrowser } from './support/browser';
import { wedgeScan } from './support/scanning';

/** Polls until the page shows what is expected (pages load and refetch after each action). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const quantity = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });
const QUANTITIES = ['onHand', 'reserved', 'quarantined', 'available', 'inTransit', 'incoming'] as const;

/** Picks an option of a select by its label, typing to find it. */
async function choose(scope: Page | Locator, page: Page, label: string, text: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(text);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

/** A line of the document form or of an action's dialog. */
const line = (scope: Page | Locator, n: number) => scope.locator(`.line-row[data-line="${n}"]`);

/** Picks the SKU of a line of the document form, typing part of its SKU or name to find it. */
async function pickSku(page: Page, n: number, typed: string, sku: string): Promise<void> {
  await line(page, n).getByLabel('SKU').click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: sku }).click();
}

/** Waits for a document's page to show a status. */
async function expectStatus(page: Page, status: string): Promise<void> {
  await poll(() => page.locator('[data-status]').getAttribute('data-status')).toBe(status);
}

/** Does an action of the open document through its button and, when it asks, its dialog. */
async function doAction(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) {
  await page.locator('.action-bar').getByRole('button', { name: action, exact: true }).click();
  if (!fill) return;
  const dialog = page.getByRole('dialog');
  await fill(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The row of a table in a card of the page (by the card's title) that holds a text. */
const cardRow = (page: Page, card: string, text: string) =>
  page.locator('.ant-card').filter({ hasText: card }).getByRole('row').filter({ hasText: text });

/** The SKU page's balance row of a warehouse equals what the API says of it. */
async function expectBalanceAsApi(page: Page, ts: TestServer, sku: string, warehouse: string) {
  await page.goto(`${ts.baseUrl}/stock/${encodeURIComponent(sku)}`);
  const api = await ts.api<{ items: Record<string, number>[] }>(
    'GET',
    `/api/v1/stock?sku=${encodeURIComponent(sku)}&warehouse=${encodeURIComponent(warehouse)}`,
  );
  const balance = api.body.items[0];
  if (!balance) throw new Error(`no stock row of ${sku} in ${warehouse}`);
  const row = cardRow(page, 'By warehouse', warehouse);
  await poll(() => row.getByRole('cell').allInnerTexts()).toEqual([
    '',
    warehouse,
    ...QUANTITIES.map((q) => quantity.format(balance[q] ?? Number.NaN)),
  ]);
  return balance;
}

/** Opens a kind's list from the menu's Documents group (opening the group when it is closed). */
async function openList(page: Page, menu: string) {
  const entry = page.getByRole('menuitem', { name: menu });
  if (!(await entry.isVisible())) await page.getByRole('menuitem', { name: 'Documents' }).click();
  await entry.click();
  await page.getByRole('heading', { name: menu }).waitFor();
}

/** Starts a new document from its list (the list opened by its address). */
async function startNew(page: Page, ts: TestServer, kind: string, button: string) {
  await page.goto(`${ts.baseUrl}/documents/${kind}`);
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('heading', { name: button }).waitFor();
}

describeInBrowser('documents in Chromium', () => {
  const server = useTestServer('sqlite');
  const open = useBrowser();

  it('buys, sells, transfers and counts through the document pages, and the stock follows', async () => {
    const ts = server();
    const east = await makeWarehouse(ts);
    const west = await makeWarehouse(ts);
    const supplier = await makePartner(ts, 'suppliers');
    const customer = await makePartner(ts, 'customers');
    const cup = await makeItem(ts, uniqueCode('CUP'));
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    // An item made on the items page, with a barcode to scan.
    const sku = uniqueCode('DOC');
    const barcode = uniqueCode('690').replaceAll('-', '');
    await page.getByRole('menuitem', { name: 'Items' }).click();
    await page.getByRole('button', { name: 'New item' }).click();
    const itemDialog = page.getByRole('dialog');
    await itemDialog.getByLabel('SKU').fill(sku);
    await itemDialog.getByLabel('Name').fill('Oolong tea 100 g');
    await itemDialog.getByLabel('Barcodes').fill(barcode);
    await itemDialog.getByLabel('Barcodes').press('Enter');
    await itemDialog.getByRole('button', { name: 'Save' }).click();
    await itemDialog.waitFor({ state: 'hidden' });

    // A purchase order: the line comes from scanning, twice, then its quantity is typed.
    await openList(page, 'Purchase orders');
    await page.getByRole('button', { name: 'New purchase order' }).click();
    await page.getByRole('heading', { name: 'New purchase order' }).waitFor();
    await choose(page, page, 'Supplier', supplier);
    await choose(page, page, 'Warehouse', east);
    const scan = page.getByLabel('Scan a barcode');
    await scan.fill('NO-SUCH-CODE');
    await scan.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'No item has the barcode NO-SUCH-CODE' }).waitFor();
    await scan.fill(barcode);
    await scan.press('Enter');
    await poll(() => line(page, 1).getByLabel('Quantity').inputValue()).toBe('1');
    await scan.fill(barcode);
    await scan.press('Enter');
    await poll(() => line(page, 1).getByLabel('Quantity').inputValue()).toBe('2');
    expect(await page.locator('.line-row').count()).toBe(1);
    // A scanner's burst with the cursor in the quantity is a scan: the code does not stay there.
    const qty = line(page, 1).getByLabel('Quantity');
    await qty.click();
    await wedgeScan(page, barcode);
    await poll(() => qty.inputValue()).toBe('3');
    expect(await page.locator('.line-row').count()).toBe(1);
    await line(page, 1).getByLabel('Unit cost').fill('2.12345');
    // Typed by hand, the quantity stays, and Enter sends the form.
    await qty.press('ControlOrMeta+a');
    await page.keyboard.type('90', { delay: 150 });
    await page.keyboard.press('Enter');
    // The API's refusal is said on the field it names.
    await poll(() => line(page, 1).locator('.ant-form-item-explain-error').allInnerTexts()).toEqual([
      'must be a decimal, 0 or more, with at most 4 decimal places',
    ]);
    await line(page, 1).getByLabel('Unit cost').fill('2.5');
    await screenshot(page, 'document-create');
    await page.getByRole('button', { name: 'Create' }).click();
    const poHeading = page.getByRole('heading', { name: /^Purchase order PO-/ });
    const poNumber = (await poHeading.innerText()).replace('Purchase order ', '');
    await expectStatus(page, 'draft');
    const poId = decodeURIComponent(page.url().split('/').at(-1) ?? '');

    // The draft is changed in its form: someone else changes it first, so it is read again.
    await page.locator('.action-bar').getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { name: `Edit Purchase order ${poNumber}` }).waitFor();
    await poll(() => line(page, 1).getByLabel('Quantity').inputValue()).toBe('90');
    const meanwhile = await ts.api('PATCH', `/api/v1/purchase-orders/${poId}`, { reference: 'BY PHONE' });
    expect(meanwhile.status).toBe(200);
    await line(page, 1).getByLabel('Quantity').fill('95');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else changed this document' }).waitFor();
    await poll(() => page.getByLabel('Reference').inputValue()).toBe('BY PHONE');
    expect(await line(page, 1).getByLabel('Quantity').inputValue()).toBe('90');
    // A quantity changed and a line added; what the API refuses is said on the field it names.
    await line(page, 1).getByLabel('Quantity').fill('100');
    await page.getByRole('button', { name: 'Add line' }).click();
    await pickSku(page, 2, cup, cup);
    await line(page, 2).getByLabel('Quantity').fill('5');
    await line(page, 2).getByLabel('Unit cost').fill('1.12345');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => line(page, 2).locator('.ant-form-item-explain-error').allInnerTexts()).toEqual([
      'must be a decimal, 0 or more, with at most 4 decimal places',
    ]);
    await line(page, 2).getByLabel('Unit cost').fill('1');
    await page.getByRole('button', { name: 'Save' }).click();
    await poHeading.waitFor();
    // #, SKU, quantity, unit cost, value.
    await poll(async () =>
      (await cardRow(page, 'Lines', cup).getByRole('cell').allInnerTexts()).slice(0, 5),
    ).toEqual(['2', cup, '5', '1', '5']);
    const edited = await ts.api<{
      reference: string;
      lines: { sku: string; qty: number; unitCost: string }[];
    }>('GET', `/api/v1/purchase-orders/${poId}`);
    expect(edited.body.reference).toBe('BY PHONE');
    expect(edited.body.lines.map((l) => [l.sku, l.qty, String(l.unitCost)])).toEqual([
      [sku, 100, '2.5'],
      [cup, 5, '1'],
    ]);

    // Receiving a draft is not possible: the button says why.
    const receiveButton = page.locator('.action-bar [data-why-not]').filter({ hasText: 'Receive' });
    expect(await receiveButton.getAttribute('data-why-not')).toBe('Not possible while the document is Draft');
    await receiveButton.hover();
    await page.getByRole('tooltip').filter({ hasText: 'Not possible while the document is Draft' }).waitFor();

    await doAction(page, 'Submit');
    await expectStatus(page, 'pending_approval');
    await doAction(page, 'Approve');
    await expectStatus(page, 'approved');
    // Received in two parts, each entered on the line.
    await doAction(page, 'Receive', async (dialog) => {
      expect(await line(dialog, 1).getByLabel('Quantity').inputValue()).toBe('100');
      await line(dialog, 1).getByLabel('Quantity').fill('60');
    });
    await expectStatus(page, 'partially_received');
    await doAction(page, 'Receive', async (dialog) => {
      expect(await line(dialog, 1).getByLabel('Quantity').inputValue()).toBe('40');
    });
    await expectStatus(page, 'received');
    const lineCells = cardRow(page, 'Lines', sku);
    // #, SKU, quantity, unit cost, value, received, open, closed.
    await poll(() => lineCells.getByRole('cell').allInnerTexts()).toEqual([
      '1',
      sku,
      '100',
      '2.5',
      '250',
      '100',
      '0',
      '0',
    ]);
    await poll(
      () =>
        page
          .locator('.status-timeline [data-history]')
          .evaluateAll((n) => n.map((e) => e.getAttribute('data-history'))),
      // Made, changed by phone, changed in the form (the refused save left nothing), and on.
    ).toEqual(['draft', 'draft', 'draft', 'pending_approval', 'approved', 'partially_received', 'received']);
    await screenshot(page, 'document-detail');
    expect((await expectBalanceAsApi(page, ts, sku, east)).onHand).toBe(100);

    // Quick fill: a new draft with the lines of the supplier's last order (the one just received).
    await startNew(page, ts, 'purchase_order', 'New purchase order');
    await choose(page, page, 'Supplier', supplier);
    await choose(page, page, 'Warehouse', east);
    await page.getByRole('button', { name: 'Copy the last order' }).click();
    await page.getByText('Lines copied from the last order: 2').waitFor();
    await poHeading.waitFor();
    await expectStatus(page, 'draft');
    expect(await poHeading.innerText()).not.toBe(`Purchase order ${poNumber}`);
    const filledId = decodeURIComponent(page.url().split('/').at(-1) ?? '');
    const filled = await ts.api<typeof edited.body>('GET', `/api/v1/purchase-orders/${filledId}`);
    const linesOf = (body: typeof edited.body) => body.lines.map((l) => [l.sku, l.qty, String(l.unitCost)]);
    expect(linesOf(filled.body)).toEqual(linesOf(edited.body));
    for (const [filledSku, qty] of linesOf(filled.body))
      await poll(async () =>
        (await cardRow(page, 'Lines', String(filledSku)).getByRole('cell').allInnerTexts()).slice(1, 3),
      ).toEqual([filledSku, String(qty)]);

    // A sales order reserves: available drops, on hand stays; shipping takes on hand down.
    await startNew(page, ts, 'sales_order', 'New sales order');
    await choose(page, page, 'Customer', customer);
    await choose(page, page, 'Warehouse', east);
    await pickSku(page, 1, 'Oolong', sku);
    await line(page, 1).getByLabel('Quantity').fill('30');
    await line(page, 1).getByLabel('Unit price').fill('5');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: /^Sales order SO-/ }).waitFor();
    await expectStatus(page, 'confirmed');
    const orderUrl = page.url();
    const reserved = await expectBalanceAsApi(page, ts, sku, east);
    expect([reserved.onHand, reserved.reserved, reserved.available]).toEqual([100, 30, 70]);
    await page.goto(orderUrl);
    await doAction(page, 'Ship', async (dialog) => {
      expect(await line(dialog, 1).getByLabel('Quantity').inputValue()).toBe('30');
    });
    await expectStatus(page, 'shipped');
    const shipped = await expectBalanceAsApi(page, ts, sku, east);
    expect([shipped.onHand, shipped.reserved, shipped.available]).toEqual([70, 0, 70]);

    // A transfer: in transit at the destination once shipped, on hand there once received.
    await startNew(page, ts, 'transfer', 'New transfer');
    await choose(page, page, 'From warehouse', east);
    await choose(page, page, 'To warehouse', west);
    await scan.fill(sku);
    await scan.press('Enter');
    await line(page, 1).getByLabel('Quantity').fill('20');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: /^Transfer TR-/ }).waitFor();
    const transferUrl = page.url();
    await expectStatus(page, 'draft');
    const confirm = page.locator('.action-bar').getByRole('button', { name: 'Confirm', exact: true });
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await doAction(page, 'Confirm');
    await expectStatus(page, 'confirmed');
    await doAction(page, 'Ship');
    await expectStatus(page, 'shipped');
    const inTransit = await expectBalanceAsApi(page, ts, sku, west);
    expect([inTransit.onHand, inTransit.inTransit]).toEqual([0, 20]);
    await page.goto(transferUrl);
    await doAction(page, 'Receive', async (dialog) => {
      expect(await line(dialog, 1).getByLabel('Quantity').inputValue()).toBe('20');
    });
    await expectStatus(page, 'received');
    const arrived = await expectBalanceAsApi(page, ts, sku, west);
    expect([arrived.onHand, arrived.inTransit]).toEqual([20, 0]);

    // A stocktake of the SKU in the destination finds 17 of 20: the variance shows before posting.
    await startNew(page, ts, 'stocktake', 'New stocktake');
    await choose(page, page, 'Warehouse', west);
    await scan.fill(barcode);
    await scan.press('Enter');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: /^Stocktake ST-/ }).waitFor();
    await expectStatus(page, 'counting');
    await doAction(page, 'Enter counts', async (dialog) => {
      await line(dialog, 1).getByLabel('Counted').fill('17');
      await dialog.locator('[data-variance="1"]').filter({ hasText: 'Variance: -3' }).waitFor();
    });
    await page.locator('.action-bar').getByRole('button', { name: 'Post', exact: true }).click();
    const review = page.getByRole('dialog');
    await review.locator('[data-total-variance]').filter({ hasText: 'Total variance -3' }).waitFor();
    await review.getByRole('button', { name: 'Post', exact: true }).click();
    await review.waitFor({ state: 'hidden' });
    await expectStatus(page, 'posted');
    const counted = await expectBalanceAsApi(page, ts, sku, west);
    expect(counted.onHand).toBe(17);
    const adjustment = page.getByRole('row').filter({ hasText: 'Adjustment' });
    await poll(() => adjustment.count()).toBe(1);
    expect(await adjustment.innerText()).toContain('-3');

    // The list of purchase orders links to the order.
    await page.goto(`${ts.baseUrl}/documents/purchase_order`);
    await page.getByLabel('Status').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('Received', { exact: true }).click();
    await page.waitForURL(/status=received/);
    await poll(() => page.getByRole('link', { name: /^PO-/ }).allInnerTexts()).toEqual([poNumber]);
    await page.getByRole('searchbox', { name: 'Search' }).fill(poNumber.toLowerCase());
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.waitForURL(/q=po-/);
    await poll(() => page.getByRole('link', { name: /^PO-/ }).allInnerTexts()).toEqual([poNumber]);
    await screenshot(page, 'document-list');
    expect(problems).toEqual([]);
  }, 240_000);

  it('says when posting waits for approval; a viewer sees no action buttons, and the page and the list fit 375 px', async () => {
    const ts = server();
    await addRule(ts, { action: 'write_off.post' });
    const wh = await makeWarehouse(ts);
    const newSupplier = await makePartner(ts, 'suppliers');
    const sku = await makeItem(ts, uniqueCode('VIEW'));
    await receive(ts, wh, [{ sku, qty: 10, unitCost: 1 }]);
    const draft = await act(
      ts,
      '/api/v1/write-offs',
      { warehouse: wh, reference: 'broken case', lines: [{ sku, qty: 2, reason: 'damage' }] },
      201,
    );

    const manager = await open();
    await signInThroughPage(manager.page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await manager.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await manager.page.goto(`${ts.baseUrl}/documents/write_off?q=BROKEN`);
    await manager.page.getByRole('link', { name: draft.number }).click();
    await manager.page.getByRole('heading', { name: `Write-off ${draft.number}` }).waitFor();
    await doAction(manager.page, 'Post');
    const waits = manager.page
      .getByRole('status')
      .filter({ hasText: 'This document waits for a second person' });
    await waits.waitFor();
    expect(await waits.getByRole('link', { name: 'Approvals' }).getAttribute('href')).toBe('/approvals');
    await expectStatus(manager.page, 'draft');
    // The draft's form and a new purchase order's (with its quick fill) fit a phone too.
    await manager.page.setViewportSize({ width: 375, height: 740 });
    await manager.page.locator('.action-bar').getByRole('button', { name: 'Edit', exact: true }).click();
    await manager.page.getByRole('heading', { name: `Edit Write-off ${draft.number}` }).waitFor();
    await poll(() => line(manager.page, 1).getByLabel('Quantity').inputValue()).toBe('2');
    const phoneWidth = () => manager.page.evaluate<number>('document.documentElement.scrollWidth');
    expect(await phoneWidth()).toBeLessThanOrEqual(375);
    await screenshot(manager.page, 'document-edit-phone');
    await manager.page.goto(`${ts.baseUrl}/documents/purchase_order/new`);
    // A supplier never ordered from has no last order to copy: said on the supplier.
    await choose(manager.page, manager.page, 'Supplier', newSupplier);
    await choose(manager.page, manager.page, 'Warehouse', wh);
    await manager.page.getByRole('button', { name: 'Copy the last order' }).click();
    const supplierField = manager.page
      .locator('.ant-form-item')
      .filter({ has: manager.page.getByLabel('Supplier') });
    await poll(() => supplierField.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual([
      `supplier ${newSupplier} has no earlier order to copy`,
    ]);
    expect(await phoneWidth()).toBeLessThanOrEqual(375);
    expect(manager.problems).toEqual([]);

    const viewer = await makePerson(ts, ['viewer']);
    const { page, problems } = await open({ width: 375, height: 740 });
    await signInThroughPage(page, ts.baseUrl, viewer.email, PERSON_PASSWORD);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(`${ts.baseUrl}/documents/write_off/${draft.id}`);
    await page.getByRole('heading', { name: `Write-off ${draft.number}` }).waitFor();
    await expectStatus(page, 'draft');
    await page.getByRole('status').filter({ hasText: 'This document waits for a second person' }).waitFor();
    expect(await page.locator('.action-bar').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Post' }).count()).toBe(0);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'document-detail-phone');
    // Nor a button to make one.
    await page.goto(`${ts.baseUrl}/documents/write_off`);
    await page.locator('[data-row-card]').getByRole('link', { name: draft.number }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    expect(await page.getByRole('button', { name: 'New write-off' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
