/**
 * The writes of a confirmed UMKM import (see impor.ts for the flow): creates and updates of
 * businesses, their KBLI codes and yearly figures, in bulk, in the caller's transaction.
 */
import { sql } from 'kysely';
import { type Tx } from '../../platform/db/transaction.ts';
import { fromExcluded } from '../../platform/db/upsert.ts';
import { type CurrentUser } from '../../platform/auth/roles.ts';
import { conflict } from '../../platform/http/problem.ts';
import { slugify } from '../../platform/text.ts';
import { indeksUsaha, addKata, teksCari } from './cari.ts';
import { kategoriKbli, VERSI_KBLI_BAKU } from './kbli.ts';
import type { RencanaBaris } from './impor-check.ts';

/** Rows written per INSERT. */
const POTONGAN = 500;

// ---- Applying ----

/** A slug for each new business, unique in the city (like the registry: name, then -2, -3 …). */
function uniqueSlug(taken: Set<string>, nama: string): string {
  const dasar = slugify(nama, 80);
  let slug = dasar;
  for (let i = 2; taken.has(slug); i++) slug = `${dasar}-${i}`;
  taken.add(slug);
  return slug;
}

function sektorOf(kbli: string[] | null): string | null {
  return kbli?.[0] ? (kategoriKbli(kbli[0])?.huruf ?? null) : null;
}

/** Columns an import row may change, with their SQL type (text unless given). */
const KOLOM_UBAH: Readonly<Record<string, string>> = {
  nama: 'text',
  pemilik_nama: 'text',
  nib: 'text',
  npwp: 'text',
  nik_enc: 'text',
  nik_samaran: 'text',
  telepon: 'text',
  email: 'text',
  alamat: 'text',
  kecamatan_kode: 'text',
  kelurahan_kode: 'text',
  rw_id: 'uuid',
  lat: 'double precision',
  lng: 'double precision',
  tahun_berdiri: 'integer',
  jumlah_pekerja: 'integer',
  slug: 'text',
  sektor: 'text',
  kelas: 'text',
};

/**
 * Updates many businesses in one statement: each object holds the business's id and only the
 * columns to change (a column it does not hold keeps its value; null clears it).
 */
async function updateMany(trx: Tx, rows: Record<string, unknown>[]): Promise<void> {
  for (const r of rows)
    for (const k of Object.keys(r))
      if (k !== 'id' && !(k in KOLOM_UBAH)) throw new Error(`impor: column ${k} cannot be updated in bulk`);
  const sets = Object.entries(KOLOM_UBAH).map(
    ([k, type]) =>
      sql`${sql.ref(k)} = case when v.d ? ${k} then (v.d->>${k})::${sql.raw(type)} else u.${sql.ref(k)} end`,
  );
  await sql`update umkm_usaha u set ${sql.join(sets)}, updated_at = now()
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as v(d)
    where u.id = (v.d->>'id')::uuid`.execute(trx);
}

/**
 * Writes a checked plan in the caller's transaction: new businesses in bulk (no owner account,
 * status draf, a first step in their history), updates row by row, the KBLI codes and figures of
 * both. Each business's class (the class of its latest year, as perbaruiKelas sets it) and the
 * search document of a new business (its stemmed name, as indeksUsaha builds it) are written with
 * the business instead of by two more statements per row; a renamed business is re-indexed with
 * indeksUsaha (its products' documents carry its name). impor.test.ts checks that perbaruiKelas
 * and indeksUsaha leave imported businesses unchanged.
 */
