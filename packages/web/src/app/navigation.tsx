import {
  AppstoreOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  HomeOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Messages } from '../i18n/en';

/** A module in the navigation, shown only to people who hold its permission. */
interface NavigationEntry {
  path: string;
  label: keyof Messages['nav'];
  icon: ReactNode;
  permission: string;
}

/** The modules, in menu order. Documents, scanning, labels and administration join here. */
export const NAVIGATION: readonly NavigationEntry[] = [
  { path: '/', label: 'dashboard', icon: <DashboardOutlined />, permission: 'stock.read' },
  { path: '/stock', label: 'stock', icon: <DatabaseOutlined />, permission: 'stock.read' },
  { path: '/items', label: 'items', icon: <AppstoreOutlined />, permission: 'stock.read' },
  { path: '/warehouses', label: 'warehouses', icon: <HomeOutlined />, permission: 'stock.read' },
  { path: '/suppliers', label: 'suppliers', icon: <ShopOutlined />, permission: 'stock.read' },
  { path: '/customers', label: 'customers', icon: <TeamOutlined />, permission: 'stock.read' },
];

/** The entry a path belongs to (the longest matching prefix). */
export function entryOf(pathname: string): NavigationEntry | undefined {
  return [...NAVIGATION]
    .filter((e) => (e.path === '/' ? pathname === '/' : pathname.startsWith(e.path)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
