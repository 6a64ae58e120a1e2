/** The city's KBS indicators and status levels: listing them, and adding or changing them (sampah.kbs.atur). */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, forbidden, notFound, type FieldError } from '../../../platform/http/problem.ts';
import { cleanText } from '../../../platform/text.ts';
import { isNilaiValid, type AturanIndikator, type AturanTingkat } from './kbs-aturan.ts';
import { JENIS_ATURAN, SUMBER_ATURAN, type JenisIndikator, type SumberIndikator } from './indikator.ts';
import { KODE_RE, UUID_RE, bodyField as body, toNumber as num } from './kbs-common.ts';
import { KBS_ATUR } from './permissions-kbs.ts';

export interface IndikatorView {
  id: string;
  kode: string;
  nama: string;
  deskripsi: string | null;
  jenis: JenisIndikator;
  ambang: number | null;
  buktiWajib: boolean;
  bobot: number;
  sumber: SumberIndikator;
  urutan: number;
  aktif: boolean;
}

export interface IndikatorInput {
  kode: string;
  nama: string;
  deskripsi?: string | null | undefined;
  jenis: JenisIndikator;
  ambang?: number | null | undefined;
  buktiWajib?: boolean | undefined;
  bobot: number;
  sumber?: SumberIndikator | undefined;
  urutan?: number | undefined;
  aktif?: boolean | undefined;
}

export async function listIndikator(trx: Tx, opts: { semua?: boolean } = {}): Promise<IndikatorView[]> {
  let q = trx.selectFrom('sampah_kbs_indikator').selectAll();
  if (!opts.semua) q = q.where('aktif', '=', true);
  const rows = await q.orderBy('urutan').orderBy('kode').execute();
  return rows.map((r) => ({
    id: r.id,
    kode: r.kode,
    nama: r.nama,
    deskripsi: r.deskripsi,
    jenis: r.jenis,
    ambang: num(r.ambang),
    buktiWajib: r.bukti_wajib,
    bobot: r.bobot,
    sumber: r.sumber,
    urutan: r.urutan,
    aktif: r.aktif,
  }));
}

function checkIndikator(i: IndikatorInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!KODE_RE.test(i.kode)) errors.push(body('kode', 'sampah.pengaturan.err.kode'));
  const nama = cleanText(i.nama);
  if (!nama || nama.length < 3 || nama.length > 160) errors.push(body('nama', 'sampah.pengaturan.err.nama'));
  if ((i.deskripsi?.length ?? 0) > 1000) errors.push(body('deskripsi', 'sampah.pengaturan.err.deskripsi'));
  if (!Number.isInteger(i.bobot) || i.bobot < 0 || i.bobot > 100)
    errors.push(body('bobot', 'sampah.pengaturan.err.bobot'));
  const sumber = i.sumber ?? 'manual';
  if (i.jenis === 'ya_tidak') {
    if (i.ambang !== null && i.ambang !== undefined)
      errors.push(body('ambang', 'sampah.pengaturan.err.ambangYaTidak'));
  } else if (i.ambang === null || i.ambang === undefined || !isNilaiValid(i.jenis, i.ambang)) {
    errors.push(body('ambang', JENIS_ATURAN[i.jenis].salah));
  }
  const aturan = SUMBER_ATURAN[sumber];
  if (aturan.jenis !== null && aturan.salah !== null && i.jenis !== aturan.jenis)
    errors.push(body('sumber', aturan.salah));
  if (sumber !== 'manual' && i.buktiWajib)
    errors.push(body('buktiWajib', 'sampah.pengaturan.err.buktiTerhitung'));
  return errors;
}

/** The columns of an indicator row, from a checked input (no threshold for ya_tidak). */
function indikatorColumns(i: IndikatorInput) {
  return {
    nama: cleanText(i.nama)!,
    deskripsi: cleanText(i.deskripsi),
    jenis: i.jenis,
    ambang: i.jenis === 'ya_tidak' ? null : i.ambang!,
    bukti_wajib: i.buktiWajib ?? false,
    bobot: i.bobot,
    sumber: i.sumber ?? 'manual',
    urutan: i.urutan ?? 0,
    aktif: i.aktif ?? true,
  };
}

