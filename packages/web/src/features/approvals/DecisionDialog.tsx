import type { Approval } from '@onhand/contracts';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showProblemOnFields } from '../../forms/problem-fields';
import { labelOf } from '../../i18n/labels';
import { type Decision, useDecideApproval } from './approvals.queries';

interface DecisionValues {
  totp?: string;
  reason?: string;
}

/**
 * Approves or rejects one approval: approving asks for the authenticator code when the rule
 * demands one, rejecting for a reason. What the API refuses is said in the dialog: a wrong code
 * on its field, the rest (the maker, already decided) under the form.
 */
export function DecisionDialog({
  approval,
  kind,
  onClose,
}: {
  approval: Approval;
  kind: Decision['kind'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DecisionValues>();
  const decide = useDecideApproval();
  const [refused, setRefused] = useState<string | null>(null);
  const action = labelOf('approvalAction', approval.action);

  const submit = ({ totp, reason }: DecisionValues) => {
    setRefused(null);
    const decision: Decision =
      kind === 'approve' ? { kind, totp: totp?.trim() } : { kind, reason: reason?.trim() || undefined };
    decide.mutate(
      { id: approval.id, decision },
      { onSuccess: onClose, onError: (error) => setRefused(showProblemOnFields(form, error)) },
    );
  };

  return (
    <Modal
      open
      title={t(kind === 'approve' ? 'approvals.approveTitle' : 'approvals.rejectTitle', { action })}
      okText={t(kind === 'approve' ? 'approvals.approve' : 'approvals.reject')}
      okButtonProps={{ danger: kind === 'reject' }}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        {kind === 'approve' && approval.requireTotp && (
          <>
            <Typography.Paragraph>{t('approvals.totpHelp')}</Typography.Paragraph>
            <Form.Item
              name="totp"
              label={t('auth.totp')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('approvals.totpFormat') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
            </Form.Item>
          </>
        )}
        {kind === 'reject' && (
          <Form.Item name="reason" label={t('approvals.reason')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
      </Form>
      {refused && <Alert type="error" title={refused} />}
    </Modal>
  );
}
