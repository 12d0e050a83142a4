import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { labelOf } from '../../i18n/labels';
import type { ScanJob, ScanOutcome } from './scan-jobs';

/** A confirmed job: the document's new status (or that it waits for approval), and on to the next. */
export function ScanDone({ job, outcome }: { job: ScanJob; outcome: ScanOutcome }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="scan-screen scan-screen-done">
      <Result
        status={outcome.kind === 'done' ? 'success' : 'info'}
        title={
          outcome.kind === 'done'
            ? t('scan.finished', {
                number: outcome.number,
                status: labelOf('documentStatus', outcome.status),
              })
            : t('scan.awaitingApproval')
        }
        subTitle={t(`scan.job.${job.kind}`)}
        extra={
          <Button type="primary" size="large" onClick={() => void navigate('/scan')}>
            {t('scan.nextJob')}
          </Button>
        }
      />
    </div>
  );
}
