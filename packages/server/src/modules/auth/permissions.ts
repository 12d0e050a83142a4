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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['stock.read', 'ledger.read', 'report.read'];

/** What each built-in role may do. */
export const ROLE_PERMISSIONS: Record<string, readonly Permission[]> = {
  admin: PERMISSIONS,
  warehouse_manager: [...READ, 'item.manage', 'warehouse.manage', 'receipt.post', 'reservation.manage'],
  clerk: ['stock.read', 'ledger.read', 'receipt.post'],
  purchaser: ['stock.read', 'supplier.manage'],
  sales: ['stock.read', 'customer.manage', 'reservation.manage'],
  finance: READ,
  viewer: READ,
};

/** The union of the permissions of some roles. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role] ?? []) granted.add(p);
  return PERMISSIONS.filter((p) => granted.has(p));
}
