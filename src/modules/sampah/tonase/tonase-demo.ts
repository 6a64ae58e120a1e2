/**
 * Demo tonnage for a city: the generation rate and Jakstrada targets of the last years and this
 * one, for each of those years the population of every kecamatan (the city's reference population
 * split by the households of the kecamatan's RWs, so the kecamatan add up to the city exactly and
 * each has its own figure), and manual entries from 1 January of last year up to yesterday, each
 * recorded for a kecamatan in proportion to its population: a weekly tally (each kecamatan on its
 * own weekday, of the week before) of collection outside the trip log, composting and maggot in
 * some kecamatan, other reduction, recycling and raw material, and a weighing of timbulan in two
 * kecamatan. Only deliveries to the TPA from mixed routes (a small share, daily) are recorded for
 * the city as a whole: the dashboard shows them as not attributed to a kecamatan. Rows are marked
 * demo; values come from ctx.random and the reference and demo data, so they are the same on every
 * machine.
 */
import { asOwner } from '../../../platform/db/transaction.ts';
import type { DemoContext } from '../../../platform/module.ts';
import { addDays, todayWib } from '../../../platform/waktu.ts';
import { findWilayah, listKecamatanRows, listRwRows } from '../../wilayah/api.ts';
import { daysBetween } from './tonase-compute.ts';
import type { JenisCatatan } from './tonase-schemas.ts';

/**
 * Splits a total over weights in whole persons (largest remainder, ties to the first), so the
 * parts add up to the total exactly.
 */
export function splitPenduduk(total: number, bobot: readonly number[]): number[] {
  const jumlah = bobot.reduce((s, w) => s + w, 0);
  const dasar = bobot.map((w) => Math.floor((total * w) / jumlah));
  const sisa = bobot.map((w, i) => ({ i, r: total * w - dasar[i]! * jumlah }));
  let kurang = total - dasar.reduce((s, n) => s + n, 0);
  for (const { i } of sisa.sort((a, b) => b.r - a.r || a.i - b.i)) {
    if (kurang <= 0) break;
    dasar[i]! += 1;
    kurang -= 1;
  }
  return dasar;
}

export async function tonaseDemo(ctx: DemoContext): Promise<void> {
  const { city, random } = ctx;
  const bandung = city.slug === 'bandung';
  const hariIni = todayWib();
  const tahunIni = Number(hariIni.slice(0, 4));
  const ton = (min: number, max: number) => Math.round((min + random() * (max - min)) * 1000) / 1000;
  /** kg per person per day; also what the weighings below come near. */
  const laju = bandung ? 0.6 : 0.65;
  await asOwner(ctx.db, city.id, async (trx) => {
    const tahun = [];
    for (let y = tahunIni - 2; y <= tahunIni + 1; y++) {
      const i = y - (tahunIni - 2);
      tahun.push({
        tenant_id: city.id,
        tahun: y,
        laju_timbulan: laju.toFixed(3),
        target_pengurangan: String(24 + 2 * i),
        target_penanganan: '70',
        demo: true,
      });
    }
    await trx
      .insertInto('sampah_tonase_tahun')
      .values(tahun)
      .onConflict((oc) => oc.doNothing())
      .execute();

    const kecRows = await listKecamatanRows(trx, city.id);
    const pendudukKota = (await findWilayah(trx, city.id))?.penduduk_total ?? null;
    // Households per kecamatan, from the demo RWs (wilayah/demo.ts runs first).
    const kk = new Map<string, number>();
    const { rows: rws } = await listRwRows(trx, { areas: [city.id], limit: 100_000, offset: 0 });
    for (const rw of rws) kk.set(rw.kecamatan_kode, (kk.get(rw.kecamatan_kode) ?? 0) + (rw.jumlah_kk ?? 0));
    const bobot = kecRows.map((k) => Math.max(1, kk.get(k.kode) ?? 0));
    const jumlahBobot = bobot.reduce((a, b) => a + b, 0);
    if (pendudukKota !== null && kecRows.length > 0) {
      const bagian = splitPenduduk(pendudukKota, bobot);
      const penduduk = tahun.flatMap((y) =>
        kecRows.map((k, i) => ({
          tenant_id: city.id,
          tahun: y.tahun,
          kecamatan_kode: k.kode,
          penduduk: bagian[i]!,
          sumber: 'Data contoh: penduduk kota dibagi menurut jumlah KK di RW tiap kecamatan',
          demo: true,
        })),
      );
      await trx
        .insertInto('sampah_penduduk_kecamatan')
        .values(penduduk)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }

    const skala = bandung ? 1 : 0.35;
    /** Each kecamatan with its share of the city's population and its fixed programmes. */
    const kecamatan = kecRows.map((k, i) => ({
      kode: k.kode,
      bagian: bobot[i]! / jumlahBobot,
      kompos: i % 3 === 0,
      maggot: i % 4 === 1,
      ditimbang: i === 1 || i === 4,
      /** Weekday of its weekly tally (spread over the week, so the city's months stay even). */
      hariRekap: i % 7,
    }));
    const dari = `${tahunIni - 1}-01-01`;
    const kemarin = addDays(hariIni, -1);
    const rows: {
      tenant_id: string;
      tanggal: string;
      kecamatan_kode: string | null;
      jenis: JenisCatatan;
      ton: string;
      keterangan: string | null;
      demo: boolean;
    }[] = [];
    const add = (
      tanggal: string,
      kecamatan_kode: string | null,
      jenis: JenisCatatan,
      t: number,
      keterangan: string | null = null,
    ) =>
      rows.push({
        tenant_id: city.id,
        tanggal,
        kecamatan_kode,
        jenis,
        ton: t.toFixed(3),
        keterangan,
        demo: true,
      });
    /** The kecamatan's share of a city-wide daily amount (tons, min..max), with its own variation. */
    const porsi = (bagian: number, min: number, max: number, hari = 1) =>
      Math.round(ton(min, max) * skala * bagian * hari * 1000) / 1000;
    for (const tanggal of daysBetween(dari, kemarin)) {
      const hari = new Date(`${tanggal}T00:00:00Z`).getUTCDay();
      for (const k of kecamatan) {
        if (hari !== k.hariRekap) continue;
        // The week before, tallied on the kecamatan's day.
        add(tanggal, k.kode, 'penanganan_angkut', porsi(k.bagian, 820, 960, 7));
        if (k.kompos) add(tanggal, k.kode, 'pengurangan_kompos', ton(4, 10) * skala * 7);
        if (k.maggot) add(tanggal, k.kode, 'pengurangan_maggot', ton(2, 6) * skala * 7);
        add(tanggal, k.kode, 'pengurangan_lain', porsi(k.bagian, 60, 120, 7));
        add(tanggal, k.kode, 'daur_ulang', porsi(k.bagian, 20, 40, 7));
        add(tanggal, k.kode, 'bahan_baku', porsi(k.bagian, 10, 25, 7));
        // Weighed at the kecamatan's TPS that day: the day's timbulan, near the estimate.
        if (k.ditimbang && pendudukKota !== null)
          add(tanggal, k.kode, 'timbulan_terukur', (pendudukKota * k.bagian * laju * ton(0.9, 1.1)) / 1000);
      }
      // Trucks on mixed routes across kecamatan deliver to the TPA without a kecamatan of origin.
      add(tanggal, null, 'penanganan_angkut', ton(25, 45) * skala, 'Rute campuran lintas kecamatan ke TPA');
    }
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('sampah_tonase_catatan')
        .values(rows.slice(i, i + 1000))
        .execute();
    }
  });
}
