import { ApiError } from '../../api/client';
import { serverMessage } from '../../i18n/labels';

/** What the API refused, in one sentence: its detail and each field it names. */
export function showRefusal(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const fields = (error.problem.errors ?? []).map((e) => `${e.path} ${serverMessage(e.message)}`);
  return [serverMessage(error.problem.detail), ...fields].join(' · ');
}

/**
 * An error whose `lines.<n>` paths name the n-th line sent, turned to name the form's row it came
 * from (only some rows are sent).
 */
export function rowsOfLines(error: unknown, rowOfSent: readonly number[]): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  const errors = error.problem.errors.map((e) => ({
    ...e,
    path: e.path.replace(/^lines\.(\d+)/, (whole, n: string) => {
      const row = rowOfSent[Number(n)];
      return row === undefined ? whole : `lines.${row}`;
    }),
  }));
  return new ApiError(error.status, { ...error.problem, errors });
}

/** The document changed since it was read: a stale If-Match (`409 conflict`; `412` from a proxy). */
export const isVersionConflict = (error: unknown): boolean =>
  error instanceof ApiError &&
  (error.status === 412 || (error.status === 409 && error.problem.code === 'conflict'));
