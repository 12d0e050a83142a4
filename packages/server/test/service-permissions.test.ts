import { describe, expect, it } from 'vitest';
import type { Trx } from '../src/ledger/types';
import { SYSTEM_ACTOR } from '../src/modules/audit/audit-entry';
import { PERMISSIONS, type Permission } from '../src/modules/auth/permissions';
import type { Principal } from '../src/modules/auth/principal';
import type { Services } from '../src/services';
import { testDatabaseKinds } from './support/databases';
import { makeItem, makeWarehouse, uniqueCode } from './support/fixtures';
import { type TestServer, useTestServer } from './support/server';

/** A service write as a test calls it, bypassing every route. */
type ServiceWrite = (s: Services, trx: Trx, p: Principal) => Promise<unknown>;

const NONE = 'NONE';
const reason = { reason: 'test' };

/** Every write of every service, with the permission it must demand before it reads anything. */
function serviceWrites(wh: string, sku: string): [Permission, string, ServiceWrite][] {
  const one = [{ sku, qty: 1 }];
  const on = (p: Principal) => ({ id: NONE, body: {}, principal: p, ifMatch: null });
  const because = (p: Principal) => ({ ...on(p), body: reason });
  return [
    [
      'warehouse.manage',
      'create a warehouse',
      (s, t, p) => s.warehouses.create(t, { code: 'W', name: 'W' }, p),
    ],
    [
      'warehouse.manage',
      'change a warehouse',
      (s, t, p) => s.warehouses.update(t, wh, { name: 'W' }, null, p),
    ],
    ['warehouse.manage', 'add a bin', (s, t, p) => s.bins.create(t, wh, { code: 'B-1' }, p)],
    ['item.manage', 'create an item', (s, t, p) => s.items.create(t, { sku: 'S', name: 'S' }, p)],
    ['item.manage', 'change an item', (s, t, p) => s.items.update(t, sku, { name: 'S' }, null, p)],
    [
      'item.manage',
      'set stock levels',
      (s, t, p) => s.stockLevels.set(t, { sku, warehouse: wh, safetyStock: 1 }, p),
    ],
    ['supplier.manage', 'create a supplier', (s, t, p) => s.suppliers.create(t, { code: 'P', name: 'P' }, p)],
    [
      'supplier.manage',
      'change a supplier',
      (s, t, p) => s.suppliers.update(t, NONE, { name: 'P' }, null, p),
    ],
    ['customer.manage', 'create a customer', (s, t, p) => s.customers.create(t, { code: 'C', name: 'C' }, p)],
    [
      'customer.manage',
      'change a customer',
      (s, t, p) => s.customers.update(t, NONE, { name: 'C' }, null, p),
    ],
    [
      'receipt.post',
      'receive',
      (s, t, p) => s.receipts.create(t, { warehouse: wh, lines: [{ sku, qty: 1, unitCost: '1' }] }, p),
    ],
    [
      'reservation.manage',
      'reserve',
      (s, _t, p) =>
        s.reservations.reserve({ sku, warehouse: wh, qty: 1, reference: 'r' }, p, null, SYSTEM_ACTOR),
    ],
    ['reservation.manage', 'release', (s, t, p) => s.reservations.release(t, NONE, p)],
    [
      'bin.move',
      'move between bins',
      (s, t, p) => s.bins.move(t, { warehouse: wh, lines: [{ sku, qty: 1, from: 'A', to: 'B' }] }, p),
    ],
    [
      'quarantine.manage',
      'hold in quarantine',
      (s, t, p) => s.quarantine.move(t, 'hold', { warehouse: wh, lines: one }, p),
    ],
    [
      'purchase_order.manage',
      'create a purchase order',
      (s, t, p) =>
        s.purchaseOrders.create(
          t,
          { supplier: NONE, warehouse: wh, lines: [{ sku, qty: 1, unitCost: '1' }] },
          p,
        ),
    ],
    [
      'purchase_order.manage',
      'quick-fill a purchase order',
      (s, t, p) => s.purchaseOrders.quickFill(t, { supplier: NONE, warehouse: wh }, p),
    ],
    ['purchase_order.manage', 'edit a purchase order', (s, t, p) => s.purchaseOrders.update(t, on(p))],
    ['purchase_order.manage', 'submit a purchase order', (s, t, p) => s.purchaseOrders.submit(t, on(p))],
    ['purchase_order.approve', 'approve a purchase order', (s, t, p) => s.purchaseOrders.approve(t, on(p))],
    [
      'purchase_order.approve',
      'reject a purchase order',
      (s, t, p) => s.purchaseOrders.reject(t, because(p)),
    ],
    [
      'purchase_order.receive',
      'receive a purchase order',
      (s, t, p) => s.purchaseOrders.receive(t, { ...on(p), body: { lines: one } }),
    ],
    ['purchase_order.manage', 'close a purchase order', (s, t, p) => s.purchaseOrders.close(t, because(p))],
    ['purchase_order.manage', 'cancel a purchase order', (s, t, p) => s.purchaseOrders.cancel(t, because(p))],
    [
      'purchase_return.manage',
      'create a purchase return',
      (s, t, p) => s.purchaseReturns.create(t, { supplier: NONE, warehouse: wh, lines: one }, p),
    ],
    ['purchase_return.manage', 'edit a purchase return', (s, t, p) => s.purchaseReturns.update(t, on(p))],
    ['purchase_return.manage', 'post a purchase return', (s, t, p) => s.purchaseReturns.post(t, on(p))],
    [
      'purchase_return.manage',
      'cancel a purchase return',
      (s, t, p) => s.purchaseReturns.cancel(t, because(p)),
    ],
    [
      'sales_order.manage',
      'create a sales order',
      (s, t, p) => s.salesOrders.create(t, { warehouse: wh, lines: [{ sku, qty: 1, unitPrice: '1' }] }, p),
    ],
    [
      'sales_return.post',
      'open an exchange order',
      (s, t, p) =>
        s.salesOrders.exchange(t, { warehouse: wh, lines: [{ sku, qty: 1, unitPrice: '1' }] }, p, NONE),
    ],
    ['sales_order.ship', 'ship a sales order', (s, t, p) => s.salesOrders.ship(t, on(p))],
    ['sales_order.manage', 'cancel a sales order', (s, t, p) => s.salesOrders.cancel(t, because(p))],
    [
      'sales_return.post',
      'take a return',
      (s, t, p) =>
        s.salesReturns.create(t, NONE, { lines: [{ sku, qty: 1, disposition: 'restock', reason: 'r' }] }, p),
    ],
    [
      'transfer.manage',
      'create a transfer',
      (s, t, p) => s.transfers.create(t, { from: wh, to: wh, lines: one }, p),
    ],
    ['transfer.manage', 'edit a transfer', (s, t, p) => s.transfers.update(t, on(p))],
    ['transfer.manage', 'confirm a transfer', (s, t, p) => s.transfers.confirm(t, on(p))],
    ['transfer.manage', 'ship a transfer', (s, t, p) => s.transfers.ship(t, on(p))],
    ['transfer.manage', 'receive a transfer', (s, t, p) => s.transfers.receive(t, on(p))],
    ['transfer.manage', 'close a transfer', (s, t, p) => s.transfers.close(t, because(p))],
    ['transfer.manage', 'cancel a transfer', (s, t, p) => s.transfers.cancel(t, because(p))],
    ['stocktake.count', 'open a stocktake', (s, t, p) => s.stocktakes.create(t, { warehouse: wh }, p)],
    [
      'stocktake.count',
      'count a stocktake',
      (s, t, p) => s.stocktakes.count(t, { ...on(p), body: { lines: [{ sku, countedQty: 1 }] } }),
    ],
    ['stocktake.post', 'post a stocktake', (s, t, p) => s.stocktakes.post(t, on(p))],
    ['stocktake.count', 'cancel a stocktake', (s, t, p) => s.stocktakes.cancel(t, because(p))],
    [
      'write_off.request',
      'ask for a write-off',
      (s, t, p) => s.writeOffs.create(t, { warehouse: wh, lines: [{ sku, qty: 1, reason: 'damage' }] }, p),
    ],
    ['write_off.request', 'edit a write-off', (s, t, p) => s.writeOffs.update(t, on(p))],
    ['write_off.post', 'post a write-off', (s, t, p) => s.writeOffs.post(t, on(p))],
    ['write_off.request', 'cancel a write-off', (s, t, p) => s.writeOffs.cancel(t, because(p))],
    [
      'write_off.post',
      'ask for an approval',
      (s, t, p) =>
        s.approvals.gate(
          t,
          {
            action: 'write_off.post',
            target: { type: 'write_off', id: NONE },
            body: null,
            principal: p,
            ifMatch: null,
          },
          undefined,
        ),
    ],
    [
      'approval_rule.manage',
      'add an approval rule',
      (s, t, p) => s.approvalRules.create(t, { action: 'write_off.post', threshold: 1 }, p),
    ],
    [
      'approval_rule.manage',
      'change an approval rule',
      (s, t, p) => s.approvalRules.update(t, NONE, { threshold: 2 }, null, p),
    ],
    ['approval_rule.manage', 'remove an approval rule', (s, t, p) => s.approvalRules.remove(t, NONE, p)],
    [
      'user.manage',
      'add a person',
      (s, t, p) =>
        s.users.create(t, { email: 'x@test.local', name: 'X', passwordHash: NONE, roles: ['viewer'] }, p),
    ],
    ['user.manage', 'change a person', (s, t, p) => s.users.update(t, p.userId, { name: 'X' }, null, p)],
    [
      'user.manage',
      'reset a password',
      (s, t, p) => s.users.resetPassword(t, p.userId, 'a long enough password', p),
    ],
    [
      'user.manage',
      'make a role',
      (s, t, p) => s.roles.create(t, { name: 'r', permissions: ['stock.read'] }, p),
    ],
    [
      'api_token.manage',
      'make an API token',
      (s, t, p) => s.apiTokens.create(t, { name: 't', permissions: ['stock.read'] }, p),
    ],
    ['api_token.manage', 'revoke an API token', (s, _t, p) => s.apiTokens.revoke(NONE, p)],
  ];
}

