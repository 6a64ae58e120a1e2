/**
 * The public KBS map: kelurahan coloured by the share of their RWs with a KBS status (Leaflet,
 * boundaries from the wilayah API, figures from /sampah/kbs/sebaran), the kecamatan ranking, and
 * every kelurahan's figures as a table (the map's text alternative, and the page without
 * JavaScript).
 */
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityOf, cityTx } from '../../../../platform/http/context.ts';
import { CityParams } from '../../../../platform/http/schemas.ts';
import { cityPath, sendPage } from '../../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import { headRow } from '../../../../platform/web/screen.ts';
import { tableWrap } from '../../../../platform/web/components.ts';
import { formatDate, formatNumber, type Translator } from '../../../../platform/i18n/index.ts';
import { sebaranKbs, HARI_PEMULIHAN, KELAS_PETA, type AngkaSebaran } from '../kbs-sebaran.ts';

function kelasLabel(t: Translator, k: number): string {
  if (k === -1) return t('sampah.peta.kelas.tanpaRw');
  if (k === 0) return t('sampah.peta.kelas.nol');
  const lo = KELAS_PETA[k - 1]!;
  const hi = KELAS_PETA[k];
  return hi === undefined
    ? t('sampah.peta.kelas.atas', { dari: formatNumber(lo) })
    : t('sampah.peta.kelas.rentang', { dari: formatNumber(lo), sampai: formatNumber(hi) });
}

const swatch = (k: number): SafeHtml => html`<span class="kbs-swatch kbs-k${k}" aria-hidden="true"></span>`;

function persenText(t: Translator, a: AngkaSebaran): string {
  return a.persen === null ? '—' : t('sampah.peta.persen', { n: formatNumber(a.persen) });
}

export function kbsPetaPage(app: BalaiApp): void {
  app.get(
    '/:city/sampah/peta',
    { schema: { params: CityParams }, config: { access: 'public' } },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const s = await cityTx(req, (trx) => sebaranKbs(trx, city));
      const kecNama = new Map(s.kecamatan.map((k) => [k.kode, k.nama]));
      const kelasSemua = [-1, 0, ...KELAS_PETA.map((_, i) => i + 1)];
      return sendPage(req, reply, {
        title: t('sampah.peta.title'),
        head: html`<link rel="stylesheet" href="/assets/leaflet/leaflet.css" />`,
        scripts: ['/assets/leaflet/leaflet.js', '/assets/js/peta-kbs.js'],
        body: html`<h1>${t('sampah.peta.heading', { city: s.kota.nama })}</h1>
          <p class="lead">
            ${t('sampah.peta.ringkas', {
              kbs: formatNumber(s.kota.jumlahKbs),
              rw: formatNumber(s.kota.jumlahRw),
              persen: persenText(t, s.kota),
            })}
          </p>
          <ul class="tiles">
            ${s.tingkat.map(
              (l) =>
                html`<li class="tile">
                  <span class="tile-value">${formatNumber(s.kota.perTingkat[l.id] ?? 0)}</span>
                  <span class="tile-label">${t('sampah.peta.rwTingkat', { tingkat: l.nama })}</span>
                </li>`,
            )}
          </ul>
          <div
            id="peta"
            class="peta-kbs"
            role="region"
            aria-label="${t('sampah.peta.label', { city: s.kota.nama })}"
            aria-describedby="peta-legenda"
            data-kelurahan-url="/api/v1/cities/${city.slug}/wilayah/kelurahan.geojson"
            data-sebaran-url="/api/v1/cities/${city.slug}/sampah/kbs/sebaran"
            data-label-rw="${t('sampah.peta.popup')}"
            data-label-tanpa-rw="${t('sampah.peta.kelas.tanpaRw')}"
            data-label-error="${t('sampah.peta.error')}"
          ></div>
          <p class="hint" id="peta-status" role="status"></p>
          <div id="peta-legenda">
            <h2 class="h-kecil">${t('sampah.peta.legenda')}</h2>
            <ul class="kbs-legenda">
              ${kelasSemua.map((k) => html`<li>${swatch(k)} ${kelasLabel(t, k)}</li>`)}
            </ul>
          </div>
          <section aria-labelledby="cap-peringkat">
            <h2>${t('sampah.peta.peringkat')}</h2>
            <p class="hint">${t('sampah.peta.peringkatAturan', { hari: formatNumber(HARI_PEMULIHAN) })}</p>
            ${tableWrap(
              'cap-peringkat',
              t('sampah.peta.peringkatCaption', { tanggal: formatDate(s.tanggal) }),
              headRow([
                { label: t('sampah.peta.kol.peringkat'), num: true },
                t('sampah.peta.kol.kecamatan'),
                { label: t('sampah.peta.kol.rw'), num: true },
                { label: t('sampah.peta.kol.kbs'), num: true },
                { label: t('sampah.peta.kol.persen'), num: true },
                { label: t('sampah.peta.kol.skor'), num: true },
                { label: t('sampah.peta.kol.kgKk'), num: true },
              ]),
              s.kecamatan.map(
                (k) =>
                  html`<tr>
                    <td class="num">${formatNumber(k.peringkat)}</td>
                    <th scope="row">${k.nama}</th>
                    <td class="num">${formatNumber(k.jumlahRw)}</td>
                    <td class="num">${formatNumber(k.jumlahKbs)}</td>
                    <td class="num">${persenText(t, k)}</td>
                    <td class="num">${k.rataSkor === null ? '—' : formatNumber(k.rataSkor)}</td>
                    <td class="num">${k.kgPerKk === null ? '—' : formatNumber(k.kgPerKk)}</td>
                  </tr>`,
              ),
            )}
          </section>
          <section aria-labelledby="h-kelurahan">
            <h2 id="h-kelurahan">${t('sampah.peta.kelurahan')}</h2>
            <details>
              <summary>${t('sampah.peta.kelurahanBuka', { n: formatNumber(s.kelurahan.length) })}</summary>
              ${tableWrap(
                'cap-kelurahan',
                t('sampah.peta.kelurahanCaption'),
                headRow([
                  t('sampah.peta.kol.kelurahan'),
                  t('sampah.peta.kol.kecamatan'),
                  { label: t('sampah.peta.kol.rw'), num: true },
                  { label: t('sampah.peta.kol.kbs'), num: true },
                  { label: t('sampah.peta.kol.persen'), num: true },
                ]),
                s.kelurahan.map(
                  (k) =>
                    html`<tr data-kode="${k.kode}">
                      <th scope="row">${swatch(k.kelas)} ${k.nama}</th>
                      <td>${kecNama.get(k.kecamatanKode) ?? ''}</td>
                      <td class="num">${formatNumber(k.jumlahRw)}</td>
                      <td class="num">${formatNumber(k.jumlahKbs)}</td>
                      <td class="num">${persenText(t, k)}</td>
                    </tr>`,
                ),
              )}
            </details>
          </section>
          <p class="meta">
            ${t('sampah.peta.sumber')}
            <a href="${cityPath(req, '/peta')}">${t('sampah.peta.petaWilayah')}</a>
          </p>`,
      });
    },
  );
}
