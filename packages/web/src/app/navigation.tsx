import {
  AppstoreOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  SafetyOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { KINDS } from '../features/documents/kinds';
import type { Messages } from '../i18n/en';

/** A module in the navigation, shown only to people who hold its permission. */
interface NavigationEntry {
  path: string;
  label: keyof Messages['nav'];
  icon: ReactNode;
  /** The permission it needs; none: everyone signed in. */
  permission?: string;
  /** The group of the menu it sits in (its label is `nav.<group>`); none: the top level. */
  group?: 'documents';
}

/** The modules, in menu order. Scanning and labels join here. */
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
  { path: '/approvals', label: 'approvals', icon: <CheckSquareOutlined /> },
  { path: '/audit', label: 'audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/users', label: 'users', icon: <UserOutlined />, permission: 'user.manage' },
  { path: '/roles', label: 'roles', icon: <SafetyOutlined />, permission: 'user.manage' },
  { path: '/api-tokens', label: 'apiTokens', icon: <KeyOutlined />, permission: 'api_token.manage' },
  { path: '/account', label: 'account', icon: <IdcardOutlined /> },
];

/** True when a person may open an entry. */
export const mayOpen = (entry: NavigationEntry, permissions: readonly string[]): boolean =>
  entry.permission === undefined || permissions.includes(entry.permission);

/** The entry a path belongs to (the longest matching prefix). */
export function entryOf(pathname: string): NavigationEntry | undefined {
  return [...NAVIGATION]
    .filter((e) => (e.path === '/' ? pathname === '/' : pathname.startsWith(e.path)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
