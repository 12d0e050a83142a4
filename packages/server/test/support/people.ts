import { expect } from 'vitest';
import { uniqueCode } from './fixtures';
import type { TestServer } from './server';

/** The password every person made by a test signs in with. */
export const PERSON_PASSWORD = 'a long enough password';

/** Creates a person through the users endpoint (as the administrator) and returns their e-mail and id. */
export async function makePerson(
  ts: TestServer,
  roles: string[],
  warehouses: string[] | null = null,
): Promise<{ id: string; email: string }> {
  const email = `${uniqueCode(roles.join('-'))}@test.local`.toLowerCase();
  const res = await ts.api<{ id: string }>('POST', '/api/v1/users', {
    email,
    name: roles.join(' '),
    password: PERSON_PASSWORD,
    roles,
    warehouses,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, email };
}

/** Signs a person in and returns their token. */
export async function signIn(ts: TestServer, email: string, password = PERSON_PASSWORD): Promise<string> {
  const login = await ts.api<{ token: string }>(
    'POST',
    '/api/v1/auth/login',
    { email, password },
    { token: null },
  );
  if (login.status !== 200) throw new Error(`cannot sign in as ${email}: ${JSON.stringify(login.body)}`);
  return login.body.token;
}

/** Creates a person with some roles (a built-in role by default) and signs them in; returns their token. */
export async function signInAs(
  ts: TestServer,
  role: string,
  warehouses: string[] | null = null,
): Promise<string> {
  return signIn(ts, (await makePerson(ts, [role], warehouses)).email);
}
