/**
 * Pieces of the trip entry screen: today's TPA quota panel, the trip form (for those who record
 * trips) and the table of a day's trips.
 */
import type { FastifyRequest } from 'fastify';
import { formatDate, formatDateTime, formatNumber } from '../../../../platform/i18n/index.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import { cityPath, field } from '../../../../platform/web/layout.ts';
import {
  groupedOptions,
  selectField,
  type FormErrors,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { dataTable, formSection, postForm } from '../../../../platform/web/screen.ts';
import { JENIS_ASAL, JENIS_FASILITAS } from '../operasi-schemas.ts';
import type { FasilitasView } from '../fasilitas-service.ts';
import type { KendaraanView, ShiftView } from '../armada-service.ts';
import type { KuotaTpa, RitaseView } from '../ritase-service.ts';
import { operasiControls } from './operasi-parts.ts';

/** A moment as a datetime-local value in WIB, minutes ago (0: now). */
export function wibLocal(menitLalu = 0): string {
  return new Date(Date.now() + 7 * 3600_000 - menitLalu * 60_000).toISOString().slice(0, 16);
}

/** Minutes the trip form's default departure lies before its default arrival (now). */
export const BERANGKAT_DEFAULT_MENIT = 60;

export function kuotaPanel(t: FastifyRequest['t'], kuota: KuotaTpa[]): SafeHtml {
  return html`<section aria-labelledby="h-kuota" class="kuota-tpa">
    <h2 id="h-kuota">${t('sampah.operasi.kuota.title')}</h2>
    ${
      kuota.length
        ? kuota.map(
            (k) =>
              html`<div class="kuota kuota-${k.tingkat}">
                <p>
                  <strong>${k.nama}</strong> · ${t(`sampah.operasi.tingkat.${k.tingkat}`)}<br />
                  ${t('sampah.operasi.kuota.isi', {
                    terpakai: formatNumber(k.terpakai),
                    kuota: formatNumber(k.kuota),
                    persen: formatNumber(k.persen),
                    ton: formatNumber(k.ton),
                  })}
                </p>
                <meter
                  min="0"
                  max="${k.kuota}"
                  low="${Math.ceil(k.kuota * 0.9)}"
                  high="${k.kuota}"
                  optimum="0"
                  value="${Math.min(k.terpakai, k.kuota)}"
                >
                  ${formatNumber(k.persen)}%
                </meter>
                ${
                  k.tingkat === 'peringatan'
                    ? html`<p class="alert alert-info" role="status">
                        ${t('sampah.operasi.kuota.peringatan', { nama: k.nama, sisa: formatNumber(k.sisa) })}
                      </p>`
                    : k.tingkat === 'melebihi'
                      ? html`<p class="alert alert-error" role="alert">
                          ${t('sampah.operasi.kuota.melebihi', { nama: k.nama })}
                        </p>`
                      : ''
                }
              </div>`,
          )
        : html`<p>${t('sampah.operasi.kuota.kosong')}</p>`
    }
  </section>`;
}

/** What the trip form offers and shows: the choices, the values typed and their errors. */
export interface RitaseFormData {
  values: FormValues;
  errors: FormErrors;
  /** Origins ticked (kept when the form comes back with errors). */
  asalIds: string[];
  kendaraan: KendaraanView[];
  shift: ShiftView[];
  /** Facilities a trip may use (not planned ones). */
  fasilitas: FasilitasView[];
}

/** The trip form. */
export function ritaseForm(req: FastifyRequest, d: RitaseFormData): SafeHtml {
  const t = req.t;
  const v = d.values;
  const e = d.errors;
  const asalDipilih = new Set(d.asalIds);
  const fasilitas = d.fasilitas;
  const asalGroups = JENIS_ASAL.map((j) => ({
    label: t(`sampah.operasi.jenis.${j}`),
    items: fasilitas.filter((f) => f.jenis === j),
  })).filter((g) => g.items.length);
  const tujuan = fasilitas.filter((f) => f.jenis !== 'titik_kumpul');
  const c = operasiControls(t, v, e);
  return formSection(
    'h-catat',
    t('sampah.operasi.ritase.catat'),
    postForm(
      req,
      { action: cityPath(req, '/sampah/ritase'), submit: t('sampah.operasi.ritase.simpan'), errors: e },
      html`${c.pick(
          'kendaraanId',
          d.kendaraan.map(
            (k) => [k.id, `${k.platNomor} · ${t(`sampah.operasi.kendaraan.${k.jenis}`)}`] as const,
          ),
          { label: 'kendaraan', required: true },
        )}
        ${c.pick(
          'shiftId',
          d.shift.map((s) => [s.id, `${s.nama} (${s.mulai})`] as const),
          { label: 'shift', required: true },
        )}
        <fieldset
          class="field${e.asalIds ? ' has-error' : ''}"
          id="f-asalIds"
          aria-describedby="f-asalIds-hint${e.asalIds ? ' f-asalIds-err' : ''}"
        >
          <legend>${t('sampah.operasi.f.asal')} <span aria-hidden="true">*</span></legend>
          <p class="hint" id="f-asalIds-hint">${t('sampah.operasi.f.asalHint')}</p>
          ${asalGroups.map(
            (g) =>
              html`<details
                ${g.items.some((f) => asalDipilih.has(f.id)) || asalGroups.length === 1 ? 'open' : ''}
              >
                <summary>${g.label}</summary>
                ${g.items.map(
                  (f) =>
                    html`<div>
                      <label
                        ><input
                          type="checkbox"
                          name="asalIds"
                          value="${f.id}"
                          ${asalDipilih.has(f.id) ? 'checked' : ''}
                        />
                        ${f.nama}</label
                      >
                    </div>`,
                )}
              </details>`,
          )}
          ${e.asalIds ? html`<p class="error" id="f-asalIds-err">${e.asalIds}</p>` : ''}
        </fieldset>
        ${selectField({
          name: 'tujuanId',
          label: t('sampah.operasi.f.tujuan'),
          required: true,
          error: e.tujuanId,
          options: groupedOptions(
            t('sampah.operasi.f.pilih'),
            JENIS_FASILITAS.filter((j) => j !== 'titik_kumpul')
              .map((j) => ({
                label: t(`sampah.operasi.jenis.${j}`),
                options: tujuan.filter((f) => f.jenis === j).map((f) => ({ value: f.id, label: f.nama })),
              }))
              .filter((g) => g.options.length),
            v.tujuanId,
          ),
        })}
        ${c.input('ton', { hint: 'sampah.operasi.f.tonHint', required: true, inputmode: 'decimal' })}
        ${c.input('berangkat', { type: 'datetime-local', required: true })}
        ${c.input('tiba', { type: 'datetime-local', required: true })} ${c.input('catatan')}`,
    ),
  );
}

/** The trips of a day: a date filter and the table, latest arrival first. */
export function ritaseTable(req: FastifyRequest, tanggal: string, trips: RitaseView[]): SafeHtml {
  const t = req.t;
  const rows = trips.map(
    (r) =>
      html`<tr>
        <td>${formatDateTime(r.tiba)}</td>
        <td>${r.platNomor}</td>
        <td>${r.shiftNama}</td>
        <td>${r.asal.map((a) => a.nama).join(', ')}</td>
        <td>${r.tujuanNama}</td>
        <td class="num">${formatNumber(r.ton)}</td>
        <td>${r.melebihiKuota ? html`<strong>${t('sampah.operasi.ritase.tandaMelebihi')}</strong>` : ''}</td>
      </tr>`,
  );
  return html`<section aria-labelledby="h-trips">
    <h2 id="h-trips">
      ${t('sampah.operasi.ritase.caption', { tanggal: formatDate(tanggal), count: trips.length })}
    </h2>
    <form method="get" action="${cityPath(req, '/sampah/ritase')}" class="inline">
      ${field({ name: 'tanggal', label: t('sampah.operasi.f.tiba'), type: 'date', value: tanggal })}
      <button type="submit">${t('sampah.operasi.fasilitas.filter')}</button>
    </form>
    ${dataTable({
      id: 'cap-trips',
      caption: t('sampah.operasi.ritase.caption', { tanggal: formatDate(tanggal), count: rows.length }),
      cols: [
        t('sampah.operasi.ritase.jam'),
        t('sampah.operasi.f.kendaraan'),
        t('sampah.operasi.f.shift'),
        t('sampah.operasi.f.asal'),
        t('sampah.operasi.f.tujuan'),
        { label: t('sampah.operasi.f.ton'), num: true },
        t('sampah.operasi.f.status'),
      ],
      rows,
      empty: t('sampah.operasi.ritase.kosong'),
    })}
  </section>`;
}
