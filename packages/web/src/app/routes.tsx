import type { Me } from '@onhand/contracts';
import { Button, Result } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router';
import { Loading } from '../components/states';
import { AccountPage } from '../features/account/AccountPage';
import { ApiTokensPage } from '../features/api-tokens/ApiTokensPage';
import { ApprovalRulesPage } from '../features/approval-rules/ApprovalRulesPage';
import { ApprovalsPage } from '../features/approvals/ApprovalsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BinsPage } from '../features/bins/BinsPage';
import { DocumentCreatePage } from '../features/documents/DocumentCreatePage';
import { DocumentDetailPage } from '../features/documents/DocumentDetailPage';
import { DocumentEditPage } from '../features/documents/DocumentEditPage';
import { DocumentListPage } from '../features/documents/DocumentListPage';
import { editOf } from '../features/documents/document-kind';
import { kindOf } from '../features/documents/kinds';
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

/** A page of the documents module: a kind's list, a new one of the kind, one document, or its edit. */
function DocumentRoute({ me, page }: { me: Me; page: 'list' | 'new' | 'detail' | 'edit' }) {
  const { type = '', id = '' } = useParams();
  const spec = kindOf(type);
  if (!spec || !me.permissions.includes(spec.read)) return <NotFound />;
  if (page === 'list') return <DocumentListPage key={spec.kind} spec={spec} />;
  if (page === 'detail') return <DocumentDetailPage key={`${spec.kind}/${id}`} spec={spec} id={id} />;
  const { create } = spec;
  if (page === 'edit') {
    const edit = editOf(spec);
    if (!create || !edit || !me.permissions.includes(edit.permission)) return <NotFound />;
    return (
      <DocumentEditPage key={`${spec.kind}/${id}`} spec={spec} create={create} head={edit.head} id={id} />
    );
  }
  if (!create || !me.permissions.includes(create.permission)) return <NotFound />;
  return <DocumentCreatePage key={spec.kind} spec={spec} create={create} />;
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
        <Route path="/documents/:type" element={<DocumentRoute me={me} page="list" />} />
        <Route path="/documents/:type/new" element={<DocumentRoute me={me} page="new" />} />
        <Route path="/documents/:type/:id" element={<DocumentRoute me={me} page="detail" />} />
        <Route path="/documents/:type/:id/edit" element={<DocumentRoute me={me} page="edit" />} />
        <Route path="/items" element={may('stock.read', <MasterDataPage key="items" resource={ITEMS} />)} />
        <Route
          path="/warehouses"
          element={may('stock.read', <MasterDataPage key="warehouses" resource={WAREHOUSES} />)}
        />
        <Route path="/warehouses/:code/bins" element={may('stock.read', <BinsPage />)} />
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
        <Route path="/approval-rules" element={may('approval_rule.manage', <ApprovalRulesPage />)} />
        <Route path="/api-tokens" element={may('api_token.manage', <ApiTokensPage />)} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
