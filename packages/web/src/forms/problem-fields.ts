import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { serverMessage } from '../i18n/labels';

/** A form field's name path from a problem's `errors[].path` (`lines.1.sku` → ['lines', 1, 'sku']). */
function namePath(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows an API error on the fields it names (`errors[].path`; a path below a field, such as
 * `barcodes.2`, lands on that field) and returns what is left for the form as a whole: the
 * problem's detail when some error names no field of the form, else null.
 */
export function showProblemOnFields(form: FormInstance, error: unknown): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const { problem } = error;
  const fields = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const placed = (problem.errors ?? []).flatMap((e) => {
    const path = namePath(e.path);
    const name = fields.has(e.path) ? path : path.slice(0, 1);
    return fields.has(name.join('.')) ? [{ name, errors: [serverMessage(e.message)] }] : [];
  });
  form.setFields(placed);
  return placed.length > 0 && placed.length === problem.errors?.length ? null : serverMessage(problem.detail);
}
