/**
 * UMKM dashboards: the JSON API /api/v1/cities/:city/umkm/dasbor, the page /:city/umkm/dasbor
 * (tables with captions, numbers in id-ID) and the tiles of the city dashboard. dasbor.ts reads
 * and authorises.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { DashboardTile, ModuleContext, NavItem } from '../../platform/module.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, covers, type CurrentUser } from '../../platform/auth/roles.ts';
import type { City } from '../../platform/tenancy/service.ts';
import { formatNumber, type Translator } from '../../platform/i18n/index.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CitySlug, errorResponses } from '../../platform/http/schemas.ts';
import { cityPath, sendPage } from '../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../platform/web/html.ts';
import { option, selectField, tableWrap } from '../../platform/web/components.ts';
import { areasFor } from '../../platform/auth/roles.ts';
import { listKecamatanRows } from '../wilayah/repository.ts';
import { UMKM_DASBOR } from './permissions.ts';
import { STATUS_EKATALOG, STATUS_USAHA } from './tables.ts';
import { angkaTile, dasborUmkm, type DasborUmkm } from './dasbor.ts';

export const dasborNav: NavItem[] = [{ path: '/umkm/dasbor', label: 'umkm.nav.dasbor', access: UMKM_DASBOR }];

const TAGS = ['umkm'];
const CityParams = Type.Object({ city: CitySlug }, { additionalProperties: false });
const ApiQuery = Type.Object(
  { kecamatan: Type.Optional(Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' })) },
  { additionalProperties: false },
);
const PageQuery = Type.Object(
  { kecamatan: Type.Optional(Type.String({ pattern: '^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$' })) },
  { additionalProperties: false },
);
const Jumlah = Type.Integer({ minimum: 0 });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const DasborOut = Type.Object({
  wilayah: Type.Array(Type.Object({ kode: Type.String(), nama: Type.String() })),
  kecamatan: NullableString,
  total: Jumlah,
  perStatus: Type.Record(Type.String(), Jumlah),
  perKecamatan: Type.Array(
    Type.Object({ kode: Type.String(), nama: Type.String(), terdaftar: Jumlah, terverifikasi: Jumlah }),
  ),
  perSektor: Type.Array(Type.Object({ huruf: NullableString, judul: NullableString, jumlah: Jumlah })),
  perKelas: Type.Array(Type.Object({ kelas: NullableString, jumlah: Jumlah })),
  ekatalog: Type.Object({
    perStatus: Type.Record(Type.String(), Jumlah),
    lengkap: Jumlah,
    belumLengkap: Jumlah,
  }),
  pergerakan: Type.Array(
    Type.Object({
      tahunSebelum: Type.Integer(),
      tahun: Type.Integer(),
      naik: Jumlah,
      turun: Jumlah,
      tetap: Jumlah,
    }),
  ),
});

const access = { access: { permission: UMKM_DASBOR } } as const;

const n = (x: number) => formatNumber(x);

function tabel(id: string, caption: string, kolom: string[], rows: SafeHtml[]): SafeHtml {
  return tableWrap(
    id,
    caption,
    html`<tr>
      ${kolom.map((k, i) => html`<th scope="col" ${i > 0 ? html`class="num"` : ''}>${k}</th>`)}
    </tr>`,
    rows,
  );
}

function baris(label: string, ...angka: number[]): SafeHtml {
  return html`<tr>
    <th scope="row">${label}</th>
    ${angka.map((a) => html`<td class="num">${n(a)}</td>`)}
  </tr>`;
}

function dasborPage(
  req: FastifyRequest,
  reply: FastifyReply,
  d: DasborUmkm,
  pilihan: { kode: string; nama: string }[],
): FastifyReply {
  const t: Translator = req.t;
  const wilayah = d.wilayah.map((w) => w.nama).join(', ');
  const judul = t('umkm.dasbor.title');
  const self = cityPath(req, '/umkm/dasbor');
  return sendPage(req, reply, {
    title: judul,
    body: html`<h1>${judul}</h1>
      <p class="lead">${t('umkm.dasbor.intro', { wilayah })}</p>
      ${
        pilihan.length > 1
          ? html`<form
              class="filters"
              method="get"
              action="${self}"
              role="search"
              aria-label="${t('umkm.dasbor.pilihWilayah')}"
            >
              ${selectField({
                name: 'kecamatan',
                label: t('umkm.dasbor.pilihWilayah'),
                options: pilihan.map((p) => option(p.kode, p.nama, d.kecamatan ?? '')),
              })}
              <p><button type="submit" class="button">${t('umkm.dasbor.tampilkan')}</button></p>
            </form>`
          : ''
      }
      <section aria-labelledby="h-ringkas">
        <h2 id="h-ringkas">${t('umkm.dasbor.ringkas')}</h2>
        <dl class="facts">
          <dt>${t('umkm.dasbor.terdaftar')}</dt>
          <dd>${n(d.total)}</dd>
          <dt>${t('umkm.dasbor.terverifikasi')}</dt>
          <dd>${n(d.perStatus.terverifikasi)}</dd>
          <dt>${t('umkm.dasbor.produkTayang')}</dt>
          <dd>${n(d.ekatalog.perStatus.tayang)}</dd>
        </dl>
        <p class="hint">${t('umkm.dasbor.terdaftarHint')}</p>
      </section>
      ${tabel(
        'cap-status',
        t('umkm.dasbor.cap.status'),
        [t('umkm.dasbor.kol.status'), t('umkm.dasbor.kol.jumlah')],
        [
          ...STATUS_USAHA.map((s) => baris(t(`umkm.dasbor.status.${s}`), d.perStatus[s])),
          html`<tr class="total">
            <th scope="row">${t('umkm.dasbor.jumlah')}</th>
            <td class="num">${n(d.total)}</td>
          </tr>`,
        ],
      )}
      ${tabel(
        'cap-kecamatan',
        t('umkm.dasbor.cap.kecamatan'),
        [t('umkm.dasbor.kol.kecamatan'), t('umkm.dasbor.terdaftar'), t('umkm.dasbor.terverifikasi')],
        d.perKecamatan.map((k) => baris(k.nama, k.terdaftar, k.terverifikasi)),
      )}
      ${tabel(
        'cap-sektor',
        t('umkm.dasbor.cap.sektor'),
        [t('umkm.dasbor.kol.sektor'), t('umkm.dasbor.kol.jumlah')],
        d.perSektor.length
          ? d.perSektor.map((s) =>
              baris(s.huruf ? `${s.huruf} — ${s.judul ?? ''}` : t('umkm.dasbor.tanpaSektor'), s.jumlah),
            )
          : [
              html`<tr>
                <td colspan="2">${t('umkm.dasbor.kosong')}</td>
              </tr>`,
            ],
      )}
      ${tabel(
        'cap-kelas',
        t('umkm.dasbor.cap.kelas'),
        [t('umkm.dasbor.kol.kelas'), t('umkm.dasbor.kol.jumlah')],
        d.perKelas.map((k) =>
          baris(k.kelas ? t(`umkm.dasbor.kelas.${k.kelas}`) : t('umkm.dasbor.tanpaKelas'), k.jumlah),
        ),
      )}
      ${tabel(
        'cap-ekatalog',
        t('umkm.dasbor.cap.ekatalog'),
        [t('umkm.dasbor.kol.tahap'), t('umkm.dasbor.kol.produk')],
        STATUS_EKATALOG.map((s) => baris(t(`umkm.ekatalog.status.${s}`), d.ekatalog.perStatus[s])),
      )}
      ${tabel(
        'cap-kesiapan',
        t('umkm.dasbor.cap.kesiapan'),
        [t('umkm.dasbor.kol.kesiapan'), t('umkm.dasbor.kol.produk')],
        [
          baris(t('umkm.dasbor.lengkap'), d.ekatalog.lengkap),
          baris(t('umkm.dasbor.belumLengkap'), d.ekatalog.belumLengkap),
        ],
      )}
      ${tabel(
        'cap-pergerakan',
        t('umkm.dasbor.cap.pergerakan'),
        [t('umkm.dasbor.kol.tahun'), t('umkm.dasbor.naik'), t('umkm.dasbor.turun'), t('umkm.dasbor.tetap')],
        d.pergerakan.length
          ? d.pergerakan.map((p) => baris(`${p.tahunSebelum}–${p.tahun}`, p.naik, p.turun, p.tetap))
          : [
              html`<tr>
                <td colspan="4">${t('umkm.dasbor.pergerakanKosong')}</td>
              </tr>`,
            ],
      )}
      <p class="hint">${t('umkm.dasbor.pergerakanHint')}</p>`,
  });
}

export function dasborRoutes(app: FastifyInstance, _ctx: ModuleContext): void {
  app.get(
    '/api/v1/cities/:city/umkm/dasbor',
    {
      schema: {
        tags: TAGS,
        summary:
          "UMKM figures in the viewer's area: by status, kecamatan, sector, class; e-Katalog; class movement",
        params: CityParams,
        querystring: ApiQuery,
        response: { 200: DasborOut, ...errorResponses },
      },
      config: access,
    },
    (req) => {
      const q = req.query as Static<typeof ApiQuery>;
      return cityTx(req, (trx) => dasborUmkm(trx, cityOf(req), userOf(req), { kecamatan: q.kecamatan }));
    },
  );

  app.get(
    '/:city/umkm/dasbor',
    { schema: { params: CityParams, querystring: PageQuery }, config: access },
    async (req, reply) => {
      const q = req.query as Static<typeof PageQuery>;
      const city = cityOf(req);
      const user = userOf(req);
      const { d, pilihan } = await cityTx(req, async (trx) => {
        const areas = areasFor(user, UMKM_DASBOR);
        const kota = can(user, UMKM_DASBOR, city.id);
        const kec = (await listKecamatanRows(trx, city.id)).filter((k) =>
          areas.some((a) => covers(a, k.kode)),
        );
        const pilihan = [
          ...(kota ? [{ kode: '', nama: req.t('umkm.dasbor.seluruhKota', { kota: city.name }) }] : []),
          ...kec.map((k) => ({ kode: k.kode, nama: req.t('umkm.dasbor.kecamatan', { nama: k.nama }) })),
        ];
        return { d: await dasborUmkm(trx, city, user, { kecamatan: q.kecamatan || undefined }), pilihan };
      });
      return dasborPage(req, reply, d, pilihan);
    },
  );
}

/** City dashboard tiles for viewers of the whole city: verified businesses, products live in e-Katalog. */
export async function umkmTiles(
  trx: Tx,
  city: City,
  user: CurrentUser,
  t: Translator,
): Promise<DashboardTile[]> {
  if (!can(user, UMKM_DASBOR, city.id)) return [];
  const a = await angkaTile(trx);
  const href = `/${city.slug}/umkm/dasbor`;
  return [
    { label: t('umkm.dasbor.tile.terverifikasi'), value: formatNumber(a.terverifikasi), href },
    { label: t('umkm.dasbor.tile.tayang'), value: formatNumber(a.tayang), href },
  ];
}
