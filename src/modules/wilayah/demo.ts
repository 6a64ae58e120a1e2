/**
 * Demo RWs and RTs for a demo city: in every kelurahan RW 001 (the demo pengurus
 * RW is scoped to RW 001 of the first kelurahan) up to a random 3–12 RWs, each
 * with 2–8 RTs and a plausible number of households. Deterministic (ctx.random),
 * marked demo, inserted in bulk as the owner.
 */
import type { DemoContext } from '../../platform/module.ts';
import { asOwner } from '../../platform/db/transaction.ts';
import { listKelurahanRows } from './repository.ts';
import { demoPersonName } from '../../platform/demo-names.ts';

export async function wilayahDemo(ctx: DemoContext): Promise<void> {
  const { db, city, random } = ctx;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const name = () => demoPersonName(pick);
  const phone = () =>
    `08${pick(['12', '13', '21', '22', '52', '53', '57', '77', '78', '95'])}${String(between(0, 99_999_999)).padStart(8, '0')}`;

  await asOwner(db, city.id, async (trx) => {
    const kelurahan = await listKelurahanRows(trx, city.id);
    const rws: {
      kelurahan_kode: string;
      nomor: number;
      ketua_nama: string;
      ketua_telepon: string;
      jumlah_kk: number;
    }[] = [];
    const rtsPerRw = new Map<string, { ketua: string }[]>();
    for (const k of kelurahan) {
      const count = between(3, 12);
      for (let nomor = 1; nomor <= count; nomor++) {
        const rts = Array.from({ length: between(2, 8) }, () => ({ ketua: name() }));
        rws.push({
          kelurahan_kode: k.kode,
          nomor,
          ketua_nama: name(),
          ketua_telepon: phone(),
          jumlah_kk: rts.reduce((n) => n + between(25, 70), 0),
        });
        rtsPerRw.set(`${k.kode}/${nomor}`, rts);
      }
    }
    const rtRows: { tenant_id: string; rw_id: string; nomor: number; ketua_nama: string; demo: boolean }[] =
      [];
    for (let i = 0; i < rws.length; i += 1000) {
      const chunk = rws.slice(i, i + 1000);
      const ids = await trx
        .insertInto('rw')
        .values(chunk.map((r) => ({ tenant_id: city.id, ...r, demo: true })))
        .returning(['id', 'kelurahan_kode', 'nomor'])
        .execute();
      for (const r of ids) {
        (rtsPerRw.get(`${r.kelurahan_kode}/${r.nomor}`) ?? []).forEach((rt, n) =>
          rtRows.push({ tenant_id: city.id, rw_id: r.id, nomor: n + 1, ketua_nama: rt.ketua, demo: true }),
        );
      }
    }
    for (let i = 0; i < rtRows.length; i += 2000) {
      await trx
        .insertInto('rt')
        .values(rtRows.slice(i, i + 2000))
        .execute();
    }
  });
}
