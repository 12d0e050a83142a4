import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { makeItem, makeWarehouse, stockOf, uniqueCode } from '../packages/server/test/support/fixtures';
import { makePerson } from '../packages/server/test/support/people';
import { useTestServer } from '../packages/server/test/support/server';
import { describeInBrowser, screenshot, useBrowser } from './support/browser';
import { writeBarcodeVideo } from './support/fake-camera';
import { approvedPurchaseOrder, onPhone, openScanJob, scannedQty } from './support/scanning';

/** The code the fake camera films: a Code 128 label on the item below. */
const CODE = uniqueCode('CAM');

describeInBrowser('scanning with the phone camera, in Chromium', () => {
  const server = useTestServer('sqlite');
  const open = useBrowser({
    args: () => {
      const video = join(mkdtempSync(join(tmpdir(), 'onhand-camera-')), 'label.y4m');
      writeBarcodeVideo(video, CODE);
      return [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ];
    },
  });

  it('reads a barcode from the camera with the decoder served from this origin and receives it', async () => {
    const ts = server();
    const warehouse = await makeWarehouse(ts);
    const sku = await makeItem(ts, uniqueCode('LENS'), { barcodes: [CODE] });
    const clerk = await makePerson(ts, ['clerk'], [warehouse]);
    const po = await approvedPurchaseOrder(ts, warehouse, [{ sku, qty: 5 }]);

    const { page, problems } = await onPhone(open, ts, clerk.email);
    const elsewhere: string[] = [];
    const wasm: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(ts.baseUrl)) elsewhere.push(request.url());
      if (request.url().endsWith('.wasm')) wasm.push(request.url());
    });
    await openScanJob(page, ts, 'Receive against a purchase order', po.number);
    await page.getByRole('button', { name: 'Camera' }).click();
    await page.getByLabel('Camera view').waitFor();
    await expect.poll(() => scannedQty(page, sku), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => page.locator('output.scan-message').innerText()).toContain(`+1 ${sku}`);
    // The label stays in view: it counts once, not once a frame.
    await page.waitForTimeout(2000);
    expect(await scannedQty(page, sku)).toBe('1');
    await screenshot(page, 'scan-camera');
    await page.getByRole('button', { name: 'Stop camera' }).click();
    expect(await page.getByLabel('Camera view').count()).toBe(0);

    await page.getByRole('button', { name: 'Receive 1' }).click();
    await page.getByText(`${po.number}: Partially received`).waitFor();
    expect((await stockOf(ts, sku, warehouse))?.onHand).toBe(1);
    expect(wasm.length).toBeGreaterThan(0);
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });
});
