/**
 * Demo operations for a demo city, as the owner, marked demo, deterministic for a given day
 * (ctx.random): Bandung gets 12 Pacman trucks (6 m³ / 3 t), shifts at 06:00 and 19:00, about 20
 * collection points (titik kumpul and TPS) across its kelurahan, a TPST, two TPS3R, a few machines
 * and TPA Sarimukti (outside the city, 140 trips a day); Serang a smaller fleet and TPA Cilowong.
 * Three weeks of trips end now. The facilities, fleet and shifts go through the service rules; the
 * trips are inserted in bulk (same rules: load within capacity, arrival after departure, WIB date,
 * over-quota flag), which keeps the demo seeding fast.
 */
import { randomUUID } from 'node:crypto';
import type { DemoContext } from '../../../platform/module.ts';
import { asOwner, type Tx } from '../../../platform/db/transaction.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { listKelurahanRows } from '../../wilayah/api.ts';
import { insertFasilitas, type FasilitasInput, type FasilitasView } from './fasilitas-service.ts';
import { insertKendaraan, insertShift, type KendaraanInput } from './armada-service.ts';
import type { JenisKendaraan } from './operasi-schemas.ts';

interface Profil {
  plat: string;
  truk: number;
  jenisTruk: JenisKendaraan;
  m3: number;
  ton: number;
  titik: number;
  tpa: { nama: string; operator: string; kuota: number | null };
  olah: boolean;
}

const PROFIL: Record<string, Profil> = {
  '32.73': {
    plat: 'D',
    truk: 12,
    jenisTruk: 'pacman',
    m3: 6,
    ton: 3,
    titik: 20,
    tpa: { nama: 'TPA Sarimukti', operator: 'Pemerintah Provinsi Jawa Barat', kuota: 140 },
    olah: true,
  },
  '36.73': {
    plat: 'A',
    truk: 5,
    jenisTruk: 'dump_truck',
    m3: 8,
    ton: 4,
    titik: 8,
    tpa: { nama: 'TPA Cilowong', operator: 'DLH Kota Serang', kuota: null },
    olah: false,
  },
};

const HARI_DEMO = 21;

/**
 * The processing places of a city that has them (`olah`): name prefix, its kelurahan (the i-th of
 * n spread over the city) and the rest; trips go to the ones that are not machines.
 */
const OLAHAN: readonly [string, number, number, Omit<FasilitasInput, 'nama'>][] = [
  ['TPST', 1, 3, { jenis: 'tpst', kapasitasTonHari: 50, operator: 'DLH' }],
  ['TPS3R', 1, 5, { jenis: 'tps3r', kapasitasTonHari: 10, operator: 'KSM setempat' }],
  ['TPS3R', 3, 5, { jenis: 'tps3r', kapasitasTonHari: 8, operator: 'KSM setempat' }],
  ['Budidaya maggot', 2, 7, { jenis: 'mesin', subjenis: 'maggot', kapasitasTonHari: 2 }],
  ['Komposter', 4, 7, { jenis: 'mesin', subjenis: 'kompos', kapasitasTonHari: 1.5 }],
  ['Insinerator', 6, 7, { jenis: 'mesin', subjenis: 'incinerator', kapasitasTonHari: 5, status: 'rusak' }],
  ['Fasilitas RDF', 5, 7, { jenis: 'mesin', subjenis: 'rdf', kapasitasTonHari: 20, status: 'rencana' }],
];

