import type { Me } from '@onhand/contracts';
import { Button, Result } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { Loading } from '../components/states';
import { AccountPage } from '../features/account/AccountPage';
import { ApiTokensPage } from '../features/api-tokens/ApiTokensPage';
import { ApprovalsPage } from '../features/approvals/ApprovalsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { DocumentPage } from '../features/documents/DocumentPage';
import { ITEMS } from '../features/master-data/items.resource';
import { MasterDataPage } from '../features/master-data/MasterDataPage';
import { CUSTOMERS, SUPPLIERS } from '../features/master-data/partners.resource';
import { WAREHOUSES } from '../features/master-data/warehouses.resource';
import { RolesPage } from '../features/roles/RolesPage';
import { SCAN_PERMISSIONS } from '../features/scanning/scan-jobs';
import { SkuPage } from '../features/stock/SkuPage';
import { StockListPage } from '../features/stock/StockListPage';
import { UsersPage } from '../features/users/UsersPage';
import { holds } from './navigation';

// The scanning screens load when first opened (the camera's decoder only when the camera starts).
const ScanJobsPage = lazy(() =>
  import('../features/scanning/ScanJobsPage').then((m) => ({ default: m.ScanJobsPage })),
);
const ScanScreen = lazy(() =>
  import('../features/scanning/ScanScreen').then((m) => ({ default: m.ScanScreen })),
);

// The dashboard brings the charts library: it loads when first opened.
const DashboardPage = lazy(() =>
  import('../features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** The pages, each behind the permission that reads it (what may not be read is not routed). */
export function AppRoutes({ me }: { me: Me }) {
  const may = (permission: string | readonly string[], page: ReactNode) =>
    holds(me.permissions, permission) ? page : <NotFound />;
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={may('stock.read', <DashboardPage />)} />
        <Route path="/stock" element={may('stock.read', <StockListPage />)} />
        <Route path="/stock/:sku" element={may('stock.read', <SkuPage />)} />
        <Route path="/documents/:type/:id" element={may('document.read', <DocumentPage />)} />
        <Route path="/items" element={may('stock.read', <MasterDataPage key="items" resource={ITEMS} />)} />
        <Route
          path="/warehouses"
          element={may('stock.read', <MasterDataPage key="warehouses" resource={WAREHOUSES} />)}
        />
        <Route
          path="/suppliers"
          element={may('stock.read', <MasterDataPage key="suppliers" resource={SUPPLIERS} />)}
        />
        <Route
          path="/customers"
          element={may('stock.read', <MasterDataPage key="customers" resource={CUSTOMERS} />)}
        />
        <Route path="/scan" element={may(SCAN_PERMISSIONS, <ScanJobsPage />)} />
        <Route path="/scan/:kind/:id" element={may(SCAN_PERMISSIONS, <ScanScreen />)} />
        <Route path="/approvals" element={<ApprovalsPage />} />
        <Route path="/audit" element={may('audit.read', <AuditPage />)} />
        <Route path="/users" element={may('user.manage', <UsersPage />)} />
        <Route path="/roles" element={may('user.manage', <RolesPage />)} />
        <Route path="/api-tokens" element={may('api_token.manage', <ApiTokensPage />)} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