export async function applyPlan(
  trx: Tx,
  tenantId: string,
  user: CurrentUser,
  rencana: readonly RencanaBaris[],
  catatan: string,
  /** Called with the number of businesses written so far, after each batch. */
  kemajuan?: (ditulis: number) => Promise<void>,
): Promise<{ baru: number; diubah: number }> {
  const baru = rencana.filter((r) => r.aksi === 'baru');
  const ubah = rencana.filter((r) => r.aksi === 'ubah');
  const idBaris = new Map<number, string>();

  if (baru.length) {
    const taken = new Set((await trx.selectFrom('umkm_usaha').select('slug').execute()).map((r) => r.slug));
    const slugBaris = new Map<string, number>();
    const kata = new Set<string>();
    for (let i = 0; i < baru.length; i += POTONGAN) {
      const part = baru.slice(i, i + POTONGAN);
      const values = part.map((r) => {
        const slug = uniqueSlug(taken, r.nilai.nama!);
        slugBaris.set(slug, r.baris);
        // A new business has one year of figures at most, no description and no products: its
        // class is that year's (what perbaruiKelas gives) and its search document its stemmed
        // name (what indeksUsaha builds) — set here instead of two more statements per row.
        const a = teksCari(r.nilai.nama);
        for (const w of a.split(' ')) if (w && w.length <= 60) kata.add(w);
        return {
          ...r.nilai,
          tenant_id: tenantId,
          slug,
          pemilik_user_id: null,
          sektor: sektorOf(r.kbli),
          kelas: r.keuangan?.kelas ?? null,
          status: 'draf' as const,
          cari: sql`setweight(to_tsvector('simple', ${a}), 'A')`,
        };
      });
      const rows = await trx
        .insertInto('umkm_usaha')
        .values(values as never)
        .returning(['id', 'slug'])
        .execute()
        .catch(nibTaken);
      for (const row of rows) idBaris.set(slugBaris.get(row.slug)!, row.id);
      await kemajuan?.(i + part.length);
    }
    const langkah = baru.map((r) => ({
      tenant_id: tenantId,
      usaha_id: idBaris.get(r.baris)!,
      status: 'draf' as const,
      catatan,
      oleh: user.id,
    }));
    for (let i = 0; i < langkah.length; i += POTONGAN)
      await trx
        .insertInto('umkm_usaha_langkah')
        .values(langkah.slice(i, i + POTONGAN))
        .execute();
    await addKata(trx, [...kata]);
  }

  // The latest year of figures of each updated business that gets figures: a row's year at or
  // after it decides the class (what perbaruiKelas would give), an earlier year does not.
  const tahunAkhir = new Map<string, number>();
  const denganKeu = ubah.filter((r) => r.keuangan).map((r) => r.usahaId!);
  for (let i = 0; i < denganKeu.length; i += POTONGAN) {
    const rows = await trx
      .selectFrom('umkm_keuangan')
      .select((eb) => ['usaha_id', eb.fn.max('tahun').as('tahun')])
      .where('usaha_id', 'in', denganKeu.slice(i, i + POTONGAN))
      .groupBy('usaha_id')
      .execute();
    for (const row of rows) tahunAkhir.set(row.usaha_id, Number(row.tahun));
  }

  const ubahan: Record<string, unknown>[] = [];
  const slugBaru = new Set<string>();
  for (const r of ubah) {
    const set: Record<string, unknown> = { ...r.nilai, id: r.usahaId! };
    if (r.kbli) set.sektor = sektorOf(r.kbli);
    if (r.keuangan && r.keuangan.tahun >= (tahunAkhir.get(r.usahaId!) ?? 0)) set.kelas = r.keuangan.kelas;
    if (r.nilai.nama && r.nilai.nama !== r.namaLama) {
      const dasar = slugify(r.nilai.nama, 80);
      const taken = new Set(
        (
          await trx
            .selectFrom('umkm_usaha')
            .select('slug')
            .where('slug', 'like', `${dasar}%`)
            .where('id', '<>', r.usahaId!)
            .execute()
        ).map((x) => x.slug),
      );
      for (const x of slugBaru) taken.add(x);
      set.slug = uniqueSlug(taken, r.nilai.nama);
      slugBaru.add(set.slug as string);
    }
    ubahan.push(set);
    idBaris.set(r.baris, r.usahaId!);
  }
  for (let i = 0; i < ubahan.length; i += POTONGAN) {
    const part = ubahan.slice(i, i + POTONGAN);
    await updateMany(trx, part).catch(nibTaken);
    await kemajuan?.(baru.length + i + part.length);
  }

  // KBLI codes: a row with codes replaces the business's codes.
  const denganKbli = rencana.filter((r) => r.kbli !== null);
  const gantiKbli = denganKbli.filter((r) => r.aksi === 'ubah').map((r) => r.usahaId!);
  for (let i = 0; i < gantiKbli.length; i += POTONGAN)
    await trx
      .deleteFrom('umkm_usaha_kbli')
      .where('usaha_id', 'in', gantiKbli.slice(i, i + POTONGAN))
      .execute();
  const kbliRows = denganKbli.flatMap((r) =>
    r.kbli!.map((kode, i) => ({
      tenant_id: tenantId,
      usaha_id: idBaris.get(r.baris)!,
      versi: VERSI_KBLI_BAKU,
      kode,
      utama: i === 0,
    })),
  );
  for (let i = 0; i < kbliRows.length; i += POTONGAN)
    await trx
      .insertInto('umkm_usaha_kbli')
      .values(kbliRows.slice(i, i + POTONGAN))
      .execute();

  // A year's figures: added, or replacing that year's.
  const keu = rencana
    .filter((r) => r.keuangan)
    .map((r) => ({ tenant_id: tenantId, usaha_id: idBaris.get(r.baris)!, ...r.keuangan! }));
  for (let i = 0; i < keu.length; i += POTONGAN)
    await trx
      .insertInto('umkm_keuangan')
      .values(keu.slice(i, i + POTONGAN))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'usaha_id', 'tahun']).doUpdateSet({
          ...fromExcluded(['modal', 'penjualan', 'pekerja', 'kelas', 'dasar']),
          updated_at: new Date(),
        }),
      )
      .execute();
  // A renamed business's search documents (its own and its products').
  for (const r of ubah)
    if (r.nilai.nama !== undefined && r.nilai.nama !== r.namaLama) await indeksUsaha(trx, r.usahaId!);

  return { baru: baru.length, diubah: ubah.length };
}

function nibTaken(err: unknown): never {
  if (
    (err as { code?: string }).code === '23505' &&
    String((err as Error).message).includes('umkm_usaha_nib')
  )
    throw conflict('umkm.impor.err.berubah');
  throw err;
}
