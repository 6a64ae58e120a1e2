/**
 * The sale form: stock sold to the bank's induk on Balai (at the induk's prices, less its share)
 * or to a pengepul at an agreed price, never more than in stock.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { errorSummary, field, fieldFrame } from '../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../platform/web/html.ts';
import { type FormErrors, option, selectField } from '../../../platform/web/components.ts';
import type { Translator } from '../../../platform/i18n/index.ts';
import type { Tx } from '../../../platform/db/transaction.ts';
import { readKuantitas, readRupiah } from '../../../platform/angka.ts';
import { type BankRow, bankFor, findBank } from '../access.ts';
import { type HargaPeta, hargaSaatIni } from '../katalog-harga.ts';
import { type PenjualanBaris, catatPenjualan, feeOf, nilaiOf, toMilli } from '../ledger.ts';
import { type StokView, neraca } from '../ledger-read.ts';
import { type IndukPilihan, listIndukAktif } from '../transaksi-service.ts';
import { KUANTITAS_BARIS, barisDari, kunciForm, nilai, sebutBaris } from '../transaksi-form.ts';
import { runBarisSteps, saveOperasi } from './operasi-form.ts';
import {
  Aksi,
  BankParams,
  Catatan,
  Daftar,
  type FormState,
  MAX_ROWS,
  OperasiFields,
  Teks,
  bankPath,
  barisForm,
  barisRow,
  kuantitasField,
  note,
  obj,
  operasiPage,
  qty,
  ringkasTotal,
  rowsFor,
  user,
} from './transaksi-parts.ts';

/** What the sale form posts: the buyer, item lines as parallel lists, a note, the button. */
const PenjualanForm = obj({
  ...OperasiFields,
  pembeli: Type.Optional(Type.Union([Type.Literal('induk'), Type.Literal('pengepul')])),
  indukId: Type.Optional(Teks(40)),
  pembeliNama: Type.Optional(Teks(300)),
  jenisKode: Type.Optional(Daftar(60)),
  kuantitas: Type.Optional(Daftar(40)),
  hargaSatuan: Type.Optional(Daftar(40)),
  catatan: Catatan,
  aksi: Aksi,
});

interface PenjualanRow {
  jenisKode: string;
  kuantitas: string;
  hargaSatuan: string;
}

interface PenjualanState extends FormState {
  pembeli: 'induk' | 'pengepul';
  indukId: string;
  pembeliNama: string;
  rows: PenjualanRow[];
  catatan: string;
}

interface PenjualanData {
  stok: StokView[];
  induk: IndukPilihan[];
  hargaInduk: HargaPeta | null;
  indukBagiHasil: string | null;
}

interface PenjualanCek {
  input: { indukId?: string; pembeliNama?: string; baris: PenjualanBaris[]; catatan?: string };
  rowOf: number[];
  errors: FormErrors;
  nilai: (number | null)[];
  total: number;
}

