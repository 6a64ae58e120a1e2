/**
 * The city waste dashboard page: the year's SIPSN figures against the Jakstrada targets, the
 * month-by-month trend, the kecamatan breakdown, today's TPA quota use and the SIPSN downloads.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CitySlug } from '../../platform/http/schemas.ts';
import { bacaKuantitas, nilaiAtau400 } from '../../platform/angka.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../platform/web/html.ts';
import {
  option,
  queryString,
  selectField,
  submitForm,
  tableWrap,
  type FailedForm,
} from '../../platform/web/components.ts';
import { can } from '../../platform/auth/roles.ts';
import { listKecamatanRows } from '../wilayah/repository.ts';
import { formatDate, formatNumber, type Translator } from '../../platform/i18n/index.ts';
import { TONASE_CATAT, TONASE_LIHAT } from './permissions-tonase.ts';
import {
  catatTonase,
  daftarCatatan,
  dasborTonase,
  hariIniWib,
  type CatatanView,
  type DasborTonase,
  type SumberOperasi,
} from './tonase-service.ts';
import { KOLOM_SIPSN, penjelasanSisa } from './tonase-ekspor.ts';
import { JENIS_CATATAN, type Sipsn } from './tonase-hitung.ts';

const CityParams = Type.Object({ city: CitySlug }, { additionalProperties: false });
const DasborQuery = Type.Object(
  {
    tahun: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    kecamatan: Type.Optional(Type.String({ pattern: '^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$' })),
  },
  { additionalProperties: false },
);

function angka(v: number | null, jenis: 'ton' | 'persen'): string {
  if (v === null) return '—';
  return jenis === 'ton' ? formatNumber(v) : `${formatNumber(v)}%`;
}

function sipsnCells(s: Sipsn): SafeHtml[] {
  return KOLOM_SIPSN.map((k) => html`<td class="num">${angka(s[k.key], k.jenis)}</td>`);
}

function headRow(t: Translator, first: string): SafeHtml {
  return html`<tr>
    <th scope="col">${first}</th>
    ${KOLOM_SIPSN.map((k) => html`<th scope="col" class="num">${t(k.label)}</th>`)}
  </tr>`;
}

/** The explanation under the table of the row no kecamatan holds. */
function sisaCatatan(s: DasborTonase['sipsn'], t: Translator): SafeHtml | '' {
  const p = penjelasanSisa(s, t);
  if (!p) return '';
  return html`<div id="sisa" class="hint">
    <p><strong>${t('sampah.tonase.sisa.nama')}</strong>: ${p.intro}</p>
    <ul>
      ${p.sebab.map((line) => html`<li>${line}</li>`)}
    </ul>
  </div>`;
}

