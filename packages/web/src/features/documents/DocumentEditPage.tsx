import { Alert, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHead } from '../../components/PageHead';
import { LoadFailed, Loading } from '../../components/states';
import { useRefusal } from '../../forms/use-refusal';
import { labelOf } from '../../i18n/labels';
import { DocumentForm } from './DocumentForm';
import { editBody, formValuesOf } from './document-edit';
import type { CreateValues, FieldName, KindSpec } from './document-kind';
import { documentPath } from './document-paths';
import { type DocumentView, useDocument, useDocumentEdit } from './documents.queries';
import { isVersionConflict } from './refusal';

type Create = NonNullable<KindSpec['create']>;

/** The form of one draft, filled with it as read; saved, its page shows it again. */
function DocumentEdit({
  spec,
  create,
  head,
  doc,
  onConflict,
}: {
  spec: KindSpec;
  create: Create;
  head: readonly FieldName[];
  doc: DocumentView;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const refusal = useRefusal(form);
  const save = useDocumentEdit(spec.collection, spec.kind, doc);
  const submit = (values: CreateValues) => {
    refusal.saving();
    save.mutate(editBody(head, doc, values), {
      onSuccess: () => void navigate(documentPath(spec.kind, doc.id)),
      onError: (error) => (isVersionConflict(error) ? onConflict() : refusal.refused(error)),
    });
  };
  return (
    <DocumentForm
      form={form}
      create={create}
      fixed={create.head.flatMap((input) => (head.includes(input.name) ? [] : [input.name]))}
      submitLabel={t('common.save')}
      saving={save.isPending}
      error={refusal.error}
      onFinish={submit}
      initialValues={formValuesOf(create, doc)}
    />
  );
}

/**
 * A document changed in the form it was made with, sent at the version it was read (If-Match).
 * When someone changed it meanwhile, it is read again and the form starts over from theirs.
 */
export function DocumentEditPage({
  spec,
  create,
  head,
  id,
}: {
  spec: KindSpec;
  create: Create;
  head: readonly FieldName[];
  id: string;
}) {
  const { t } = useTranslation();
  const doc = useDocument(spec.kind, id);
  const [conflict, setConflict] = useState(false);
  if (doc.isPending) return <Loading />;
  if (doc.isError) return <LoadFailed error={doc.error} />;
  const { data } = doc;
  return (
    <div className="page">
      <PageHead
        title={t('documents.editTitle', {
          document: `${labelOf('documentType', spec.kind)} ${data.number ?? ''}`,
        })}
      />
      {conflict && <Alert type="warning" showIcon role="alert" title={t('documents.versionConflict')} />}
      {(data.actions ?? []).includes('edit') ? (
        <DocumentEdit
          key={data.version}
          spec={spec}
          create={create}
          head={head}
          doc={data}
          onConflict={() => {
            setConflict(true);
            void doc.refetch();
          }}
        />
      ) : (
        <Alert
          type="info"
          showIcon
          title={t('documents.notInStatus', { status: labelOf('documentStatus', data.status) })}
        />
      )}
    </div>
  );
}
