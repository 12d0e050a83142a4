import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS } from '../src/modules/auth/permissions';
import { testDatabaseKinds } from './support/databases';
import { makePartner, stockedItem } from './support/fixtures';
import { signInAs } from './support/people';
import { useTestServer } from './support/server';

const now = Date.parse('2026-11-13T03:00:00Z');
const ROLES = ['warehouse_manager', 'clerk', 'purchaser', 'sales', 'finance', 'viewer'] as const;

interface Endpoint {
  method: string;
  path: string;
  permission: Permission;
  body?: unknown;
}

/** Every write of the API with a valid body, and the permission it needs. */
function endpoints(wh: string, sku: string, supplier: string): Endpoint[] {
  const line = { sku, qty: 1 };
  return [
    {
      method: 'POST',
      path: '/api/v1/receipts',
      permission: 'receipt.post',
      body: { warehouse: wh, lines: [{ ...line, unitCost: 1 }] },
    },
    {
      method: 'POST',
      path: '/api/v1/reservations',
      permission: 'reservation.manage',
      body: { sku, warehouse: wh, qty: 1, reference: 'r' },
    },
    {
      method: 'POST',
      path: '/api/v1/items',
      permission: 'item.manage',
      body: { sku: `${sku}-X${Math.random()}`, name: 'x' },
    },
    {
      method: 'POST',
      path: '/api/v1/warehouses',
      permission: 'warehouse.manage',
      body: { code: `W${Math.random()}`, name: 'x' },
    },
    {
      method: 'POST',
      path: '/api/v1/customers',
      permission: 'customer.manage',
      body: { code: `C${Math.random()}`, name: 'x' },
    },
    {
      method: 'POST',
      path: '/api/v1/suppliers',
      permission: 'supplier.manage',
      body: { code: `S${Math.random()}`, name: 'x' },
    },
    {
      method: 'POST',
      path: '/api/v1/purchase-orders',
      permission: 'purchase_order.manage',
      body: { supplier, warehouse: wh, lines: [{ ...line, unitCost: 1 }] },
    },
    { method: 'POST', path: '/api/v1/purchase-orders/NONE/approve', permission: 'purchase_order.approve' },
    {
      method: 'POST',
      path: '/api/v1/purchase-orders/NONE/receive',
      permission: 'purchase_order.receive',
      body: { lines: [line] },
    },
    {
      method: 'POST',
      path: '/api/v1/purchase-returns',
      permission: 'purchase_return.manage',
      body: { supplier, warehouse: wh, lines: [line] },
    },
    {
      method: 'POST',
      path: '/api/v1/sales-orders',
      permission: 'sales_order.manage',
      body: { warehouse: wh, lines: [{ ...line, unitPrice: 1 }] },
    },
    { method: 'POST', path: '/api/v1/sales-orders/NONE/ship', permission: 'sales_order.ship' },
    {
      method: 'POST',
      path: '/api/v1/sales-orders/NONE/returns',
      permission: 'sales_return.post',
      body: { lines: [{ ...line, disposition: 'restock', reason: 'x' }] },
    },
    {
      method: 'POST',
      path: '/api/v1/transfers',
      permission: 'transfer.manage',
      body: { from: wh, to: wh, lines: [line] },
    },
    { method: 'POST', path: '/api/v1/stocktakes', permission: 'stocktake.count', body: { warehouse: wh } },
    { method: 'POST', path: '/api/v1/stocktakes/NONE/post', permission: 'stocktake.post' },
    {
      method: 'POST',
      path: '/api/v1/write-offs',
      permission: 'write_off.request',
      body: { warehouse: wh, lines: [{ ...line, reason: 'damage' }] },
    },
    { method: 'POST', path: '/api/v1/write-offs/NONE/post', permission: 'write_off.post' },
    {
      method: 'POST',
      path: '/api/v1/bin-moves',
      permission: 'bin.move',
      body: { warehouse: wh, lines: [{ ...line, from: 'A', to: 'B' }] },
    },
    {
      method: 'POST',
      path: '/api/v1/quarantine/hold',
      permission: 'quarantine.manage',
      body: { warehouse: wh, lines: [line] },
    },
    { method: 'GET', path: '/api/v1/stock', permission: 'stock.read' },
    { method: 'GET', path: '/api/v1/sales-orders', permission: 'document.read' },
    { method: 'GET', path: '/api/v1/ledger', permission: 'ledger.read' },
    { method: 'GET', path: '/api/v1/reports/valuation', permission: 'report.read' },
    { method: 'GET', path: '/api/v1/users', permission: 'user.manage' },
    { method: 'GET', path: '/api/v1/api-tokens', permission: 'api_token.manage' },
    { method: 'GET', path: '/api/v1/approval-rules', permission: 'approval_rule.manage' },
    {
      method: 'POST',
      path: '/api/v1/approval-rules',
      permission: 'approval_rule.manage',
      body: { action: 'write_off.post', threshold: 1_000_000 },
    },
    { method: 'GET', path: '/api/v1/audit', permission: 'audit.read' },
  ];
}

for (const kind of testDatabaseKinds()) {
  describe(`permissions per role on ${kind}`, () => {
    const server = useTestServer(kind, { clock: () => now });

    it('refuses each action to every role without its permission (naming it) and lets the others through', async () => {
      const ts = server();
      const { wh, sku } = await stockedItem(ts, 1000, 1);
      const supplier = await makePartner(ts, 'suppliers');
      const tokens = new Map<string, string>();
      for (const role of ROLES) tokens.set(role, await signInAs(ts, role));
      const wrong: string[] = [];
      const checked = endpoints(wh, sku, supplier);
      expect(PERMISSIONS.filter((p) => !checked.some((e) => e.permission === p))).toEqual([]);
      for (const e of checked) {
        for (const role of ROLES) {
          const res = await ts.api(e.method, e.path, e.body, { token: tokens.get(role) ?? '' });
          const allowed = ROLE_PERMISSIONS[role]?.includes(e.permission) ?? false;
          const refused = res.status === 403 && res.body.permission === e.permission;
          if (allowed === refused)
            wrong.push(`${role} ${e.method} ${e.path}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });
}
