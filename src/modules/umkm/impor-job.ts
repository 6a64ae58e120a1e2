/**
 * The background steps of a UMKM import (see impor.ts for the flow): the check of an upload and
 * the writes of a confirmed import, both queued on IMPORT_JOB and run as the officer who asked.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { JobEnv, JobPayload } from '../../platform/jobs/jobs.ts';
import { startJobAs, type ActingUser } from '../../platform/jobs/acting-user.ts';
import { can } from '../../platform/auth/roles.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { wilayahNames } from '../wilayah/api.ts';
import { UMKM_IMPOR } from './permissions.ts';
import type { StatusImpor } from './tables.ts';
import { applyPlan } from './impor-apply.ts';
import {
  bahasaIndonesia,
  checkSheet,
  fileReport,
  type HasilPeriksa,
  type KonteksPeriksa,
} from './impor-check.ts';
import { checkImporFile, readImporFile } from './impor-columns.ts';
import { fingerprint, KOSONG, laporanOf, type ImporRow } from './impor.ts';

async function findCityName(trx: Tx, tenantId: string): Promise<string> {
  return (await wilayahNames(trx, [tenantId])).get(tenantId) ?? tenantId;
}

/** Reads and checks a stored file; file-level problems come back as `masalah` with no plan. */
async function checkContent(trx: Tx, isi: Buffer, ctx: KonteksPeriksa): Promise<HasilPeriksa> {
  const check = checkImporFile(isi);
  const sheet = check.ok ? await readImporFile(isi, check.kind) : null;
  if (!check.ok || !sheet || !sheet.ok) {
    const kode = !check.ok ? check.code : sheet && !sheet.ok ? sheet.code : 'umkm.impor.err.unreadable';
    const param = sheet && !sheet.ok ? sheet.params : undefined;
    const masalah = [{ baris: 0, kolom: null, kode, ...(param ? { param } : {}) }];
    return { jumlahBaris: 0, rencana: [], masalah, laporan: [] };
  }
  return checkSheet(trx, sheet, ctx);
}

/** A check that failed as a whole (no row-by-row report): the file cannot be imported. */
function failedWhole(h: HasilPeriksa): boolean {
  return h.laporan.length === 0 && h.masalah.length > 0;
}

/** A background step of an import, loaded as the user who asked for it. */
interface Tugas extends ActingUser {
  imporId: string;
  tenantId: string;
  row: Pick<ImporRow, 'status' | 'nama_file' | 'jumlah_baris' | 'laporan'> & { isi: Buffer };
  cityName: string;
  /** Records progress (umkm_impor.diproses) in its own short transaction. */
  kemajuan(diproses: number): Promise<void>;
}

/** Loads the import of a job when it is still in `status` (a job that comes late does nothing). */
async function startTask(db: Db, payload: JobPayload, status: StatusImpor): Promise<Tugas | null> {
  const { tenantId, userId } = payload;
  const imporId = typeof payload.imporId === 'string' ? payload.imporId : null;
  if (!userId || !imporId) return null;
  const tugas = await startJobAs(db, { tenantId, userId, permission: UMKM_IMPOR }, async (trx) => {
    const row = await trx
      .selectFrom('umkm_impor')
      .select(['status', 'isi', 'nama_file', 'jumlah_baris', 'laporan'])
      .where('id', '=', imporId)
      .executeTakeFirst();
    if (!row || row.status !== status) return null;
    return { row: row as Tugas['row'], cityName: await findCityName(trx, tenantId) };
  });
  if (!tugas) return null;
  const { run } = tugas;
  return {
    imporId,
    tenantId,
    ...tugas,
    kemajuan: (diproses) =>
      run((trx) =>
        trx
          .updateTable('umkm_impor')
          .set({ diproses, updated_at: new Date() })
          .where('id', '=', imporId)
          .execute(),
      ).then(() => undefined),
  };
}

/** Both background steps of an import share its queue: the check of an upload, and the writes. */
export async function runImportJob(db: Db, payload: JobPayload, env: JobEnv): Promise<void> {
  if (payload.tahap === 'tulis') await runWrite(db, payload, env.config.dataKey);
  else await runCheck(db, payload);
}

/**
 * The background check of an upload: reads the file, checks every row (progress about every
 * 5 %), and stores the report as a preview, or the file's problems as a failure. Business
 * failures end as status "gagal"; the job itself does not fail.
 */
