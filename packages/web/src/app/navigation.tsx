import {
  AppstoreOutlined,
  AuditOutlined,
  BranchesOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  SafetyOutlined,
  ScanOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { KINDS } from '../features/documents/kinds';
import { SCAN_PERMISSIONS } from '../features/scanning/scan-jobs';
import type { Messages } from '../i18n/en';

/** A module in the navigation, shown only to people who hold its permission. */
interface NavigationEntry {
  path: string;
  label: keyof Messages['nav'];
  icon: ReactNode;
  /** The permission it needs (a list: any one of them); none: everyone signed in. */
  permission?: string | readonly string[];
  /** The group of the menu it sits in (its label is `nav.<group>`); none: the top level. */
  group?: 'documents';
}

/** The modules, in menu order. */
export const NAVIGATION: readonly NavigationEntry[] = [
  { path: '/', label: 'dashboard', icon: <DashboardOutlined />, permission: 'stock.read' },
  { path: '/stock', label: 'stock', icon: <DatabaseOutlined />, permission: 'stock.read' },
  { path: '/items', label: 'items', icon: <AppstoreOutlined />, permission: 'stock.read' },
  { path: '/warehouses', label: 'warehouses', icon: <HomeOutlined />, permission: 'stock.read' },
  { path: '/suppliers', label: 'suppliers', icon: <ShopOutlined />, permission: 'stock.read' },
  { path: '/customers', label: 'customers', icon: <TeamOutlined />, permission: 'stock.read' },
  ...KINDS.map((k) => ({
    path: `/documents/${k.kind}`,
    label: k.kind,
    icon: <FileTextOutlined />,
    permission: k.read,
    group: 'documents' as const,
  })),
  { path: '/scan', label: 'scan', icon: <ScanOutlined />, permission: SCAN_PERMISSIONS },
  { path: '/approvals', label: 'approvals', icon: <CheckSquareOutlined /> },
  { path: '/audit', label: 'audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/users', label: 'users', icon: <UserOutlined />, permission: 'user.manage' },
  { path: '/roles', label: 'roles', icon: <SafetyOutlined />, permission: 'user.manage' },
  { path: '/api-tokens', label: 'apiTokens', icon: <KeyOutlined />, permission: 'api_token.manage' },
  {
    path: '/approval-rules',
    label: 'approvalRules',
    icon: <BranchesOutlined />,
    permission: 'approval_rule.manage',
  },
  { path: '/account', label: 'account', icon: <IdcardOutlined /> },
];

/** True when a person holds a permission, or one of a list of them. */
export const holds = (permissions: readonly string[], needed: string | readonly string[]): boolean =>
  typeof needed === 'string' ? permissions.includes(needed) : needed.some((p) => permissions.includes(p));

/** True when a person may open an entry. */
export const mayOpen = (entry: NavigationEntry, permissions: readonly string[]): boolean =>
  entry.permission === undefined || holds(permissions, entry.permission);

/** The entry a path belongs to (the longest matching prefix). */
export function entryOf(pathname: string): NavigationEntry | undefined {
  return [...NAVIGATION]
    .filter((e) => (e.path === '/' ? pathname === '/' : pathname.startsWith(e.path)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
