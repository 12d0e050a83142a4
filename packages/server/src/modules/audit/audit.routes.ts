import { auditEntry, auditQuery, page, problem } from '@onhand/contracts';
import { type App, authorize } from '../../http/app';
import type { Services } from '../../services';
import { timeBounds } from '../stock/stock.routes';

/** Searching the audit log. */
export function registerAuditRoutes(app: App, s: Services): void {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Search the audit log (every write: who, when, from where, what, before and after), newest first',
        querystring: auditQuery,
        response: { 200: page(auditEntry), 400: problem, 403: problem },
      },
    },
    async (request) => {
      const p = authorize(request, 'audit.read');
      return s.audit.search(request.query, timeBounds(request.query, s.timeZone), p.warehouses);
    },
  );
}
