import type { FormInstance } from 'antd';
import { useState } from 'react';
import { showProblemOnFields } from './problem-fields';

/**
 * The state of a create-or-edit dialog: the record it edits (null: a new one; undefined: closed)
 * and what the API refused beyond the form's fields.
 */
export function useEditDialog<R, V>(
  form: FormInstance<V>,
  toForm: (record: R) => Parameters<FormInstance<V>['setFieldsValue']>[0],
) {
  const [editing, setEditing] = useState<R | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  return {
    editing,
    error,
    open: (record: R | null) => {
      setError(null);
      form.resetFields();
      if (record) form.setFieldsValue(toForm(record));
      setEditing(record);
    },
    close: () => setEditing(undefined),
    /** Before saving: the last refusal no longer applies. */
    saving: () => setError(null),
    /** The API refused: its errors go on the fields they name, the rest under the form. */
    refused: (problem: unknown) => setError(showProblemOnFields(form, problem)),
  };
}
