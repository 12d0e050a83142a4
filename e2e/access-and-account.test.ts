import { expect, it } from 'vitest';
import { totpCode, totpStep } from '../packages/server/src/modules/auth/totp';
import { makePerson, PERSON_PASSWORD, signIn } from '../packages/server/test/support/people';
import { ADMIN_EMAIL, ADMIN_PASSWORD, useTestServer } from '../packages/server/test/support/server';
import { describeInBrowser, pick, screenshot, signInThroughPage, useBrowser } from './support/browser';
import { steppedClock } from './support/clock';

/** The server's clock: each code below is of a later 30-second step than the one before. */
const clock = steppedClock();

describeInBrowser('API tokens, two-step sign-in and roles, in Chromium', () => {
  const server = useTestServer('sqlite', { clock: clock.now });
  const open = useBrowser();

  it('an administrator makes a token whose secret works once shown, and revokes it from its card on a phone', async () => {
    const ts = server();
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();

    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Shop sync');
    await pick(page, 'Permissions', 'stock.read');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('it will not be shown again').waitFor();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    const secret = (await page.locator('[data-secret]').innerText()).trim();
    await screenshot(page, 'api-token-secret');
    expect((await ts.api('GET', '/api/v1/stock', undefined, { token: secret })).status).toBe(200);
    await page.getByRole('button', { name: 'Done' }).click();

    const row = page.getByRole('row').filter({ hasText: 'Shop sync' });
    await row.getByText('stock.read').waitFor();
    await screenshot(page, 'api-tokens');
    // On a phone each token is a card, revoked from it.
    await page.setViewportSize({ width: 375, height: 740 });
    const card = page.locator('[data-row-card]').filter({ hasText: 'Shop sync' });
    await card.getByText('stock.read').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'api-tokens-phone');
    await card.getByRole('button', { name: 'Revoke' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Revoke' }).click();
    await card.waitFor({ state: 'detached' });
    expect((await ts.api('GET', '/api/v1/stock', undefined, { token: secret })).status).toBe(401);
    expect(problems).toEqual([]);
  });

  it('a person turns two-step sign-in on, signing in then asks for the code, and turns it off with one', async () => {
    const ts = server();
    const person = await makePerson(ts, ['viewer']);
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, person.email, PERSON_PASSWORD);
    await page.getByRole('menuitem', { name: 'My account' }).click();
    const status = page.locator('[data-totp-status]');
    expect(await status.innerText()).toBe('Off');
    await page.getByRole('button', { name: 'Turn on' }).click();
    // The authenticator app scans the address as a QR code.
    await page.locator('[data-totp-qr] canvas').waitFor();
    const secret = (await page.locator('[data-totp-secret]').innerText()).trim();
    await page.getByText('otpauth://').waitFor();
    await page.getByLabel('Authenticator code').fill(totpCode(secret, totpStep(clock.next())));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Recovery codes').waitFor();
    expect(await page.locator('[data-recovery-code]').count()).toBe(10);
    await page.locator('[data-totp-status="on"]').waitFor();
    expect(await status.innerText()).toBe('On');
    await screenshot(page, 'account-recovery-codes');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInThroughPage(page, ts.baseUrl, person.email, PERSON_PASSWORD);
    await page.getByLabel('Authenticator code').fill(totpCode(secret, totpStep(clock.next())));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('menuitem', { name: 'My account' }).click();
    expect(await status.innerText()).toBe('On');
    expect(await page.getByRole('button', { name: 'Turn on' }).count()).toBe(0);
    await page.getByLabel('Authenticator code').fill(totpCode(secret, totpStep(clock.next())));
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByText('Two-step sign-in is off.').waitFor();
    await page.locator('[data-totp-status="off"]').waitFor();
    await page.getByRole('button', { name: 'Turn on' }).waitFor();
    expect(await signIn(ts, person.email)).toBeTruthy();
    expect(problems).toEqual([]);
  });

  it('a custom role made through the page is one of the roles, a card on a phone', async () => {
    const ts = server();
    const name = `packer_${Date.now() % 100_000}`;
    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByRole('menuitem', { name: 'Roles' }).click();
    await page.getByRole('button', { name: 'New role' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill(name);
    await pick(page, 'Permissions', 'stock.read');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row').filter({ hasText: name }).waitFor();
    await screenshot(page, 'roles');
    await page.setViewportSize({ width: 375, height: 740 });
    await page.locator('[data-row-card]').filter({ hasText: name }).getByText('stock.read').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(page, 'roles-phone');
    const roles = await ts.api<{ items: { name: string; permissions: string[] }[] }>('GET', '/api/v1/roles');
    expect(roles.body.items).toContainEqual(expect.objectContaining({ name, permissions: ['stock.read'] }));
    expect(problems).toEqual([]);
  });
});
