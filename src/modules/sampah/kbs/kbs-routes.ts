/**
 * JSON API of the KBS programme, under /api/v1/cities/:city/sampah/kbs: indicators and status
 * levels, RW profiles and status history, assessments and their verification. Routes validate
 * and call the services (indikator-, rw-, penilaian-, bukti-service.ts), which authorise (404 outside the caller's areas, 403 without the right).
 */
import { Type } from 'typebox';
import type { BalaiApp, NavItem } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf, type Access } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { apiRoutes } from '../../../platform/http/api-route.ts';
import {
  submitPenilaian,
  createPenilaian,
  getPenilaian,
  returnPenilaian,
  listPenilaian,
  approvePenilaian,
  saveNilai,
} from './penilaian-service.ts';
import { getBukti, deleteBukti, uploadBukti } from './bukti-service.ts';
import {
  createIndikator,
  listIndikator,
  listTingkat,
  saveTingkat,
  updateIndikator,
} from './indikator-service.ts';
import { getRwKbs, saveProfil } from './rw-service.ts';
import { KBS_ATUR, KBS_LIHAT } from './permissions-kbs.ts';
import { sebaranKbs } from './kbs-sebaran.ts';

export const kbsNav: NavItem[] = [{ path: '/sampah/kbs', label: 'sampah.kbs.nav', access: KBS_LIHAT }];

const TAGS = ['sampah'];
const BASE = '/api/v1/cities/:city/sampah/kbs';
const user: Access = 'user';
const lihat: Access = { permission: KBS_LIHAT };
const atur: Access = { permission: KBS_ATUR };
import {
  IndikatorBody,
  IndikatorPatch,
  IndikatorOut,
  TingkatBody,
  TingkatOut,
  PenilaianBody,
  NilaiBody,
  KembalikanBody,
  SetujuiBody,
  ProfilBody,
  IdParams,
  RwParams,
  ListQuery,
  Any,
  BuktiParams,
  BuktiUpload,
  SebaranOut,
} from './kbs-schemas.ts';

export function kbsRoutes(app: BalaiApp): void {
  indikatorRoutes(app);
  rwRoutes(app);
  penilaianRoutes(app);
  buktiRoutes(app);
  sebaranRoutes(app);
}

function indikatorRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/indikator',
    {
      summary: "The city's KBS indicators (all, with inactive ones)",
      params: CityParams,
      out: Type.Array(IndikatorOut),
      access: lihat,
    },
    (req) => cityTx(req, (trx) => listIndikator(trx, { semua: true })),
  );
  api.post(
    '/indikator',
    {
      summary: 'Add an indicator',
      params: CityParams,
      body: IndikatorBody,
      out: IndikatorOut,
      status: 201,
      access: atur,
    },
    (req) => cityTx(req, (trx) => createIndikator(trx, userOf(req), req.body)),
  );
  api.patch(
    '/indikator/:id',
    {
      summary: 'Change an indicator (only the fields sent)',
      params: IdParams,
      body: IndikatorPatch,
      out: IndikatorOut,
      access: atur,
    },
    (req) => cityTx(req, (trx) => updateIndikator(trx, userOf(req), req.params.id, req.body)),
  );
  api.get(
    '/tingkat',
    {
      summary: 'Status levels, lowest first',
      params: CityParams,
      out: Type.Array(TingkatOut),
      access: lihat,
    },
    (req) => cityTx(req, (trx) => listTingkat(trx)),
  );
  api.put(
    '/tingkat',
    {
      summary: 'Add a level, or change the level with this urutan',
      params: CityParams,
      body: TingkatBody,
      out: TingkatOut,
      access: atur,
    },
    (req) => cityTx(req, (trx) => saveTingkat(trx, userOf(req), req.body)),
  );
}

function rwRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/rw/:rwId',
    {
      summary: "An RW's KBS profile, status, status history, kg recovered per month and assessments",
      params: RwParams,
      out: Any,
      access: user,
    },
    (req) => cityTx(req, (trx) => getRwKbs(trx, userOf(req), req.params.rwId)),
  );
  api.patch(
    '/rw/:rwId/profil',
    {
      summary: "Change an RW's KBS profile (only the fields sent)",
      params: RwParams,
      body: ProfilBody,
      out: Any,
      access: user,
    },
    (req) => cityTx(req, (trx) => saveProfil(trx, userOf(req), req.params.rwId, req.body)),
  );
}

function penilaianRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/penilaian',
    {
      summary: 'Assessments the caller sees; status=diajukan is the verification queue',
      params: CityParams,
      query: ListQuery,
      out: Type.Array(Any),
      access: lihat,
    },
    (req) => cityTx(req, (trx) => listPenilaian(trx, userOf(req), req.query)),
  );
  api.post(
    '/penilaian',
    {
      summary: 'Open a draft assessment of an RW for a month, with manual values',
      params: CityParams,
      body: PenilaianBody,
      out: Any,
      status: 201,
      location: (out) => `/penilaian/${(out as { id: string }).id}`,
      access: user,
    },
    (req) => cityTx(req, (trx) => createPenilaian(trx, userOf(req), req.body)),
  );
  api.get(
    '/penilaian/:id',
    {
      summary: 'One assessment with its values, score, level and steps',
      params: IdParams,
      out: Any,
      access: user,
    },
    (req) => cityTx(req, (trx) => getPenilaian(trx, userOf(req), req.params.id)),
  );
  api.put(
    '/penilaian/:id/nilai',
    {
      summary: 'Change manual values of a draft or returned assessment',
      params: IdParams,
      body: NilaiBody,
      out: Any,
      access: user,
    },
    (req) => cityTx(req, (trx) => saveNilai(trx, userOf(req), req.params.id, req.body)),
  );
  api.post(
    '/penilaian/:id/ajukan',
    {
      summary: 'Submit for verification (every manual value, and required evidence, present)',
      params: IdParams,
      out: Any,
      access: user,
    },
    (req) => cityTx(req, (trx) => submitPenilaian(trx, userOf(req), req.params.id)),
  );
  api.post(
    '/penilaian/:id/kembalikan',
    {
      summary: 'Return a submitted assessment with notes',
      params: IdParams,
      body: KembalikanBody,
      out: Any,
      access: user,
    },
    (req) => cityTx(req, (trx) => returnPenilaian(trx, userOf(req), req.params.id, req.body.catatan)),
  );
  api.post(
    '/penilaian/:id/setujui',
    {
      summary: "Approve: the score and level become the RW's status",
      params: IdParams,
      body: SetujuiBody,
      out: Any,
      access: user,
    },
    (req) => cityTx(req, (trx) => approvePenilaian(trx, userOf(req), req.params.id, req.body.catatan)),
  );
}

function buktiRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.post(
    '/penilaian/:id/bukti',
    {
      summary: 'Upload an evidence photo for a manual indicator (multipart: indikatorKode, foto)',
      description:
        'JPEG, PNG or WebP, at most 2 MB, at most 5 per indicator. The type is read from the file itself.',
      consumes: ['multipart/form-data'],
      params: IdParams,
      body: BuktiUpload,
      out: Any,
      status: 201,
      access: user,
    },
    (req) =>
      cityTx(req, (trx) =>
        uploadBukti(trx, userOf(req), req.params.id, {
          indikatorKode: req.body.indikatorKode,
          foto: req.body.foto,
          namaFile: req.uploads?.foto?.filename,
        }),
      ),
  );
  api.get(
    '/penilaian/:id/bukti/:buktiId',
    { summary: 'The bytes of an evidence photo', params: BuktiParams, raw: true, access: user },
    async (req, reply) => {
      const foto = await cityTx(req, (trx) => getBukti(trx, userOf(req), req.params.id, req.params.buktiId));
      return reply
        .type(foto.tipe)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', 'private, max-age=3600')
        .send(foto.isi);
    },
  );
  api.delete(
    '/penilaian/:id/bukti/:buktiId',
    {
      summary: 'Remove an evidence photo of a draft or returned assessment',
      params: BuktiParams,
      status: 204,
      access: user,
    },
    (req) => cityTx(req, (trx) => deleteBukti(trx, userOf(req), req.params.id, req.params.buktiId)),
  );
}

function sebaranRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/sebaran',
    {
      summary: 'Spread of KBS: per kelurahan the share of RWs with a KBS status, and the kecamatan ranking',
      description: 'Public: counts only. Ranked by the share of KBS RWs, then kg recovered per household.',
      params: CityParams,
      out: SebaranOut,
      replyHeaders: { 'cache-control': 'no-cache' },
      access: 'public',
    },
    (req) => cityTx(req, (trx) => sebaranKbs(trx, cityOf(req))),
  );
}
