/** A bank's pengurus: the list, appointing a user (by email or from a search) and removing one. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import type { Translator } from '../../../platform/i18n/index.ts';
import type { Jabatan } from '../access.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import {
  option,
  selectField,
  submitForm,
  tableWrap,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { can } from '../../../platform/auth/roles.ts';
import { KELOLA } from '../permissions.ts';
import { JABATAN } from '../admin-common.ts';
import { getBank } from '../bank-service.ts';
import { searchPengguna, removePengurus, listPengurus, addPengurus } from '../pengurus-service.ts';
import { BankParams, CsrfForm, PengurusForm, PengurusParams } from '../admin-schemas.ts';
import { forUser, bankCrumbs, bankMenu } from './admin-parts.ts';

const PengurusQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    ok: Type.Optional(
      Type.Union([Type.Literal('ditambah'), Type.Literal('diubah'), Type.Literal('dihapus')]),
    ),
  },
  { additionalProperties: false },
);

function jabatanOptions(t: Translator, selected: string | undefined): SafeHtml[] {
  return JABATAN.map((j) => option(j, t(`bankSampah.admin.jabatan.${j}`), selected ?? 'teller'));
}

/** Users found by the search, each with a form to appoint them (or change their position). */
function hasilTable(
  req: FastifyRequest,
  bankId: string,
  q: string,
  hasil: { id: string; nama: string; email: string; jabatan: Jabatan | null }[],
): SafeHtml {
  const t = req.t;
  return tableWrap(
    'cap-hasil',
    t('bankSampah.admin.pengurus.results', { q }),
    html`<tr>
      <th scope="col">${t('bankSampah.admin.nama')}</th>
      <th scope="col">${t('bankSampah.admin.email')}</th>
      <th scope="col">${t('bankSampah.admin.pengurus.appoint')}</th>
    </tr>`,
    hasil.map(
      (u) =>
        html`<tr>
          <th scope="row">${u.nama}</th>
          <td>${u.email}</td>
          <td>
            <form method="post" action="${cityPath(req, `/bank-sampah/${bankId}/pengurus`)}" class="inline">
              ${csrfField(req)}
              <input type="hidden" name="userId" value="${u.id}" />
              <label for="j-${u.id}">${t('bankSampah.admin.pengurus.jabatanFor', { nama: u.nama })}</label>
              <select id="j-${u.id}" name="jabatan">
                ${jabatanOptions(t, u.jabatan ?? undefined)}
              </select>
              <button type="submit">
                ${u.jabatan ? t('bankSampah.admin.pengurus.change') : t('bankSampah.admin.pengurus.appoint')}
              </button>
            </form>
          </td>
        </tr>`,
    ),
  );
}

