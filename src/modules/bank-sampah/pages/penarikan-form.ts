/**
 * The withdrawal form: pick the member, type the amount (never above the balance); above the
 * bank's threshold the withdrawal waits for a second person.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx } from '../../../platform/http/context.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { errorSummary, field } from '../../../platform/web/layout.ts';
import { type SafeHtml, html } from '../../../platform/web/html.ts';
import type { FormErrors } from '../../../platform/web/components.ts';
import { readRupiah } from '../../../platform/angka.ts';
import type { BankRights, BankRow } from '../access.ts';
import { catatPenarikan } from '../ledger.ts';
import { kunciForm, nilai } from '../transaksi-form.ts';
import { type Pilihan, loadPilihan, nasabahPage, pickerGet, pilihanOfForm } from './nasabah-pilih.ts';
import { saveOperasi } from './operasi-form.ts';
import {
  BankParams,
  Catatan,
  type FormState,
  MAX_CATATAN,
  OperasiFields,
  Teks,
  bankPath,
  catatanField,
  kunciFields,
  note,
  obj,
  rp,
  user,
} from './transaksi-parts.ts';

/** What the withdrawal form posts. */
const PenarikanForm = obj({
  ...OperasiFields,
  nasabahId: Type.Optional(Teks(40)),
  jumlah: Type.Optional(Teks(40)),
  catatan: Catatan,
});
/** What the withdrawal form is re-rendered with. */
interface PenarikanState extends FormState {
  pilihan: Pilihan;
  jumlah: string;
  catatan: string;
  extra?: SafeHtml | undefined;
}

/** The withdrawal page: the member step, then the amount (never above the balance). */
function penarikanPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bank: BankRow,
  rights: BankRights,
  s: PenarikanState,
) {
  const t = req.t;
  const action = bankPath(req, bank.id, '/penarikan');
  const e = s.errors;
  return nasabahPage(req, reply, bank, rights, {
    title: t('bankSampah.op.penarikan.title'),
    action,
    s,
    langkah: (n) =>
      html`<section aria-labelledby="h-tarik" class="bs-langkah narrow">
        <h2 id="h-tarik">${t('bankSampah.op.langkah.jumlah')}</h2>
        ${errorSummary(t, e, s.message)} ${n.saldo <= 0 ? note(t('bankSampah.op.penarikan.saldoNol')) : ''}
        <form method="post" action="${action}" novalidate data-bs-form="penarikan">
          ${kunciFields(req, s.kunci)}
          <input type="hidden" name="nasabahId" value="${n.id}" />
          ${field({
            name: 'jumlah',
            label: t('bankSampah.op.penarikan.jumlah'),
            hint:
              bank.ambang_persetujuan !== null
                ? t('bankSampah.op.penarikan.jumlahHintAmbang', {
                    saldo: rp(n.saldo),
                    ambang: rp(bank.ambang_persetujuan),
                  })
                : t('bankSampah.op.penarikan.jumlahHint', { saldo: rp(n.saldo) }),
            value: s.jumlah,
            required: true,
            error: e.jumlah,
            autocomplete: 'off',
            attrs: html`inputmode="numeric" maxlength="20" data-bs-rupiah`,
          })}
          ${catatanField(t, s.catatan, e.catatan)}
          <div class="bs-tombol">
            <button type="submit" class="primary">${t('bankSampah.op.penarikan.simpan')}</button>
          </div>
        </form>
      </section>`,
  });
}
/** The withdrawal form: GET picks the member; POST pays out, or asks for approval above the threshold. */
export function penarikanFormPage(app: BalaiApp, _ctx: ModuleContext): void {
  pickerGet(app, {
    sub: '/penarikan',
    nonaktifBoleh: true,
    more: () => Promise.resolve(null),
    show: (req, reply, d) =>
      penarikanPage(req, reply, d.bank, d.rights, {
        pilihan: d.pilihan,
        jumlah: '',
        catatan: '',
        kunci: kunciForm(undefined),
        errors: {},
      }),
  });

  app.post(
    '/:city/bank-sampah/:bankId/penarikan',
    { schema: { params: BankParams, body: PenarikanForm }, attachValidation: true, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId } = req.params;
      const body = req.body;
      const load = () => cityTx(req, (trx) => loadPilihan(trx, req, bankId, pilihanOfForm(body), true));
      const d = await load();
      const jumlahRaw = nilai(body, 'jumlah');
      const catatan = nilai(body, 'catatan');
      const kunci = kunciForm(body);
      const page = async (o: Partial<PenarikanState>, fresh = false) => {
        const cur = fresh ? await load() : d;
        return penarikanPage(req, reply, cur.bank, cur.rights, {
          pilihan: cur.pilihan,
          jumlah: jumlahRaw,
          catatan,
          kunci,
          errors: {},
          ...o,
        });
      };
      if (req.validationError) return page({ message: t('bankSampah.op.form.tidakTerbaca'), status: 400 });
      if (!d.pilihan.nasabah) return page({ status: 400 });
      const errors: FormErrors = {};
      const dibaca = readRupiah(jumlahRaw, { positif: true });
      const jumlah = dibaca.ok ? dibaca.nilai : null;
      let kurang = false;
      if (!dibaca.ok) errors.jumlah = t(dibaca.galat, dibaca.params);
      else if (dibaca.nilai > d.pilihan.nasabah.saldo) {
        errors.jumlah = t('bankSampah.saldoKurang', { saldo: rp(d.pilihan.nasabah.saldo) });
        kurang = true;
      }
      if (catatan.trim().length > MAX_CATATAN)
        errors.catatan = t('validation.maxLength', { limit: MAX_CATATAN });
      if (Object.keys(errors).length || jumlah === null) return page({ errors, status: kurang ? 409 : 400 });
      const input = { nasabahId: d.pilihan.nasabah.id, jumlah, catatan: catatan.trim() || undefined };
      return saveOperasi(req, reply, {
        bankId,
        operasi: 'penarikan',
        kunci,
        isi: input,
        tulis: (trx, b, pelaku, id) => catatPenarikan(trx, pelaku, b, input, id),
        rowOf: [],
        berbeda: (u) => page({ ...u, status: 409 }),
        galat: (g, err) => {
          // The balance may have changed meanwhile: show it as it is now.
          const errs =
            err instanceof HttpProblem && err.titleKey === 'bankSampah.saldoKurang'
              ? { jumlah: g.message }
              : g.errors;
          return page({ errors: errs, message: errs.jumlah ? undefined : g.message, status: g.status }, true);
        },
      });
    },
  );
}
