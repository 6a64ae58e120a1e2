/**
 * Demo Prakarsa RW data for a demo city, after the KBS demo (it reads the status history): the
 * settings of last year and this year (Bandung Rp200 juta for a KBS RW and Rp100 juta otherwise,
 * as in the city's programme; other cities half of that), and for every RW with a KBS status
 * history, plus the demo pengurus RW's RW, an allocation per year by the rule, with the status
 * the RW had then. Last year's are mostly disbursed in two stages and largely spent; this year's
 * first stage is disbursed for part of the RWs, some with spending reported. One disbursement
 * reversed with its reason. Deterministic (ctx.random), as the owner under the app role, marked
 * demo, in bulk (it runs on every fresh database). The database trigger checks every sum.
 */
import { sql } from 'kysely';
import type { DemoContext } from '../../../platform/module.ts';
import { APP_ROLE, asOwner } from '../../../platform/db/transaction.ts';
import { addDays, todayWib } from '../../../platform/waktu.ts';
import type { Tx } from '../../../platform/db/transaction.ts';
import { listRwRows } from '../../wilayah/api.ts';
import { listStatusKbs } from '../kbs/rw-service.ts';
import { computeNominal, savePengaturan } from './pengaturan-service.ts';
import type { KategoriBelanja } from './prakarsa-tables.ts';

/** Items an RW buys: kategori, uraian, unit price (rupiah) and unit. */
const BARANG = (
  [
    ['komposter', 'Komposter 120 liter untuk warga', 750_000, 'unit'],
    ['maggot_bsf', 'Biopond dan bibit maggot BSF', 4_500_000, 'paket'],
    ['peralatan_bank_sampah', 'Timbangan digital dan karung bank sampah', 3_200_000, 'paket'],
    ['wadah_pilah', 'Tempat sampah terpilah tiga warna', 450_000, 'unit'],
    ['gerobak_motor', 'Gerobak sampah terpilah', 3_500_000, 'unit'],
    ['gerobak_motor', 'Motor sampah roda tiga', 35_000_000, 'unit'],
    ['pelatihan_sosialisasi', 'Pelatihan pemilahan dan pengomposan untuk kader KBS', 2_500_000, 'kegiatan'],
    ['lainnya', 'Papan informasi dan jadwal pengangkutan', 750_000, 'unit'],
  ] satisfies [KategoriBelanja, string, number, string][]
).map(([kategori, uraian, harga, satuan]) => ({ kategori, uraian, harga, satuan }));

const roundRibu = (n: number) => Math.floor(n / 1000) * 1000;

/** The earlier of two YYYY-MM-DD dates. */
const earlier = (a: string, b: string) => (a < b ? a : b);

type Alokasi = { rwId: string; tahun: number; jumlah: number };
interface Cair {
  tenant_id: string;
  alokasi_id: string;
  tahap: number;
  tanggal: string;
  jumlah: number;
  catatan: string | null;
  demo: boolean;
}
interface Belanja {
  tenant_id: string;
  alokasi_id: string;
  tanggal: string;
  kategori: KategoriBelanja;
  uraian: string;
  jumlah: number;
  kuantitas: number;
  satuan: string;
  demo: boolean;
}

/** RWs with a KBS status history, and the demo pengurus RW's (RW 001 of the first kelurahan), in kelurahan and number order. */
async function listDemoRws(
  trx: Tx,
  cityId: string,
): Promise<{ ids: string[]; pengurusRw: string | undefined }> {
  const { rows } = await listRwRows(trx, { areas: [cityId], limit: 1_000_000, offset: 0 });
  const dinilai = new Set(
    (await trx.selectFrom('sampah_kbs_riwayat').select('rw_id').distinct().execute()).map((r) => r.rw_id),
  );
  const pertama = rows.reduce<string | undefined>(
    (m, r) => (m === undefined || r.kelurahan_kode < m ? r.kelurahan_kode : m),
    undefined,
  );
  const pengurus = (r: (typeof rows)[number]) => r.nomor === 1 && r.kelurahan_kode === pertama;
  const pilih = rows.filter((r) => dinilai.has(r.id) || pengurus(r));
  return { ids: pilih.map((r) => r.id), pengurusRw: pilih.find(pengurus)?.id };
}