export async function createIndikator(
  trx: Tx,
  user: CurrentUser | null,
  input: IndikatorInput,
): Promise<IndikatorView> {
  if (user && !can(user, KBS_ATUR)) throw forbidden();
  const errors = checkIndikator(input);
  if (errors.length) throw badRequest('sampah.kbs.err.indikator', errors);
  const dup = await trx
    .selectFrom('sampah_kbs_indikator')
    .select('id')
    .where('kode', '=', input.kode)
    .executeTakeFirst();
  if (dup) throw badRequest('sampah.kbs.err.indikator', [body('kode', 'sampah.pengaturan.err.sudahDipakai')]);
  await trx
    .insertInto('sampah_kbs_indikator')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      kode: input.kode,
      ...indikatorColumns(input),
    })
    .execute();
  return (await listIndikator(trx, { semua: true })).find((i) => i.kode === input.kode)!;
}

export async function updateIndikator(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  patch: Partial<Omit<IndikatorInput, 'kode'>>,
): Promise<IndikatorView> {
  if (user && !can(user, KBS_ATUR)) throw forbidden();
  const cur = UUID_RE.test(id)
    ? (await listIndikator(trx, { semua: true })).find((i) => i.id === id)
    : undefined;
  if (!cur) throw notFound();
  const next: IndikatorInput = { ...cur, ...patch };
  if (patch.jenis === 'ya_tidak' && patch.ambang === undefined) next.ambang = null;
  const errors = checkIndikator(next);
  if (errors.length) throw badRequest('sampah.kbs.err.indikator', errors);
  await trx
    .updateTable('sampah_kbs_indikator')
    .set({
      ...indikatorColumns(next),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
  return (await listIndikator(trx, { semua: true })).find((i) => i.id === id)!;
}

export interface TingkatView {
  id: string;
  nama: string;
  urutan: number;
  minSkor: number;
  indikatorWajib: string[];
}

export async function listTingkat(trx: Tx): Promise<TingkatView[]> {
  const rows = await trx.selectFrom('sampah_kbs_tingkat').selectAll().orderBy('urutan').execute();
  return rows.map((r) => ({
    id: r.id,
    nama: r.nama,
    urutan: r.urutan,
    minSkor: Number(r.min_skor),
    indikatorWajib: r.indikator_wajib,
  }));
}

export interface TingkatInput {
  nama: string;
  urutan: number;
  minSkor: number;
  indikatorWajib: string[];
}

/** Adds a level, or changes the level with the same urutan. */
export async function saveTingkat(
  trx: Tx,
  user: CurrentUser | null,
  input: TingkatInput,
): Promise<TingkatView> {
  if (user && !can(user, KBS_ATUR)) throw forbidden();
  const errors: FieldError[] = [];
  const nama = cleanText(input.nama);
  if (!nama || nama.length < 2 || nama.length > 80)
    errors.push(body('nama', 'sampah.pengaturan.err.namaTingkat'));
  if (!Number.isInteger(input.urutan) || input.urutan < 1 || input.urutan > 20)
    errors.push(body('urutan', 'sampah.pengaturan.err.urutanTingkat'));
  if (!(input.minSkor >= 0 && input.minSkor <= 100))
    errors.push(body('minSkor', 'sampah.pengaturan.err.angka100'));
  const kodes = new Set((await listIndikator(trx, { semua: true })).map((i) => i.kode));
  input.indikatorWajib.forEach((k, i) => {
    if (!kodes.has(k)) errors.push(body(`indikatorWajib/${i}`, 'sampah.pengaturan.err.indikatorWajib'));
  });
  if (errors.length) throw badRequest('sampah.kbs.err.tingkat', errors);
  const wajib = [...new Set(input.indikatorWajib)];
  const other = await trx
    .selectFrom('sampah_kbs_tingkat')
    .select('id')
    .where('nama', '=', nama!)
    .where('urutan', '<>', input.urutan)
    .executeTakeFirst();
  if (other) throw badRequest('sampah.kbs.err.tingkat', [body('nama', 'sampah.pengaturan.err.sudahDipakai')]);
  await trx
    .insertInto('sampah_kbs_tingkat')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      nama: nama!,
      urutan: input.urutan,
      min_skor: input.minSkor,
      indikator_wajib: wajib,
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'urutan'])
        .doUpdateSet({ nama: nama!, min_skor: input.minSkor, indikator_wajib: wajib }),
    )
    .execute();
  return (await listTingkat(trx)).find((t) => t.urutan === input.urutan)!;
}

export const aturanIndikator = (i: IndikatorView): AturanIndikator => ({
  kode: i.kode,
  jenis: i.jenis,
  ambang: i.ambang,
  bobot: i.bobot,
});
export const aturanTingkat = (t: TingkatView): AturanTingkat => ({ ...t });