async function pengurusPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bankId: string,
  o: {
    q?: string | undefined;
    ok?: string | undefined;
    values?: FormValues;
    errors?: FormErrors;
    status?: number;
  },
) {
  const t = req.t;
  const user = userOf(req);
  const q = o.q?.trim() ?? '';
  const data = await cityTx(req, async (trx) => {
    const bank = await getBank(trx, user, bankId);
    return {
      bank,
      pengurus: await listPengurus(trx, user, bankId),
      hasil: can(user, KELOLA, bank.areaKode) && q ? await searchPengguna(trx, user, bankId, q) : null,
    };
  });
  const { bank, pengurus, hasil } = data;
  const e = o.errors ?? {};
  const v = o.values ?? {};
  const title = t('bankSampah.admin.pengurus.title', { nama: bank.nama });
  const OK: Record<string, string> = {
    ditambah: 'bankSampah.admin.pengurus.added',
    diubah: 'bankSampah.admin.pengurus.changed',
    dihapus: 'bankSampah.admin.pengurus.removed',
  };
  return sendPage(req, reply, {
    title,
    status: o.status ?? 200,
    body: html`${bankCrumbs(req, bank, [{ label: t('bankSampah.admin.menu.pengurus') }])}
      <h1>${title}</h1>
      ${bankMenu(req, bank, bank.hak, 'pengurus')} ${flash(o.ok && OK[o.ok] ? t(OK[o.ok]!) : undefined)}
      <p class="lead">${t('bankSampah.admin.pengurus.intro')}</p>
      ${
        pengurus.length
          ? tableWrap(
              'cap-pengurus',
              t('bankSampah.admin.pengurus.caption', { count: pengurus.length }),
              html`<tr>
                <th scope="col">${t('bankSampah.admin.nama')}</th>
                <th scope="col">${t('bankSampah.admin.email')}</th>
                <th scope="col">${t('bankSampah.admin.pengurus.jabatan')}</th>
                ${bank.hak.kelola ? html`<th scope="col">${t('bankSampah.admin.tindakan')}</th>` : ''}
              </tr>`,
              pengurus.map(
                (p) =>
                  html`<tr>
                    <th scope="row">
                      ${p.nama}${p.aktif ? '' : html` <span class="tag">${t('bankSampah.admin.akunNonaktif')}</span>`}
                    </th>
                    <td>${p.email}</td>
                    <td>${t(`bankSampah.admin.jabatan.${p.jabatan}`)}</td>
                    ${
                      bank.hak.kelola
                        ? html`<td>
                            <form
                              method="post"
                              action="${cityPath(req, `/bank-sampah/${bank.id}/pengurus/${p.userId}/hapus`)}"
                              class="inline"
                            >
                              ${csrfField(req)}
                              <button type="submit" class="button danger">
                                ${t('bankSampah.admin.pengurus.remove', { nama: p.nama })}
                              </button>
                            </form>
                          </td>`
                        : ''
                    }
                  </tr>`,
              ),
            )
          : html`<p>${t('bankSampah.admin.pengurus.none')}</p>`
      }
      ${
        bank.hak.kelola
          ? html`<section aria-labelledby="h-tambah" class="narrow">
              <h2 id="h-tambah">${t('bankSampah.admin.pengurus.addTitle')}</h2>
              ${errorSummary(t, e)}
              <form method="post" action="${cityPath(req, `/bank-sampah/${bank.id}/pengurus`)}" novalidate>
                ${csrfField(req)}
                ${field({ name: 'email', label: t('bankSampah.admin.email'), type: 'email', value: v.email, required: true, error: e.email ?? e.userId, hint: t('bankSampah.admin.pengurus.emailHint'), autocomplete: 'off' })}
                ${selectField({ name: 'jabatan', label: t('bankSampah.admin.pengurus.jabatan'), required: true, error: e.jabatan, options: jabatanOptions(t, v.jabatan) })}
                <button type="submit" class="primary">${t('bankSampah.admin.pengurus.add')}</button>
              </form>
              ${
                can(user, KELOLA, bank.areaKode)
                  ? html`<h3>${t('bankSampah.admin.pengurus.searchTitle')}</h3>
                      <form
                        method="get"
                        action="${cityPath(req, `/bank-sampah/${bank.id}/pengurus`)}"
                        class="filters"
                        role="search"
                        aria-label="${t('bankSampah.admin.pengurus.searchTitle')}"
                      >
                        ${field({ name: 'q', label: t('bankSampah.admin.pengurus.searchLabel'), type: 'search', value: q })}
                        <button type="submit">${t('bankSampah.admin.cari')}</button>
                      </form>
                      ${
                        hasil === null
                          ? ''
                          : hasil.length
                            ? hasilTable(req, bank.id, q, hasil)
                            : html`<p role="status">${t('bankSampah.admin.pengurus.noResults', { q })}</p>`
                      }`
                  : ''
              }
            </section>`
          : ''
      }`,
  });
}

export function pengurusListPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/:bankId/pengurus',
    { schema: { params: BankParams, querystring: PengurusQuery }, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params;
      const q = req.query;
      return pengurusPage(req, reply, bankId, { q: q.q, ok: q.ok });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/pengurus',
    { schema: { params: BankParams, body: PengurusForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params;
      const b = req.body;
      return submitForm(
        req,
        reply,
        ['email', 'jabatan'],
        (failed) => pengurusPage(req, reply, bankId, failed),
        async () => {
          const r = await cityTx(req, (trx) =>
            addPengurus(trx, userOf(req), bankId, {
              userId: b.userId || null,
              email: b.userId ? null : b.email?.trim() || null,
              jabatan: b.jabatan ?? null,
            }),
          );
          return cityPath(req, `/bank-sampah/${bankId}/pengurus?ok=${r.baru ? 'ditambah' : 'diubah'}`);
        },
      );
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/pengurus/:userId/hapus',
    { schema: { params: PengurusParams, body: CsrfForm }, config: forUser },
    async (req, reply) => {
      const { bankId, userId } = req.params;
      await cityTx(req, (trx) => removePengurus(trx, userOf(req), bankId, userId));
      return reply.redirect(cityPath(req, `/bank-sampah/${bankId}/pengurus?ok=dihapus`), 303);
    },
  );
}
