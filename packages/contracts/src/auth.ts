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
  totp: z
    .string()
    .max(40)
    .optional()
    .meta({ description: 'A code from the authenticator app (or a recovery code), when TOTP is on' }),
});

export const totpCodeBody = z.object({ code: z.string().min(1, { error: 'must not be empty' }).max(40) });
export const totpEnrolment = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const recoveryCodes = z.object({
  recoveryCodes: z
    .array(z.string())
    .meta({ description: 'One-time codes for a lost phone: shown this once' }),
});

/** The signed-in person: who they are, their roles, warehouses (null = all) and permissions. */
export const me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  warehouses: z.array(z.string()).nullable(),
  permissions: z.array(z.string()),
  /** True when two-step sign-in (TOTP) is on for this account. */
  totpEnabled: z.boolean(),
});
export const loginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: me });
export type Me = z.infer<typeof me>;
export type LoginBody = z.infer<typeof loginBody>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type TotpEnrolment = z.infer<typeof totpEnrolment>;
export type RecoveryCodes = z.infer<typeof recoveryCodes>;
