/**
 * The UMKM dashboard, /:city/umkm/dasbor: figures of the viewer's area (or one kecamatan) by
 * status, kecamatan, sector and class, e-Katalog readiness and class movement, as tables with
 * captions, numbers in id-ID.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { areasFor, can, covers } from '../../../platform/auth/roles.ts';
import { formatNumber, type Translator } from '../../../platform/i18n/index.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { filterForm, option, selectField, tableWrap } from '../../../platform/web/components.ts';
import { listKecamatanRows } from '../../wilayah/api.ts';
import { UMKM_DASBOR } from '../permissions.ts';
import { STATUS_EKATALOG, STATUS_USAHA } from '../tables.ts';
import { dasborUmkm, type DasborUmkm } from '../dasbor.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import type { BalaiApp } from '../../../platform/module.ts';

const PageQuery = Type.Object(
  { kecamatan: Type.Optional(Type.String({ pattern: '^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$' })) },
  { additionalProperties: false },
);

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

function renderDasbor(
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
          ? filterForm({ action: self, label: t('umkm.dasbor.pilihWilayah') }, [
              selectField({
                name: 'kecamatan',
                label: t('umkm.dasbor.pilihWilayah'),
                options: pilihan.map((p) => option(p.kode, p.nama, d.kecamatan ?? '')),
              }),
              html`<p><button type="submit" class="button">${t('umkm.dasbor.tampilkan')}</button></p>`,
            ])
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

export function dasborPage(app: BalaiApp): void {
  app.get(
    '/:city/umkm/dasbor',
    { schema: { params: CityParams, querystring: PageQuery }, config: access },
    async (req, reply) => {
      const q = req.query;
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
      return renderDasbor(req, reply, d, pilihan);
    },
  );
}
