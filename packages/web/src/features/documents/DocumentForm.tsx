import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { InlineForm } from '../../forms/InlineForm';
import type { CreateValues, FieldName, KindSpec } from './document-kind';
import { HeadInputs } from './HeadInputs';
import { LineEditor } from './LineEditor';

/**
 * The form of a document, new or a draft being changed: its head inputs (those named `fixed`
 * shown but not changed) and its lines; `extra` goes between the head and the lines.
 */
export function DocumentForm({
  form,
  create,
  fixed = [],
  submitLabel,
  saving,
  error,
  onFinish,
  initialValues,
  extra,
}: {
  form: FormInstance<CreateValues>;
  create: NonNullable<KindSpec['create']>;
  fixed?: readonly FieldName[];
  submitLabel: string;
  saving: boolean;
  error: string | null;
  onFinish: (values: CreateValues) => void;
  initialValues: CreateValues;
  extra?: ReactNode;
}) {
  return (
    <InlineForm<CreateValues>
      form={form}
      submitLabel={submitLabel}
      saving={saving}
      error={error}
      onFinish={onFinish}
      initialValues={initialValues}
      wide
    >
      <HeadInputs inputs={create.head} fixed={fixed} />
      {extra}
      <LineEditor form={form} inputs={create.lines} />
    </InlineForm>
  );
}
