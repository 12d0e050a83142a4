import type { ApprovalRule } from '@onhand/contracts';
import { type TableColumnType, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { formatMoney } from '../../components/format';
import { labelOf } from '../../i18n/labels';

const yesNo = (t: TFunction, yes: boolean) => (yes ? t('common.yes') : t('common.no'));

/** A rule's action, when it applies, and what it asks for. */
export function ruleColumns(t: TFunction): TableColumnType<ApprovalRule>[] {
  return [
    { title: t('rules.action'), dataIndex: 'action', render: (a: string) => labelOf('approvalAction', a) },
    {
      title: t('rules.threshold'),
      dataIndex: 'threshold',
      align: 'right',
      className: 'number',
      render: (v: number | null) => (v === null ? t('rules.always') : formatMoney(v)),
    },
    {
      title: t('rules.warehouses'),
      dataIndex: 'warehouses',
      render: (codes: string[] | null) =>
        codes ? codes.map((c) => <Tag key={c}>{c}</Tag>) : t('users.allWarehouses'),
    },
    { title: t('rules.secondPerson'), dataIndex: 'secondPerson', render: (v: boolean) => yesNo(t, v) },
    { title: t('rules.requireTotp'), dataIndex: 'requireTotp', render: (v: boolean) => yesNo(t, v) },
  ];
}
