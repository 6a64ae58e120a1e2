/**
 * Every route of a built Balai (from `app.routeList`, filled by the onRoute
 * hook in src/platform/http/app.ts), URL building, and a best-effort sampler
 * that turns a route's JSON schema into a valid-looking input, so generic
 * tests get past validation into the services.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RouteInfo } from '../../src/platform/http/app.ts';

export interface Route extends RouteInfo {
  /** Path parameter names in order; a wildcard is named "*". */
  params: string[];
  /** "METHOD url", for messages. */
  key: string;
}

const PARAM_RE = /:([A-Za-z0-9_]+)(\([^)]*\))?|\*/g;

export function paramNames(url: string): string[] {
  return [...url.matchAll(PARAM_RE)].map((m) => m[1] ?? '*');
}

/** Every route except the HEAD twins Fastify adds for GET routes, sorted. */
export function appRoutes(app: FastifyInstance): Route[] {
  const list = (app as FastifyInstance & { routeList?: RouteInfo[] }).routeList;
  if (!Array.isArray(list) || list.length === 0) {
    throw new Error(
      'app.routeList is missing: buildApp must collect routes in its onRoute hook (src/platform/http/app.ts)',
    );
  }
  const byKey = new Map<string, Route>();
  for (const r of list) {
    const key = `${r.method} ${r.url}`;
    if (byKey.has(key)) continue;
    byKey.set(key, { ...r, params: paramNames(r.url), key });
  }
  const routes = [...byKey.values()].filter((r) => r.method !== 'HEAD' || !byKey.has(`GET ${r.url}`));
  return routes.sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

/** encodeURIComponent, with lone surrogates (which it refuses) replaced by U+FFFD. */
export function encode(v: string): string {
  return encodeURIComponent(v.toWellFormed());
}

/** Fills the path parameters (encoded unless raw). */
export function fillUrl(url: string, values: Record<string, string>, raw = false): string {
  return url.replace(PARAM_RE, (_m, name: string | undefined) => {
    const v = values[name ?? '*'] ?? 'x';
    return raw ? v : name ? encode(v) : v.split('/').map(encode).join('/');
  });
}

export const isUnsafe = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/** A JSON schema as TypeBox emits it (only what the sampler reads). */
export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  examples?: unknown[];
}

/** Candidate values for a property or parameter, by name (e.g. real ids and codes of a city). */
export type Hints = (name: string, schema: JsonSchema) => unknown[] | undefined;

let serial = 0;
const GENERIC_STRINGS = [
  'Uji Coba Balai',
  'contoh',
  'abc',
  'a1',
  '1',
  '12',
  '001',
  '081234567890',
  '+6281234567890',
  '2026-01-15',
  'https://contoh.id/',
  'ABC',
  'uji-1',
  'id',
];

function fits(s: string, schema: JsonSchema): boolean {
  if (schema.minLength !== undefined && s.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && s.length > schema.maxLength) return false;
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(s)) return false;
  if (schema.enum && !schema.enum.includes(s)) return false;
  return true;
}

function sampleString(schema: JsonSchema, name: string, hints: Hints, variant: number): string {
  const hinted = (hints(name, schema) ?? []).filter((v): v is string => typeof v === 'string');
  const byFormat: Record<string, () => string> = {
    email: () => `uji.${Date.now().toString(36)}${serial++}@contoh.id`,
    uuid: () => randomUUID(),
    date: () => '2026-01-15',
    'date-time': () => new Date().toISOString(),
    time: () => '10:00:00',
    uri: () => 'https://contoh.id/',
    url: () => 'https://contoh.id/',
    ipv4: () => '127.0.0.1',
  };
  const formatted = schema.format && byFormat[schema.format] ? [byFormat[schema.format]!()] : [];
  const pool = [...formatted, ...hinted, ...GENERIC_STRINGS].filter((s) => fits(s, schema));
  const preferred = [...formatted, ...hinted].filter((s) => fits(s, schema));
  const from = preferred.length ? preferred : pool;
  if (from.length) return from[variant % from.length]!;
  const min = Math.max(schema.minLength ?? 1, 1);
  return 'x'.repeat(min);
}

function sampleNumber(schema: JsonSchema, integer: boolean, variant: number): number {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
  const max =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 999);
  let v = variant === 0 ? min : min + Math.floor(Math.random() * (Math.min(max, min + 999) - min + 1));
  if (v > max) v = max;
  if (schema.multipleOf) v = Math.ceil(v / schema.multipleOf) * schema.multipleOf;
  return integer ? Math.ceil(v) : v;
}

