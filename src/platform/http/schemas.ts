/** Schemas shared by routes of every module. */
import { Type } from 'typebox';

export const CitySlug = Type.String({
  pattern: '^[a-z][a-z0-9-]{1,39}$',
  description: 'City slug, e.g. "bandung"',
});
export const Uuid = Type.String({ format: 'uuid' });
export const CityParams = Type.Object({ city: CitySlug }, { additionalProperties: false });
export const Csrf = Type.Optional(Type.String({ maxLength: 100 }));
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Phone = Type.String({ pattern: '^\\+?[0-9]{8,15}$' });
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
