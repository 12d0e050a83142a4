import { expect, it } from 'vitest';
import { totpCode, totpStep } from '../packages/server/src/modules/auth/totp';
import { addRule, enrolTotp } from '../packages/server/test/support/approvals';
import { makeItem, makeWarehouse, receive } from '../packages/server/test/support/fixtures';
import { makePerson, PERSON_PASSWORD, signIn } from '../packages/server/test/support/people';
import { useTestServer } from '../packages/server/test/support/server';
import {
  describeInBrowser,
  expectFieldError,
  screenshot,
  signInThroughPage,
  useBrowser,
} from './support/browser';
import { steppedClock } from './support/clock';

/** The server's clock: each code below is of a later 30-second step than the one before. */
const clock = steppedClock();

describeInBrowser('an approval that demands TOTP, in Chromium', () => {
  const server = useTestServer('sqlite', { clock: clock.now });
  const open = useBrowser();

  it('asks the approver for the code, says a wrong one on its field, and posts with the right one', async () => {
    const ts = server();
    await addRule(ts, { action: 'write_off.post', requireTotp: true });
    const warehouse = await makeWarehouse(ts);
    const sku = await makeItem(ts);
    await receive(ts, warehouse, [{ sku, qty: 10, unitCost: 2 }]);
    const created = await ts.api<{ id: string }>('POST', '/api/v1/write-offs', {
      warehouse,
      lines: [{ sku, qty: 1, reason: 'expiry' }],
    });
    const maker = { token: await signIn(ts, (await makePerson(ts, ['finance'])).email) };
    const posted = await ts.api('POST', `/api/v1/write-offs/${created.body.id}/post`, undefined, maker);
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    const manager = await makePerson(ts, ['warehouse_manager']);
    const secret = await enrolTotp(ts, await signIn(ts, manager.email), clock.now());

    const { page, problems } = await open();
    await signInThroughPage(page, ts.baseUrl, manager.email, PERSON_PASSWORD);
    await page.getByLabel('Authenticator code').fill(totpCode(secret, totpStep(clock.next())));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('menuitem', { name: 'Approvals' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Post a write-off' });
    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    const code = dialog.getByLabel('Authenticator code');
    await code.fill('000000');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expectFieldError(page, 'Authenticator code', 'is wrong or was used already');
    await screenshot(page, 'approval-totp');
    await code.fill(totpCode(secret, totpStep(clock.next())));
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached' });
    const done = await ts.api<{ status: string }>('GET', `/api/v1/write-offs/${created.body.id}`);
    expect(done.body.status).toBe('posted');
    expect(problems).toEqual([]);
  });
});
