import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useRefusal } from './use-refusal';

/**
 * The state of a create-or-edit dialog: the record it edits (null: a new one; undefined: closed)
 * and what the API refused beyond the form's fields.
 */
export function useEditDialog<R, V>(
  form: FormInstance<V>,
  toForm: (record: R) => Parameters<FormInstance<V>['setFieldsValue']>[0],
) {
  const [editing, setEditing] = useState<R | null | undefined>(undefined);
  const refusal = useRefusal(form);
  return {
    ...refusal,
    editing,
    open: (record: R | null) => {
      refusal.saving();
      form.resetFields();
      if (record) form.setFieldsValue(toForm(record));
      setEditing(record);
    },
    close: () => setEditing(undefined),
  };
}
