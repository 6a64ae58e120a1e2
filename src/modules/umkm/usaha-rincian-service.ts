/**
 * The details of a business its owner (or an officer of its area) keeps up to date: its KBLI
 * codes, its yearly figures and the class they give (PP 7/2021), and its legality documents.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { badRequest, type FieldError } from '../../platform/http/problem.ts';
import { cleanText } from '../../platform/text.ts';
import { isTanggal, thisYearWib, todayWib } from '../../platform/waktu.ts';
import { usahaUntuk } from './access.ts';
import { kategoriKbli, validKbli, VERSI_KBLI_BAKU } from './kbli.ts';
import { kelasUsaha, KelasUsahaError } from './kelas.ts';
import { periksaNib, periksaNpwp } from './nib.ts';
import { JENIS_LEGALITAS } from './tables.ts';
import { body, fail, getUsaha, uniqueNib, type UsahaView } from './usaha-view.ts';

// ---- KBLI ----

export function checkKbli(codes: string[]): string[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  codes.forEach((c, i) => {
    const k = String(c).trim();
    if (!validKbli(k, VERSI_KBLI_BAKU)) errors.push({ pointer: `/body/kbli/${i}`, detail: 'umkm.err.kbli' });
    else if (seen.has(k)) errors.push({ pointer: `/body/kbli/${i}`, detail: 'umkm.err.kbliGanda' });
    seen.add(k);
  });
  if (codes.length > 20) errors.push(body('kbli', 'umkm.err.kbliBanyak'));
  fail('umkm.err.usaha', errors);
  return [...seen];
}

export async function saveKbli(trx: Tx, tenantId: string, usahaId: string, kode: string[]): Promise<void> {
  await trx.deleteFrom('umkm_usaha_kbli').where('usaha_id', '=', usahaId).execute();
  if (kode.length) {
    await trx
      .insertInto('umkm_usaha_kbli')
      .values(
        kode.map((k, i) => ({
          tenant_id: tenantId,
          usaha_id: usahaId,
          versi: VERSI_KBLI_BAKU,
          kode: k,
          utama: i === 0,
        })),
      )
      .execute();
  }
  await trx
    .updateTable('umkm_usaha')
    .set({ sektor: kode[0] ? (kategoriKbli(kode[0])?.huruf ?? null) : null, updated_at: new Date() })
    .where('id', '=', usahaId)
    .execute();
}

/** Replaces the KBLI 2020 codes of a business; the first is the main one (its sector). */
export async function setKbli(trx: Tx, user: CurrentUser, id: string, codes: string[]): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  await saveKbli(trx, u.tenant_id, u.id, checkKbli(codes));
  return getUsaha(trx, user, u.id);
}

// ---- Yearly figures and class ----

export interface KeuanganInput {
  modal?: number | null | undefined;
  penjualan?: number | null | undefined;
  pekerja?: number | null | undefined;
}

/** Sets a year's figures; the class is computed (PP 7/2021) and the latest year's becomes the business's. */
export async function setKeuangan(
  trx: Tx,
  user: CurrentUser,
  id: string,
  tahun: number,
  input: KeuanganInput,
): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  const errors: FieldError[] = [];
  if (!Number.isInteger(tahun) || tahun < 1900 || tahun > thisYearWib())
    errors.push({ pointer: '/params/tahun', detail: 'umkm.err.tahun' });
  if (
    input.pekerja !== undefined &&
    input.pekerja !== null &&
    !(Number.isInteger(input.pekerja) && input.pekerja >= 0 && input.pekerja <= 100000)
  )
    errors.push(body('pekerja', 'umkm.err.angka'));
  const modal = input.modal ?? null;
  const penjualan = input.penjualan ?? null;
  if (modal === null && penjualan === null) errors.push(body('penjualan', 'umkm.err.modalAtauPenjualan'));
  let hasil: ReturnType<typeof kelasUsaha> | null = null;
  if (!errors.length) {
    try {
      hasil = kelasUsaha({ modal, penjualan });
    } catch (e) {
      if (!(e instanceof KelasUsahaError)) throw e;
      errors.push(body(e.kolom ?? 'penjualan', 'umkm.err.rupiah'));
    }
  }
  fail('umkm.err.keuangan', errors);
  const values = {
    modal,
    penjualan,
    pekerja: input.pekerja ?? null,
    kelas: hasil!.kelas,
    dasar: hasil!.dasar,
  };
  await trx
    .insertInto('umkm_keuangan')
    .values({ tenant_id: u.tenant_id, usaha_id: u.id, tahun, ...values })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'usaha_id', 'tahun']).doUpdateSet({ ...values, updated_at: new Date() }),
    )
    .execute();
  await perbaruiKelas(trx, u.id);
  return getUsaha(trx, user, u.id);
}

