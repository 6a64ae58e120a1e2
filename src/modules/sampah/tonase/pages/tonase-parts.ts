/**
 * Pieces of the tonnage screens and files: the SIPSN columns, their cells and header, the
 * explanation of the row no kecamatan holds, and the frame of their forms.
 */
import type { FastifyRequest } from 'fastify';
import { formatNumber, type Translator } from '../../../../platform/i18n/index.ts';
import { csrfField } from '../../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import type { Sipsn } from '../tonase-compute.ts';
import type { SipsnTahun } from '../tonase-service.ts';
import { headRow as head } from '../../../../platform/web/screen.ts';

export interface KolomSipsn {
  key: keyof Sipsn;
  /** Message key of the header. */
  label: string;
  jenis: 'ton' | 'persen';
}

export const KOLOM_SIPSN: readonly KolomSipsn[] = [
  { key: 'timbulan', label: 'sampah.tonase.kol.timbulan', jenis: 'ton' },
  { key: 'pengurangan', label: 'sampah.tonase.kol.pengurangan', jenis: 'ton' },
  { key: 'persenPengurangan', label: 'sampah.tonase.kol.persenPengurangan', jenis: 'persen' },
  { key: 'penanganan', label: 'sampah.tonase.kol.penanganan', jenis: 'ton' },
  { key: 'persenPenanganan', label: 'sampah.tonase.kol.persenPenanganan', jenis: 'persen' },
  { key: 'terkelola', label: 'sampah.tonase.kol.terkelola', jenis: 'ton' },
  { key: 'persenTerkelola', label: 'sampah.tonase.kol.persenTerkelola', jenis: 'persen' },
  { key: 'daurUlang', label: 'sampah.tonase.kol.daurUlang', jenis: 'ton' },
  { key: 'bahanBaku', label: 'sampah.tonase.kol.bahanBaku', jenis: 'ton' },
  { key: 'recyclingRate', label: 'sampah.tonase.kol.recyclingRate', jenis: 'persen' },
];

/** The explanation of the unattributed row (what it is, and each of its causes), or null without it. */
export function penjelasanSisa(s: SipsnTahun, t: Translator): { intro: string; sebab: string[] } | null {
  const sisa = s.tidakTeratribusi;
  if (!sisa) return null;
  return {
    intro: t('sampah.tonase.sisa.penjelasan'),
    sebab: sisa.sebab.map((k) => t(`sampah.tonase.sisa.sebab.${k}`)),
  };
}

export function formatAngka(v: number | null, jenis: 'ton' | 'persen'): string {
  if (v === null) return '—';
  return jenis === 'ton' ? formatNumber(v) : `${formatNumber(v)}%`;
}

export function sipsnCells(s: Sipsn): SafeHtml[] {
  return KOLOM_SIPSN.map((k) => html`<td class="num">${formatAngka(s[k.key], k.jenis)}</td>`);
}

export function headRow(t: Translator, first: string): SafeHtml {
  return head([first, ...KOLOM_SIPSN.map((k) => ({ label: t(k.label), num: true }))]);
}

/** The explanation under the table of the row no kecamatan holds. */
export function sisaCatatan(s: SipsnTahun, t: Translator): SafeHtml | '' {
  const p = penjelasanSisa(s, t);
  if (!p) return '';
  return html`<div id="sisa" class="hint">
    <p><strong>${t('sampah.tonase.sisa.nama')}</strong>: ${p.intro}</p>
    <ul>
      ${p.sebab.map((line) => html`<li>${line}</li>`)}
    </ul>
  </div>`;
}

/**
 * A form of the tonnage pages that posts a change: its error summary, the CSRF field, the
 * controls and the submit button in a paragraph of its own.
 */
export function tonaseForm(
  req: FastifyRequest,
  o: { action: string; submit: string; summary: SafeHtml | ''; attrs?: SafeHtml },
  controls: SafeHtml,
): SafeHtml {
  return html`${o.summary}
    <form method="post" action="${o.action}" novalidate ${o.attrs ?? ''}>
      ${csrfField(req)} ${controls}
      <p><button type="submit" class="button primary">${o.submit}</button></p>
    </form>`;
}
