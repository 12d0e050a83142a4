import { expect, it } from 'vitest';
import { makeWarehouse, uniqueCode } from '../packages/server/test/support/fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, useTestServer } from '../packages/server/test/support/server';
import {
  describeInBrowser,
  expectFieldError,
  pick,
  screenshot,
  signInThroughPage,
  useBrowser,
} from './support/browser';

/** Waits for what the page shows to come right (a busy machine renders late). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

interface UserView {
  id: string;
  email: string;
  name: string;
  roles: string[];
  warehouses: string[] | null;
  disabled: boolean;
}

describeInBrowser('users in Chromium', () => {
  const server = useTestServer('sqlite');
  const open = useBrowser();

  it('an administrator creates a person with roles and a warehouse, disables them from their card on a phone, and sees a used e-mail and a short password on their fields, in Chinese too', async () => {
    const ts = server();
    const warehouse = await makeWarehouse(ts);
    const email = `${uniqueCode('clerk')}@test.local`.toLowerCase();
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mail').fill(email);
    await dialog.getByLabel('Name').fill('Lin Clerk');
    await dialog.getByLabel('Password').fill('a long enough password');
    await pick(page, 'Roles', 'clerk');
    await pick(page, 'Warehouses', warehouse);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: email });
    await row.waitFor();
    const users = await ts.api<{ items: UserView[] }>('GET', `/api/v1/users?q=${email}`);
    expect(users.body.items[0]).toMatchObject({
      name: 'Lin Clerk',
      roles: ['clerk'],
      warehouses: [warehouse],
    });
    await screenshot(page, 'users');

    // On a phone each person is a card, and is disabled from it.
    await page.setViewportSize({ width: 375, height: 740 });
    const card = page.locator('[data-row-card]').filter({ hasText: email });
    await card.getByText('Lin Clerk').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'users-phone');
    await card.getByRole('button', { name: 'Edit' }).click();
    await dialog.getByLabel('Disabled').click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('Disabled').waitFor();
    const edited = await ts.api<UserView>('GET', `/api/v1/users/${users.body.items[0]?.id}`);
    expect(edited.body.disabled).toBe(true);

    await page.getByRole('button', { name: 'New user' }).click();
    await dialog.getByLabel('E-mail').fill(email);
    await dialog.getByLabel('Name').fill('The same e-mail again');
    await dialog.getByLabel('Password').fill('a long enough password');
    await pick(page, 'Roles', 'viewer');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expectFieldError(page, 'E-mail', 'is already used');
    await screenshot(page, 'user-duplicate-email');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // In Chinese, a refusal with a number in it reads in Chinese with the number.
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    await dialog.getByLabel('邮箱').fill(email);
    await dialog.getByLabel('姓名').fill('林');
    await dialog.getByLabel('密码').fill('short');
    await pick(page, '角色', 'viewer');
    // The dialog's Save, found by its place (its name gains a space between the two characters,
    // and a spinner while it saves): it must read 保存 and be ready before each click.
    const save = dialog.locator('.ant-modal-footer .ant-btn-primary');
    const saveWhenReady = async () => {
      await poll(async () => (await save.innerText()).replace(/\s/g, '')).toBe('保存');
      await poll(() => save.getAttribute('class')).not.toContain('ant-btn-loading');
      await save.click();
    };
    await saveWhenReady();
    await expectFieldError(page, '密码', '至少 10 个字符');
    await screenshot(page, 'user-short-password-zh');
    await dialog.getByLabel('密码').fill('a long enough password');
    await saveWhenReady();
    await expectFieldError(page, '邮箱', '已被使用');
    expect(problems).toEqual([]);
    // Three refusals and a phone's cards: longer than one flow usually takes on a busy machine.
  }, 120_000);
});
