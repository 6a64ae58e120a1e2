/**
 * The demo data of both demo cities obeys the rules the app enforces: NIB and NPWP formats,
 * KBLI codes that exist (and the sector they give), classes by PP 7/2021 from each year's
 * figures, documents not dated in the future, points inside the city, and e-Katalog: every
 * product on its way into e-Katalog passes the app's own readiness checklist. It is also a
 * credible catalogue: product names rarely repeat within a city, most products have a photo
 * and most businesses a point on the map.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBalaiWithOwnerDb } from '../../../tests/helpers/app.ts';
import { syaratProduk, type LegalitasData, type ProdukData, type UsahaData } from './ekatalog.ts';
import { todayWib as hariIniWib } from '../../platform/waktu.ts';
import { kategoriKbli, validKbli } from './kbli.ts';
import { kelasUsaha } from './kelas.ts';
import { dalamKotak, kotakGeometri, TEPI_DERAJAT } from './lokasi.ts';
import { periksaNib, periksaNpwp } from './nib.ts';
import type { JenisLegalitas, Kelas, KategoriProduk, StatusEkatalog } from './tables.ts';

const env = useBalaiWithOwnerDb();

/** A business row as read here: the readiness checklist's fields, and what the map and class need. */
interface Usaha extends Omit<UsahaData, 'kbli' | 'legalitas'> {
  id: string;
  nama: string;
  kelas: Kelas | null;
  sektor: string | null;
  lat: number | null;
  lng: number | null;
}
interface Produk extends Omit<ProdukData, 'harga' | 'jumlah_foto'> {
  id: string;
  usaha_id: string;
  harga: string;
  ekatalog: StatusEkatalog;
  nama_terkunci: boolean;
  jumlah_foto: number;
}

async function rows<T>(sql: string, tenant: string): Promise<T[]> {
  return (await env.db.query(sql, [tenant])).rows as T[];
}

function groupBy<T extends { usaha_id: string }>(xs: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(x.usaha_id, [...(m.get(x.usaha_id) ?? []), x]);
  return m;
}

