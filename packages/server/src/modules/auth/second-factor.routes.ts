import { problem, recoveryCodes, totpCodeBody, totpEnrolment } from '@onhand/contracts';
import { type App, principal } from '../../http/app';
import type { Services } from '../../services';
import { auditedTransaction } from '../audit/audited-write';

/** A person's own second-factor change, as the audit log records it (never its secret or codes). */
function ofPerson(userId: string, verb: string) {
  return { action: `user.${verb}`, entity: 'user', entityId: userId };
}

/** A person's own second factor: enrol, confirm (getting recovery codes), turn off. */
export function registerSecondFactorRoutes(app: App, s: Services): void {
  const tags = ['auth'];
  app.post(
    '/api/v1/me/totp',
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: 'Start TOTP enrolment: a secret for the authenticator app',
        response: { 200: totpEnrolment },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const started = await auditedTransaction(
        s,
        request,
        { ...ofPerson(p.userId, 'totp_start'), after: () => ({ totp: 'enrolling' }) },
        (trx) => s.secondFactor.start(trx, p),
      );
      return reply.header('cache-control', 'no-store').send(started);
    },
  );
  app.post(
    '/api/v1/me/totp/confirm',
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: 'Turn TOTP on with a first code; the answer holds the recovery codes, once',
        body: totpCodeBody,
        response: { 200: recoveryCodes, 400: problem, 409: problem },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const codes = await auditedTransaction(
        s,
        request,
        { ...ofPerson(p.userId, 'totp_enable'), after: () => ({ totp: 'on' }) },
        (trx) => s.secondFactor.confirm(trx, p, request.body.code),
      );
      return reply.header('cache-control', 'no-store').send({ recoveryCodes: codes });
    },
  );
  app.post(
    '/api/v1/me/totp/disable',
    {
      config: { signedIn: true },
      schema: { tags, summary: 'Turn TOTP off, proven with a code', body: totpCodeBody },
    },
    async (request, reply) => {
      const p = principal(request);
      await auditedTransaction(
        s,
        request,
        { ...ofPerson(p.userId, 'totp_disable'), after: () => ({ totp: 'off' }) },
        (trx) => s.secondFactor.disable(trx, p, request.body.code),
      );
      return reply.code(204).send();
    },
  );
}
