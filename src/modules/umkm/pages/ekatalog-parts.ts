/** Pieces shared by the e-Katalog screens: who may use them, a status tag, a checklist, the pipeline. */
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { type Translator } from '../../../platform/i18n/index.ts';
import { UMKM_EKATALOG } from '../permissions.ts';
import { STATUS_EKATALOG, type StatusEkatalog } from '../tables.ts';
import { type ItemSyarat } from '../ekatalog.ts';

export const ekatalogAccess = { access: { permission: UMKM_EKATALOG } } as const;
export const userAccess = { access: 'user' } as const;

export function statusTag(t: Translator, s: StatusEkatalog): SafeHtml {
  return html`<span class="tag">${t(`umkm.ekatalog.status.${s}`)}</span>`;
}

export function syaratList(t: Translator, items: ItemSyarat[]): SafeHtml {
  return html`<ul class="plain">
    ${items.map(
      (i) =>
        html`<li>
          <span aria-hidden="true">${i.ok ? '✓' : '✗'}</span>
          <strong>${t(i.judul)}</strong> —
          ${i.ok ? t('umkm.ekatalog.terpenuhi') : t('umkm.ekatalog.belumTerpenuhi')}
          ${i.level === 'bersyarat' ? html`<span class="tag">${t('umkm.ekatalog.level.bersyarat')}</span>` : ''}
          ${i.ok ? '' : html`<p class="hint">${t(i.saran)}</p>`}
        </li>`,
    )}
  </ul>`;
}

export function tahapan(t: Translator, s: StatusEkatalog): SafeHtml {
  return html`<ol>
    ${STATUS_EKATALOG.map((x) =>
      x === s
        ? html`<li aria-current="step"><strong>${t(`umkm.ekatalog.status.${x}`)}</strong></li>`
        : html`<li>${t(`umkm.ekatalog.status.${x}`)}</li>`,
    )}
  </ol>`;
}
