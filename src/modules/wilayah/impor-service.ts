/**
 * The RW/RT import from a spreadsheet: the upload (checked, stored, queued), its view and the
 * background job that checks every row and imports all rows in one transaction, or none.
 */
import type { Db } from '../../platform/db/database.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { Jobs, JobPayload } from '../../platform/jobs/jobs.ts';
import { startJobAs } from '../../platform/jobs/acting-user.ts';
import { badRequest, notFound, field } from '../../platform/http/problem.ts';
import { areasFor, can, covers, rwAreaKode, type CurrentUser } from '../../platform/auth/roles.ts';
import { translator, type Translator } from '../../platform/i18n/index.ts';
import type { City } from '../../platform/tenancy/service.ts';
import {
  findImportContent,
  findImportRow,
  findWilayah,
  insertImport,
  listImportRows,
  listKelurahanRows,
  updateImportRow,
  upsertRts,
  upsertRws,
  type ImportRow,
  type RwValues,
} from './repository.ts';
import { checkFile, checkSheet, readSheet, type RowProblem } from './impor.ts';
import type { ImportRowError } from './tables.ts';
import { IMPOR, IMPORT_JOB } from './service.ts';

export interface ImportView {
  id: string;
  fileName: string;
  fileType: 'csv' | 'xlsx';
  status: ImportRow['status'];
  totalRows: number;
  processed: number;
  /** 0..100 */
  percent: number;
  createdRw: number;
  createdRt: number;
  errors: { row: number; column: string | null; message: string }[];
  createdAt: string;
  finishedAt: string | null;
  mine: boolean;
}

/** Problems are stored with their message key; shown in the reader's language (Indonesian stored as fallback). */
function importView(r: ImportRow, user: CurrentUser, t: Translator): ImportView {
  const percent =
    r.status === 'berhasil' || r.status === 'gagal'
      ? 100
      : r.total_rows > 0
        ? Math.min(100, Math.floor((r.processed / r.total_rows) * 100))
        : 0;
  return {
    id: r.id,
    fileName: r.file_name,
    fileType: r.file_type,
    status: r.status,
    totalRows: r.total_rows,
    processed: r.processed,
    percent,
    createdRw: r.created_rw,
    createdRt: r.created_rt,
    errors: r.errors.map((e) => ({
      row: e.row,
      column: e.column ?? null,
      message: e.code ? t(e.code, e.params) : e.message,
    })),
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    mine: r.user_id === user.id,
  };
}

/** An import is visible to whoever uploaded it and to those who may import for the whole city. */
function seesAllImports(user: CurrentUser): boolean {
  return can(user, IMPOR, user.tenantId);
}

export async function createImport(
  trx: Tx,
  jobs: Jobs,
  city: City,
  user: CurrentUser,
  file: { content: unknown; fileName?: string | undefined },
): Promise<string> {
  if (!Buffer.isBuffer(file.content)) {
    throw badRequest('error.validation', [field('berkas', 'wilayah.impor.err.noFile')]);
  }
  const check = checkFile(file.content);
  if (!check.ok) throw badRequest('error.validation', [field('berkas', check.code)]);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const given = file.fileName?.trim().replace(/[\\/]/g, '_').slice(0, 200);
  const id = await insertImport(trx, city.id, {
    user_id: user.id,
    file_name: given || `impor-wilayah-${stamp}.${check.kind}`,
    file_type: check.kind,
    content: file.content,
  });
  await jobs.send(trx, IMPORT_JOB, { tenantId: city.id, userId: user.id, importId: id });
  return id;
}

export async function getImport(trx: Tx, user: CurrentUser, id: string, t: Translator): Promise<ImportView> {
  const r = await findImportRow(trx, id);
  if (!r || (r.user_id !== user.id && !seesAllImports(user))) throw notFound('wilayah.impor.notFound');
  return importView(r, user, t);
}

export async function listImports(
  trx: Tx,
  user: CurrentUser,
  t: Translator,
  limit = 20,
): Promise<ImportView[]> {
  const rows = await listImportRows(trx, seesAllImports(user) ? null : user.id, limit);
  return rows.map((r) => importView(r, user, t));
}

/** Stored problems: at most this many per import (the rest are summarised in one line). */
const MAX_STORED_ERRORS = 1000;

