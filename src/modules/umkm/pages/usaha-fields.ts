/**
 * The business form's fields (registration and profile), the map pin, and the KBLI search
 * helper of the UMKM registry pages.
 */
import type { FastifyRequest } from 'fastify';
import { field } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import {
  checkbox,
  kelurahanOptions,
  selectField,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { todayWib } from '../../../platform/waktu.ts';
import type { Translator } from '../../../platform/i18n/index.ts';
import { cariKbli } from '../kbli.ts';
import type { StatusUsaha } from '../tables.ts';
import { textArea, type Wilayah } from './usaha-parts.ts';

/** The city's kelurahan by kecamatan, only those `keep` lets through (empty kecamatan left out). */
function kelurahanSelect(t: Translator, w: Wilayah, keep: (kode: string) => boolean, selected?: string) {
  const groups = w.groups
    .map((g) => ({ nama: g.nama, kelurahan: g.kelurahan.filter((k) => keep(k.kode)) }))
    .filter((g) => g.kelurahan.length > 0);
  return kelurahanOptions(groups, selected, {
    emptyLabel: t('umkm.reg.pilihKelurahan'),
    groupLabel: (nama) => t('umkm.reg.kecamatanNama', { nama }),
  });
}

// ---- The business's form fields (registration and profile) ----

export function usahaFields(
  req: FastifyRequest,
  w: Wilayah,
  v: FormValues,
  e: FormErrors,
  o: {
    baru: boolean;
    keepKelurahan: (kode: string) => boolean;
    nikSamaran: string | null;
    nikDikirim: boolean;
    kelola: boolean;
  },
): SafeHtml {
  const t = req.t;
  const tahunIni = todayWib().slice(0, 4);
  return html`<fieldset>
      <legend>${t('umkm.reg.f.usahaPemilik')}</legend>
      ${field({ name: 'nama', label: t('umkm.reg.f.nama'), value: v.nama, error: e.nama, required: true, hint: t('umkm.reg.f.namaHint'), autocomplete: 'organization', attrs: html`maxlength="160"` })}
      ${field({ name: 'pemilikNama', label: t('umkm.reg.f.pemilikNama'), value: v.pemilikNama, error: e.pemilikNama, required: true, autocomplete: 'name', attrs: html`maxlength="120"` })}
      ${field({ name: 'telepon', label: t('umkm.reg.f.telepon'), type: 'tel', value: v.telepon, error: e.telepon, hint: t('umkm.reg.f.teleponHint'), autocomplete: 'tel', attrs: html`inputmode="tel" maxlength="30"` })}
      ${field({ name: 'email', label: t('umkm.reg.f.email'), type: 'email', value: v.email, error: e.email, autocomplete: 'email', attrs: html`maxlength="200"` })}
    </fieldset>
    <fieldset>
      <legend>${t('umkm.reg.f.lokasi')}</legend>
      ${selectField({ name: 'kelurahanKode', label: t('umkm.reg.f.kelurahan'), error: e.kelurahanKode, required: true, options: kelurahanSelect(t, w, o.keepKelurahan, v.kelurahanKode) })}
      ${field({ name: 'rwNomor', label: t('umkm.reg.f.rw'), type: 'text', value: v.rwNomor, error: e.rwNomor, hint: t('umkm.reg.f.rwHint'), attrs: html`inputmode="numeric" maxlength="3" pattern="[0-9]*"` })}
      ${field({ name: 'alamat', label: t('umkm.reg.f.alamat'), value: v.alamat, error: e.alamat, autocomplete: 'street-address', attrs: html`maxlength="300"` })}
      ${titikFields(req, v, e)}
    </fieldset>
    <fieldset>
      <legend>${t('umkm.reg.f.tentang')}</legend>
      ${field({ name: 'tahunBerdiri', label: t('umkm.reg.f.tahunBerdiri'), value: v.tahunBerdiri, error: e.tahunBerdiri, hint: t('umkm.reg.f.tahunBerdiriHint', { tahun: tahunIni }), attrs: html`inputmode="numeric" maxlength="4"` })}
      ${field({ name: 'jumlahPekerja', label: t('umkm.reg.f.jumlahPekerja'), value: v.jumlahPekerja, error: e.jumlahPekerja, hint: t('umkm.reg.f.jumlahPekerjaHint'), attrs: html`inputmode="numeric" maxlength="6"` })}
      ${textArea({ name: 'deskripsi', label: t('umkm.reg.f.deskripsi'), value: v.deskripsi, error: e.deskripsi, hint: t('umkm.reg.f.deskripsiHint'), rows: 4, maxlength: 4000 })}
    </fieldset>
    <fieldset>
      <legend>${t('umkm.reg.f.nomor')}</legend>
      ${field({ name: 'nib', label: t('umkm.reg.f.nib'), value: v.nib, error: e.nib, hint: t('umkm.reg.f.nibHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="20"` })}
      ${field({ name: 'npwp', label: t('umkm.reg.f.npwp'), value: v.npwp, error: e.npwp, hint: t('umkm.reg.f.npwpHint'), autocomplete: 'off', attrs: html`maxlength="25"` })}
      ${o.nikSamaran ? html`<p>${t('umkm.reg.f.nikTersimpan', { nik: o.nikSamaran })}</p>` : ''}
      ${field({
        name: 'nik',
        label: o.nikSamaran ? t('umkm.reg.f.nikBaru') : t('umkm.reg.f.nik'),
        // A NIK is never written back into a page; one that was sent must be typed again.
        value: '',
        error: e.nik,
        hint: `${o.nikDikirim ? t('umkm.reg.f.nikUlang') : t('umkm.reg.f.nikHint')} ${t('umkm.reg.f.nikAlasan')}`,
        autocomplete: 'off',
        attrs: html`inputmode="numeric" maxlength="20"`,
      })}
      ${!o.baru && o.nikSamaran ? checkbox({ name: 'hapusNik', label: t('umkm.reg.f.hapusNik'), checked: v.hapusNik === '1' }) : ''}
    </fieldset>
    ${
      o.baru
        ? html`<fieldset>
            <legend>${t('umkm.reg.f.kbliLegend')}</legend>
            ${field({ name: 'kbli', label: t('umkm.reg.f.kbli'), value: v.kbli, error: e.kbli, hint: t('umkm.reg.f.kbliHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="5"` })}
            <p class="meta"><a href="#cari-kbli">${t('umkm.reg.kbli.keCari')}</a></p>
          </fieldset>`
        : ''
    }
    <fieldset>
      <legend>${t('umkm.reg.f.keanggotaan')}</legend>
      ${checkbox({ name: 'umkmCenter', label: t('umkm.reg.f.umkmCenter'), checked: v.umkmCenter === '1' })}
      ${field({ name: 'sentra', label: t('umkm.reg.f.sentra'), value: v.sentra, error: e.sentra, hint: t('umkm.reg.f.sentraHint'), attrs: html`maxlength="120"` })}
      ${field({ name: 'inkubator', label: t('umkm.reg.f.inkubator'), value: v.inkubator, error: e.inkubator, hint: t('umkm.reg.f.inkubatorHint'), attrs: html`maxlength="120"` })}
    </fieldset>
    ${
      !o.baru && o.kelola
        ? html`<fieldset>
            <legend>${t('umkm.reg.f.ekatalog')}</legend>
            ${checkbox({ name: 'sikap', label: t('umkm.reg.f.sikap'), checked: v.sikap === '1' })}
            ${checkbox({ name: 'kswpValid', label: t('umkm.reg.f.kswpValid'), checked: v.kswpValid === '1' })}
            ${field({ name: 'kswpDicek', label: t('umkm.reg.f.kswpDicek'), type: 'date', value: v.kswpDicek, error: e.kswpDicek })}
          </fieldset>`
        : ''
    }`;
}

