import { expect } from 'vitest';
import type { TestServer } from './server';

/** An audit log entry as the API answers it. */
export interface AuditEntry {
  seq: number;
  at: string;
  user: { id: string; email: string } | null;
  source: { ip: string | null; via: string; id: string | null };
  action: string;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The entries `GET /api/v1/audit?<query>` answers with (one page), as the administrator unless told. */
export async function auditEntries(ts: TestServer, query = '', token?: string): Promise<AuditEntry[]> {
  const res = await ts.api<{ items: AuditEntry[] }>(
    'GET',
    `/api/v1/audit?limit=500&${query}`,
    undefined,
    token === undefined ? {} : { token },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}