function storedErrors(problems: RowProblem[]): ImportRowError[] {
  const id = translator('id');
  const out: ImportRowError[] = problems.slice(0, MAX_STORED_ERRORS).map((p) => ({
    row: p.row,
    ...(p.column ? { column: p.column } : {}),
    message: id(p.code, p.params),
    code: p.code,
    ...(p.params ? { params: p.params } : {}),
  }));
  if (problems.length > MAX_STORED_ERRORS) {
    const params = { count: problems.length - MAX_STORED_ERRORS };
    out.push({
      row: 0,
      message: id('wilayah.impor.err.more', params),
      code: 'wilayah.impor.err.more',
      params,
    });
  }
  return out;
}

/**
 * The background job: checks every row of the file first (progress every ~10 %),
 * then imports all rows in one transaction, or none and stores the problems.
 * Business failures end as status "gagal"; the job itself does not fail.
 */
export async function runImportJob(db: Db, payload: JobPayload): Promise<void> {
  const tenantId = payload.tenantId;
  const userId = payload.userId;
  const importId = typeof payload.importId === 'string' ? payload.importId : null;
  if (!userId || !importId) return;
  const loaded = await startJobAs(db, { tenantId, userId, permission: IMPOR }, async (trx) => {
    const row = await findImportRow(trx, importId);
    if (!row || row.status === 'berhasil' || row.status === 'gagal') return null;
    const city = await findWilayah(trx, tenantId);
    return { row, cityName: city?.nama ?? tenantId };
  });
  if (!loaded) return;
  const { user, cityName, run } = loaded;
  const fail = (problems: RowProblem[], total: number) =>
    run((trx) =>
      updateImportRow(trx, importId, {
        status: 'gagal',
        processed: total,
        errors: storedErrors(problems),
        finished_at: new Date(),
      }),
    );

  try {
    if (!user || !can(user, IMPOR)) {
      await fail([{ row: 0, code: 'wilayah.impor.err.noPermission' }], 0);
      return;
    }
    const file = await run(async (trx) => {
      await updateImportRow(trx, importId, { status: 'diproses', processed: 0 });
      return findImportContent(trx, importId);
    });
    if (!file) return;
    const sheet = await readSheet(file.content, file.file_type);
    if (!sheet.ok) {
      await fail([{ row: 0, code: sheet.code, ...(sheet.params ? { params: sheet.params } : {}) }], 0);
      return;
    }
    const total = sheet.rows.length;
    const kelurahan = await run(async (trx) => {
      await updateImportRow(trx, importId, { total_rows: total });
      return new Map((await listKelurahanRows(trx, tenantId)).map((k) => [k.kode, k.nama]));
    });
    const areas = areasFor(user, IMPOR);
    const { records, problems } = await checkSheet(sheet, {
      cityName,
      kelurahan,
      allowed: (kode, rw) => areas.some((a) => covers(a, rwAreaKode(kode, rw))),
      progress: (processed) => run((trx) => updateImportRow(trx, importId, { processed })),
    });
    if (problems.length) {
      await fail(problems, total);
      return;
    }
    await run(async (trx) => {
      const rws = new Map<string, RwValues>();
      for (const r of records) {
        const key = `${r.kelurahanKode}/${r.rw}`;
        const base = rws.get(key) ?? {
          kelurahan_kode: r.kelurahanKode,
          nomor: r.rw,
          ketua_nama: null,
          ketua_telepon: null,
          jumlah_kk: null,
        };
        if (r.rt === null) {
          base.ketua_nama = r.ketuaNama;
          base.ketua_telepon = r.ketuaTelepon;
          base.jumlah_kk = r.jumlahKk;
        }
        rws.set(key, base);
      }
      const { ids, inserted } = await upsertRws(trx, tenantId, [...rws.values()]);
      const rts = records
        .filter((r) => r.rt !== null)
        .map((r) => ({
          rw_id: ids.get(`${r.kelurahanKode}/${r.rw}`)!,
          nomor: r.rt!,
          ketua_nama: r.ketuaNama,
        }));
      const createdRt = await upsertRts(trx, tenantId, rts);
      await updateImportRow(trx, importId, {
        status: 'berhasil',
        processed: total,
        created_rw: inserted,
        created_rt: createdRt,
        errors: [],
        finished_at: new Date(),
      });
    });
  } catch (err) {
    console.error(`[wilayah.impor] import ${importId} failed:`, err);
    await fail([{ row: 0, code: 'wilayah.impor.err.internal' }], 0).catch(() => {});
  }
}
