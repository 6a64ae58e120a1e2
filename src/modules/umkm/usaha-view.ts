/**
 * Views of a business (what pages and the API show) and the reads that return them: one
 * business, the owner's own, the officers' registry (phone numbers masked), and the audited full
 * NIK. Also the field-error helpers the usaha services share.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { areasFor, can, type CurrentUser } from '../../platform/auth/roles.ts';
import { badRequest, forbidden, type FieldError } from '../../platform/http/problem.ts';
import { decrypt, maskPhone } from '../../platform/privacy.ts';
import { logRead } from '../../platform/audit/read.ts';
import { cleanText } from '../../platform/text.ts';
import { todayWib } from '../../platform/waktu.ts';
import { bisa, dalamArea, pemilik, usahaUntuk, type UsahaRow } from './access.ts';
import { kbli } from './kbli.ts';
import { pergerakanKelas, type Gerak, type KelasUsaha, type Kriteria } from './kelas.ts';
import { UMKM_KELOLA, UMKM_LIHAT, UMKM_NIK, UMKM_VERIFIKASI } from './permissions.ts';
import type { JenisLegalitas, StatusUsaha } from './tables.ts';

/** A field error of a form body. */
export const body = (name: string, detail: string): FieldError => ({ pointer: `/body/${name}`, detail });

/** Throws a 400 with the errors, if there are any. */
export function fail(key: string, errors: FieldError[]): void {
  if (errors.length) throw badRequest(key, errors);
}

/** The NIB of another business of the city, reported on the nib field. */
export function uniqueNib(err: unknown): never {
  if (
    (err as { code?: string }).code === '23505' &&
    String((err as Error).message).includes('umkm_usaha_nib')
  )
    throw badRequest('umkm.err.usaha', [body('nib', 'umkm.err.nibDipakai')]);
  throw err;
}

// ---- Views ----

export interface KbliView {
  kode: string;
  versi: string;
  judul: string | null;
  utama: boolean;
}

export interface KeuanganView {
  tahun: number;
  modal: number | null;
  penjualan: number | null;
  pekerja: number | null;
  kelas: KelasUsaha;
  dasar: Kriteria;
  /** Compared with the year before it (null for the first year). */
  gerak: Exclude<Gerak, 'awal'> | null;
}

export interface LegalitasView {
  id: string;
  jenis: JenisLegalitas;
  nomor: string;
  terbit: string | null;
  berlakuSampai: string | null;
  keterangan: string | null;
  /** Still valid today (no expiry, or not expired). */
  berlaku: boolean;
}

export interface LangkahView {
  status: StatusUsaha;
  catatan: string | null;
  at: string;
}

export interface UsahaRingkas {
  id: string;
  slug: string;
  nama: string;
  pemilikNama: string;
  /** Masked (0812****7890) in lists. */
  telepon: string | null;
  kecamatanKode: string;
  kelurahanKode: string;
  kelas: KelasUsaha | null;
  sektor: string | null;
  status: StatusUsaha;
  updatedAt: string;
}

export interface UsahaView extends Omit<UsahaRingkas, 'telepon'> {
  deskripsi: string | null;
  nib: string | null;
  npwp: string | null;
  /** Masked: 3273********0001, or null. The full NIK only through bacaNik. */
  nikSamaran: string | null;
  /** Full for the owner and officers who manage the business; masked otherwise. */
  telepon: string | null;
  email: string | null;
  alamat: string | null;
  rwId: string | null;
  lat: number | null;
  lng: number | null;
  tahunBerdiri: number | null;
  jumlahPekerja: number | null;
  umkmCenter: boolean;
  sentra: string | null;
  inkubator: string | null;
  sikap: boolean;
  kswpValid: boolean;
  kswpDicek: string | null;
  kbli: KbliView[];
  keuangan: KeuanganView[];
  legalitas: LegalitasView[];
  langkah: LangkahView[];
  /** What the viewer may do. */
  hak: { ubah: boolean; verifikasi: boolean; nik: boolean; milik: boolean };
}

export function ringkas(u: UsahaRow): UsahaRingkas {
  return {
    id: u.id,
    slug: u.slug,
    nama: u.nama,
    pemilikNama: u.pemilik_nama,
    telepon: maskPhone(u.telepon),
    kecamatanKode: u.kecamatan_kode,
    kelurahanKode: u.kelurahan_kode,
    kelas: u.kelas,
    sektor: u.sektor,
    status: u.status,
    updatedAt: new Date(u.updated_at).toISOString(),
  };
}

