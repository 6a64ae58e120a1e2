/**
 * Pieces of the tonnage screens and files: the SIPSN columns, their cells and header, and the
 * explanation of the row no kecamatan holds.
 */
import { formatNumber, type Translator } from '../../../../platform/i18n/index.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import type { Sipsn } from '../tonase-compute.ts';
import type { SipsnTahun } from '../tonase-service.ts';

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
  return html`<tr>
    <th scope="col">${first}</th>
    ${KOLOM_SIPSN.map((k) => html`<th scope="col" class="num">${t(k.label)}</th>`)}
  </tr>`;
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
