import type { SessionInfo } from '@onhand/contracts';
import { Button, Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { timeColumn } from '../../components/columns';
import { DataTable } from '../../components/DataTable';
import { useEndSession, useSessions } from './account.queries';

/** One's own sessions; any but this one may be ended. */
export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const end = useEndSession();
  return (
    <Card title={t('account.sessions')}>
      <DataTable<SessionInfo>
        rowKey="id"
        loading={sessions.isPending}
        dataSource={sessions.data?.items}
        columns={[
          { ...timeColumn<SessionInfo>(t, 'createdAt'), title: t('account.started') },
          { ...timeColumn<SessionInfo>(t, 'expiresAt'), title: t('account.expires') },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, s: SessionInfo) =>
              s.current ? (
                <Tag color="green">{t('account.thisSession')}</Tag>
              ) : (
                <Button size="small" danger loading={end.isPending} onClick={() => end.mutate(s.id)}>
                  {t('account.end')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
