/**
 * The public UMKM catalogue pages, built for a mid-range phone on slow 3G: server-rendered, no
 * JavaScript needed (the map is the only script, and its list is the alternative), small HTML,
 * photos lazy through srcset (a list loads the 240 px size).
 *   /:city/umkm            search box and filters as a GET form, results, pagination
 *   /:city/umkm/p/:slug    a product: photos, price, certifications, seller, WhatsApp button
 *   /:city/umkm/u/:slug    a business: address, legality badges, its products
 *   /:city/umkm/peta       verified businesses with a location on the kelurahan map, and as a list
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
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx } from '../../platform/http/context.ts';
import { CityParams } from '../../platform/http/schemas.ts';
import { formatNumber, formatRupiah, type Translator } from '../../platform/i18n/index.ts';
import { breadcrumbs, option, pagination, queryString, selectField } from '../../platform/web/components.ts';
import { html, jsonScript, raw, type SafeHtml } from '../../platform/web/html.ts';
import { renderPage, type PageOptions } from '../../platform/web/layout.ts';
import { cariProduk, cariUsaha, mulaiPencarian, type ProdukKatalog } from './cari.ts';
import { gambarFoto, ukuranFoto } from './foto.ts';
import {
  daftarSektor,
  kecamatanKota,
  produkPublik,
  produkUsaha,
  usahaBerlokasi,
  usahaPublik,
  type ProdukPublik,
  type UsahaPublik,
} from './katalog-service.ts';
import {
  KodeKecamatan,
  Sektor,
  Slug,
  filterDari,
  filterFields,
  pathProduk,
  pathUsaha,
  urlPenuh,
  waProduk,
  waUsaha,
} from './katalog-routes.ts';
import { KATEGORI_PRODUK } from './tables.ts';

const publik = { access: 'public' } as const;
const PER_HALAMAN = 20;

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
function kirimHalaman(req: FastifyRequest, reply: FastifyReply, o: PageOptions): FastifyReply {
  const body = renderPage(req, { ...o, head: html`${GAYA}${o.head}` });
  const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', 'private, max-age=60').header('vary', 'Cookie').header('etag', etag);
  const inm = req.headers['if-none-match'];
  if (!req.user && typeof inm === 'string' && inm.split(',').some((x) => x.trim() === etag))
    return reply.status(304).send();
  return reply.status(200).type('text/html; charset=utf-8').send(body);
}

function harga(t: Translator, hargaRp: number, satuan: string): string {
  return t('umkm.katalog.hargaPer', { harga: formatRupiah(hargaRp), satuan });
}

function kartuProduk(req: FastifyRequest, p: ProdukKatalog): SafeHtml {
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

function badges(t: Translator, jenis: readonly string[]): SafeHtml | '' {
  if (!jenis.length) return '';
  return html`<ul class="tags" aria-label="${t('umkm.katalog.legalitasLabel')}">
    ${jenis.map((j) => html`<li class="tag">${t(`umkm.katalog.legalitas.${j}`)}</li>`)}
  </ul>`;
}

function tombolWa(t: Translator, href: string | null, label: string): SafeHtml | '' {
  if (!href) return '';
  return html`<p>
      <a class="button primary" href="${href}" rel="nofollow noopener" data-kontak="whatsapp">${label}</a>
    </p>
    <p class="hint">${t('umkm.katalog.wa.hint')}</p>`;
}

function alamatLengkap(t: Translator, u: UsahaPublik): string {
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
function ldUsaha(req: FastifyRequest, u: UsahaPublik): Record<string, unknown> {
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

function ldProduk(req: FastifyRequest, p: ProdukPublik): Record<string, unknown> {
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

function jsonLd(data: Record<string, unknown>): SafeHtml {
  return html`<script type="application/ld+json">
    ${jsonScript(data)}
  </script>`;
}

export function katalogPages(app: FastifyInstance, _ctx: ModuleContext): void {
  // Built here, not at load: katalog-routes.ts (which registers these pages) defines the parts.
  // Shared links carry tracking parameters (fbclid, utm_*): pages ignore unknown ones.
  const KatalogQuery = Type.Object(filterFields);
  const HalamanQuery = Type.Object({ page: filterFields.page });
  const SlugParams = Type.Object(
    { city: CityParams.properties.city, slug: Slug },
    { additionalProperties: false },
  );
  const PetaQuery = Type.Object({
    kecamatan: Type.Optional(Type.Union([KodeKecamatan, Type.Literal('')])),
    sektor: Type.Optional(Type.Union([Sektor, Type.Literal('')])),
    page: filterFields.page,
  });
  type KatalogQuery = Static<typeof KatalogQuery>;
  type HalamanQuery = Static<typeof HalamanQuery>;
  type SlugParams = Static<typeof SlugParams>;
  type PetaQuery = Static<typeof PetaQuery>;

  app.get(
    '/:city/umkm',
    { schema: { params: CityParams, querystring: KatalogQuery }, config: publik },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const q = req.query as KatalogQuery;
      const teks = (q.q ?? '').slice(0, 200);
      const filter = filterDari(q);
      const page = q.page ?? 1;
      const { hasil, usaha, kecamatan } = await cityTx(req, async (trx) => {
        const pencarian = await mulaiPencarian(trx, city.id, teks);
        const hasil = await cariProduk(trx, city.id, pencarian, filter, { page, perPage: PER_HALAMAN });
        const usaha =
          teks.trim() && page === 1
            ? await cariUsaha(trx, city.id, pencarian, filter, { page: 1, perPage: 5 })
            : null;
        return { hasil, usaha, kecamatan: await kecamatanKota(trx, city.id) };
      });
      const pages = Math.ceil(hasil.jumlah / PER_HALAMAN);
      const params = {
        q: teks || undefined,
        kecamatan: filter.kecamatan,
        sektor: filter.sektor,
        kelas: filter.kelas,
        kategori: filter.kategori,
        halal: filter.halal ? '1' : undefined,
      };
      const adaFilter = Boolean(
        filter.kecamatan || filter.sektor || filter.kelas || filter.kategori || filter.halal,
      );
      const jumlahTeks = hasil.terbatas
        ? t('umkm.katalog.jumlahLebih', { n: formatNumber(hasil.jumlah) })
        : t('umkm.katalog.jumlah', { n: formatNumber(hasil.jumlah) });
      return kirimHalaman(req, reply, {
        title: t('umkm.katalog.title'),
        body: html`<h1>${t('umkm.katalog.heading', { city: city.name })}</h1>
          <p class="lead">${t('umkm.katalog.intro')}</p>
          <form method="get" action="/${city.slug}/umkm" role="search" aria-label="${t('umkm.katalog.cari')}">
            <div class="kt-cari">
              <div class="field">
                <label for="f-q">${t('umkm.katalog.cariLabel')}</label>
                <input
                  id="f-q"
                  name="q"
                  type="search"
                  value="${teks}"
                  maxlength="200"
                  enterkeyhint="search"
                  autocomplete="off"
                  placeholder="${t('umkm.katalog.cariContoh')}"
                />
              </div>
              <button type="submit" class="primary">${t('umkm.katalog.cari')}</button>
            </div>
            <details class="kt-filter" ${adaFilter ? raw('open') : ''}>
              <summary>${t('umkm.katalog.saring')}</summary>
              <div class="filters">
                ${selectField({
                  name: 'kecamatan',
                  label: t('umkm.katalog.f.kecamatan'),
                  options: [
                    option('', t('umkm.katalog.semua'), filter.kecamatan ?? ''),
                    ...kecamatan.map((k) => option(k.kode, k.nama, filter.kecamatan)),
                  ],
                })}
                ${selectField({
                  name: 'kategori',
                  label: t('umkm.katalog.f.kategori'),
                  options: [
                    option('', t('umkm.katalog.semua'), filter.kategori ?? ''),
                    ...KATEGORI_PRODUK.map((k) => option(k, t(`umkm.produk.kategori.${k}`), filter.kategori)),
                  ],
                })}
                ${selectField({
                  name: 'sektor',
                  label: t('umkm.katalog.f.sektor'),
                  options: [
                    option('', t('umkm.katalog.semua'), filter.sektor ?? ''),
                    ...daftarSektor().map((s) => option(s.huruf, `${s.huruf} · ${s.judul}`, filter.sektor)),
                  ],
                })}
                ${selectField({
                  name: 'kelas',
                  label: t('umkm.katalog.f.kelas'),
                  options: [
                    option('', t('umkm.katalog.semua'), filter.kelas ?? ''),
                    ...(['mikro', 'kecil', 'menengah'] as const).map((k) =>
                      option(k, t(`umkm.katalog.kelas.${k}`), filter.kelas),
                    ),
                  ],
                })}
                <div class="field">
                  <label
                    ><input type="checkbox" name="halal" value="1" ${filter.halal ? raw('checked') : ''} />
                    ${t('umkm.katalog.f.halal')}</label
                  >
                </div>
                <button type="submit">${t('umkm.katalog.terapkan')}</button>
              </div>
            </details>
          </form>
          ${
            hasil.kueri.koreksi
              ? html`<p class="alert alert-info" role="status">
                  ${t('umkm.katalog.koreksi')} <strong>${hasil.kueri.koreksi}</strong>
                </p>`
              : ''
          }
          ${
            usaha && usaha.items.length
              ? html`<section aria-labelledby="h-usaha">
                  <h2 id="h-usaha">${t('umkm.katalog.usahaCocok')}</h2>
                  <ul>
                    ${usaha.items.map(
                      (u) =>
                        html`<li>
                          <a href="${pathUsaha(city.slug, u.slug)}">${u.nama}</a>
                          <span class="meta">· ${t('umkm.katalog.kec', { nama: u.kecamatan.nama })}</span>
                        </li>`,
                    )}
                  </ul>
                </section>`
              : ''
          }
          <section aria-labelledby="h-hasil">
            <h2 id="h-hasil">${teks.trim() ? t('umkm.katalog.hasil') : t('umkm.katalog.terbaru')}</h2>
            <p class="meta" role="status">${jumlahTeks}</p>
            ${
              hasil.items.length
                ? html`<ul class="kt-daftar">
                    ${hasil.items.map((p) => kartuProduk(req, p))}
                  </ul>`
                : html`<p>${t('umkm.katalog.kosong')}</p>`
            }
            ${pagination(
              t,
              t('umkm.katalog.halaman'),
              page,
              pages,
              (n) => `/${city.slug}/umkm${queryString({ ...params, page: n > 1 ? n : undefined })}`,
            )}
          </section>
          <p><a href="/${city.slug}/umkm/peta">${t('umkm.katalog.peta.link')}</a></p>`,
      });
    },
  );

  app.get('/:city/umkm/p/:slug', { schema: { params: SlugParams }, config: publik }, async (req, reply) => {
    const t = req.t;
    const city = cityOf(req);
    const { slug } = req.params as SlugParams;
    const p = await cityTx(req, (trx) => produkPublik(trx, city, slug));
    const [utama, ...lain] = p.foto;
    const sertifikat = (['halal', 'pirt', 'bpom', 'sni'] as const).filter((k) => p[k]);
    return kirimHalaman(req, reply, {
      title: p.nama,
      head: html`<meta name="description" content="${(p.deskripsi ?? p.nama).slice(0, 160)}" />
        ${jsonLd(ldProduk(req, p))}`,
      body: html`${breadcrumbs(t('umkm.katalog.jejak'), [
          { href: `/${city.slug}/umkm`, label: t('umkm.katalog.title') },
          { href: pathUsaha(city.slug, p.usaha.slug), label: p.usaha.nama },
          { label: p.nama },
        ])}
        <article>
          <h1>${p.nama}</h1>
          ${
            utama
              ? html`<figure class="kt-foto">
                  ${gambarFoto(req, utama, {
                    tampil: 'sedang',
                    sizes: '(min-width: 45rem) 640px, 100vw',
                    altCadangan: p.nama,
                  })}
                </figure>`
              : ''
          }
          ${
            lain.length
              ? html`<ul class="kt-galeri" aria-label="${t('umkm.katalog.fotoLain')}">
                  ${lain.map(
                    (f) =>
                      html`<li>
                        <a href="${ukuranFoto(city.slug, f).besar.url}"
                          >${gambarFoto(req, f, { tampil: 72, sizes: '72px', altCadangan: p.nama })}</a
                        >
                      </li>`,
                  )}
                </ul>`
              : ''
          }
          <p class="kt-harga">${harga(t, p.harga, p.satuan)}</p>
          <p>
            ${p.tersedia ? t('umkm.katalog.tersedia') : html`<strong>${t('umkm.katalog.habis')}</strong>`}
          </p>
          ${badges(t, sertifikat)} ${tombolWa(t, waProduk(req, p), t('umkm.katalog.wa.tombol'))}
          ${
            p.deskripsi
              ? html`<h2>${t('umkm.katalog.deskripsi')}</h2>
                  <p class="kt-teks">${p.deskripsi}</p>`
              : ''
          }
          <h2>${t('umkm.katalog.penjual')}</h2>
          <p>
            <a href="${pathUsaha(city.slug, p.usaha.slug)}">${p.usaha.nama}</a><br />
            ${t('umkm.katalog.kel', { nama: p.usaha.kelurahan.nama })},
            ${t('umkm.katalog.kec', { nama: p.usaha.kecamatan.nama })}
          </p>
          <dl class="facts">
            <dt>${t('umkm.katalog.f.kategori')}</dt>
            <dd>${t(`umkm.produk.kategori.${p.kategori}`)}</dd>
            ${
              p.merek
                ? html`<dt>${t('umkm.katalog.merek')}</dt>
                    <dd>${p.merek}</dd>`
                : ''
            }
          </dl>
        </article>`,
    });
  });

  app.get(
    '/:city/umkm/u/:slug',
    { schema: { params: SlugParams, querystring: HalamanQuery }, config: publik },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const { slug } = req.params as SlugParams;
      const page = (req.query as HalamanQuery).page ?? 1;
      const { u, produk } = await cityTx(req, async (trx) => {
        const u = await usahaPublik(trx, city, slug);
        return { u, produk: await produkUsaha(trx, city.id, u.id, { page, perPage: PER_HALAMAN }) };
      });
      return kirimHalaman(req, reply, {
        title: u.nama,
        head: html`<meta name="description" content="${(u.deskripsi ?? u.nama).slice(0, 160)}" />
          ${jsonLd({ '@context': 'https://schema.org', ...ldUsaha(req, u) })}`,
        body: html`${breadcrumbs(t('umkm.katalog.jejak'), [
            { href: `/${city.slug}/umkm`, label: t('umkm.katalog.title') },
            { label: u.nama },
          ])}
          <h1>${u.nama}</h1>
          ${badges(t, u.legalitas)} ${u.deskripsi ? html`<p class="kt-teks">${u.deskripsi}</p>` : ''}
          ${tombolWa(t, waUsaha(req, u), t('umkm.katalog.wa.tombolUsaha'))}
          <h2>${t('umkm.katalog.alamat')}</h2>
          <address>${alamatLengkap(t, u)}</address>
          <dl class="facts">
            ${
              u.sektor
                ? html`<dt>${t('umkm.katalog.f.sektor')}</dt>
                    <dd>${u.sektor.huruf} · ${u.sektor.judul}</dd>`
                : ''
            }
            ${
              u.kelas
                ? html`<dt>${t('umkm.katalog.f.kelas')}</dt>
                    <dd>${t(`umkm.katalog.kelas.${u.kelas}`)}</dd>`
                : ''
            }
            ${
              u.tahunBerdiri
                ? html`<dt>${t('umkm.katalog.berdiri')}</dt>
                    <dd>${u.tahunBerdiri}</dd>`
                : ''
            }
            ${
              u.sentra
                ? html`<dt>${t('umkm.katalog.sentra')}</dt>
                    <dd>${u.sentra}</dd>`
                : ''
            }
            ${
              u.umkmCenter
                ? html`<dt>${t('umkm.katalog.umkmCenter')}</dt>
                    <dd>${t('umkm.katalog.ya')}</dd>`
                : ''
            }
          </dl>
          ${
            u.lat !== null
              ? html`<p>
                  <a href="/${city.slug}/umkm/peta${queryString({ kecamatan: u.kecamatan.kode })}"
                    >${t('umkm.katalog.peta.lihat')}</a
                  >
                </p>`
              : ''
          }
          <section aria-labelledby="h-produk">
            <h2 id="h-produk">${t('umkm.katalog.produkUsaha', { n: formatNumber(produk.jumlah) })}</h2>
            ${
              produk.items.length
                ? html`<ul class="kt-daftar">
                    ${produk.items.map((p) => kartuProduk(req, p))}
                  </ul>`
                : html`<p>${t('umkm.katalog.belumAdaProduk')}</p>`
            }
            ${pagination(
              t,
              t('umkm.katalog.halaman'),
              page,
              Math.ceil(produk.jumlah / PER_HALAMAN),
              (n) => pathUsaha(city.slug, u.slug) + queryString({ page: n > 1 ? n : undefined }),
            )}
          </section>`,
      });
    },
  );

  app.get(
    '/:city/umkm/peta',
    { schema: { params: CityParams, querystring: PetaQuery }, config: publik },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const q = req.query as PetaQuery;
      const f = { kecamatan: q.kecamatan || undefined, sektor: q.sektor || undefined };
      const page = q.page ?? 1;
      const { daftar, kecamatan } = await cityTx(req, async (trx) => ({
        daftar: await usahaBerlokasi(trx, city.id, f, { page, perPage: 50 }),
        kecamatan: await kecamatanKota(trx, city.id),
      }));
      const penandaUrl = `/api/v1/cities/${city.slug}/umkm/katalog/peta${queryString(f)}`;
      return kirimHalaman(req, reply, {
        title: t('umkm.katalog.peta.title'),
        head: html`<link rel="stylesheet" href="/assets/leaflet/leaflet.css" />`,
        scripts: ['/assets/leaflet/leaflet.js', '/assets/js/katalog-peta.js'],
        body: html`${breadcrumbs(t('umkm.katalog.jejak'), [
            { href: `/${city.slug}/umkm`, label: t('umkm.katalog.title') },
            { label: t('umkm.katalog.peta.title') },
          ])}
          <h1>${t('umkm.katalog.peta.heading', { city: city.name })}</h1>
          <form method="get" action="/${city.slug}/umkm/peta" class="filters">
            ${selectField({
              name: 'kecamatan',
              label: t('umkm.katalog.f.kecamatan'),
              options: [
                option('', t('umkm.katalog.semua'), f.kecamatan ?? ''),
                ...kecamatan.map((k) => option(k.kode, k.nama, f.kecamatan)),
              ],
            })}
            ${selectField({
              name: 'sektor',
              label: t('umkm.katalog.f.sektor'),
              options: [
                option('', t('umkm.katalog.semua'), f.sektor ?? ''),
                ...daftarSektor().map((s) => option(s.huruf, `${s.huruf} · ${s.judul}`, f.sektor)),
              ],
            })}
            <button type="submit">${t('umkm.katalog.terapkan')}</button>
          </form>
          <div
            id="peta"
            role="region"
            aria-label="${t('umkm.katalog.peta.label', { city: city.name })}"
            aria-describedby="peta-status"
            data-kelurahan-url="/api/v1/cities/${city.slug}/wilayah/kelurahan.geojson${queryString({
              kecamatan: f.kecamatan,
            })}"
            data-penanda-url="${penandaUrl}"
            data-usaha-url="/${city.slug}/umkm/u/"
            data-label-buka="${t('umkm.katalog.peta.buka')}"
            data-label-terpotong="${t('umkm.katalog.peta.terpotong')}"
            data-label-error="${t('umkm.katalog.peta.error')}"
          ></div>
          <p class="hint" id="peta-status" role="status"></p>
          <section aria-labelledby="h-daftar">
            <h2 id="h-daftar">${t('umkm.katalog.peta.daftar', { n: formatNumber(daftar.jumlah) })}</h2>
            <p class="hint">${t('umkm.katalog.peta.daftarHint')}</p>
            ${
              daftar.items.length
                ? html`<ul>
                    ${daftar.items.map(
                      (u) =>
                        html`<li>
                          <a href="${pathUsaha(city.slug, u.slug)}">${u.nama}</a>
                          <span class="meta"
                            >·
                            ${u.kelurahan ? `${t('umkm.katalog.kel', { nama: u.kelurahan })}, ` : ''}${t(
                              'umkm.katalog.kec',
                              { nama: u.kecamatanNama },
                            )}</span
                          >
                        </li>`,
                    )}
                  </ul>`
                : html`<p>${t('umkm.katalog.peta.kosong')}</p>`
            }
            ${pagination(
              t,
              t('umkm.katalog.halaman'),
              page,
              Math.ceil(daftar.jumlah / 50),
              (n) => `/${city.slug}/umkm/peta${queryString({ ...f, page: n > 1 ? n : undefined })}`,
            )}
          </section>`,
      });
    },
  );
}
