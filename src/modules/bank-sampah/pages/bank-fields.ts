/** The fields of a bank's form (new bank and settings) and the data they offer. */
import type { FastifyRequest } from 'fastify';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { csrfField, errorSummary, field } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import {
  checkbox,
  option,
  selectField,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { LEMBAGA } from '../admin-common.ts';
import { kelurahanGroups, kelurahanForNewBank, type KelurahanGroups } from '../tempat-service.ts';
import { listInduk, suggestKode, type BankView } from '../bank-service.ts';
import { kelurahanChoices } from './admin-parts.ts';

export interface BankFormData {
  groups: KelurahanGroups;
  induk: { id: string; kode: string; nama: string; aktif: boolean }[];
  saran: { unit: string; induk: string };
}

export async function bankFormData(req: FastifyRequest, current?: BankView): Promise<BankFormData> {
  const user = userOf(req);
  return cityTx(req, async (trx) => {
    const groups = await kelurahanForNewBank(trx, user);
    // The bank's own kelurahan stays selectable even outside the user's areas.
    if (
      current?.kelurahanKode &&
      !groups.some((g) => g.kelurahan.some((k) => k.kode === current.kelurahanKode))
    ) {
      const all = await kelurahanGroups(trx, user.tenantId, (k) => k === current.kelurahanKode);
      groups.push(...all);
    }
    return {
      groups,
      induk: (await listInduk(trx)).filter((b) => b.id !== current?.id),
      saran: { unit: await suggestKode(trx, 'unit'), induk: await suggestKode(trx, 'induk') },
    };
  });
}

/** A bank's form (new bank, settings): errors, the fields, the submit button and a link back. */
export function bankForm(
  req: FastifyRequest,
  o: { action: string; submit: string; cancel: string; errors: FormErrors },
  fields: SafeHtml,
): SafeHtml {
  const t = req.t;
  return html`${errorSummary(t, o.errors)}
    <form method="post" action="${o.action}" novalidate>
      ${csrfField(req)} ${fields}
      <button type="submit" class="primary">${o.submit}</button>
      <a href="${o.cancel}">${t('form.cancel')}</a>
    </form>`;
}

export function bankFields(
  req: FastifyRequest,
  d: BankFormData,
  v: FormValues,
  e: FormErrors,
  o: { creating: boolean; mayMove: boolean; tingkat: 'unit' | 'induk'; mayInduk: boolean },
): SafeHtml {
  const t = req.t;
  const place = o.mayMove
    ? html`<fieldset>
        <legend>${t('bankSampah.admin.bank.tempatLegend')}</legend>
        ${
          o.tingkat === 'unit' || o.creating
            ? selectField({
                name: 'lembaga',
                label: t('bankSampah.admin.bank.lembaga'),
                error: e.lembaga,
                hint: o.creating ? t('bankSampah.admin.bank.lembagaHint') : undefined,
                options: LEMBAGA.map((l) => option(l, t(`bankSampah.admin.lembaga.${l}`), v.lembaga || 'rw')),
              })
            : ''
        }
        ${selectField({
          name: 'kelurahanKode',
          label: t('bankSampah.admin.kelurahan'),
          required: o.tingkat === 'unit',
          error: e.kelurahanKode,
          options: kelurahanChoices(t, d.groups, v.kelurahanKode, t('bankSampah.admin.pilihKelurahan')),
        })}
        ${
          o.tingkat === 'unit' || o.creating
            ? field({
                name: 'rwNomor',
                label: t('bankSampah.admin.bank.rwNomor'),
                type: 'number',
                value: v.rwNomor,
                error: e.rwNomor ?? e.rwId,
                hint: t('bankSampah.admin.bank.rwNomorHint'),
                attrs: html`min="1" max="999" inputmode="numeric"`,
              })
            : ''
        }
      </fieldset>`
    : '';
  return html`${
    o.creating
      ? html`${
          o.mayInduk
            ? selectField({
                name: 'tingkat',
                label: t('bankSampah.admin.bank.tingkat'),
                error: e.tingkat,
                hint: t('bankSampah.admin.bank.tingkatHint'),
                options: html`${option('unit', t('bankSampah.admin.tingkat.unit'), v.tingkat || 'unit')}
                ${option('induk', t('bankSampah.admin.tingkat.induk'), v.tingkat)}`,
              })
            : ''
        }
        ${field({ name: 'nama', label: t('bankSampah.admin.bank.nama'), value: v.nama, required: true, error: e.nama, hint: t('bankSampah.admin.bank.namaHint') })}
        ${field({ name: 'kode', label: t('bankSampah.admin.bank.kode'), value: v.kode, error: e.kode, hint: t('bankSampah.admin.bank.kodeHint', { unit: d.saran.unit, induk: d.saran.induk }), autocomplete: 'off' })}`
      : field({
          name: 'nama',
          label: t('bankSampah.admin.bank.nama'),
          value: v.nama,
          required: true,
          error: e.nama,
        })
  }
  ${place} ${field({ name: 'alamat', label: t('bankSampah.admin.alamat'), value: v.alamat, error: e.alamat })}
  ${field({ name: 'jamBuka', label: t('bankSampah.admin.bank.jamBuka'), value: v.jamBuka, error: e.jamBuka, hint: t('bankSampah.admin.bank.jamBukaHint') })}
  ${field({ name: 'telepon', label: t('bankSampah.admin.telepon'), type: 'tel', value: v.telepon, error: e.telepon, hint: t('bankSampah.admin.teleponHint'), autocomplete: 'off' })}
  ${field({ name: 'ambangPersetujuan', label: t('bankSampah.admin.bank.ambang'), value: v.ambangPersetujuan, error: e.ambangPersetujuan, hint: t('bankSampah.admin.bank.ambangHint'), attrs: html`inputmode="numeric"` })}
  ${field({ name: 'batasBarisKg', label: t('bankSampah.admin.bank.batasBarisKg'), value: v.batasBarisKg, error: e.batasBarisKg, hint: t('bankSampah.admin.bank.batasBarisKgHint'), attrs: html`inputmode="decimal"` })}
  ${field({ name: 'batasSetoran', label: t('bankSampah.admin.bank.batasSetoran'), value: v.batasSetoran, error: e.batasSetoran, hint: t('bankSampah.admin.bank.batasSetoranHint'), attrs: html`inputmode="numeric"` })}
  ${field({ name: 'bagiHasilPersen', label: t('bankSampah.admin.bank.bagiHasil'), value: v.bagiHasilPersen, error: e.bagiHasilPersen, hint: t('bankSampah.admin.bank.bagiHasilHint'), attrs: html`inputmode="decimal"` })}
  ${
    o.tingkat === 'unit' || o.creating
      ? html`${selectField({
          name: 'indukId',
          label: t('bankSampah.admin.bank.induk'),
          error: e.indukId,
          hint: t('bankSampah.admin.bank.indukHint'),
          options: html`${option('', t('bankSampah.admin.bank.tanpaInduk'), v.indukId ?? '')}
          ${d.induk.map((b) => option(b.id, `${b.nama} (${b.kode})${b.aktif ? '' : ` — ${t('bankSampah.admin.nonaktif')}`}`, v.indukId))}`,
        })}
        ${checkbox({ name: 'warisiHargaInduk', label: t('bankSampah.admin.bank.warisi'), checked: v.warisiHargaInduk === '1', hint: t('bankSampah.admin.bank.warisiHint') })}
        ${e.warisiHargaInduk ? html`<p class="error" id="f-warisiHargaInduk-err">${e.warisiHargaInduk}</p>` : ''}`
      : ''
  }
  ${o.creating ? '' : checkbox({ name: 'aktif', label: t('bankSampah.admin.bank.aktifLabel'), checked: v.aktif === '1', hint: t('bankSampah.admin.bank.aktifHint') })}`;
}
