/** Pieces shared by the wilayah screens: access rules, region facts, the RW table, kelurahan options. */
import type { FastifyRequest } from 'fastify';
import { cityPath } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { kelurahanOptions, tableWrap } from '../../../platform/web/components.ts';
import { formatNumber, type Translator } from '../../../platform/i18n/index.ts';
import {
  IMPOR,
  KELOLA,
  LIHAT,
  nomor3,
  type KelurahanGroups,
  type RegionView,
  type RwView,
} from '../service.ts';
import type { ImportView } from '../impor-service.ts';

/** Route access of the RW screens (view, manage) and the import. */
export const VIEW_ACCESS = { access: { permission: LIHAT } } as const;
export const MANAGE_ACCESS = { access: { permission: KELOLA } } as const;
export const IMPORT_ACCESS = { access: { permission: IMPOR } } as const;

/** The fields of an RT's form, and what the service takes from them (an empty field: none). */
export const RT_FIELDS = ['nomor', 'ketuaNama'] as const;
export const rtInput = (b: { nomor?: number | null | undefined; ketuaNama?: string | undefined }) => ({
  nomor: b.nomor ?? null,
  ketuaNama: b.ketuaNama ?? null,
});

/** A number as Indonesians write it, or a dash when unknown. */
export const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatNumber(n));

/** The city's kelurahan by kecamatan for a select: "Dago (32.73.02.1001)" under "Kec. Coblong". */
export function kelurahanChoices(
  t: Translator,
  groups: KelurahanGroups,
  selected: string | undefined,
  emptyLabel: string,
): SafeHtml {
  return kelurahanOptions(groups, selected, {
    emptyLabel,
    groupLabel: (nama) => t('wilayah.kecamatanName', { nama }),
    label: (k) => `${k.nama} (${k.kode})`,
  });
}

/** A region's code, population and area, with `extra` facts after the code. */
export function regionFacts(t: Translator, r: RegionView, extra: SafeHtml | '' = ''): SafeHtml {
  return html`<dl class="facts">
    <dt>${t('wilayah.kode')}</dt>
    <dd>${r.kode}</dd>
    ${extra}
    ${
      r.pendudukTotal !== null
        ? html`<dt>${t('wilayah.penduduk')}</dt>
            <dd>${num(r.pendudukTotal)}</dd>`
        : ''
    }
    ${
      r.luasKm2 !== null
        ? html`<dt>${t('wilayah.luas')}</dt>
            <dd>${t('wilayah.luasValue', { luas: r.luasKm2 })}</dd>`
        : ''
    }
  </dl>`;
}

/** "RW 007 Kelurahan Dago". */
export function rwTitle(t: Translator, rw: { nomor: number; kelurahanNama: string }): string {
  return t('wilayah.rw.title', { nomor: nomor3(rw.nomor), kelurahan: rw.kelurahanNama });
}

/** A table of RWs, linked to their pages; with the kelurahan and kecamatan when `showPlace`. */
export function rwTable(
  req: FastifyRequest,
  id: string,
  caption: string,
  items: RwView[],
  o: { showPlace: boolean },
): SafeHtml {
  const t = req.t;
  return tableWrap(
    id,
    caption,
    html`<tr>
      <th scope="col">${t('wilayah.rw.nomor')}</th>
      ${
        o.showPlace
          ? html`<th scope="col">${t('wilayah.kelurahan')}</th>
              <th scope="col">${t('wilayah.kecamatan')}</th>`
          : ''
      }
      <th scope="col">${t('wilayah.rw.ketua')}</th>
      <th scope="col">${t('wilayah.rw.telepon')}</th>
      <th scope="col" class="num">${t('wilayah.rw.kk')}</th>
      <th scope="col" class="num">${t('wilayah.rw.jumlahRt')}</th>
    </tr>`,
    items.map(
      (r) =>
        html`<tr>
          <th scope="row">
            <a href="${cityPath(req, `/wilayah/rw/${r.id}`)}"
              >${t('wilayah.rw.short', { nomor: nomor3(r.nomor) })}</a
            >
          </th>
          ${
            o.showPlace
              ? html`<td>${r.kelurahanNama}</td>
                  <td>${r.kecamatanNama}</td>`
              : ''
          }
          <td>${r.ketuaNama ?? '—'}</td>
          <td>${r.ketuaTelepon ?? '—'}</td>
          <td class="num">${num(r.jumlahKk)}</td>
          <td class="num">${num(r.jumlahRt)}</td>
        </tr>`,
    ),
  );
}

/** The message key of each import status. */
export const STATUS_KEYS: Record<ImportView['status'], string> = {
  menunggu: 'wilayah.impor.status.menunggu',
  diproses: 'wilayah.impor.status.diproses',
  berhasil: 'wilayah.impor.status.berhasil',
  gagal: 'wilayah.impor.status.gagal',
};
