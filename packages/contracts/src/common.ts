import { z } from 'zod';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A type error message that says "is required" when the field is missing. */
export const typeError =
  (message: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : message;

function decimalPlaces(value: number | string): number | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!DECIMAL.test(text)) return null;
  const fraction = text.split('.')[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}

/** The largest quantity a body may name. */
export const MAX_QUANTITY = 99_999_999_999;

/** A quantity: a JSON number, greater than 0, with at most 3 decimal places. */
export const quantity = z
  .number({ error: typeError('must be a number') })
  .positive({ error: 'must be greater than 0' })
  .max(MAX_QUANTITY, { error: 'is too large' })
  .refine((n) => {
    const places = decimalPlaces(n);
    return places !== null && places <= 3;
  }, 'must have at most 3 decimal places')
  .meta({ description: 'Quantity, > 0, at most 3 decimal places', example: 10 });

/** A quantity that may also be 0 (a count, a threshold): 0 or more, at most 3 decimal places. */
export const quantityOrZero = z
  .number({ error: typeError('must be a number') })
  .min(0, { error: 'must be 0 or more' })
  .superRefine((n, ctx) => {
    if (n <= 0) return;
    const checked = quantity.safeParse(n);
    if (!checked.success)
      ctx.addIssue({ code: 'custom', message: checked.error.issues[0]?.message ?? 'is not a quantity' });
  })
  .meta({ description: 'Quantity, 0 or more, at most 3 decimal places' });

/** Money in: a decimal number or string, 0 or more, with at most 4 decimal places. */
export const moneyInput = z
  .union([z.number(), z.string()], { error: typeError('must be a decimal number or string') })
  .refine((v) => {
    const places = decimalPlaces(v);
    return places !== null && places <= 4 && Number(v) >= 0 && Number(v) < 1e11;
  }, 'must be a decimal, 0 or more, with at most 4 decimal places')
  .meta({ description: 'Money, at most 4 decimal places', example: '12.5' });

/** Money out: a JSON number whose text is the exact decimal (at most 4 places). */
export const money = z.number().meta({ description: 'Money, exact to 4 decimal places' });
/** A signed quantity out (+ in, − out). */
export const signedQuantity = z.number().meta({ description: 'Quantity, exact to 3 decimal places' });

/** A code that people type and print: SKU, warehouse, supplier or customer code. */
export const code = z
  .string({ error: typeError('must be a string') })
  .min(1, { error: 'must not be empty' })
  .max(64, { error: 'must be at most 64 characters' })
  .refine(
    (s) => s.trim() === s && !/[\p{Cc}]/u.test(s),
    'must not start or end with spaces or hold control characters',
  );

/** A name shown to people. */
export const label = (max = 200) =>
  z
    .string({ error: typeError('must be a string') })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

/** Optional free text. */
export const text = (max = 2000) =>
  z.string({ error: typeError('must be a string') }).max(max, { error: `must be at most ${max} characters` });

/** A business date, YYYY-MM-DD. */
export const businessDate = z
  .string({ error: typeError('must be a date') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date')
  .meta({ example: '2026-11-22' });

/** An instant, ISO-8601 with `Z` or an offset. */
export const timestamp = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 timestamp' });

/** A `from`/`to` filter: a business date or an ISO-8601 timestamp. */
export const timeBound = z.union([businessDate, timestamp], {
  error: 'must be a date or an ISO-8601 timestamp',
});

/** `limit` and `cursor` of every list. */
export const pageQuery = z.object({
  limit: z.coerce
    .number({ error: typeError('must be a number') })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .transform((n) => Math.min(n, 500))
    .optional(),
  cursor: z.string().max(500).optional(),
});

/** A page of a list. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A person named in a response. */
export const userRef = z.object({ id: z.string(), email: z.string() }).nullable();

/** A flag in a query string. */
export const queryFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** An RFC 9457 problem, as every error is answered. */
export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() }).loose()).optional(),
    permission: z.string().optional(),
  })
  // Problems may carry more members (`currentVersion`, `totpRequired`, `retryAfterSeconds` …).
  .loose();
export type Problem = z.infer<typeof problem>;

// A missing field says "is required" everywhere, not "expected string, received undefined".
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined,
});
