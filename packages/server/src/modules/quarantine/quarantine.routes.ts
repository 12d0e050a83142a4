import {
  page,
  problem,
  quarantineMove,
  quarantineMoveCreate,
  quarantineQuery,
  quarantineRow,
} from '@onhand/contracts';
import { type App, principal, sendResult } from '../../http/app';
import type { Services } from '../../services';
import { auditedWrite } from '../audit/audited-write';

/** Quarantined stock: what is held, holding damaged goods, releasing inspected ones. */
export function registerQuarantineRoutes(app: App, s: Services): void {
  const tags = ['quarantine'];
  app.get(
    '/api/v1/quarantine',
    {
      config: { permission: 'stock.read' },
      schema: { tags, querystring: quarantineQuery, response: { 200: page(quarantineRow), 400: problem } },
    },
    async (request) => {
      const p = principal(request);
      return s.quarantine.list(request.query, p.warehouses);
    },
  );
  for (const action of ['hold', 'release'] as const) {
    app.post(
      `/api/v1/quarantine/${action}`,
      {
        config: { permission: 'quarantine.manage' },
        schema: {
          tags,
          summary:
            action === 'hold'
              ? 'Hold stock back from sale (damaged, awaiting inspection)'
              : 'Release inspected stock back to available',
          body: quarantineMoveCreate,
          response: { 201: quarantineMove, 400: problem },
        },
      },
      async (request, reply) => {
        const p = principal(request);
        const result = await auditedWrite(
          s,
          request,
          { action: `quarantine.${action}`, entity: 'quarantine_move', status: 201 },
          (trx) => s.quarantine.move(trx, action, request.body, p),
        );
        return sendResult(reply, result);
      },
    );
  }
}
