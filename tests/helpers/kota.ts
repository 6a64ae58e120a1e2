/** Helpers for the kota tests: multipart bodies, image samples, reading values off pages. */
import assert from 'node:assert/strict';
import { multipart as multipartBody, type Part } from './multipart.ts';

export interface FilePart {
  name: string;
  filename: string;
  type: string;
  data: Buffer;
}

/** A multipart/form-data body of form fields and an optional file, as a browser would send it. */
export function multipart(
  fields: Record<string, string | string[]>,
  file?: FilePart,
): { payload: Buffer; headers: Record<string, string> } {
  const parts: Part[] = Object.entries(fields).flatMap(([name, value]) =>
    [value].flat().map((v) => ({ name, value: v })),
  );
  if (file) parts.push({ name: file.name, filename: file.filename, type: file.type, value: file.data });
  return multipartBody(parts);
}

/** A 1x1 transparent PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
export const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x20, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(20, 0),
]);
export const SVG = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#0a5"/></svg>',
);

/** The one-time password shown on a page (inside <code class="secret">). */
export function shownPassword(page: string): string | null {
  return /<code class="secret">([^<]+)<\/code>/.exec(page)?.[1] ?? null;
}

/** Asserts that a page matches, without dumping the whole page on failure. */
export function contains(body: string, re: RegExp, message?: string): void {
  if (!re.test(body))
    throw new assert.AssertionError({ message: message ?? `expected the page to match ${re}` });
}

export function lacks(body: string, re: RegExp, message?: string): void {
  if (re.test(body))
    throw new assert.AssertionError({ message: message ?? `expected the page not to match ${re}` });
}
