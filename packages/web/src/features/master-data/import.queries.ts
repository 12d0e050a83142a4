import type { ImportResult, MasterDataKind } from '@onhand/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A chosen file as the import route takes it: XLSX by its name, CSV otherwise. */
const fileBody = (file: File) => ({
  file,
  type: file.name.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : 'text/csv',
});

/** What importing a file would do, row by row (`dryRun=true`: nothing is written). */
export function useImportPreview(kind: MasterDataKind) {
  return useMutation({
    mutationFn: (file: File) =>
      api.postFile<ImportResult>(`/api/v1/imports/${kind}?dryRun=true`, fileBody(file)),
  });
}

/** Imports a file (all rows or none); a retry of the same choice is recognised by its key. */
export function useImport(kind: MasterDataKind, listPath: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, key }: { file: File; key: string }) =>
      api.postFile<ImportResult>(`/api/v1/imports/${kind}`, fileBody(file), key),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [listPath] }),
  });
}

/** Where an export of a kind downloads from, headed in the reader's language. */
export const exportUrl = (kind: MasterDataKind, format: 'csv' | 'xlsx', language: string) =>
  `/api/v1/exports/${kind}?format=${format}${language === 'zh-CN' ? '&headers=zh-CN' : ''}`;
