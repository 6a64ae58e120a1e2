/**
 * Turns schema validation failures (Ajv errors from Fastify) into field errors
 * with messages in the user's language. Used by the API error handler and by
 * forms that re-render with the errors next to their fields.
 */
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { Translator } from '../i18n/index.ts';
import type { FieldError } from './problem.ts';

const CONTEXT_NAMES: Record<string, string> = {
  querystring: 'query',
  params: 'path',
  body: 'body',
  headers: 'headers',
};

function messageFor(e: FastifySchemaValidationError, t: Translator): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return t('validation.required');
    case 'minLength':
      return t('validation.minLength', { limit: Number(p.limit) });
    case 'maxLength':
      return t('validation.maxLength', { limit: Number(p.limit) });
    case 'minimum':
    case 'exclusiveMinimum':
      return t('validation.minimum', { limit: Number(p.limit) });
    case 'maximum':
    case 'exclusiveMaximum':
      return t('validation.maximum', { limit: Number(p.limit) });
    case 'minItems':
      return t('validation.minItems', { limit: Number(p.limit) });
    case 'maxItems':
      return t('validation.maxItems', { limit: Number(p.limit) });
    case 'pattern':
      return t('validation.pattern');
    case 'format':
      return t('validation.format', { format: String(p.format) });
    case 'type':
      return t('validation.type', { type: t(`validation.typeName.${String(p.type).split(',')[0]}`) });
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return t('validation.enum');
    case 'additionalProperties':
      return t('validation.additional', { property: String(p.additionalProperty) });
    case 'uniqueItems':
      return t('validation.unique');
    default:
      return t('validation.invalid');
  }
}

export function fieldErrors(
  errors: FastifySchemaValidationError[],
  context: string | undefined,
  t: Translator,
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
    out.push({ pointer, detail: messageFor(e, t) });
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
