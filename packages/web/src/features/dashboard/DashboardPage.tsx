import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { LoadFailed, Loading } from '../../components/states';
import { useDashboard } from './dashboard.queries';
import { ExpiringSoon } from './ExpiringSoon';
import { KeyFigures } from './KeyFigures';
import { LowStock } from './LowStock';
import { StockCharts } from './StockCharts';

/** What stands in stock, what moved and what to act on, inside the reader's warehouses. */
export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useDashboard();
  const readsReports = useCan('report.read');
  return (
    <Space direction="vertical" size="middle" className="page">
      <div className="page-head">
        <Typography.Title level={2}>{t('dashboard.title')}</Typography.Title>
        {dashboard.data && <Typography.Text type="secondary">{dashboard.data.date}</Typography.Text>}
      </div>
      {dashboard.isPending && <Loading />}
      {dashboard.isError && <LoadFailed error={dashboard.error} retry={() => void dashboard.refetch()} />}
      {dashboard.data && <KeyFigures data={dashboard.data} />}
      {dashboard.data && <StockCharts data={dashboard.data} />}
      <LowStock />
      {readsReports && <ExpiringSoon />}
    </Space>
  );
}
