/**
 * Demo KBS data for a demo city: Bandung's indicator set (after its Kang Pisman programme:
 * kurangi, pisahkan, manfaatkan) and three levels, Rintisan → Berkembang → KBS Mandiri; a
 * status with some history for part of the RWs (Bandung counted 466 KBS among about 1,597 RWs,
 * so about 29 %; other cities fewer); KBS profiles for those RWs; and a few assessments in the
 * first kelurahan, where the demo pengurus RW and petugas kelurahan work: one approved, one
 * awaiting verification, one returned with notes, one draft. Deterministic (ctx.random), as the
 * owner, marked demo.
 *
 * The city's demo data runs before bank sampah's (module order), so computed indicators of
 * these assessments read no deposits yet; they are taken again when an assessment is submitted
 * or approved. The services run under the app role, so row-level security keeps to the city.
 */
import type { DemoContext } from '../../../platform/module.ts';
import { sql } from 'kysely';
import { APP_ROLE, asOwner } from '../../../platform/db/transaction.ts';
import { listRwRows } from '../../wilayah/api.ts';
import {
  submitPenilaian,
  createPenilaian,
  returnPenilaian,
  approvePenilaian,
  type NilaiInput,
} from './penilaian-service.ts';
import { createIndikator, saveTingkat, type IndikatorInput } from './indikator-service.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { saveProfil } from './rw-service.ts';
import { uploadBukti } from './bukti-service.ts';

export const DEMO_INDIKATOR: IndikatorInput[] = [
  {
    kode: 'PILAH',
    nama: 'Warga memilah sampah organik dan anorganik',
    deskripsi: 'Tersedia wadah terpisah di rumah dan titik kumpul; dibuktikan dengan foto.',
    jenis: 'ya_tidak',
    bobot: 20,
    buktiWajib: true,
    urutan: 1,
  },
  {
    kode: 'PILAH-KK',
    nama: 'KK yang memilah sampah',
    deskripsi: 'Persentase kepala keluarga yang memilah sampahnya setiap hari.',
    jenis: 'persen',
    ambang: 50,
    bobot: 15,
    urutan: 2,
  },
  {
    kode: 'KOMPOS',
    nama: 'Sampah organik diolah di RW',
    deskripsi: 'Komposter, lubang biopori, loseda atau tempat pengolahan bersama.',
    jenis: 'ya_tidak',
    bobot: 15,
    urutan: 3,
  },
  {
    kode: 'MAGGOT',
    nama: 'Budi daya maggot BSF',
    jenis: 'ya_tidak',
    bobot: 10,
    urutan: 4,
  },
  {
    kode: 'BANK',
    nama: 'Bank sampah aktif di RW',
    deskripsi: 'Dihitung dari setoran bank sampah di RW sejak earlier bulan penilaian.',
    jenis: 'ya_tidak',
    bobot: 15,
    sumber: 'bank_sampah_aktif',
    urutan: 5,
  },
  {
    kode: 'KG-KK',
    nama: 'Sampah terpilah ke bank sampah (kg per KK per bulan)',
    deskripsi: 'Dihitung dari setoran bank sampah warga RW pada bulan penilaian.',
    jenis: 'angka',
    ambang: 1,
    bobot: 10,
    sumber: 'kg_per_kk_bulan',
    urutan: 6,
  },
  {
    kode: 'KADER',
    nama: 'Kader KBS aktif',
    jenis: 'ya_tidak',
    bobot: 5,
    urutan: 7,
  },
  {
    kode: 'KURANG',
    nama: 'Pengurangan sampah yang diangkut ke TPS',
    deskripsi: 'Perkiraan persentase berkurangnya sampah yang diangkut dibanding sebelum program.',
    jenis: 'persen',
    ambang: 30,
    bobot: 10,
    urutan: 8,
  },
];

export const DEMO_TINGKAT = [
  { nama: 'Rintisan', urutan: 1, minSkor: 30, indikatorWajib: ['PILAH'] },
  { nama: 'Berkembang', urutan: 2, minSkor: 60, indikatorWajib: ['PILAH', 'KOMPOS'] },
  { nama: 'KBS Mandiri', urutan: 3, minSkor: 85, indikatorWajib: ['PILAH', 'KOMPOS', 'BANK'] },
];

/** A 1×1 PNG, as the evidence photo of the demo assessments. */
const FOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const JADWAL = ['Senin dan Kamis', 'Selasa dan Jumat', 'Rabu dan Sabtu', 'Setiap hari pukul 06.00'];

function monthsAgo(n: number): string {
  const [y, m] = todayWib().split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
}

