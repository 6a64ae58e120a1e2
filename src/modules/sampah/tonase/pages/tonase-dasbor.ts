/**
 * The city waste dashboard (/sampah/tonase): the year's SIPSN figures against the Jakstrada
 * targets, the month-by-month trend, the kecamatan breakdown, today's TPA quota use and the links
 * to the SIPSN downloads (sipsn-export.ts). A kecamatan officer sees their kecamatan.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CityParams } from '../../../../platform/http/schemas.ts';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../../platform/http/context.ts';
import { can } from '../../../../platform/auth/roles.ts';
import { formatDate, formatNumber, type Translator } from '../../../../platform/i18n/index.ts';
import { thisYearWib } from '../../../../platform/waktu.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import { cityPath, sendPage } from '../../../../platform/web/layout.ts';
import { numberOptions, showBar } from '../../../../platform/web/screen.ts';
import { option, queryString, selectField, tableWrap } from '../../../../platform/web/components.ts';
import { listKecamatanRows } from '../../../wilayah/api.ts';
import { TONASE_ATUR, TONASE_LIHAT } from '../permissions-tonase.ts';
import { getDasbor, type DasborTonase, type SumberOperasi } from '../tonase-service.ts';
import { formatAngka, headRow, sipsnCells, sisaCatatan } from './tonase-parts.ts';

const DasborQuery = Type.Object(
  {
    tahun: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    kecamatan: Type.Optional(Type.String({ pattern: '^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$' })),
  },
  { additionalProperties: false },
);

function formatBulan(bulan: string, locale: string): string {
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
  const tahunIni = thisYearWib();
  const pilihan: number[] = [];
  for (let y = tahunIni; y > tahunIni - 6; y--) pilihan.push(y);
  if (!pilihan.includes(d.tahun)) pilihan.push(d.tahun);
  const q = queryString({ tahun: String(d.tahun) });
  return sendPage(req, reply, {
    title: judul,
    body: html`<h1>${judul}</h1>
      <p class="lead">${t('sampah.tonase.intro')}</p>
      ${can(req.user ?? null, TONASE_ATUR, req.city?.id) ? html`<p><a href="${self}/tahun">${t('sampah.pengaturan.tahun.link')}</a></p>` : ''}
      ${showBar(
        {
          action: self,
          label: t('sampah.tonase.pilihTahun'),
          button: t('sampah.tonase.tampilkan'),
          primary: true,
        },
        html`${selectField({
          name: 'tahun',
          label: t('sampah.tonase.pilihTahun'),
          options: numberOptions(pilihan, d.tahun),
        })}
        ${
          pilihanWilayah.length > 1
            ? selectField({
                name: 'kecamatan',
                label: t('sampah.tonase.pilihWilayah'),
                options: pilihanWilayah.map((w) => option(w.kode ?? '', w.nama, d.kecamatan ?? '')),
              })
            : ''
        }`,
      )}
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
          <dd>${formatAngka(s.sipsn.recyclingRate, 'persen')}</dd>
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
              <th scope="row">${formatBulan(b.bulan, req.locale)}</th>
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

export function tonaseDasborPage(app: BalaiApp, sumber: SumberOperasi): void {
  app.get(
    '/:city/sampah/tonase',
    {
      schema: { params: CityParams, querystring: DasborQuery },
      config: { access: { permission: TONASE_LIHAT } },
    },
    async (req, reply) => {
      const q = req.query;
      const tahun = q.tahun ?? thisYearWib();
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
        return { d: await getDasbor(trx, city, user, tahun, sumber, { kecamatan }), pilihan };
      });
      return dasborPage(req, reply, d, pilihan);
    },
  );
}
