import { newId } from '../../src/db/ids';
import { hashPassword } from '../../src/modules/auth/passwords';
import { uniqueCode } from './fixtures';
import type { TestServer } from './server';

/**
 * Creates a person with one built-in role straight in the database (there is no users endpoint
 * yet), signs them in and returns their token.
 */
export async function signInAs(ts: TestServer, role: string): Promise<string> {
  const email = `${uniqueCode(role)}@test.local`.toLowerCase();
  const password = 'a long enough password';
  const now = Date.now();
  await ts.server.database.db
    .insertInto('users')
    .values({
      id: newId(now),
      email,
      name: role,
      password_hash: await hashPassword(password),
      roles: JSON.stringify([role]),
      warehouses: null,
      disabled: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const login = await ts.api<{ token: string }>(
    'POST',
    '/api/v1/auth/login',
    { email, password },
    { token: null },
  );
  if (login.status !== 200) throw new Error(`cannot sign in as ${role}: ${JSON.stringify(login.body)}`);
  return login.body.token;
}
