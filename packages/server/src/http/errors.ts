import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InsufficientStockError } from '../ledger/types';
import { qtyOut } from './format';
import { type FieldError, invalid, Problem } from './problem';

/** Sends a problem+json response. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem.toBody());
}

function fieldPath(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return context === 'body' || context === undefined ? path : path || context;
}

/**
 * The problem of an error the caller caused (a Problem, or stock that is not there), or null for
 * anything else. Such errors are answered, and recorded for an Idempotency-Key, as 4xx.
 */
export function callerProblem(error: unknown): Problem | null {
  if (error instanceof Problem) return error;
  if (error instanceof InsufficientStockError) {
    const first = error.lines[0];
    const named = first?.sku
      ? `: ${first.sku} has ${qtyOut(first.available)} available, ${qtyOut(first.requested)} asked`
      : '';
    return new Problem('insufficient_stock', `not enough stock on ${error.lines.length} line(s)${named}`, {
      errors: error.lines.map((l) => ({
        path: `lines.${l.line - 1}.qty`,
        message: l.sku
          ? `is more than is available of ${l.sku} (${qtyOut(l.available)})`
          : 'is more than is available',
        ...(l.sku ? { sku: l.sku } : {}),
        itemId: l.itemId,
        warehouseId: l.warehouseId,
        requested: qtyOut(l.requested),
        available: qtyOut(l.available),
      })),
    });
  }
  return null;
}

/** Turns any error into the problem the caller sees; never leaks a stack trace or SQL. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const caused = callerProblem(error);
  if (caused) return caused;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.map((v) => ({
      path: fieldPath(error.validationContext, v.instancePath),
      message: v.message ?? 'is not valid',
    }));
    return invalid(errors);
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalid([{ path: '', message: 'is not valid JSON' }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem('payload_too_large', 'the request body is larger than the server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // JSON everywhere; the import routes also take CSV and XLSX files.
      return new Problem(
        'unsupported_media_type',
        `this route does not take ${request.headers['content-type'] ?? 'a body without a content type'}: send application/json (or, to an import, text/csv or XLSX)`,
      );
  }
  if (fastifyError.statusCode === 413)
    return new Problem('payload_too_large', 'the request body is larger than the server accepts');
  if (
    fastifyError.statusCode !== undefined &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return invalid([{ path: '', message: 'is not a valid request' }]);
  }
  request.log.error({ err: error }, 'unhandled error');
  return new Problem('internal_error', 'the server could not complete the request; nothing was changed');
}
