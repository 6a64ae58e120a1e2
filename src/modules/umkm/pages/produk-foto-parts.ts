/** The photos of one product's page: each photo's card (alt text, order, delete) and the upload form. */
import type { FastifyRequest } from 'fastify';
import { cityPath, csrfField, errorSummary, field } from '../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../platform/web/html.ts';
import { option, type FailedForm } from '../../../platform/web/components.ts';
import { FOTO_MAX_BYTES, gambarFoto } from '../foto.ts';
import { FOTO_MAX_PER_PRODUK, type FotoView, type ProdukView } from '../produk-service.ts';

/** The part of the product page a failed form belongs to. */
export type Bagian = 'produk' | 'foto' | 'fotoUbah' | 'hapus';
export type ProdukFailed = FailedForm & { bagian: Bagian; fotoId?: string };

/** The error summary of one part of the page, when its form failed. */
export function summaryOf(req: FastifyRequest, failed: ProdukFailed | undefined, b: Bagian) {
  if (failed?.bagian !== b) return '';
  const { _: umum, ...rest } = failed.errors;
  return errorSummary(req.t, rest, umum);
}

function fotoKartu(
  req: FastifyRequest,
  p: ProdukView,
  f: FotoView,
  ubah: boolean,
  failed: ProdukFailed | undefined,
): SafeHtml {
  const t = req.t;
  const base = `/umkm/produk/${p.id}/foto/${f.id}`;
  const ini = failed?.bagian === 'fotoUbah' && failed.fotoId === f.id ? failed : undefined;
  const altId = `f-alt-${f.id}`;
  const urutanId = `f-urutan-${f.id}`;
  const altErr = ini?.errors[`alt-${f.id}`];
  const urutanErr = ini?.errors[`urutan-${f.id}`];
  const altVal = ini ? (ini.values.alt ?? '') : (f.alt ?? '');
  const label = t('umkm.foto.ke', { n: f.urutan });
  return html`<li class="card">
    <a href="${f.ukuran.besar.url}"
      >${gambarFoto(req, f, {
        tampil: 120,
        sizes: '120px',
        altCadangan: t('umkm.foto.altCadangan', { nama: p.nama, n: f.urutan }),
      })}</a
    >
    <p>
      <strong>${label}</strong
      >${f.urutan === 1 ? html` <span class="tag">${t('umkm.foto.sampul')}</span>` : ''}
      ${f.alt ? html`<br /><span class="meta">${f.alt}</span>` : ''}
    </p>
    ${
      ubah
        ? html`<form method="post" action="${cityPath(req, base)}" novalidate>
              ${csrfField(req)}
              <div class="field${altErr ? ' has-error' : ''}">
                <label for="${altId}">${t('umkm.foto.alt')}</label>
                <p class="hint" id="${altId}-hint">${t('umkm.foto.altHint')}</p>
                <input
                  id="${altId}"
                  name="alt"
                  type="text"
                  maxlength="200"
                  value="${altVal}"
                  aria-describedby="${altId}-hint${altErr ? ` ${altId}-err` : ''}"
                  ${altErr ? raw('aria-invalid="true"') : ''}
                />
                ${altErr ? html`<p class="error" id="${altId}-err">${altErr}</p>` : ''}
              </div>
              <div class="field${urutanErr ? ' has-error' : ''}">
                <label for="${urutanId}">${t('umkm.foto.urutan')}</label>
                <select
                  id="${urutanId}"
                  name="urutan"
                  ${urutanErr ? html`aria-invalid="true" aria-describedby="${urutanId}-err"` : ''}
                >
                  ${p.foto.map((_, i) =>
                    option(
                      String(i + 1),
                      i === 0 ? t('umkm.foto.posisiSampul') : t('umkm.foto.posisi', { n: i + 1 }),
                      String(f.urutan),
                    ),
                  )}
                </select>
                ${urutanErr ? html`<p class="error" id="${urutanId}-err">${urutanErr}</p>` : ''}
              </div>
              <button type="submit">${t('umkm.foto.simpan')}</button>
            </form>
            <form method="post" action="${cityPath(req, `${base}/hapus`)}">
              ${csrfField(req)}
              <button type="submit" class="danger">
                ${t('umkm.foto.hapus')}<span class="visually-hidden"> ${label}</span>
              </button>
            </form>`
        : ''
    }
  </li>`;
}

/** The photos and, for those who may change the product, the upload form. */
export function fotoSection(req: FastifyRequest, p: ProdukView, failed: ProdukFailed | undefined): SafeHtml {
  const t = req.t;
  const base = `/umkm/produk/${p.id}`;
  const ubah = p.boleh.ubah;
  const fotoErr = failed?.bagian === 'foto' ? failed.errors : {};
  const penuh = p.foto.length >= FOTO_MAX_PER_PRODUK;
  return html`<section aria-labelledby="foto">
    <h2 id="foto">${t('umkm.foto.judul', { n: p.foto.length, max: FOTO_MAX_PER_PRODUK })}</h2>
    ${summaryOf(req, failed, 'foto')} ${summaryOf(req, failed, 'fotoUbah')}
    ${
      p.foto.length
        ? html`<ul class="cards">
            ${p.foto.map((f) => fotoKartu(req, p, f, ubah, failed))}
          </ul>`
        : html`<p>${t('umkm.foto.kosong')}</p>`
    }
    ${
      ubah && !penuh
        ? html`<form
            method="post"
            action="${cityPath(req, `${base}/foto`)}"
            enctype="multipart/form-data"
            class="narrow"
          >
            ${csrfField(req)}
            ${field({
              name: 'foto',
              label: t('umkm.foto.pilih'),
              type: 'file',
              hint: t('umkm.foto.pilihHint', { mb: FOTO_MAX_BYTES / 1024 / 1024 }),
              error: fotoErr.foto,
              required: true,
              attrs: html`accept="image/jpeg,image/png,image/webp" capture="environment"`,
            })}
            ${field({
              name: 'alt',
              label: t('umkm.foto.alt'),
              hint: t('umkm.foto.altHint'),
              value: failed?.bagian === 'foto' ? failed.values.alt : '',
              error: fotoErr.alt,
              attrs: html`maxlength="200"`,
            })}
            <button type="submit" class="primary">${t('umkm.foto.unggah')}</button>
          </form>`
        : ubah
          ? html`<p>${t('umkm.foto.penuh', { max: FOTO_MAX_PER_PRODUK })}</p>`
          : ''
    }
  </section>`;
}
