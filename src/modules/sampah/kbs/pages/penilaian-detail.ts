/**
 * One KBS assessment: its values, score and level, evidence photos, the steps so far, and the
 * forms to change values, add photos, submit, return or approve.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { HttpProblem } from '../../../../platform/http/problem.ts';
import { Csrf } from '../../../../platform/http/schemas.ts';
import { cityPath, csrfField, field, flash, sendPage } from '../../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import { headRow } from '../../../../platform/web/screen.ts';
import {
  breadcrumbs,
  formatMonth,
  option,
  selectField,
  tableWrap,
  type FormErrors,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { formatDateTime, formatNumber } from '../../../../platform/i18n/index.ts';
import { BUKTI_MAX_BYTES, uploadBukti } from '../bukti-service.ts';
import {
  approvePenilaian,
  getPenilaian,
  returnPenilaian,
  saveNilai,
  submitPenilaian,
  type PenilaianView,
} from '../penilaian-service.ts';
import { listIndikator, type IndikatorView } from '../indikator-service.ts';
import {
  IdParams,
  NilaiForm,
  formErrors,
  nilaiFields,
  nilaiFromForm,
  nilaiText,
  statusLabel,
  summary,
  syarat,
} from './kbs-parts.ts';

const forUser = { access: 'user' } as const;

const OK = ['dibuat', 'disimpan', 'diajukan', 'dikembalikan', 'disetujui', 'foto'] as const;
type OkKey = (typeof OK)[number];
const OkQuery = Type.Object(
  { ok: Type.Optional(Type.Union(OK.map((k) => Type.Literal(k)))) },
  { additionalProperties: false },
);
const CatatanForm = Type.Object(
  { _csrf: Csrf, catatan: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
const FotoForm = Type.Object(
  {
    _csrf: Csrf,
    indikatorKode: Type.Optional(Type.String({ maxLength: 20 })),
    foto: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
const CsrfForm = Type.Object({ _csrf: Csrf }, { additionalProperties: false });

function nilaiTable(req: FastifyRequest, p: PenilaianView): SafeHtml {
  const t = req.t;
  const fotoOf = (indikatorId: string) => p.bukti.filter((b) => b.indikatorId === indikatorId);
  return tableWrap(
    'cap-nilai',
    t('sampah.kbs.nilaiCaption'),
    headRow([
      t('sampah.kbs.indikator'),
      t('sampah.kbs.nilai'),
      t('sampah.kbs.syarat'),
      t('sampah.kbs.terpenuhi'),
      t('sampah.kbs.bukti'),
    ]),
    p.nilai.map(
      (n) =>
        html`<tr>
          <th scope="row">
            ${n.kode} —
            ${n.nama}${n.terhitung ? html` <span class="tag">${t('sampah.kbs.terhitung')}</span>` : ''}
          </th>
          <td>${nilaiText(t, n)}</td>
          <td>${syarat(t, n)}</td>
          <td>${n.terpenuhi ? t('sampah.kbs.ya') : t('sampah.kbs.tidak')}</td>
          <td>
            ${fotoOf(n.indikatorId).map(
              (b, i) =>
                html`<a
                  href="/api/v1/cities/${req.city?.slug ?? ''}/sampah/kbs/penilaian/${p.id}/bukti/${b.id}"
                  >${t('sampah.kbs.fotoKe', { n: i + 1 })}</a
                > `,
            )}
            ${n.buktiWajib && n.bukti === 0 ? t('sampah.kbs.buktiWajib') : ''}
          </td>
        </tr>`,
    ),
  );
}

function verifikasiSection(
  req: FastifyRequest,
  base: string,
  errors: FormErrors,
  catatan: string | undefined,
): SafeHtml {
  const t = req.t;
  return html`<section aria-labelledby="h-verifikasi">
    <h2 id="h-verifikasi">${t('sampah.kbs.verifikasi')}</h2>
    <form method="post" action="${cityPath(req, `${base}/setujui`)}" class="narrow">
      ${csrfField(req)}
      <button type="submit" class="primary">${t('sampah.kbs.setujui')}</button>
    </form>
    <form method="post" action="${cityPath(req, `${base}/kembalikan`)}" class="narrow" novalidate>
      ${csrfField(req)}
      <div class="field${errors.catatan ? ' has-error' : ''}">
        <label for="f-catatan">${t('sampah.kbs.catatanKembali')}</label>
        <textarea
          id="f-catatan"
          name="catatan"
          rows="4"
          maxlength="2000"
          required
          ${errors.catatan ? html`aria-invalid="true" aria-describedby="f-catatan-err"` : ''}
        >
${catatan ?? ''}</textarea>
        ${errors.catatan ? html`<p class="error" id="f-catatan-err">${errors.catatan}</p>` : ''}
      </div>
      <button type="submit">${t('sampah.kbs.kembalikan')}</button>
    </form>
  </section>`;
}

async function penilaianPage(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  failed?: {
    values: FormValues;
    errors: FormErrors;
    status: number;
    form: 'nilai' | 'foto' | 'catatan' | 'ajukan';
  },
) {
  const t = req.t;
  const p: PenilaianView = await cityTx(req, (trx) => getPenilaian(trx, userOf(req), id));
  const nama = t('sampah.kbs.rwDi', {
    nomor: String(p.rw.nomor).padStart(3, '0'),
    kelurahan: p.rw.kelurahanNama,
  });
  const ok = (req.query as { ok?: OkKey } | undefined)?.ok;
  const errors = failed?.errors ?? {};
  const values: FormValues =
    failed?.form === 'nilai'
      ? failed.values
      : Object.fromEntries(
          p.nilai.filter((n) => n.nilai !== null).map((n) => [`n_${n.kode}`, String(n.nilai)]),
        );
  const manual: IndikatorView[] = p.nilai
    .filter((n) => n.sumber === 'manual')
    .map((n) => ({
      id: n.indikatorId,
      kode: n.kode,
      nama: n.nama,
      deskripsi: null,
      jenis: n.jenis,
      ambang: n.ambang,
      buktiWajib: n.buktiWajib,
      bobot: n.bobot,
      sumber: n.sumber,
      urutan: 0,
      aktif: true,
    }));
  const base = `/sampah/kbs/penilaian/${p.id}`;
  return sendPage(req, reply, {
    title: `${t('sampah.kbs.penilaian')} ${formatMonth(p.periode)} · ${nama}`,
    status: failed?.status ?? 200,
    body: html`${breadcrumbs(t('sampah.kbs.breadcrumbs'), [
        { href: cityPath(req, '/sampah/kbs'), label: t('sampah.kbs.title') },
        { href: cityPath(req, `/sampah/kbs/rw/${p.rw.id}`), label: nama },
        { label: `${t('sampah.kbs.penilaian')} ${formatMonth(p.periode)}` },
      ])}
      <h1>${t('sampah.kbs.penilaian')} ${formatMonth(p.periode)}: ${nama}</h1>
      ${flash(ok ? t(`sampah.kbs.ok.${ok}`) : undefined)}
      ${failed && failed.form !== 'nilai' && failed.form !== 'foto' ? summary(t, errors) : ''}
      <dl class="facts">
        <div>
          <dt>${t('sampah.kbs.statusPenilaian')}</dt>
          <dd>${statusLabel(t, p.status)}</dd>
        </div>
        <div>
          <dt>${t('sampah.kbs.skor')}</dt>
          <dd>${formatNumber(p.skor)}</dd>
        </div>
        <div>
          <dt>${t('sampah.kbs.statusKbs')}</dt>
          <dd>${p.tingkat?.nama ?? t('sampah.kbs.belumKbs')}</dd>
        </div>
      </dl>
      ${
        p.catatanKembali
          ? html`<div class="alert alert-info" role="note">
              <p><strong>${t('sampah.kbs.catatanVerifikator')}</strong></p>
              <p>${p.catatanKembali}</p>
            </div>`
          : ''
      }
      ${nilaiTable(req, p)}
      ${
        p.boleh.ubah
          ? html`<section aria-labelledby="h-ubah">
                <h2 id="h-ubah">${t('sampah.kbs.ubahNilai')}</h2>
                ${failed?.form === 'nilai' ? summary(t, errors) : ''}
                <form method="post" action="${cityPath(req, `${base}/nilai`)}" class="narrow" novalidate>
                  ${csrfField(req)} ${nilaiFields(t, manual, values, failed?.form === 'nilai' ? errors : {})}
                  <button type="submit">${t('sampah.kbs.simpan')}</button>
                </form>
              </section>
              <section aria-labelledby="h-foto">
                <h2 id="h-foto">${t('sampah.kbs.unggahFoto')}</h2>
                ${failed?.form === 'foto' ? summary(t, errors) : ''}
                <form
                  method="post"
                  action="${cityPath(req, `${base}/bukti`)}"
                  enctype="multipart/form-data"
                  class="narrow"
                >
                  ${csrfField(req)}
                  ${selectField({
                    name: 'indikatorKode',
                    label: t('sampah.kbs.indikator'),
                    error: failed?.form === 'foto' ? errors.indikatorKode : undefined,
                    options: manual.map((i) =>
                      option(i.kode, `${i.kode} — ${i.nama}`, failed?.values.indikatorKode),
                    ),
                  })}
                  ${field({
                    name: 'foto',
                    label: t('sampah.kbs.foto'),
                    type: 'file',
                    hint: t('sampah.kbs.fotoHint', { max: BUKTI_MAX_BYTES / 1024 }),
                    error: failed?.form === 'foto' ? errors.foto : undefined,
                    attrs: html`accept="image/jpeg,image/png,image/webp" capture="environment"`,
                  })}
                  <button type="submit">${t('sampah.kbs.unggah')}</button>
                </form>
              </section>
              <form method="post" action="${cityPath(req, `${base}/ajukan`)}">
                ${csrfField(req)}
                <button type="submit" class="primary">${t('sampah.kbs.ajukan')}</button>
              </form>`
          : ''
      }
      ${p.boleh.verifikasi ? verifikasiSection(req, base, errors, failed?.values.catatan) : ''}
      <section aria-labelledby="h-langkah">
        <h2 id="h-langkah">${t('sampah.kbs.langkah')}</h2>
        <ol>
          ${p.langkah.map(
            (l) =>
              html`<li>
                ${formatDateTime(l.at)}:
                ${statusLabel(t, l.status)}${l.catatan ? html` — <q>${l.catatan}</q>` : ''}
              </li>`,
          )}
        </ol>
      </section>`,
  });
}

export function penilaianDetailPage(app: BalaiApp): void {
  app.get(
    '/:city/sampah/kbs/penilaian/:id',
    { schema: { params: IdParams, querystring: OkQuery }, config: forUser },
    async (req, reply) => penilaianPage(req, reply, req.params.id),
  );

  app.post(
    '/:city/sampah/kbs/penilaian/:id/nilai',
    { schema: { params: IdParams, body: NilaiForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(
        Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      if (req.validationError)
        return penilaianPage(req, reply, id, {
          values,
          errors: { _: req.t('form.hasErrors') },
          status: 400,
          form: 'nilai',
        });
      let fields: string[] = [];
      try {
        await cityTx(req, async (trx) => {
          const parsed = nilaiFromForm(body, await listIndikator(trx));
          fields = parsed.fields;
          await saveNilai(trx, userOf(req), id, { nilai: parsed.nilai });
        });
        return reply.redirect(cityPath(req, `/sampah/kbs/penilaian/${id}?ok=disimpan`), 303);
      } catch (err) {
        return penilaianPage(req, reply, id, { values, ...formErrors(req.t, err, fields), form: 'nilai' });
      }
    },
  );

  app.post(
    '/:city/sampah/kbs/penilaian/:id/bukti',
    { schema: { params: IdParams, body: FotoForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params;
      const b = req.body ?? {};
      const values = { indikatorKode: typeof b.indikatorKode === 'string' ? b.indikatorKode : '' };
      try {
        await cityTx(req, (trx) =>
          uploadBukti(trx, userOf(req), id, {
            indikatorKode: values.indikatorKode,
            foto: b.foto,
            namaFile: req.uploads?.foto?.filename,
          }),
        );
        return reply.redirect(cityPath(req, `/sampah/kbs/penilaian/${id}?ok=foto`), 303);
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 409 && !err.errors)
          return penilaianPage(req, reply, id, {
            values,
            errors: { foto: req.t(err.titleKey) },
            status: 409,
            form: 'foto',
          });
        return penilaianPage(req, reply, id, { values, ...formErrors(req.t, err, []), form: 'foto' });
      }
    },
  );

  const action = (
    name: 'ajukan' | 'kembalikan' | 'setujui',
    run: (req: FastifyRequest, id: string, catatan: string) => Promise<unknown>,
  ) =>
    app.post(
      `/:city/sampah/kbs/penilaian/:id/${name}`,
      {
        schema: { params: IdParams, body: name === 'ajukan' ? CsrfForm : CatatanForm },
        attachValidation: true,
        config: forUser,
      },
      async (req, reply) => {
        const { id } = req.params;
        const catatan = (req.body as { catatan?: unknown } | undefined)?.catatan;
        const text = typeof catatan === 'string' ? catatan : '';
        try {
          await run(req, id, text);
          const ok = name === 'ajukan' ? 'diajukan' : name === 'kembalikan' ? 'dikembalikan' : 'disetujui';
          return reply.redirect(cityPath(req, `/sampah/kbs/penilaian/${id}?ok=${ok}`), 303);
        } catch (err) {
          if (!(err instanceof HttpProblem) || ![400, 409].includes(err.status)) throw err;
          const errors: FormErrors = err.errors?.length
            ? formErrors(req.t, err, []).errors
            : { [name === 'kembalikan' ? 'catatan' : '_']: req.t(err.titleKey) };
          if (name === 'kembalikan' && errors.catatan === undefined) errors.catatan = req.t(err.titleKey);
          if (name !== 'kembalikan' && !errors._) errors._ = req.t(err.titleKey);
          return penilaianPage(req, reply, id, {
            values: { catatan: text },
            errors,
            status: err.status,
            form: name === 'kembalikan' ? 'catatan' : 'ajukan',
          });
        }
      },
    );

  action('ajukan', (req, id) => cityTx(req, (trx) => submitPenilaian(trx, userOf(req), id)));
  action('kembalikan', (req, id, catatan) =>
    cityTx(req, (trx) => returnPenilaian(trx, userOf(req), id, catatan)),
  );
  action('setujui', (req, id, catatan) =>
    cityTx(req, (trx) => approvePenilaian(trx, userOf(req), id, catatan || null)),
  );
}
