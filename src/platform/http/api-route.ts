/**
 * One JSON API route in one call: path under a base, who may call it, what it takes and what it
 * answers. The OpenAPI tags, the problem responses and the access config are added here, so a
 * routes file lists only what differs from route to route.
 *
 *   const api = apiRoutes(app, { base: '/api/v1/cities/:city/sampah', tags: ['sampah'] });
 *   api.get('/tingkat', { summary: 'Status levels', params: CityParams, out: Type.Array(TingkatOut), access: lihat },
 *     (req) => cityTx(req, (trx) => listTingkat(trx)));
 */
import type {
  FastifyContextConfig,
  FastifyReply,
  FastifyRequest,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema, type TUnknown } from 'typebox';
import type { BalaiApp } from '../module.ts';
import { cityOf, type Access } from './context.ts';
import { errorResponses } from './schemas.ts';

/** The request of a route with these schemas, typed as Fastify types it. */
export type TypedRequest<
  P extends TSchema,
  Q extends TSchema = TUnknown,
  B extends TSchema = TUnknown,
  H extends TSchema = TUnknown,
> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  { params: P; querystring: Q; body: B; headers: H },
  TypeBoxTypeProvider
>;

export interface ApiSpec<
  P extends TSchema,
  Q extends TSchema,
  B extends TSchema,
  O extends TSchema,
  H extends TSchema = TUnknown,
> {
  summary: string;
  description?: string;
  access: Access;
  params: P;
  query?: Q;
  body?: B;
  /** The answer's schema; none for 204. */
  out?: O;
  /** The success status (200 by default); the handler returns the body, or the reply it sent itself. */
  status?: 200 | 201 | 202 | 204;
  /** Other success or error responses, e.g. `{ 200: Out }` beside a 201, or 413. */
  also?: Record<number, TSchema>;
  /** Request headers the route requires (e.g. an Idempotency-Key). */
  headers?: H;
  /** Request content types other than JSON, e.g. `['multipart/form-data']`. */
  consumes?: string[];
  /** Answer content types other than JSON, e.g. `['text/csv']`. */
  produces?: string[];
  /** The handler sends a file or bytes itself: no response schemas at all. */
  raw?: true;
  /** Headers of a success answer the handler returns, e.g. `{ 'cache-control': 'no-store' }`. */
  replyHeaders?: Record<string, string>;
  /** Where the created resource is, under the base (the base's :params filled): the Location header. */
  location?: (out: Static<O>, req: TypedRequest<P, Q, B, H>) => string;
  /** More route config beside the access, e.g. `multipartOptions`. */
  config?: Omit<FastifyContextConfig, 'access'>;
}

type Answer<O extends TSchema> = Static<O> | FastifyReply;
export type ApiHandler<
  P extends TSchema,
  Q extends TSchema,
  B extends TSchema,
  O extends TSchema,
  H extends TSchema = TUnknown,
> = (req: TypedRequest<P, Q, B, H>, reply: FastifyReply) => Answer<O> | Promise<Answer<O>>;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Register = <
  P extends TSchema,
  O extends TSchema,
  Q extends TSchema = TUnknown,
  B extends TSchema = TUnknown,
  H extends TSchema = TUnknown,
>(
  path: string,
  spec: ApiSpec<P, Q, B, O, H>,
  handler: ApiHandler<P, Q, B, O, H>,
) => void;

/** The base with its path parameters filled from the request (the city by its slug). */
function baseOf(base: string, req: FastifyRequest): string {
  const params = req.params as Record<string, string>;
  return base.replace(/:(\w+)/g, (_m, name: string) => (name === 'city' ? cityOf(req).slug : params[name]!));
}

/** The routes of one API area: `get`, `post`, `put`, `patch` and `delete` under `base`, with these OpenAPI tags. */
export function apiRoutes(
  app: BalaiApp,
  o: { base: string; tags: string[] },
): Record<'get' | 'post' | 'put' | 'patch' | 'delete', Register> {
  const register =
    (method: Method): Register =>
    (path, spec, handler) => {
      const status = spec.status ?? 200;
      app.route({
        method,
        url: `${o.base}${path}`,
        schema: {
          tags: o.tags,
          summary: spec.summary,
          ...(spec.description ? { description: spec.description } : {}),
          params: spec.params,
          ...(spec.query ? { querystring: spec.query } : {}),
          ...(spec.body ? { body: spec.body } : {}),
          ...(spec.headers ? { headers: spec.headers } : {}),
          ...(spec.consumes ? { consumes: spec.consumes } : {}),
          ...(spec.produces ? { produces: spec.produces } : {}),
          ...(spec.raw
            ? {}
            : { response: { [status]: spec.out ?? Type.Null(), ...errorResponses, ...spec.also } }),
        },
        config: { ...spec.config, access: spec.access },
        handler: (async (req: TypedRequest<TSchema, TSchema, TSchema>, reply: FastifyReply) => {
          const answer = await handler(req as never, reply);
          if (answer === reply) return reply;
          if (spec.replyHeaders) reply.headers(spec.replyHeaders);
          if (spec.location)
            reply.header('location', `${baseOf(o.base, req)}${spec.location(answer as never, req as never)}`);
          return status === 204 ? reply.status(204).send() : reply.status(status).send(answer);
        }) as RouteHandlerMethod,
      });
    };
  return {
    get: register('GET'),
    post: register('POST'),
    put: register('PUT'),
    patch: register('PATCH'),
    delete: register('DELETE'),
  };
}

/** The page a query with `Paging` asks for, with the defaults filled in. */
export function pageOf(
  q: { page?: number | undefined; perPage?: number | undefined },
  perPage = 50,
): { page: number; perPage: number } {
  return { page: q.page ?? 1, perPage: q.perPage ?? perPage };
}
