/** multipart/form-data bodies, as a browser sends a form with a file input. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

export interface Part {
  name: string;
  value: string | Buffer;
  /** Makes the part a file. */
  filename?: string;
  /** The file's declared type (application/octet-stream when not given). */
  type?: string;
}

/** A multipart/form-data body and its content-type header. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----balai${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename !== undefined ? `\r\nContent-Type: ${p.type ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(typeof p.value === 'string' ? Buffer.from(p.value) : p.value);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** An import's upload page: a multipart form with a labelled file field and its template's link. */
export function assertUploadPage(page: { status: number; body: string }, base: string): void {
  assert.equal(page.status, 200);
  assert.match(page.body, /enctype="multipart\/form-data"/);
  assert.match(page.body, /<label for="f-berkas">/);
  assert.match(page.body, new RegExp(`href="${base}/templat\\.xlsx"`));
}
