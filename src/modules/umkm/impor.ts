/**
 * Importing businesses from a spreadsheet (XLSX or CSV), with a preview.
 *
 * Flow: an officer with umkm.impor uploads a file (at most 5 MB and 20.000 rows); a background
 * job (like the wilayah import) reads it and checks every row, recording progress, and stores a
 * row-by-row report (umkm_impor.laporan): the rows that will create or update a business and the
 * problems (row, column, message). NOTHING is written to the registry until an officer confirms.
 * Confirming queues a second background job (status 'mengimpor', progress on the page) that
 * re-reads and re-checks the file (the registry may have changed meanwhile) and, when the result
 * is still the one previewed, writes every row in one transaction; otherwise the import is back
 * at its preview, with the renewed report and a note why.
 *
 * Rules:
 *  - A file with invalid rows cannot be confirmed: the officer fixes the file and uploads it
 *    again (the report tells what to fix). A partial import would leave the registry and the
 *    file out of step, and the next upload of the fixed file would repeat the good rows anyway.
 *  - A row whose NIB belongs to a business of the city UPDATES that business (a re-import does
 *    not duplicate it); its empty cells leave the stored values unchanged. A row without NIB
 *    always creates a new business. The same NIB twice in one file is an error on the later rows.
 *  - New businesses have no owner account (pemilik_user_id null) and the status 'draf': the
 *    usual verification follows (an import does not replace checking the documents). Updates
 *    keep the business's status; a rejected business ('ditolak') cannot be updated.
 *  - Each row is validated by the registry's own rules: nilaiUsaha (the fields of a business),
 *    validKbli (KBLI 2020 codes) and kelasUsaha (figures and class, PP 7/2021). This file only
 *    turns spreadsheet cells into their input (header variants, "1.500.000", kelurahan by name,
 *    RW by number) and writes the valid rows in bulk. The audit trigger records every write.
 *  - The officer's umkm.impor area limits the kelurahan of new and updated businesses.
 *  - The file is kept only while it is needed: once imported, cancelled or failed, its content
 *    (which may hold NIKs) is erased; the report holds no personal data (row, NIB, name).
 */
import { sql } from 'kysely';
import { type Tx } from '../../platform/db/transaction.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import { badRequest, conflict, notFound } from '../../platform/http/problem.ts';
import { type Translator } from '../../platform/i18n/index.ts';
import { cleanText } from '../../platform/text.ts';
import { templateWorkbook } from '../../platform/spreadsheet.ts';
import { isUuid } from './access.ts';
import { UMKM_IMPOR } from './permissions.ts';
import type { BarisImpor, StatusImpor } from './tables.ts';
import type { AksiImpor, BarisImporLengkap } from './impor-check.ts';
import {
  checkImporFile,
  KOLOM_IMPOR,
  MAX_ROWS,
  type KelurahanKota,
  type KolomImpor,
} from './impor-columns.ts';

export const IMPORT_JOB = 'umkm.impor';
/** Problems shown and returned at most (all are stored in the report). */
export const MAX_GALAT_TAMPIL = 1_000;
/** What the stored file becomes once it is no longer needed. */
export const KOSONG = Buffer.alloc(0);

// ---- Imports: upload, background check, preview, confirm, cancel ----

export interface ImporRingkas {
  id: string;
  namaFile: string;
  status: StatusImpor;
  jumlahBaris: number | null;
  diproses: number;
  /** 0..100 while checking or importing; 100 once done. */
  persen: number;
  valid: number;
  galat: number;
  baru: number;
  ubah: number;
  /** New businesses without NIB (always created, never matched on a re-import). */
  baruTanpaNib: number;
  hasil: { baru: number; diubah: number } | null;
  dibuatAt: string;
  diperbaruiAt: string;
  milik: boolean;
}

export interface ImporView extends ImporRingkas {
  /** Why a confirmed import is back at its preview, in the reader's language; else null. */
  catatan: string | null;
  /** Problems, one per row and column, in the reader's language (at most MAX_GALAT_TAMPIL). */
  masalah: { baris: number; kolom: string | null; pesan: string }[];
  masalahLebih: number;
  /** One page of the rows that will create or update a business (or did), with the point they set. */
  baris: {
    baris: number;
    aksi: AksiImpor;
    nib: string | null;
    nama: string | null;
    titik: [number, number] | null;
  }[];
  barisTotal: number;
  /** What the viewer may do now. */
  bisaKonfirmasi: boolean;
  bisaBatal: boolean;
}

export type ImporRow = {
  id: string;
  nama_file: string;
  status: StatusImpor;
  jumlah_baris: number | null;
  baris_valid: number | null;
  diproses: number;
  laporan: BarisImpor[] | null;
  hasil: { baru: number; diubah: number } | null;
  catatan: string | null;
  dibuat_oleh: string | null;
  created_at: Date;
  updated_at: Date;
};

const KOLOM_ROW = [
  'id',
  'nama_file',
  'status',
  'jumlah_baris',
  'baris_valid',
  'diproses',
  'laporan',
  'hasil',
  'catatan',
  'dibuat_oleh',
  'created_at',
  'updated_at',
] as const;

