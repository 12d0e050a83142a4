import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { $ZodType } from 'zod/v4/core';

/**
 * A route's validator compiler for a hot route: the body's common shape is checked by a
 * precompiled function, anything else by the route's zod schema (which also words the errors).
 * `plain` must give exactly what the schema gives for the bodies it accepts.
 */
export function plainBodyFirst<T>(plain: (body: unknown) => T | undefined): FastifySchemaCompiler<unknown> {
  return (route) => {
    const { schema } = route;
    if (!(schema instanceof $ZodType))
      throw new Error(`${route.url}: a ${route.httpPart} schema that is not zod`);
    const bySchema = validatorCompiler({ ...route, schema });
    if (route.httpPart !== 'body') return bySchema;
    return (body: unknown) => {
      const value = plain(body);
      return value === undefined ? bySchema(body) : { value };
    };
  };
}
