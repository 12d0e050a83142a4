import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makeWarehouse, receive, uniqueCode } from './support/fixtures';
import { decode, pdfImages, pdfPageCount } from './support/pdf';
import { signInAs } from './support/people';
import type { TestServer } from './support/server';
import { useTestServer } from './support/server';

/** A field a problem names. */
interface FieldError {
  path: string;
  message: string;
}

/** Fetches a label sheet; the PDF's bytes on 200, else the problem. */
async function labels(ts: TestServer, query: string, token = ts.token) {
  const res = await fetch(`${ts.baseUrl}/api/v1/labels?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const problem = res.ok ? null : (JSON.parse(bytes.toString()) as { code: string; errors?: FieldError[] });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    csp: res.headers.get('content-security-policy'),
    pdf: bytes,
    problem,
    errors: problem?.errors ?? [],
  };
}

/** What every barcode embedded in a PDF decodes to. */
async function decodedCodes(pdf: Buffer): Promise<{ format: string; text: string }[]> {
  return (await Promise.all(pdfImages(pdf).map(decode))).flat();
}

for (const kind of testDatabaseKinds()) {
  describe(`barcode labels on ${kind}`, () => {
    const server = useTestServer(kind);

    it('prints items as Code 128 on A4 3×8: a PDF of the right pages whose barcodes decode to the codes', async () => {
      const ts = server();
      const withBarcode = await makeItem(ts, uniqueCode('COLA'), {
        name: '可乐 Cola',
        barcodes: ['6901234567892'],
      });
      const plain = await makeItem(ts, uniqueCode('CUP'), { name: '纸杯' });
      const res = await labels(ts, `for=items&sku=${withBarcode}&sku=${plain}&copies=13`);
      expect(res.status, JSON.stringify(res.problem)).toBe(200);
      expect(res.type).toBe('application/pdf');
      // The browser's PDF viewer may embed it and style its frame, and nothing more.
      expect(res.csp).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'self'; style-src 'unsafe-inline'",
      );
      expect(res.pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfPageCount(res.pdf)).toBe(2); // 26 labels, 24 a page
      expect(await decodedCodes(res.pdf)).toEqual([
        { format: 'Code128', text: '6901234567892' },
        { format: 'Code128', text: plain },
      ]);
      // The Chinese names are set in an embedded CJK font, not left as empty boxes.
      expect(res.pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+WenQuanYi/);
      const onePerPage = await labels(ts, `for=items&sku=${plain}&copies=3&layout=label-60x40`);
      expect(pdfPageCount(onePerPage.pdf)).toBe(3);
    });

    it('prints EAN-13 only for 12- or 13-digit codes, naming the SKU that has none', async () => {
      const ts = server();
      const twelve = await makeItem(ts, uniqueCode('EAN'), { barcodes: ['ABC', '400638133393'] });
      const ean = await labels(ts, `for=items&sku=${twelve}&symbology=ean13`);
      expect(ean.status, JSON.stringify(ean.problem)).toBe(200);
      expect(await decodedCodes(ean.pdf)).toEqual([{ format: 'EAN13', text: '4006381333931' }]);
      const letters = await makeItem(ts, uniqueCode('NOEAN'));
      const refused = await labels(ts, `for=items&sku=${twelve}&sku=${letters}&symbology=ean13`);
      expect(refused.status).toBe(400);
      expect(refused.problem).toMatchObject({ code: 'validation_failed', errors: [{ path: 'sku.1' }] });
      expect(refused.errors[0]?.message).toContain('EAN-13');
    });

    it('prints the bins of a warehouse as QR codes and the batches of a SKU in stock', async () => {
      const ts = server();
      const wh = await makeWarehouse(ts);
      for (const code of ['A-01', 'A-02'])
        expect((await ts.api('POST', `/api/v1/warehouses/${wh}/bins`, { code, name: '货架' })).status).toBe(
          201,
        );
      const bins = await labels(ts, `for=bins&warehouse=${wh}&bin=A-01&bin=A-02&symbology=qrcode`);
      expect(bins.status, JSON.stringify(bins.problem)).toBe(200);
      expect(await decodedCodes(bins.pdf)).toEqual([
        { format: 'QRCode', text: 'A-01' },
        { format: 'QRCode', text: 'A-02' },
      ]);
      const sku = await makeItem(ts, uniqueCode('MILK'), { expiryTracked: true });
      await receive(ts, wh, [
        { sku, qty: 5, unitCost: 1, batch: 'L1', expiresOn: '2027-01-31' },
        { sku, qty: 5, unitCost: 1, batch: 'L2', expiresOn: '2027-02-28' },
      ]);
      const batches = await labels(ts, `for=batches&sku=${sku}`);
      expect(batches.status, JSON.stringify(batches.problem)).toBe(200);
      expect((await decodedCodes(batches.pdf)).map((c) => c.text)).toEqual([`${sku}/L1`, `${sku}/L2`]);
      const unknown = await labels(ts, `for=batches&sku=${sku}&batch=L9`);
      expect(unknown.problem).toMatchObject({ errors: [{ path: 'batch.0' }] });
      const ean = await labels(ts, `for=bins&warehouse=${wh}&symbology=ean13`);
      expect(ean.status).toBe(400);
      expect(new Set(ean.errors.map((e) => e.path))).toEqual(new Set(['symbology']));
    });

    it('refuses bad input naming the field, and bins of a warehouse the person does not work in', async () => {
      const ts = server();
      const sku = await makeItem(ts);
      const cases: [string, string][] = [
        ['for=items', 'sku'],
        [`for=items&sku=${sku}&copies=0`, 'copies'],
        [`for=items&copies=100&${Array.from({ length: 21 }, () => `sku=${sku}`).join('&')}`, 'copies'],
        [`for=items&sku=${sku}&symbology=pdf417`, 'symbology'],
        [`for=items&sku=NO-SUCH-SKU`, 'sku.0'],
        ['for=shelves', 'for'],
        ['for=bins', 'warehouse'],
      ];
      for (const [query, path] of cases) {
        const res = await labels(ts, query);
        expect(res.status, query).toBe(400);
        expect(
          res.errors.map((e) => e.path),
          query,
        ).toContain(path);
      }
      const mine = await makeWarehouse(ts);
      const theirs = await makeWarehouse(ts);
      const clerk = await signInAs(ts, 'clerk', [mine]);
      expect((await labels(ts, `for=bins&warehouse=${mine}`, clerk)).status).toBe(200);
      const refused = await labels(ts, `for=bins&warehouse=${theirs}`, clerk);
      expect(refused.status).toBe(403);
    });
  });
}
