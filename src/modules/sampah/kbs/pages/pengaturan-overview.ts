/** The KBS settings: the indicators (list and a new one) and the status levels (list and add or change one). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static } from 'typebox';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { CityParams } from '../../../../platform/http/schemas.ts';
import { cityPath, csrfField, field, flash, sendPage } from '../../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../../platform/web/html.ts';
import { headRow } from '../../../../platform/web/screen.ts';
import {
  breadcrumbs,
  submitForm,
  tableWrap,
  type FailedForm,
  type FormErrors,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { formatNumber } from '../../../../platform/i18n/index.ts';
import {
  createIndikator,
  listIndikator,
  listTingkat,
  saveTingkat,
  type IndikatorView,
  type TingkatView,
} from '../indikator-service.ts';
import { summary, syarat } from './kbs-parts.ts';
import {
  INDIKATOR_FIELDS,
  IndikatorForm,
  PATH,
  PageQuery,
  TINGKAT_FIELDS,
  TingkatForm,
  parseAngkaField,
  atur,
  parseBulatField,
  withFormPointers,
  indikatorFields,
  indikatorInput,
  type IndikatorFormBody,
} from './pengaturan-parts.ts';

type PageOk = Static<typeof PageQuery>['ok'];

interface PageState {
  ok?: PageOk;
  tingkat?: number | undefined;
  failedIndikator?: FailedForm;
  failedTingkat?: FailedForm & { wajib: string[] };
}

interface TingkatState {
  tingkat: TingkatView[];
  diubah: TingkatView | undefined;
  vt: FormValues;
  et: FormErrors;
  wajib: Set<string>;
  pilihanWajib: IndikatorView[];
  self: string;
}

function tingkatSection(req: FastifyRequest, s: TingkatState): SafeHtml {
  const t = req.t;
  const { tingkat, diubah, vt, et, wajib, pilihanWajib, self } = s;
  return html`<section aria-labelledby="h-tingkat">
    <h2 id="h-tingkat">${t('sampah.pengaturan.kbs.tingkat')}</h2>
    <p>${t('sampah.pengaturan.kbs.tingkatIntro')}</p>
    ${
      tingkat.length
        ? tableWrap(
            'cap-tingkat',
            t('sampah.pengaturan.kbs.tingkatCaption'),
            headRow([
              { label: t('sampah.pengaturan.tkt.urutan'), num: true },
              t('sampah.pengaturan.tkt.nama'),
              { label: t('sampah.pengaturan.tkt.minSkor'), num: true },
              t('sampah.pengaturan.tkt.wajib'),
              t('sampah.pengaturan.tkt.aksi'),
            ]),
            tingkat.map(
              (l) =>
                html`<tr>
                  <td class="num">${l.urutan}</td>
                  <th scope="row">${l.nama}</th>
                  <td class="num">${formatNumber(l.minSkor)}</td>
                  <td>${l.indikatorWajib.length ? l.indikatorWajib.join(', ') : '—'}</td>
                  <td>
                    <a href="${self}?tingkat=${l.urutan}#h-tingkat-form"
                      >${t('sampah.pengaturan.ubahNama', { nama: l.nama })}</a
                    >
                  </td>
                </tr>`,
            ),
          )
        : html`<p>${t('sampah.pengaturan.kbs.tingkatKosong')}</p>`
    }
    <h3 id="h-tingkat-form">
      ${diubah ? t('sampah.pengaturan.kbs.ubahTingkat', { nama: diubah.nama }) : t('sampah.pengaturan.kbs.tambahTingkat')}
    </h3>
    <p class="hint">${t('sampah.pengaturan.kbs.tingkatFormHint')}</p>
    ${summary(t, et)}
    <form method="post" action="${self}/tingkat" novalidate class="narrow" aria-labelledby="h-tingkat-form">
      ${csrfField(req)}
      ${field({ name: 'urutan', label: t('sampah.pengaturan.tkt.urutan'), hint: t('sampah.pengaturan.tkt.urutanHint'), value: vt.urutan, error: et.urutan, required: true, attrs: html`inputmode="numeric"` })}
      ${field({ name: 'nama', label: t('sampah.pengaturan.tkt.nama'), value: vt.nama, error: et.nama, required: true })}
      ${field({ name: 'minSkor', label: t('sampah.pengaturan.tkt.minSkor'), hint: t('sampah.pengaturan.tkt.minSkorHint'), value: vt.minSkor, error: et.minSkor, required: true, attrs: html`inputmode="decimal"` })}
      <fieldset
        id="f-indikatorWajib"
        class="${et.indikatorWajib ? 'has-error' : ''}"
        ${et.indikatorWajib ? raw('aria-describedby="f-indikatorWajib-err"') : ''}
      >
        <legend>${t('sampah.pengaturan.tkt.wajib')}</legend>
        ${
          pilihanWajib.length
            ? pilihanWajib.map(
                (i) =>
                  html`<div>
                    <label
                      ><input
                        type="checkbox"
                        name="indikatorWajib"
                        value="${i.kode}"
                        ${wajib.has(i.kode) ? raw('checked') : ''}
                      />
                      ${i.kode} — ${i.nama}${i.aktif ? '' : ` (${t('sampah.pengaturan.nonaktif')})`}</label
                    >
                  </div>`,
              )
            : html`<p>${t('sampah.pengaturan.kbs.indikatorKosong')}</p>`
        }
        ${et.indikatorWajib ? html`<p class="error" id="f-indikatorWajib-err">${et.indikatorWajib}</p>` : ''}
      </fieldset>
      <p>
        <button type="submit" class="button primary">${t('sampah.pengaturan.kbs.simpanTingkat')}</button>
      </p>
    </form>
  </section>`;
}

async function pengaturanPage(req: FastifyRequest, reply: FastifyReply, o: PageState): Promise<FastifyReply> {
  const t = req.t;
  const { indikator, tingkat } = await cityTx(req, async (trx) => ({
    indikator: await listIndikator(trx, { semua: true }),
    tingkat: await listTingkat(trx),
  }));
  const self = cityPath(req, PATH);
  const vi = o.failedIndikator?.values ?? { jenis: 'ya_tidak', sumber: 'manual', bobot: '', urutan: '' };
  const ei = o.failedIndikator?.errors ?? {};
  const diubah: TingkatView | undefined = tingkat.find((l) => l.urutan === o.tingkat);
  const vt: FormValues = o.failedTingkat?.values ?? {
    urutan: diubah ? String(diubah.urutan) : String(Math.min(20, (tingkat.at(-1)?.urutan ?? 0) + 1)),
    nama: diubah?.nama ?? '',
    minSkor: diubah ? formatNumber(diubah.minSkor).replace(/\./g, '') : '',
  };
  const wajib = new Set(o.failedTingkat?.wajib ?? diubah?.indikatorWajib ?? []);
  const et = o.failedTingkat?.errors ?? {};
  // Active indicators can be required; an inactive one stays listed while a level requires it.
  const pilihanWajib = indikator.filter((i) => i.aktif || wajib.has(i.kode));
  const status = o.failedIndikator?.status ?? o.failedTingkat?.status;

  return sendPage(req, reply, {
    title: t('sampah.pengaturan.kbs.title'),
    ...(status ? { status } : {}),
    body: html`${breadcrumbs(t('sampah.pengaturan.breadcrumbs'), [
        { href: cityPath(req, '/sampah/kbs'), label: t('sampah.kbs.title') },
        { label: t('sampah.pengaturan.kbs.title') },
      ])}
      <h1>${t('sampah.pengaturan.kbs.title')}</h1>
      <p class="lead">${t('sampah.pengaturan.kbs.intro')}</p>
      ${flash(o.ok ? t(`sampah.pengaturan.ok.${o.ok}`) : undefined)}
      <section aria-labelledby="h-indikator">
        <h2 id="h-indikator">${t('sampah.pengaturan.kbs.indikator')}</h2>
        ${
          indikator.length
            ? tableWrap(
                'cap-indikator',
                t('sampah.pengaturan.kbs.indikatorCaption'),
                headRow([
                  t('sampah.pengaturan.ind.kode'),
                  t('sampah.pengaturan.ind.nama'),
                  t('sampah.pengaturan.ind.syarat'),
                  { label: t('sampah.pengaturan.ind.bobot'), num: true },
                  t('sampah.pengaturan.ind.sumber'),
                  { label: t('sampah.pengaturan.ind.urutan'), num: true },
                  t('sampah.pengaturan.ind.status'),
                  t('sampah.pengaturan.tkt.aksi'),
                ]),
                indikator.map(
                  (i) =>
                    html`<tr>
                      <th scope="row">${i.kode}</th>
                      <td>${i.nama}</td>
                      <td>
                        ${t(`sampah.pengaturan.jenis.${i.jenis}`)}: ${syarat(t, i)}
                        ${i.buktiWajib ? html`<br />${t('sampah.pengaturan.ind.buktiWajib')}` : ''}
                      </td>
                      <td class="num">${formatNumber(i.bobot)}</td>
                      <td>${t(`sampah.kbs.sumber.${i.sumber}`)}</td>
                      <td class="num">${formatNumber(i.urutan)}</td>
                      <td>${i.aktif ? t('sampah.pengaturan.aktif') : t('sampah.pengaturan.nonaktif')}</td>
                      <td>
                        <a href="${self}/indikator/${i.id}"
                          >${t('sampah.pengaturan.ubahNama', { nama: i.kode })}</a
                        >
                      </td>
                    </tr>`,
                ),
              )
            : html`<p>${t('sampah.pengaturan.kbs.indikatorKosong')}</p>`
        }
        <h3 id="h-indikator-baru">${t('sampah.pengaturan.kbs.tambahIndikator')}</h3>
        ${summary(t, ei)}
        <form
          method="post"
          action="${self}/indikator"
          novalidate
          class="narrow"
          aria-labelledby="h-indikator-baru"
        >
          ${csrfField(req)} ${indikatorFields(t, vi, ei, { baru: true, aktifAwal: !o.failedIndikator })}
          <p><button type="submit" class="button primary">${t('sampah.pengaturan.kbs.tambah')}</button></p>
        </form>
      </section>
      ${tingkatSection(req, { tingkat, diubah, vt, et, wajib, pilihanWajib, self })}`,
  });
}

export function pengaturanOverviewPage(app: BalaiApp): void {
  app.get(
    `/:city${PATH}`,
    { schema: { params: CityParams, querystring: PageQuery }, config: atur },
    (req, reply) => {
      const q = req.query;
      return pengaturanPage(req, reply, { ok: q.ok, tingkat: q.tingkat });
    },
  );

  app.post(
    `/:city${PATH}/indikator`,
    { schema: { params: CityParams, body: IndikatorForm }, attachValidation: true, config: atur },
    async (req, reply) => {
      const b: IndikatorFormBody = req.body ?? {};
      return submitForm(
        req,
        reply,
        INDIKATOR_FIELDS,
        (failed) => pengaturanPage(req, reply, { failedIndikator: failed }),
        async () => {
          const kode = (b.kode ?? '').trim().toUpperCase();
          await withFormPointers(() =>
            cityTx(req, (trx) => createIndikator(trx, userOf(req), { kode, ...indikatorInput(b) })),
          );
          return cityPath(req, `${PATH}?ok=indikator`);
        },
      );
    },
  );

  app.post(
    `/:city${PATH}/tingkat`,
    { schema: { params: CityParams, body: TingkatForm }, attachValidation: true, config: atur },
    async (req, reply) => {
      const b: Partial<Static<typeof TingkatForm>> = req.body ?? {};
      const wajib = Array.isArray(b.indikatorWajib)
        ? b.indikatorWajib.filter((k) => typeof k === 'string')
        : [];
      return submitForm(
        req,
        reply,
        TINGKAT_FIELDS,
        (failed) => pengaturanPage(req, reply, { failedTingkat: { ...failed, wajib } }),
        async () => {
          await withFormPointers(
            () =>
              cityTx(req, (trx) =>
                saveTingkat(trx, userOf(req), {
                  nama: b.nama ?? '',
                  urutan: parseBulatField(b.urutan),
                  minSkor: parseAngkaField(b.minSkor) ?? Number.NaN,
                  indikatorWajib: wajib,
                }),
              ),
            (p) => (p.startsWith('/body/indikatorWajib/') ? '/body/indikatorWajib' : p),
          );
          return cityPath(req, `${PATH}?ok=tingkat`);
        },
      );
    },
  );
}