export async function kbsDemo(ctx: DemoContext): Promise<void> {
  const { db, city, random } = ctx;
  const chance = (p: number) => random() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const bandung = city.slug === 'bandung';

  await asOwner(db, city.id, async (trx) => {
    // The services below rely on row-level security for the city: act as the app role.
    await sql.raw(`set local role ${APP_ROLE}`).execute(trx);
    for (const i of DEMO_INDIKATOR) await createIndikator(trx, null, i);
    await trx.updateTable('sampah_kbs_indikator').set({ demo: true }).execute();
    const tingkat = [];
    for (const l of DEMO_TINGKAT) tingkat.push(await saveTingkat(trx, null, l));
    await trx.updateTable('sampah_kbs_tingkat').set({ demo: true }).execute();

    const { rows: rws } = await listRwRows(trx, { areas: [city.id], limit: 100_000, offset: 0 });
    const firstKel = rws[0]?.kelurahan_kode;
    const inFirst = rws.filter((r) => r.kelurahan_kode === firstKel);
    const assessed = new Set(inFirst.slice(0, 4).map((r) => r.id));

    // Statuses (with history) for part of the RWs, before Balai: no assessment behind them.
    const share = bandung ? 0.29 : 0.12;
    const now = Date.now();
    const history: {
      tenant_id: string;
      rw_id: string;
      tingkat_id: string;
      skor: number;
      berlaku_sejak: Date;
      demo: boolean;
    }[] = [];
    const kbsRws: typeof rws = [];
    for (const r of rws) {
      if (assessed.has(r.id) || !chance(share)) continue;
      kbsRws.push(r);
      const roll = random();
      const level = roll < 0.55 ? 0 : roll < 0.85 ? 1 : 2;
      let since = now - between(400, 900) * 86_400_000;
      for (let l = chance(0.5) ? 0 : level; l <= level; l++) {
        const t = tingkat[l]!;
        const next = tingkat[l + 1];
        const skor = Math.min(
          100,
          t.minSkor + between(0, Math.round((next?.minSkor ?? 100) - t.minSkor - 1)),
        );
        history.push({
          tenant_id: city.id,
          rw_id: r.id,
          tingkat_id: t.id,
          skor,
          berlaku_sejak: new Date(since),
          demo: true,
        });
        since += between(120, 300) * 86_400_000;
        if (since > now - 30 * 86_400_000) since = now - between(30, 60) * 86_400_000;
      }
    }
    for (let i = 0; i < history.length; i += 500) {
      await trx
        .insertInto('sampah_kbs_riwayat')
        .values(history.slice(i, i + 500))
        .execute();
    }
    for (const r of [...kbsRws, ...inFirst.slice(0, 4)]) {
      await saveProfil(
        trx,
        null,
        r.id,
        {
          jumlahKk: r.jumlah_kk,
          penduduk: r.jumlah_kk === null ? null : Math.round(r.jumlah_kk * (3.2 + random())),
          kontakNama: r.ketua_nama,
          pemilahan: true,
          pengomposan: chance(0.6),
          maggot: chance(0.3),
          jadwalAngkut: JADWAL[between(0, JADWAL.length - 1)]!,
        },
        { demo: true },
      );
    }

    // A few assessments in the first kelurahan.
    const nilai = (good: boolean): NilaiInput[] => [
      { indikatorKode: 'PILAH', nilai: 1 },
      { indikatorKode: 'PILAH-KK', nilai: good ? between(60, 90) : between(30, 55) },
      { indikatorKode: 'KOMPOS', nilai: good || chance(0.5) ? 1 : 0 },
      { indikatorKode: 'MAGGOT', nilai: chance(0.4) ? 1 : 0 },
      { indikatorKode: 'KADER', nilai: 1 },
      { indikatorKode: 'KURANG', nilai: good ? between(30, 50) : between(10, 35) },
    ];
    const plan: ('disetujui' | 'diajukan' | 'dikembalikan' | 'draf')[] = [
      'diajukan',
      'disetujui',
      'dikembalikan',
      'draf',
    ];
    for (const [i, r] of inFirst.slice(0, 4).entries()) {
      const status = plan[i]!;
      const periode = monthsAgo(status === 'draf' ? 0 : 1);
      const p = await createPenilaian(
        trx,
        null,
        { rwId: r.id, periode, nilai: nilai(status === 'disetujui') },
        { demo: true },
      );
      if (status === 'draf') continue;
      await uploadBukti(trx, null, p.id, { indikatorKode: 'PILAH', foto: FOTO, namaFile: 'pemilahan.png' });
      await submitPenilaian(trx, null, p.id);
      if (status === 'dikembalikan') {
        await returnPenilaian(
          trx,
          null,
          p.id,
          'Foto pemilahan belum menunjukkan wadah terpisah; mohon lampirkan foto titik kumpul RW.',
        );
      } else if (status === 'disetujui') {
        await approvePenilaian(trx, null, p.id, 'Sesuai kunjungan lapangan.', { demo: true });
      }
    }
  });
}
