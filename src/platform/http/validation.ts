/**
 * Turns schema validation failures (Ajv errors from Fastify) into field errors
 * with messages in the user's language. Used by the API error handler and by
 * forms that re-render with the errors next to their fields.
 */
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { hasMessage, type Translator } from '../i18n/index.ts';
import type { FieldError } from './problem.ts';

const CONTEXT_NAMES: Record<string, string> = {
  querystring: 'query',
  params: 'path',
  body: 'body',
  headers: 'headers',
};

/** The message key (and its parameters) of one Ajv error. */
function messageFor(e: FastifySchemaValidationError): Pick<FieldError, 'detail' | 'params'> {
  const p = e.params as Record<string, unknown>;
  const limit = { limit: Number(p.limit) };
  switch (e.keyword) {
    case 'required':
      return { detail: 'validation.required' };
    case 'minLength':
      return { detail: 'validation.minLength', params: limit };
    case 'maxLength':
      return { detail: 'validation.maxLength', params: limit };
    case 'minimum':
    case 'exclusiveMinimum':
      return { detail: 'validation.minimum', params: limit };
    case 'maximum':
    case 'exclusiveMaximum':
      return { detail: 'validation.maximum', params: limit };
    case 'minItems':
      return { detail: 'validation.minItems', params: limit };
    case 'maxItems':
      return { detail: 'validation.maxItems', params: limit };
    case 'pattern':
      return { detail: 'validation.pattern' };
    case 'format':
      return { detail: 'validation.format', params: { format: String(p.format) } };
    case 'type':
      return { detail: typeMessage(String(p.type).split(',')[0]) };
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return { detail: 'validation.enum' };
    case 'additionalProperties':
      return { detail: 'validation.additional', params: { property: String(p.additionalProperty) } };
    case 'uniqueItems':
      return { detail: 'validation.unique' };
    default:
      return { detail: 'validation.invalid' };
  }
}

const TYPE_NAMES = new Set(['string', 'integer', 'number', 'boolean', 'object', 'array', 'null']);
const typeMessage = (type: string | undefined): string =>
  TYPE_NAMES.has(type ?? '') ? `validation.type.${type}` : 'validation.invalid';

/** Field errors of a failed schema validation, as message keys with their parameters. */
export function fieldErrorKeys(
  errors: FastifySchemaValidationError[],
  context: string | undefined,
): FieldError[] {
  const base = `/${CONTEXT_NAMES[context ?? 'body'] ?? context ?? 'body'}`;
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const p = e.params as Record<string, unknown>;
    let pointer = base + (e.instancePath ?? '');
    if (e.keyword === 'required') pointer += `/${String(p.missingProperty)}`;
    if (e.keyword === 'additionalProperties') pointer += `/${String(p.additionalProperty)}`;
    if (seen.has(pointer)) continue; // first (most specific) message per field
    seen.add(pointer);
    out.push({ pointer, ...messageFor(e) });
  }
  return out;
}

/** Field errors of a failed schema validation, in the user's language. */
export function fieldErrors(
  errors: FastifySchemaValidationError[],
  context: string | undefined,
  t: Translator,
): FieldError[] {
  return fieldErrorKeys(errors, context).map((e) => ({ pointer: e.pointer, detail: fieldMessage(t, e) }));
}

let strict = false;
/** Strict (tests and development): a field detail that is not a message key is a bug and throws. */
export function strictFieldMessages(on: boolean): void {
  strict = on;
}

/**
 * The text of a field error: its detail is a message key, with the error's own parameters or
 * else the problem's. Anything else (e.g. a service's plain-English sentence) never reaches a
 * user: it throws when strict, and reads as the generic "invalid value" otherwise.
 */
export function fieldMessage(t: Translator, e: FieldError, params?: Record<string, string | number>): string {
  if (hasMessage(e.detail)) return t(e.detail, e.params ?? params);
  if (strict)
    throw new Error(`Field error detail is not a message key: ${JSON.stringify(e.detail)} at ${e.pointer}`);
  return t('validation.invalid');
}

type Schema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
};

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** True when the schema admits only scalar values (text, numbers, yes/no). */
function scalarOnly(s: Schema | undefined): boolean {
  if (!s || typeof s !== 'object') return false;
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return branches.length > 0 && branches.every(scalarOnly);
  if (s.allOf) return s.allOf.some(scalarOnly);
  if (s.const !== undefined) return isScalar(s.const);
  if (s.enum) return s.enum.every(isScalar);
  const types = [s.type ?? []].flat();
  return types.length > 0 && types.every((t) => SCALAR_TYPES.has(t));
}

function propertySchema(s: Schema, key: string): Schema | undefined {
  if (Object.hasOwn(s.properties ?? {}, key)) return s.properties![key];
  for (const [pattern, sub] of Object.entries(s.patternProperties ?? {}))
    if (new RegExp(pattern, 'u').test(key)) return sub;
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

/**
 * Fields of a form or query string that the schema declares as one value but that arrived as a
 * list (the field sent more than once, e.g. `tahun=2026&tahun=2027`) or as a nested value or file:
 * a 400 field error each, before any handler reads them as text. Schema validation catches most
 * of these too, but a form route (attachValidation) reads its body even when validation failed.
 */
export function shapeErrors(schema: unknown, value: unknown, context: 'body' | 'query'): FieldError[] {
  if (!schema || typeof schema !== 'object' || !value || typeof value !== 'object' || Array.isArray(value))
    return [];
  const out: FieldError[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (isScalar(v) || v === undefined || !scalarOnly(propertySchema(schema as Schema, key))) continue;
    const detail = Array.isArray(v) ? 'validation.repeated' : typeMessage('string');
    out.push({ pointer: `/${context}/${key}`, detail });
  }
  return out;
}

/** Field errors keyed by form field name ("/body/email" -> "email"). */
export function byField(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const name = e.pointer.split('/').slice(2).join('.');
    out[name || '_'] ??= e.detail;
  }
  return out;
}
