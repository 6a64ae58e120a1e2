/**
 * Loads the official kecamatan and kelurahan (codes, names, population, area,
 * boundaries) from data/wilayah into the `wilayah` reference table. Idempotent:
 * upserts every start, so a corrected data file takes effect on restart.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Insertable } from 'kysely';
import { projectRoot } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { asOwner } from '../../platform/db/transaction.ts';
import { fromExcluded } from '../../platform/db/upsert.ts';
import { WILAYAH_COLUMNS } from './repository.ts';
import type { WilayahTable } from './tables.ts';

export const dataDir = path.join(projectRoot, 'data', 'wilayah');

/** A row of the reference table with every column, the boundary as GeoJSON text. */
type Row = Required<Insertable<WilayahTable>>;

const num = (s: string | undefined) => (s ? Number(s) : null);

export function readReferenceRows(): Row[] {
  const lines = readFileSync(path.join(dataDir, 'wilayah.csv'), 'utf8').trim().split(/\r?\n/);
  const header = lines.shift();
  if (header !== 'kode,nama,tingkat,induk,penduduk_pria,penduduk_wanita,penduduk_total,luas_km2') {
    throw new Error('data/wilayah/wilayah.csv: unexpected header');
  }
  const rows = new Map<string, Row>();
  for (const line of lines) {
    const [kode, nama, tingkat, induk, pria, wanita, total, luas] = line.split(',');
    if (!kode || !nama || !tingkat) throw new Error(`data/wilayah/wilayah.csv: bad line ${line}`);
    rows.set(kode, {
      kode,
      nama,
      tingkat: tingkat as Row['tingkat'],
      induk: induk || null,
      penduduk_pria: num(pria),
      penduduk_wanita: num(wanita),
      penduduk_total: num(total),
      luas_km2: luas || null,
      lat: null,
      lng: null,
      batas: null,
    });
  }
  for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.geojson'))) {
    const fc = JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as {
      features: { properties: { kode: string; lat: number; lng: number }; geometry: unknown }[];
    };
    for (const f of fc.features) {
      const r = rows.get(f.properties.kode);
      if (!r) throw new Error(`${file}: ${f.properties.kode} is not in wilayah.csv`);
      r.lat = f.properties.lat;
      r.lng = f.properties.lng;
      r.batas = JSON.stringify(f.geometry);
    }
  }
  // Parents before children, for the foreign key on induk.
  const order = { provinsi: 0, kota: 1, kecamatan: 2, kelurahan: 3 } as const;
  return [...rows.values()].sort(
    (a, b) => order[a.tingkat] - order[b.tingkat] || a.kode.localeCompare(b.kode),
  );
}

export async function loadWilayahReference(db: Db): Promise<void> {
  const rows = readReferenceRows();
  await asOwner(db, null, async (trx) => {
    for (let i = 0; i < rows.length; i += 100) {
      await trx
        .insertInto('wilayah')
        .values(rows.slice(i, i + 100))
        .onConflict((oc) =>
          // Every column but the key is overwritten: names, figures and boundaries are revised.
          oc
            .column('kode')
            .doUpdateSet(fromExcluded([...WILAYAH_COLUMNS.filter((c) => c !== 'kode'), 'batas'])),
        )
        .execute();
    }
  });
}
