/**
 * Schemas shared by routes of every module, and how request schemas are compiled: page forms
 * arrive as text and their schemas rely on type coercion, a JSON body is validated as sent.
 */
import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';

export const CitySlug = Type.String({
  pattern: '^[a-z][a-z0-9-]{1,39}$',
  description: 'City slug, e.g. "bandung"',
});
export const Uuid = Type.String({ format: 'uuid' });
export const CityParams = Type.Object({ city: CitySlug }, { additionalProperties: false });
/**
 * One of a fixed list of strings (declared once, `as const`), typed as the list's members: a
 * union of literals, as JSON Schema `anyOf`. (A union built with `.map` alone is typed `never`.)
 */
export const oneOf = <T extends readonly string[]>(list: T, o: { description?: string } = {}) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      list.map((x) => Type.Literal(x)),
      o,
    ),
  );
/** A value or null (an optional column in JSON). */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

export const Csrf = Type.Optional(Type.String({ maxLength: 100 }));
export const Email = Type.String({ format: 'email', maxLength: 254 });
/**
 * A phone number as typed: digits with spaces, dashes, dots or parentheses, perhaps +62 (the
 * service reads it into the stored form and checks it: platform/telepon.ts).
 */
export const Phone = Type.String({
  maxLength: 30,
  pattern: '^[+(]?[0-9][0-9 ().\\-/]{6,28}$',
  description: 'e.g. 0812 3456 7890 or +62 812-3456-7890; stored as 081234567890',
});
export const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), detail: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** Standard error responses for the OpenAPI document. */
export const errorResponses = {
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
};

/** Bodies that came as JSON (marked by `markJsonBody`): their types are not coerced. */
const jsonBodies = new WeakSet<object>();

/**
 * preValidation hook: marks a JSON body, so that `true` or "0x10" sent for a number is a 400
 * rather than 1 or 16. Forms (urlencoded, multipart) and query strings keep coercion.
 */
export async function markJsonBody(req: FastifyRequest): Promise<void> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (req.body !== null && typeof req.body === 'object' && /^application\/([\w.-]+\+)?json$/.test(type))
    jsonBodies.add(req.body);
}

/**
 * The validator compilers (Fastify's `schemaController.compilersFactory.buildValidator`): Ajv
 * with the server's options for every part of a request, and for bodies a second one without
 * type coercion, used for the bodies `markJsonBody` marked.
 */
export function validatorFactory(): AjvCompiler.ValidatorFactory {
  const pool = AjvCompiler();
  return (externalSchemas, options) => {
    const coercing = pool(externalSchemas, options);
    const exact = pool(externalSchemas, {
      ...options,
      customOptions: { ...options?.customOptions, coerceTypes: false },
    } as typeof options);
    return (route) => {
      const loose = coercing(route);
      if (route.httpPart !== 'body') return loose;
      const strict = exact(route);
      // Fastify reads `.errors` from the function it called: this one.
      const validate = Object.assign(
        (data: unknown) => {
          const v = data !== null && typeof data === 'object' && jsonBodies.has(data) ? strict : loose;
          const ok = v(data);
          validate.errors = v.errors;
          return ok;
        },
        { errors: loose.errors },
      );
      return validate as unknown as typeof loose;
    };
  };
}
