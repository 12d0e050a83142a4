import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHead } from '../../components/PageHead';
import { useRefusal } from '../../forms/use-refusal';
import { compact } from './compact';
import { DocumentForm } from './DocumentForm';
import type { CreateValues, KindSpec } from './document-kind';
import { documentPath } from './document-paths';
import { useDocumentWrite } from './documents.queries';
import { QuickFill } from './QuickFill';

/** A new document of a kind: its head, its lines; what the API refuses is said on the field it names. */
export function DocumentCreatePage({
  spec,
  create,
}: {
  spec: KindSpec;
  create: NonNullable<KindSpec['create']>;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const refusal = useRefusal(form);
  const write = useDocumentWrite();

  const submit = (values: CreateValues) => {
    refusal.saving();
    const { lines = [], ...head } = values;
    const cleaned = { ...compact(head), lines: lines.map(compact) };
    write.mutate(
      { path: spec.collection, body: create.body ? create.body(cleaned) : cleaned },
      {
        onSuccess: (answer) => {
          if ('moved' in answer) void navigate(documentPath(spec.kind, answer.moved.id));
        },
        onError: refusal.refused,
      },
    );
  };

  return (
    <div className="page">
      <PageHead title={t(`documents.create.${spec.kind}`)} />
      <DocumentForm
        form={form}
        create={create}
        submitLabel={t('common.create')}
        saving={write.isPending}
        error={refusal.error}
        onFinish={submit}
        initialValues={create.lines.length > 0 ? { lines: [{}] } : {}}
        extra={
          create.quickFill && (
            <QuickFill spec={spec} quickFill={create.quickFill} form={form} onRefused={refusal.refused} />
          )
        }
      />
    </div>
  );
}
