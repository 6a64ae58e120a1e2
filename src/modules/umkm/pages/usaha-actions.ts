/**
 * The forms of one business's page (/umkm/usaha/:id/...): profile, KBLI codes, yearly figures,
 * legality, submission and the officers' verification. On a schema failure or a service's
 * 400/409 the page is shown again with the form's errors; otherwise a redirect (303) to the page
 * with a flash message.
 */
import type { FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import type { Tx } from '../../../platform/db/transaction.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { can } from '../../../platform/auth/roles.ts';
import { parseRupiah } from '../../../platform/angka.ts';
import { cityPath } from '../../../platform/web/layout.ts';
import { formValues, mapFieldErrors, validationErrors } from '../../../platform/web/components.ts';
import { usahaUntuk } from '../access.ts';
import { UMKM_KELOLA } from '../permissions.ts';
import { getUsaha, updateUsaha } from '../usaha-service.ts';
import { addLegalitas, deleteLegalitas, setKbli, setKeuangan } from '../usaha-rincian-service.ts';
import { rejectUsaha, returnUsaha, submitUsaha, verifyUsaha } from '../usaha-verifikasi-service.ts';
import {
  CsrfForm,
  forUser,
  serviceErrors,
  IdParams,
  intOf,
  KbliForm,
  KembalikanForm,
  KeuanganForm,
  LegalitasForm,
  LegalitasParams,
  ProfilForm,
  findRwId,
  str,
  TolakForm,
  usahaInput,
  VerifikasiForm,
  type form,
  type OkKey,
} from './usaha-parts.ts';
import { RENAME_USAHA, USAHA_FIELDS } from './usaha-fields.ts';
import { renderUsahaPage } from './usaha-detail.ts';

type Body = Record<string, unknown>;

/** One form of the business page, posted to /:city/umkm/usaha/:id<path>. */
function aksi(
  app: BalaiApp,
  path: string,
  schema: ReturnType<typeof form>,
  fields: string[],
  formName: string,
  run: (
    req: FastifyRequest,
    trx: Tx,
    id: string,
    b: Body,
    params: { id: string; legalitasId?: string },
  ) => Promise<unknown>,
  ok: OkKey,
  opts: { rename?: Record<string, string>; params?: typeof IdParams | typeof LegalitasParams } = {},
) {
  app.post(
    `/:city/umkm/usaha/:id${path}`,
    { schema: { params: opts.params ?? IdParams, body: schema }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const params = req.params;
      const id = params.id;
      const values = formValues(req.body, fields);
      if (req.validationError)
        return renderUsahaPage(req, reply, id, {
          failed: { form: formName, values, errors: validationErrors(req), status: 400 },
        });
      const b = (req.body ?? {}) as Body;
      try {
        await cityTx(req, (trx) => run(req, trx, id, b, params));
      } catch (err) {
        return renderUsahaPage(req, reply, id, {
          failed: { form: formName, values, ...serviceErrors(req, err, opts.rename) },
        });
      }
      return reply.redirect(cityPath(req, `/umkm/usaha/${id}?ok=${ok}`), 303);
    },
  );
}

/** The KBLI form: add a code, remove one, make one the main code, or replace the list. */
async function saveKbliForm(req: FastifyRequest, trx: Tx, id: string, b: Body) {
  const user = userOf(req);
  const sekarang = (await getUsaha(trx, user, id)).kbli.map((k) => k.kode);
  const kode = (str(b, 'kode') ?? '').trim();
  const aksiKbli = str(b, 'aksi');
  let baru: string[];
  if (aksiKbli === 'tambah') {
    if (!kode)
      throw new HttpProblem(400, 'umkm.err.usaha', {
        errors: [{ pointer: '/body/kode', detail: 'umkm.err.wajib' }],
      });
    baru = [...sekarang, kode];
  } else if (aksiKbli === 'hapus') baru = sekarang.filter((k) => k !== kode);
  else if (aksiKbli === 'utama')
    baru = [kode, ...sekarang.filter((k) => k !== kode)].filter((k) => sekarang.includes(k));
  else if (aksiKbli === 'ganti')
    baru = (str(b, 'daftar') ?? '')
      .split(/[\s,;]+/)
      .map((k) => k.trim())
      .filter(Boolean);
  else
    throw new HttpProblem(400, 'umkm.err.usaha', {
      errors: [{ pointer: '/body/aksi', detail: 'validation.enum' }],
    });
  // A code's error goes to the field the form used.
  return mapFieldErrors(() => setKbli(trx, user, id, baru), {
    pointer: (p) => (p.startsWith('/body/kbli') ? `/body/${aksiKbli === 'ganti' ? 'daftar' : 'kode'}` : p),
  });
}

/** The yearly figures form: rupiah as typed, the year, the number of workers. */
async function saveKeuanganForm(req: FastifyRequest, trx: Tx, id: string, b: Body) {
  const modal = parseRupiah(str(b, 'modal'));
  const penjualan = parseRupiah(str(b, 'penjualan'));
  const errors = [
    ...(Number.isNaN(modal) ? [{ pointer: '/body/modal', detail: 'umkm.err.rupiah' }] : []),
    ...(Number.isNaN(penjualan) ? [{ pointer: '/body/penjualan', detail: 'umkm.err.rupiah' }] : []),
  ];
  if (errors.length) throw new HttpProblem(400, 'umkm.err.keuangan', { errors });
  const tahunText = (str(b, 'tahun') ?? '').trim();
  const tahun = /^\d{4}$/.test(tahunText) ? Number(tahunText) : Number.NaN;
  return setKeuangan(trx, userOf(req), id, tahun, {
    modal: modal ?? null,
    penjualan: penjualan ?? null,
    pekerja: intOf(str(b, 'pekerja')) ?? null,
  });
}

export function usahaActions(app: BalaiApp, ctx: ModuleContext): void {
  const dataKey = ctx.config.dataKey;

  aksi(
    app,
    '/profil',
    ProfilForm,
    [...USAHA_FIELDS, 'hapusNik', 'sikap', 'kswpValid', 'kswpDicek'],
    'profil',
    async (req, trx, id, b) => {
      const user = userOf(req);
      const u = await usahaUntuk(trx, user, id, 'pemilik');
      const input = usahaInput(b, false, can(user, UMKM_KELOLA, u.kelurahan_kode));
      const rwId = await findRwId(trx, input.kelurahanKode ?? '', str(b, 'rwNomor'));
      return updateUsaha(trx, user, id, dataKey, { ...input, ...(rwId !== undefined ? { rwId } : {}) });
    },
    'disimpan',
    { rename: RENAME_USAHA },
  );

  aksi(app, '/kbli', KbliForm, ['aksi', 'kode', 'daftar'], 'kbli', saveKbliForm, 'kbli');

  aksi(
    app,
    '/keuangan',
    KeuanganForm,
    ['tahun', 'modal', 'penjualan', 'pekerja'],
    'keuangan',
    saveKeuanganForm,
    'keuangan',
  );

  aksi(
    app,
    '/legalitas',
    LegalitasForm,
    ['jenis', 'nomor', 'terbit', 'berlakuSampai', 'keterangan'],
    'legalitas',
    async (req, trx, id, b) =>
      addLegalitas(trx, userOf(req), id, {
        jenis: str(b, 'jenis') ?? '',
        nomor: str(b, 'nomor') ?? '',
        terbit: str(b, 'terbit') || null,
        berlakuSampai: str(b, 'berlakuSampai') || null,
        keterangan: str(b, 'keterangan') || null,
      }),
    'legalitas',
  );

  aksi(
    app,
    '/legalitas/:legalitasId/hapus',
    CsrfForm,
    [],
    'legalitasHapus',
    async (req, trx, id, _b, params) => deleteLegalitas(trx, userOf(req), id, params.legalitasId ?? ''),
    'legalitasDihapus',
    { params: LegalitasParams },
  );

  aksi(
    app,
    '/ajukan',
    CsrfForm,
    [],
    'ajukan',
    async (req, trx, id) => submitUsaha(trx, userOf(req), id),
    'diajukan',
  );

  aksi(
    app,
    '/verifikasi',
    VerifikasiForm,
    ['catatanSetuju'],
    'verifikasi',
    async (req, trx, id, b) => verifyUsaha(trx, userOf(req), id, str(b, 'catatanSetuju') || null),
    'diverifikasi',
    { rename: { catatan: 'catatanSetuju' } },
  );

  aksi(
    app,
    '/kembalikan',
    KembalikanForm,
    ['catatan'],
    'kembalikan',
    async (req, trx, id, b) => returnUsaha(trx, userOf(req), id, str(b, 'catatan') ?? ''),
    'dikembalikan',
  );

  aksi(
    app,
    '/tolak',
    TolakForm,
    ['alasan'],
    'tolak',
    async (req, trx, id, b) => rejectUsaha(trx, userOf(req), id, str(b, 'alasan') ?? ''),
    'ditolak',
  );
}
