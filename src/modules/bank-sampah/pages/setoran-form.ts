/**
 * The deposit form on a phone: pick the member (search, card scan), then weighed item lines
 * valued at the prices in force, the running total, the bank's fee and what the member is
 * credited. A post is read, checked by the ledger's rules and saved in one transaction, once
 * per idempotency key; without JavaScript "calculate" and "add lines" work on the server.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { HttpProblem, badRequest } from '../../../platform/http/problem.ts';
import { errorSummary, fieldFrame } from '../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../platform/web/html.ts';
import { option, type FormErrors } from '../../../platform/web/components.ts';
import type { Translator } from '../../../platform/i18n/index.ts';
import type { Tx } from '../../../platform/db/transaction.ts';
import { readKuantitas } from '../../../platform/angka.ts';
import type { BankRights, BankRow } from '../access.ts';
import { listJenisOfBank, type Jenis } from '../katalog.ts';
import { hargaSaatIni, type HargaPeta } from '../katalog-harga.ts';
import { listKategori } from '../katalog-nama.ts';
import {
  checkSetoranBaris,
  feeOf,
  nilaiOf,
  prepareSetoran,
  recordSetoran,
  toMilli,
  type SetoranBaris,
  type SetoranSiap,
} from '../ledger.ts';
import { runOperasiTx, withRetry, type Akhir, type Perform } from '../operasi.ts';
import type { Kondisi } from '../tables.ts';
import { KUANTITAS_BARIS, barisDari, galatLedger, kunciForm, nilai, sebutBaris } from '../transaksi-form.ts';
import { loadPilihan, nasabahPage, pickerGet, pilihanOfForm, type Pilihan } from './nasabah-pilih.ts';
import { berbedaNote, catatanError, hasilPath, problemForm } from './operasi-form.ts';
import {
  Aksi,
  BankParams,
  Catatan,
  Daftar,
  MAX_ROWS,
  OperasiFields,
  Teks,
  bankPath,
  barisForm,
  barisRow,
  kuantitasField,
  note,
  obj,
  ringkasTotal,
  rowsFor,
  rp,
  user,
  type FormState,
} from './transaksi-parts.ts';

/** What the deposit form posts: the member, item lines as parallel lists, a note, the button. */
const SetoranForm = obj({
  ...OperasiFields,
  nasabahId: Type.Optional(Teks(40)),
  jenisKode: Type.Optional(Daftar(60)),
  kondisi: Type.Optional(Daftar(20)),
  kuantitas: Type.Optional(Daftar(40)),
  catatan: Catatan,
  aksi: Aksi,
});
/** One item line as typed. */
interface SetoranRow {
  jenisKode: string;
  kondisi: string;
  kuantitas: string;
}

/** The bank's items, the prices in force and category names: what the item picker offers. */
interface Katalog {
  jenis: Jenis[];
  harga: HargaPeta;
  kategori: Map<string, string>;
}

async function loadKatalog(trx: Tx, bank: BankRow, req: FastifyRequest): Promise<Katalog> {
  const [jenis, harga, kat] = await Promise.all([
    listJenisOfBank(trx, bank.id, req.locale),
    hargaSaatIni(trx, bank),
    listKategori(trx, req.locale),
  ]);
  return { jenis, harga, kategori: new Map(kat.map((k) => [k.kode, k.nama])) };
}

/** Items the bank buys now (a price for at least one condition), grouped by category. */
function jenisDibeli(k: Katalog): { kategori: string; items: Jenis[] }[] {
  const groups = new Map<string, Jenis[]>();
  for (const j of k.jenis) {
    const h = k.harga.get(j.kode);
    if (!h || (h.bersih === null && h.kotor === null)) continue;
    const list = groups.get(j.kategoriKode) ?? [];
    list.push(j);
    groups.set(j.kategoriKode, list);
  }
  return [...groups].map(([kode, items]) => ({ kategori: k.kategori.get(kode) ?? kode, items }));
}

