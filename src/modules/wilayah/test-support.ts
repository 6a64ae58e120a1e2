/** Helpers for the wilayah tests: multipart bodies and small response types. */
import { randomBytes } from 'node:crypto';
import type { Client, Response } from '../../../tests/helpers/app.ts';

export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

/** A multipart/form-data body, as a browser sends it. */
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

/** Uploads a file to the import API (field "berkas"). */
export function uploadApi(c: Client, city: string, file: Buffer, filename = 'rw.csv'): Promise<Response> {
  const body = multipart([{ name: 'berkas', value: file, filename }]);
  return c.request('POST', `/api/v1/cities/${city}/wilayah/impor`, body);
}

/** Uploads a file through the page form (CSRF in the form, like a browser). */
export async function uploadForm(
  c: Client,
  city: string,
  file: Buffer,
  filename = 'rw.csv',
): Promise<Response> {
  const body = multipart([
    { name: '_csrf', value: await c.csrf() },
    { name: 'berkas', value: file, filename },
  ]);
  return c.request('POST', `/${city}/wilayah/impor`, { ...body, csrf: false });
}

export interface ImportJson {
  id: string;
  status: string;
  totalRows: number;
  processed: number;
  percent: number;
  createdRw: number;
  createdRt: number;
  errors: { row: number; column: string | null; message: string }[];
}

export interface RwJson {
  id: string;
  kode: string;
  kelurahanKode: string;
  nomor: number;
  ketuaNama: string | null;
  ketuaTelepon: string | null;
  jumlahKk: number | null;
  jumlahRt: number;
  demo: boolean;
  rt?: { id: string; nomor: number; ketuaNama: string | null }[];
}

export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  errors?: { pointer: string; detail: string }[];
}
