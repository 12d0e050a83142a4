import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan } from '../../auth/session';
import { LoadFailed, Loading, Nothing } from '../../components/states';
import { ScanSession } from './ScanSession';
import { jobOf, type ScanJob } from './scan-jobs';
import { useScanWork } from './scanning.queries';
import './scanning.css';

/** `/scan/:kind/:id`: the full-screen scanning of one document, for those who may do its job. */
export function ScanScreen() {
  const { t } = useTranslation();
  const { kind, id = '' } = useParams();
  const job = jobOf(kind);
  const allowed = useCan(job?.permission ?? '');
  if (!job || !allowed) return <Nothing text={t('common.notFound')} />;
  return <ScanWorkLoader job={job} id={id} />;
}

function ScanWorkLoader({ job, id }: { job: ScanJob; id: string }) {
  const work = useScanWork(job, id);
  if (work.isPending) return <Loading />;
  if (work.isError) return <LoadFailed error={work.error} retry={() => void work.refetch()} />;
  return <ScanSession key={work.data.doc.id} job={job} work={work.data} />;
}