function hargaLabel(t: Translator, j: Jenis, h: Record<Kondisi, number | null>): string {
  const parts = (['bersih', 'kotor'] as const)
    .filter((k) => h[k] !== null)
    .map((k) =>
      t('bankSampah.op.harga.per', { kondisi: t(`bankSampah.op.kondisi.${k}`), harga: rp(h[k] ?? 0) }),
    );
  return `${j.nama} — ${parts.join(', ')} / ${t(`bankSampah.op.satuan.${j.satuan}`)}`;
}

/**
 * Reads the typed lines: empty rows are skipped; an empty item or quantity, or a quantity not
 * written as the operator writes numbers, is an error of the form (the rules of a line are the
 * ledger's, checkSetoranBaris). `rowOf[k]` is the form row of the k-th line.
 */
function readSetoran(
  t: Translator,
  rows: SetoranRow[],
): { baris: SetoranBaris[]; rowOf: number[]; errors: FormErrors } {
  const errors: FormErrors = {};
  const baris: SetoranBaris[] = [];
  const rowOf: number[] = [];
  rows.forEach((r, i) => {
    const kode = r.jenisKode.trim();
    const raw = r.kuantitas.trim();
    if (!kode && !raw) return;
    const dibaca = raw ? readKuantitas(raw, KUANTITAS_BARIS) : null;
    if (!kode) errors[`baris.${i}.jenisKode`] = t('bankSampah.op.form.pilihJenis');
    if (!dibaca) errors[`baris.${i}.kuantitas`] = t('bankSampah.op.form.isiKuantitas');
    else if (!dibaca.ok) errors[`baris.${i}.kuantitas`] = t(dibaca.galat, dibaca.params);
    const kondisi: Kondisi = r.kondisi === 'kotor' ? 'kotor' : 'bersih';
    baris.push({ jenisKode: kode, kondisi, kuantitas: dibaca?.ok ? String(dibaca.nilai) : raw });
    rowOf.push(i);
  });
  return { baris, rowOf, errors };
}

/** The value of each typed line at the prices in force (null until it can be computed), and their total. */
function nilaiRows(rows: SetoranRow[], k: Katalog): { nilai: (number | null)[]; total: number } {
  const nilai = rows.map((r) => {
    const dibaca = r.kuantitas.trim() ? readKuantitas(r.kuantitas.trim(), KUANTITAS_BARIS) : null;
    const harga = k.harga.get(r.jenisKode.trim())?.[r.kondisi === 'kotor' ? 'kotor' : 'bersih'] ?? null;
    return dibaca?.ok && harga !== null ? nilaiOf(toMilli(String(dibaca.nilai)), harga) : null;
  });
  return { nilai, total: nilai.reduce<number>((a, b) => a + (b ?? 0), 0) };
}

const setoranRows = (rows: SetoranRow[], extra: number) =>
  rowsFor(rows, extra, 4, { jenisKode: '', kondisi: 'bersih', kuantitas: '' }, (r) =>
    Boolean(r.jenisKode.trim() || r.kuantitas.trim()),
  );

/** The total of a deposit with the bank's fee and what the member is credited. */
function ringkasanTotal(t: Translator, bank: BankRow, total: number, label: string): SafeHtml {
  const persen = Number(bank.bagi_hasil_persen);
  const bagi = {
    label: t('bankSampah.op.bagiHasil.label', { persen }),
    nilai: feeOf(total, bank.bagi_hasil_persen),
    sisa: t('bankSampah.op.setoran.masukTabungan'),
  };
  return ringkasTotal({ label, nilai: total }, persen > 0 ? bagi : null, true);
}

/** What the deposit form is re-rendered with. */
interface SetoranState extends FormState {
  pilihan: Pilihan;
  rows: SetoranRow[];
  catatan: string;
  extra?: SafeHtml | undefined;
}

