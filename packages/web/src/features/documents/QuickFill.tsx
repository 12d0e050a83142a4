import { ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, type FormInstance, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { compact } from './compact';
import type { CreateValues, KindSpec } from './document-kind';
import { documentPath } from './document-paths';
import { useDocumentWrite } from './documents.queries';

type QuickFillSpec = NonNullable<NonNullable<KindSpec['create']>['quickFill']>;

/**
 * Makes the draft from what the API knows (a purchase order with the lines of the supplier's last
 * order), sent the head inputs it takes as they are filled in, and opens it with its lines; a
 * refusal (a supplier with no earlier order) is said on the field it names.
 */
export function QuickFill({
  spec,
  quickFill,
  form,
  onRefused,
}: {
  spec: KindSpec;
  quickFill: QuickFillSpec;
  form: FormInstance<CreateValues>;
  onRefused: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const write = useDocumentWrite();
  const fill = async () => {
    const head = await form.validateFields([...quickFill.head]);
    write.mutate(
      { path: `${spec.collection}${quickFill.path}`, body: compact(head) },
      {
        onSuccess: (answer) => {
          if (!('moved' in answer)) return;
          void message.success(t('documents.quickFill.done', { count: answer.moved.lines.length }));
          void navigate(documentPath(spec.kind, answer.moved.id));
        },
        onError: onRefused,
      },
    );
  };
  return (
    <div className="quick-fill">
      <Button
        icon={<ThunderboltOutlined />}
        loading={write.isPending}
        // A field left empty says so itself.
        onClick={() => void fill().catch(() => undefined)}
      >
        {t('documents.quickFill.button')}
      </Button>
      <Typography.Text type="secondary">{t('documents.quickFill.help')}</Typography.Text>
    </div>
  );
}
