import type { AuditEntry } from '@onhand/contracts';
import { useCursorList } from '../../api/lists';

/** What the audit log is filtered by (a user by id or e-mail; `from` and `to` are dates or timestamps). */
export interface AuditFilters {
  entity?: string | undefined;
  entityId?: string | undefined;
  user?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The audit log's entries matching the filters, newest first, page by page. */
export const useAuditLog = (filters: AuditFilters) =>
  useCursorList<AuditEntry>('/api/v1/audit', { ...filters });
