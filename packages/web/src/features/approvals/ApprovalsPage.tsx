import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { Approval } from '@onhand/contracts';
import { Button, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { columnsCard } from '../../components/ColumnsCard';
import { CursorTable } from '../../components/CursorTable';
import { approvalColumns } from './approval-columns';
import { type ApprovalView, type Decision, useApprovals } from './approvals.queries';
import { DecisionDialog } from './DecisionDialog';

/** The approvals waiting for the reader (approve, reject) and those the reader asked for. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<ApprovalView>('inbox');
  const list = useApprovals(view);
  const [deciding, setDeciding] = useState<{ approval: Approval; kind: Decision['kind'] } | null>(null);

  const decisionColumn = {
    title: t('common.actions'),
    key: 'actions',
    render: (_: unknown, approval: Approval) => (
      <Space>
        <Button
          size="small"
          type="primary"
          icon={<CheckOutlined />}
          onClick={() => setDeciding({ approval, kind: 'approve' })}
        >
          {t('approvals.approve')}
        </Button>
        <Button
          size="small"
          danger
          icon={<CloseOutlined />}
          onClick={() => setDeciding({ approval, kind: 'reject' })}
        >
          {t('approvals.reject')}
        </Button>
      </Space>
    ),
  };
  const statusColumn = {
    title: t('common.status'),
    key: 'status',
    render: (_: unknown, a: Approval) => (
      <Space orientation="vertical" size={0}>
        <Tag>{t(`approvals.${a.status}`)}</Tag>
        {a.decidedBy && <Typography.Text type="secondary">{a.decidedBy.email}</Typography.Text>}
        {a.reason && <Typography.Text type="secondary">{a.reason}</Typography.Text>}
      </Space>
    ),
  };
  const columns = [...approvalColumns(t), view === 'inbox' ? decisionColumn : statusColumn];

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2}>{t('approvals.title')}</Typography.Title>
      </div>
      <Tabs
        activeKey={view}
        onChange={(key) => setView(key as ApprovalView)}
        items={[
          { key: 'inbox', label: t('approvals.inbox') },
          { key: 'mine', label: t('approvals.mine') },
        ]}
      />
      <CursorTable<Approval>
        list={list}
        rowKey="id"
        columns={columns}
        card={columnsCard((approval) => approval.id, columns)}
      />
      {deciding && (
        <DecisionDialog approval={deciding.approval} kind={deciding.kind} onClose={() => setDeciding(null)} />
      )}
    </div>
  );
}
