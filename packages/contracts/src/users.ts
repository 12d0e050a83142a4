import { z } from 'zod';
import { code, label, pageQuery, typeError } from './common';

/** A new password: long enough to resist guessing. */
export const newPassword = z
  .string({ error: typeError('must be a string') })
  .min(10, { error: 'must be at least 10 characters' })
  .max(1024, { error: 'must be at most 1024 characters' });

const roleName = z
  .string({ error: typeError('must be a string') })
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'must be 2–40 lowercase letters, digits or _' });

export const userCreate = z.object({
  email: z.email({ error: 'must be an e-mail address' }).max(254),
  name: label(100),
  password: newPassword,
  roles: z.array(roleName).min(1, { error: 'must name at least one role' }).max(20),
  warehouses: z
    .array(code)
    .max(500)
    .nullish()
    .meta({ description: 'Warehouse codes the person works in; absent or null for all warehouses' }),
});

export const userPatch = z.object({
  name: label(100).optional(),
  roles: z.array(roleName).min(1, { error: 'must name at least one role' }).max(20).optional(),
  warehouses: z.array(code).max(500).nullable().optional(),
  disabled: z
    .boolean()
    .optional()
    .meta({ description: 'A disabled person cannot sign in; their sessions end' }),
});

export const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  warehouses: z.array(z.string()).nullable(),
  disabled: z.boolean(),
  locked: z.boolean().meta({ description: 'Locked for a while after repeated wrong passwords' }),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof user>;

export const userQuery = pageQuery.extend({
  q: z.string().max(100).optional(),
  role: z.string().max(40).optional(),
});

export const passwordReset = z.object({ password: newPassword });
export const passwordChange = z.object({
  currentPassword: z
    .string({ error: typeError('must be a string') })
    .min(1)
    .max(1024),
  newPassword,
});

export const roleCreate = z.object({
  name: roleName,
  description: z.string().max(500).optional(),
  permissions: z.array(z.string().max(60)).min(1, { error: 'must grant at least one permission' }).max(100),
});

export const role = z.object({
  name: z.string(),
  description: z.string().nullable(),
  builtIn: z.boolean(),
  permissions: z.array(z.string()),
});
export type Role = z.infer<typeof role>;

export const sessionInfo = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const apiTokenCreate = z.object({
  name: label(100),
  permissions: z.array(z.string().max(60)).min(1, { error: 'must grant at least one permission' }).max(100),
  warehouses: z
    .array(code)
    .max(500)
    .nullish()
    .meta({ description: 'Warehouse codes it may touch; absent or null for all the maker works in' }),
});

export const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  permissions: z.array(z.string()),
  warehouses: z.array(z.string()).nullable(),
  createdBy: z.object({ id: z.string(), email: z.string() }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

/** A new token with its secret: shown this once, stored only as a hash. */
export const apiTokenCreated = apiToken.extend({ token: z.string() });
export type ApiToken = z.infer<typeof apiToken>;
export type ApiTokenCreated = z.infer<typeof apiTokenCreated>;
export type ApiTokenCreate = z.infer<typeof apiTokenCreate>;
export type RoleCreate = z.infer<typeof roleCreate>;
