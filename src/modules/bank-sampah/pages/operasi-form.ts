/**
 * Saving an operation from an operator's form: the steps before saving (unreadable post, add
 * lines, calculate), the redirect to what it made, a key already used with other content, and a
 * refusal of the ledger shown as form errors (its message keys translated).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import type { HttpProblem } from '../../../platform/http/problem.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import type { FormErrors } from '../../../platform/web/components.ts';
import type { Translator } from '../../../platform/i18n/index.ts';
import { bankFor } from '../access.ts';
import { runOperasiTx, withRetry, type Hasil, type OperasiNama, type Perform } from '../operasi.ts';
import { galatLedger, kunciForm } from '../transaksi-form.ts';
import { bankPath, MAX_CATATAN } from './transaksi-parts.ts';

/** Where the browser goes after an operation: its receipt, or the request awaiting approval. */
export function hasilPath(req: FastifyRequest, bankId: string, hasil: Hasil): string {
  return bankPath(
    req,
    bankId,
    hasil.jenis === 'jurnal' ? `/jurnal/${hasil.id}?ok=baru` : `/pengajuan/${hasil.id}`,
  );
}

/** A key already used with other content: a fresh key, the message and a link to what the first use made. */
export function berbedaNote(
  req: FastifyRequest,
  bankId: string,
  prior: Hasil,
): { message: string; extra: SafeHtml; kunci: string } {
  const t = req.t;
  const href = bankPath(
    req,
    bankId,
    prior.jenis === 'jurnal' ? `/jurnal/${prior.id}` : `/pengajuan/${prior.id}`,
  );
  return {
    message: t('bankSampah.op.form.sudahTerkirim'),
    extra: html`<div class="alert alert-info" role="note">
      <p>
        ${t('bankSampah.op.form.sudahTerkirimInfo')}
        <a href="${href}">${t('bankSampah.op.form.lihatHasil')}</a>
      </p>
    </div>`,
    kunci: kunciForm(undefined),
  };
}

/**
 * A ledger refusal (400, 403, 409) as form errors (lines mapped to form rows by `rowOf`), its
 * status and title; any other problem is thrown (an error page).
 */
export function problemForm(
  t: Translator,
  problem: HttpProblem,
  rowOf: number[],
): { errors: FormErrors; status: number; message: string } {
  const g = galatLedger(t, problem, rowOf);
  if (!g) throw problem;
  return g;
}

type Ulang<R> = (o: { errors?: FormErrors; message?: string; status?: number }) => R;

/**
 * The steps of a form with item lines before it is saved: an unreadable post, one not ready to
 * save (`belumSiap`), "add lines" and "calculate" re-render it; on "save" its errors (and a note
 * over MAX_CATATAN) re-render it with 400. Returns the checked form when it may be saved.
 */
export function runBarisSteps<C extends { errors: FormErrors }, R>(
  req: FastifyRequest,
  o: { aksi: string; catatan: string; periksa: () => C; ulang: Ulang<R>; belumSiap?: boolean },
): { cek: C } | { page: R } {
  const t = req.t;
  if (req.validationError)
    return { page: o.ulang({ message: t('bankSampah.op.form.tidakTerbaca'), status: 400 }) };
  if (o.belumSiap) return { page: o.ulang({ status: 400 }) };
  if (o.aksi === 'tambah') return { page: o.ulang({}) };
  if (o.aksi === 'hitung') return { page: o.ulang({ errors: tanpaMinimal(t, o.periksa().errors) }) };
  const cek = o.periksa();
  const catatan = catatanError(t, o.catatan);
  if (catatan) cek.errors.catatan = catatan;
  if (Object.keys(cek.errors).length) return { page: o.ulang({ errors: cek.errors, status: 400 }) };
  return { cek };
}

/** The note's error when it is longer than MAX_CATATAN. */
export function catatanError(t: Translator, catatan: string): string | undefined {
  return catatan.trim().length > MAX_CATATAN ? t('validation.maxLength', { limit: MAX_CATATAN }) : undefined;
}

/** A preview's errors, without "fill in at least one line" (a preview of nothing is fine). */
function tanpaMinimal(t: Translator, errors: FormErrors): FormErrors {
  const only = t('bankSampah.op.form.minimalSatu');
  return Object.keys(errors).length === 1 && errors['baris.0.jenisKode'] === only ? {} : errors;
}

/**
 * Saves an operation (once per key) in one city transaction and redirects to what it made: the
 * receipt, or a request awaiting approval. A key already used with other content re-renders
 * the form (`berbeda`) with a fresh key and a link to what the first use made; a ledger refusal
 * re-renders it (`galat`) with its messages, lines mapped to form rows by `rowOf`.
 */
export async function saveOperasi<R>(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    bankId: string;
    operasi: OperasiNama;
    kunci: string;
    isi: unknown;
    tulis: Perform;
    rowOf: number[];
    berbeda: (u: { message: string; extra: SafeHtml; kunci: string }) => R | Promise<R>;
    galat: (g: { errors: FormErrors; status: number; message: string }, err: HttpProblem) => R | Promise<R>;
  },
) {
  const user = userOf(req);
  const akhir = await withRetry(() =>
    cityTx(req, async (trx) => {
      const { bank } = await bankFor(trx, user, o.bankId, 'transaksi');
      const isi = { operasi: o.operasi, kunci: o.kunci, isi: o.isi, perform: o.tulis };
      return runOperasiTx(trx, bank, { user, locale: req.locale }, isi);
    }),
  );
  if (akhir.jenis === 'selesai') return reply.redirect(hasilPath(req, o.bankId, akhir.hasil), 303);
  if (akhir.jenis === 'berbeda') return o.berbeda(berbedaNote(req, o.bankId, akhir.prior));
  return o.galat(problemForm(req.t, akhir.problem, o.rowOf), akhir.problem);
}