/** The business's class: that of its latest year of figures. */
export async function perbaruiKelas(trx: Tx, usahaId: string): Promise<void> {
  await sql`update umkm_usaha u set kelas = (
      select k.kelas from umkm_keuangan k where k.tenant_id = u.tenant_id and k.usaha_id = u.id
       order by k.tahun desc limit 1), updated_at = now()
     where u.id = ${usahaId}`.execute(trx);
}

// ---- Legality ----

export interface LegalitasInput {
  jenis: string;
  nomor: string;
  terbit?: string | null | undefined;
  berlakuSampai?: string | null | undefined;
  keterangan?: string | null | undefined;
}

export async function addLegalitas(
  trx: Tx,
  user: CurrentUser,
  id: string,
  input: LegalitasInput,
): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  const errors: FieldError[] = [];
  const jenis = JENIS_LEGALITAS.find((j) => j === input.jenis);
  if (!jenis) errors.push(body('jenis', 'umkm.err.jenisLegalitas'));
  let nomor = cleanText(input.nomor);
  if (jenis === 'nib' || jenis === 'npwp') {
    const r = (jenis === 'nib' ? periksaNib : periksaNpwp)(nomor ?? '');
    if (r.ok) nomor = r.nilai;
    else errors.push(body('nomor', `umkm.alasan.${r.alasan}`));
  } else if (!nomor || nomor.length < 3 || nomor.length > 60) errors.push(body('nomor', 'umkm.err.nomor'));
  const tanggal = (name: 'terbit' | 'berlakuSampai') => {
    const d = input[name];
    if (d === undefined || d === null || d === '') return null;
    if (!isTanggal(d)) {
      errors.push(body(name, 'umkm.err.tanggal'));
      return null;
    }
    return d;
  };
  const terbit = tanggal('terbit');
  const sampai = tanggal('berlakuSampai');
  if (terbit && terbit > todayWib()) errors.push(body('terbit', 'umkm.err.tanggalDepan'));
  if (terbit && sampai && sampai < terbit)
    errors.push(body('berlakuSampai', 'umkm.err.berlakuSebelumTerbit'));
  const keterangan = cleanText(input.keterangan);
  if (keterangan && keterangan.length > 300) errors.push(body('keterangan', 'umkm.err.panjang'));
  fail('umkm.err.legalitas', errors);
  const dup = await trx
    .selectFrom('umkm_legalitas')
    .select('id')
    .where('usaha_id', '=', u.id)
    .where('jenis', '=', jenis!)
    .where('nomor', '=', nomor!)
    .executeTakeFirst();
  if (dup) throw badRequest('umkm.err.legalitas', [body('nomor', 'umkm.err.legalitasAda')]);
  await trx
    .insertInto('umkm_legalitas')
    .values({
      tenant_id: u.tenant_id,
      usaha_id: u.id,
      jenis: jenis!,
      nomor: nomor!,
      terbit,
      berlaku_sampai: sampai,
      keterangan,
    })
    .execute();
  // The NIB and NPWP documents are the business's numbers.
  if (jenis === 'nib' || jenis === 'npwp') {
    await trx
      .updateTable('umkm_usaha')
      .set({ [jenis]: nomor!, updated_at: new Date() })
      .where('id', '=', u.id)
      .execute()
      .catch(uniqueNib);
  }
  return getUsaha(trx, user, u.id);
}

export async function deleteLegalitas(
  trx: Tx,
  user: CurrentUser,
  id: string,
  legalitasId: string,
): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  const r = /^[0-9a-f-]{36}$/i.test(legalitasId)
    ? await trx
        .deleteFrom('umkm_legalitas')
        .where('usaha_id', '=', u.id)
        .where('id', '=', legalitasId)
        .executeTakeFirst()
    : undefined;
  if (!r || Number(r.numDeletedRows) === 0)
    throw badRequest('umkm.err.legalitas', [body('id', 'umkm.err.legalitasTidakAda')]);
  return getUsaha(trx, user, u.id);
}