/**
 * The business's point: latitude and longitude inputs (the page works without JavaScript), and
 * a map to pin it on (public/js/peta-pin.js fills the inputs; hidden until the script runs).
 */
function titikFields(req: FastifyRequest, v: FormValues, e: FormErrors): SafeHtml {
  const t = req.t;
  return html`<p class="hint" id="titik-hint">${t('umkm.reg.f.titikHint')}</p>
    <div class="titik-kolom">
      ${field({ name: 'lat', label: t('umkm.reg.f.lat'), value: v.lat, error: e.lat, autocomplete: 'off', attrs: html`inputmode="decimal" maxlength="20" placeholder="-6.914744"` })}
      ${field({ name: 'lng', label: t('umkm.reg.f.lng'), value: v.lng, error: e.lng, autocomplete: 'off', attrs: html`inputmode="decimal" maxlength="20" placeholder="107.609810"` })}
    </div>
    <div
      id="peta-pin"
      class="peta-pin"
      hidden
      role="region"
      aria-label="${t('umkm.reg.f.petaLabel')}"
      aria-describedby="peta-pin-status"
      data-kecamatan-url="/api/v1/cities/${req.city?.slug ?? ''}/wilayah/kecamatan.geojson"
      data-label-error="${t('umkm.reg.f.petaError')}"
    ></div>
    <p class="hint" id="peta-pin-status" role="status" hidden>${t('umkm.reg.f.petaPetunjuk')}</p>`;
}