/** The form's own checks of a sale (buyer, lines against the stock and prices) and the values. */
function checkPenjualan(t: Translator, s: PenjualanState, d: PenjualanData): PenjualanCek {
  const errors: FormErrors = {};
  const stok = new Map(d.stok.map((x) => [x.jenisKode, x]));
  const baris: PenjualanBaris[] = [];
  const rowOf: number[] = [];
  const nilaiBaris: (number | null)[] = s.rows.map(() => null);
  const seen = new Set<string>();
  let total = 0;
  const keInduk = s.pembeli === 'induk';
  if (keInduk && !d.induk.some((i) => i.id === s.indukId))
    errors.indukId = t('bankSampah.op.penjualan.pilihInduk');
  const nama = s.pembeliNama.trim().replace(/\s+/g, ' ');
  if (!keInduk && (nama.length < 2 || nama.length > 120))
    errors.pembeliNama = t('bankSampah.op.penjualan.namaPembeli');
  s.rows.forEach((r, i) => {
    const kode = r.jenisKode.trim();
    const raw = r.kuantitas.trim();
    const rawHarga = r.hargaSatuan.trim();
    if (!kode && !raw && !rawHarga) return;
    const item = stok.get(kode);
    const dibaca = raw ? readKuantitas(raw, KUANTITAS_BARIS) : null;
    const q = dibaca?.ok ? String(dibaca.nilai) : null;
    if (!kode) errors[`baris.${i}.jenisKode`] = t('bankSampah.op.form.pilihJenis');
    else if (!item) errors[`baris.${i}.jenisKode`] = t('bankSampah.op.penjualan.tidakAdaStok');
    else if (seen.has(kode)) errors[`baris.${i}.jenisKode`] = t('bankSampah.op.penjualan.duaKali');
    seen.add(kode);
    if (!raw) errors[`baris.${i}.kuantitas`] = t('bankSampah.op.form.isiKuantitas');
    else if (dibaca && !dibaca.ok) errors[`baris.${i}.kuantitas`] = t(dibaca.galat, dibaca.params);
    else if (item && q !== null && toMilli(q) > Math.round(item.kuantitas * 1000))
      errors[`baris.${i}.kuantitas`] = t('bankSampah.op.penjualan.melebihiStok', {
        stok: qty(t, item.kuantitas, item.satuan),
      });
    let harga: number | null;
    if (keInduk) {
      harga = d.hargaInduk?.get(kode)?.bersih ?? null;
      if (item && d.hargaInduk && harga === null && !errors[`baris.${i}.jenisKode`])
        errors[`baris.${i}.jenisKode`] = t('bankSampah.op.penjualan.indukTidakBeli');
    } else {
      const dibacaHarga = rawHarga ? readRupiah(rawHarga, { max: 100_000_000 }) : null;
      harga = dibacaHarga?.ok ? dibacaHarga.nilai : null;
      if (!rawHarga) errors[`baris.${i}.hargaSatuan`] = t('bankSampah.op.penjualan.isiHarga');
      else if (dibacaHarga && !dibacaHarga.ok)
        errors[`baris.${i}.hargaSatuan`] = t(dibacaHarga.galat, dibacaHarga.params);
    }
    if (q !== null && harga !== null) {
      nilaiBaris[i] = nilaiOf(toMilli(q), harga);
      total += nilaiBaris[i] ?? 0;
    }
    baris.push({
      jenisKode: kode,
      kuantitas: q ?? raw,
      ...(keInduk ? {} : { hargaSatuan: harga ?? undefined }),
    });
    rowOf.push(i);
  });
  if (!baris.length && !errors['baris.0.jenisKode'])
    errors['baris.0.jenisKode'] = t('bankSampah.op.form.minimalSatu');
  const catatan = s.catatan.trim();
  return {
    input: {
      ...(keInduk ? { indukId: s.indukId } : { pembeliNama: nama }),
      baris,
      ...(catatan ? { catatan } : {}),
    },
    rowOf,
    errors,
    nilai: nilaiBaris,
    total,
  };
}

/** A choice of buyer (the induk, a pengepul) as a radio button. */
function pembeliRadio(value: 'induk' | 'pengepul', checked: boolean, label: string): SafeHtml {
  return html`<div class="bs-pilih-pembeli">
    <input
      type="radio"
      id="f-pembeli-${value}"
      name="pembeli"
      value="${value}"
      ${checked ? raw('checked') : ''}
      data-bs-pembeli
    />
    <label for="f-pembeli-${value}">${label}</label>
  </div>`;
}

/** The buyer of a sale: the induk (if the bank has one) or a pengepul by name. */
function pembeliFieldset(t: Translator, d: PenjualanData, s: PenjualanState): SafeHtml {
  const e = s.errors;
  const keInduk = s.pembeli === 'induk';
  return html`<fieldset class="bs-pembeli">
    <legend>${t('bankSampah.op.penjualan.pembeli')}</legend>
    ${
      d.induk.length
        ? html`${pembeliRadio('induk', keInduk, t('bankSampah.op.penjualan.keInduk'))}
          ${selectField({
            name: 'indukId',
            label: t('bankSampah.op.penjualan.induk'),
            error: e.indukId,
            options: html`${option('', t('bankSampah.op.penjualan.pilihIndukOpsi'), s.indukId)}
            ${d.induk.map((i) => option(i.id, `${i.nama} (${i.kode})`, s.indukId))}`,
          })}`
        : ''
    }
    ${pembeliRadio('pengepul', !keInduk, t('bankSampah.op.penjualan.kePengepul'))}
    ${field({
      name: 'pembeliNama',
      label: t('bankSampah.op.penjualan.namaPengepul'),
      value: s.pembeliNama,
      error: e.pembeliNama,
      autocomplete: 'off',
      attrs: html`maxlength="120"`,
    })}
    <p class="hint">${t('bankSampah.op.penjualan.hargaHint')}</p>
  </fieldset>`;
}