/** The deposit page: the member step, then the item lines with their values and the total. */
function setoranPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bank: BankRow,
  rights: BankRights,
  k: Katalog,
  s: SetoranState,
) {
  const t = req.t;
  const action = bankPath(req, bank.id, '/setoran');
  const groups = jenisDibeli(k);
  const cek = nilaiRows(s.rows, k);
  const e = s.errors;
  const rowHtml = (r: SetoranRow, i: number) =>
    barisRow(t, e, i, {
      jenisKode: r.jenisKode,
      options: groups.map(
        (g) =>
          html`<optgroup label="${g.kategori}">
            ${g.items.map((j) => {
              const h = k.harga.get(j.kode) ?? { bersih: null, kotor: null };
              return html`<option
                value="${j.kode}"
                data-satuan="${t(`bankSampah.op.satuan.${j.satuan}`)}"
                data-bersih="${h.bersih ?? ''}"
                data-kotor="${h.kotor ?? ''}"
                ${j.kode === r.jenisKode ? raw('selected') : ''}
              >
                ${hargaLabel(t, j, h)}
              </option>`;
            })}
          </optgroup>`,
      ),
      dua: html`${fieldFrame(
        {
          name: `baris.${i}.kondisi`,
          label: t('bankSampah.op.baris.kondisi'),
          error: e[`baris.${i}.kondisi`],
        },
        (id, aria) =>
          html`<select id="${id}" name="kondisi" ${aria} data-bs-kondisi>
            ${option('bersih', t('bankSampah.op.kondisi.bersih'), r.kondisi || 'bersih')}
            ${option('kotor', t('bankSampah.op.kondisi.kotor'), r.kondisi)}
          </select>`,
      )}
      ${kuantitasField(t, e, i, r.kuantitas, k.jenis.find((j) => j.kode === r.jenisKode)?.satuan)}`,
      nilai: cek.nilai[i],
    });
  return nasabahPage(req, reply, bank, rights, {
    title: t('bankSampah.op.setoran.title'),
    action,
    s,
    langkah: (n) =>
      html`<section aria-labelledby="h-timbang" class="bs-langkah">
        <h2 id="h-timbang">${t('bankSampah.op.langkah.timbang')}</h2>
        ${errorSummary(t, sebutBaris(t, e), s.message)}
        ${
          groups.length
            ? ''
            : note(
                html`${t('bankSampah.op.setoran.belumAdaHarga')}
                  <a href="${bankPath(req, bank.id, '/harga')}">${t('bankSampah.op.aksi.harga')}</a>`,
              )
        }
        ${barisForm(req, {
          action,
          jenis: 'setoran',
          attrs: html`data-bagi-hasil="${bank.bagi_hasil_persen}"`,
          kunci: s.kunci,
          before: html`<input type="hidden" name="nasabahId" value="${n.id}" />`,
          rows: s.rows.map(rowHtml),
          ringkas: ringkasanTotal(t, bank, cek.total, t('bankSampah.op.setoran.totalNilai')),
          catatan: s.catatan,
          catatanError: e.catatan,
          simpan: t('bankSampah.op.setoran.simpan'),
          simpanAttrs: raw('data-bs-simpan'),
        })}
      </section>`,
  });
}

/** The deposit form: GET picks the member and shows the lines; POST calculates, adds lines or saves. */
export function setoranFormPage(app: BalaiApp, _ctx: ModuleContext): void {
  pickerGet(app, {
    sub: '/setoran',
    nonaktifBoleh: false,
    more: (trx, req, m) => (m.pilihan.nasabah ? loadKatalog(trx, m.bank, req) : Promise.resolve(null)),
    show: (req, reply, d) =>
      setoranPage(
        req,
        reply,
        d.bank,
        d.rights,
        d.more ?? { jenis: [], harga: new Map(), kategori: new Map() },
        {
          pilihan: d.pilihan,
          rows: setoranRows([], 0),
          catatan: '',
          kunci: kunciForm(undefined),
          errors: {},
        },
      ),
  });

  app.post(
    '/:city/bank-sampah/:bankId/setoran',
    { schema: { params: BankParams, body: SetoranForm }, attachValidation: true, config: user },
    async (req, reply) => {
      const { bankId } = req.params;
      const body = req.body;
      const rows = barisDari(
        body,
        ['jenisKode', 'kondisi', 'kuantitas'],
        MAX_ROWS,
      ) as unknown as SetoranRow[];
      const aksi = nilai(body, 'aksi') || 'simpan';
      const s = { rows, catatan: nilai(body, 'catatan'), kunci: kunciForm(body) };
      const d = await postSetoran(req, bankId, body, aksi, s);
      const page = (o: Partial<SetoranState>) =>
        setoranPage(req, reply, d.bank, d.rights, d.k, {
          pilihan: d.pilihan,
          rows: setoranRows(rows, aksi === 'tambah' ? 3 : 1),
          catatan: s.catatan,
          kunci: s.kunci,
          errors: {},
          ...o,
        });
      const a = d.akhir;
      if (a.jenis === 'selesai') return reply.redirect(hasilPath(req, bankId, a.hasil), 303);
      if (a.jenis === 'berbeda') return page({ ...berbedaNote(req, bankId, a.prior), status: 409 });
      if (a.jenis === 'ditolak') return page(problemForm(req.t, a.problem, d.rowOf));
      return page(a.page);
    },
  );
}