async function runCheck(db: Db, payload: JobPayload): Promise<void> {
  const tugas = await startTask(db, payload, 'diperiksa');
  if (!tugas) return;
  const { imporId, tenantId, user, row, cityName, run } = tugas;
  const simpan = (h: HasilPeriksa) =>
    run(async (trx) => {
      const gagal = failedWhole(h);
      await trx
        .updateTable('umkm_impor')
        .set({
          status: gagal ? 'gagal' : 'pratinjau',
          jumlah_baris: h.jumlahBaris,
          diproses: h.jumlahBaris,
          baris_valid: h.rencana.length,
          laporan: JSON.stringify(gagal ? fileReport(h.masalah) : h.laporan),
          ...(gagal ? { isi: KOSONG } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', imporId)
        .where('status', '=', 'diperiksa')
        .execute();
    });

  try {
    if (!user || !can(user, UMKM_IMPOR)) {
      await simpan({
        jumlahBaris: 0,
        rencana: [],
        laporan: [],
        masalah: [{ baris: 0, kolom: null, kode: 'umkm.impor.err.tanpaHak' }],
      });
      return;
    }
    const check = checkImporFile(row.isi);
    const sheet = check.ok ? await readImporFile(row.isi, check.kind) : null;
    if (sheet?.ok) {
      const total = sheet.rows.length;
      await run((trx) =>
        trx
          .updateTable('umkm_impor')
          .set({ jumlah_baris: total, diproses: 0 })
          .where('id', '=', imporId)
          .execute(),
      );
      const hasil = await run((trx) =>
        checkSheet(trx, sheet, {
          tenantId,
          cityName,
          // Only checking: nilaiUsaha's encrypted NIK is thrown away, so any key does.
          dataKey: randomBytes(32),
          user,
          progress: tugas.kemajuan,
        }),
      );
      await simpan(hasil);
    } else {
      await simpan(
        await run((trx) =>
          checkContent(trx, row.isi, { tenantId, cityName, dataKey: randomBytes(32), user }),
        ),
      );
    }
  } catch (err) {
    console.error(`[umkm.impor] import ${imporId} failed:`, err);
    await simpan({
      jumlahBaris: 0,
      rencana: [],
      laporan: [],
      masalah: [{ baris: 0, kolom: null, kode: 'umkm.impor.err.internal' }],
    }).catch(() => {});
  }
}

/**
 * The writes of a confirmed import, as the confirming officer: re-reads and re-checks the file
 * (the registry may have changed since the preview) and, when the result is still the preview's
 * (no invalid rows, the same rows to create and update), writes every row in ONE transaction and
 * erases the file ('diimpor'). Otherwise nothing is written: the import is back at 'pratinjau'
 * with the renewed report and a note saying why (or 'gagal' if the file can no longer be read).
 * The import's row is not locked meanwhile (the progress is written beside the transaction);
 * 'mengimpor' itself keeps it from being confirmed or cancelled twice.
 */
async function runWrite(db: Db, payload: JobPayload, dataKey: Buffer): Promise<void> {
  const tugas = await startTask(db, payload, 'mengimpor');
  if (!tugas) return;
  const { imporId, tenantId, row, cityName, run } = tugas;
  const total = row.jumlah_baris ?? 0;
  const kembali = (catatan: string, h?: HasilPeriksa) =>
    run(async (trx) => {
      const gagal = h !== undefined && failedWhole(h);
      await trx
        .updateTable('umkm_impor')
        .set({
          status: gagal ? 'gagal' : 'pratinjau',
          catatan,
          diproses: h?.jumlahBaris ?? total,
          ...(h
            ? {
                laporan: JSON.stringify(gagal ? fileReport(h.masalah) : h.laporan),
                baris_valid: h.rencana.length,
                jumlah_baris: h.jumlahBaris,
              }
            : {}),
          ...(gagal ? { isi: KOSONG } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', imporId)
        .where('status', '=', 'mengimpor')
        .execute();
    });
  const user = tugas.user;
  if (!user || !can(user, UMKM_IMPOR)) {
    await kembali('umkm.impor.err.tanpaHak');
    return;
  }
  const periksa = (trx: Tx, progress?: (n: number) => Promise<void>) =>
    checkContent(trx, row.isi, { tenantId, cityName, dataKey, user, ...(progress ? { progress } : {}) });
  try {
    const berubah = await run(async (trx) => {
      const h = await periksa(trx, tugas.kemajuan);
      if (h.masalah.length > 0 || fingerprint(h.laporan) !== fingerprint(laporanOf(row))) return h;
      const hasil = await applyPlan(
        trx,
        tenantId,
        user,
        h.rencana,
        bahasaIndonesia('umkm.impor.langkahCatatan', { file: row.nama_file.slice(0, 150) }),
        (ditulis) => tugas.kemajuan(total + ditulis),
      );
      const done = await trx
        .updateTable('umkm_impor')
        .set({
          status: 'diimpor',
          hasil: JSON.stringify(hasil),
          isi: KOSONG,
          diproses: 2 * total,
          updated_at: new Date(),
        })
        .where('id', '=', imporId)
        .where('status', '=', 'mengimpor')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new Error(`import ${imporId} left 'mengimpor' meanwhile`);
      return null;
    });
    if (berubah) await kembali('umkm.impor.err.berubah', berubah);
  } catch (err) {
    // A NIB taken by another business between the check and the write (conflict): renew the
    // report so the officer sees it. Anything else: nothing was written; they may confirm again.
    const konflik = err instanceof HttpProblem && err.status === 409;
    if (!konflik) console.error(`[umkm.impor] writing import ${imporId} failed:`, err);
    await (
      konflik
        ? run((trx) => periksa(trx)).then((h) => kembali('umkm.impor.err.berubah', h))
        : kembali('umkm.impor.err.gagalTulis')
    ).catch((e: unknown) => console.error(`[umkm.impor] import ${imporId}:`, e));
  }
}
