import type { MasterDataKind } from '@onhand/contracts';
import type { TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { LabelTarget } from '../labels/labels';

/** What every master-data record has. */
export interface MasterRecord {
  id: string;
  version: number;
  active: boolean;
}

/** Form values as the form holds them. */
export type FormValues = Record<string, unknown>;

/** One kind of master data: where it lives in the API, who may change it, its columns and its form. */
export interface MasterDataResource<T extends MasterRecord> {
  /** The API collection, e.g. `/api/v1/items`. */
  path: string;
  /** What imports and exports call it. */
  kind: MasterDataKind;
  /** The permission that creates and edits it (lists need only `stock.read`). */
  manage: string;
  /** The field that identifies a record for people, fixed once created. */
  codeField: 'sku' | 'code';
  title: (t: TFunction) => string;
  newTitle: (t: TFunction) => string;
  columns: (t: TFunction) => TableColumnType<T>[];
  /** The form's fields; `editing` when the record exists (its code cannot change). */
  fields: (t: TFunction, editing: boolean) => ReactNode;
  /** A record as form values (to edit it). */
  toForm: (record: T) => FormValues;
  /** Labels for the rows people select (items by SKU), when this kind has them. */
  labelsForSelected?: (records: T[]) => LabelTarget;
  /** Labels per row (the bins of a warehouse), with the button's words. */
  labelsForRow?: { target: (record: T) => LabelTarget; title: (t: TFunction) => string };
}

/**
 * A form's values as a request body: blank text is left out on create and clears the field
 * (null) on edit; fields without a value are left out.
 */
export function bodyOf(values: FormValues, editing: boolean, codeField: string): FormValues {
  const body: FormValues = {};
  for (const [key, value] of Object.entries(values)) {
    if ((editing && key === codeField) || value === undefined || value === null) continue;
    if (typeof value !== 'string') body[key] = value;
    else if (value.trim() !== '') body[key] = value.trim();
    else if (editing) body[key] = null;
  }
  return body;
}
