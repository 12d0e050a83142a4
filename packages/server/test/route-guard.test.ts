import { describe, expect, it } from 'vitest';
import { testDatabaseKinds } from './support/databases';
import { useTestServer } from './support/server';

/** Routes open to anyone signed in: their own account, and approvals (decided per record). */
const SIGNED_IN = [
  /^\/api\/v1\/auth\//,
  /^\/api\/v1\/me(\/|$)/,
  /^\/api\/v1\/approvals(\/|$)/,
  /^\/api\/v1\/roles$/,
];

for (const kind of testDatabaseKinds()) {
  describe(`every route under /api/v1 on ${kind}`, () => {
    const server = useTestServer(kind);

    it('refuses a caller without its permission before it reads the input, naming the permission', async () => {
      const ts = server();
      const token = await ts.api<{ token: string }>('POST', '/api/v1/api-tokens', {
        name: 'reader',
        permissions: ['stock.read'],
      });
      expect(token.status).toBe(201);
      const spec = await ts.api<{ paths: Record<string, Record<string, unknown>> }>(
        'GET',
        '/api/openapi.json',
      );
      const wrong: string[] = [];
      let writes = 0;
      for (const [template, operations] of Object.entries(spec.body.paths)) {
        if (SIGNED_IN.some((open) => open.test(template))) continue;
        const path = template.replace(/\{[^}]+\}/g, 'NONE');
        for (const method of Object.keys(operations)) {
          if (method === 'get') continue;
          writes++;
          // An empty body: were the input read first, this would be a 400.
          const res = await ts.api(method.toUpperCase(), path, {}, { token: token.body.token });
          const named = res.body.permission;
          if (res.status !== 403 || typeof named !== 'string' || named === 'stock.read')
            wrong.push(`${method.toUpperCase()} ${template}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(writes).toBeGreaterThan(50);
    });
  });
}