function namaBulan(bulan: string, locale: string): string {
  const d = new Date(`${bulan}-01T00:00:00Z`);
  return d.toLocaleDateString(locale === 'en' ? 'en-GB' : 'id-ID', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function capaian(t: Translator, label: string, persen: number | null, target: number | undefined): SafeHtml {
  const value = persen === null ? '—' : t('sampah.tonase.persen', { n: formatNumber(persen) });
  const tercapai = persen !== null && target !== undefined && persen >= target;
  return html`<dt>${label}</dt>
    <dd>
      <strong>${value}</strong>
      (${target === undefined ? t('sampah.tonase.tanpaTarget') : t('sampah.tonase.target', { target: formatNumber(target) })})
      ${tercapai ? html`<span aria-hidden="true">✓</span>` : ''}
    </dd>`;
}

function dasborPage(
  req: FastifyRequest,
  reply: FastifyReply,
  d: DasborTonase,
  /** The areas the user may choose: the city (kode null) when allowed, and kecamatan. */
  pilihanWilayah: { kode: string | null; nama: string }[],
): FastifyReply {
  const t = req.t;
  const self = cityPath(req, '/sampah/tonase');
  const s = d.sipsn;
  const judul = d.kecamatan
    ? t('sampah.tonase.titleKecamatan', { kecamatan: s.kota.nama })
    : t('sampah.tonase.title');
  const target = s.target ?? undefined;
  const tahunIni = Number(hariIniWib().slice(0, 4));
  const pilihan: number[] = [];
  for (let y = tahunIni; y > tahunIni - 6; y--) pilihan.push(y);
  if (!pilihan.includes(d.tahun)) pilihan.push(d.tahun);
  const q = queryString({ tahun: String(d.tahun) });
  return sendPage(req, reply, {
    title: judul,
    body: html`<h1>${judul}</h1>
      <p class="lead">${t('sampah.tonase.intro')}</p>
      ${can(req.user ?? null, 'sampah.tonase.atur', req.city?.id) ? html`<p><a href="${self}/tahun">${t('sampah.pengaturan.tahun.link')}</a></p>` : ''}
      <form
        class="filters"
        method="get"
        action="${self}"
        role="search"
        aria-label="${t('sampah.tonase.pilihTahun')}"
      >
        ${selectField({
          name: 'tahun',
          label: t('sampah.tonase.pilihTahun'),
          options: pilihan.map((y) => option(String(y), String(y), String(d.tahun))),
        })}
        ${
          pilihanWilayah.length > 1
            ? selectField({
                name: 'kecamatan',
                label: t('sampah.tonase.pilihWilayah'),
                options: pilihanWilayah.map((w) => option(w.kode ?? '', w.nama, d.kecamatan ?? '')),
              })
            : ''
        }
        <p><button type="submit" class="button primary">${t('sampah.tonase.tampilkan')}</button></p>
      </form>
      <section aria-labelledby="h-capaian">
        <h2 id="h-capaian">${t('sampah.tonase.capaian', { tahun: String(d.tahun) })}</h2>
        ${s.berjalan ? html`<p class="meta">${t('sampah.tonase.sampaiTanggal', { tanggal: formatDate(s.sampai) })}</p>` : ''}
        <dl class="facts">
          <dt>${t('sampah.tonase.kol.timbulan')}</dt>
          <dd>${formatNumber(s.sipsn.timbulan)}</dd>
          ${capaian(t, t('sampah.tonase.kol.persenPengurangan'), s.sipsn.persenPengurangan, target?.pengurangan)}
          ${capaian(t, t('sampah.tonase.kol.persenPenanganan'), s.sipsn.persenPenanganan, target?.penanganan)}
          ${capaian(
            t,
            t('sampah.tonase.kol.persenTerkelola'),
            s.sipsn.persenTerkelola,
            target ? target.pengurangan + target.penanganan : undefined,
          )}
          <dt>${t('sampah.tonase.kol.recyclingRate')}</dt>
          <dd>${angka(s.sipsn.recyclingRate, 'persen')}</dd>
        </dl>
        ${s.timbulanLengkap ? '' : html`<p class="alert alert-info" role="status">${t('sampah.tonase.belumLengkap')}</p>`}
        ${
          d.kecamatan
            ? ''
            : html`<p class="meta">
                ${t('sampah.tonase.unduh')}:
                <a href="${self}/sipsn.xlsx${q}" download>${t('sampah.tonase.unduhXlsx')}</a> ·
                <a href="${self}/sipsn.csv${q}" download>${t('sampah.tonase.unduhCsv')}</a>
              </p>`
        }
      </section>
      <section aria-labelledby="h-kuota">
        <h2 id="h-kuota">${t('sampah.tonase.kuota.judul')}</h2>
        ${
          d.kuotaTpa.length === 0
            ? html`<p>${t('sampah.tonase.kuota.kosong')}</p>`
            : html`<ul class="plain">
                ${d.kuotaTpa.map(
                  (k) =>
                    html`<li>
                      <strong>${k.nama}</strong>:
                      ${t('sampah.tonase.kuota.nilai', {
                        terpakai: formatNumber(k.terpakai),
                        kuota: formatNumber(k.kuota),
                        persen: formatNumber(k.persen),
                      })}
                      — <span class="badge badge-${k.tingkat}">${t(`sampah.tonase.kuota.${k.tingkat}`)}</span>
                      <progress
                        max="${k.kuota}"
                        value="${Math.min(k.terpakai, k.kuota)}"
                        aria-hidden="true"
                      ></progress>
                    </li>`,
                )}
              </ul>`
        }
      </section>
      ${tableWrap(
        'cap-tren',
        t('sampah.tonase.trenBulanan', { tahun: String(d.tahun) }),
        headRow(t, t('sampah.tonase.kol.bulan')),
        d.bulanan.map(
          (b) =>
            html`<tr>
              <th scope="row">${namaBulan(b.bulan, req.locale)}</th>
              ${sipsnCells(b.sipsn)}
            </tr>`,
        ),
      )}
      ${tableWrap(
        'cap-sipsn',
        t('sampah.tonase.sipsn.caption', { tahun: String(d.tahun) }),
        headRow(t, t('sampah.tonase.kol.wilayah')),
        [
          html`<tr class="total">
            <th scope="row">${s.kota.nama}</th>
            ${sipsnCells(s.sipsn)}
          </tr>`,
          ...s.kecamatan.map(
            (k) =>
              html`<tr>
                <th scope="row">${k.nama}</th>
                ${sipsnCells(k.sipsn)}
              </tr>`,
          ),
          ...(s.tidakTeratribusi
            ? [
                html`<tr class="sisa">
                  <th scope="row"><a href="#sisa">${t('sampah.tonase.sisa.nama')}</a></th>
                  ${sipsnCells(s.tidakTeratribusi.sipsn)}
                </tr>`,
              ]
            : []),
        ],
      )}
      ${sisaCatatan(s, t)}
      <p class="hint">${t('sampah.tonase.aturan')}</p>`,
  });
}

const CatatanForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 100 })),
    tanggal: Type.Optional(Type.String({ maxLength: 20 })),
    kecamatanKode: Type.Optional(Type.String({ maxLength: 20 })),
    jenis: Type.Optional(Type.String({ maxLength: 40 })),
    ton: Type.Optional(Type.String({ maxLength: 20 })),
    keterangan: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
);
const CATATAN_FIELDS = ['tanggal', 'kecamatanKode', 'jenis', 'ton', 'keterangan'];