/** Disbursements and spending reports of the allocations: last year's mostly spent, this year's begun. */
function planEntri(o: {
  cityId: string;
  random: () => number;
  hariIni: string;
  tahunLalu: number;
  tahunIni: number;
  pengurusRw: string | undefined;
  rencana: Alokasi[];
  alokasiId: Map<string, string>;
}): { cair: Cair[]; belanja: Belanja[] } {
  const { random, hariIni, tahunLalu, tahunIni, pengurusRw, rencana, alokasiId } = o;
  const city = { id: o.cityId };
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const cair: Cair[] = [];
  const belanja: Belanja[] = [];
  /** Spending reports of up to `total` rupiah from `mulai` on (never after today). */
  const laporkan = (id: string, total: number, mulai: string) => {
    let sisa = roundRibu(total);
    const n = between(2, 4);
    for (let i = 0; i < n && sisa > 0; i++) {
      const b = BARANG[between(0, BARANG.length - 1)]!;
      const bagian = i === n - 1 ? sisa : roundRibu(sisa * (0.2 + random() * 0.4));
      const qty = Math.max(1, Math.floor(bagian / b.harga));
      const jumlah = Math.min(sisa, qty * b.harga);
      if (jumlah <= 0) break;
      belanja.push({
        tenant_id: city.id,
        alokasi_id: id,
        tanggal: earlier(hariIni, addDays(mulai, between(7, 90))),
        kategori: b.kategori,
        uraian: b.uraian,
        jumlah,
        kuantitas: qty,
        satuan: b.satuan,
        demo: true,
      });
      sisa -= jumlah;
    }
  };
  const cairkan = (
    alokasi_id: string,
    tahap: number,
    tanggal: string,
    jumlah: number,
    catatan: string | null,
  ) => cair.push({ tenant_id: city.id, alokasi_id, tahap, tanggal, jumlah, catatan, demo: true });
  for (const a of rencana) {
    const id = alokasiId.get(`${a.rwId}/${a.tahun}`)!;
    const separuh = Math.floor(a.jumlah / 2);
    if (a.tahun === tahunLalu) {
      const t1 = `${tahunLalu}-03-${String(between(2, 28)).padStart(2, '0')}`;
      cairkan(id, 1, t1, separuh, null);
      let dicairkan = separuh;
      if (random() < 0.9) {
        const t2 = `${tahunLalu}-08-${String(between(1, 28)).padStart(2, '0')}`;
        cairkan(id, 2, t2, a.jumlah - separuh, 'Setelah laporan tahap 1 diterima');
        dicairkan = a.jumlah;
      }
      laporkan(id, dicairkan * (0.7 + random() * 0.3), t1);
    } else if (a.rwId === pengurusRw || random() < 0.6) {
      // The demo pengurus RW's first stage is disbursed, its spending still to be reported.
      const t1 = earlier(hariIni, `${tahunIni}-02-${String(between(2, 27)).padStart(2, '0')}`);
      cairkan(id, 1, t1, separuh, null);
      if (a.rwId !== pengurusRw && random() < 0.5) laporkan(id, separuh * (0.3 + random() * 0.5), t1);
    }
  }
  return { cair, belanja };
}

