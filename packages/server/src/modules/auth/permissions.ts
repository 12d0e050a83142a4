/** Every permission, one per kind of action. */
export const PERMISSIONS = [
  'stock.read',
  'ledger.read',
  'report.read',
  'item.manage',
  'warehouse.manage',
  'supplier.manage',
  'customer.manage',
  'receipt.post',
  'reservation.manage',
  'user.manage',
  'document.read',
  'purchase_order.manage',
  'purchase_order.approve',
  'purchase_order.receive',
  'purchase_return.manage',
  'sales_order.manage',
  'sales_order.ship',
  'sales_return.post',
  'transfer.manage',
  'stocktake.count',
  'stocktake.post',
  'write_off.request',
  'write_off.post',
  'bin.move',
  'quarantine.manage',
  'api_token.manage',
  'approval_rule.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['stock.read', 'ledger.read', 'report.read', 'document.read'];

/** What each built-in role may do. */
export const ROLE_PERMISSIONS: Record<string, readonly Permission[]> = {
  admin: PERMISSIONS,
  warehouse_manager: PERMISSIONS.filter(
    (p) =>
      p !== 'user.manage' && p !== 'api_token.manage' && p !== 'approval_rule.manage' && p !== 'audit.read',
  ),
  clerk: [
    'stock.read',
    'ledger.read',
    'document.read',
    'receipt.post',
    'purchase_order.receive',
    'sales_order.ship',
    'transfer.manage',
    'bin.move',
    'quarantine.manage',
    'stocktake.count',
    'write_off.request',
  ],
  purchaser: [
    'stock.read',
    'document.read',
    'supplier.manage',
    'purchase_order.manage',
    'purchase_return.manage',
  ],
  sales: [
    'stock.read',
    'document.read',
    'customer.manage',
    'reservation.manage',
    'sales_order.manage',
    'sales_return.post',
  ],
  finance: [...READ, 'stocktake.post', 'write_off.post', 'audit.read'],
  viewer: READ,
};

/** The union of the permissions of some roles. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role] ?? []) granted.add(p);
  return PERMISSIONS.filter((p) => granted.has(p));
}
