import { auditEntry, auditQuery, page, problem } from '@onhand/contracts';
import { type App, principal } from '../../http/app';
import type { Services } from '../../services';
import { timeBounds } from '../stock/stock.routes';

/** Searching the audit log. */
export function registerAuditRoutes(app: App, s: Services): void {
  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary:
          'Search the audit log (every write: who, when, from where, what, before and after), newest first',
        querystring: auditQuery,
        response: { 200: page(auditEntry), 400: problem, 403: problem },
      },
    },
    async (request) => {
      const p = principal(request);
      return s.audit.search(request.query, timeBounds(request.query, s.timeZone), p.warehouses);
    },
  );
}