/**
 * A value that (most likely) satisfies the schema; hints give realistic values by property name.
 * Variant 0 takes the first candidates and minimums; other variants pick other candidates and random numbers.
 */
export function sample(
  schema: JsonSchema | undefined,
  hints: Hints = () => undefined,
  name = '',
  variant = 0,
): unknown {
  if (!schema) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[variant % schema.enum.length];
  const hinted = hints(name, schema);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) {
    const options = branches.filter((b) => b.type !== 'null');
    const consts = options.filter((b) => b.const !== undefined);
    if (consts.length === options.length && consts.length) return consts[variant % consts.length]!.const;
    return sample(options[0] ?? branches[0], hints, name, variant);
  }
  if (schema.allOf?.length) return sample(schema.allOf[0], hints, name, variant);
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
  if (hinted?.length && type !== 'string' && type !== 'object') return hinted[0];
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'string':
      return sampleString(schema, name, hints, variant);
    case 'integer':
      return sampleNumber(schema, true, variant);
    case 'number':
      return sampleNumber(schema, false, variant);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, hints, name, variant));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        if (key === '_csrf') continue;
        out[key] = sample(schema.properties?.[key], hints, key, variant);
      }
      return out;
    }
    default:
      return schema.default ?? schema.examples?.[0];
  }
}

export function bodySchema(route: Route): JsonSchema | undefined {
  return (route.schema as { body?: JsonSchema } | undefined)?.body;
}

export function querySchema(route: Route): JsonSchema | undefined {
  return (route.schema as { querystring?: JsonSchema } | undefined)?.querystring;
}

/** A valid-looking query string for the route ("" or "?a=1&b=2"). */
export function sampleQuery(route: Route, hints: Hints = () => undefined): string {
  const s = querySchema(route);
  const v = s ? sample(s, hints) : undefined;
  if (!v || typeof v !== 'object') return '';
  const qs = new URLSearchParams(
    Object.entries(v).map(([k, x]): [string, string] => [k, String(x)]),
  ).toString();
  return qs ? `?${qs}` : '';
}

/** Pages take forms; the API takes JSON (a route without a body schema still gets "{}"). */
export function isPageRoute(route: Route): boolean {
  return !route.url.startsWith('/api/');
}

/** Tables a parameter like "rwId", "userId" or "importId" most likely points into. */
export function tablesForParam(param: string, tables: string[]): string[] {
  const base = param
    .replace(/_?ids?$/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
  if (!base) return [];
  const plural = [base, `${base}s`, `${base}es`];
  const exact = tables.filter((t) => plural.includes(t));
  if (exact.length) return exact;
  const suffix = tables.filter((t) => plural.some((p) => t.endsWith(`_${p}`)));
  if (suffix.length) return suffix;
  return tables.filter((t) => t.split('_').some((part) => plural.includes(part)) || t.includes(base));
}

export interface CitySamples {
  slug: string;
  ids: Map<string, string[]>;
  codes: string[];
}

/** One id of every table of the city. */
export function anyIds(s: CitySamples): string[] {
  return [...s.ids.values()].flatMap((v) => v.slice(0, 1));
}

/** Real values of the city for a path parameter or body property, by its name. */
export function candidatesFor(param: string, s: CitySamples): string[] {
  if (param === 'city') return [s.slug];
  if (/kode|code/i.test(param)) return s.codes.length ? s.codes : anyIds(s);
  if (/id$/i.test(param)) {
    const tables = tablesForParam(param, [...s.ids.keys()]);
    const ids = tables.flatMap((t) => s.ids.get(t)?.slice(0, 2) ?? []);
    return ids.length ? ids : anyIds(s);
  }
  return [...anyIds(s), ...s.codes.slice(0, 2)];
}

/** Sampler hints from a city's real data: ids and codes by property name, a strong password. */
export function cityHints(s: CitySamples): Hints {
  return (name) => {
    if (!name) return undefined;
    if (/password|sandi/i.test(name)) return ['Sandi-Uji-Balai-2026'];
    if (/kode|code|id$/i.test(name)) return candidatesFor(name, s);
    if (/phone|telepon/i.test(name)) return ['081234567890'];
    return undefined;
  };
}
