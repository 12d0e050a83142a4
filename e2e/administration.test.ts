import { expect, it } from 'vitest';
import { addRule } from '../packages/server/test/support/approvals';
import { makeItem, makeWarehouse, receive } from '../packages/server/test/support/fixtures';
import { makePerson, PERSON_PASSWORD, signIn } from '../packages/server/test/support/people';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type TestServer,
  useTestServer,
} from '../packages/server/test/support/server';
import { describeInBrowser, screenshot, signInThroughPage, useBrowser } from './support/browser';

/**
 * A clerk's write-off worth 15, posted by a finance person (a clerk may not post) against a rule
 * above 10: it waits for approval.
 */
async function writeOffHeldBack(ts: TestServer) {
  await addRule(ts, { action: 'write_off.post', threshold: 10 });
  const warehouse = await makeWarehouse(ts);
  const sku = await makeItem(ts);
  await receive(ts, warehouse, [{ sku, qty: 10, unitCost: 3 }]);
  const clerk = { token: await signIn(ts, (await makePerson(ts, ['clerk'])).email) };
  const created = await ts.api<{ id: string; number: string }>(
    'POST',
    '/api/v1/write-offs',
    { warehouse, lines: [{ sku, qty: 5, reason: 'damage' }] },
    clerk,
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const maker = await makePerson(ts, ['finance']);
  const posted = await ts.api<{ code: string }>(
    'POST',
    `/api/v1/write-offs/${created.body.id}/post`,
    undefined,
    { token: await signIn(ts, maker.email) },
  );
  expect(posted.status, JSON.stringify(posted.body)).toBe(202);
  expect(posted.body.code).toBe('approval_required');
  return { warehouse, sku, writeOff: created.body.id, number: created.body.number, maker };
}

describeInBrowser('administration in Chromium', () => {
  const server = useTestServer('sqlite');
  const open = useBrowser();

  it('a warehouse manager approves a clerk’s write-off from the inbox; the audit log shows it', async () => {
    const ts = server();
    const { warehouse, sku, writeOff, number } = await writeOffHeldBack(ts);
    const manager = await makePerson(ts, ['warehouse_manager']);
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, manager.email, PERSON_PASSWORD);
    await page.getByRole('menuitem', { name: 'Approvals' }).click();
    await page.getByRole('heading', { name: 'Approvals' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Post a write-off' });
    await row.getByRole('link', { name: `Write-off ${number}` }).waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toContain('15');
    await screenshot(page, 'approvals-inbox');
    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });

    const done = await ts.api<{ status: string }>('GET', `/api/v1/write-offs/${writeOff}`);
    expect(done.body.status).toBe('posted');
    const stock = await ts.api<{ items: { onHand: number }[] }>(
      'GET',
      `/api/v1/stock?sku=${sku}&warehouse=${warehouse}`,
    );
    expect(stock.body.items[0]?.onHand).toBe(5);
    expect(problems).toEqual([]);

    const admin = await open();
    await signInThroughPage(admin.page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.page.getByRole('menuitem', { name: 'Audit log' }).click();
    await admin.page.getByLabel('Entity', { exact: true }).fill('approval');
    // The approver is picked from the people as their e-mail is typed.
    await admin.page.getByLabel('Person (e-mail)').fill(manager.email.slice(0, 12));
    await admin.page.locator('.ant-select-item-option').filter({ hasText: manager.email }).click();
    await admin.page.getByRole('button', { name: 'Filter' }).click();
    const entries = admin.page.locator('.ant-table-tbody tr.ant-table-row');
    await entries.filter({ hasText: 'approval.approve' }).waitFor();
    expect(await entries.count()).toBe(1);
    const entry = entries.first();
    expect(await entry.innerText()).toContain(manager.email);
    await entry.getByRole('button', { name: 'Expand row' }).click();
    await admin.page.getByText('Before', { exact: true }).waitFor();
    await screenshot(admin.page, 'audit');
    // On a phone each entry is a card that opens to what changed.
    await admin.page.setViewportSize({ width: 375, height: 740 });
    const card = admin.page.locator('[data-row-card]').filter({ hasText: 'approval.approve' });
    await card.getByText('What changed').click();
    await card.getByText('After', { exact: true }).waitFor();
    expect(await admin.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      375,
    );
    await screenshot(admin.page, 'audit-phone');
    expect(admin.problems).toEqual([]);
  });

  it('rejects from a card on a phone with a reason, which the maker reads under what they asked for', async () => {
    const ts = server();
    const { maker } = await writeOffHeldBack(ts);
    // On a phone: the inbox is cards, each with its buttons.
    const admin = await open({ width: 375, height: 740 });
    await signInThroughPage(admin.page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await admin.page.goto(`${ts.baseUrl}/approvals`);
    const row = admin.page.locator('[data-row-card]').filter({ hasText: 'Post a write-off' });
    await row.getByText(maker.email).waitFor();
    expect(await admin.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      375,
    );
    await screenshot(admin.page, 'approvals-inbox-phone');
    await row.getByRole('button', { name: 'Reject' }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('counted again: nothing broken');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    expect(admin.problems).toEqual([]);

    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, maker.email, PERSON_PASSWORD);
    await page.getByRole('menuitem', { name: 'Approvals' }).click();
    await page.getByRole('tab', { name: 'Asked by me' }).click();
    const mine = page.getByRole('row').filter({ hasText: 'Post a write-off' });
    await mine.getByText('Rejected').waitFor();
    await mine.getByText('counted again: nothing broken').waitFor();
    await screenshot(page, 'approvals-mine');
    expect(problems).toEqual([]);
  });

  it('an administrator keeps the approval rules: makes one, changes its value, removes it from its card on a phone', async () => {
    const ts = server();
    const warehouse = await makeWarehouse(ts);
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: 'Approval rules' }).click();
    await page.getByRole('heading', { name: 'Approval rules' }).waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Action').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Post a write-off' }).click();
    await dialog.getByLabel('Above the value').fill('250');
    await dialog.getByLabel('Warehouses').click();
    await page.locator('.ant-select-item-option').filter({ hasText: warehouse }).click();
    await page.keyboard.press('Escape');
    // A rule that asks for nothing is refused, and says so.
    await dialog.getByLabel('Second person approves').click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.locator('.ant-alert, .ant-form-item-explain-error').first().waitFor();
    await dialog.getByLabel('Second person approves').click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'Post a write-off' }).filter({ hasText: warehouse });
    await expect
      .poll(() => row.getByRole('cell').allInnerTexts())
      .toEqual(expect.arrayContaining(['Post a write-off', '250', warehouse, 'Yes', 'No']));
    const rules = async () =>
      (
        await ts.api<{ items: { action: string; threshold: number | null; warehouses: string[] | null }[] }>(
          'GET',
          '/api/v1/approval-rules',
        )
      ).body.items.filter((rule) => rule.warehouses?.includes(warehouse));
    expect(await rules()).toEqual([
      expect.objectContaining({ action: 'write_off.post', threshold: 250, warehouses: [warehouse] }),
    ]);
    await screenshot(page, 'approval-rules');

    await row.getByRole('button', { name: 'Edit' }).click();
    await dialog.getByLabel('Above the value').fill('300');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await rules())[0]?.threshold).toBe(300);

    // On a phone the rule is a card, removed from it.
    await page.setViewportSize({ width: 375, height: 740 });
    const card = page.locator('[data-row-card]').filter({ hasText: warehouse });
    await card.getByText('300').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await card.getByRole('button', { name: 'Remove' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Remove' }).click();
    await card.waitFor({ state: 'detached' });
    expect(await rules()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('offers a viewer the approvals (in Chinese too) but not the audit log or users', async () => {
    const ts = server();
    const viewer = await makePerson(ts, ['viewer']);
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, viewer.email, PERSON_PASSWORD);
    await page.getByRole('menuitem', { name: 'Approvals' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Audit log' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Users' }).count()).toBe(0);
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('menuitem', { name: '审批' }).click();
    await page.getByRole('tab', { name: '待我审批' }).waitFor();
    await page.getByRole('tab', { name: '我发起的' }).waitFor();
    await screenshot(page, 'approvals-viewer-zh');
    expect(problems).toEqual([]);
  });
});