/** One disbursement of this year entered twice by mistake, and reversed. */
async function addKoreksi(
  trx: Tx,
  o: {
    cair: Cair[];
    belanja: Belanja[];
    rencana: Alokasi[];
    alokasiId: Map<string, string>;
    tahunIni: number;
    hariIni: string;
  },
): Promise<void> {
  const { cair, belanja, rencana, alokasiId, tahunIni, hariIni } = o;
  const contoh = cair.find(
    (c) => c.tanggal.startsWith(String(tahunIni)) && !belanja.some((b) => b.alokasi_id === c.alokasi_id),
  );
  if (contoh) {
    const a = rencana.find((r) => alokasiId.get(`${r.rwId}/${r.tahun}`) === contoh.alokasi_id)!;
    const sisa = a.jumlah - contoh.jumlah;
    if (sisa > 0) {
      const [salah] = await trx
        .insertInto('sampah_prakarsa_pencairan')
        .values({
          ...contoh,
          tahap: 2,
          jumlah: Math.min(sisa, contoh.jumlah),
          catatan: 'Tercatat dua kali',
        })
        .returning(['id', 'jumlah'])
        .execute();
      await trx
        .insertInto('sampah_prakarsa_pencairan')
        .values({
          ...contoh,
          tahap: 2,
          tanggal: hariIni,
          jumlah: -salah!.jumlah,
          membatalkan_id: salah!.id,
          catatan: 'Salah input: pencairan tahap 2 belum dilakukan',
        })
        .execute();
    }
  }
}

export async function prakarsaDemo(ctx: DemoContext): Promise<void> {
  const { db, city, random } = ctx;
  const bandung = city.slug === 'bandung';
  const hariIni = todayWib();
  const tahunIni = Number(hariIni.slice(0, 4));
  const tahunLalu = tahunIni - 1;
  const nominal = bandung
    ? { nominalKbs: 200_000_000, nominalLain: 100_000_000 }
    : { nominalKbs: 100_000_000, nominalLain: 50_000_000 };

  await asOwner(db, city.id, async (trx) => {
    await sql.raw(`set local role ${APP_ROLE}`).execute(trx);
    for (const tahun of [tahunLalu, tahunIni])
      await savePengaturan(trx, null, tahun, nominal, { demo: true });

    const { ids, pengurusRw } = await listDemoRws(trx, city.id);
    const statusLalu = await listStatusKbs(trx, ids, new Date(`${tahunLalu}-02-01T00:00:00+07:00`));
    const statusIni = await listStatusKbs(trx, ids);

    const alokasiRows = [];
    const rencana: Alokasi[] = [];
    for (const rwId of ids) {
      for (const [tahun, status] of [
        [tahunLalu, statusLalu],
        [tahunIni, statusIni],
      ] as const) {
        const s = status.get(rwId) ?? null;
        const aturan = computeNominal({ ...nominal, kbsMinUrutan: null }, s);
        alokasiRows.push({
          tenant_id: city.id,
          rw_id: rwId,
          tahun,
          jumlah: aturan.nominal,
          nominal_aturan: aturan.nominal,
          kbs: aturan.kbs,
          tingkat_id: s?.tingkatId ?? null,
          demo: true,
        });
        rencana.push({ rwId, tahun, jumlah: aturan.nominal });
      }
    }
    const alokasiId = new Map<string, string>();
    for (let i = 0; i < alokasiRows.length; i += 500) {
      const out = await trx
        .insertInto('sampah_prakarsa_alokasi')
        .values(alokasiRows.slice(i, i + 500))
        .returning(['id', 'rw_id', 'tahun'])
        .execute();
      for (const r of out) alokasiId.set(`${r.rw_id}/${r.tahun}`, r.id);
    }

    const { cair, belanja } = planEntri({
      cityId: city.id,
      random,
      hariIni,
      tahunLalu,
      tahunIni,
      pengurusRw,
      rencana,
      alokasiId,
    });
    for (let i = 0; i < cair.length; i += 500) {
      await trx
        .insertInto('sampah_prakarsa_pencairan')
        .values(cair.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < belanja.length; i += 500) {
      await trx
        .insertInto('sampah_prakarsa_belanja')
        .values(belanja.slice(i, i + 500))
        .execute();
    }

    await addKoreksi(trx, { cair, belanja, rencana, alokasiId, tahunIni, hariIni });
  });
}
