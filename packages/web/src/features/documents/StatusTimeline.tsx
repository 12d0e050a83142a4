import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../components/format';
import { labelOf } from '../../i18n/labels';
import type { HistoryView } from './documents.queries';

const COLOR: Record<string, string> = { cancelled: 'gray', rejected: 'red', closed: 'gray' };

/** A document's history as a timeline: each action, the status it led to, who and when. */
export function StatusTimeline({ history }: { history: readonly HistoryView[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      className="status-timeline"
      items={history.map((h) => ({
        key: `${h.at}|${h.action}|${h.toStatus}`,
        color: COLOR[h.toStatus] ?? 'blue',
        content: (
          <div data-history={h.toStatus}>
            <Typography.Text strong>
              {labelOf('documentAction', h.action)} → {labelOf('documentStatus', h.toStatus)}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {formatTime(h.at)} · {h.user?.email ?? t('common.none')}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
