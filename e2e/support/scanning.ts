import type { Page } from 'playwright-core';
import type { TestServer } from '../../packages/server/test/support/server';

/** Opens the scanning mode from the menu (a drawer on a phone) and a document of one job. */
export async function openScanJob(page: Page, ts: TestServer, job: string, number: string): Promise<void> {
  await page.goto(`${ts.baseUrl}/`);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('menuitem', { name: 'Scan' }).click();
  await page.getByRole('navigation', { name: job }).getByRole('link', { name: number }).click();
  await page.getByRole('button', { name: 'Back to the jobs' }).waitFor();
}

/** What a keyboard-wedge scanner sends: the code typed in one fast burst, then Enter. */
export async function wedgeScan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

/** The quantity scanned on the card of a SKU, as its field shows it. */
export const scannedQty = (page: Page, sku: string): Promise<string> =>
  page.getByLabel(`Scanned quantity of ${sku}`).inputValue();