describe('demo UMKM data', () => {
  for (const [tenant, city] of [
    ['32.73', 'Bandung'],
    ['36.73', 'Serang'],
  ] as const) {
    it(`${city}: obeys the registry's rules and the e-Katalog readiness checklist`, async () => {
      const today = hariIniWib();
      const usaha = await rows<Usaha>(
        `select id, nama, status, nib, npwp, sikap, kswp_valid, kswp_dicek::text, kelas, sektor, lat, lng
           from umkm_usaha where tenant_id = $1 and demo`,
        tenant,
      );
      assert.ok(usaha.length >= 100, 'the demo city has businesses');
      const kbli = groupBy(
        await rows<{ usaha_id: string; versi: string; kode: string; utama: boolean }>(
          `select usaha_id, versi, kode, utama from umkm_usaha_kbli where tenant_id = $1`,
          tenant,
        ),
      );
      const legalitas = groupBy(
        await rows<LegalitasData & { usaha_id: string; jenis: JenisLegalitas }>(
          `select usaha_id, jenis, nomor, terbit::text, berlaku_sampai::text from umkm_legalitas where tenant_id = $1`,
          tenant,
        ),
      );
      const keuangan = groupBy(
        await rows<{
          usaha_id: string;
          tahun: number;
          modal: string | null;
          penjualan: string | null;
          kelas: Kelas;
          dasar: string;
        }>(
          `select usaha_id, tahun, modal, penjualan, kelas, dasar from umkm_keuangan where tenant_id = $1 order by tahun`,
          tenant,
        ),
      );
      const produk = await rows<Produk>(
        `select p.id, p.usaha_id, p.nama, p.kategori, p.merek, p.sku, p.asal, p.satuan, p.harga, p.kbli_versi,
                p.kbli_kode, p.tkdn, p.halal, p.sni, p.ekatalog, p.nama_terkunci,
                (select count(*)::int from umkm_foto f where f.tenant_id = p.tenant_id and f.produk_id = p.id) as jumlah_foto
           from umkm_produk p where p.tenant_id = $1 and p.demo`,
        tenant,
      );
      const batas = await rows<{ batas: unknown }>(
        `select batas from wilayah where tingkat = 'kecamatan' and kode like $1 || '.%' and batas is not null`,
        tenant,
      );
      const kotak = kotakGeometri(
        batas.map((b) => b.batas),
        TEPI_DERAJAT,
      );
      assert.ok(kotak, 'the city has boundaries');

      const salah: string[] = [];
      const data = new Map<string, UsahaData>();
      for (const u of usaha) {
        const where = `${u.nama} (${u.id})`;
        if (u.nib !== null && !periksaNib(u.nib).ok) salah.push(`${where}: NIB ${u.nib}`);
        if (u.npwp !== null && !periksaNpwp(u.npwp).ok) salah.push(`${where}: NPWP ${u.npwp}`);
        if (u.kswp_dicek !== null && u.kswp_dicek > today) salah.push(`${where}: KSWP checked in the future`);
        const kodes = kbli.get(u.id) ?? [];
        if (kodes.length === 0) salah.push(`${where}: no KBLI code`);
        for (const k of kodes)
          if (!validKbli(k.kode, k.versi)) salah.push(`${where}: KBLI ${k.kode} does not exist`);
        const utama = kodes.find((k) => k.utama);
        if (utama && u.sektor !== (kategoriKbli(utama.kode)?.huruf ?? null))
          salah.push(`${where}: sector ${u.sektor} is not that of KBLI ${utama.kode}`);
        const leg = legalitas.get(u.id) ?? [];
        for (const l of leg) {
          if (l.terbit !== null && l.terbit > today) salah.push(`${where}: ${l.jenis} issued in the future`);
          if (l.jenis === 'nib' && (!periksaNib(l.nomor).ok || l.nomor !== u.nib))
            salah.push(`${where}: NIB document ${l.nomor}`);
        }
        const tahunan = keuangan.get(u.id) ?? [];
        for (const k of tahunan) {
          const h = kelasUsaha({
            modal: k.modal === null ? null : Number(k.modal),
            penjualan: k.penjualan === null ? null : Number(k.penjualan),
          });
          if (h.kelas !== k.kelas || h.dasar !== k.dasar)
            salah.push(
              `${where}: ${k.tahun} is ${k.kelas} by ${k.dasar}, PP 7/2021 gives ${h.kelas} by ${h.dasar}`,
            );
        }
        if (u.kelas !== (tahunan.at(-1)?.kelas ?? null))
          salah.push(`${where}: class ${u.kelas} is not the latest year's`);
        if (u.lat !== null && u.lng !== null && !dalamKotak(u.lat, u.lng, kotak))
          salah.push(`${where}: point ${u.lat}, ${u.lng} outside the city`);
        data.set(u.id, {
          status: u.status,
          nib: u.nib,
          npwp: u.npwp,
          sikap: u.sikap,
          kswp_valid: u.kswp_valid,
          kswp_dicek: u.kswp_dicek,
          kbli: kodes.map((k) => ({ versi: k.versi, kode: k.kode })),
          legalitas: leg,
        });
      }

      let dalamEkatalog = 0;
      for (const p of produk) {
        const where = `${p.nama} (${p.id})`;
        if (p.kbli_kode !== null && !validKbli(p.kbli_kode, p.kbli_versi ?? ''))
          salah.push(`${where}: KBLI ${p.kbli_kode}`);
        if (p.ekatalog === 'belum_siap') continue;
        dalamEkatalog++;
        const c = syaratProduk(data.get(p.usaha_id)!, { ...p, harga: Number(p.harga) }, today);
        if (!c.siap) salah.push(`${where}: e-Katalog ${p.ekatalog} but not ready (${c.kurang.join(', ')})`);
        if ((p.ekatalog === 'diajukan' || p.ekatalog === 'tayang') !== p.nama_terkunci)
          salah.push(`${where}: name lock`);
      }
      assert.deepEqual(salah, [], `${salah.length} violations`);
      assert.ok(dalamEkatalog >= 10, `some products are on their way into e-Katalog (${dalamEkatalog})`);
    });

    it(`${city}: a credible catalogue (varied names, photos, points on the map)`, async () => {
      const produk = await rows<{ nama: string; kategori: KategoriProduk; foto: boolean }>(
        `select p.nama, p.kategori, exists (select 1 from umkm_foto f where f.tenant_id = p.tenant_id and f.produk_id = p.id) as foto
           from umkm_produk p where p.tenant_id = $1 and p.demo`,
        tenant,
      );
      const kali = new Map<string, number>();
      for (const p of produk) kali.set(p.nama, (kali.get(p.nama) ?? 0) + 1);
      const paling = Math.max(...kali.values());
      assert.ok(kali.size >= produk.length * 0.9, `${kali.size} names for ${produk.length} products`);
      assert.ok(paling <= 3, `no name more than three times (one is ${paling} times)`);
      const berfoto = produk.filter((p) => p.foto).length;
      assert.ok(berfoto >= produk.length * 0.8, `${berfoto} of ${produk.length} products have a photo`);
      const foto = await rows<{ lebar: number; besar: Buffer; kecil: Buffer }>(
        `select lebar, besar, kecil from umkm_foto where tenant_id = $1 limit 1`,
        tenant,
      );
      assert.equal(
        foto[0]!.besar.subarray(8, 12).toString('ascii'),
        'WEBP',
        'stored as the pipeline stores photos',
      );
      const peta = await rows<{ n: number; semua: number }>(
        `select count(*) filter (where lat is not null)::int as n, count(*)::int as semua
           from umkm_usaha where tenant_id = $1 and demo and status = 'terverifikasi'`,
        tenant,
      );
      assert.ok(
        peta[0]!.n >= peta[0]!.semua * 0.7,
        `${peta[0]!.n} of ${peta[0]!.semua} verified businesses on the map`,
      );
    });
  }
});
