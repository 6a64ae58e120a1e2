/** The officers' registry of businesses (/umkm/usaha): filters, pages, and the verification queue. */
import type { FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../platform/module.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { areasFor, can, covers } from '../../../platform/auth/roles.ts';
import { cityPath, field, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { option, pagination, queryString, selectField, tableWrap } from '../../../platform/web/components.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { KELAS_USAHA } from '../kelas.ts';
import { UMKM_KELOLA, UMKM_LIHAT, UMKM_VERIFIKASI } from '../permissions.ts';
import { STATUS_USAHA } from '../tables.ts';
import { listUsaha, type UsahaRingkas } from '../usaha-service.ts';
import { kelasText, lihat, PER_PAGE, RegistriQuery, statusTag, wilayahKota } from './usaha-parts.ts';

/** A business's name (a link to its page) over its owner's name, heading a table row. */
function namaCell(req: FastifyRequest, u: UsahaRingkas): SafeHtml {
  return html`<th scope="row">
    <a href="${cityPath(req, `/umkm/usaha/${u.id}`)}">${u.nama}</a><br /><span class="meta"
      >${u.pemilikNama}</span
    >
  </th>`;
}

/** The verification queue: the businesses waiting for an officer's decision, oldest change first. */
function antrianSection(
  req: FastifyRequest,
  antrian: { items: UsahaRingkas[]; total: number },
  nama: Map<string, string>,
): SafeHtml {
  const t = req.t;
  return html`<section aria-labelledby="h-antrian">
    <h2 id="h-antrian">${t('umkm.reg.antrian.title')}</h2>
    ${
      antrian.total
        ? tableWrap(
            'cap-antrian',
            t('umkm.reg.antrian.caption', { n: antrian.total }),
            html`<tr>
              <th scope="col">${t('umkm.reg.namaPemilik')}</th>
              <th scope="col">${t('umkm.reg.f.kelurahan')}</th>
              <th scope="col">${t('umkm.reg.diubahKolom')}</th>
            </tr>`,
            antrian.items.map(
              (u) =>
                html`<tr>
                  ${namaCell(req, u)}
                  <td>${nama.get(u.kelurahanKode) ?? u.kelurahanKode}</td>
                  <td>${formatDate(u.updatedAt)}</td>
                </tr>`,
            ),
          )
        : html`<p>${t('umkm.reg.antrian.kosong')}</p>`
    }
    ${
      antrian.total > antrian.items.length
        ? html`<p>
            <a href="${cityPath(req, '/umkm/usaha?status=diajukan')}">${t('umkm.reg.antrian.semua')}</a>
          </p>`
        : ''
    }
  </section>`;
}

export function usahaListPage(app: BalaiApp): void {
  // ---- The officers' registry ----

  app.get(
    '/:city/umkm/usaha',
    { schema: { params: CityParams, querystring: RegistriQuery }, config: lihat },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const q = req.query;
      const page = q.page ?? 1;
      const verifikator = can(user, UMKM_VERIFIKASI);
      const filter = {
        status: q.status || undefined,
        kecamatan: q.kecamatan || undefined,
        kelas: q.kelas || undefined,
        q: q.q?.trim() || undefined,
      };
      const data = await cityTx(req, async (trx) => ({
        list: await listUsaha(trx, user, { ...filter, page, perPage: PER_PAGE }),
        antrian: verifikator
          ? await listUsaha(trx, user, { status: 'diajukan', page: 1, perPage: 20 })
          : null,
        w: await wilayahKota(trx, cityOf(req).id),
      }));
      const areas = areasFor(user, UMKM_LIHAT);
      const kecamatan = data.w.groups.filter((g) =>
        areas.some((a) => covers(a, g.kode) || covers(g.kode, a)),
      );
      const pages = Math.max(1, Math.ceil(data.list.total / PER_PAGE));
      const head = html`<tr>
        <th scope="col">${t('umkm.reg.namaPemilik')}</th>
        <th scope="col">${t('umkm.reg.d.telepon')}</th>
        <th scope="col">${t('umkm.reg.f.kelurahan')}</th>
        <th scope="col">${t('umkm.reg.keuangan.kelas')}</th>
        <th scope="col">${t('umkm.reg.statusLabel')}</th>
        <th scope="col">${t('umkm.reg.diubahKolom')}</th>
      </tr>`;
      const rows = (items: typeof data.list.items) =>
        items.map(
          (u) =>
            html`<tr>
              ${namaCell(req, u)}
              <td>${u.telepon ?? '—'}</td>
              <td>${data.w.nama.get(u.kelurahanKode) ?? u.kelurahanKode}</td>
              <td>${kelasText(t, u.kelas)}</td>
              <td>${statusTag(t, u.status)}</td>
              <td>${formatDate(u.updatedAt)}</td>
            </tr>`,
        );
      const link = (p: number) =>
        cityPath(req, `/umkm/usaha${queryString({ ...filter, page: p > 1 ? p : undefined })}`);
      return sendPage(req, reply, {
        title: t('umkm.reg.registri.title'),
        body: html`<h1>${t('umkm.reg.registri.title')}</h1>
          <p class="lead">${t('umkm.reg.registri.intro')}</p>
          ${
            can(user, UMKM_KELOLA)
              ? html`<p>
                  <a class="button primary" href="${cityPath(req, '/umkm/daftar?untuk=lain')}"
                    >${t('umkm.reg.tambah.title')}</a
                  >
                </p>`
              : ''
          }
          ${
            can(user, UMKM_VERIFIKASI)
              ? html`<p><a href="${cityPath(req, '/umkm/pengaturan')}">${t('umkm.tinjau.link')}</a></p>`
              : ''
          }
          ${data.antrian ? antrianSection(req, data.antrian, data.w.nama) : ''}
          <section aria-labelledby="cap-registri">
            <h2>${t('umkm.reg.registri.daftar')}</h2>
            <form method="get" action="${cityPath(req, '/umkm/usaha')}" class="filters" role="search">
              ${field({ name: 'q', label: t('umkm.reg.filter.q'), value: q.q, type: 'search', hint: t('umkm.reg.filter.qHint'), attrs: html`maxlength="100"` })}
              ${selectField({
                name: 'status',
                label: t('umkm.reg.statusLabel'),
                options: html`${option('', t('umkm.reg.filter.semua'), q.status ?? '')}
                ${STATUS_USAHA.map((s) => option(s, t(`umkm.reg.status.${s}`), q.status))}`,
              })}
              ${selectField({
                name: 'kecamatan',
                label: t('umkm.reg.filter.kecamatan'),
                options: html`${option('', t('umkm.reg.filter.semua'), q.kecamatan ?? '')}
                ${kecamatan.map((k) => option(k.kode, k.nama, q.kecamatan))}`,
              })}
              ${selectField({
                name: 'kelas',
                label: t('umkm.reg.keuangan.kelas'),
                options: html`${option('', t('umkm.reg.filter.semua'), q.kelas ?? '')}
                ${KELAS_USAHA.map((k) => option(k, t(`umkm.reg.kelas.${k}`), q.kelas))}`,
              })}
              <button type="submit">${t('umkm.reg.filter.tampilkan')}</button>
            </form>
            ${
              data.list.total
                ? tableWrap(
                    'cap-registri',
                    t('umkm.reg.registri.caption', { total: data.list.total, page, pages }),
                    head,
                    rows(data.list.items),
                  )
                : html`<p id="cap-registri">${t('umkm.reg.registri.kosong')}</p>`
            }
            ${pagination(t, t('umkm.reg.registri.halaman'), page, pages, link)}
          </section>`,
      });
    },
  );
}
