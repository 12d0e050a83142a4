import { z } from 'zod';
import { typeError } from './common';

export const loginBody = z.object({
  email: z
    .string({ error: typeError('must be a string') })
    .min(1, { error: 'must not be empty' })
    .max(254),
  password: z
    .string({ error: typeError('must be a string') })
    .min(1, { error: 'must not be empty' })
    .max(1024),
});

/** The signed-in person: who they are, their roles, warehouses (null = all) and permissions. */
export const me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  warehouses: z.array(z.string()).nullable(),
  permissions: z.array(z.string()),
});
export const loginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: me });
export type Me = z.infer<typeof me>;
