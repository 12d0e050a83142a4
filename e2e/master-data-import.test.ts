import type { Page, Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { makeItem, makeWarehouse, receive, uniqueCode } from '../packages/server/test/support/fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, useTestServer } from '../packages/server/test/support/server';
import { describeInBrowser, screenshot, signInThroughPage, useBrowser } from './support/browser';

/** Chooses a CSV file in the open import dialog. */
async function chooseCsv(page: Page, name: string, rows: string[][]) {
  const csv = `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
  await page
    .getByRole('dialog')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
}

/**
 * Opens the labels of the open labels dialog: one request reads the PDF, and the new tab shows
 * that very file (an object address). Answers the address of the one request.
 */
async function openLabels(page: Page): Promise<URL> {
  const requests: string[] = [];
  const count = (request: Request) => {
    if (new URL(request.url()).pathname === '/api/v1/labels') requests.push(request.url());
  };
  page.on('request', count);
  const [popup, response] = await Promise.all([
    page.context().waitForEvent('page'),
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/labels'),
    page
      .getByRole('dialog')
      .filter({ hasText: 'Print labels' })
      .getByRole('button', { name: 'Open PDF' })
      .click(),
  ]);
  expect(response.headers()['content-type']).toBe('application/pdf');
  await popup.waitForURL(/^blob:/);
  await popup.close();
  page.off('request', count);
  expect(requests).toHaveLength(1);
  return new URL(response.url());
}

describeInBrowser('master data import, export and labels in Chromium', () => {
  const server = useTestServer('sqlite');
  const open = useBrowser();

  it('previews a CSV with a bad row, refuses to import it, imports it fixed, exports and prints labels', async () => {
    const ts = server();
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: 'Items' }).click();
    await page.getByRole('heading', { name: 'Items' }).waitFor();
    const [tea, cup] = [uniqueCode('TEA'), uniqueCode('CUP')];

    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog');
    await chooseCsv(page, 'items.csv', [
      ['sku', 'name', 'unit', 'category'],
      [tea, 'Jasmine tea 250 g', 'box', 'tea'],
      [cup, '', 'pcs', 'cups'],
    ]);
    const badRow = dialog.locator('tr.import-row-error');
    await badRow.waitFor();
    expect(await badRow.innerText()).toContain(cup);
    expect(await badRow.innerText()).toContain('name: is required');
    await dialog.getByText('1 to create, 0 to update, 0 unchanged, 1 with errors').waitFor();
    expect(await dialog.getByRole('button', { name: 'Import 1 row(s)' }).isDisabled()).toBe(true);
    await screenshot(page, 'items-import-preview');
    expect((await ts.api('GET', `/api/v1/items/${tea}`)).status).toBe(404);

    await chooseCsv(page, 'items-fixed.csv', [
      ['sku', 'name', 'unit', 'category'],
      [tea, 'Jasmine tea 250 g', 'box', 'tea'],
      [cup, 'Paper cup 纸杯', 'pcs', 'cups'],
    ]);
    await dialog.getByText('2 to create, 0 to update, 0 unchanged, 0 with errors').waitFor();
    expect(await dialog.locator('tr.import-row-error').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Import 2 row(s)' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Imported: 2 created, 0 updated').waitFor();
    await page.getByRole('cell', { name: tea }).waitFor();
    await page.getByRole('cell', { name: cup }).waitFor();
    expect((await ts.api('GET', `/api/v1/items/${cup}`)).body).toMatchObject({ name: 'Paper cup 纸杯' });

    const exported = await page.request.get(
      `${ts.baseUrl}${await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')}`,
    );
    expect(exported.headers()['content-type']).toContain('text/csv');
    expect(await exported.text()).toContain(`${cup},Paper cup 纸杯,pcs,,cups`);

    for (const sku of [tea, cup]) await page.getByRole('row', { name: sku }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Labels (2 selected)' }).click();
    const labels = page.getByRole('dialog').filter({ hasText: 'Print labels' });
    await labels.getByLabel('Barcode').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'EAN-13' }).click();
    await labels.getByRole('button', { name: 'Open PDF' }).click();
    await labels.getByText(`has no code ean13 can print`).waitFor();
    await labels.getByLabel('Barcode').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Code 128' }).click();
    const url = await openLabels(page);
    expect(url.pathname).toBe('/api/v1/labels');
    expect(url.searchParams.getAll('sku').sort()).toEqual([tea, cup].sort());
    expect(url.searchParams.get('symbology')).toBe('code128');
    expect(problems).toEqual([]);
  });

  it('prints the labels of a SKU’s batches and of a warehouse’s bins, makes a bin and moves goods into it', async () => {
    const ts = server();
    const wh = await makeWarehouse(ts);
    const milk = await makeItem(ts, uniqueCode('MILK'), { expiryTracked: true });
    await receive(ts, wh, [
      { sku: milk, qty: 6, unitCost: 2, batch: 'L7', expiresOn: '2030-05-31', bin: 'C-03' },
    ]);
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(`${ts.baseUrl}/stock/${milk}`);
    await page.getByRole('cell', { name: 'L7' }).waitFor();
    await page
      .locator('.ant-card')
      .filter({ hasText: 'By batch' })
      .getByRole('button', { name: 'Labels' })
      .click();
    const batches = await openLabels(page);
    expect(Object.fromEntries(batches.searchParams)).toMatchObject({ for: 'batches', sku: milk });

    await page.getByRole('menuitem', { name: 'Warehouses' }).click();
    await page.getByRole('row', { name: wh }).getByRole('button', { name: 'Bin labels' }).click();
    const bins = await openLabels(page);
    expect(Object.fromEntries(bins.searchParams)).toMatchObject({ for: 'bins', warehouse: wh });

    // The warehouse's bins: make one, then move part of the milk into it.
    await page.getByRole('row', { name: wh }).getByRole('link', { name: 'Bins' }).click();
    await page.getByRole('heading', { name: `Bins of ${wh}` }).waitFor();
    const inBin = (bin: string) =>
      page.locator('.ant-card').filter({ hasText: 'What lies in each bin' }).getByRole('row', { name: bin });
    await inBin('C-03').getByRole('cell', { name: '6', exact: true }).waitFor();
    await page.getByRole('button', { name: 'New bin' }).click();
    const newBin = page.getByRole('dialog').filter({ hasText: 'New bin' });
    await newBin.getByLabel('Bin code').fill('C-03');
    await newBin.getByRole('button', { name: 'Save' }).click();
    await newBin.getByText('is already used in this warehouse').waitFor();
    await newBin.getByLabel('Bin code').fill('D-04');
    await newBin.getByLabel('Name').fill('Cold room shelf 4');
    await newBin.getByRole('button', { name: 'Save' }).click();
    await newBin.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'Cold room shelf 4' }).waitFor();
    const made = await ts.api<{ items: { code: string }[] }>('GET', `/api/v1/warehouses/${wh}/bins`);
    expect(made.body.items.map((b) => b.code).sort()).toEqual(['C-03', 'D-04']);

    await page.getByRole('button', { name: 'Move between bins' }).click();
    const move = page.getByRole('dialog').filter({ hasText: 'Move between bins' });
    await move.getByLabel('SKU').click();
    await page.keyboard.type(milk);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: milk })
      .click();
    await move.getByLabel('Quantity').fill('10');
    // Bins are typed (or scanned from their labels) and taken with Enter.
    for (const [field, bin] of [
      ['From bin', 'C-03'],
      ['To bin', 'D-04'],
    ] as const) {
      await move.getByLabel(field).fill(bin);
      await page.keyboard.press('Enter');
    }
    await move.getByRole('button', { name: 'Save' }).click();
    await move.getByText(`is more than bin C-03 holds of ${milk}`).waitFor();
    await move.getByLabel('Quantity').fill('4');
    await move.getByRole('button', { name: 'Save' }).click();
    await move.waitFor({ state: 'hidden' });
    await inBin('D-04').getByRole('cell', { name: '4', exact: true }).waitFor();
    await inBin('C-03').getByRole('cell', { name: '2', exact: true }).waitFor();
    const perBin = await ts.api<{ items: { bin: string; qty: number }[] }>(
      'GET',
      `/api/v1/stock/bins?warehouse=${wh}`,
    );
    expect(Object.fromEntries(perBin.body.items.map((r) => [r.bin, r.qty]))).toEqual({
      'C-03': 2,
      'D-04': 4,
    });
    const stock = await ts.api<{ items: { onHand: number }[] }>(
      'GET',
      `/api/v1/stock?sku=${milk}&warehouse=${wh}`,
    );
    expect(stock.body.items[0]?.onHand).toBe(6);
    await screenshot(page, 'warehouse-bins');
    expect(problems).toEqual([]);
  });

  it('fits the import dialog and its preview on a 375 px phone, and the items as cards chosen for labels', async () => {
    const ts = server();
    const { page, problems } = await open({ width: 375, height: 740 });
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(`${ts.baseUrl}/items`);
    await page.getByRole('button', { name: 'Import' }).click();
    const sku = uniqueCode('PHONE');
    await chooseCsv(page, 'items.csv', [
      ['sku', 'name'],
      [sku, 'Phone case'],
    ]);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('1 to create').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'items-import-phone');
    await dialog.getByRole('button', { name: 'Import 1 row(s)' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The imported item is a card, chosen for labels as a row is on a desk.
    const card = page.locator('[data-row-card]').filter({ hasText: sku });
    await card.getByText('Phone case').waitFor();
    await card.getByText('Select').click();
    await page.getByRole('button', { name: 'Labels (1 selected)' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'items-phone');
    expect(problems).toEqual([]);
  });
});
