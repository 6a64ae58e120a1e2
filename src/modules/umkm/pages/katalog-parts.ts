/**
 * Pieces shared by the public catalogue's screens, built for a mid-range phone on slow 3G:
 * server-rendered, no JavaScript needed, small HTML, photos lazy through srcset.
 *
 * Structured data: schema.org JSON-LD (Product with Offer and seller; LocalBusiness) in
 * <script type="application/ld+json">. The app's CSP (script-src 'self') does not block it and
 * needs no nonce or hash: a script element whose type is not a JavaScript MIME type is a data
 * block, which the HTML standard's "prepare the script element" leaves before the CSP inline
 * check (it is never executed, so browsers report no violation). jsonScript() escapes "<".
 *
 * Caching: pages are the same for every anonymous visitor of a language, but every first
 * response sets the CSRF cookie and the language comes from a cookie, so a shared cache must not
 * keep them: anonymous pages are `private, max-age=60` with `Vary: Cookie` and an ETag (a
 * revalidation answers 304 without the body); signed-in pages stay `private, no-store` (set by
 * the platform). The markers' JSON is the same for everyone: public, 5 minutes.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cityOf } from '../../../platform/http/context.ts';
import { formatRupiah, type Translator } from '../../../platform/i18n/index.ts';
import { html, jsonScript, raw, type SafeHtml } from '../../../platform/web/html.ts';
import { renderPage, type PageOptions } from '../../../platform/web/layout.ts';
import { option, pagination, selectField } from '../../../platform/web/components.ts';
import { type ProdukKatalog } from '../cari.ts';
import { gambarFoto, ukuranFoto } from '../foto.ts';
import { listSektor, type ProdukPublik, type UsahaPublik } from '../katalog-service.ts';
import { pathProduk, pathUsaha, urlPenuh } from '../katalog-links.ts';

export const publik = { access: 'public' } as const;
export const PER_HALAMAN = 20;

/** The catalogue's few styles (kt-*), inline: one request less on a slow connection. */
const GAYA = raw(`<style>
.kt-daftar{list-style:none;padding:0;margin:0 0 1rem;display:grid;gap:.75rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,18rem),1fr))}
.kt-item{display:flex;gap:.75rem;align-items:flex-start;min-width:0;padding:.5rem;border:1px solid var(--line);border-radius:var(--radius)}
.kt-item>div{min-width:0}
.kt-item img,.kt-tanpa{flex:0 0 6rem;width:6rem;height:6rem;object-fit:cover;border-radius:var(--radius);background:var(--surface)}
.kt-item h3{font-size:1rem;margin:0 0 .25rem;overflow-wrap:anywhere}
.kt-item p{margin:0;overflow-wrap:anywhere}
.kt-harga{font-weight:700;font-size:1.125rem}
.kt-foto img{display:block;max-width:100%;height:auto;border-radius:var(--radius)}
.kt-galeri{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.kt-galeri img{width:4.5rem;height:4.5rem;object-fit:cover;border-radius:var(--radius)}
.kt-teks{white-space:pre-line;overflow-wrap:anywhere}
.kt-filter summary{cursor:pointer;font-weight:600;padding:.5rem 0}
.kt-cari{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.kt-cari .field{flex:1 1 14rem;margin:0}
</style>`);

/** Sends a page with the catalogue's caching (see the header); 304 when the ETag matches. */
export function sendKatalogPage(req: FastifyRequest, reply: FastifyReply, o: PageOptions): FastifyReply {
  const body = renderPage(req, { ...o, head: html`${GAYA}${o.head}` });
  const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', 'private, max-age=60').header('vary', 'Cookie').header('etag', etag);
  const inm = req.headers['if-none-match'];
  if (!req.user && typeof inm === 'string' && inm.split(',').some((x) => x.trim() === etag))
    return reply.status(304).send();
  return reply.status(200).type('text/html; charset=utf-8').send(body);
}

export function harga(t: Translator, hargaRp: number, satuan: string): string {
  return t('umkm.katalog.hargaPer', { harga: formatRupiah(hargaRp), satuan });
}

export function kartuProduk(req: FastifyRequest, p: ProdukKatalog): SafeHtml {
  const t = req.t;
  const slug = cityOf(req).slug;
  return html`<li class="kt-item">
    ${
      p.foto
        ? gambarFoto(req, p.foto, { tampil: 96, sizes: '96px', altCadangan: '' })
        : html`<span class="kt-tanpa" aria-hidden="true"></span>`
    }
    <div>
      <h3><a href="${pathProduk(slug, p.slug)}">${p.nama}</a></h3>
      <p class="kt-harga">${harga(t, p.harga, p.satuan)}</p>
      <p class="meta">
        ${p.usaha.nama} ·
        ${t('umkm.katalog.kec', { nama: p.kecamatan.nama })}${
          p.halal ? html` · <span class="tag">${t('umkm.katalog.legalitas.halal')}</span>` : ''
        }
      </p>
    </div>
  </li>`;
}

