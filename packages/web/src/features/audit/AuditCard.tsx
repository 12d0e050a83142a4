import type { AuditEntry } from '@onhand/contracts';
import { Collapse, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../components/format';
import { AuditChange } from './AuditChange';

/** One audit entry on a phone: what was done to what, by whom and when; it opens to what changed. */
export function AuditCard({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="row-card-head">
        <Typography.Text code>{entry.action}</Typography.Text>
        <Typography.Text type="secondary">{formatTime(entry.at)}</Typography.Text>
      </div>
      <div>
        {entry.entity} {entry.entityId ?? ''}
      </div>
      <Typography.Text type="secondary">{entry.user?.email ?? t('common.none')}</Typography.Text>
      <Collapse
        ghost
        size="small"
        items={[{ key: 'change', label: t('audit.change'), children: <AuditChange entry={entry} /> }]}
      />
    </>
  );
}
