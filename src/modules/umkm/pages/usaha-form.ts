/**
 * Registration of a business (/umkm/daftar): by its owner, or by an officer with umkm.kelola for
 * someone else; with a KBLI search helper (a GET form, no script).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { can } from '../../../platform/auth/roles.ts';
import { cityPath, csrfField, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import {
  breadcrumbs,
  formValues,
  queryString,
  validationErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { validKbli } from '../kbli.ts';
import { UMKM_KELOLA } from '../permissions.ts';
import { createUsaha } from '../usaha-service.ts';
import {
  DaftarForm,
  DaftarQuery,
  forUser,
  serviceErrors,
  nikDikirim,
  findRwId,
  str,
  summary,
  usahaInput,
  wilayahKota,
  type Failed,
} from './usaha-parts.ts';
import {
  cariKbliForm,
  hasilKbli,
  PETA_PIN,
  RENAME_USAHA,
  USAHA_FIELDS,
  usahaFields,
} from './usaha-fields.ts';

async function renderDaftar(
  req: FastifyRequest,
  reply: FastifyReply,
  q: Static<typeof DaftarQuery>,
  failed?: Failed,
) {
  const t = req.t;
  const user = userOf(req);
  const untukLain = failed ? failed.values.untukOrangLain === '1' : q.untuk === 'lain';
  if (untukLain && !can(user, UMKM_KELOLA)) throw new HttpProblem(403, 'error.forbidden');
  const w = await cityTx(req, (trx) => wilayahKota(trx, cityOf(req).id));
  const values: FormValues = failed?.values ?? {
    kbli: /^[0-9]{5}$/.test(q.kbli ?? '') ? q.kbli! : '',
    pemilikNama: untukLain ? '' : user.name,
    email: untukLain ? '' : (user.email ?? ''),
  };
  const errors = failed?.errors ?? {};
  const keep = untukLain ? (kode: string) => can(user, UMKM_KELOLA, kode) : () => true;
  const title = untukLain ? t('umkm.reg.tambah.title') : t('umkm.reg.daftar.title');
  const self = cityPath(req, '/umkm/daftar');
  const sentNik = failed !== undefined && nikDikirim(req);
  return sendPage(req, reply, {
    title,
    status: failed?.status ?? 200,
    ...PETA_PIN,
    body: html`${breadcrumbs(t('umkm.reg.breadcrumbs'), [
        untukLain
          ? { href: cityPath(req, '/umkm/usaha'), label: t('umkm.reg.registri.title') }
          : { href: cityPath(req, '/umkm/saya'), label: t('umkm.reg.saya.title') },
        { label: title },
      ])}
      <h1>${title}</h1>
      <p class="lead">${untukLain ? t('umkm.reg.tambah.intro') : t('umkm.reg.daftar.intro')}</p>
      <section aria-labelledby="cari-kbli" class="card narrow">
        <h2 id="cari-kbli" class="h-kecil">${t('umkm.reg.kbli.helperTitle')}</h2>
        <p class="hint">${t('umkm.reg.kbli.helperIntro')}</p>
        ${cariKbliForm(req, self, q.cari, untukLain ? html`<input type="hidden" name="untuk" value="lain" />` : '')}
        ${hasilKbli(
          t,
          q.cari,
          (kode) =>
            html`<a
              href="${self}${queryString({ kbli: kode, cari: q.cari, untuk: untukLain ? 'lain' : undefined })}#f-kbli"
              >${t('umkm.reg.kbli.pakai', { kode })}</a
            >`,
        )}
      </section>
      <section aria-labelledby="h-form" class="narrow">
        <h2 id="h-form">${t('umkm.reg.daftar.formTitle')}</h2>
        ${summary(t, errors)}
        <form method="post" action="${self}" novalidate>
          ${csrfField(req)} ${untukLain ? html`<input type="hidden" name="untukOrangLain" value="1" />` : ''}
          <p class="hint">${t('umkm.reg.wajibTanda')}</p>
          ${usahaFields(req, w, values, errors, {
            baru: true,
            keepKelurahan: keep,
            nikSamaran: null,
            nikDikirim: sentNik,
            kelola: false,
          })}
          <button type="submit" class="primary">${t('umkm.reg.daftar.simpan')}</button>
          <a href="${untukLain ? cityPath(req, '/umkm/usaha') : cityPath(req, '/umkm/saya')}"
            >${t('form.cancel')}</a
          >
        </form>
      </section>`,
  });
}

export function usahaFormPage(app: BalaiApp, ctx: ModuleContext): void {
  const dataKey = ctx.config.dataKey;

  app.get(
    '/:city/umkm/daftar',
    { schema: { params: CityParams, querystring: DaftarQuery }, config: forUser },
    async (req, reply) => renderDaftar(req, reply, req.query),
  );

  app.post(
    '/:city/umkm/daftar',
    { schema: { params: CityParams, body: DaftarForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const values = formValues(req.body, [...USAHA_FIELDS, 'kbli', 'untukOrangLain']);
      if (req.validationError)
        return renderDaftar(
          req,
          reply,
          {},
          { form: 'daftar', values, errors: validationErrors(req), status: 400 },
        );
      const b = (req.body ?? {}) as Record<string, unknown>;
      const user = userOf(req);
      const city = cityOf(req);
      const untukOrangLain = str(b, 'untukOrangLain') === '1';
      try {
        const u = await cityTx(req, async (trx) => {
          const input = usahaInput(b, true, false);
          const rwId = await findRwId(trx, input.kelurahanKode ?? '', str(b, 'rwNomor'));
          const kode = (str(b, 'kbli') ?? '').trim();
          return createUsaha(
            trx,
            user,
            city.id,
            dataKey,
            { ...input, ...(rwId !== undefined ? { rwId } : {}), kbli: kode ? [kode] : [] },
            { untukOrangLain },
          );
        });
        return reply.redirect(cityPath(req, `/umkm/usaha/${u.id}?ok=dibuat`), 303);
      } catch (err) {
        const f = serviceErrors(req, err, RENAME_USAHA);
        // The service checks the KBLI code after the profile: report both at once.
        const kode = (str(b, 'kbli') ?? '').trim();
        if (f.status === 400 && kode && !f.errors.kbli && !validKbli(kode))
          f.errors.kbli = req.t('umkm.err.kbli');
        return renderDaftar(req, reply, {}, { form: 'daftar', values, ...f });
      }
    },
  );
}
