import { FolderOpenOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import type { Me } from '@onhand/contracts';
import { Button, Drawer, Grid, Layout, Menu, type MenuProps, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useLogout } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';
import { entryOf, mayOpen, NAVIGATION } from './navigation';

/** The frame around every page: the module menu (a drawer on phones), language and sign-out. */
export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [openGroups, setOpenGroups] = useState<string[]>([]);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();

  const entries = NAVIGATION.filter((e) => mayOpen(e, me.permissions));
  const current = entryOf(location.pathname);
  const items: NonNullable<MenuProps['items']> = [];
  const groups = new Map<string, NonNullable<MenuProps['items']>>();
  for (const e of entries) {
    const item = { key: e.path, icon: e.icon, label: t(`nav.${e.label}`) };
    if (!e.group) {
      items.push(item);
      continue;
    }
    let children = groups.get(e.group);
    if (!children) {
      children = [];
      groups.set(e.group, children);
      items.push({ key: e.group, icon: <FolderOpenOutlined />, label: t(`nav.${e.group}`), children });
    }
    children.push(item);
  }
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={current ? [current.path] : []}
      openKeys={current?.group ? [...new Set([...openGroups, current.group])] : openGroups}
      onOpenChange={setOpenGroups}
      items={items}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
    />
  );

  return (
    <Layout className="shell">
      {!phone && (
        <Layout.Sider theme="light" width={208} className="shell-sider">
          <div className="shell-brand">{t('app.name')}</div>
          <nav aria-label={t('nav.menu')}>{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="shell-header">
          <Space>
            {phone && (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('nav.menu')}
                onClick={() => setDrawerOpen(true)}
              />
            )}
            {phone && <span className="shell-brand-inline">{t('app.name')}</span>}
          </Space>
          <Space size="middle">
            <LanguageSwitch />
            {!phone && <Typography.Text type="secondary">{me.name}</Typography.Text>}
            <Button
              type="text"
              icon={<LogoutOutlined />}
              onClick={() => logout.mutate()}
              aria-label={t('auth.signOut')}
            >
              {phone ? null : t('auth.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="shell-content">{children}</Layout.Content>
      </Layout>
      {phone && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={t('app.name')}
          size={240}
        >
          <nav aria-label={t('nav.menu')}>{menu}</nav>
        </Drawer>
      )}
    </Layout>
  );
}