/**
 * A confirmed import whose writing job shows no progress for this long is taken as lost (the
 * server stopped mid-write, the job was dropped): its transaction wrote nothing or was rolled
 * back, so the import goes back to its preview with a note and may be confirmed again. The job
 * records progress (and updated_at) at least every 5 % of the re-check and every 500 rows written,
 * so a live job never comes near it.
 */
export const BATAS_MACET_MENIT = 30;

/**
 * Puts every import of the city left at 'mengimpor' without progress for BATAS_MACET_MENIT back
 * at 'pratinjau' with the note umkm.impor.err.macet. Run whenever imports are read (list, page,
 * API), so a lost import never stays 'mengimpor' for longer than that in anyone's eyes. A job
 * that was only slow finds its import no longer 'mengimpor' at its end and rolls back.
 */
export async function recoverStuckImpor(trx: Tx): Promise<number> {
  const r = await trx
    .updateTable('umkm_impor')
    .set({
      status: 'pratinjau',
      catatan: 'umkm.impor.err.macet',
      diproses: sql<number>`coalesce(jumlah_baris, 0)`,
      updated_at: new Date(),
    })
    .where('status', '=', 'mengimpor')
    .where('updated_at', '<', sql<Date>`now() - make_interval(mins => ${BATAS_MACET_MENIT})`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** An import is visible to whoever uploaded it and to those who may import for the whole city. */
function seesAll(user: CurrentUser): boolean {
  return can(user, UMKM_IMPOR, user.tenantId);
}

export function laporanOf(r: { laporan: unknown }): BarisImporLengkap[] {
  return Array.isArray(r.laporan) ? (r.laporan as BarisImporLengkap[]) : [];
}

function summarise(r: ImporRow, user: CurrentUser): ImporRingkas {
  const laporan = laporanOf(r);
  let valid = 0;
  let galat = 0;
  let baru = 0;
  let ubah = 0;
  let baruTanpaNib = 0;
  for (const b of laporan) {
    if (b.errors?.length) galat++;
    else if (b.aksi) {
      valid++;
      if (b.aksi === 'baru') {
        baru++;
        if (!b.nib) baruTanpaNib++;
      } else ubah++;
    }
  }
  // Checking counts the rows once; importing checks them again and then writes them.
  const langkah = (r.jumlah_baris ?? 0) * (r.status === 'mengimpor' ? 2 : 1);
  const persen =
    r.status === 'diperiksa' || r.status === 'mengimpor'
      ? langkah > 0
        ? Math.min(99, Math.floor((r.diproses / langkah) * 100))
        : 0
      : 100;
  return {
    id: r.id,
    namaFile: r.nama_file,
    status: r.status,
    jumlahBaris: r.jumlah_baris,
    diproses: r.diproses,
    persen,
    valid,
    galat,
    baru,
    ubah,
    baruTanpaNib,
    hasil: r.hasil && typeof r.hasil === 'object' ? r.hasil : null,
    dibuatAt: new Date(r.created_at).toISOString(),
    diperbaruiAt: new Date(r.updated_at).toISOString(),
    milik: r.dibuat_oleh === user.id,
  };
}

async function findImpor(trx: Tx, user: CurrentUser, id: string, kunci = false): Promise<ImporRow> {
  const r = isUuid(id)
    ? await trx
        .selectFrom('umkm_impor')
        .select(KOLOM_ROW)
        .where('id', '=', id)
        .$if(kunci, (q) => q.forUpdate())
        .executeTakeFirst()
    : undefined;
  if (!r || (r.dibuat_oleh !== user.id && !seesAll(user))) throw notFound('umkm.impor.err.tidakAda');
  return r as ImporRow;
}

/** Stores an upload and queues its check. Returns the import's id. */
export async function createImpor(
  trx: Tx,
  jobs: Jobs,
  tenantId: string,
  user: CurrentUser,
  file: { content: unknown; fileName?: string | undefined },
): Promise<string> {
  const field = (detail: string) => [{ pointer: '/body/berkas', detail }];
  if (!Buffer.isBuffer(file.content)) throw badRequest('error.validation', field('umkm.impor.err.empty'));
  const check = checkImporFile(file.content);
  if (!check.ok) throw badRequest('error.validation', field(check.code));
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const given = cleanText(file.fileName?.replace(/[\\/]/g, '_'))?.slice(0, 200);
  const row = await trx
    .insertInto('umkm_impor')
    .values({
      tenant_id: tenantId,
      nama_file: given || `impor-umkm-${stamp}.${check.kind}`,
      isi: file.content,
      status: 'diperiksa',
      dibuat_oleh: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await jobs.send(trx, IMPORT_JOB, { tenantId, userId: user.id, imporId: row.id });
  return row.id;
}

export async function listImpor(trx: Tx, user: CurrentUser, limit = 20): Promise<ImporRingkas[]> {
  await recoverStuckImpor(trx);
  const rows = await trx
    .selectFrom('umkm_impor')
    .select(KOLOM_ROW)
    .$if(!seesAll(user), (q) => q.where('dibuat_oleh', '=', user.id))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => summarise(r as ImporRow, user));
}

export async function getImpor(
  trx: Tx,
  user: CurrentUser,
  id: string,
  t: Translator,
  page: { page: number; perPage: number } = { page: 1, perPage: 100 },
): Promise<ImporView> {
  await recoverStuckImpor(trx);
  const r = await findImpor(trx, user, id);
  const s = summarise(r, user);
  const laporan = laporanOf(r);
  const masalah: ImporView['masalah'] = [];
  let semua = 0;
  for (const b of laporan) {
    for (const e of b.errors ?? []) {
      semua++;
      if (masalah.length < MAX_GALAT_TAMPIL)
        masalah.push({
          baris: b.baris,
          kolom: e.kolom || null,
          pesan: e.kode ? t(e.kode, e.param) : e.pesan,
        });
    }
  }
  const valid = laporan.filter((b) => b.aksi && !b.errors?.length);
  const start = (page.page - 1) * page.perPage;
  return {
    ...s,
    catatan: r.catatan ? t(r.catatan) : null,
    masalah,
    masalahLebih: semua - masalah.length,
    baris: valid.slice(start, start + page.perPage).map((b) => ({
      baris: b.baris,
      aksi: b.aksi!,
      nib: b.nib,
      nama: b.nama,
      titik: b.titik ?? null,
    })),
    barisTotal: valid.length,
    bisaKonfirmasi: r.status === 'pratinjau' && s.galat === 0 && s.valid > 0,
    bisaBatal: r.status === 'pratinjau' || r.status === 'diperiksa',
  };
}

/** The rows a plan will write, to compare a new check with the preview the officer saw. */
export function fingerprint(laporan: readonly BarisImporLengkap[]): string {
  return laporan.map((b) => `${b.baris}:${b.aksi ?? '-'}:${b.nib ?? ''}:${b.errors?.length ?? 0}`).join('|');
}

/**
 * Confirms a clean preview: the import becomes 'mengimpor' and its writes are queued (a job, so
 * a 20,000-row file does not hold the officer's request for tens of seconds). The job runs as
 * this officer; runWrite says what it does.
 */
export async function confirmImpor(trx: Tx, jobs: Jobs, user: CurrentUser, id: string): Promise<void> {
  const r = await findImpor(trx, user, id, true);
  if (r.status !== 'pratinjau') throw conflict('umkm.impor.err.bukanPratinjau');
  const s = summarise(r, user);
  if (s.galat > 0) throw conflict('umkm.impor.err.masihGalat', { jumlah: s.galat });
  if (s.valid === 0) throw conflict('umkm.impor.err.tanpaBaris');
  await trx
    .updateTable('umkm_impor')
    .set({ status: 'mengimpor', diproses: 0, catatan: null, updated_at: new Date() })
    .where('id', '=', r.id)
    .execute();
  await jobs.send(trx, IMPORT_JOB, {
    tenantId: user.tenantId,
    userId: user.id,
    imporId: r.id,
    tahap: 'tulis',
  });
}

/** Cancels an import not yet done: nothing is written and the file is erased. */
export async function cancelImpor(trx: Tx, user: CurrentUser, id: string): Promise<void> {
  const r = await findImpor(trx, user, id, true);
  if (r.status !== 'pratinjau' && r.status !== 'diperiksa') throw conflict('umkm.impor.err.bukanPratinjau');
  await trx
    .updateTable('umkm_impor')
    .set({ status: 'dibatalkan', isi: KOSONG, updated_at: new Date() })
    .where('id', '=', r.id)
    .execute();
}

// ---- Template ----

/** The template: the columns, instructions with an example, and the city's kelurahan. */
export async function buildImporTemplate(
  t: Translator,
  kelurahan: readonly KelurahanKota[],
  headers: { kode: string; kelurahan: string; kecamatan: string },
): Promise<Buffer> {
  const teks = new Set<KolomImpor>(['nib', 'npwp', 'nik', 'telepon', 'kelurahan', 'kbli']);
  return templateWorkbook({
    columns: KOLOM_IMPOR.map((c) => ({
      header: c,
      width: c === 'nama_usaha' || c === 'nama_pemilik' || c === 'alamat' ? 30 : c === 'email' ? 24 : 16,
      text: teks.has(c),
    })),
    instructions: {
      title: t('umkm.impor.title'),
      lines: [
        t('umkm.impor.intro'),
        t('umkm.impor.aturan', { max: MAX_ROWS }),
        t('umkm.impor.aturanNib'),
        t('umkm.impor.contoh'),
      ],
      columns: KOLOM_IMPOR.map((c) => [c, t(`umkm.impor.kol.${c}`)]),
    },
    lists: [
      {
        name: headers.kelurahan,
        columns: [
          { header: headers.kode, key: 'kode', width: 16 },
          { header: headers.kelurahan, key: 'nama', width: 30 },
          { header: headers.kecamatan, key: 'kecamatan', width: 30 },
        ],
        rows: [...kelurahan],
      },
    ],
  });
}
