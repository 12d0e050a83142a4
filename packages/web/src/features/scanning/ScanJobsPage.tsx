import { RightOutlined } from '@ant-design/icons';
import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../auth/session';
import { LoadFailed, Loading, Nothing } from '../../components/states';
import { SCAN_JOBS, type ScanJob } from './scan-jobs';
import { useOpenDocuments } from './scanning.queries';
import './scanning.css';

/** `/scan`: the jobs waiting on the floor, in the person's warehouses, each opening its scanning screen. */
export function ScanJobsPage() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size="middle" className="page">
      <Typography.Title level={2}>{t('scan.title')}</Typography.Title>
      {SCAN_JOBS.map((job) => (
        <JobDocuments key={job.kind} job={job} />
      ))}
    </Space>
  );
}

function JobDocuments({ job }: { job: ScanJob }) {
  const { t } = useTranslation();
  const allowed = useCan(job.permission);
  const open = useOpenDocuments(job, allowed);
  if (!allowed) return null;
  return (
    <Card title={t(`scan.jobs.${job.kind}`)} size="small">
      {open.isPending && <Loading />}
      {open.isError && <LoadFailed error={open.error} retry={() => void open.refetch()} />}
      {open.data?.length === 0 && <Nothing text={t('scan.nothingOpen')} />}
      <nav className="scan-jobs" aria-label={t(`scan.jobs.${job.kind}`)}>
        {open.data?.map((doc) => (
          <Link key={doc.id} to={`/scan/${job.kind}/${doc.id}`} className="scan-job">
            <span>
              <strong>{doc.number}</strong>
              <span className="scan-job-detail">
                {[doc.warehouse, doc.party, t('scan.lineCount', { count: doc.lines.length })]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </span>
            <RightOutlined />
          </Link>
        ))}
      </nav>
    </Card>
  );
}