/** The sale page: the buyer (the induk or a pengepul), the lines, the total and the induk's share. */
function penjualanPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bank: BankRow,
  d: PenjualanData,
  s: PenjualanState,
) {
  const t = req.t;
  const action = bankPath(req, bank.id, '/penjualan');
  const e = s.errors;
  const cek = checkPenjualan(t, s, d);
  const keInduk = s.pembeli === 'induk';
  const fee = keInduk && d.indukBagiHasil ? feeOf(cek.total, d.indukBagiHasil) : 0;
  const rowHtml = (r: PenjualanRow, i: number) =>
    barisRow(t, e, i, {
      jenisKode: r.jenisKode,
      options: d.stok.map(
        (x) =>
          html`<option
            value="${x.jenisKode}"
            data-satuan="${t(`bankSampah.op.satuan.${x.satuan}`)}"
            data-induk="${d.hargaInduk?.get(x.jenisKode)?.bersih ?? ''}"
            ${x.jenisKode === r.jenisKode ? raw('selected') : ''}
          >
            ${t('bankSampah.op.penjualan.opsiStok', { nama: x.nama, stok: qty(t, x.kuantitas, x.satuan) })}
          </option>`,
      ),
      dua: html`${kuantitasField(t, e, i, r.kuantitas, d.stok.find((x) => x.jenisKode === r.jenisKode)?.satuan)}
      ${fieldFrame(
        {
          name: `baris.${i}.hargaSatuan`,
          label: t('bankSampah.op.penjualan.hargaSatuan'),
          error: e[`baris.${i}.hargaSatuan`],
        },
        (id, aria) =>
          html`<input
            id="${id}"
            name="hargaSatuan"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            maxlength="15"
            value="${r.hargaSatuan}"
            ${aria}
            data-bs-harga
          />`,
      )}`,
      nilai: cek.nilai[i],
    });
  return operasiPage(req, reply, bank, {
    title: t('bankSampah.op.penjualan.title'),
    status: s.status,
    body: html`<p class="lead">${t('bankSampah.op.penjualan.intro')}</p>
      ${
        !d.stok.length
          ? note(t('bankSampah.op.penjualan.stokKosong'))
          : html`${errorSummary(t, sebutBaris(t, e), s.message)}
            ${barisForm(req, {
              action,
              jenis: 'penjualan',
              attrs: html`data-bagi-hasil="${keInduk ? (d.indukBagiHasil ?? '0') : '0'}"
              data-induk-harga="${s.indukId}"`,
              kunci: s.kunci,
              before: pembeliFieldset(t, d, s),
              rows: s.rows.map(rowHtml),
              ringkas: ringkasTotal(
                { label: t('bankSampah.op.penjualan.totalNilai'), nilai: cek.total },
                fee > 0
                  ? {
                      label: t('bankSampah.op.penjualan.bagiHasilInduk'),
                      nilai: fee,
                      sisa: t('bankSampah.op.penjualan.diterima'),
                    }
                  : null,
              ),
              catatan: s.catatan,
              catatanError: e.catatan,
              simpan: t('bankSampah.op.penjualan.simpan'),
              simpanAttrs: '',
            })}`
      }`,
  });
}

/** What the sale form offers: the stock on hand, the induk banks, the chosen induk's prices and share. */
async function penjualanData(
  trx: Tx,
  req: FastifyRequest,
  bank: BankRow,
  indukId: string,
): Promise<PenjualanData> {
  const [n, induk] = await Promise.all([neraca(trx, bank, req.locale), listIndukAktif(trx, bank.id)]);
  const chosen = induk.find((i) => i.id === indukId);
  const indukRow = chosen ? await findBank(trx, chosen.id) : undefined;
  return {
    stok: n.stok.filter((s) => s.kuantitas > 0),
    induk,
    hargaInduk: indukRow ? await hargaSaatIni(trx, indukRow) : null,
    indukBagiHasil: indukRow ? indukRow.bagi_hasil_persen : null,
  };
}

