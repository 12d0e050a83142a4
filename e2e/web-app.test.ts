import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { totpCode, totpStep } from '../packages/server/src/modules/auth/totp';
import { makeItem, makeWarehouse, receive, uniqueCode } from '../packages/server/test/support/fixtures';
import { makePerson, PERSON_PASSWORD } from '../packages/server/test/support/people';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type TestServer,
  useTestServer,
} from '../packages/server/test/support/server';
import {
  describeInBrowser,
  expectFieldError,
  figure,
  screenshot,
  signInThroughPage,
  useBrowser,
} from './support/browser';

const money = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const quantity = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });

/** A shop with stock in two warehouses, one reservation and categories for the charts. */
async function stockTheShop(ts: TestServer) {
  const east = await makeWarehouse(ts);
  const south = await makeWarehouse(ts);
  const tea = await makeItem(ts, uniqueCode('TEA'), { category: 'tea', barcodes: [uniqueCode('690')] });
  const cup = await makeItem(ts, uniqueCode('CUP'), { category: 'cups' });
  await receive(ts, east, [
    { sku: tea, qty: 12, unitCost: '3.25' },
    { sku: cup, qty: 40, unitCost: '1.1' },
  ]);
  await receive(ts, south, [{ sku: tea, qty: 5, unitCost: '3.5', batch: 'L1', expiresOn: '2030-01-31' }]);
  const reserved = await ts.api('POST', '/api/v1/reservations', {
    sku: tea,
    warehouse: east,
    qty: 2,
    reference: 'web order 7',
  });
  expect(reserved.status).toBe(201);
  // 40 cups available in the east against a safety stock of 100: below it.
  const level = await ts.api('PUT', '/api/v1/stock-levels', { sku: cup, warehouse: east, safetyStock: 100 });
  expect(level.status).toBe(200);
  return { east, south, tea, cup };
}

async function waitForDashboard(page: Page) {
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await page.locator('[data-figure="onHand"]').waitFor();
}

/** ECharts animates a chart's first drawing: screenshots wait for it to finish. */
const chartsDrawn = (page: Page) => page.waitForTimeout(1200);

