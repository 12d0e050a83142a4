import { z } from 'zod';
import { pageQuery, timeBound, userRef } from './common';

/** One write as the audit log keeps it. */
export const auditEntry = z.object({
  seq: z.number().meta({ description: 'Its place in the hash chain: 1, 2, 3 … without gaps' }),
  at: z.string(),
  user: userRef.meta({ description: 'Who wrote; null for the system (reservation expiry)' }),
  source: z
    .object({
      ip: z.string().nullable(),
      via: z.enum(['session', 'api_token', 'system']),
      id: z.string().nullable().meta({ description: 'The session or API token id' }),
    })
    .meta({ description: 'Where the write came from' }),
  action: z.string().meta({ description: '`<entity>.<verb>`: `item.update`, `purchase_order.approve` …' }),
  entity: z.string(),
  entityId: z.string(),
  before: z
    .unknown()
    .meta({ description: 'The record before the write (null for a creation); secrets left out' }),
  after: z.unknown().meta({ description: 'The record after the write; secrets left out' }),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditQuery = pageQuery.extend({
  entity: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  user: z.string().max(254).optional().meta({ description: 'A user id, or their e-mail address' }),
  action: z.string().max(100).optional(),
  from: timeBound.optional(),
  to: timeBound.optional(),
});