/** How a deposit post ended: saved (or not, with the ledger's answer), or a page to show again. */
type SetoranAkhir = Akhir | { jenis: 'halaman'; page: Partial<SetoranState> };

/**
 * A deposit post, in ONE city transaction: the bank and member, the item picker's data, then —
 * unless the form is only re-shown (unreadable, no member, add lines) — the ledger's rules on the
 * lines (once: checkSetoranBaris to calculate or when the form has errors of its own, else
 * prepareSetoran before the key is claimed, so a refused form keeps its key) and the deposit.
 */
async function postSetoran(
  req: FastifyRequest,
  bankId: string,
  body: unknown,
  aksi: string,
  s: { rows: SetoranRow[]; catatan: string; kunci: string },
) {
  const t = req.t;
  const user = userOf(req);
  const form = readSetoran(t, s.rows);
  return withRetry(() =>
    cityTx(req, async (trx) => {
      const m = await loadPilihan(trx, req, bankId, pilihanOfForm(body), false);
      const d = { ...m, k: await loadKatalog(trx, m.bank, req), rowOf: form.rowOf };
      const halaman = (page: Partial<SetoranState>) => ({
        ...d,
        akhir: { jenis: 'halaman', page } as SetoranAkhir,
      });
      const nasabah = m.pilihan.nasabah;
      if (req.validationError) return halaman({ message: t('bankSampah.op.form.tidakTerbaca'), status: 400 });
      if (!nasabah) return halaman({ status: 400 });
      if (aksi === 'tambah') return halaman({});
      const catatan = catatanError(t, s.catatan);
      if (aksi === 'hitung' || catatan || Object.keys(form.errors).length) {
        const cek = await checkSetoranBaris(trx, m.bank, form.baris, new Date());
        const hitung = aksi === 'hitung';
        const found = cek.errors.filter((e) => !hitung || e.detail !== 'bankSampah.op.form.minimalSatu');
        const errors = {
          ...galatLedger(t, badRequest('bankSampah.setoran.tidakValid', found), form.rowOf)?.errors,
          ...form.errors,
        };
        if (catatan && !hitung) errors.catatan = catatan;
        return halaman(hitung ? { errors } : { errors, status: 400 });
      }
      const input = { nasabahId: nasabah.id, baris: form.baris, catatan: s.catatan.trim() || undefined };
      let siap: SetoranSiap;
      try {
        siap = await prepareSetoran(trx, m.bank, input, new Date());
      } catch (err) {
        if (!(err instanceof HttpProblem)) throw err;
        const g = problemForm(t, err, form.rowOf);
        return halaman(
          err.status === 400 && Object.keys(g.errors).length ? { errors: g.errors, status: 400 } : g,
        );
      }
      const perform: Perform = (tx, bank, pelaku, id) => recordSetoran(tx, pelaku, bank, siap, id);
      const o = { operasi: 'setoran' as const, kunci: s.kunci, isi: input, perform };
      return {
        ...d,
        akhir: (await runOperasiTx(trx, m.bank, { user, locale: req.locale }, o)) as SetoranAkhir,
      };
    }),
  );
}