async function catatanPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { failed?: FailedForm; ok?: boolean },
): Promise<FastifyReply> {
  const t = req.t;
  const city = cityOf(req);
  const user = userOf(req);
  const hariIni = hariIniWib();
  const dari = new Date(Date.parse(`${hariIni}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  const { kecamatan, daftar } = await cityTx(req, async (trx) => {
    const kec = (await listKecamatanRows(trx, city.id)).filter((k) => can(user, TONASE_CATAT, k.kode));
    const mine = can(user, TONASE_CATAT, city.id) ? undefined : kec[0]?.kode;
    const list: CatatanView[] = can(user, TONASE_LIHAT, mine ?? city.id)
      ? await daftarCatatan(trx, city, user, { dari, sampai: hariIni, kecamatan: mine })
      : [];
    return { kecamatan: kec, daftar: list };
  });
  const nama = new Map(kecamatan.map((k) => [k.kode, k.nama]));
  const v = o.failed?.values ?? { tanggal: hariIni };
  const e = o.failed?.errors ?? {};
  const self = cityPath(req, '/sampah/tonase/catatan');
  return sendPage(req, reply, {
    title: t('sampah.tonase.catatan.title'),
    ...(o.failed ? { status: o.failed.status } : {}),
    body: html`<h1>${t('sampah.tonase.catatan.title')}</h1>
      <p class="lead">${t('sampah.tonase.catatan.intro')}</p>
      ${o.ok ? flash(t('sampah.tonase.catatan.tersimpan')) : ''} ${errorSummary(t, e)}
      <form method="post" action="${self}" novalidate>
        ${csrfField(req)}
        ${field({ name: 'tanggal', label: t('sampah.tonase.catatan.tanggal'), type: 'date', value: v.tanggal, error: e.tanggal, required: true })}
        ${selectField({
          name: 'kecamatanKode',
          label: t('sampah.tonase.catatan.kecamatan'),
          error: e.kecamatanKode,
          options: [
            ...(can(user, TONASE_CATAT, city.id)
              ? [option('', t('sampah.tonase.catatan.seluruhKota'), v.kecamatanKode ?? '')]
              : []),
            ...kecamatan.map((k) => option(k.kode, k.nama, v.kecamatanKode)),
          ],
        })}
        ${selectField({
          name: 'jenis',
          label: t('sampah.tonase.catatan.jenis'),
          error: e.jenis,
          required: true,
          options: JENIS_CATATAN.map((j) => option(j, t(`sampah.tonase.jenis.${j}`), v.jenis)),
        })}
        ${field({
          name: 'ton',
          label: t('sampah.tonase.catatan.ton'),
          hint: t('sampah.tonase.catatan.tonHint'),
          value: v.ton,
          error: e.ton,
          required: true,
          attrs: html`inputmode="decimal"`,
        })}
        ${field({ name: 'keterangan', label: t('sampah.tonase.catatan.keterangan'), value: v.keterangan, error: e.keterangan })}
        <p><button type="submit" class="button primary">${t('sampah.tonase.catatan.simpan')}</button></p>
      </form>
      ${
        daftar.length
          ? tableWrap(
              'cap-catatan',
              t('sampah.tonase.catatan.caption'),
              html`<tr>
                <th scope="col">${t('sampah.tonase.catatan.tanggal')}</th>
                <th scope="col">${t('sampah.tonase.catatan.kecamatan')}</th>
                <th scope="col">${t('sampah.tonase.catatan.jenis')}</th>
                <th scope="col" class="num">${t('sampah.tonase.catatan.ton')}</th>
                <th scope="col">${t('sampah.tonase.catatan.keterangan')}</th>
              </tr>`,
              daftar.map(
                (c) =>
                  html`<tr>
                    <td>${formatDate(c.tanggal)}</td>
                    <td>
                      ${c.kecamatanKode ? (nama.get(c.kecamatanKode) ?? c.kecamatanKode) : t('sampah.tonase.catatan.seluruhKota')}
                    </td>
                    <td>${t(`sampah.tonase.jenis.${c.jenis}`)}</td>
                    <td class="num">${formatNumber(c.ton)}</td>
                    <td>${c.keterangan ?? ''}</td>
                  </tr>`,
              ),
            )
          : ''
      }`,
  });
}

export function tonasePages(app: FastifyInstance, sumber: SumberOperasi): void {
  const catat = { access: { permission: TONASE_CATAT } } as const;
  app.get(
    '/:city/sampah/tonase/catatan',
    {
      schema: {
        params: CityParams,
        querystring: Type.Object({ ok: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
      config: catat,
    },
    (req, reply) => catatanPage(req, reply, { ok: Boolean((req.query as { ok?: string }).ok) }),
  );
  app.post(
    '/:city/sampah/tonase/catatan',
    { schema: { params: CityParams, body: CatatanForm }, attachValidation: true, config: catat },
    async (req, reply) => {
      const b = req.body as Static<typeof CatatanForm>;
      return submitForm(
        req,
        reply,
        CATATAN_FIELDS,
        (failed) => catatanPage(req, reply, { failed }),
        async () => {
          const ton = nilaiAtau400(bacaKuantitas(b.ton ?? '', { max: 100_000 }), '/body/ton');
          await cityTx(req, (trx) =>
            catatTonase(trx, cityOf(req), userOf(req), {
              tanggal: b.tanggal ?? '',
              kecamatanKode: b.kecamatanKode || null,
              jenis: b.jenis ?? '',
              ton,
              keterangan: b.keterangan ?? null,
            }),
          );
          return cityPath(req, '/sampah/tonase/catatan?ok=1');
        },
      );
    },
  );

  app.get(
    '/:city/sampah/tonase',
    {
      schema: { params: CityParams, querystring: DasborQuery },
      config: { access: { permission: TONASE_LIHAT } },
    },
    async (req, reply) => {
      const q = req.query as Static<typeof DasborQuery>;
      const tahun = q.tahun ?? Number(hariIniWib().slice(0, 4));
      const city = cityOf(req);
      const user = userOf(req);
      const { d, pilihan } = await cityTx(req, async (trx) => {
        const kec = (await listKecamatanRows(trx, city.id)).filter((k) => can(user, TONASE_LIHAT, k.kode));
        const kota = can(user, TONASE_LIHAT, city.id);
        const pilihan = [
          ...(kota ? [{ kode: null, nama: req.t('sampah.tonase.seluruhKota', { city: city.name }) }] : []),
          ...kec.map((k) => ({ kode: k.kode, nama: req.t('sampah.tonase.kecamatan', { nama: k.nama }) })),
        ];
        // Without the right over the city, the officer's (first) kecamatan.
        const kecamatan = q.kecamatan || (kota ? undefined : kec[0]?.kode);
        return { d: await dasborTonase(trx, city, user, tahun, sumber, { kecamatan }), pilihan };
      });
      return dasborPage(req, reply, d, pilihan);
    },
  );
}
