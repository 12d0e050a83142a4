import { z } from 'zod';
import { code, money, moneyInput, pageQuery, queryFlag, text, userRef } from './common';

/** The actions a rule can put behind a second person or a TOTP code. */
export const approvalAction = z
  .enum(['write_off.post', 'stocktake.post', 'purchase_order.approve', 'user.roles', 'api_token.create'], {
    error:
      'must be one of write_off.post, stocktake.post, purchase_order.approve, user.roles, api_token.create',
  })
  .meta({
    description:
      'write_off.post (value written off), stocktake.post (absolute value of the adjustments), purchase_order.approve (order amount), user.roles (creating a person, changing roles or warehouses, creating a custom role), api_token.create',
  });
export type ApprovalAction = z.infer<typeof approvalAction>;

const ruleFields = {
  threshold: moneyInput.nullable().optional().meta({
    description:
      'The rule applies when the value is above this (money); absent or null for every such action. Only for write_off.post, stocktake.post and purchase_order.approve',
  }),
  warehouses: z
    .array(code)
    .min(1, { error: 'must name at least one warehouse' })
    .max(500)
    .nullable()
    .optional()
    .meta({
      description:
        'Only actions in these warehouses; absent or null for every warehouse. Not for user.roles or api_token.create',
    }),
  secondPerson: z.boolean({ error: 'must be true or false' }).optional().meta({
    description: 'A second person approves (default true); false: the caller only proves a TOTP code',
  }),
  requireTotp: z.boolean({ error: 'must be true or false' }).optional().meta({
    description:
      'Demand a fresh TOTP code: of the approver (approve body `totp`), or, without a second person, of the caller (X-TOTP-Code header)',
  }),
};

export const approvalRuleCreate = z.object({ action: approvalAction, ...ruleFields });
export const approvalRulePatch = z.object(ruleFields);

export const approvalRule = z.object({
  id: z.string(),
  action: approvalAction,
  threshold: money.nullable(),
  warehouses: z.array(z.string()).nullable(),
  secondPerson: z.boolean(),
  requireTotp: z.boolean(),
  version: z.number(),
  createdBy: userRef,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ApprovalRule = z.infer<typeof approvalRule>;

export const approvalStatus = z.enum(['pending', 'approved', 'rejected'], {
  error: 'must be pending, approved or rejected',
});

export const approval = z.object({
  id: z.string(),
  action: approvalAction,
  status: approvalStatus,
  target: z.object({
    type: z.string().meta({ description: 'A document type, user, role or api_token' }),
    id: z.string().nullable().meta({ description: 'Null when the action creates it' }),
  }),
  warehouse: z.string().nullable(),
  warehouseId: z.string().nullable(),
  value: money.nullable().meta({ description: 'The value the rules weighed' }),
  requireTotp: z.boolean().meta({ description: 'The approver sends a fresh TOTP code' }),
  request: z.unknown().meta({ description: 'The request as validated, run when approved' }),
  maker: userRef,
  createdAt: z.string(),
  decidedBy: userRef,
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  result: z
    .unknown()
    .meta({ description: 'What the action answered when it ran (e.g. the posted document)' }),
});
export type Approval = z.infer<typeof approval>;

/** `202`: the action waits for a second person; nothing else changed. */
export const approvalRequired = z.object({
  code: z.literal('approval_required'),
  approvalId: z.string(),
  detail: z.string(),
  approval,
});
export type ApprovalRequired = z.infer<typeof approvalRequired>;

export const approvalQuery = pageQuery.extend({
  status: approvalStatus.optional(),
  action: approvalAction.optional(),
  mine: queryFlag.optional().meta({
    description:
      'true: the approvals you asked for; otherwise those you may decide (your inbox, with status=pending)',
  }),
});

export const approvalDecision = z
  .object({
    totp: z
      .string()
      .max(40)
      .optional()
      .meta({ description: 'A fresh code from your authenticator app, when the rule demands one' }),
  })
  .nullish();

export const approvalRejection = z.object({ reason: text(500).optional() }).nullish();
