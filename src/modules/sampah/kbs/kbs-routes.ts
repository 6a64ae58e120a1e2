/**
 * JSON API of the KBS programme, under /api/v1/cities/:city/sampah/kbs: indicators and status
 * levels, RW profiles and status history, assessments and their verification. Routes validate
 * and call kbs-service.ts, which authorises (404 outside the caller's areas, 403 without the right).
 */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext, NavItem } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams, Csrf, Uuid, errorResponses } from '../../../platform/http/schemas.ts';
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
import { kbsPages } from './kbs-pages.ts';
import { kbsPengaturanPages } from './kbs-pengaturan-pages.ts';
import { kbsPetaPages } from './kbs-peta-pages.ts';
import { sebaranKbs } from './kbs-sebaran.ts';

export const kbsNav: NavItem[] = [{ path: '/sampah/kbs', label: 'sampah.kbs.nav', access: KBS_LIHAT }];

const TAGS = ['sampah'];
const BASE = '/api/v1/cities/:city/sampah/kbs';
const user = { access: 'user' } as const;
const lihat = { access: { permission: KBS_LIHAT } } as const;
const atur = { access: { permission: KBS_ATUR } } as const;

const Jenis = Type.Union([Type.Literal('ya_tidak'), Type.Literal('persen'), Type.Literal('angka')]);
const Sumber = Type.Union([
  Type.Literal('manual'),
  Type.Literal('bank_sampah_aktif'),
  Type.Literal('kg_per_kk_bulan'),
]);
const Status = Type.Union([
  Type.Literal('draf'),
  Type.Literal('diajukan'),
  Type.Literal('dikembalikan'),
  Type.Literal('disetujui'),
]);
const Angka = Type.Number({ minimum: 0, maximum: 1e9 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const IndikatorBody = Type.Object(
  {
    kode: Type.String({
      pattern: '^[A-Z][A-Z0-9-]{0,19}$',
      description: 'A new code, starting with a letter',
    }),
    nama: Type.String({ minLength: 3, maxLength: 160 }),
    deskripsi: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    jenis: Jenis,
    ambang: Type.Optional(Nullable(Angka)),
    buktiWajib: Type.Optional(Type.Boolean()),
    bobot: Type.Integer({ minimum: 0, maximum: 100 }),
    sumber: Type.Optional(Sumber),
    urutan: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    aktif: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const IndikatorPatch = Type.Partial(Type.Omit(IndikatorBody, ['kode']), { additionalProperties: false });
const IndikatorOut = Type.Object({
  id: Type.String(),
  kode: Type.String(),
  nama: Type.String(),
  deskripsi: Nullable(Type.String()),
  jenis: Jenis,
  ambang: Nullable(Type.Number()),
  buktiWajib: Type.Boolean(),
  bobot: Type.Integer(),
  sumber: Sumber,
  urutan: Type.Integer(),
  aktif: Type.Boolean(),
});
const TingkatBody = Type.Object(
  {
    nama: Type.String({ minLength: 2, maxLength: 80 }),
    urutan: Type.Integer({ minimum: 1, maximum: 20 }),
    minSkor: Type.Number({ minimum: 0, maximum: 100 }),
    indikatorWajib: Type.Array(Type.String({ pattern: '^[A-Z0-9-]{1,20}$' }), { maxItems: 100 }),
  },
  { additionalProperties: false },
);
const TingkatOut = Type.Object({
  id: Type.String(),
  nama: Type.String(),
  urutan: Type.Integer(),
  minSkor: Type.Number(),
  indikatorWajib: Type.Array(Type.String()),
});
const NilaiItem = Type.Object(
  { indikatorKode: Type.String({ pattern: '^[A-Z0-9-]{1,20}$' }), nilai: Angka },
  { additionalProperties: false },
);
const Catatan = Type.String({ maxLength: 2000 });
const PenilaianBody = Type.Object(
  {
    rwId: Uuid,
    periode: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'Month YYYY-MM' }),
    nilai: Type.Optional(Type.Array(NilaiItem, { maxItems: 100 })),
    catatan: Type.Optional(Nullable(Catatan)),
  },
  { additionalProperties: false },
);
const NilaiBody = Type.Object(
  { nilai: Type.Array(NilaiItem, { maxItems: 100 }), catatan: Type.Optional(Nullable(Catatan)) },
  { additionalProperties: false },
);
const KembalikanBody = Type.Object(
  { catatan: Type.String({ minLength: 5, maxLength: 2000 }) },
  { additionalProperties: false },
);
const SetujuiBody = Type.Object(
  { catatan: Type.Optional(Nullable(Catatan)) },
  { additionalProperties: false },
);
const ProfilBody = Type.Object(
  {
    jumlahKk: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000 }))),
    penduduk: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1000000 }))),
    kontakNama: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    kontakTelepon: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    pemilahan: Type.Optional(Type.Boolean()),
    pengomposan: Type.Optional(Type.Boolean()),
    maggot: Type.Optional(Type.Boolean()),
    jadwalAngkut: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });
const RwParams = Type.Object(
  { city: CityParams.properties.city, rwId: Uuid },
  { additionalProperties: false },
);
const ListQuery = Type.Object(
  { status: Type.Optional(Status), rwId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
const Any = Type.Object({}, { additionalProperties: true });
const BuktiParams = Type.Object(
  { city: CityParams.properties.city, id: Uuid, buktiId: Uuid },
  { additionalProperties: false },
);
const BuktiUpload = Type.Object(
  {
    indikatorKode: Type.String({ pattern: '^[A-Z0-9-]{1,20}$' }),
    foto: Type.Unknown({ description: 'JPEG, PNG or WebP photo, at most 2 MB, multipart field "foto"' }),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

const AngkaSebaran = {
  jumlahRw: Type.Integer(),
  jumlahKbs: Type.Integer({ description: 'RWs whose current status reached a level' }),
  persen: Type.Union([Type.Number(), Type.Null()], { description: 'jumlahKbs / jumlahRw, percent' }),
  perTingkat: Type.Record(Type.String(), Type.Integer(), { description: 'RWs per current level id' }),
};
const SebaranOut = Type.Object({
  tanggal: Type.String({ format: 'date' }),
  tingkat: Type.Array(Type.Object({ id: Uuid, nama: Type.String(), urutan: Type.Integer() })),
  kota: Type.Object({ kode: Type.String(), nama: Type.String(), ...AngkaSebaran }),
  kelurahan: Type.Array(
    Type.Object({
      kode: Type.String(),
      nama: Type.String(),
      kecamatanKode: Type.String(),
      kelas: Type.Integer({ description: 'Map colour class: -1 no RW recorded, 0 no KBS RW, 1-5 by share' }),
      ...AngkaSebaran,
    }),
  ),
  kecamatan: Type.Array(
    Type.Object({
      peringkat: Type.Integer(),
      kode: Type.String(),
      nama: Type.String(),
      rataSkor: Type.Union([Type.Number(), Type.Null()]),
      jumlahKk: Type.Integer(),
      kgPemulihan: Type.Number({ description: 'kg recovered by bank sampah in the last 30 days' }),
      kgPerKk: Type.Union([Type.Number(), Type.Null()], {
        description: 'kg recovered by bank sampah in the last 30 days per household',
      }),
      ...AngkaSebaran,
    }),
  ),
});

export function kbsRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  kbsPages(app, ctx);
  kbsPengaturanPages(app, ctx);
  kbsPetaPages(app);
  app.get(
    `${BASE}/indikator`,
    {
      schema: {
        tags: TAGS,
        summary: "The city's KBS indicators (all, with inactive ones)",
        params: CityParams,
        response: { 200: Type.Array(IndikatorOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => cityTx(req, (trx) => listIndikator(trx, { semua: true })),
  );
  app.post(
    `${BASE}/indikator`,
    {
      schema: {
        tags: TAGS,
        summary: 'Add an indicator',
        params: CityParams,
        body: IndikatorBody,
        response: { 201: IndikatorOut, ...errorResponses },
      },
      config: atur,
    },
    async (req, reply) => {
      const b = req.body as Static<typeof IndikatorBody>;
      const out = await cityTx(req, (trx) => createIndikator(trx, userOf(req), b));
      return reply.status(201).send(out);
    },
  );
  app.patch(
    `${BASE}/indikator/:id`,
    {
      schema: {
        tags: TAGS,
        summary: 'Change an indicator (only the fields sent)',
        params: IdParams,
        body: IndikatorPatch,
        response: { 200: IndikatorOut, ...errorResponses },
      },
      config: atur,
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = req.body as Static<typeof IndikatorPatch>;
      return cityTx(req, (trx) => updateIndikator(trx, userOf(req), id, b));
    },
  );
  app.get(
    `${BASE}/tingkat`,
    {
      schema: {
        tags: TAGS,
        summary: 'Status levels, lowest first',
        params: CityParams,
        response: { 200: Type.Array(TingkatOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => cityTx(req, (trx) => listTingkat(trx)),
  );
  app.put(
    `${BASE}/tingkat`,
    {
      schema: {
        tags: TAGS,
        summary: 'Add a level, or change the level with this urutan',
        params: CityParams,
        body: TingkatBody,
        response: { 200: TingkatOut, ...errorResponses },
      },
      config: atur,
    },
    async (req) => {
      const b = req.body as Static<typeof TingkatBody>;
      return cityTx(req, (trx) => saveTingkat(trx, userOf(req), b));
    },
  );

  app.get(
    `${BASE}/rw/:rwId`,
    {
      schema: {
        tags: TAGS,
        summary: "An RW's KBS profile, status, status history, kg recovered per month and assessments",
        params: RwParams,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { rwId } = req.params as Static<typeof RwParams>;
      return cityTx(req, (trx) => getRwKbs(trx, userOf(req), rwId));
    },
  );
  app.patch(
    `${BASE}/rw/:rwId/profil`,
    {
      schema: {
        tags: TAGS,
        summary: "Change an RW's KBS profile (only the fields sent)",
        params: RwParams,
        body: ProfilBody,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { rwId } = req.params as Static<typeof RwParams>;
      const b = req.body as Static<typeof ProfilBody>;
      return cityTx(req, (trx) => saveProfil(trx, userOf(req), rwId, b));
    },
  );

  app.get(
    `${BASE}/penilaian`,
    {
      schema: {
        tags: TAGS,
        summary: 'Assessments the caller sees; status=diajukan is the verification queue',
        params: CityParams,
        querystring: ListQuery,
        response: { 200: Type.Array(Any), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const q = req.query as Static<typeof ListQuery>;
      return cityTx(req, (trx) => listPenilaian(trx, userOf(req), q));
    },
  );
  app.post(
    `${BASE}/penilaian`,
    {
      schema: {
        tags: TAGS,
        summary: 'Open a draft assessment of an RW for a month, with manual values',
        params: CityParams,
        body: PenilaianBody,
        response: { 201: Any, ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const b = req.body as Static<typeof PenilaianBody>;
      const out = await cityTx(req, (trx) => createPenilaian(trx, userOf(req), b));
      return reply
        .status(201)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/sampah/kbs/penilaian/${out.id}`)
        .send(out);
    },
  );
  app.get(
    `${BASE}/penilaian/:id`,
    {
      schema: {
        tags: TAGS,
        summary: 'One assessment with its values, score, level and steps',
        params: IdParams,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParams>;
      return cityTx(req, (trx) => getPenilaian(trx, userOf(req), id));
    },
  );
  app.put(
    `${BASE}/penilaian/:id/nilai`,
    {
      schema: {
        tags: TAGS,
        summary: 'Change manual values of a draft or returned assessment',
        params: IdParams,
        body: NilaiBody,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = req.body as Static<typeof NilaiBody>;
      return cityTx(req, (trx) => saveNilai(trx, userOf(req), id, b));
    },
  );
  app.post(
    `${BASE}/penilaian/:id/ajukan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Submit for verification (every manual value, and required evidence, present)',
        params: IdParams,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParams>;
      return cityTx(req, (trx) => submitPenilaian(trx, userOf(req), id));
    },
  );
  app.post(
    `${BASE}/penilaian/:id/kembalikan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Return a submitted assessment with notes',
        params: IdParams,
        body: KembalikanBody,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = req.body as Static<typeof KembalikanBody>;
      return cityTx(req, (trx) => returnPenilaian(trx, userOf(req), id, b.catatan));
    },
  );
  app.post(
    `${BASE}/penilaian/:id/setujui`,
    {
      schema: {
        tags: TAGS,
        summary: "Approve: the score and level become the RW's status",
        params: IdParams,
        body: SetujuiBody,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = req.body as Static<typeof SetujuiBody>;
      return cityTx(req, (trx) => approvePenilaian(trx, userOf(req), id, b.catatan));
    },
  );

  app.post(
    `${BASE}/penilaian/:id/bukti`,
    {
      schema: {
        tags: TAGS,
        summary: 'Upload an evidence photo for a manual indicator (multipart: indikatorKode, foto)',
        description:
          'JPEG, PNG or WebP, at most 2 MB, at most 5 per indicator. The type is read from the file itself.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        body: BuktiUpload,
        response: { 201: Any, ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = req.body as Static<typeof BuktiUpload>;
      const out = await cityTx(req, (trx) =>
        uploadBukti(trx, userOf(req), id, {
          indikatorKode: b.indikatorKode,
          foto: b.foto,
          namaFile: req.uploads?.foto?.filename,
        }),
      );
      return reply.status(201).send(out);
    },
  );
  app.get(
    `${BASE}/penilaian/:id/bukti/:buktiId`,
    {
      schema: { tags: TAGS, summary: 'The bytes of an evidence photo', params: BuktiParams },
      config: user,
    },
    async (req, reply) => {
      const { id, buktiId } = req.params as Static<typeof BuktiParams>;
      const foto = await cityTx(req, (trx) => getBukti(trx, userOf(req), id, buktiId));
      return reply
        .type(foto.tipe)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', 'private, max-age=3600')
        .send(foto.isi);
    },
  );
  app.delete(
    `${BASE}/penilaian/:id/bukti/:buktiId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Remove an evidence photo of a draft or returned assessment',
        params: BuktiParams,
        response: { ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const { id, buktiId } = req.params as Static<typeof BuktiParams>;
      await cityTx(req, (trx) => deleteBukti(trx, userOf(req), id, buktiId));
      return reply.status(204).send();
    },
  );
  app.get(
    `${BASE}/sebaran`,
    {
      schema: {
        tags: TAGS,
        summary: 'Spread of KBS: per kelurahan the share of RWs with a KBS status, and the kecamatan ranking',
        description: 'Public: counts only. Ranked by the share of KBS RWs, then kg recovered per household.',
        params: CityParams,
        response: { 200: SebaranOut, ...errorResponses },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const out = await cityTx(req, (trx) => sebaranKbs(trx, cityOf(req)));
      return reply.header('cache-control', 'no-cache').send(out);
    },
  );
}
