import {
  page,
  plainReservationCreate,
  problem,
  reservation,
  reservationCreate,
  reservationQuery,
} from '@onhand/contracts';
import { z } from 'zod';
import { type App, claimFor, principal, sendResult } from '../../http/app';
import { plainBodyFirst } from '../../http/plain-body';
import type { Services } from '../../services';
import { actorOf, auditedWrite } from '../audit/audited-write';
import { visible } from '../auth/warehouse-scope';

const idParams = z.object({ id: z.string().min(1).max(100) });

/** Reserve, look up, list and release reservations. */
export function registerReservationRoutes(app: App, s: Services): void {
  app.post(
    '/api/v1/reservations',
    {
      config: { permission: 'reservation.manage' },
      schema: {
        tags: ['reservations'],
        body: reservationCreate,
        response: { 201: reservation, 400: problem, 409: problem },
      },
      // The hot route: the common body is checked without zod, and the answer, built from typed
      // values (or replayed as recorded), is written out as it is, not checked against the schema.
      validatorCompiler: plainBodyFirst(plainReservationCreate),
      serializerCompiler: () => (data: unknown) => JSON.stringify(data),
    },
    async (request, reply) => {
      const p = principal(request);
      return sendResult(
        reply,
        await s.reservations.reserve(request.body, p, claimFor(request), actorOf(request)),
      );
    },
  );
  app.get(
    '/api/v1/reservations',
    {
      config: { permission: 'stock.read' },
      schema: { tags: ['reservations'], querystring: reservationQuery, response: { 200: page(reservation) } },
    },
    async (request) => {
      const p = principal(request);
      return s.reservations.list(request.query, p.warehouses);
    },
  );
  app.get(
    '/api/v1/reservations/:id',
    {
      config: { permission: 'stock.read' },
      schema: { tags: ['reservations'], params: idParams, response: { 200: reservation, 404: problem } },
    },
    async (request) => {
      const p = principal(request);
      return visible(await s.reservations.get(request.params.id), p.warehouses, 'reservation');
    },
  );
  app.post(
    '/api/v1/reservations/:id/release',
    {
      config: { permission: 'reservation.manage' },
      schema: {
        tags: ['reservations'],
        params: idParams,
        response: { 200: reservation, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const { id } = request.params;
      const result = await auditedWrite(
        s,
        request,
        {
          action: 'reservation.release',
          entity: 'reservation',
          entityId: id,
          // The service refuses a reservation of another warehouse (404) before it changes anything.
          before: (trx) => s.reservations.get(id, trx),
        },
        async (trx) => {
          await s.reservations.release(trx, id, p);
          return s.reservations.get(id, trx);
        },
      );
      return sendResult(reply, result);
    },
  );
}
