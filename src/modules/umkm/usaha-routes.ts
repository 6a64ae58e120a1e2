/**
 * JSON API of the UMKM registry, under /api/v1/cities/:city/umkm: businesses (register, change,
 * KBLI codes, yearly figures, legality), verification, the owner's NIK for umkm.nik (audited).
 * Routes validate and call usaha-service.ts, which authorises (404 outside the caller's reach,
 * 403 without the right). The pages are in pages/.
 */
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf, type Access } from '../../platform/http/context.ts';
import { apiRoutes, pageOf } from '../../platform/http/api-route.ts';
import { CityParams, Paging, Uuid, oneOf, Nullable } from '../../platform/http/schemas.ts';
import {
  submitUsaha,
  setKbli,
  setKeuangan,
  readNik,
  createUsaha,
  listUsaha,
  getUsaha,
  deleteLegalitas,
  returnUsaha,
  addLegalitas,
  rejectUsaha,
  updateUsaha,
  listUsahaSaya,
  verifyUsaha,
  type UsahaView,
} from './usaha-service.ts';
import { JENIS_LEGALITAS, STATUS_USAHA } from './tables.ts';
import { KELAS_USAHA, KRITERIA } from './kelas.ts';
import { UMKM_LIHAT } from './permissions.ts';

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm';
const user: Access = 'user';

const Teks = (max: number) => Type.String({ maxLength: max });
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(t: T) => Type.Optional(t);

const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });

const UsahaFields = {
  nama: Teks(160),
  deskripsi: Opt(Nullable(Teks(4000))),
  nib: Opt(
    Nullable(Type.String({ maxLength: 40, description: '13 digits (OSS); spaces and dots are ignored' })),
  ),
  npwp: Opt(Nullable(Type.String({ maxLength: 40, description: '15 or 16 digits; punctuation ignored' }))),
  pemilikNama: Teks(120),
  nik: Opt(
    Nullable(
      Type.String({ maxLength: 40, description: "Owner's NIK, 16 digits; stored encrypted, shown masked" }),
    ),
  ),
  telepon: Opt(Nullable(Teks(30))),
  email: Opt(Nullable(Teks(200))),
  alamat: Opt(Nullable(Teks(300))),
  kelurahanKode: Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$' }),
  rwId: Opt(Nullable(Uuid)),
  lat: Opt(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lng: Opt(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  tahunBerdiri: Opt(Nullable(Type.Integer({ minimum: 1900, maximum: 2100 }))),
  jumlahPekerja: Opt(Nullable(Type.Integer({ minimum: 0, maximum: 100000 }))),
  umkmCenter: Opt(Type.Boolean()),
  sentra: Opt(Nullable(Teks(120))),
  inkubator: Opt(Nullable(Teks(120))),
  sikap: Opt(Type.Boolean({ description: 'Registered in SIKaP (LKPP)' })),
  kswpValid: Opt(Type.Boolean({ description: 'Tax status valid (KSWP)' })),
  kswpDicek: Opt(Nullable(Type.String({ format: 'date' }))),
};
const UsahaBaru = Type.Object(
  {
    ...UsahaFields,
    kbli: Opt(
      Type.Array(Type.String({ pattern: '^[0-9]{5}$' }), {
        maxItems: 20,
        description: 'KBLI 2020 codes; the first is the main one',
      }),
    ),
    untukOrangLain: Opt(
      Type.Boolean({ description: 'An officer enters a business that has no owner account' }),
    ),
  },
  { additionalProperties: false },
);
const UsahaPatch = Type.Partial(Type.Object(UsahaFields), { additionalProperties: false });

const UsahaRingkasOut = Type.Object({
  id: Uuid,
  slug: Type.String(),
  nama: Type.String(),
  pemilikNama: Type.String(),
  telepon: Nullable(Type.String({ description: 'Masked' })),
  kecamatanKode: Type.String(),
  kelurahanKode: Type.String(),
  kelas: Nullable(oneOf(KELAS_USAHA)),
  sektor: Nullable(Type.String()),
  status: oneOf(STATUS_USAHA),
  updatedAt: Type.String({ format: 'date-time' }),
});
const UsahaOut = Type.Object({
  ...UsahaRingkasOut.properties,
  deskripsi: Nullable(Type.String()),
  nib: Nullable(Type.String()),
  npwp: Nullable(Type.String()),
  nikSamaran: Nullable(Type.String({ description: 'Masked NIK, e.g. 3273********0001' })),
  telepon: Nullable(
    Type.String({ description: 'Full for the owner and managing officers, masked otherwise' }),
  ),
  email: Nullable(Type.String()),
  alamat: Nullable(Type.String()),
  rwId: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  tahunBerdiri: Nullable(Type.Integer()),
  jumlahPekerja: Nullable(Type.Integer()),
  umkmCenter: Type.Boolean(),
  sentra: Nullable(Type.String()),
  inkubator: Nullable(Type.String()),
  sikap: Type.Boolean(),
  kswpValid: Type.Boolean(),
  kswpDicek: Nullable(Type.String()),
  kbli: Type.Array(
    Type.Object({
      kode: Type.String(),
      versi: Type.String(),
      judul: Nullable(Type.String()),
      utama: Type.Boolean(),
    }),
  ),
  keuangan: Type.Array(
    Type.Object({
      tahun: Type.Integer(),
      modal: Nullable(Type.Integer()),
      penjualan: Nullable(Type.Integer()),
      pekerja: Nullable(Type.Integer()),
      kelas: oneOf(KELAS_USAHA),
      dasar: oneOf(KRITERIA),
      gerak: Nullable(oneOf(['naik', 'turun', 'tetap'] as const)),
    }),
  ),
  legalitas: Type.Array(
    Type.Object({
      id: Uuid,
      jenis: oneOf(JENIS_LEGALITAS),
      nomor: Type.String(),
      terbit: Nullable(Type.String()),
      berlakuSampai: Nullable(Type.String()),
      keterangan: Nullable(Type.String()),
      berlaku: Type.Boolean(),
    }),
  ),
  langkah: Type.Array(
    Type.Object({ status: oneOf(STATUS_USAHA), catatan: Nullable(Type.String()), at: Type.String() }),
  ),
  hak: Type.Object({
    ubah: Type.Boolean(),
    verifikasi: Type.Boolean(),
    nik: Type.Boolean(),
    milik: Type.Boolean(),
  }),
});

const DaftarQuery = Type.Object(
  {
    ...Paging,
    status: Opt(oneOf(STATUS_USAHA)),
    kecamatan: Opt(Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' })),
    kelas: Opt(oneOf(KELAS_USAHA)),
    q: Opt(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
const Rupiah = Type.Integer({ minimum: 0, maximum: 9_000_000_000_000_000, description: 'Whole rupiah' });
const KeuanganBody = Type.Object(
  { modal: Opt(Nullable(Rupiah)), penjualan: Opt(Nullable(Rupiah)), pekerja: Opt(Nullable(Type.Integer())) },
  { additionalProperties: false },
);
const LegalitasBody = Type.Object(
  {
    jenis: oneOf(JENIS_LEGALITAS),
    nomor: Teks(60),
    terbit: Opt(Nullable(Type.String({ format: 'date' }))),
    berlakuSampai: Opt(Nullable(Type.String({ format: 'date' }))),
    keterangan: Opt(Nullable(Teks(300))),
  },
  { additionalProperties: false },
);
const Catatan = (name: string, required: boolean) =>
  Type.Object(required ? { [name]: Teks(2000) } : { [name]: Opt(Nullable(Teks(2000))) }, {
    additionalProperties: false,
  });

export function usahaRoutes(app: BalaiApp, ctx: ModuleContext): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  const dataKey = ctx.config.dataKey;

  api.get(
    '/usaha',
    {
      summary: 'The registry within your areas (officers), newest change first',
      params: CityParams,
      query: DaftarQuery,
      out: Type.Object({ items: Type.Array(UsahaRingkasOut), total: Type.Integer() }),
      access: { permission: UMKM_LIHAT },
    },
    (req) => cityTx(req, (trx) => listUsaha(trx, userOf(req), { ...req.query, ...pageOf(req.query) })),
  );
  api.get(
    '/usaha/saya',
    { summary: 'The businesses you own', params: CityParams, out: Type.Array(UsahaRingkasOut), access: user },
    (req) => cityTx(req, (trx) => listUsahaSaya(trx, userOf(req))),
  );
  api.post(
    '/usaha',
    {
      summary: 'Register a business (you become its owner), or enter one for someone (umkm.kelola)',
      params: CityParams,
      body: UsahaBaru,
      out: UsahaOut,
      status: 201,
      location: (out) => `/usaha/${out.id}`,
      access: user,
    },
    (req) => {
      const { untukOrangLain, ...b } = req.body;
      return cityTx(req, (trx) =>
        createUsaha(trx, userOf(req), cityOf(req).id, dataKey, b, {
          untukOrangLain: untukOrangLain ?? false,
        }),
      );
    },
  );
  api.get('/usaha/:id', { summary: 'A business', params: IdParams, out: UsahaOut, access: user }, (req) =>
    cityTx(req, (trx) => getUsaha(trx, userOf(req), req.params.id)),
  );
  api.patch(
    '/usaha/:id',
    {
      summary: 'Change a business (only the fields sent)',
      params: IdParams,
      body: UsahaPatch,
      out: UsahaOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => updateUsaha(trx, userOf(req), req.params.id, dataKey, req.body)),
  );
  rincianRoutes(app);
  verifikasiRoutes(app, dataKey);
}

/** KBLI codes, yearly figures and legality of a business. */
function rincianRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.put(
    '/usaha/:id/kbli',
    {
      summary: 'Replace the KBLI 2020 codes (the first is the main one)',
      params: IdParams,
      body: Type.Object(
        { kbli: Type.Array(Type.String({ pattern: '^[0-9]{5}$' }), { maxItems: 20 }) },
        { additionalProperties: false },
      ),
      out: UsahaOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => setKbli(trx, userOf(req), req.params.id, req.body.kbli)),
  );
  api.put(
    '/usaha/:id/keuangan/:tahun',
    {
      summary: "Set a year's modal usaha and annual sales; the class follows PP 7/2021",
      params: Type.Object(
        {
          city: CityParams.properties.city,
          id: Uuid,
          tahun: Type.Integer({ minimum: 1900, maximum: 2100 }),
        },
        { additionalProperties: false },
      ),
      body: KeuanganBody,
      out: UsahaOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => setKeuangan(trx, userOf(req), req.params.id, req.params.tahun, req.body)),
  );
  api.post(
    '/usaha/:id/legalitas',
    {
      summary: 'Add a legality document (NIB, NPWP, PIRT, halal, BPOM, SNI, merek)',
      params: IdParams,
      body: LegalitasBody,
      out: UsahaOut,
      status: 201,
      access: user,
    },
    (req) => cityTx(req, (trx) => addLegalitas(trx, userOf(req), req.params.id, req.body)),
  );
  api.delete(
    '/usaha/:id/legalitas/:legalitasId',
    {
      summary: 'Remove a legality document',
      params: Type.Object(
        { city: CityParams.properties.city, id: Uuid, legalitasId: Uuid },
        { additionalProperties: false },
      ),
      out: UsahaOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => deleteLegalitas(trx, userOf(req), req.params.id, req.params.legalitasId)),
  );
}

/** Verification steps, and the owner's full NIK for umkm.nik (audited). */
function verifikasiRoutes(app: BalaiApp, dataKey: Buffer): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  type Tx = Parameters<Parameters<typeof cityTx>[1]>[0];
  type Body = Record<string, string | null | undefined>;
  const step = (
    path: string,
    summary: string,
    body: ReturnType<typeof Catatan> | null,
    run: (trx: Tx, u: ReturnType<typeof userOf>, id: string, b: Body) => Promise<UsahaView>,
  ) =>
    api.post(
      `/usaha/:id/${path}`,
      { summary, params: IdParams, body: body ?? undefined, out: UsahaOut, access: user },
      (req) => cityTx(req, (trx) => run(trx, userOf(req), req.params.id, (req.body ?? {}) as Body)),
    );
  step('ajukan', 'Submit for verification (the owner, or umkm.kelola)', null, (trx, u, id) =>
    submitUsaha(trx, u, id),
  );
  step(
    'kembalikan',
    'Return to the owner with notes (umkm.verifikasi)',
    Catatan('catatan', true),
    (trx, u, id, b) => returnUsaha(trx, u, id, b.catatan ?? ''),
  );
  step(
    'verifikasi',
    'Verify (umkm.verifikasi): the business appears in the public catalogue',
    Catatan('catatan', false),
    (trx, u, id, b) => verifyUsaha(trx, u, id, b.catatan ?? null),
  );
  step('tolak', 'Reject with a reason (umkm.verifikasi)', Catatan('alasan', true), (trx, u, id, b) =>
    rejectUsaha(trx, u, id, b.alasan ?? ''),
  );
  api.get(
    '/usaha/:id/nik',
    {
      summary: "The owner's full NIK (umkm.nik); every read is recorded in the audit log with its purpose",
      params: IdParams,
      query: Type.Object(
        { tujuan: Type.String({ minLength: 5, maxLength: 200 }) },
        { additionalProperties: false },
      ),
      out: Type.Object({ usahaId: Uuid, nik: Nullable(Type.String()) }),
      replyHeaders: { 'cache-control': 'no-store' },
      access: user,
    },
    (req) => cityTx(req, (trx) => readNik(trx, userOf(req), req.params.id, dataKey, req.query.tujuan)),
  );
}
