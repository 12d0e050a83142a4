import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { ApprovalRule } from '@onhand/contracts';
import {
  App,
  Button,
  Form,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Switch,
  type TableColumnType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { columnsCard } from '../../components/ColumnsCard';
import { PageHead } from '../../components/PageHead';
import { QueryTable } from '../../components/QueryTable';
import { FormDialog } from '../../forms/FormDialog';
import { useEditDialog } from '../../forms/use-edit-dialog';
import { labelOf } from '../../i18n/labels';
import { WarehousesField } from '../users/WarehousesField';
import { type RuleBody, useRemoveRule, useRules, useSaveRule } from './approval-rules.queries';
import { ruleColumns } from './rule-columns';

const ACTIONS = [
  'write_off.post',
  'stocktake.post',
  'purchase_order.approve',
  'user.roles',
  'api_token.create',
];
/** The actions that have a value: only their rules take a threshold and warehouses. */
const VALUED = ['write_off.post', 'stocktake.post', 'purchase_order.approve'];

interface RuleValues {
  action: string;
  threshold?: number | null;
  warehouses?: string[];
  secondPerson: boolean;
  requireTotp: boolean;
}

const toForm = (rule: ApprovalRule): RuleValues => ({
  action: rule.action,
  threshold: rule.threshold,
  warehouses: rule.warehouses ?? [],
  secondPerson: rule.secondPerson,
  requireTotp: rule.requireTotp,
});

/** The form's values as a request body: a rule without a value to weigh has no threshold or warehouses. */
function bodyOf(values: RuleValues, editing: boolean): RuleBody {
  const valued = VALUED.includes(values.action);
  return {
    ...(editing ? {} : { action: values.action }),
    threshold: valued ? (values.threshold ?? null) : null,
    warehouses: valued && values.warehouses?.length ? values.warehouses : null,
    secondPerson: values.secondPerson,
    requireTotp: values.requireTotp,
  };
}

/** The approval rules (审批规则): which actions wait for a second person or a fresh TOTP code. */
export function ApprovalRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useRules();
  const save = useSaveRule();
  const remove = useRemoveRule();
  const [form] = Form.useForm<RuleValues>();
  const dialog = useEditDialog<ApprovalRule, RuleValues>(form, toForm);
  const { editing } = dialog;
  const action = Form.useWatch('action', form);

  const columns: TableColumnType<ApprovalRule>[] = [
    ...ruleColumns(t),
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, rule: ApprovalRule) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={() => dialog.open(rule)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('rules.removeConfirm')}
            okText={t('rules.remove')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutate(rule.id, { onSuccess: () => void message.success(t('rules.removed')) })
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />}>
              {t('rules.remove')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const submit = (values: RuleValues) => {
    dialog.saving();
    save.mutate(
      { rule: editing ?? null, body: bodyOf(values, Boolean(editing)) },
      { onSuccess: dialog.close, onError: dialog.refused },
    );
  };

  return (
    <div className="page">
      <PageHead title={t('rules.title')} newLabel={t('rules.new')} onNew={() => dialog.open(null)} />
      <QueryTable<ApprovalRule>
        query={rules}
        rowKey="id"
        columns={columns}
        card={columnsCard((rule) => rule.id, columns)}
      />
      <FormDialog
        form={form}
        open={editing !== undefined}
        title={editing ? labelOf('approvalAction', editing.action) : t('rules.new')}
        saving={save.isPending}
        error={dialog.error}
        onFinish={submit}
        onCancel={dialog.close}
      >
        <Form.Item name="action" label={t('rules.action')} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(editing)}
            options={ACTIONS.map((a) => ({ value: a, label: labelOf('approvalAction', a) }))}
          />
        </Form.Item>
        {action !== undefined && VALUED.includes(action) && (
          <>
            <Form.Item name="threshold" label={t('rules.threshold')} extra={t('rules.thresholdHelp')}>
              <InputNumber min={0} className="wide-number" />
            </Form.Item>
            <WarehousesField />
          </>
        )}
        <Form.Item name="secondPerson" label={t('rules.secondPerson')} valuePropName="checked" initialValue>
          <Switch />
        </Form.Item>
        <Form.Item
          name="requireTotp"
          label={t('rules.requireTotp')}
          valuePropName="checked"
          initialValue={false}
        >
          <Switch />
        </Form.Item>
      </FormDialog>
    </div>
  );
}
