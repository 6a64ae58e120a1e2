/**
 * The member picker of the deposit and withdrawal forms: search by name or number, a scanned
 * member card, the chosen member's card with their balance.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../platform/module.ts';
import { Type, type Static } from 'typebox';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { Uuid } from '../../../platform/http/schemas.ts';
import { field } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import type { Tx } from '../../../platform/db/transaction.ts';
import { bankFor, type BankRights, type BankRow } from '../access.ts';
import {
  searchNasabah,
  nasabahDariKartu,
  getNasabahSaldo,
  type NasabahPilihan,
  type NasabahRingkas,
} from '../transaksi-service.ts';
import { nilai } from '../transaksi-form.ts';
import { BankParams, bankPath, obj, operasiPage, rp, Teks, user } from './transaksi-parts.ts';

/** The member picker's query: a chosen member, a search, or the result list alone (live search). */
export const PilihQuery = obj({
  nasabah: Type.Optional(Uuid),
  q: Type.Optional(Teks(300)),
  bagian: Type.Optional(Type.Literal('nasabah')),
});
/** Everything the operator types about one member: name, number, masked phone, balance. */
export function nasabahKartu(
  req: FastifyRequest,
  bank: BankRow,
  n: NasabahRingkas,
  ganti: string | null,
): SafeHtml {
  const t = req.t;
  return html`<div class="bs-nasabah" aria-labelledby="h-nasabah-terpilih" role="group">
    <p id="h-nasabah-terpilih" class="bs-nasabah-nama"><strong>${n.nama}</strong></p>
    <p class="meta">${t('bankSampah.op.nasabah.nomor')}: ${n.nomor}${n.telepon ? ` · ${n.telepon}` : ''}</p>
    <p>${t('bankSampah.op.saldo')}: <strong class="bs-uang">${rp(n.saldo)}</strong></p>
    <p class="bs-tautan">
      <a href="${bankPath(req, bank.id, `/nasabah/${n.id}/buku`)}">${t('bankSampah.op.buku.lihat')}</a>
      ${ganti ? html` · <a href="${ganti}">${t('bankSampah.op.nasabah.ganti')}</a>` : ''}
    </p>
  </div>`;
}
export interface Pilihan {
  nasabah?: NasabahRingkas;
  hasil: NasabahPilihan[] | null;
  q: string;
  galat?: string;
  /** Go straight to this member (a scanned card URL, an exact member number). */
  langsung?: string;
  nonaktifBoleh?: boolean;
}

export async function findPilihan(
  trx: Tx,
  req: FastifyRequest,
  bank: BankRow,
  query: Static<typeof PilihQuery>,
  /** An inactive member may still take out their savings, but not deposit. */
  nonaktifBoleh = false,
): Promise<Pilihan> {
  const t = req.t;
  const q = (query.q ?? '').trim();
  if (query.nasabah) {
    const n = await getNasabahSaldo(trx, bank.id, query.nasabah);
    if (!n) return { hasil: null, q, galat: t('bankSampah.nasabah.tidakAda') };
    if (!n.aktif && !nonaktifBoleh) return { hasil: null, q, galat: t('bankSampah.nasabah.nonaktif') };
    return { nasabah: n, hasil: null, q };
  }
  if (!q) return { hasil: null, q };
  if (q.includes('/bank-sampah/')) {
    const id = nasabahDariKartu(q, cityOf(req).slug, bank.id);
    if (id) return { hasil: null, q, langsung: id };
    return { hasil: null, q, galat: t('bankSampah.op.pindai.bankLain') };
  }
  const hasil = await searchNasabah(trx, bank.id, q);
  const exact = hasil.filter((h) => h.nomor.toLowerCase() === q.toLowerCase() && (h.aktif || nonaktifBoleh));
  if (exact.length === 1 && exact[0]) return { hasil, q, langsung: exact[0].id };
  return { hasil, q, nonaktifBoleh };
}

export function renderHasilNasabah(req: FastifyRequest, action: string, p: Pilihan): SafeHtml {
  const t = req.t;
  if (p.hasil === null) return html``;
  if (!p.hasil.length) return html`<p>${t('bankSampah.op.nasabah.tidakKetemu', { q: p.q })}</p>`;
  return html`<p>${t('bankSampah.op.nasabah.ketemu', { count: p.hasil.length })}</p>
    <ul class="bs-pilihan">
      ${p.hasil.map((n) =>
        n.aktif || p.nonaktifBoleh
          ? html`<li>
              <a href="${action}?nasabah=${n.id}"
                ><strong>${n.nama}</strong> <span>${n.nomor}${n.telepon ? ` · ${n.telepon}` : ''}</span></a
              >
            </li>`
          : html`<li class="bs-nonaktif">
              <span
                ><strong>${n.nama}</strong>
                <span>${n.nomor} · ${t('bankSampah.op.nasabah.statusNonaktif')}</span></span
              >
            </li>`,
      )}
    </ul>`;
}