export function badges(t: Translator, jenis: readonly string[]): SafeHtml | '' {
  if (!jenis.length) return '';
  return html`<ul class="tags" aria-label="${t('umkm.katalog.legalitasLabel')}">
    ${jenis.map((j) => html`<li class="tag">${t(`umkm.katalog.legalitas.${j}`)}</li>`)}
  </ul>`;
}

export function tombolWa(t: Translator, href: string | null, label: string): SafeHtml | '' {
  if (!href) return '';
  return html`<p>
      <a class="button primary" href="${href}" rel="nofollow noopener" data-kontak="whatsapp">${label}</a>
    </p>
    <p class="hint">${t('umkm.katalog.wa.hint')}</p>`;
}

export function alamatLengkap(t: Translator, u: UsahaPublik): string {
  return [
    u.alamat,
    t('umkm.katalog.kel', { nama: u.kelurahan.nama }),
    t('umkm.katalog.kec', { nama: u.kecamatan.nama }),
    u.kota,
    u.provinsi,
  ]
    .filter(Boolean)
    .join(', ');
}

/** schema.org LocalBusiness of a business page (and the seller of an offer). */
export function ldUsaha(req: FastifyRequest, u: UsahaPublik): Record<string, unknown> {
  const slug = cityOf(req).slug;
  return {
    '@type': 'LocalBusiness',
    name: u.nama,
    ...(u.deskripsi ? { description: u.deskripsi } : {}),
    url: urlPenuh(req, pathUsaha(slug, u.slug)),
    address: {
      '@type': 'PostalAddress',
      ...(u.alamat ? { streetAddress: u.alamat } : {}),
      addressLocality: u.kota,
      ...(u.provinsi ? { addressRegion: u.provinsi } : {}),
      addressCountry: 'ID',
    },
    ...(u.lat !== null && u.lng !== null
      ? { geo: { '@type': 'GeoCoordinates', latitude: u.lat, longitude: u.lng } }
      : {}),
  };
}

export function ldProduk(req: FastifyRequest, p: ProdukPublik): Record<string, unknown> {
  const city = cityOf(req);
  const url = urlPenuh(req, pathProduk(city.slug, p.slug));
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.nama,
    ...(p.deskripsi ? { description: p.deskripsi } : {}),
    url,
    ...(p.foto.length ? { image: p.foto.map((f) => urlPenuh(req, ukuranFoto(city.slug, f).besar.url)) } : {}),
    ...(p.sku ? { sku: p.sku } : {}),
    ...(p.merek ? { brand: { '@type': 'Brand', name: p.merek } } : {}),
    category: req.t(`umkm.produk.kategori.${p.kategori}`),
    offers: {
      '@type': 'Offer',
      url,
      priceCurrency: 'IDR',
      price: p.harga,
      availability: p.tersedia ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      seller: ldUsaha(req, p.usaha),
    },
  };
}

export function jsonLd(data: Record<string, unknown>): SafeHtml {
  return html`<script type="application/ld+json">
    ${jsonScript(data)}
  </script>`;
}

/** A filter of the catalogue (label `umkm.katalog.f.<name>`): "all", then its options (value, label). */
export function saringan(
  t: Translator,
  name: string,
  options: readonly (readonly [string, string])[],
  selected: string | undefined,
): SafeHtml {
  return selectField({
    name,
    label: t(`umkm.katalog.f.${name}`),
    options: [
      option('', t('umkm.katalog.semua'), selected ?? ''),
      ...options.map(([value, label]) => option(value, label, selected)),
    ],
  });
}

/** The city's kecamatan and the KBLI sectors as the options of `saringan`. */
export const pilihanKecamatan = (kecamatan: readonly { kode: string; nama: string }[]) =>
  kecamatan.map((k) => [k.kode, k.nama] as const);
export const pilihanSektor = () => listSektor().map((s) => [s.huruf, `${s.huruf} · ${s.judul}`] as const);

/** A list of the catalogue (its items, or `kosong` when none) and its page links (`href(undefined)`: page 1). */
export function daftarHalaman(
  t: Translator,
  o: {
    cls?: string;
    items: SafeHtml[];
    kosong: string;
    page: number;
    pages: number;
    href: (page: number | undefined) => string;
  },
): SafeHtml {
  return html`${
    o.items.length
      ? html`<ul${o.cls ? html` class="${o.cls}"` : ''}>${o.items}</ul>`
      : html`<p>${o.kosong}</p>`
  }
  ${pagination(t, t('umkm.katalog.halaman'), o.page, o.pages, (n) => o.href(n > 1 ? n : undefined))}`;
}
