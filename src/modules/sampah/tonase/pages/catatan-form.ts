/**
 * Manual tonnage entries (/sampah/tonase/catatan): the form to record an entry for a day (the
 * city, or a kecamatan in the officer's area) and the entries of the last 30 days.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CityParams } from '../../../../platform/http/schemas.ts';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../../platform/http/context.ts';
import { readKuantitas, valueOr400 } from '../../../../platform/angka.ts';
import { can } from '../../../../platform/auth/roles.ts';
import { formatDate, formatNumber } from '../../../../platform/i18n/index.ts';
import { addDays, todayWib } from '../../../../platform/waktu.ts';
import { html } from '../../../../platform/web/html.ts';
import { cityPath, errorSummary, field, flash, sendPage } from '../../../../platform/web/layout.ts';
import { option, selectField, type FailedForm } from '../../../../platform/web/components.ts';
import { dataTable, formScreen } from '../../../../platform/web/screen.ts';
import { tonaseForm } from './tonase-parts.ts';
import { listKecamatanRows } from '../../../wilayah/api.ts';
import { TONASE_CATAT, TONASE_LIHAT } from '../permissions-tonase.ts';
import { JENIS_CATATAN } from '../tonase-schemas.ts';
import { createCatatan, listCatatan, type CatatanView } from '../catatan-service.ts';

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
  const hariIni = todayWib();
  const dari = addDays(hariIni, -30);
  const { kecamatan, daftar } = await cityTx(req, async (trx) => {
    const kec = (await listKecamatanRows(trx, city.id)).filter((k) => can(user, TONASE_CATAT, k.kode));
    const mine = can(user, TONASE_CATAT, city.id) ? undefined : kec[0]?.kode;
    const list: CatatanView[] = can(user, TONASE_LIHAT, mine ?? city.id)
      ? await listCatatan(trx, city, user, { dari, sampai: hariIni, kecamatan: mine })
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
      ${o.ok ? flash(t('sampah.tonase.catatan.tersimpan')) : ''}
      ${tonaseForm(
        req,
        { action: self, submit: t('sampah.tonase.catatan.simpan'), summary: errorSummary(t, e) },
        html`
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
        `,
      )}
      ${
        daftar.length
          ? dataTable({
              id: 'cap-catatan',
              caption: t('sampah.tonase.catatan.caption'),
              cols: [
                t('sampah.tonase.catatan.tanggal'),
                t('sampah.tonase.catatan.kecamatan'),
                t('sampah.tonase.catatan.jenis'),
                { label: t('sampah.tonase.catatan.ton'), num: true },
                t('sampah.tonase.catatan.keterangan'),
              ],
              rows: daftar.map(
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
            })
          : ''
      }`,
  });
}

export function catatanFormPage(app: BalaiApp): void {
  formScreen(app, {
    path: '/:city/sampah/tonase/catatan',
    access: { permission: TONASE_CATAT },
    params: CityParams,
    query: Type.Object({ ok: Type.Optional(Type.String({ maxLength: 10 })) }),
    body: CatatanForm,
    fields: CATATAN_FIELDS,
    show: (req, reply, state) =>
      catatanPage(req, reply, state.errors ? { failed: state as FailedForm } : { ok: Boolean(state.ok) }),
    save: async (req) => {
      const b = req.body ?? {};
      const ton = valueOr400(readKuantitas(b.ton ?? '', { max: 100_000 }), '/body/ton');
      await cityTx(req, (trx) =>
        createCatatan(trx, cityOf(req), userOf(req), {
          tanggal: b.tanggal ?? '',
          kecamatanKode: b.kecamatanKode || null,
          jenis: b.jenis ?? '',
          ton,
          keterangan: b.keterangan ?? null,
        }),
      );
      return cityPath(req, '/sampah/tonase/catatan?ok=1');
    },
  });
}