export async function operasiDemo(ctx: DemoContext): Promise<void> {
  const p = PROFIL[ctx.city.id];
  if (!p) return;
  const rnd = ctx.random;
  await asOwner(ctx.db, ctx.city.id, async (trx) => {
    const tenant = ctx.city.id;
    const kel = await listKelurahanRows(trx, tenant);
    if (!kel.length) return;
    const pick = (i: number, n: number) => kel[Math.floor((i * kel.length) / n) % kel.length]!;
    const addFasilitas = (input: FasilitasInput) => insertFasilitas(trx, tenant, input, { demo: true });

    const shifts = [
      await insertShift(trx, tenant, { nama: 'Pagi', mulai: '06:00' }, { demo: true }),
      await insertShift(trx, tenant, { nama: 'Malam', mulai: '19:00' }, { demo: true }),
    ];
    // The fleet, then one spare truck in the workshop (a kind both cities have, so no value is only Serang's).
    const armada: KendaraanInput[] = [
      ...Array.from({ length: p.truk }, (_, i) => ({
        jenis: p.jenisTruk,
        platNomor: `${p.plat} ${8101 + i} DL`,
        kapasitasM3: p.m3,
        kapasitasTon: p.ton,
      })),
      {
        jenis: 'dump_truck',
        platNomor: `${p.plat} 8199 DL`,
        kapasitasM3: 8,
        kapasitasTon: 4,
        status: 'rusak',
      },
    ];
    const truk = [];
    for (const k of armada) truk.push(await insertKendaraan(trx, tenant, k, { demo: true }));

    const titik: FasilitasView[] = [];
    for (let i = 0; i < p.titik; i++) {
      const k = pick(i, p.titik);
      const tps = i % 3 === 0;
      titik.push(
        await addFasilitas({
          jenis: tps ? 'tps' : 'titik_kumpul',
          nama: `${tps ? 'TPS' : 'Titik kumpul'} ${k.nama} ${i + 1}`,
          kelurahanKode: k.kode,
          ...(k.lat !== null && k.lng !== null
            ? { lat: round(k.lat + (rnd() - 0.5) * 0.004, 6), lng: round(k.lng + (rnd() - 0.5) * 0.004, 6) }
            : {}),
          kapasitasTonHari: tps ? 10 + Math.floor(rnd() * 10) : 3,
          status: i === p.titik - 1 ? 'rusak' : 'aktif',
          operator: tps ? 'DLH' : 'Pengurus RW',
        }),
      );
    }
    const olahan: FasilitasView[] = [];
    for (const [awal, i, n, input] of p.olah ? OLAHAN : []) {
      const k = pick(i, n);
      const f = await addFasilitas({ ...input, nama: `${awal} ${k.nama}`, kelurahanKode: k.kode });
      if (input.jenis !== 'mesin') olahan.push(f);
    }
    const tpa = await addFasilitas({
      jenis: 'tpa',
      nama: p.tpa.nama,
      kapasitasTonHari: 1500,
      operator: p.tpa.operator,
      kuotaRitHarian: p.tpa.kuota,
    });

    await demoTrips(trx, tenant, rnd, {
      truk: truk.filter((t) => t.status === 'aktif'),
      shifts,
      asal: titik.filter((t) => t.status === 'aktif'),
      tpa,
      olahan,
    });
  });
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function demoTrips(
  trx: Tx,
  tenant: string,
  rnd: () => number,
  d: {
    truk: { id: string; kapasitasTon: number }[];
    shifts: { id: string; mulai: string }[];
    asal: FasilitasView[];
    tpa: FasilitasView;
    olahan: FasilitasView[];
  },
): Promise<void> {
  const now = new Date();
  const today = todayWib(now);
  const perTanggal = new Map<string, number>();
  const trips: {
    row: {
      id: string;
      tenant_id: string;
      kendaraan_id: string;
      shift_id: string;
      tujuan_id: string;
      ton: string;
      berangkat: Date;
      tiba: Date;
      tanggal: string;
      melebihi_kuota: boolean;
      demo: boolean;
    };
    asal: string[];
  }[] = [];
  for (let h = HARI_DEMO; h >= 0; h--) {
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - h * 86_400_000).toISOString().slice(0, 10);
    for (const shift of d.shifts) {
      for (const truk of d.truk) {
        if (rnd() < 0.08) continue; // off duty or in the workshop
        const rit = 2 + (rnd() < 0.4 ? 1 : 0);
        let start = new Date(`${day}T${shift.mulai}:00+07:00`).getTime() + Math.floor(rnd() * 30) * 60_000;
        for (let r = 0; r < rit; r++) {
          const berangkat = new Date(start);
          const tiba = new Date(start + (60 + Math.floor(rnd() * 60)) * 60_000);
          start = tiba.getTime() + (30 + Math.floor(rnd() * 30)) * 60_000;
          if (tiba > now) break;
          const n = 1 + Math.floor(rnd() * 3);
          const asal = new Set<string>();
          while (asal.size < Math.min(n, d.asal.length))
            asal.add(d.asal[Math.floor(rnd() * d.asal.length)]!.id);
          const tujuan =
            d.olahan.length && rnd() < 0.15 ? d.olahan[Math.floor(rnd() * d.olahan.length)]! : d.tpa;
          const tanggal = todayWib(tiba);
          let melebihi = false;
          if (tujuan.id === d.tpa.id) {
            const c = (perTanggal.get(tanggal) ?? 0) + 1;
            perTanggal.set(tanggal, c);
            melebihi = d.tpa.kuotaRitHarian !== null && c > d.tpa.kuotaRitHarian;
          }
          const ton = Math.min(truk.kapasitasTon * 1.15, truk.kapasitasTon * (0.7 + rnd() * 0.45));
          trips.push({
            row: {
              id: randomUUID(),
              tenant_id: tenant,
              kendaraan_id: truk.id,
              shift_id: shift.id,
              tujuan_id: tujuan.id,
              ton: ton.toFixed(3),
              berangkat,
              tiba,
              tanggal,
              melebihi_kuota: melebihi,
              demo: true,
            },
            asal: [...asal],
          });
        }
      }
    }
  }
  for (let i = 0; i < trips.length; i += 200) {
    const batch = trips.slice(i, i + 200);
    await trx
      .insertInto('sampah_ritase')
      .values(batch.map((b) => b.row))
      .execute();
    await trx
      .insertInto('sampah_ritase_asal')
      .values(
        batch.flatMap((b) =>
          b.asal.map((fasilitas_id) => ({ tenant_id: tenant, ritase_id: b.row.id, fasilitas_id })),
        ),
      )
      .execute();
  }
}