/** The administrator, holding every permission but one. */
async function everythingBut(ts: TestServer, missing: Permission | null, warehouses: string[] | null = null) {
  const me = await ts.api<{ id: string; email: string }>('GET', '/api/v1/me');
  const p: Principal = {
    userId: me.body.id,
    email: me.body.email,
    name: 'admin',
    roles: ['admin'],
    warehouses,
    permissions: PERMISSIONS.filter((x) => x !== missing),
    sessionId: NONE,
    viaApiToken: false,
  };
  return p;
}

/** What a refused write could have changed: every table a write touches counted. */
async function footprint(s: Services) {
  const tables = [
    'documents',
    'ledger_entries',
    'audit_log',
    'items',
    'warehouses',
    'users',
    'approvals',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await s.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

async function refusal(s: Services, write: ServiceWrite, p: Principal) {
  try {
    await s.db.transaction().execute((trx) => write(s, trx, p));
    return 'done';
  } catch (error) {
    const e = error as { code?: string; extras?: { permission?: string; errors?: { path: string }[] } };
    return { code: e.code, permission: e.extras?.permission, paths: e.extras?.errors?.map((x) => x.path) };
  }
}

for (const kind of testDatabaseKinds()) {
  describe(`services called directly, without any route, on ${kind}`, () => {
    const server = useTestServer(kind);

    it('refuse a principal that lacks the permission, naming it, before they read or change anything', async () => {
      const ts = server();
      const s = ts.server.services;
      const wh = await makeWarehouse(ts);
      const sku = await makeItem(ts, uniqueCode('SVC'));
      const writes = serviceWrites(wh, sku);
      const before = await footprint(s);
      const wrong: string[] = [];
      for (const [permission, what, write] of writes) {
        const got = await refusal(s, write, await everythingBut(ts, permission));
        if (typeof got === 'string' || got.code !== 'forbidden' || got.permission !== permission)
          wrong.push(`${what}: ${JSON.stringify(got)} instead of forbidden ${permission}`);
      }
      expect(wrong).toEqual([]);
      expect(await footprint(s)).toEqual(before);
      // Every permission that allows a write is demanded by some service.
      const demanded = new Set(writes.map(([permission]) => permission));
      const reads = ['stock.read', 'ledger.read', 'report.read', 'document.read', 'audit.read'];
      expect(PERMISSIONS.filter((x) => !demanded.has(x) && !reads.includes(x))).toEqual([]);
    });

    it('refuse a principal of another warehouse that names this one in what it sends', async () => {
      const ts = server();
      const s = ts.server.services;
      const mine = await makeWarehouse(ts);
      const theirs = await makeWarehouse(ts);
      const sku = await makeItem(ts, uniqueCode('SVC'));
      const p = await everythingBut(ts, null, [mine]);
      const before = await footprint(s);
      const naming = serviceWrites(theirs, sku).filter(([, what]) =>
        [
          'receive',
          'reserve',
          'create a purchase order',
          'create a sales order',
          'create a transfer',
          'open a stocktake',
          'ask for a write-off',
          'hold in quarantine',
          'move between bins',
          'set stock levels',
        ].includes(what),
      );
      expect(naming).toHaveLength(10);
      for (const [, what, write] of naming) {
        const got = await refusal(s, write, p);
        expect(got, what).toMatchObject({ code: 'forbidden' });
      }
      expect(await footprint(s)).toEqual(before);
    });
  });
}
