/**
 * Demo tonnage for a city: the generation rate and Jakstrada targets of the last years and this
 * one, and daily manual entries from 1 January of last year up to yesterday (composting and maggot
 * in some kecamatan, other reduction, collection outside the trip log, recycling and raw material
 * for the city, a weekly measurement at the TPA gate), and for each of those years the population
 * of every kecamatan: the city's reference population split by the number of kelurahan (so the
 * kecamatan add up to the city exactly). Rows are marked demo; values come from ctx.random and the
 * reference data, so they are the same on every machine.
 */
import { asOwner } from '../../platform/db/transaction.ts';
import type { DemoContext } from '../../platform/module.ts';
import { findWilayah, listKecamatanRows } from '../wilayah/repository.ts';
import { hariDalam, type JenisCatatan } from './tonase-hitung.ts';
import { hariIniWib } from './tonase-service.ts';

/**
 * Splits a total over weights in whole persons (largest remainder, ties to the first), so the
 * parts add up to the total exactly.
 */
export function bagiPenduduk(total: number, bobot: readonly number[]): number[] {
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
  const hariIni = hariIniWib();
  const tahunIni = Number(hariIni.slice(0, 4));
  const ton = (min: number, max: number) => Math.round((min + random() * (max - min)) * 1000) / 1000;
  await asOwner(ctx.db, city.id, async (trx) => {
    const tahun = [];
    for (let y = tahunIni - 2; y <= tahunIni + 1; y++) {
      const i = y - (tahunIni - 2);
      tahun.push({
        tenant_id: city.id,
        tahun: y,
        laju_timbulan: bandung ? '0.600' : '0.650',
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
    if (pendudukKota !== null && kecRows.length > 0) {
      const bagian = bagiPenduduk(
        pendudukKota,
        kecRows.map((k) => Math.max(1, Number(k.jumlah_kelurahan))),
      );
      const penduduk = tahun.flatMap((y) =>
        kecRows.map((k, i) => ({
          tenant_id: city.id,
          tahun: y.tahun,
          kecamatan_kode: k.kode,
          penduduk: bagian[i]!,
          sumber: 'Data contoh: penduduk kota dibagi menurut jumlah kelurahan',
          demo: true,
        })),
      );
      await trx
        .insertInto('sampah_penduduk_kecamatan')
        .values(penduduk)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }

    const kecamatan = kecRows.map((k) => k.kode);
    const kompos = kecamatan.filter((_, i) => i % 3 === 0);
    const maggot = kecamatan.filter((_, i) => i % 4 === 1);
    const skala = bandung ? 1 : 0.35;
    const dari = `${tahunIni - 1}-01-01`;
    const kemarin = new Date(Date.parse(`${hariIni}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const rows: {
      tenant_id: string;
      tanggal: string;
      kecamatan_kode: string | null;
      jenis: JenisCatatan;
      ton: string;
      demo: boolean;
    }[] = [];
    const add = (tanggal: string, kecamatan_kode: string | null, jenis: JenisCatatan, t: number) =>
      rows.push({ tenant_id: city.id, tanggal, kecamatan_kode, jenis, ton: t.toFixed(3), demo: true });
    for (const tanggal of hariDalam(dari, kemarin)) {
      for (const k of kompos) add(tanggal, k, 'pengurangan_kompos', ton(4, 10) * skala);
      for (const k of maggot) add(tanggal, k, 'pengurangan_maggot', ton(2, 6) * skala);
      add(tanggal, null, 'pengurangan_lain', ton(60, 120) * skala);
      add(tanggal, null, 'penanganan_angkut', ton(850, 1000) * skala);
      add(tanggal, null, 'daur_ulang', ton(20, 40) * skala);
      add(tanggal, null, 'bahan_baku', ton(10, 25) * skala);
      // Weighed at the TPA gate once a week, for the whole city.
      if (new Date(`${tanggal}T00:00:00Z`).getUTCDay() === 1)
        add(tanggal, null, 'timbulan_terukur', ton(1450, 1650) * skala);
    }
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('sampah_tonase_catatan')
        .values(rows.slice(i, i + 1000))
        .execute();
    }
  });
}
