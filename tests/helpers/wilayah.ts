/** Helpers for the wilayah tests: a Balai with signed-in clients, uploads and small response types. */
import { useBalaiWithClients, type BalaiWithClients, type Client, type Response } from './app.ts';
import { multipart } from './multipart.ts';
import type { RtView, RwView } from '../../src/modules/wilayah/service.ts';
import type { ImportView } from '../../src/modules/wilayah/impor-service.ts';

export const API = '/api/v1/cities/bandung';
/** Area of the demo petugas_kelurahan of Bandung. */
export const OWN_KEL = '32.73.01.1001';
/** Same kecamatan, another kelurahan. */
export const NEIGHBOUR_KEL = '32.73.01.1002';

export type WilayahTestEnv = BalaiWithClients;

/** The file's Balai and owner connection (see useBalaiWithOwnerDb), with signed-in clients. */
export const useWilayahBalai = useBalaiWithClients;

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

export type ImportJson = Pick<
  ImportView,
  'id' | 'fileName' | 'status' | 'totalRows' | 'processed' | 'percent' | 'createdRw' | 'createdRt' | 'errors'
>;

export type RwJson = Pick<
  RwView,
  'id' | 'kode' | 'kelurahanKode' | 'nomor' | 'ketuaNama' | 'ketuaTelepon' | 'jumlahKk' | 'jumlahRt' | 'demo'
> & { rt?: Omit<RtView, 'rwId'>[] };

export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  errors?: { pointer: string; detail: string }[];
}