/** The map pin's stylesheet and scripts, for the pages with the business form. */
export const PETA_PIN = {
  head: html`<link rel="stylesheet" href="/assets/leaflet/leaflet.css" />
    <link rel="stylesheet" href="/assets/css/peta-pin.css" />`,
  scripts: ['/assets/leaflet/leaflet.js', '/assets/js/peta-pin.js'],
};

export const USAHA_FIELDS = [
  'nama',
  'pemilikNama',
  'telepon',
  'email',
  'kelurahanKode',
  'rwNomor',
  'alamat',
  'lat',
  'lng',
  'tahunBerdiri',
  'jumlahPekerja',
  'deskripsi',
  'nib',
  'npwp',
  'umkmCenter',
  'sentra',
  'inkubator',
];
/** Service pointers to form fields. */
export const RENAME_USAHA: Record<string, string> = { rwId: 'rwNomor', kbli: 'kbli' };

/** A KBLI search result list: each code with a way to use it. */
export function hasilKbli(
  t: Translator,
  cari: string | undefined,
  pakai: (kode: string, judul: string) => SafeHtml,
): SafeHtml | '' {
  const q = (cari ?? '').trim();
  if (!q) return '';
  const hasil = cariKbli(q, { tingkat: 'kelompok', batas: 20 });
  if (!hasil.length) return html`<p role="status">${t('umkm.reg.kbli.tidakAda', { q })}</p>`;
  return html`<p role="status">${t('umkm.reg.kbli.hasil', { n: hasil.length, q })}</p>
    <ul>
      ${hasil.map((k) => html`<li><strong>${k.kode}</strong> — ${k.judul} ${pakai(k.kode, k.judul)}</li>`)}
    </ul>`;
}

export function cariKbliForm(
  req: FastifyRequest,
  action: string,
  cari: string | undefined,
  extra: SafeHtml | '' = '',
) {
  const t = req.t;
  return html`<form method="get" action="${action}#cari-kbli" class="narrow" role="search">
    ${extra}
    ${field({ name: 'cari', label: t('umkm.reg.kbli.cari'), value: cari, hint: t('umkm.reg.kbli.cariHint'), type: 'search', autocomplete: 'off', attrs: html`maxlength="100"` })}
    <button type="submit">${t('umkm.reg.kbli.cariTombol')}</button>
  </form>`;
}

// ---- Next step of a business, in words ----

export function langkahBerikut(t: Translator, s: StatusUsaha): string {
  return t(`umkm.reg.berikut.${s}`);
}
