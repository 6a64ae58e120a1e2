/**
 * A tiny HTML template tag with automatic escaping. Interpolated values are
 * escaped unless they are SafeHtml (the result of html`` or raw()).
 */
import { markData, stripMarks, textMarksOn } from '../i18n/index.ts';

export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

/**
 * Where a value goes, for the text marks: shown text or an attribute people see (or hear); the
 * value of another attribute or a textarea (sent back by forms: no marks); between attributes.
 */
type Place = 'shown' | 'hidden' | 'tag';
const SHOWN_ATTRIBUTES = new Set(['placeholder', 'aria-label', 'title', 'alt']);

/** The place of a value put after `before` (the template so far). Only used with text marks on. */
function placeOf(before: string): Place {
  const lt = before.lastIndexOf('<');
  const gt = before.lastIndexOf('>');
  const rest = before.slice(Math.max(lt, gt) + 1);
  if (gt > lt) return /^<textarea\b/i.test(before.slice(lt)) ? 'hidden' : 'shown';
  const inQuotes = (rest.split('"').length - 1) % 2 === 1;
  if (inQuotes)
    return SHOWN_ATTRIBUTES.has(/([\w:-]+)\s*=\s*"[^"]*$/.exec(rest)?.[1] ?? '') ? 'shown' : 'hidden';
  // Inside a tag but not in a quoted value, or the start of a fragment (taken as text).
  return lt > gt ? 'tag' : 'shown';
}

function render(value: HtmlValue, place: Place | null): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return place === 'hidden' ? stripMarks(value.value) : value.value;
  if (Array.isArray(value)) return value.map((v) => render(v, place)).join('');
  const text = String(value);
  if (place === null) return escapeHtml(text);
  if (place !== 'shown') return escapeHtml(stripMarks(text));
  return escapeHtml(typeof value === 'string' ? markData(text) : text);
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  const marks = textMarksOn();
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++)
    out += render(values[i], marks ? placeOf(out) : null) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Marks trusted markup as safe. Never pass user input. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** JSON for a <script type="application/json"> or JSON-LD block, safe against "</script>". */
export function jsonScript(data: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(data).replace(/</g, '\\u003c'));
}
