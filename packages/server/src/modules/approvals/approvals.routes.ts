import {
  approval,
  approvalDecision,
  approvalQuery,
  approvalRejection,
  approvalRule,
  approvalRuleCreate,
  approvalRulePatch,
  page,
  problem,
} from '@onhand/contracts';
import { z } from 'zod';
import { type App, principal, sendResult } from '../../http/app';
import type { Services } from '../../services';
import { auditedTransaction, auditedWrite } from '../audit/audited-write';
import { expectedVersion } from '../master-data';

const idParams = z.object({ id: z.string().min(1).max(100) });

/** Approval rules (administrators) and approvals: the inbox, approve, reject. */
export function registerApprovalRoutes(app: App, s: Services): void {
  registerRuleRoutes(app, s);
  const tags = ['approvals'];
  app.get(
    '/api/v1/approvals',
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary:
          'Approvals you may decide (with status=pending: your inbox), or with mine=true those you asked for',
        querystring: approvalQuery,
        response: { 200: page(approval), 400: problem },
      },
    },
    async (request) => s.approvals.list(request.query, principal(request)),
  );
  app.get(
    '/api/v1/approvals/:id',
    {
      config: { signedIn: true },
      schema: { tags, params: idParams, response: { 200: approval, 404: problem } },
    },
    async (request) => s.approvals.get(request.params.id, principal(request)),
  );
  app.post(
    '/api/v1/approvals/:id/approve',
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: 'Approve: the action runs now, once, as you; its answer is the result',
        params: idParams,
        body: approvalDecision,
        response: { 200: approval, 400: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const { id } = request.params;
      const result = await auditedWrite(
        s,
        request,
        {
          action: 'approval.approve',
          entity: 'approval',
          entityId: id,
          before: (trx) => s.approvals.get(id, p, trx),
        },
        (trx) => s.approvals.approve(trx, id, p, request.body?.totp),
      );
      return sendResult(reply, result);
    },
  );
  app.post(
    '/api/v1/approvals/:id/reject',
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: 'Reject (or, as its maker, withdraw): nothing else changes',
        params: idParams,
        body: approvalRejection,
        response: { 200: approval, 403: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const { id } = request.params;
      const result = await auditedWrite(
        s,
        request,
        {
          action: 'approval.reject',
          entity: 'approval',
          entityId: id,
          before: (trx) => s.approvals.get(id, p, trx),
        },
        (trx) => s.approvals.reject(trx, id, p, request.body?.reason ?? null),
      );
      return sendResult(reply, result);
    },
  );
}

function registerRuleRoutes(app: App, s: Services): void {
  const tags = ['approval rules'];
  const path = '/api/v1/approval-rules';
  app.get(
    path,
    {
      config: { permission: 'approval_rule.manage' },
      schema: { tags, response: { 200: z.object({ items: z.array(approvalRule) }) } },
    },
    async () => ({ items: await s.approvalRules.list() }),
  );
  app.get(
    `${path}/:id`,
    {
      config: { permission: 'approval_rule.manage' },
      schema: { tags, params: idParams, response: { 200: approvalRule, 404: problem } },
    },
    async (request) => {
      return s.approvalRules.get(request.params.id);
    },
  );
  app.post(
    path,
    {
      config: { permission: 'approval_rule.manage' },
      schema: {
        tags,
        summary:
          'Add a rule: an action (above a value, in some warehouses) needs a second person or a TOTP code',
        body: approvalRuleCreate,
        response: { 201: approvalRule, 400: problem, 403: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const result = await auditedWrite(
        s,
        request,
        { action: 'approval_rule.create', entity: 'approval_rule', status: 201 },
        (trx) => s.approvalRules.create(trx, request.body, p),
      );
      return sendResult(reply, result);
    },
  );
  app.patch(
    `${path}/:id`,
    {
      config: { permission: 'approval_rule.manage' },
      schema: {
        tags,
        params: idParams,
        body: approvalRulePatch,
        response: { 200: approvalRule, 400: problem, 403: problem, 404: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const { id } = request.params;
      const result = await auditedWrite(
        s,
        request,
        {
          action: 'approval_rule.update',
          entity: 'approval_rule',
          before: (trx) => s.approvalRules.get(id, trx),
        },
        (trx) => s.approvalRules.update(trx, id, request.body, expected, principal(request)),
      );
      return sendResult(reply, result);
    },
  );
  app.delete(
    `${path}/:id`,
    {
      config: { permission: 'approval_rule.manage' },
      schema: { tags, summary: 'Remove a rule: pending approvals stay', params: idParams },
    },
    async (request, reply) => {
      const { id } = request.params;
      await auditedTransaction(
        s,
        request,
        {
          action: 'approval_rule.remove',
          entity: 'approval_rule',
          entityId: id,
          before: (trx) => s.approvalRules.get(id, trx),
        },
        async (trx) => {
          await s.approvalRules.remove(trx, id, principal(request));
          return null;
        },
      );
      return reply.code(204).send();
    },
  );
}