/** The bank (for a user who may operate it) and what its sale form offers, as they are now. */
function loadPenjualan(req: FastifyRequest, bankId: string, indukId: string) {
  return cityTx(req, async (trx) => {
    const { bank } = await bankFor(trx, userOf(req), bankId, 'transaksi');
    return { bank, d: await penjualanData(trx, req, bank, indukId) };
  });
}

const penjualanRows = (rows: PenjualanRow[], extra: number) =>
  rowsFor(rows, extra, 3, { jenisKode: '', kuantitas: '', hargaSatuan: '' }, (x) =>
    Boolean(x.jenisKode.trim() || x.kuantitas.trim() || x.hargaSatuan.trim()),
  );

/** The sale form: GET offers the stock; POST calculates, adds lines or saves. */
export function penjualanFormPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/:bankId/penjualan',
    { schema: { params: BankParams }, config: user },
    async (req, reply) => {
      const { bankId } = req.params;
      const r = await cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), bankId, 'transaksi');
        const induk = await listIndukAktif(trx, bank.id);
        const indukId = bank.induk_id && induk.some((i) => i.id === bank.induk_id) ? bank.induk_id : '';
        return { bank, indukId, d: await penjualanData(trx, req, bank, indukId) };
      });
      return penjualanPage(req, reply, r.bank, r.d, {
        pembeli: r.indukId ? 'induk' : 'pengepul',
        indukId: r.indukId,
        pembeliNama: '',
        rows: penjualanRows([], 0),
        catatan: '',
        kunci: kunciForm(undefined),
        errors: {},
      });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/penjualan',
    { schema: { params: BankParams, body: PenjualanForm }, attachValidation: true, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId } = req.params;
      const body = req.body;
      const pembeli = nilai(body, 'pembeli') === 'induk' ? 'induk' : 'pengepul';
      const indukId = nilai(body, 'indukId');
      const indukDipilih = pembeli === 'induk' ? indukId : '';
      const r = await loadPenjualan(req, bankId, indukDipilih);
      const rows = barisDari(
        body,
        ['jenisKode', 'kuantitas', 'hargaSatuan'],
        MAX_ROWS,
      ) as unknown as PenjualanRow[];
      const aksi = nilai(body, 'aksi') || 'simpan';
      const s: PenjualanState = {
        pembeli,
        indukId,
        pembeliNama: nilai(body, 'pembeliNama'),
        rows: penjualanRows(rows, aksi === 'tambah' ? 3 : 1),
        catatan: nilai(body, 'catatan'),
        kunci: kunciForm(body),
        errors: {},
      };
      const langkah = runBarisSteps(req, {
        aksi,
        catatan: s.catatan,
        periksa: () => checkPenjualan(t, s, r.d),
        ulang: (o) => penjualanPage(req, reply, r.bank, r.d, { ...s, ...o }),
      });
      if ('page' in langkah) return langkah.page;
      const { cek } = langkah;
      const input = cek.input;
      return saveOperasi(req, reply, {
        bankId,
        operasi: 'penjualan',
        kunci: s.kunci,
        isi: input,
        tulis: async (trx, b, pelaku, id) => ({
          jenis: 'jurnal',
          id: await catatPenjualan(trx, pelaku, b, input, id),
        }),
        rowOf: cek.rowOf,
        berbeda: (u) =>
          penjualanPage(req, reply, r.bank, r.d, { ...s, kunci: u.kunci, message: u.message, status: 409 }),
        galat: async (g) => {
          // Stock may have changed meanwhile: show it as it is now.
          const fresh = await loadPenjualan(req, bankId, indukDipilih);
          return penjualanPage(req, reply, r.bank, fresh.d, {
            ...s,
            errors: g.errors,
            message: g.message,
            status: g.status,
          });
        },
      });
    },
  );
}
