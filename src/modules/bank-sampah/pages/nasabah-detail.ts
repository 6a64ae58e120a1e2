/** A member's page: balance, details with phone and NIK masked, and the audited full-NIK action. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import {
  formValues,
  queryString,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formatDate, formatRupiah, type Translator } from '../../../platform/i18n/index.ts';
import type { CurrentUser } from '../../../platform/auth/roles.ts';
import { nomor3 } from '../../wilayah/api.ts';
import { getBank, type BankDetail } from '../bank-service.ts';
import { readNik, canReadNik, getNasabah, type NasabahView } from '../nasabah-service.ts';
import { NasabahParams, NikForm } from '../admin-schemas.ts';
import { NASABAH_FIELDS, type NasabahField } from '../nasabah-fields.ts';
import { factList, type Fact } from '../../../platform/web/screen.ts';
import { forUser, bankCrumbs, OkQuery } from './admin-parts.ts';

async function memberPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bankId: string,
  nasabahId: string,
  o: {
    ok?: string | undefined;
    nik?: { nik: string; nikTujuan: string | null } | null;
    nikValues?: FormValues;
    nikErrors?: FormErrors;
    status?: number;
  },
) {
  const t = req.t;
  const user = userOf(req);
  const { bank, n } = await cityTx(req, async (trx) => ({
    bank: await getBank(trx, user, bankId),
    n: await getNasabah(trx, user, bankId, nasabahId),
  }));
  return sendPage(req, reply, {
    title: t('bankSampah.admin.nasabah.pageTitle', { nama: n.nama, nomor: n.nomor }),
    status: o.status ?? 200,
    body: memberBody(req, user, bank, n, o),
  });
}

/** A declared field's row on the member page (nasabah-fields.ts); phone and NIK as masked in the view. */
function detailRow(t: Translator, f: NasabahField, n: NasabahView): Fact {
  const shown = n as unknown as Record<string, string | null>;
  let value: SafeHtml | string;
  switch (f.kind) {
    case 'select':
      value = t(`${f.optionLabel}${shown[f.name]}`);
      break;
    case 'rw':
      value = n.rw
        ? t('bankSampah.admin.tempat.rw', { rw: nomor3(n.rw.nomor), kelurahan: n.rw.kelurahanNama })
        : '—';
      break;
    case 'nik':
      value = html`${n.nik ?? '—'}
      ${n.nik && n.nikTujuan ? html`<br /><span class="meta">${t('bankSampah.admin.nasabah.nikTujuanShow', { tujuan: n.nikTujuan })}</span>` : ''}`;
      break;
    case 'akun':
      value = n.akun ? n.akun.nama : t('bankSampah.admin.nasabah.tanpaAkun');
      break;
    default:
      value = shown[f.name] ?? '—';
  }
  return [t(f.detailLabel ?? f.label), value];
}

function memberBody(
  req: FastifyRequest,
  user: CurrentUser,
  bank: BankDetail,
  n: NasabahView,
  o: {
    ok?: string | undefined;
    nik?: { nik: string; nikTujuan: string | null } | null;
    nikValues?: FormValues;
    nikErrors?: FormErrors;
  },
): SafeHtml {
  const t = req.t;
  const base = `/bank-sampah/${bank.id}/nasabah/${n.id}`;
  const mayNik = canReadNik(user, bank) && n.nik !== null;
  const ne = o.nikErrors ?? {};
  const OK: Record<string, string> = { dibuat: 'bankSampah.admin.nasabah.created', diubah: 'form.saved' };
  return html`${bankCrumbs(req, bank, [
      { href: cityPath(req, `/bank-sampah/${bank.id}/nasabah`), label: t('bankSampah.admin.menu.nasabah') },
      { label: n.nama },
    ])}
    <h1>${n.nama}</h1>
    ${flash(o.ok && OK[o.ok] ? t(OK[o.ok]!, { nomor: n.nomor }) : undefined)}
    <p class="lead">${t('bankSampah.admin.nasabah.nomorLabel', { nomor: n.nomor })}</p>
    ${n.aktif ? '' : html`<p><span class="tag">${t('bankSampah.admin.nasabah.nonaktifTag')}</span></p>`}
    ${factList([
      [t('bankSampah.admin.saldo'), html`<strong>${formatRupiah(n.saldo)}</strong>`],
      ...(NASABAH_FIELDS as readonly NasabahField[])
        .filter((f) => f.detail !== false)
        .map((f) => detailRow(t, f, n)),
      [t('bankSampah.admin.nasabah.terdaftar'), formatDate(n.createdAt)],
    ])}
    <p>
      <a class="button primary" href="${cityPath(req, `${base}/buku`)}"
        >${t('bankSampah.admin.nasabah.buku')}</a
      >
      ${
        bank.hak.transaksi && n.aktif && bank.aktif
          ? html` <a
              class="button"
              href="${cityPath(req, `/bank-sampah/${bank.id}/setoran${queryString({ nasabah: n.id })}`)}"
              >${t('bankSampah.admin.nasabah.setoran')}</a
            >`
          : ''
      }
      <a class="button" href="${cityPath(req, `${base}/kartu`)}">${t('bankSampah.admin.nasabah.kartu')}</a>
      ${
        bank.hak.transaksi && n.jenis !== 'bank_unit'
          ? html` <a class="button" href="${cityPath(req, `${base}/ubah`)}"
              >${t('bankSampah.admin.nasabah.edit')}</a
            >`
          : ''
      }
    </p>
    ${
      mayNik
        ? html`<section aria-labelledby="h-nik" class="narrow">
            <h2 id="h-nik">${t('bankSampah.admin.nik.title')}</h2>
            ${
              o.nik
                ? html`<div class="alert alert-info" role="status">
                    <p>${t('bankSampah.admin.nik.shown')}</p>
                    <p><strong>${o.nik.nik}</strong></p>
                  </div>`
                : html`<p>${t('bankSampah.admin.nik.intro')}</p>
                    ${errorSummary(t, ne)}
                    <form method="post" action="${cityPath(req, `${base}/nik`)}" novalidate>
                      ${csrfField(req)}
                      ${field({ name: 'tujuan', label: t('bankSampah.admin.nik.tujuan'), value: o.nikValues?.tujuan, required: true, error: ne.tujuan, hint: t('bankSampah.admin.nik.tujuanHint'), autocomplete: 'off' })}
                      <button type="submit">${t('bankSampah.admin.nik.show')}</button>
                    </form>`
            }
          </section>`
        : ''
    }`;
}

export function nasabahDetailPage(app: BalaiApp, ctx: ModuleContext): void {
  const dataKey = ctx.config.dataKey;

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId',
    { schema: { params: NasabahParams, querystring: OkQuery('dibuat', 'diubah') }, config: forUser },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params;
      const { ok } = req.query;
      return memberPage(req, reply, bankId, nasabahId, { ok });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId/nik',
    { schema: { params: NasabahParams, body: NikForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params;
      const user = userOf(req);
      const values = formValues(req.body, ['tujuan']);
      const given = req.validationError ? undefined : req.body.tujuan;
      const tujuan = typeof given === 'string' ? given.trim() : '';
      if (req.validationError || tujuan.length < 3 || tujuan.length > 200)
        return memberPage(req, reply, bankId, nasabahId, {
          nikValues: values,
          nikErrors: { tujuan: req.t('bankSampah.admin.err.nikBacaTujuan') },
          status: 400,
        });
      const nik = await cityTx(req, (trx) => readNik(trx, user, bankId, nasabahId, tujuan, dataKey));
      return memberPage(req, reply, bankId, nasabahId, { nik });
    },
  );
}
