/** A bank's pengurus: the list, appointing a user (by email or from a search) and removing one. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import type { Translator } from '../../../platform/i18n/index.ts';
import type { Jabatan } from '../access.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, csrfField, field } from '../../../platform/web/layout.ts';
import {
  dataTable,
  formScreen,
  type ScreenState,
  formSection,
  headRow,
  postForm,
} from '../../../platform/web/screen.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { option, selectField, filterForm, tableWrap } from '../../../platform/web/components.ts';
import { can } from '../../../platform/auth/roles.ts';
import { KELOLA } from '../permissions.ts';
import { JABATAN } from '../admin-common.ts';
import { getBank } from '../bank-service.ts';
import { searchPengguna, removePengurus, listPengurus, addPengurus } from '../pengurus-service.ts';
import { BankParams, CsrfForm, PengurusForm, PengurusParams } from '../admin-schemas.ts';
import { forUser } from './admin-parts.ts';
import { bankAdminPage } from './bank-parts.ts';

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
    headRow([
      t('bankSampah.admin.nama'),
      t('bankSampah.admin.email'),
      t('bankSampah.admin.pengurus.appoint'),
    ]),
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
  o: ScreenState<typeof PengurusQuery>,
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
  return bankAdminPage(req, reply, bank, {
    screen: 'pengurus',
    title,
    status: o.status,
    ok: o.ok && OK[o.ok] ? t(OK[o.ok]!) : undefined,
    lead: t('bankSampah.admin.pengurus.intro'),
    body: html`${dataTable({
      id: 'cap-pengurus',
      caption: t('bankSampah.admin.pengurus.caption', { count: pengurus.length }),
      cols: [
        t('bankSampah.admin.nama'),
        t('bankSampah.admin.email'),
        t('bankSampah.admin.pengurus.jabatan'),
        ...(bank.hak.kelola ? [t('bankSampah.admin.tindakan')] : []),
      ],
      rows: pengurus.map(
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
      empty: t('bankSampah.admin.pengurus.none'),
    })}
    ${
      bank.hak.kelola
        ? formSection('h-tambah', t('bankSampah.admin.pengurus.addTitle'), [
            postForm(
              req,
              {
                action: cityPath(req, `/bank-sampah/${bank.id}/pengurus`),
                submit: t('bankSampah.admin.pengurus.add'),
                errors: e,
              },
              html`${field({ name: 'email', label: t('bankSampah.admin.email'), type: 'email', value: v.email, required: true, error: e.email ?? e.userId, hint: t('bankSampah.admin.pengurus.emailHint'), autocomplete: 'off' })}
              ${selectField({ name: 'jabatan', label: t('bankSampah.admin.pengurus.jabatan'), required: true, error: e.jabatan, options: jabatanOptions(t, v.jabatan) })}`,
            ),
            can(user, KELOLA, bank.areaKode)
              ? html`<h3>${t('bankSampah.admin.pengurus.searchTitle')}</h3>
                  ${filterForm(
                    {
                      action: cityPath(req, `/bank-sampah/${bank.id}/pengurus`),
                      label: t('bankSampah.admin.pengurus.searchTitle'),
                    },
                    html`${field({ name: 'q', label: t('bankSampah.admin.pengurus.searchLabel'), type: 'search', value: q })}
                      <button type="submit">${t('bankSampah.admin.cari')}</button>`,
                  )}
                  ${
                    hasil === null
                      ? ''
                      : hasil.length
                        ? hasilTable(req, bank.id, q, hasil)
                        : html`<p role="status">${t('bankSampah.admin.pengurus.noResults', { q })}</p>`
                  }`
              : html``,
          ])
        : ''
    }`,
  });
}

export function pengurusListPage(app: BalaiApp, _ctx: ModuleContext): void {
  formScreen(app, {
    path: '/:city/bank-sampah/:bankId/pengurus',
    access: 'user',
    params: BankParams,
    query: PengurusQuery,
    body: PengurusForm,
    fields: ['email', 'jabatan'],
    show: (req, reply, state) => pengurusPage(req, reply, req.params.bankId, state),
    save: async (req) => {
      const { bankId } = req.params;
      const b = req.body;
      const r = await cityTx(req, (trx) =>
        addPengurus(trx, userOf(req), bankId, {
          userId: b.userId || null,
          email: b.userId ? null : b.email?.trim() || null,
          jabatan: b.jabatan ?? null,
        }),
      );
      return cityPath(req, `/bank-sampah/${bankId}/pengurus?ok=${r.baru ? 'ditambah' : 'diubah'}`);
    },
  });

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
