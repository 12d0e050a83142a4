import type { AuditEntry } from '@onhand/contracts';
import { Button, DatePicker, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '../../components/CursorTable';
import { timeColumn, userColumn } from '../../components/columns';
import { AuditCard } from './AuditCard';
import { AuditChange } from './AuditChange';
import { type AuditFilters, useAuditLog } from './audit.queries';
import { PersonField } from './PersonField';

/** A day the range picker gives: only its format is read. */
type PickedDay = { format: (template: string) => string } | null;

interface FilterValues {
  entity?: string;
  entityId?: string;
  user?: string;
  action?: string;
  period?: [PickedDay, PickedDay] | null;
}

const DAY = 'YYYY-MM-DD';
const blankless = (v: string | undefined): string | undefined => v?.trim() || undefined;

/** The audit log, newest first: filters by entity, entity id, user and period; each entry opens to show what changed. */
export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({});
  const list = useAuditLog(filters);

  const apply = ({ entity, entityId, user, action, period }: FilterValues) =>
    setFilters({
      entity: blankless(entity),
      entityId: blankless(entityId),
      user: blankless(user),
      action: blankless(action),
      from: period?.[0]?.format(DAY),
      to: period?.[1]?.format(DAY),
    });

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2}>{t('audit.title')}</Typography.Title>
      </div>
      <Form layout="inline" className="filters" onFinish={apply}>
        <Form.Item name="entity" label={t('audit.entity')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="user" label={t('audit.person')}>
          <PersonField />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input allowClear placeholder="item.update" />
        </Form.Item>
        <Form.Item name="period" label={t('audit.period')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('audit.filter')}
          </Button>
        </Form.Item>
      </Form>
      <CursorTable<AuditEntry>
        list={list}
        rowKey="seq"
        card={{ key: (entry) => entry.seq, render: (entry) => <AuditCard entry={entry} /> }}
        expandable={{ expandedRowRender: (entry) => <AuditChange entry={entry} /> }}
        columns={[
          timeColumn<AuditEntry>(t),
          userColumn<AuditEntry>(t),
          { title: t('audit.action'), dataIndex: 'action' },
          { title: t('audit.entity'), dataIndex: 'entity' },
          { title: t('audit.entityId'), dataIndex: 'entityId' },
        ]}
      />
    </div>
  );
}