export function renderPicker(
  req: FastifyRequest,
  bank: BankRow,
  action: string,
  p: Pilihan,
  rights: BankRights,
): SafeHtml {
  const t = req.t;
  return html`<section aria-labelledby="h-pilih" class="bs-langkah">
    <h2 id="h-pilih">${t('bankSampah.op.langkah.pilih')}</h2>
    ${p.galat ? html`<div class="alert alert-error" role="alert"><p>${p.galat}</p></div>` : ''}
    <form
      method="get"
      action="${action}"
      role="search"
      aria-label="${t('bankSampah.op.nasabah.cari')}"
      class="bs-cari"
      data-bs-cari
    >
      ${field({
        name: 'q',
        label: t('bankSampah.op.nasabah.cariLabel'),
        hint: t('bankSampah.op.nasabah.cariHint'),
        type: 'search',
        value: p.q,
        autocomplete: 'off',
        attrs: html`maxlength="300" enterkeyhint="search"`,
      })}
      <button type="submit">${t('bankSampah.op.nasabah.cariTombol')}</button>
    </form>
    <div
      class="bs-pindai"
      data-bs-pindai
      data-bank="${bank.id}"
      data-city="${cityOf(req).slug}"
      data-action="${action}"
      data-label-bank-lain="${t('bankSampah.op.pindai.bankLain')}"
      data-label-arahkan="${t('bankSampah.op.pindai.arahkan')}"
      data-label-gagal="${t('bankSampah.op.pindai.gagal')}"
      data-label-tidak-didukung="${t('bankSampah.op.pindai.tidakDidukung')}"
    >
      <button type="button" class="button" data-bs-pindai-mulai hidden>
        ${t('bankSampah.op.pindai.tombol')}
      </button>
      <div class="bs-kamera" data-bs-kamera hidden>
        <video muted playsinline aria-label="${t('bankSampah.op.pindai.kamera')}"></video>
        <button type="button" data-bs-pindai-batal>${t('form.cancel')}</button>
      </div>
      <p class="hint" role="status" data-bs-pindai-status></p>
    </div>
    <div id="bs-hasil-nasabah" data-bs-hasil>${renderHasilNasabah(req, action, p)}</div>
    ${
      rights.transaksi
        ? html`<p class="meta">
            ${t('bankSampah.op.nasabah.belumTerdaftar')}
            <a href="${bankPath(req, bank.id, '/nasabah/baru')}">${t('bankSampah.op.nasabah.daftarkan')}</a>
          </p>`
        : ''
    }
  </section>`;
}

/**
 * A deposit or withdrawal page: a note about a key already used, if any, then the member step:
 * the picker while no member is chosen, else the member's card followed by the form's own step.
 */
export function nasabahPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bank: BankRow,
  rights: BankRights,
  o: {
    title: string;
    action: string;
    s: { pilihan: Pilihan; extra?: SafeHtml | undefined; status?: number | undefined };
    langkah: (n: NasabahRingkas) => SafeHtml;
  },
) {
  const n = o.s.pilihan.nasabah;
  return operasiPage(req, reply, bank, {
    title: o.title,
    status: o.s.status,
    body: html`${o.s.extra ?? ''}
    ${
      !n
        ? renderPicker(req, bank, o.action, o.s.pilihan, rights)
        : html`<section aria-labelledby="h-nasabah" class="bs-langkah">
              <h2 id="h-nasabah">${req.t('bankSampah.op.langkah.nasabah')}</h2>
              ${nasabahKartu(req, bank, n, o.action)}
            </section>
            ${o.langkah(n)}`
    }`,
  });
}

/** The bank (for a user who may operate it) and the member chosen by `query`. */
export async function loadPilihan(
  trx: Tx,
  req: FastifyRequest,
  bankId: string,
  query: Static<typeof PilihQuery>,
  nonaktifBoleh: boolean,
): Promise<{ bank: BankRow; rights: BankRights; pilihan: Pilihan }> {
  const { bank, rights } = await bankFor(trx, userOf(req), bankId, 'transaksi');
  return { bank, rights, pilihan: await findPilihan(trx, req, bank, query, nonaktifBoleh) };
}

/** The member a form posted (its hidden nasabahId), as a picker query. */
export function pilihanOfForm(body: unknown): Static<typeof PilihQuery> {
  const nasabahId = nilai(body, 'nasabahId');
  return /^[0-9a-f-]{36}$/i.test(nasabahId) ? { nasabah: nasabahId } : {};
}

/**
 * What the picker answers instead of the page: the result list alone (live search), or a
 * redirect to the member found (scanned card, exact number). Undefined: render the page.
 */
export function answerPicker(
  req: FastifyRequest,
  reply: FastifyReply,
  action: string,
  query: Static<typeof PilihQuery>,
  p: Pilihan,
): FastifyReply | undefined {
  if (query.bagian === 'nasabah')
    return reply.type('text/html; charset=utf-8').send(renderHasilNasabah(req, action, p).value);
  if (p.langsung) return reply.redirect(`${action}?nasabah=${p.langsung}`, 303);
  return undefined;
}

/** What a form that starts with the member picker is shown with on GET. */
export type Dipilih<X> = { bank: BankRow; rights: BankRights; pilihan: Pilihan; more: X };

/**
 * The GET of a form that starts with the member picker (deposit, withdrawal): the picker's own
 * answers (the result list alone, a scanned card), else the form with what `more` loads.
 */
export function pickerGet<X>(
  app: BalaiApp,
  o: {
    sub: string;
    nonaktifBoleh: boolean;
    more: (trx: Tx, req: FastifyRequest, d: { bank: BankRow; pilihan: Pilihan }) => Promise<X>;
    show: (req: FastifyRequest, reply: FastifyReply, d: Dipilih<X>) => FastifyReply;
  },
): void {
  app.get(
    `/:city/bank-sampah/:bankId${o.sub}`,
    { schema: { params: BankParams, querystring: PilihQuery }, config: user },
    async (req, reply) => {
      const { bankId } = req.params;
      const query = req.query;
      const d = await cityTx(req, async (trx) => {
        const m = await loadPilihan(trx, req, bankId, query, o.nonaktifBoleh);
        return { ...m, more: await o.more(trx, req, m) };
      });
      return (
        answerPicker(req, reply, bankPath(req, bankId, o.sub), query, d.pilihan) ?? o.show(req, reply, d)
      );
    },
  );
}