describeInBrowser('the web app in Chromium', () => {
  const server = useTestServer('sqlite');
  const open = useBrowser();

  it('signs in, shows the dashboard with the API’s figures and its charts, and signs out', async () => {
    const ts = server();
    const { cup } = await stockTheShop(ts);
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await waitForDashboard(page);
    const api = await ts.api<Record<string, number>>('GET', '/api/v1/dashboard');
    expect(await figure(page, 'skusBelowSafetyStock')).toBe(
      quantity.format(api.body.skusBelowSafetyStock ?? Number.NaN),
    );
    await expect.poll(() => page.locator('[data-list="low-stock"]').innerText()).toContain(cup);
    expect(await figure(page, 'stockValue')).toBe(money.format(api.body.stockValue ?? Number.NaN));
    expect(await figure(page, 'onHand')).toBe(quantity.format(api.body.onHand ?? Number.NaN));
    expect(await figure(page, 'reserved')).toBe(quantity.format(api.body.reserved ?? Number.NaN));
    expect(await figure(page, 'todayIn')).toBe(quantity.format(api.body.todayIn ?? Number.NaN));
    expect(
      await page
        .locator('[data-chart]')
        .filter({ has: page.locator('canvas') })
        .count(),
    ).toBe(4);
    await screenshot(page, 'dashboard');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
    expect(problems).toEqual([]);
  });

  it('creates an item through the form and shows a duplicate SKU on the SKU field', async () => {
    const ts = server();
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await waitForDashboard(page);
    await page.getByRole('menuitem', { name: 'Items' }).click();
    const sku = uniqueCode('WEB');
    await page.getByRole('button', { name: 'New item' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('SKU').fill(sku);
    await dialog.getByLabel('Name').fill('Jasmine tea 250 g');
    await dialog.getByLabel('Category').fill('tea');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const created = await ts.api<{ name: string; category: string }>('GET', `/api/v1/items/${sku}`);
    expect(created.body).toMatchObject({ name: 'Jasmine tea 250 g', category: 'tea' });
    await page.getByRole('cell', { name: sku }).waitFor();
    await screenshot(page, 'items');

    await page.getByRole('button', { name: 'New item' }).click();
    await dialog.getByLabel('SKU').fill(sku);
    await dialog.getByLabel('Name').fill('The same SKU again');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expectFieldError(page, 'SKU', 'is already used');
    await screenshot(page, 'item-duplicate-sku');
    expect(problems).toEqual([]);
  });

  it('finds stock received through the API and explains what is available', async () => {
    const ts = server();
    const wh = await makeWarehouse(ts);
    const sku = await makeItem(ts, uniqueCode('FIND'), { barcodes: [uniqueCode('693')] });
    await receive(ts, wh, [{ sku, qty: 30, unitCost: 2 }]);
    await ts.api('POST', '/api/v1/reservations', { sku, warehouse: wh, qty: 4, reference: 'shop order 12' });
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await waitForDashboard(page);
    await page.getByRole('menuitem', { name: /\bStock$/ }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill(sku);
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    await page.waitForURL(/q=/);
    const row = page.getByRole('row').filter({ hasText: sku });
    // SKU, name, warehouse, then on hand, reserved, quarantined, available, in transit, incoming,
    // and the safety stock (none set).
    await expect
      .poll(() => row.getByRole('cell').allInnerTexts())
      .toEqual([sku, `Item ${sku}`, wh, '30', '4', '0', '26', '0', '0', '—']);
    await screenshot(page, 'stock');

    await row.getByRole('link', { name: sku }).click();
    await page.getByRole('heading', { name: `${sku} · Item ${sku}` }).waitFor();
    await page.getByRole('button', { name: 'Expand row' }).first().click();
    await page.getByText('Why is available 26?').waitFor();
    await page.getByText('shop order 12 · 4').waitFor();
    await page.getByRole('link', { name: 'Goods receipt' }).first().waitFor();
    await screenshot(page, 'sku');

    // Thresholds: a max below the min is refused on its field; then a safety stock above available.
    await page.getByRole('button', { name: 'Set levels' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Warehouse').click();
    await page.locator('.ant-select-item-option').filter({ hasText: wh }).click();
    await dialog.getByLabel('Safety stock').fill('40');
    await dialog.getByLabel('Min stock').fill('10');
    await dialog.getByLabel('Max stock').fill('5');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expectFieldError(page, 'Max stock', 'must be at least min');
    await dialog.getByLabel('Max stock').fill('100');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const levels = page.locator('.ant-card').filter({ hasText: 'Stock levels' });
    await expect
      .poll(() => levels.getByRole('row').filter({ hasText: wh }).getByRole('cell').allInnerTexts())
      .toEqual(expect.arrayContaining([wh, '40', '10', '100']));
    const set = await ts.api<{ items: { safetyStock: number; min: number; max: number }[] }>(
      'GET',
      `/api/v1/stock-levels?sku=${sku}&warehouse=${wh}`,
    );
    expect(set.body.items).toEqual([expect.objectContaining({ safetyStock: 40, min: 10, max: 100 })]);

    await page.getByRole('link', { name: 'Goods receipt' }).first().click();
    await page.getByRole('heading', { name: /^Goods receipt/ }).waitFor();
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: sku }).getByRole('cell').allInnerTexts())
      .toEqual(['1', sku, '30', '2', '60', '—', '—', '—']);
    await screenshot(page, 'document');
    expect(problems).toEqual([]);
  });

  it('filters stock by a category of the tree, with everything below it', async () => {
    const ts = server();
    const wh = await makeWarehouse(ts);
    const top = uniqueCode('Garden');
    const seeds = await makeItem(ts, uniqueCode('SEED'), { category: `${top}/Seeds` });
    const tools = await makeItem(ts, uniqueCode('TOOL'), { category: `${top}/Tools` });
    const other = await makeItem(ts, uniqueCode('OTHER'), { category: `${top}-other` });
    await receive(
      ts,
      wh,
      [seeds, tools, other].map((sku) => ({ sku, qty: 3, unitCost: 1 })),
    );
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await waitForDashboard(page);
    await page.getByRole('menuitem', { name: /\bStock$/ }).click();
    await page.getByRole('heading', { name: 'Stock' }).waitFor();
    await page.getByLabel('Category', { exact: true }).click();
    await page
      .locator('.ant-select-tree-title')
      .filter({ hasText: `${top} (2)` })
      .click();
    await page.waitForURL(/category=/);
    const skus = page.locator('.ant-table-tbody tr.ant-table-row td:first-child');
    await expect.poll(async () => (await skus.allInnerTexts()).sort()).toEqual([seeds, tools].sort());
    await screenshot(page, 'stock-by-category');
    expect(problems).toEqual([]);
  });

  it('switches to Chinese, keeps it, and says what the API refused in Chinese', async () => {
    const ts = server();
    const taken = await makeItem(ts);
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await waitForDashboard(page);
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '首页看板' }).waitFor();
    await page.getByText('库存总数').waitFor();
    await page.getByRole('menuitem', { name: '库存' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('zh-CN');
    await chartsDrawn(page);
    await screenshot(page, 'dashboard-zh');
    await page.reload();
    await page.getByRole('menuitem', { name: '商品' }).click();
    await page.getByRole('button', { name: '新建商品' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('SKU').fill(taken);
    await dialog.getByLabel('名称').fill('重复的 SKU');
    await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
    await expectFieldError(page, 'SKU', '已被使用');
    await screenshot(page, 'items-zh');
    expect(problems).toEqual([]);
  });

  it('is usable on a 375 px phone: the menu opens from the header, stock reads as cards', async () => {
    const ts = server();
    const { east, tea } = await stockTheShop(ts);
    const { page, problems } = await open({ width: 375, height: 740 });
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await waitForDashboard(page);
    await chartsDrawn(page);
    await screenshot(page, 'dashboard-phone');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: /\bStock$/ }).click();
    await page.getByRole('heading', { name: 'Stock' }).waitFor();
    await page.getByPlaceholder('SKU, name or barcode').fill(tea);
    await page.getByPlaceholder('SKU, name or barcode').press('Enter');
    const card = page.locator('[data-row-card]').filter({ hasText: east }).filter({ hasText: tea });
    await card.waitFor();
    const row = (
      await ts.api<{ items: Record<string, number>[] }>('GET', `/api/v1/stock?sku=${tea}&warehouse=${east}`)
    ).body.items[0];
    for (const q of ['onHand', 'reserved', 'available'])
      expect(await card.locator(`[data-quantity="${q}"] dd`).innerText()).toBe(
        quantity.format(row?.[q] ?? -1),
      );
    expect(await card.locator('[data-quantity="available"] dd').innerText()).toBe('10');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'stock-phone');
    // The SKU's page fits too: its tables scroll inside their cards, the page does not.
    await card.getByRole('link', { name: tea }).click();
    await page.getByRole('heading', { name: new RegExp(`^${tea} · `) }).waitFor();
    await page
      .locator('.ant-card')
      .filter({ hasText: 'By warehouse' })
      .getByRole('cell', { name: east })
      .waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'sku-phone');
    expect(problems).toEqual([]);
  });

  it('offers a viewer no create buttons and no edit actions', async () => {
    const ts = server();
    const viewer = await makePerson(ts, ['viewer']);
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, viewer.email, PERSON_PASSWORD);
    await waitForDashboard(page);
    for (const module of ['Items', 'Warehouses', 'Suppliers', 'Customers']) {
      await page.getByRole('menuitem', { name: module }).click();
      await page.getByRole('heading', { name: module }).waitFor();
      await page.locator('.ant-table').waitFor();
      expect(await page.getByRole('button', { name: /^New / }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Import' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /Export (CSV|XLSX)$/ }).count()).toBe(2);
    }
    await screenshot(page, 'items-viewer');
    const sku = await makeItem(ts, uniqueCode('SEE'));
    await page.goto(`${ts.baseUrl}/stock/${sku}`);
    await page.getByText('Stock levels', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Set levels' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('asks for the second factor when the account has TOTP on', async () => {
    const ts = server();
    const person = await makePerson(ts, ['clerk']);
    const login = await ts.api<{ token: string }>(
      'POST',
      '/api/v1/auth/login',
      { email: person.email, password: PERSON_PASSWORD },
      { token: null },
    );
    const as = { token: login.body.token };
    const enrol = await ts.api<{ secret: string }>('POST', '/api/v1/me/totp', undefined, as);
    const confirmed = await ts.api<{ recoveryCodes: string[] }>(
      'POST',
      '/api/v1/me/totp/confirm',
      { code: totpCode(enrol.body.secret, totpStep(Date.now())) },
      as,
    );
    expect(confirmed.status).toBe(200);
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, person.email, PERSON_PASSWORD);
    const code = page.getByLabel('Authenticator code');
    await code.waitFor();
    await code.fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The code is wrong or was used already.').waitFor();
    await code.fill(confirmed.body.recoveryCodes[0] ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForDashboard(page);
    expect(problems).toEqual([]);
  });
});
