import type { ImportResult } from '@onhand/contracts';
import { describe, expect, it } from 'vitest';
import { auditEntries } from './support/audit';
import { csvLines } from './support/csv';
import { testDatabaseKinds } from './support/databases';
import { makeItem, uniqueCode } from './support/fixtures';
import { signInAs } from './support/people';
import { useTestServer } from './support/server';
import { csvOf, importFile, rowsOfXlsx, XLSX, xlsxOf } from './support/spreadsheets';

const HEAD = ['sku', 'name', 'unit', 'barcodes', 'category'];

for (const kind of testDatabaseKinds()) {
  describe(`master data import and export on ${kind}`, () => {
    const server = useTestServer(kind);

    it('previews a CSV row by row and writes nothing, then imports it: creates and updates', async () => {
      const ts = server();
      const existing = await makeItem(ts, uniqueCode('OLD'), { unit: 'box' });
      const fresh = uniqueCode('NEW');
      const same = await makeItem(ts, uniqueCode('SAME'), { unit: 'pcs' });
      const csv = csvOf([
        HEAD,
        [fresh, '可乐 Cola 330ml', 'can', '6901234567892|6901234567908', '饮料'],
        [existing, 'Renamed', 'box', '', ''],
        [same, `Item ${same}`, 'pcs', '', ''],
      ]);
      const preview = await importFile<ImportResult>(ts, '/api/v1/imports/items?dryRun=true', csv);
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      expect(preview.body.rows).toEqual([
        { row: 2, code: fresh, action: 'create', errors: [] },
        { row: 3, code: existing, action: 'update', errors: [] },
        { row: 4, code: same, action: 'unchanged', errors: [] },
      ]);
      expect(preview.body.counts).toEqual({ create: 1, update: 1, unchanged: 1, errors: 0 });
      expect((await ts.api('GET', `/api/v1/items/${fresh}`)).status).toBe(404);
      expect((await ts.api('GET', `/api/v1/items/${existing}`)).body.name).toBe(`Item ${existing}`);

      const done = await importFile<ImportResult>(ts, '/api/v1/imports/items', csv);
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body).toMatchObject({ dryRun: false, counts: { create: 1, update: 1, unchanged: 1 } });
      expect((await ts.api('GET', `/api/v1/items/${fresh}`)).body).toMatchObject({
        name: '可乐 Cola 330ml',
        unit: 'can',
        barcodes: ['6901234567892', '6901234567908'],
        category: '饮料',
      });
      expect((await ts.api('GET', `/api/v1/items/${existing}`)).body).toMatchObject({
        name: 'Renamed',
        version: 2,
      });
      expect((await ts.api('GET', `/api/v1/items/${same}`)).body.version).toBe(1);

      const entries = await auditEntries(ts, 'entity=item');
      const actionsOn = (sku: string) => entries.filter((e) => e.after?.sku === sku).map((e) => e.action);
      expect(actionsOn(fresh)).toEqual(['item.create']);
      expect(actionsOn(existing).sort()).toEqual(['item.create', 'item.update']);
      expect(actionsOn(same)).toEqual(['item.create']);
      const update = entries.find((e) => e.action === 'item.update' && e.after?.sku === existing);
      expect(update?.before).toMatchObject({ name: `Item ${existing}` });
      expect(update?.after).toMatchObject({ name: 'Renamed' });
    });

    it('refuses the whole file when one row is bad, naming the row and the field, and writes nothing', async () => {
      const ts = server();
      const good = uniqueCode('GOOD');
      const csv = csvOf([HEAD, [good, 'Fine', 'pcs', '', ''], [uniqueCode('BAD'), '', 'pcs', '', '']]);
      const preview = await importFile<ImportResult>(ts, '/api/v1/imports/items?dryRun=true', csv);
      expect(preview.body.counts).toMatchObject({ create: 1, errors: 1 });
      expect(preview.body.rows[1]?.errors).toEqual([
        { row: 3, column: 'name', field: 'name', message: 'is required' },
      ]);
      const refused = await importFile(ts, '/api/v1/imports/items', csv);
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        code: 'invalid_rows',
        errors: [{ path: 'rows.3.name', row: 3, column: 'name', message: 'is required' }],
      });
      expect((await ts.api('GET', `/api/v1/items/${good}`)).status).toBe(404);
    });

    it('names a SKU listed twice, a bad flag and a barcode of another item', async () => {
      const ts = server();
      const sku = uniqueCode('TWICE');
      const other = await makeItem(ts, uniqueCode('OWNER'), { barcodes: ['4006381333931'] });
      const csv = csvOf([
        ['SKU', '名称', '条码', '批次管理'],
        [sku, 'One', '', 'yes'],
        [sku, 'Two', '', 'maybe'],
        [uniqueCode('THIEF'), 'Three', '4006381333931', ''],
      ]);
      const preview = await importFile<ImportResult>(ts, '/api/v1/imports/items?dryRun=true', csv);
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      expect(preview.body.rows.map((r) => r.errors)).toEqual([
        [],
        [
          { row: 3, column: '批次管理', field: 'batchTracked', message: 'must be true or false' },
          { row: 3, column: 'SKU', field: 'sku', message: `sku ${sku} is already in row 2` },
        ],
        [
          {
            row: 4,
            column: '条码',
            field: 'barcodes',
            message: `barcode 4006381333931 already belongs to item ${other}`,
          },
        ],
      ]);
      expect((await importFile(ts, '/api/v1/imports/items', csv)).status).toBe(422);
      expect((await ts.api('GET', `/api/v1/items/${sku}`)).status).toBe(404);
    });

    it('exports as XLSX and CSV in the columns the import takes: export, edit, import round-trips', async () => {
      const ts = server();
      const sku = await makeItem(ts, uniqueCode('ROUND'), {
        name: '牛奶 Milk',
        barcodes: ['6900000000017'],
        expiryTracked: true,
      });
      const xlsx = await fetch(`${ts.baseUrl}/api/v1/exports/items?format=xlsx`, {
        headers: { authorization: `Bearer ${ts.token}` },
      });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toBe(XLSX);
      const rows = await rowsOfXlsx(await xlsx.arrayBuffer());
      expect(rows[0]).toEqual([...HEAD, 'description', 'batchTracked', 'expiryTracked']);
      const mine = rows.find((r) => r[0] === sku);
      expect(mine).toEqual([sku, '牛奶 Milk', 'pcs', '6900000000017', '', '', 'true', 'true']);

      const unchanged = await importFile<ImportResult>(
        ts,
        '/api/v1/imports/items?dryRun=true',
        await xlsxOf(rows),
      );
      expect(unchanged.body.counts).toMatchObject({ create: 0, update: 0, errors: 0 });
      const edited = rows.map((r) => (r[0] === sku ? [sku, '牛奶 Milk 1L', ...r.slice(2)] : r));
      const imported = await importFile<ImportResult>(ts, '/api/v1/imports/items', await xlsxOf(edited));
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
      expect(imported.body.counts).toMatchObject({ update: 1, create: 0 });
      expect((await ts.api('GET', `/api/v1/items/${sku}`)).body.name).toBe('牛奶 Milk 1L');

      const csv = await ts.api('GET', '/api/v1/exports/items?format=csv&headers=zh-CN');
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csvLines(csv.body);
      expect(lines[0]).toBe('SKU,名称,单位,条码,品类,描述,批次管理,保质期管理');
      const again = await importFile<ImportResult>(ts, '/api/v1/imports/items?dryRun=true', String(csv.body));
      expect(again.body.counts).toMatchObject({ create: 0, update: 0, errors: 0 });
    });

    it('imports warehouses, suppliers and customers with the rules of their create routes', async () => {
      const ts = server();
      const wh = uniqueCode('WH');
      const warehouses = await importFile<ImportResult>(
        ts,
        '/api/v1/imports/warehouses',
        csvOf([
          ['code', 'name', 'region', 'kind'],
          [wh, '杭州仓', '华东', 'store'],
        ]),
      );
      expect(warehouses.status, JSON.stringify(warehouses.body)).toBe(200);
      expect((await ts.api('GET', `/api/v1/warehouses/${wh}`)).body).toMatchObject({ kind: 'store' });
      const sup = uniqueCode('SUP');
      const bad = await importFile<ImportResult>(
        ts,
        '/api/v1/imports/suppliers?dryRun=true',
        csvOf([
          ['code', 'name', 'email', 'receiptTolerancePct'],
          [sup, 'ACME', 'not-mail', 'lots'],
        ]),
      );
      expect(bad.body.rows[0]?.errors.map((e) => [e.field, e.message])).toEqual([
        ['receiptTolerancePct', 'must be a number'],
        ['email', 'must be an e-mail address'],
      ]);
      const customers = await importFile<ImportResult>(
        ts,
        '/api/v1/imports/customers',
        csvOf([
          ['code', 'name', 'phone'],
          [uniqueCode('CUS'), '张三', '13800000000'],
        ]),
      );
      expect(customers.body.counts).toMatchObject({ create: 1 });
    });

    it('refuses a file with an unknown column or no key column before reading rows', async () => {
      const ts = server();
      const unknown = await importFile(
        ts,
        '/api/v1/imports/items',
        csvOf([
          ['sku', 'colour'],
          ['A', 'red'],
        ]),
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body).toMatchObject({ code: 'validation_failed', errors: [{ path: 'columns.1' }] });
      const keyless = await importFile(ts, '/api/v1/imports/items', csvOf([['name'], ['A']]));
      expect(keyless.body).toMatchObject({ errors: [{ path: 'columns', message: 'must include sku' }] });
      const notXlsx = await importFile(ts, '/api/v1/imports/items', new Uint8Array([1, 2, 3]));
      const pdf = await ts.api('POST', '/api/v1/imports/items', undefined, {
        raw: '%PDF-1.3',
        headers: { 'content-type': 'application/pdf' },
      });
      expect(pdf.status).toBe(415);
      expect(pdf.body).toMatchObject({ code: 'unsupported_media_type' });
      expect(String(pdf.body.detail)).toContain('text/csv');
      expect(notXlsx.body).toMatchObject({ errors: [{ path: 'body', message: 'is not an XLSX workbook' }] });
    });

    it('answers a retried import with the same Idempotency-Key once, and refuses a file too large with 413', async () => {
      const ts = server();
      const sku = uniqueCode('IDEM');
      const csv = csvOf([
        ['sku', 'name'],
        [sku, 'Once'],
      ]);
      const headers = { 'idempotency-key': uniqueCode('import') };
      const first = await importFile<ImportResult>(ts, '/api/v1/imports/items', csv, { headers });
      const second = await importFile<ImportResult>(ts, '/api/v1/imports/items', csv, { headers });
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect((await auditEntries(ts, 'entity=item')).filter((e) => e.after?.sku === sku)).toHaveLength(1);
      const huge = `sku,name\r\n${'X,'.padEnd(6 * 1024 * 1024, 'y')}\r\n`;
      const tooLarge = await importFile(ts, '/api/v1/imports/items', huge);
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body).toMatchObject({ code: 'payload_too_large' });
    });

    it('refuses an import to a person who may not create that master data, naming the permission', async () => {
      const ts = server();
      const purchaser = await signInAs(ts, 'purchaser');
      const sku = uniqueCode('NOPE');
      const csv = csvOf([
        ['sku', 'name'],
        [sku, 'No'],
      ]);
      const refused = await importFile(ts, '/api/v1/imports/items', csv, { token: purchaser });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'forbidden', permission: 'item.manage' });
      expect((await ts.api('GET', `/api/v1/items/${sku}`)).status).toBe(404);
      const suppliers = csvOf([
        ['code', 'name'],
        [uniqueCode('SUP'), 'Allowed'],
      ]);
      expect(
        (await importFile(ts, '/api/v1/imports/suppliers', suppliers, { token: purchaser })).status,
      ).toBe(200);
    });
  });
}