export async function view(trx: Tx, user: CurrentUser | null, u: UsahaRow): Promise<UsahaView> {
  const [kbliRows, keu, leg, langkah] = await Promise.all([
    trx
      .selectFrom('umkm_usaha_kbli')
      .selectAll()
      .where('usaha_id', '=', u.id)
      .orderBy('utama', 'desc')
      .orderBy('kode')
      .execute(),
    trx.selectFrom('umkm_keuangan').selectAll().where('usaha_id', '=', u.id).orderBy('tahun').execute(),
    trx
      .selectFrom('umkm_legalitas')
      .selectAll()
      .where('usaha_id', '=', u.id)
      .orderBy('jenis')
      .orderBy('created_at')
      .execute(),
    trx
      .selectFrom('umkm_usaha_langkah')
      .select(['status', 'catatan', 'at'])
      .where('usaha_id', '=', u.id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  const milik = pemilik(user, u);
  const kelola = milik || bisa(user, UMKM_KELOLA, u);
  const gerak = keu.length
    ? pergerakanKelas(keu.map((k) => ({ tahun: k.tahun, modal: k.modal, penjualan: k.penjualan })))
    : null;
  const today = todayWib();
  return {
    ...ringkas(u),
    deskripsi: u.deskripsi,
    nib: u.nib,
    npwp: u.npwp,
    nikSamaran: u.nik_samaran,
    telepon: kelola ? u.telepon : maskPhone(u.telepon),
    email: u.email,
    alamat: u.alamat,
    rwId: u.rw_id,
    lat: u.lat,
    lng: u.lng,
    tahunBerdiri: u.tahun_berdiri,
    jumlahPekerja: u.jumlah_pekerja,
    umkmCenter: u.umkm_center,
    sentra: u.sentra,
    inkubator: u.inkubator,
    sikap: u.sikap,
    kswpValid: u.kswp_valid,
    kswpDicek: u.kswp_dicek,
    kbli: kbliRows.map((k) => ({
      kode: k.kode,
      versi: k.versi,
      judul: kbli(k.kode, k.versi)?.judul ?? null,
      utama: k.utama,
    })),
    keuangan: keu.map((k, i) => ({
      tahun: k.tahun,
      modal: k.modal,
      penjualan: k.penjualan,
      pekerja: k.pekerja,
      kelas: k.kelas,
      dasar: k.dasar,
      gerak: ((g) => (g === undefined || g === 'awal' ? null : g))(gerak?.tahunan[i]?.gerak),
    })),
    legalitas: leg.map((l) => ({
      id: l.id,
      jenis: l.jenis,
      nomor: l.nomor,
      terbit: l.terbit,
      berlakuSampai: l.berlaku_sampai,
      keterangan: l.keterangan,
      berlaku: l.berlaku_sampai === null || l.berlaku_sampai >= today,
    })),
    langkah: langkah.map((l) => ({ status: l.status, catatan: l.catatan, at: new Date(l.at).toISOString() })),
    hak: {
      ubah: kelola && u.status !== 'ditolak',
      verifikasi: bisa(user, UMKM_VERIFIKASI, u),
      nik: bisa(user, UMKM_NIK, u),
      milik,
    },
  };
}

// ---- Reads ----

export async function getUsaha(trx: Tx, user: CurrentUser | null, id: string): Promise<UsahaView> {
  return view(trx, user, await usahaUntuk(trx, user, id));
}

/** The full NIK of the owner: umkm.nik only; the read is audited with its purpose. */
export async function readNik(
  trx: Tx,
  user: CurrentUser,
  id: string,
  dataKey: Buffer,
  tujuan: string,
): Promise<{ usahaId: string; nik: string | null }> {
  const u = await usahaUntuk(trx, user, id, UMKM_NIK);
  const t = cleanText(tujuan);
  if (!t || t.length < 5 || t.length > 200)
    throw badRequest('umkm.err.nik', [{ pointer: '/query/tujuan', detail: 'umkm.err.tujuan' }]);
  if (!u.nik_enc) return { usahaId: u.id, nik: null };
  const nik = decrypt(dataKey, Buffer.from(u.nik_enc, 'base64'));
  await logRead(trx, u.tenant_id, 'umkm_usaha', u.id, { kolom: 'nik', tujuan: t });
  return { usahaId: u.id, nik };
}

/** The businesses the user owns. */
export async function listUsahaSaya(trx: Tx, user: CurrentUser): Promise<UsahaRingkas[]> {
  const rows = await trx
    .selectFrom('umkm_usaha')
    .selectAll()
    .where('pemilik_user_id', '=', user.id)
    .orderBy('created_at')
    .execute();
  return rows.map(ringkas);
}

export interface ListUsahaQuery {
  status?: StatusUsaha | undefined;
  kecamatan?: string | undefined;
  kelas?: KelasUsaha | undefined;
  q?: string | undefined;
  page: number;
  perPage: number;
}

/** The registry within the officer's areas, newest change first; phone numbers masked. */
export async function listUsaha(
  trx: Tx,
  user: CurrentUser,
  q: ListUsahaQuery,
): Promise<{ items: UsahaRingkas[]; total: number }> {
  if (!can(user, UMKM_LIHAT)) throw forbidden();
  const areas = areasFor(user, UMKM_LIHAT);
  let query = trx.selectFrom('umkm_usaha').where(dalamArea(areas));
  if (q.status) query = query.where('status', '=', q.status);
  if (q.kecamatan) query = query.where('kecamatan_kode', '=', q.kecamatan);
  if (q.kelas) query = query.where('kelas', '=', q.kelas);
  const text = cleanText(q.q);
  if (text) {
    const nib = text.replace(/\D/g, '');
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(nama)`, 'like', `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
        ...(nib.length >= 4 ? [eb('nib', 'like', `${nib}%`)] : []),
      ]),
    );
  }
  const total = Number(
    (await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await query
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage)
    .execute();
  return { items: rows.map(ringkas), total };
}
