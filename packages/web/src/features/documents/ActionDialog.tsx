import { Alert, Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf } from '../../i18n/labels';
import type { ActionSpec, KindSpec } from './document-kind';
import type { DocumentView } from './documents.queries';
import { LinesForm } from './LinesForm';
import { showRefusal } from './refusal';
import type { DocumentAction } from './use-document-action';
import { VarianceReview } from './VarianceReview';

/** What a dialog's form sends: the body, or a refusal before sending. */
export type Submit = (body: unknown, onError?: (error: unknown) => unknown) => void;

/**
 * The dialog of an action that asks something first: a reason, quantities per line, or (posting
 * a stocktake) the variances to review. What the API refuses is said in it.
 */
export function ActionDialog({
  spec,
  action,
  doc,
  act,
  onClose,
}: {
  spec: KindSpec;
  action: ActionSpec;
  doc: DocumentView;
  act: DocumentAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [refused, setRefused] = useState<string | null>(null);
  const submit: Submit = (body, onError) => {
    setRefused(null);
    act.send(action, body, {
      onDone: onClose,
      onError: (error) => {
        const left = onError ? onError(error) : showRefusal(error);
        setRefused(typeof left === 'string' ? left : null);
      },
    });
  };

  let content: ReactNode;
  const { input } = action;
  if (input.kind === 'lines')
    content = <LinesForm form={form} doc={doc} lines={input.lines} submit={submit} refuse={setRefused} />;
  else if (input.kind === 'variances') content = <VarianceReview form={form} doc={doc} submit={submit} />;
  else
    content = (
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }: { reason?: string }) =>
          submit(reason?.trim() ? { reason: reason.trim() } : undefined)
        }
      >
        <Form.Item
          name="reason"
          label={t('documents.fields.reason')}
          rules={
            input.kind === 'reason' && input.required
              ? [{ required: true, whitespace: true, message: t('serverMessages.required') }]
              : []
          }
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    );

  return (
    <Modal
      open
      width={input.kind === 'none' || input.kind === 'reason' ? 520 : 880}
      title={`${labelOf('documentAction', action.name)} · ${labelOf('documentType', spec.kind)} ${doc.number ?? ''}`}
      okText={labelOf('documentAction', action.name)}
      okButtonProps={{ danger: action.danger ?? false }}
      cancelText={t('common.cancel')}
      confirmLoading={act.pending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {content}
      {refused && <Alert type="error" showIcon title={refused} />}
    </Modal>
  );
}
