/** Evidence photos of KBS assessments: checked by their first bytes, at most a few per indicator. */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import type { CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/problem.ts';
import type { TipeFoto } from './indikator.ts';
import { cleanText } from '../../../platform/text.ts';
import { UUID_RE, bodyField as body } from './kbs-common.ts';
import { findPenilaian } from './kbs-access.ts';
import { listIndikator } from './indikator-service.ts';
import { KBS_AJUKAN } from './permissions-kbs.ts';

/** Largest evidence photo accepted (bytes). */
export const BUKTI_MAX_BYTES = 2 * 1024 * 1024;
/** Most photos per indicator of an assessment. */
export const BUKTI_MAX_PER_INDIKATOR = 5;

export type { TipeFoto } from './indikator.ts';

export interface BuktiView {
  id: string;
  indikatorId: string;
  namaFile: string;
  tipe: TipeFoto;
  ukuran: number;
  createdAt: string;
}

const fotoError = (detail: string, params?: Record<string, string | number>) =>
  badRequest(
    'sampah.kbs.err.foto',
    [{ pointer: '/body/foto', detail, ...(params ? { params } : {}) }],
    params,
  );

function startsWith(buf: Buffer, bytes: number[], at = 0): boolean {
  return buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
}

/** The type of a photo from its first bytes (the name and declared type are not trusted); 400 otherwise. */
export function sniffFoto(data: unknown): TipeFoto {
  if (!Buffer.isBuffer(data) || data.length === 0) throw fotoError('sampah.kbs.v.fotoJenis');
  if (data.length > BUKTI_MAX_BYTES)
    throw fotoError('sampah.kbs.v.fotoBesar', { max: BUKTI_MAX_BYTES / 1024 });
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  throw fotoError('sampah.kbs.v.fotoJenis');
}

export async function listBukti(trx: Tx, penilaianId: string): Promise<BuktiView[]> {
  const rows = await trx
    .selectFrom('sampah_kbs_bukti')
    .select(['id', 'indikator_id', 'nama_file', 'tipe', 'ukuran', 'created_at'])
    .where('penilaian_id', '=', penilaianId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    indikatorId: r.indikator_id,
    namaFile: r.nama_file,
    tipe: r.tipe,
    ukuran: r.ukuran,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Adds an evidence photo for a manual indicator of a draft or returned assessment. */
export async function uploadBukti(
  trx: Tx,
  user: CurrentUser | null,
  penilaianId: string,
  input: { indikatorKode: string; foto: unknown; namaFile: string | null | undefined },
): Promise<BuktiView> {
  const { p } = await findPenilaian(trx, user, penilaianId, KBS_AJUKAN);
  const ind = (await listIndikator(trx)).find((i) => i.kode === input.indikatorKode);
  if (!ind || ind.sumber !== 'manual')
    throw badRequest('sampah.kbs.err.foto', [body('indikatorKode', 'sampah.kbs.v.bukanManual')]);
  const tipe = sniffFoto(input.foto);
  const data = input.foto as Buffer;
  if (p.status !== 'draf' && p.status !== 'dikembalikan') throw conflict('sampah.kbs.err.tidakBisaDiubah');
  const count = (await listBukti(trx, p.id)).filter((b) => b.indikatorId === ind.id).length;
  if (count >= BUKTI_MAX_PER_INDIKATOR)
    throw badRequest('sampah.kbs.err.foto', [
      body('foto', 'sampah.kbs.v.fotoMaks', { limit: BUKTI_MAX_PER_INDIKATOR }),
    ]);
  const nama = [...(cleanText(input.namaFile) ?? 'foto')]
    .map((c) => (c < ' ' || c === '/' || c === '\\' ? '_' : c))
    .join('')
    .slice(0, 200);
  const { id } = await trx
    .insertInto('sampah_kbs_bukti')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      penilaian_id: p.id,
      indikator_id: ind.id,
      nama_file: nama,
      tipe,
      ukuran: data.length,
      isi: data,
      diunggah_oleh: user?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await listBukti(trx, p.id)).find((b) => b.id === id)!;
}

/** The bytes of an evidence photo, for whoever sees its assessment. */
export async function getBukti(
  trx: Tx,
  user: CurrentUser | null,
  penilaianId: string,
  buktiId: string,
): Promise<{ tipe: TipeFoto; isi: Buffer; namaFile: string }> {
  const { p } = await findPenilaian(trx, user, penilaianId);
  const row = UUID_RE.test(buktiId)
    ? await trx
        .selectFrom('sampah_kbs_bukti')
        .select(['tipe', 'isi', 'nama_file'])
        .where('id', '=', buktiId)
        .where('penilaian_id', '=', p.id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound();
  return { tipe: row.tipe, isi: row.isi, namaFile: row.nama_file };
}

/** Removes an evidence photo of a draft or returned assessment. */
export async function deleteBukti(
  trx: Tx,
  user: CurrentUser | null,
  penilaianId: string,
  buktiId: string,
): Promise<void> {
  const { p } = await findPenilaian(trx, user, penilaianId, KBS_AJUKAN);
  if (p.status !== 'draf' && p.status !== 'dikembalikan') throw conflict('sampah.kbs.err.tidakBisaDiubah');
  const r = UUID_RE.test(buktiId)
    ? await trx
        .deleteFrom('sampah_kbs_bukti')
        .where('id', '=', buktiId)
        .where('penilaian_id', '=', p.id)
        .executeTakeFirst()
    : undefined;
  if (!r || Number(r.numDeletedRows) === 0) throw notFound();
}
