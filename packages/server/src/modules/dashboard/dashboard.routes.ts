import { dashboard, problem } from '@onhand/contracts';
import { type App, principal } from '../../http/app';
import type { Services } from '../../services';

/** The dashboard's figures in one read. */
export function registerDashboardRoutes(app: App, s: Services): void {
  app.get(
    '/api/v1/dashboard',
    {
      config: { permission: 'stock.read' },
      schema: { tags: ['reports'], response: { 200: dashboard, 403: problem } },
    },
    async (request) => {
      const p = principal(request);
      return s.dashboard.dashboard(p.warehouses, p.permissions.includes('report.read'));
    },
  );
}
