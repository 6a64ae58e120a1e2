/**
 * The operator's pages of a bank sampah, for a phone over a slow connection: the bank's home
 * (today's figures, cash, stock), fast deposit entry, withdrawals and their approval, sales,
 * the journal with printable receipts (and their reversal), a member's passbook (page and PDF)
 * and a warga's own savings. Every form works without JavaScript; public/js/bank-sampah.js adds
 * the running total, live member search and the card scanner. Writes go through
 * jalankanOperasi with a key rendered into the form, so a double submit or a retry posts once.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { CitySlug, Csrf, Uuid } from '../../platform/http/schemas.ts';
import {
  cityPath,
  csrfField,
  errorSummary,
  field,
  fieldFrame,
  flash,
  sendPage,
} from '../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../platform/web/html.ts';
import {
  breadcrumbs,
  option,
  pagination,
  queryString,
  selectField,
  tableWrap,
  type FormErrors,
} from '../../platform/web/components.ts';
import { formatDateTime, formatNumber, formatRupiah, type Translator } from '../../platform/i18n/index.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { bankFor, findBank, rightsFor, type BankRights, type BankRow } from './access.ts';
import { daftarJenis, type Jenis } from './katalog.ts';
import { hargaSaatIni, type HargaPeta } from './katalog-harga.ts';
import { daftarKategori, namaJenis } from './katalog-nama.ts';
import {
  batalkan,
  catatPenarikan,
  catatPenjualan,
  setorkan,
  feeOf,
  nilaiOf,
  putuskanPengajuan,
  toMilli,
  type PenjualanBaris,
  type Pelaku,
  type SetoranBaris,
} from './ledger.ts';
import {
  daftarOperasi,
  daftarPengajuan,
  getOperasi,
  getPengajuan,
  neraca,
  ringkasanBank,
  type BukuView,
  type OperasiView,
  type PengajuanView,
  type StokView,
} from './ledger-read.ts';
import { bukuUntuk } from './ledger-routes.ts';
import { jalankanOperasi, type Hasil, type OperasiNama } from './operasi.ts';
import type { JenisJurnal, Kondisi, Satuan } from './tables.ts';
import {
  cariNasabahBank,
  daftarIndukAktif,
  hasilKunci,
  keanggotaanSaya,
  nasabahDariKartu,
  nasabahDenganSaldo,
  type IndukPilihan,
  type NasabahPilihan,
  type NasabahRingkas,
} from './transaksi-service.ts';
import { KUANTITAS_BARIS, barisDari, galatLedger, kunciForm, nilai, sebutBaris } from './transaksi-form.ts';
import { bacaKuantitas, bacaRupiah } from '../../platform/angka.ts';
import { bukuPdf, jenisBuku, keteranganId, waktuPendek } from './buku-pdf.ts';

// ---- Schemas ----

const obj = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });
const Teks = (maxLength: number) => Type.String({ maxLength });
const Daftar = (maxLength: number) => Type.Array(Type.String({ maxLength }), { maxItems: 50 });
const Tanggal = Type.Union([Type.String({ format: 'date' }), Type.Literal('')]);

const BankParams = obj({ city: CitySlug, bankId: Uuid });
const JurnalParams = obj({ city: CitySlug, bankId: Uuid, jurnalId: Uuid });
const NasabahParams = obj({ city: CitySlug, bankId: Uuid, nasabahId: Uuid });
const PengajuanParams = obj({ city: CitySlug, bankId: Uuid, id: Uuid });
const CityOnly = obj({ city: CitySlug });

const PilihQuery = obj({
  nasabah: Type.Optional(Uuid),
  q: Type.Optional(Teks(300)),
  bagian: Type.Optional(Type.Literal('nasabah')),
});
const Aksi = Type.Optional(
  Type.Union([Type.Literal('hitung'), Type.Literal('tambah'), Type.Literal('simpan')]),
);
/** What every operation form posts: the CSRF token and the idempotency key. */
const OperasiFields = { _csrf: Csrf, kunci: Type.Optional(Teks(100)) };
const Catatan = Type.Optional(Teks(2000));
const SetoranForm = obj({
  ...OperasiFields,
  nasabahId: Type.Optional(Teks(40)),
  jenisKode: Type.Optional(Daftar(60)),
  kondisi: Type.Optional(Daftar(20)),
  kuantitas: Type.Optional(Daftar(40)),
  catatan: Catatan,
  aksi: Aksi,
});
const PenarikanForm = obj({
  ...OperasiFields,
  nasabahId: Type.Optional(Teks(40)),
  jumlah: Type.Optional(Teks(40)),
  catatan: Catatan,
});
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
const PembatalanForm = obj({
  ...OperasiFields,
  alasan: Type.Optional(Teks(2000)),
  yakin: Type.Optional(Teks(10)),
});
const KeputusanForm = obj({
  _csrf: Csrf,
  keputusan: Type.Union([Type.Literal('setuju'), Type.Literal('tolak')]),
  alasan: Type.Optional(Teks(2000)),
});
const JurnalQuery = obj({
  jenis: Type.Optional(
    Type.Union([
      Type.Literal(''),
      Type.Literal('setoran'),
      Type.Literal('penarikan'),
      Type.Literal('penjualan'),
      Type.Literal('pembatalan'),
    ]),
  ),
  dari: Type.Optional(Tanggal),
  sampai: Type.Optional(Tanggal),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
const BukuQuery = obj({ dari: Type.Optional(Tanggal), sampai: Type.Optional(Tanggal) });
const OkQuery = obj({ ok: Type.Optional(Type.Literal('baru')) });
const PengajuanQuery = obj({
  status: Type.Optional(
    Type.Union([
      Type.Literal('menunggu'),
      Type.Literal('disetujui'),
      Type.Literal('ditolak'),
      Type.Literal('semua'),
    ]),
  ),
  ok: Type.Optional(Type.Union([Type.Literal('ditolak'), Type.Literal('disetujui')])),
});

const user = { access: 'user' } as const;
const SCRIPT = '/assets/js/bank-sampah.js';
const MAX_ROWS = 50;
const MAX_CATATAN = 500;

// ---- Formatting ----

const rp = (n: number) => formatRupiah(n);
/** A quantity with its unit, id-ID (up to 3 decimals). */
const qty = (t: Translator, n: number, satuan: Satuan | string) =>
  `${formatNumber(n)} ${t(`bankSampah.op.satuan.${satuan}`)}`;
const kg = (t: Translator, n: number) => qty(t, n, 'kg');
const waktu = (t: Translator, d: Date) => t('bankSampah.op.waktuWib', { waktu: formatDateTime(d) });
const jenisLabel = (t: Translator, j: JenisJurnal) => t(`bankSampah.op.jenis.${j}`);

function bankPath(req: FastifyRequest, bankId: string, sub = ''): string {
  return cityPath(req, `/bank-sampah/${bankId}${sub}`);
}

function crumbs(req: FastifyRequest, bank: BankRow, items: { href?: string; label: string }[]): SafeHtml {
  const t = req.t;
  return breadcrumbs(t('bankSampah.op.crumbs'), [
    { href: cityPath(req, '/bank-sampah'), label: t('bankSampah.nav.bank') },
    ...(items.length ? [{ href: bankPath(req, bank.id), label: bank.nama }] : [{ label: bank.nama }]),
    ...items,
  ]);
}

/** Everything the operator types about one member: name, number, masked phone, balance. */
function nasabahKartu(req: FastifyRequest, bank: BankRow, n: NasabahRingkas, ganti: string | null): SafeHtml {
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

// ---- Page and form fragments shared by the operation forms ----

/** An operation's page: crumbs to the bank, the title as heading, then `body`. */
function operasiPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bank: BankRow,
  o: { title: string; status?: number | undefined; body: SafeHtml },
) {
  return sendPage(req, reply, {
    title: o.title,
    status: o.status ?? 200,
    scripts: [SCRIPT],
    body: html`${crumbs(req, bank, [{ label: o.title }])}
      <h1>${o.title}</h1>
      ${o.body}`,
  });
}

/** The hidden fields every operation form posts: the CSRF token and the idempotency key. */
function kunciFields(req: FastifyRequest, kunci: string): SafeHtml {
  return html`${csrfField(req)} <input type="hidden" name="kunci" value="${kunci}" />`;
}

function catatanField(t: Translator, value: string, error: string | undefined): SafeHtml {
  return field({
    name: 'catatan',
    label: t('bankSampah.op.catatan'),
    value,
    error,
    attrs: html`maxlength="${MAX_CATATAN}"`,
  });
}

/** One item line of a form: its fields and its value (— until it can be computed). */
function barisFieldset(
  t: Translator,
  i: number,
  fields: SafeHtml,
  value: number | null | undefined,
): SafeHtml {
  return html`<fieldset class="bs-baris" data-bs-baris>
    <legend>${t('bankSampah.op.baris.legend', { n: i + 1 })}</legend>
    ${fields}
    <p class="bs-nilai">
      ${t('bankSampah.op.baris.nilai')}:
      <span data-bs-nilai>${value === null || value === undefined ? '—' : rp(value)}</span>
    </p>
  </fieldset>`;
}

/** A line's item select: "choose an item" followed by `options`. */
function jenisField(t: Translator, e: FormErrors, i: number, selected: string, options: SafeHtml): SafeHtml {
  return fieldFrame(
    { name: `baris.${i}.jenisKode`, label: t('bankSampah.op.baris.jenis'), error: e[`baris.${i}.jenisKode`] },
    (id, aria) =>
      html`<select id="${id}" name="jenisKode" ${aria} data-bs-jenis>
        ${option('', t('bankSampah.op.baris.pilihJenis'), selected)} ${options}
      </select>`,
  );
}

/** A line's quantity, with the unit of its item (if chosen) after it. */
function kuantitasField(
  t: Translator,
  e: FormErrors,
  i: number,
  value: string,
  satuan: Satuan | undefined,
): SafeHtml {
  return fieldFrame(
    {
      name: `baris.${i}.kuantitas`,
      label: t('bankSampah.op.baris.kuantitas'),
      error: e[`baris.${i}.kuantitas`],
    },
    (id, aria) =>
      html`<span class="bs-satuan-wrap"
        ><input
          id="${id}"
          name="kuantitas"
          type="text"
          inputmode="decimal"
          autocomplete="off"
          maxlength="12"
          value="${value}"
          ${aria}
          data-bs-kuantitas
        /><span class="bs-satuan" data-bs-satuan aria-hidden="true"
          >${satuan ? t(`bankSampah.op.satuan.${satuan}`) : ''}</span
        ></span
      >`,
  );
}

/** The buttons of a form with item lines: calculate, add lines, save. */
function tombolBaris(t: Translator, simpan: string, simpanAttrs: SafeHtml | ''): SafeHtml {
  return html`<div class="bs-tombol">
    <button type="submit" name="aksi" value="hitung" data-bs-hitung>
      ${t('bankSampah.op.tombol.hitung')}
    </button>
    <button type="submit" name="aksi" value="tambah" data-bs-tambah>
      ${t('bankSampah.op.tombol.tambahBaris')}
    </button>
    <button type="submit" name="aksi" value="simpan" class="primary" ${simpanAttrs}>${simpan}</button>
  </div>`;
}

// ---- Member picker (deposit and withdrawal) ----

interface Pilihan {
  nasabah?: NasabahRingkas;
  hasil: NasabahPilihan[] | null;
  q: string;
  galat?: string;
  /** Go straight to this member (a scanned card URL, an exact member number). */
  langsung?: string;
  nonaktifBoleh?: boolean;
}

async function pilihNasabah(
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
    const n = await nasabahDenganSaldo(trx, bank.id, query.nasabah);
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
  const hasil = await cariNasabahBank(trx, bank.id, q);
  const exact = hasil.filter((h) => h.nomor.toLowerCase() === q.toLowerCase() && (h.aktif || nonaktifBoleh));
  if (exact.length === 1 && exact[0]) return { hasil, q, langsung: exact[0].id };
  return { hasil, q, nonaktifBoleh };
}

function hasilNasabah(req: FastifyRequest, action: string, p: Pilihan): SafeHtml {
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

function pemilihNasabah(
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
    <div id="bs-hasil-nasabah" data-bs-hasil>${hasilNasabah(req, action, p)}</div>
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
function nasabahPage(
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
        ? pemilihNasabah(req, bank, o.action, o.s.pilihan, rights)
        : html`<section aria-labelledby="h-nasabah" class="bs-langkah">
              <h2 id="h-nasabah">${req.t('bankSampah.op.langkah.nasabah')}</h2>
              ${nasabahKartu(req, bank, n, o.action)}
            </section>
            ${o.langkah(n)}`
    }`,
  });
}

/** The bank (for a user who may operate it) and the member chosen by `query`. */
async function muatPilihan(
  trx: Tx,
  req: FastifyRequest,
  bankId: string,
  query: Static<typeof PilihQuery>,
  nonaktifBoleh: boolean,
): Promise<{ bank: BankRow; rights: BankRights; pilihan: Pilihan }> {
  const { bank, rights } = await bankFor(trx, userOf(req), bankId, 'transaksi');
  return { bank, rights, pilihan: await pilihNasabah(trx, req, bank, query, nonaktifBoleh) };
}

/** The member a form posted (its hidden nasabahId), as a picker query. */
function pilihanForm(body: unknown): Static<typeof PilihQuery> {
  const nasabahId = nilai(body, 'nasabahId');
  return /^[0-9a-f-]{36}$/i.test(nasabahId) ? { nasabah: nasabahId } : {};
}

/**
 * What the picker answers instead of the page: the result list alone (live search), or a
 * redirect to the member found (scanned card, exact number). Undefined: render the page.
 */
function jawabPemilih(
  req: FastifyRequest,
  reply: FastifyReply,
  action: string,
  query: Static<typeof PilihQuery>,
  p: Pilihan,
): FastifyReply | undefined {
  if (query.bagian === 'nasabah')
    return reply.type('text/html; charset=utf-8').send(hasilNasabah(req, action, p).value);
  if (p.langsung) return reply.redirect(`${action}?nasabah=${p.langsung}`, 303);
  return undefined;
}

// ---- Deposit ----

interface SetoranRow {
  jenisKode: string;
  kondisi: string;
  kuantitas: string;
}

interface Katalog {
  jenis: Jenis[];
  harga: HargaPeta;
  kategori: Map<string, string>;
}

async function katalogBank(trx: Tx, bank: BankRow, req: FastifyRequest): Promise<Katalog> {
  const [jenis, harga, kat] = await Promise.all([
    daftarJenis(trx, bank.id, req.locale),
    hargaSaatIni(trx, bank),
    daftarKategori(trx, req.locale),
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

interface SetoranCek {
  baris: SetoranBaris[];
  rowOf: number[];
  errors: FormErrors;
  nilai: (number | null)[];
  total: number;
}

function periksaSetoran(t: Translator, rows: SetoranRow[], k: Katalog): SetoranCek {
  const errors: FormErrors = {};
  const baris: SetoranBaris[] = [];
  const rowOf: number[] = [];
  const nilaiBaris: (number | null)[] = rows.map(() => null);
  const byKode = new Map(k.jenis.map((j) => [j.kode, j]));
  let total = 0;
  rows.forEach((r, i) => {
    const kode = r.jenisKode.trim();
    const raw = r.kuantitas.trim();
    if (!kode && !raw) return;
    const kondisi: Kondisi = r.kondisi === 'kotor' ? 'kotor' : 'bersih';
    const jenis = byKode.get(kode);
    const dibaca = raw ? bacaKuantitas(raw, KUANTITAS_BARIS) : null;
    const q = dibaca?.ok ? String(dibaca.nilai) : null;
    if (!kode) errors[`baris.${i}.jenisKode`] = t('bankSampah.op.form.pilihJenis');
    else if (!jenis) errors[`baris.${i}.jenisKode`] = t('bankSampah.op.form.jenisTidakAda');
    else if (!k.harga.get(kode) || (k.harga.get(kode)?.bersih === null && k.harga.get(kode)?.kotor === null))
      errors[`baris.${i}.jenisKode`] = t('bankSampah.op.form.jenisTidakAda');
    else if ((k.harga.get(kode)?.[kondisi] ?? null) === null)
      errors[`baris.${i}.jenisKode`] = t('bankSampah.op.form.tidakDibeli', {
        kondisi: t(`bankSampah.op.kondisi.${kondisi}`),
      });
    if (!raw) errors[`baris.${i}.kuantitas`] = t('bankSampah.op.form.isiKuantitas');
    else if (dibaca && !dibaca.ok) errors[`baris.${i}.kuantitas`] = t(dibaca.galat, dibaca.params);
    if (jenis && q !== null) {
      const harga = k.harga.get(kode)?.[kondisi] ?? null;
      if (harga !== null) {
        nilaiBaris[i] = nilaiOf(toMilli(q), harga);
        total += nilaiBaris[i] ?? 0;
      }
    }
    baris.push({ jenisKode: kode, kondisi, kuantitas: q ?? raw });
    rowOf.push(i);
  });
  if (!baris.length && !Object.keys(errors).length)
    errors['baris.0.jenisKode'] = t('bankSampah.op.form.minimalSatu');
  return { baris, rowOf, errors, nilai: nilaiBaris, total };
}

/**
 * The rows a form with item lines shows: those typed up to the last one used (`dipakai`), then
 * `extra` empty ones, at least `min` and at most MAX_ROWS.
 */
function rowsFor<R>(rows: R[], extra: number, min: number, kosong: R, dipakai: (r: R) => boolean): R[] {
  const used = rows.filter(dipakai);
  const filled = rows.length && used.length ? rows.slice(0, rows.lastIndexOf(used.at(-1)!) + 1) : [];
  const n = Math.min(MAX_ROWS, Math.max(min, filled.length + extra));
  return Array.from({ length: n }, (_, i) => filled[i] ?? { ...kosong });
}

const setoranRows = (rows: SetoranRow[], extra: number) =>
  rowsFor(rows, extra, 4, { jenisKode: '', kondisi: 'bersih', kuantitas: '' }, (r) =>
    Boolean(r.jenisKode.trim() || r.kuantitas.trim()),
  );

function ringkasanTotal(t: Translator, bank: BankRow, total: number, label: string): SafeHtml {
  const persen = Number(bank.bagi_hasil_persen);
  const fee = feeOf(total, bank.bagi_hasil_persen);
  return html`<dl class="bs-ringkas">
    <dt>${label}</dt>
    <dd data-bs-total>${rp(total)}</dd>
    ${
      persen > 0
        ? html`<dt>${t('bankSampah.op.bagiHasil.label', { persen })}</dt>
            <dd data-bs-bagi>${rp(fee)}</dd>
            <dt>${t('bankSampah.op.setoran.masukTabungan')}</dt>
            <dd data-bs-bersih><strong>${rp(total - fee)}</strong></dd>`
        : ''
    }
  </dl>`;
}

/** What an operation form is re-rendered with: its key, errors, message and HTTP status. */
interface FormState {
  kunci: string;
  errors: FormErrors;
  message?: string | undefined;
  status?: number;
}

interface SetoranState extends FormState {
  pilihan: Pilihan;
  rows: SetoranRow[];
  catatan: string;
  extra?: SafeHtml | undefined;
}

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
  const cek = periksaSetoran(t, s.rows, k);
  const e = s.errors;
  const rowHtml = (r: SetoranRow, i: number) =>
    barisFieldset(
      t,
      i,
      html`${jenisField(
          t,
          e,
          i,
          r.jenisKode,
          html`${groups.map(
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
          )}`,
        )}
        <div class="bs-dua">
          ${fieldFrame(
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
          ${kuantitasField(t, e, i, r.kuantitas, k.jenis.find((j) => j.kode === r.jenisKode)?.satuan)}
        </div>`,
      cek.nilai[i],
    );
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
            : html`<div class="alert alert-info" role="note">
                <p>
                  ${t('bankSampah.op.setoran.belumAdaHarga')}
                  <a href="${bankPath(req, bank.id, '/harga')}">${t('bankSampah.op.aksi.harga')}</a>
                </p>
              </div>`
        }
        <form
          method="post"
          action="${action}"
          novalidate
          data-bs-form="setoran"
          data-bagi-hasil="${bank.bagi_hasil_persen}"
          data-label-baris="${t('bankSampah.op.baris.legend', { n: '{n}' })}"
        >
          ${kunciFields(req, s.kunci)}
          <input type="hidden" name="nasabahId" value="${n.id}" />
          <div class="bs-daftar-baris" data-bs-daftar>${s.rows.map(rowHtml)}</div>
          ${ringkasanTotal(t, bank, cek.total, t('bankSampah.op.setoran.totalNilai'))}
          ${catatanField(t, s.catatan, e.catatan)}
          ${tombolBaris(t, t('bankSampah.op.setoran.simpan'), raw('data-bs-simpan'))}
        </form>
      </section>`,
  });
}

// ---- Withdrawal ----

interface PenarikanState extends FormState {
  pilihan: Pilihan;
  jumlah: string;
  catatan: string;
  extra?: SafeHtml | undefined;
}

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
        ${errorSummary(t, e, s.message)}
        ${
          n.saldo <= 0
            ? html`<div class="alert alert-info" role="note">
                <p>${t('bankSampah.op.penarikan.saldoNol')}</p>
              </div>`
            : ''
        }
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

// ---- Sale ----

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

function periksaPenjualan(t: Translator, s: PenjualanState, d: PenjualanData): PenjualanCek {
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
    const dibaca = raw ? bacaKuantitas(raw, KUANTITAS_BARIS) : null;
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
      const dibacaHarga = rawHarga ? bacaRupiah(rawHarga, { max: 100_000_000 }) : null;
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
  const cek = periksaPenjualan(t, s, d);
  const keInduk = s.pembeli === 'induk';
  const fee = keInduk && d.indukBagiHasil ? feeOf(cek.total, d.indukBagiHasil) : 0;
  const rowHtml = (r: PenjualanRow, i: number) =>
    barisFieldset(
      t,
      i,
      html`${jenisField(
          t,
          e,
          i,
          r.jenisKode,
          html`${d.stok.map(
            (x) =>
              html`<option
                value="${x.jenisKode}"
                data-satuan="${t(`bankSampah.op.satuan.${x.satuan}`)}"
                data-induk="${d.hargaInduk?.get(x.jenisKode)?.bersih ?? ''}"
                ${x.jenisKode === r.jenisKode ? raw('selected') : ''}
              >
                ${t('bankSampah.op.penjualan.opsiStok', { nama: x.nama, stok: qty(t, x.kuantitas, x.satuan) })}
              </option>`,
          )}`,
        )}
        <div class="bs-dua">
          ${kuantitasField(t, e, i, r.kuantitas, d.stok.find((x) => x.jenisKode === r.jenisKode)?.satuan)}
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
          )}
        </div>`,
      cek.nilai[i],
    );
  return operasiPage(req, reply, bank, {
    title: t('bankSampah.op.penjualan.title'),
    status: s.status,
    body: html`<p class="lead">${t('bankSampah.op.penjualan.intro')}</p>
      ${
        !d.stok.length
          ? html`<div class="alert alert-info" role="note">
              <p>${t('bankSampah.op.penjualan.stokKosong')}</p>
            </div>`
          : html`${errorSummary(t, sebutBaris(t, e), s.message)}
              <form
                method="post"
                action="${action}"
                novalidate
                data-bs-form="penjualan"
                data-bagi-hasil="${keInduk ? (d.indukBagiHasil ?? '0') : '0'}"
                data-induk-harga="${s.indukId}"
                data-label-baris="${t('bankSampah.op.baris.legend', { n: '{n}' })}"
              >
                ${kunciFields(req, s.kunci)}
                <fieldset class="bs-pembeli">
                  <legend>${t('bankSampah.op.penjualan.pembeli')}</legend>
                  ${
                    d.induk.length
                      ? html`<div class="bs-pilih-pembeli">
                            <input
                              type="radio"
                              id="f-pembeli-induk"
                              name="pembeli"
                              value="induk"
                              ${keInduk ? raw('checked') : ''}
                              data-bs-pembeli
                            />
                            <label for="f-pembeli-induk">${t('bankSampah.op.penjualan.keInduk')}</label>
                          </div>
                          ${selectField({
                            name: 'indukId',
                            label: t('bankSampah.op.penjualan.induk'),
                            error: e.indukId,
                            options: html`${option('', t('bankSampah.op.penjualan.pilihIndukOpsi'), s.indukId)}
                            ${d.induk.map((i) => option(i.id, `${i.nama} (${i.kode})`, s.indukId))}`,
                          })}`
                      : ''
                  }
                  <div class="bs-pilih-pembeli">
                    <input
                      type="radio"
                      id="f-pembeli-pengepul"
                      name="pembeli"
                      value="pengepul"
                      ${keInduk ? '' : raw('checked')}
                      data-bs-pembeli
                    />
                    <label for="f-pembeli-pengepul">${t('bankSampah.op.penjualan.kePengepul')}</label>
                  </div>
                  ${field({
                    name: 'pembeliNama',
                    label: t('bankSampah.op.penjualan.namaPengepul'),
                    value: s.pembeliNama,
                    error: e.pembeliNama,
                    autocomplete: 'off',
                    attrs: html`maxlength="120"`,
                  })}
                  <p class="hint">${t('bankSampah.op.penjualan.hargaHint')}</p>
                </fieldset>
                <div class="bs-daftar-baris" data-bs-daftar>${s.rows.map(rowHtml)}</div>
                <dl class="bs-ringkas">
                  <dt>${t('bankSampah.op.penjualan.totalNilai')}</dt>
                  <dd data-bs-total>${rp(cek.total)}</dd>
                  ${
                    fee > 0
                      ? html`<dt>${t('bankSampah.op.penjualan.bagiHasilInduk')}</dt>
                          <dd>${rp(fee)}</dd>
                          <dt>${t('bankSampah.op.penjualan.diterima')}</dt>
                          <dd><strong>${rp(cek.total - fee)}</strong></dd>`
                      : ''
                  }
                </dl>
                ${catatanField(t, s.catatan, e.catatan)}
                ${tombolBaris(t, t('bankSampah.op.penjualan.simpan'), '')}
              </form>`
      }`,
  });
}

// ---- Receipt ----

interface BarisTampil {
  nama: string;
  kondisi: Kondisi | null;
  kuantitas: number;
  satuan: Satuan;
  harga: number | null;
  nilai: number;
}

/** Lines as shown on a receipt: a sale shows its sale value, a reversal negative amounts. */
function barisTampil(v: OperasiView): BarisTampil[] {
  const kind = v.jenisAsal ?? v.jenis;
  const sign = v.jenis === 'pembatalan' ? -1 : 1;
  return v.baris.map((b) => {
    const abs = Math.abs(b.kuantitas);
    return {
      nama: b.nama,
      kondisi: b.kondisi,
      kuantitas: sign * abs,
      satuan: b.satuan,
      harga: b.hargaSatuan,
      nilai:
        kind === 'penjualan' && b.hargaSatuan !== null
          ? sign * nilaiOf(Math.round(abs * 1000), b.hargaSatuan)
          : b.nilai,
    };
  });
}

function judulStruk(t: Translator, v: OperasiView): string {
  return v.jenis === 'pembatalan'
    ? t('bankSampah.op.struk.judulPembatalan', {
        jenis: jenisLabel(t, v.jenisAsal ?? 'setoran'),
        nomor: String(v.nomor),
      })
    : t('bankSampah.op.struk.judul', { jenis: jenisLabel(t, v.jenis), nomor: String(v.nomor) });
}

/** The receipt as plain text, for sharing by WhatsApp. */
export function teksStruk(t: Translator, bank: BankRow, v: OperasiView): string {
  const kind = v.jenisAsal ?? v.jenis;
  const lines = [`*${bank.nama}*`, judulStruk(t, v), waktu(t, v.waktu)];
  if (v.nasabah) lines.push(`${t('bankSampah.op.struk.nasabah')}: ${v.nasabah.nama} (${v.nasabah.nomor})`);
  if (v.pembeli) lines.push(`${t('bankSampah.op.struk.pembeli')}: ${v.pembeli.nama}`);
  for (const b of barisTampil(v)) {
    const kondisi = b.kondisi ? ` (${t(`bankSampah.op.kondisi.${b.kondisi}`)})` : '';
    const harga = b.harga !== null ? ` × ${rp(b.harga)}` : '';
    lines.push(`- ${b.nama}${kondisi}: ${qty(t, b.kuantitas, b.satuan)}${harga} = ${rp(b.nilai)}`);
  }
  if (v.bagiHasil) lines.push(`${t('bankSampah.op.struk.bagiHasil')}: ${rp(v.bagiHasil)}`);
  lines.push(
    `${t(kind === 'setoran' ? 'bankSampah.op.setoran.masukTabungan' : 'bankSampah.op.struk.total')}: ${rp(v.total)}`,
  );
  if (v.saldoSetelah !== null) lines.push(`${t('bankSampah.op.struk.saldoSetelah')}: ${rp(v.saldoSetelah)}`);
  if (v.membatalkan)
    lines.push(
      t('bankSampah.op.struk.membatalkan', { nomor: String(v.membatalkan.nomor), alasan: v.alasan ?? '' }),
    );
  if (v.dibatalkan)
    lines.push(
      t('bankSampah.op.struk.dibatalkanOleh', {
        nomor: String(v.dibatalkan.nomor),
        alasan: v.dibatalkan.alasan,
      }),
    );
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

function bolehBatal(v: OperasiView, rights: BankRights): boolean {
  return (
    rights.transaksi &&
    v.jenis !== 'pembatalan' &&
    !v.dibatalkan &&
    !(v.jenis === 'setoran' && v.terkaitId !== null)
  );
}

interface StrukState extends FormState {
  ok?: boolean;
  alasan: string;
}

function strukPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bank: BankRow,
  rights: BankRights,
  v: OperasiView,
  s: StrukState,
) {
  const t = req.t;
  const kind = v.jenisAsal ?? v.jenis;
  const judul = judulStruk(t, v);
  const rows = barisTampil(v);
  const e = s.errors;
  const wa = `https://wa.me/?text=${encodeURIComponent(teksStruk(t, bank, v))}`;
  const jurnalHref = (id: string) => bankPath(req, bank.id, `/jurnal/${id}`);
  const sumLines = rows.reduce((a, b) => a + b.nilai, 0);
  const feeInduk = kind === 'penjualan' && v.pembeli?.bankId ? sumLines - v.total : 0;
  return sendPage(req, reply, {
    title: judul,
    status: s.status ?? 200,
    scripts: [SCRIPT],
    body: html`${crumbs(req, bank, [
        { href: bankPath(req, bank.id, '/jurnal'), label: t('bankSampah.op.jurnal.title') },
        { label: t('bankSampah.op.struk.nomor', { nomor: String(v.nomor) }) },
      ])}
      ${s.ok ? flash(t(v.jenis === 'pembatalan' ? 'bankSampah.op.struk.okBatal' : 'bankSampah.op.struk.ok')) : ''}
      ${
        v.dibatalkan
          ? html`<div class="alert alert-error" role="note">
              <p>
                ${t('bankSampah.op.struk.dibatalkanOleh', { nomor: String(v.dibatalkan.nomor), alasan: v.dibatalkan.alasan })}
                <a href="${jurnalHref(v.dibatalkan.id)}">${t('bankSampah.op.struk.lihatPembatalan')}</a>
              </p>
            </div>`
          : ''
      }
      <article class="struk" aria-labelledby="h-struk">
        <p class="struk-bank">${bank.nama}</p>
        <h1 id="h-struk">${judul}</h1>
        <p class="struk-waktu">${waktu(t, v.waktu)}</p>
        ${
          v.dibatalkan
            ? html`<p class="struk-batal">
                <strong
                  >${t('bankSampah.op.struk.dibatalkanOleh', { nomor: String(v.dibatalkan.nomor), alasan: v.dibatalkan.alasan })}</strong
                >
              </p>`
            : ''
        }
        <dl class="facts struk-info">
          ${
            v.nasabah
              ? html`<dt>${t('bankSampah.op.struk.nasabah')}</dt>
                  <dd>${v.nasabah.nama} (${v.nasabah.nomor})</dd>`
              : ''
          }
          ${
            v.pembeli
              ? html`<dt>${t('bankSampah.op.struk.pembeli')}</dt>
                  <dd>${v.pembeli.nama}</dd>`
              : ''
          }
          ${
            v.membatalkan
              ? html`<dt>${t('bankSampah.op.struk.membatalkanLabel')}</dt>
                  <dd>
                    <a href="${jurnalHref(v.membatalkan.id)}"
                      >${t('bankSampah.op.struk.nomor', { nomor: String(v.membatalkan.nomor) })}</a
                    >
                  </dd>
                  <dt>${t('bankSampah.op.struk.alasan')}</dt>
                  <dd>${v.alasan ?? ''}</dd>`
              : ''
          }
          ${
            v.catatan
              ? html`<dt>${t('bankSampah.op.catatan')}</dt>
                  <dd>${v.catatan}</dd>`
              : ''
          }
          ${
            v.dibuatOleh
              ? html`<dt>${t('bankSampah.op.struk.petugas')}</dt>
                  <dd>${v.dibuatOleh}</dd>`
              : ''
          }
        </dl>
        ${
          rows.length
            ? tableWrap(
                'cap-struk',
                t('bankSampah.op.struk.rincian'),
                html`<tr>
                  <th scope="col">${t('bankSampah.op.baris.jenis')}</th>
                  <th scope="col" class="num">${t('bankSampah.op.struk.jumlahHarga')}</th>
                  <th scope="col" class="num">${t('bankSampah.op.baris.nilai')}</th>
                </tr>`,
                rows.map(
                  (b) =>
                    html`<tr>
                      <th scope="row">
                        ${b.nama}${b.kondisi ? html` <span class="meta">(${t(`bankSampah.op.kondisi.${b.kondisi}`)})</span>` : ''}
                      </th>
                      <td class="num">
                        ${qty(t, b.kuantitas, b.satuan)}${b.harga !== null ? html`<br />× ${rp(b.harga)}` : ''}
                      </td>
                      <td class="num">${rp(b.nilai)}</td>
                    </tr>`,
                ),
              )
            : ''
        }
        <dl class="bs-ringkas struk-total">
          ${
            kind === 'setoran'
              ? html`<dt>${t('bankSampah.op.setoran.totalNilai')}</dt>
                  <dd>${rp(sumLines)}</dd>
                  ${
                    v.bagiHasil
                      ? html`<dt>${t('bankSampah.op.struk.bagiHasil')}</dt>
                          <dd>${rp(v.bagiHasil)}</dd>`
                      : ''
                  }
                  <dt>${t('bankSampah.op.setoran.masukTabungan')}</dt>
                  <dd><strong>${rp(v.total)}</strong></dd>`
              : kind === 'penarikan'
                ? html`<dt>${t('bankSampah.op.penarikan.jumlahDitarik')}</dt>
                    <dd><strong>${rp(v.total)}</strong></dd>`
                : html`${
                      feeInduk
                        ? html`<dt>${t('bankSampah.op.penjualan.totalNilai')}</dt>
                            <dd>${rp(sumLines)}</dd>
                            <dt>${t('bankSampah.op.penjualan.bagiHasilInduk')}</dt>
                            <dd>${rp(feeInduk)}</dd>`
                        : ''
                    }
                    <dt>${t('bankSampah.op.penjualan.diterima')}</dt>
                    <dd><strong>${rp(v.total)}</strong></dd>`
          }
          ${
            v.saldoSetelah !== null
              ? html`<dt>${t('bankSampah.op.struk.saldoSetelah')}</dt>
                  <dd>${rp(v.saldoSetelah)}</dd>`
              : ''
          }
        </dl>
      </article>
      <div class="bs-tombol bs-noprint">
        <button type="button" class="button" data-bs-cetak hidden>${t('bankSampah.op.struk.cetak')}</button>
        <a class="button" href="${wa}" target="_blank" rel="noopener noreferrer"
          >${t('bankSampah.op.struk.whatsapp')}</a
        >
        ${
          rights.transaksi && kind === 'setoran' && v.jenis === 'setoran'
            ? html`<a class="button primary" href="${bankPath(req, bank.id, '/setoran')}"
                >${t('bankSampah.op.struk.setoranLagi')}</a
              >`
            : ''
        }
        ${
          v.nasabah
            ? html`<a class="button" href="${bankPath(req, bank.id, `/nasabah/${v.nasabah.id}/buku`)}"
                >${t('bankSampah.op.buku.lihat')}</a
              >`
            : ''
        }
      </div>
      ${
        bolehBatal(v, rights)
          ? html`<section aria-labelledby="h-batal" class="bs-noprint bs-batal">
              <details ${Object.keys(e).length || s.message ? raw('open') : ''}>
                <summary><h2 id="h-batal">${t('bankSampah.op.pembatalan.title')}</h2></summary>
                <p>${t('bankSampah.op.pembatalan.intro')}</p>
                ${errorSummary(t, e, s.message)}
                <form method="post" action="${jurnalHref(v.id)}/pembatalan" novalidate>
                  ${kunciFields(req, s.kunci)}
                  ${fieldFrame(
                    {
                      name: 'alasan',
                      label: t('bankSampah.op.pembatalan.alasan'),
                      hint: t('bankSampah.op.pembatalan.alasanHint'),
                      required: true,
                      error: e.alasan,
                    },
                    (id, aria) =>
                      html`<textarea id="${id}" name="alasan" maxlength="500" rows="3" ${aria}>
${s.alasan}</textarea>`,
                  )}
                  <div class="field${e.yakin ? ' has-error' : ''}">
                    <input
                      type="checkbox"
                      id="f-yakin"
                      name="yakin"
                      value="1"
                      required
                      ${e.yakin ? raw('aria-invalid="true" aria-describedby="f-yakin-err"') : ''}
                    />
                    <label for="f-yakin" class="bs-inline-label"
                      >${t('bankSampah.op.pembatalan.yakin', { nomor: String(v.nomor) })}</label
                    >
                    ${e.yakin ? html`<p class="error" id="f-yakin-err">${e.yakin}</p>` : ''}
                  </div>
                  <button type="submit" class="danger">${t('bankSampah.op.pembatalan.tombol')}</button>
                </form>
              </details>
            </section>`
          : v.jenis === 'setoran' && v.terkaitId && !v.dibatalkan
            ? html`<p class="meta bs-noprint">${t('bankSampah.pembatalan.dariPenjualan')}</p>`
            : ''
      }`,
  });
}

// ---- Requests: withdrawals above the threshold, deposits above the limits ----

/** The refusals an approver reads on the page (others are plain 403 pages). */
const PENGAJUAN_DITOLAK_403 = new Set(['bankSampah.pengajuan.orangLain', 'bankSampah.pengajuan.pengangkat']);

/** Names of the items in deposit requests. */
function namaJenisPengajuan(trx: Tx, items: PengajuanView[], locale: FastifyRequest['locale']) {
  return namaJenis(
    trx,
    items.flatMap((p) => (p.baris ?? []).map((b) => b.jenisKode)),
    locale,
  );
}

function pengajuanKartu(
  req: FastifyRequest,
  bank: BankRow,
  rights: BankRights,
  p: PengajuanView,
  o: { errors?: FormErrors; forId?: string; alasan?: string; namaJenis?: Map<string, string> },
): SafeHtml {
  const t = req.t;
  const me = userOf(req).id;
  const mine = p.diajukanOlehId === me;
  const errors = o.forId === p.id ? (o.errors ?? {}) : {};
  const action = bankPath(req, bank.id, `/pengajuan/${p.id}/keputusan`);
  const alasanId = `alasan-${p.id}`;
  return html`<li class="card bs-pengajuan">
    <h3>${p.nasabah.nama} <span class="meta">(${p.nasabah.nomor})</span></h3>
    <p class="meta">${t(`bankSampah.op.pengajuan.jenis.${p.jenis}`)}</p>
    <dl class="facts">
      <dt>
        ${t(p.jenis === 'setoran' ? 'bankSampah.op.pengajuan.dikreditkan' : 'bankSampah.op.penarikan.jumlah')}
      </dt>
      <dd><strong>${rp(p.jumlah)}</strong></dd>
      ${
        p.baris
          ? html`<dt>${t('bankSampah.op.pengajuan.baris')}</dt>
              <dd>
                <ul class="bs-pengajuan-baris">
                  ${p.baris.map(
                    (b) =>
                      html`<li>
                        ${o.namaJenis?.get(b.jenisKode) ?? b.jenisKode}
                        (${t(`bankSampah.admin.kondisi.${b.kondisi}`)}): ${formatNumber(Number(b.kuantitas))}
                      </li>`,
                  )}
                </ul>
              </dd>`
          : ''
      }
      <dt>${t('bankSampah.op.pengajuan.status')}</dt>
      <dd>${t(`bankSampah.op.pengajuan.status.${p.status}`)}</dd>
      <dt>${t('bankSampah.op.pengajuan.diajukan')}</dt>
      <dd>${p.diajukanOleh ?? '—'} · ${waktu(t, p.createdAt)}</dd>
      ${
        p.catatan
          ? html`<dt>${t('bankSampah.op.catatan')}</dt>
              <dd>${p.catatan}</dd>`
          : ''
      }
      ${
        p.diputusAt
          ? html`<dt>${t('bankSampah.op.pengajuan.diputus')}</dt>
              <dd>${p.diputusOleh ?? '—'} · ${waktu(t, p.diputusAt)}</dd>`
          : ''
      }
      ${
        p.alasanTolak
          ? html`<dt>${t('bankSampah.op.pengajuan.alasanTolak')}</dt>
              <dd>${p.alasanTolak}</dd>`
          : ''
      }
    </dl>
    ${
      p.jurnalId
        ? html`<p>
            <a href="${bankPath(req, bank.id, `/jurnal/${p.jurnalId}`)}"
              >${t('bankSampah.op.pengajuan.lihatStruk')}</a
            >
          </p>`
        : ''
    }
    ${
      p.status !== 'menunggu'
        ? ''
        : !rights.setujui
          ? html`<p class="meta">${t('bankSampah.op.pengajuan.tungguPejabat')}</p>`
          : mine
            ? html`<p class="meta">${t('bankSampah.pengajuan.orangLain')}</p>`
            : html`<div class="bs-keputusan">
                <form method="post" action="${action}">
                  ${csrfField(req)}
                  <input type="hidden" name="keputusan" value="setuju" />
                  <button type="submit" class="primary">
                    ${t(
                      p.jenis === 'setoran'
                        ? 'bankSampah.op.pengajuan.setujuiSetoran'
                        : 'bankSampah.op.pengajuan.setujui',
                      { jumlah: rp(p.jumlah) },
                    )}
                  </button>
                </form>
                <form method="post" action="${action}" novalidate>
                  ${csrfField(req)}
                  <input type="hidden" name="keputusan" value="tolak" />
                  <div class="field${errors.alasan ? ' has-error' : ''}">
                    <label for="${alasanId}">${t('bankSampah.op.pengajuan.alasanTolakLabel')}</label>
                    <textarea
                      id="${alasanId}"
                      name="alasan"
                      rows="2"
                      maxlength="500"
                      ${errors.alasan ? raw(`aria-invalid="true" aria-describedby="${alasanId}-err"`) : ''}
                    >
${o.forId === p.id ? (o.alasan ?? '') : ''}</textarea>
                    ${errors.alasan ? html`<p class="error" id="${alasanId}-err">${errors.alasan}</p>` : ''}
                  </div>
                  <button type="submit" class="danger">${t('bankSampah.op.pengajuan.tolak')}</button>
                </form>
              </div>`
    }
  </li>`;
}

// ---- Journal table ----

function jurnalRows(req: FastifyRequest, bank: BankRow, items: OperasiView[]): SafeHtml[] {
  const t = req.t;
  return items.map(
    (v) =>
      html`<tr>
        <th scope="row"><a href="${bankPath(req, bank.id, `/jurnal/${v.id}`)}">${String(v.nomor)}</a></th>
        <td>${waktu(t, v.waktu)}</td>
        <td>
          ${v.jenis === 'pembatalan' ? judulStruk(t, v).replace(/ No\. .*$/, '') : jenisLabel(t, v.jenis)}
          ${v.dibatalkan ? html`<br /><span class="tag bs-tag-batal">${t('bankSampah.op.jurnal.dibatalkan')}</span>` : ''}
          ${v.membatalkan ? html`<br /><span class="meta">${t('bankSampah.op.struk.nomor', { nomor: String(v.membatalkan.nomor) })}</span>` : ''}
        </td>
        <td>${v.nasabah ? `${v.nasabah.nama} (${v.nasabah.nomor})` : (v.pembeli?.nama ?? '—')}</td>
        <td class="num">${rp(v.total)}</td>
      </tr>`,
  );
}

function jurnalTable(
  req: FastifyRequest,
  bank: BankRow,
  id: string,
  caption: string,
  items: OperasiView[],
): SafeHtml {
  const t = req.t;
  return tableWrap(
    id,
    caption,
    html`<tr>
      <th scope="col">${t('bankSampah.op.jurnal.nomor')}</th>
      <th scope="col">${t('bankSampah.op.jurnal.waktu')}</th>
      <th scope="col">${t('bankSampah.op.jurnal.jenis')}</th>
      <th scope="col">${t('bankSampah.op.jurnal.pihak')}</th>
      <th scope="col" class="num">${t('bankSampah.op.jurnal.jumlah')}</th>
    </tr>`,
    jurnalRows(req, bank, items),
  );
}

// ---- Passbook ----

function bukuTable(req: FastifyRequest, bank: BankRow, buku: BukuView, linkReceipts: boolean): SafeHtml {
  const t = req.t;
  return html`<div class="bs-tabel">
    ${tableWrap(
      'cap-buku',
      t('bankSampah.op.buku.caption', { nama: buku.nasabah.nama, nomor: buku.nasabah.nomor }),
      html`<tr>
        <th scope="col">${t('bankSampah.op.buku.tanggal')}</th>
        <th scope="col">${t('bankSampah.op.buku.keterangan')}</th>
        <th scope="col" class="num">${t('bankSampah.op.buku.masuk')}</th>
        <th scope="col" class="num">${t('bankSampah.op.buku.keluar')}</th>
        <th scope="col" class="num">${t('bankSampah.op.saldo')}</th>
      </tr>`,
      [
        html`<tr class="bs-saldo-awal">
          <td colspan="4">${t('bankSampah.op.buku.saldoAwal')}</td>
          <td class="num">${rp(buku.saldoAwal)}</td>
        </tr>`,
        ...buku.items.map((b) => {
          const w = waktuPendek(b.waktu);
          const nomor = t('bankSampah.op.struk.nomor', { nomor: String(b.nomor) });
          return html`<tr>
            <td class="bs-tanggal">${w.tanggal}<br /><span class="meta">${w.jam}</span></td>
            <td>
              ${linkReceipts ? html`<a href="${bankPath(req, bank.id, `/jurnal/${b.jurnalId}`)}">${nomor}</a>` : nomor}
              ${jenisBuku(t, b.jenis, b.jenisAsal)}${
                b.keterangan ? html`<br /><span class="meta">${keteranganId(t, b.keterangan)}</span>` : ''
              }
            </td>
            <td class="num">${b.masuk ? rp(b.masuk) : ''}</td>
            <td class="num">${b.keluar ? rp(b.keluar) : ''}</td>
            <td class="num">${rp(b.saldo)}</td>
          </tr>`;
        }),
      ],
    )}
  </div>`;
}

/** The date fields of a filter form and its button. */
function filterTanggal(t: Translator, range: { dari?: string; sampai?: string }): SafeHtml {
  return html`${field({ name: 'dari', label: t('bankSampah.op.filter.dari'), type: 'date', value: range.dari })}
    ${field({ name: 'sampai', label: t('bankSampah.op.filter.sampai'), type: 'date', value: range.sampai })}
    <button type="submit">${t('bankSampah.op.filter.tampilkan')}</button>`;
}

/** Dates of a filter in order (a reversed range is swapped); '' means open. */
function rentang(q: { dari?: string | undefined; sampai?: string | undefined }): {
  dari?: string;
  sampai?: string;
} {
  let dari = q.dari || undefined;
  let sampai = q.sampai || undefined;
  if (dari && sampai && dari > sampai) [dari, sampai] = [sampai, dari];
  return { ...(dari ? { dari } : {}), ...(sampai ? { sampai } : {}) };
}

function kondisiPesan(t: Translator): (field: string) => string {
  return (f) => {
    switch (f) {
      case 'jenisKode':
        return t('bankSampah.op.form.jenisTidakAda');
      case 'kuantitas':
        return t('bankSampah.op.form.kuantitasFormat');
      case 'hargaSatuan':
        return t('bankSampah.op.form.rupiahFormat');
      case 'jumlah':
        return t('bankSampah.jumlah.tidakValid');
      case 'nasabahId':
        return t('bankSampah.nasabah.tidakAda');
      case 'indukId':
        return t('bankSampah.penjualan.indukTidakValid');
      case 'pembeliNama':
        return t('bankSampah.op.penjualan.namaPembeli');
      case 'alasan':
        return t('bankSampah.alasan.wajib');
      default:
        return t('validation.invalid');
    }
  };
}

/** A key already used with other content: a fresh key and a link to what the first use made. */
async function kunciTerpakai(
  req: FastifyRequest,
  bankId: string,
  kunci: string,
): Promise<{ message: string; extra: SafeHtml }> {
  const t = req.t;
  const prior = await cityTx(req, (trx) => hasilKunci(trx, bankId, kunci));
  const href = prior
    ? bankPath(req, bankId, prior.jenis === 'jurnal' ? `/jurnal/${prior.id}` : `/pengajuan/${prior.id}`)
    : null;
  return {
    message: t('bankSampah.op.form.sudahTerkirim'),
    extra: html`<div class="alert alert-info" role="note">
      <p>
        ${t('bankSampah.op.form.sudahTerkirimInfo')}
        ${href ? html`<a href="${href}">${t('bankSampah.op.form.lihatHasil')}</a>` : ''}
      </p>
    </div>`,
  };
}

/** A preview's errors, without "fill in at least one line" (a preview of nothing is fine). */
function tanpaMinimal(t: Translator, errors: FormErrors): FormErrors {
  const only = t('bankSampah.op.form.minimalSatu');
  return Object.keys(errors).length === 1 && errors['baris.0.jenisKode'] === only ? {} : errors;
}

function isBerbeda(err: unknown): boolean {
  return err instanceof HttpProblem && err.titleKey === 'bankSampah.idempotensi.berbeda';
}

const renderNone = async () => null;

type Ulang<R> = (o: { errors?: FormErrors; message?: string; status?: number }) => R;

/**
 * The steps of a form with item lines before it is saved: an unreadable post, one not ready to
 * save (`belumSiap`), "add lines" and "calculate" re-render it; on "save" its errors (and a note
 * over MAX_CATATAN) re-render it with 400. Returns the checked form when it may be saved.
 */
function langkahBaris<C extends { errors: FormErrors }, R>(
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
  if (o.catatan.trim().length > MAX_CATATAN)
    cek.errors.catatan = t('validation.maxLength', { limit: MAX_CATATAN });
  if (Object.keys(cek.errors).length) return { page: o.ulang({ errors: cek.errors, status: 400 }) };
  return { cek };
}

/**
 * Saves an operation through jalankanOperasi (once per key) and redirects to what it made: the
 * receipt, or a withdrawal request awaiting approval. A key already used with other content
 * re-renders the form (`berbeda`) with a fresh key and a link to what the first use made; a
 * ledger refusal re-renders it (`galat`) with its messages, lines mapped to form rows by
 * `rowOf`; anything else is thrown.
 */
async function simpanOperasi<R>(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    bankId: string;
    operasi: OperasiNama;
    kunci: string;
    isi: unknown;
    tulis: (trx: Tx, bank: BankRow, pelaku: Pelaku, id: string) => Promise<Hasil>;
    rowOf: number[];
    berbeda: (u: { message: string; extra: SafeHtml; kunci: string }) => R | Promise<R>;
    galat: (g: { errors: FormErrors; status: number; message: string }, err: unknown) => R | Promise<R>;
  },
) {
  const t = req.t;
  try {
    const r = await jalankanOperasi(req, o.bankId, o.operasi, o.kunci, o.isi, o.tulis, renderNone);
    return reply.redirect(
      bankPath(
        req,
        o.bankId,
        r.hasil.jenis === 'jurnal' ? `/jurnal/${r.hasil.id}?ok=baru` : `/pengajuan/${r.hasil.id}`,
      ),
      303,
    );
  } catch (err) {
    if (isBerbeda(err)) {
      const used = await kunciTerpakai(req, o.bankId, o.kunci);
      return o.berbeda({ ...used, kunci: kunciForm(undefined) });
    }
    const g = galatLedger(t, err, o.rowOf, kondisiPesan(t));
    if (!g) throw err;
    return o.galat(g, err);
  }
}

// ---- Routes ----

export function transaksiPages(app: FastifyInstance, _ctx: ModuleContext): void {
  // A warga's own savings books.
  app.get('/:city/bank-sampah/saya', { schema: { params: CityOnly }, config: user }, async (req, reply) => {
    const t = req.t;
    const me = userOf(req);
    const list = await cityTx(req, (trx) => keanggotaanSaya(trx, me));
    return sendPage(req, reply, {
      title: t('bankSampah.op.saya.title'),
      body: html`<h1>${t('bankSampah.op.saya.title')}</h1>
        ${
          list.length
            ? html`<p class="lead">${t('bankSampah.op.saya.intro')}</p>
                <ul class="cards">
                  ${list.map(
                    (m) =>
                      html`<li class="card">
                        <h2 class="bs-kartu-judul">${m.bankNama}</h2>
                        <dl class="facts">
                          <dt>${t('bankSampah.op.nasabah.nomor')}</dt>
                          <dd>${m.nomor}</dd>
                          <dt>${t('bankSampah.op.nasabah.nama')}</dt>
                          <dd>
                            ${m.nama}${m.aktif ? '' : html` <span class="meta">(${t('bankSampah.op.nasabah.statusNonaktif')})</span>`}
                          </dd>
                          <dt>${t('bankSampah.op.saldo')}</dt>
                          <dd><strong class="bs-uang">${rp(m.saldo)}</strong></dd>
                        </dl>
                        <p>
                          <a class="button" href="${bankPath(req, m.bankId, `/nasabah/${m.nasabahId}/buku`)}"
                            >${t('bankSampah.op.buku.lihat')}<span class="visually-hidden">
                              ${m.bankNama}</span
                            ></a
                          >
                        </p>
                      </li>`,
                  )}
                </ul>`
            : html`<div class="prose">
                <p class="lead">${t('bankSampah.op.saya.kosong')}</p>
                <p>${t('bankSampah.op.saya.caraGabung')}</p>
              </div>`
        }`,
    });
  });

  // The bank's home: actions, today, this month, cash and stock, latest entries.
  app.get(
    '/:city/bank-sampah/:bankId',
    { schema: { params: BankParams }, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId } = req.params as Static<typeof BankParams>;
      const d = await cityTx(req, async (trx) => {
        const { bank, rights } = await bankFor(trx, userOf(req), bankId, 'lihat');
        return {
          bank,
          rights,
          r: await ringkasanBank(trx, bank, req.locale),
          n: await neraca(trx, bank, req.locale),
          latest: await daftarOperasi(trx, bank, { page: 1, perPage: 10 }, req.locale),
        };
      });
      const { bank, rights, r, n } = d;
      const p = (sub: string) => bankPath(req, bank.id, sub);
      const actions = [
        ...(rights.transaksi
          ? [
              { href: p('/setoran'), label: t('bankSampah.op.aksi.setoran'), primary: true },
              { href: p('/penarikan'), label: t('bankSampah.op.aksi.penarikan'), primary: true },
              { href: p('/penjualan'), label: t('bankSampah.op.aksi.penjualan'), primary: false },
            ]
          : []),
        { href: p('/nasabah'), label: t('bankSampah.op.aksi.nasabah'), primary: false },
        { href: p('/harga'), label: t('bankSampah.op.aksi.harga'), primary: false },
        { href: p('/jurnal'), label: t('bankSampah.op.aksi.jurnal'), primary: false },
        ...(rights.setujui || r.pengajuanMenunggu
          ? [
              {
                href: p('/pengajuan'),
                label: t('bankSampah.op.aksi.pengajuan', { count: r.pengajuanMenunggu }),
                primary: false,
              },
            ]
          : []),
        ...(rights.kelola
          ? [{ href: p('/pengaturan'), label: t('bankSampah.op.aksi.pengaturan'), primary: false }]
          : []),
      ];
      return sendPage(req, reply, {
        title: bank.nama,
        body: html`${crumbs(req, bank, [])}
          <h1>${bank.nama}</h1>
          <p class="meta">
            ${bank.kode} ·
            ${t(`bankSampah.op.tingkat.${bank.tingkat}`)}${bank.jam_buka ? ` · ${bank.jam_buka}` : ''}${
              bank.aktif ? '' : html` · <strong>${t('bankSampah.op.bank.statusNonaktif')}</strong>`
            }
          </p>
          <nav aria-label="${t('bankSampah.op.aksi.label')}">
            <ul class="bs-aksi">
              ${actions.map(
                (a) =>
                  html`<li>
                    <a class="button${a.primary ? ' primary' : ''}" href="${a.href}">${a.label}</a>
                  </li>`,
              )}
            </ul>
          </nav>
          ${
            r.pengajuanMenunggu
              ? html`<div class="alert alert-info" role="note">
                  <p>
                    <a href="${p('/pengajuan')}"
                      >${t('bankSampah.op.pengajuan.adaMenunggu', { count: r.pengajuanMenunggu })}</a
                    >
                  </p>
                </div>`
              : ''
          }
          <section aria-labelledby="h-hari-ini">
            <h2 id="h-hari-ini">${t('bankSampah.op.home.hariIni')}</h2>
            <ul class="tiles bs-tiles">
              <li class="tile">
                <span class="value">${formatNumber(r.hariIni.setoran)}</span
                ><span class="label">${t('bankSampah.op.home.setoran')}</span>
              </li>
              <li class="tile">
                <span class="value">${rp(r.hariIni.nilai)}</span
                ><span class="label">${t('bankSampah.op.home.nilaiSetoran')}</span>
              </li>
              <li class="tile">
                <span class="value">${kg(t, r.hariIni.kg)}</span
                ><span class="label">${t('bankSampah.op.home.sampahMasuk')}</span>
              </li>
              <li class="tile">
                <span class="value">${formatNumber(r.hariIni.penarikan)}</span
                ><span class="label">${t('bankSampah.op.home.penarikan')}</span>
              </li>
            </ul>
          </section>
          <section aria-labelledby="h-kas">
            <h2 id="h-kas">${t('bankSampah.op.home.keuangan')}</h2>
            <dl class="facts bs-angka">
              <dt>${t('bankSampah.op.neraca.kas')}</dt>
              <dd>${rp(n.kas)}</dd>
              <dt>${t('bankSampah.op.neraca.tabungan')}</dt>
              <dd>${rp(n.tabungan)}</dd>
              <dt>${t('bankSampah.op.neraca.persediaan')}</dt>
              <dd>${rp(n.persediaan)}</dd>
              ${
                n.piutangInduk || bank.induk_id
                  ? html`<dt>${t('bankSampah.op.neraca.piutangInduk')}</dt>
                      <dd>${rp(n.piutangInduk)}</dd>`
                  : ''
              }
              <dt>${t('bankSampah.op.neraca.pendapatan')}</dt>
              <dd>${rp(n.pendapatan)}</dd>
            </dl>
            ${n.kas < n.tabungan ? html`<p class="meta">${t('bankSampah.op.neraca.kasKurang')}</p>` : ''}
          </section>
          <section aria-labelledby="h-bulan">
            <h2 id="h-bulan">${t('bankSampah.op.home.bulanIni')}</h2>
            <p>${t('bankSampah.op.home.nasabahAktif', { count: r.nasabahAktifBulanIni })}</p>
            ${
              r.kgBulanIni.length
                ? tableWrap(
                    'cap-kategori',
                    t('bankSampah.op.home.kgKategori'),
                    html`<tr>
                      <th scope="col">${t('bankSampah.op.home.kategori')}</th>
                      <th scope="col" class="num">${t('bankSampah.op.home.berat')}</th>
                    </tr>`,
                    r.kgBulanIni.map(
                      (k) =>
                        html`<tr>
                          <th scope="row">${k.nama}</th>
                          <td class="num">${kg(t, k.kg)}</td>
                        </tr>`,
                    ),
                  )
                : html`<p>${t('bankSampah.op.home.belumAdaSetoran')}</p>`
            }
          </section>
          <section aria-labelledby="h-stok">
            <h2 id="h-stok">${t('bankSampah.op.home.stok')}</h2>
            ${
              n.stok.length
                ? tableWrap(
                    'cap-stok',
                    t('bankSampah.op.home.stokCaption'),
                    html`<tr>
                      <th scope="col">${t('bankSampah.op.baris.jenis')}</th>
                      <th scope="col" class="num">${t('bankSampah.op.home.jumlahStok')}</th>
                      <th scope="col" class="num">${t('bankSampah.op.home.nilaiStok')}</th>
                    </tr>`,
                    n.stok.map(
                      (s) =>
                        html`<tr>
                          <th scope="row">${s.nama}</th>
                          <td class="num">${qty(t, s.kuantitas, s.satuan)}</td>
                          <td class="num">${rp(s.nilai)}</td>
                        </tr>`,
                    ),
                  )
                : html`<p>${t('bankSampah.op.home.stokKosong')}</p>`
            }
          </section>
          <section aria-labelledby="h-terbaru">
            <h2 id="h-terbaru">${t('bankSampah.op.home.terbaru')}</h2>
            ${
              d.latest.items.length
                ? html`${jurnalTable(req, bank, 'cap-terbaru', t('bankSampah.op.home.terbaruCaption'), d.latest.items)}
                    <p><a href="${p('/jurnal')}">${t('bankSampah.op.home.semuaJurnal')}</a></p>`
                : html`<p>${t('bankSampah.op.jurnal.kosong')}</p>`
            }
          </section>`,
      });
    },
  );

  // ---- Deposit ----

  app.get(
    '/:city/bank-sampah/:bankId/setoran',
    { schema: { params: BankParams, querystring: PilihQuery }, config: user },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const query = req.query as Static<typeof PilihQuery>;
      const d = await cityTx(req, async (trx) => {
        const m = await muatPilihan(trx, req, bankId, query, false);
        return { ...m, k: m.pilihan.nasabah ? await katalogBank(trx, m.bank, req) : null };
      });
      return (
        jawabPemilih(req, reply, bankPath(req, bankId, '/setoran'), query, d.pilihan) ??
        setoranPage(
          req,
          reply,
          d.bank,
          d.rights,
          d.k ?? { jenis: [], harga: new Map(), kategori: new Map() },
          {
            pilihan: d.pilihan,
            rows: setoranRows([], 0),
            catatan: '',
            kunci: kunciForm(undefined),
            errors: {},
          },
        )
      );
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/setoran',
    { schema: { params: BankParams, body: SetoranForm }, attachValidation: true, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId } = req.params as Static<typeof BankParams>;
      const body = req.body;
      const d = await cityTx(req, async (trx) => {
        const m = await muatPilihan(trx, req, bankId, pilihanForm(body), false);
        return { ...m, k: await katalogBank(trx, m.bank, req) };
      });
      const { bank, rights, k } = d;
      const rows = barisDari(
        body,
        ['jenisKode', 'kondisi', 'kuantitas'],
        MAX_ROWS,
      ) as unknown as SetoranRow[];
      const catatan = nilai(body, 'catatan');
      const aksi = nilai(body, 'aksi') || 'simpan';
      const kunci = kunciForm(body);
      const page = (o: Partial<SetoranState>) =>
        setoranPage(req, reply, bank, rights, k, {
          pilihan: d.pilihan,
          rows: setoranRows(rows, aksi === 'tambah' ? 3 : 1),
          catatan,
          kunci,
          errors: {},
          ...o,
        });
      const nasabah = d.pilihan.nasabah;
      const langkah = langkahBaris(req, {
        aksi,
        catatan,
        periksa: () => periksaSetoran(t, rows, k),
        ulang: page,
        belumSiap: !nasabah,
      });
      if ('page' in langkah) return langkah.page; // also when no member was chosen
      const { cek } = langkah;
      const input = { nasabahId: nasabah!.id, baris: cek.baris, catatan: catatan.trim() || undefined };
      return simpanOperasi(req, reply, {
        bankId,
        operasi: 'setoran',
        kunci,
        isi: input,
        tulis: (trx, b, pelaku, id) => setorkan(trx, pelaku, b, input, id),
        rowOf: cek.rowOf,
        berbeda: (u) => page({ ...u, status: 409 }),
        galat: (g) => page({ errors: g.errors, message: g.message, status: g.status }),
      });
    },
  );

  // ---- Withdrawal ----

  app.get(
    '/:city/bank-sampah/:bankId/penarikan',
    { schema: { params: BankParams, querystring: PilihQuery }, config: user },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const query = req.query as Static<typeof PilihQuery>;
      const d = await cityTx(req, (trx) => muatPilihan(trx, req, bankId, query, true));
      return (
        jawabPemilih(req, reply, bankPath(req, bankId, '/penarikan'), query, d.pilihan) ??
        penarikanPage(req, reply, d.bank, d.rights, {
          pilihan: d.pilihan,
          jumlah: '',
          catatan: '',
          kunci: kunciForm(undefined),
          errors: {},
        })
      );
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/penarikan',
    { schema: { params: BankParams, body: PenarikanForm }, attachValidation: true, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId } = req.params as Static<typeof BankParams>;
      const body = req.body;
      const load = () => cityTx(req, (trx) => muatPilihan(trx, req, bankId, pilihanForm(body), true));
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
      const dibaca = bacaRupiah(jumlahRaw, { positif: true });
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
      return simpanOperasi(req, reply, {
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

  // ---- Withdrawal requests ----

  async function pengajuanList(
    req: FastifyRequest,
    reply: FastifyReply,
    bankId: string,
    o: {
      status?: 'menunggu' | 'disetujui' | 'ditolak' | 'semua';
      ok?: string;
      errors?: FormErrors;
      forId?: string;
      alasan?: string;
      message?: string;
      code?: number;
    },
  ) {
    const t = req.t;
    const status = o.status ?? 'menunggu';
    const d = await cityTx(req, async (trx) => {
      const { bank, rights } = await bankFor(trx, userOf(req), bankId, 'lihat');
      const items = await daftarPengajuan(trx, bank, status === 'semua' ? {} : { status });
      return { bank, rights, items, namaJenis: await namaJenisPengajuan(trx, items, req.locale) };
    });
    const p = (s: string) => bankPath(req, bankId, `/pengajuan${queryString({ status: s })}`);
    return sendPage(req, reply, {
      title: t('bankSampah.op.pengajuan.title'),
      status: o.code ?? 200,
      body: html`${crumbs(req, d.bank, [{ label: t('bankSampah.op.pengajuan.title') }])}
        <h1>${t('bankSampah.op.pengajuan.title')}</h1>
        ${o.ok ? flash(t(`bankSampah.op.pengajuan.ok.${o.ok}`)) : ''}
        ${o.message ? errorSummary(t, {}, o.message) : ''}
        <p class="lead">${t('bankSampah.op.pengajuan.intro')}</p>
        <nav aria-label="${t('bankSampah.op.pengajuan.filter')}">
          <ul class="tags bs-filter-status">
            ${(['menunggu', 'disetujui', 'ditolak', 'semua'] as const).map(
              (s) =>
                html`<li>
                  <a class="tag" href="${p(s)}" ${s === status ? raw('aria-current="page"') : ''}
                    >${t(`bankSampah.op.pengajuan.status.${s}`)}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        ${
          d.items.length
            ? html`<ul class="cards bs-daftar-pengajuan">
                ${d.items.map((x) =>
                  pengajuanKartu(req, d.bank, d.rights, x, {
                    namaJenis: d.namaJenis,
                    ...(o.errors ? { errors: o.errors } : {}),
                    ...(o.forId ? { forId: o.forId } : {}),
                    ...(o.alasan !== undefined ? { alasan: o.alasan } : {}),
                  }),
                )}
              </ul>`
            : html`<p>${t('bankSampah.op.pengajuan.kosong')}</p>`
        }`,
    });
  }

  app.get(
    '/:city/bank-sampah/:bankId/pengajuan',
    { schema: { params: BankParams, querystring: PengajuanQuery }, config: user },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const q = req.query as Static<typeof PengajuanQuery>;
      return pengajuanList(req, reply, bankId, {
        ...(q.status ? { status: q.status } : {}),
        ...(q.ok ? { ok: q.ok } : {}),
      });
    },
  );

  // One request: "waiting for approval" right after asking, or its outcome.
  app.get(
    '/:city/bank-sampah/:bankId/pengajuan/:id',
    { schema: { params: PengajuanParams }, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId, id } = req.params as Static<typeof PengajuanParams>;
      const d = await cityTx(req, async (trx) => {
        const { bank, rights } = await bankFor(trx, userOf(req), bankId, 'lihat');
        const p = await getPengajuan(trx, bank, id);
        return { bank, rights, p, namaJenis: await namaJenisPengajuan(trx, [p], req.locale) };
      });
      const title =
        d.p.status === 'menunggu'
          ? t('bankSampah.op.pengajuan.menungguTitle')
          : t(`bankSampah.op.pengajuan.status.${d.p.status}`);
      return sendPage(req, reply, {
        title,
        body: html`${crumbs(req, d.bank, [
            { href: bankPath(req, bankId, '/pengajuan'), label: t('bankSampah.op.pengajuan.title') },
            { label: title },
          ])}
          <h1>${title}</h1>
          ${
            d.p.status === 'menunggu'
              ? html`<div class="alert alert-info" role="status">
                  <p>
                    ${
                      d.p.jenis === 'setoran'
                        ? t('bankSampah.op.pengajuan.menungguInfoSetoran', {
                            kg: formatNumber(Number(d.bank.batas_baris_kg)),
                            batas: rp(d.bank.batas_setoran),
                          })
                        : t('bankSampah.op.pengajuan.menungguInfo', {
                            ambang: d.bank.ambang_persetujuan !== null ? rp(d.bank.ambang_persetujuan) : '—',
                          })
                    }
                  </p>
                </div>`
              : ''
          }
          <ul class="cards bs-daftar-pengajuan">
            ${pengajuanKartu(req, d.bank, d.rights, d.p, { namaJenis: d.namaJenis })}
          </ul>
          <p><a href="${bankPath(req, bankId, '/pengajuan')}">${t('bankSampah.op.pengajuan.semua')}</a></p>`,
      });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/pengajuan/:id/keputusan',
    { schema: { params: PengajuanParams, body: KeputusanForm }, attachValidation: true, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId, id } = req.params as Static<typeof PengajuanParams>;
      const body = req.body;
      const keputusan = nilai(body, 'keputusan');
      const alasan = nilai(body, 'alasan').trim();
      if (req.validationError || (keputusan !== 'setuju' && keputusan !== 'tolak'))
        return pengajuanList(req, reply, bankId, {
          message: t('bankSampah.op.form.tidakTerbaca'),
          code: 400,
        });
      if (keputusan === 'tolak' && (alasan.length < 5 || alasan.length > 500))
        return pengajuanList(req, reply, bankId, {
          errors: { alasan: t('bankSampah.alasan.wajib') },
          forId: id,
          alasan,
          message: t('form.hasErrors'),
          code: 400,
        });
      const me = userOf(req);
      try {
        const r = await cityTx(req, async (trx) => {
          const { bank } = await bankFor(trx, me, bankId, 'setujui');
          return putuskanPengajuan(trx, { user: me, locale: req.locale }, bank, id, {
            setuju: keputusan === 'setuju',
            ...(keputusan === 'tolak' ? { alasan } : {}),
          });
        });
        return reply.redirect(
          r.jurnalId
            ? bankPath(req, bankId, `/jurnal/${r.jurnalId}?ok=baru`)
            : bankPath(req, bankId, '/pengajuan?ok=ditolak'),
          303,
        );
      } catch (err) {
        if (!(err instanceof HttpProblem) || err.status === 404 || err.status === 401) throw err;
        if (err.status === 403 && !PENGAJUAN_DITOLAK_403.has(err.titleKey)) throw err;
        return pengajuanList(req, reply, bankId, { message: t(err.titleKey, err.params), code: err.status });
      }
    },
  );

  // ---- Sale ----

  async function penjualanData(
    trx: Tx,
    req: FastifyRequest,
    bank: BankRow,
    indukId: string,
  ): Promise<PenjualanData> {
    const [n, induk] = await Promise.all([neraca(trx, bank, req.locale), daftarIndukAktif(trx, bank.id)]);
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
  function muatPenjualan(req: FastifyRequest, bankId: string, indukId: string) {
    return cityTx(req, async (trx) => {
      const { bank } = await bankFor(trx, userOf(req), bankId, 'transaksi');
      return { bank, d: await penjualanData(trx, req, bank, indukId) };
    });
  }

  const penjualanRows = (rows: PenjualanRow[], extra: number) =>
    rowsFor(rows, extra, 3, { jenisKode: '', kuantitas: '', hargaSatuan: '' }, (x) =>
      Boolean(x.jenisKode.trim() || x.kuantitas.trim() || x.hargaSatuan.trim()),
    );

  app.get(
    '/:city/bank-sampah/:bankId/penjualan',
    { schema: { params: BankParams }, config: user },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const r = await cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), bankId, 'transaksi');
        const induk = await daftarIndukAktif(trx, bank.id);
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
      const { bankId } = req.params as Static<typeof BankParams>;
      const body = req.body;
      const pembeli = nilai(body, 'pembeli') === 'induk' ? 'induk' : 'pengepul';
      const indukId = nilai(body, 'indukId');
      const indukDipilih = pembeli === 'induk' ? indukId : '';
      const r = await muatPenjualan(req, bankId, indukDipilih);
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
      const langkah = langkahBaris(req, {
        aksi,
        catatan: s.catatan,
        periksa: () => periksaPenjualan(t, s, r.d),
        ulang: (o) => penjualanPage(req, reply, r.bank, r.d, { ...s, ...o }),
      });
      if ('page' in langkah) return langkah.page;
      const { cek } = langkah;
      const input = cek.input;
      return simpanOperasi(req, reply, {
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
          const fresh = await muatPenjualan(req, bankId, indukDipilih);
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

  // ---- Journal ----

  app.get(
    '/:city/bank-sampah/:bankId/jurnal',
    { schema: { params: BankParams, querystring: JurnalQuery }, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId } = req.params as Static<typeof BankParams>;
      const q = req.query as Static<typeof JurnalQuery>;
      const jenis = q.jenis || undefined;
      const range = rentang(q);
      const page = q.page ?? 1;
      const perPage = 25;
      const d = await cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), bankId, 'lihat');
        return { bank, list: await daftarOperasi(trx, bank, { jenis, ...range, page, perPage }, req.locale) };
      });
      const pages = Math.max(1, Math.ceil(d.list.total / perPage));
      const filters = { jenis, ...range };
      return sendPage(req, reply, {
        title: t('bankSampah.op.jurnal.title'),
        body: html`${crumbs(req, d.bank, [{ label: t('bankSampah.op.jurnal.title') }])}
          <h1>${t('bankSampah.op.jurnal.title')}</h1>
          <form
            method="get"
            action="${bankPath(req, bankId, '/jurnal')}"
            class="filters"
            role="search"
            aria-label="${t('bankSampah.op.jurnal.saring')}"
          >
            ${selectField({
              name: 'jenis',
              label: t('bankSampah.op.jurnal.jenis'),
              options: html`${option('', t('bankSampah.op.jurnal.semuaJenis'), jenis ?? '')}
              ${(['setoran', 'penarikan', 'penjualan', 'pembatalan'] as const).map((j) => option(j, jenisLabel(t, j), jenis))}`,
            })}
            ${filterTanggal(t, range)}
          </form>
          <p role="status">${t('bankSampah.op.jurnal.ditemukan', { count: d.list.total })}</p>
          ${
            d.list.items.length
              ? html`${jurnalTable(req, d.bank, 'cap-jurnal', t('bankSampah.op.jurnal.caption', { page, pages }), d.list.items)}
                ${pagination(t, t('bankSampah.op.jurnal.halaman'), page, pages, (pg) =>
                  bankPath(req, bankId, `/jurnal${queryString({ ...filters, page: pg })}`),
                )}`
              : html`<p>${t('bankSampah.op.jurnal.kosong')}</p>`
          }`,
      });
    },
  );

  async function strukData(req: FastifyRequest, bankId: string, jurnalId: string) {
    return cityTx(req, async (trx) => {
      const { bank, rights } = await bankFor(trx, userOf(req), bankId, 'lihat');
      return { bank, rights, v: await getOperasi(trx, bank, jurnalId, req.locale) };
    });
  }

  app.get(
    '/:city/bank-sampah/:bankId/jurnal/:jurnalId',
    { schema: { params: JurnalParams, querystring: OkQuery }, config: user },
    async (req, reply) => {
      const { bankId, jurnalId } = req.params as Static<typeof JurnalParams>;
      const q = req.query as Static<typeof OkQuery>;
      const d = await strukData(req, bankId, jurnalId);
      return strukPage(req, reply, d.bank, d.rights, d.v, {
        ok: q.ok === 'baru',
        kunci: kunciForm(undefined),
        alasan: '',
        errors: {},
      });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/jurnal/:jurnalId/pembatalan',
    { schema: { params: JurnalParams, body: PembatalanForm }, attachValidation: true, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId, jurnalId } = req.params as Static<typeof JurnalParams>;
      const body = req.body;
      const alasan = nilai(body, 'alasan').trim();
      const kunci = kunciForm(body);
      const again = async (o: Partial<StrukState>) => {
        const d = await strukData(req, bankId, jurnalId);
        return strukPage(req, reply, d.bank, d.rights, d.v, { kunci, alasan, errors: {}, ...o });
      };
      if (req.validationError) return again({ message: t('bankSampah.op.form.tidakTerbaca'), status: 400 });
      const errors: FormErrors = {};
      if (alasan.length < 5 || alasan.length > 500) errors.alasan = t('bankSampah.alasan.wajib');
      if (nilai(body, 'yakin') !== '1') errors.yakin = t('bankSampah.op.pembatalan.yakinWajib');
      if (Object.keys(errors).length) return again({ errors, status: 400 });
      return simpanOperasi(req, reply, {
        bankId,
        operasi: 'pembatalan',
        kunci,
        isi: { jurnalId, alasan },
        tulis: async (trx, b, pelaku, id) => ({
          jenis: 'jurnal',
          id: await batalkan(trx, pelaku, b, jurnalId, alasan, id),
        }),
        rowOf: [],
        berbeda: (u) => again({ message: u.message, kunci: u.kunci, status: 409 }),
        galat: (g) => again({ errors: g.errors, message: g.message, status: g.status }),
      });
    },
  );

  // ---- Passbook ----

  async function bukuData(
    req: FastifyRequest,
    bankId: string,
    nasabahId: string,
    range: { dari?: string; sampai?: string },
  ) {
    return cityTx(req, async (trx) => {
      const buku = await bukuUntuk(trx, req, bankId, nasabahId, range);
      const bank = await findBank(trx, bankId);
      if (!bank) throw new HttpProblem(404, 'error.notFound');
      return { buku, bank, rights: await rightsFor(trx, req.user, bank) };
    });
  }

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId/buku',
    { schema: { params: NasabahParams, querystring: BukuQuery }, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId, nasabahId } = req.params as Static<typeof NasabahParams>;
      const range = rentang(req.query as Static<typeof BukuQuery>);
      const { buku, bank, rights } = await bukuData(req, bankId, nasabahId, range);
      const officer = rights.lihat;
      const self = bankPath(req, bankId, `/nasabah/${nasabahId}/buku`);
      const title = t('bankSampah.op.buku.title');
      return sendPage(req, reply, {
        title: `${title} · ${buku.nasabah.nama}`,
        body: html`${
            officer
              ? crumbs(req, bank, [
                  { href: bankPath(req, bankId, '/nasabah'), label: t('bankSampah.op.aksi.nasabah') },
                  { href: bankPath(req, bankId, `/nasabah/${nasabahId}`), label: buku.nasabah.nama },
                  { label: title },
                ])
              : breadcrumbs(t('bankSampah.op.crumbs'), [
                  { href: cityPath(req, '/bank-sampah/saya'), label: t('bankSampah.op.saya.title') },
                  { label: title },
                ])
          }
          <h1>${title}</h1>
          <dl class="facts">
            <dt>${t('bankSampah.op.nasabah.nama')}</dt>
            <dd>${buku.nasabah.nama}</dd>
            <dt>${t('bankSampah.op.nasabah.nomor')}</dt>
            <dd>${buku.nasabah.nomor}</dd>
            <dt>${t('bankSampah.op.bank')}</dt>
            <dd>${bank.nama}</dd>
            <dt>${t('bankSampah.op.saldo')}</dt>
            <dd><strong class="bs-uang">${rp(buku.saldo)}</strong></dd>
          </dl>
          <form
            method="get"
            action="${self}"
            class="filters"
            role="search"
            aria-label="${t('bankSampah.op.buku.saring')}"
          >
            ${filterTanggal(t, range)}
          </form>
          <p class="bs-tombol">
            <a class="button" href="${self}.pdf${queryString(range)}">${t('bankSampah.op.buku.unduhPdf')}</a>
            ${
              rights.transaksi
                ? html`<a
                      class="button primary"
                      href="${bankPath(req, bankId, `/setoran?nasabah=${nasabahId}`)}"
                      >${t('bankSampah.op.aksi.setoran')}</a
                    >
                    <a class="button" href="${bankPath(req, bankId, `/penarikan?nasabah=${nasabahId}`)}"
                      >${t('bankSampah.op.aksi.penarikan')}</a
                    >`
                : ''
            }
          </p>
          ${
            buku.items.length || buku.saldoAwal
              ? bukuTable(req, bank, buku, officer)
              : html`<p>${t('bankSampah.op.buku.kosong')}</p>`
          }`,
      });
    },
  );

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId/buku.pdf',
    { schema: { params: NasabahParams, querystring: BukuQuery }, config: user },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params as Static<typeof NasabahParams>;
      const range = rentang(req.query as Static<typeof BukuQuery>);
      const { buku, bank } = await bukuData(req, bankId, nasabahId, range);
      const pdf = await bukuPdf({
        t: req.t,
        kota: cityOf(req).name,
        bank: { nama: bank.nama, kode: bank.kode },
        buku,
        ...range,
        dicetak: new Date(),
      });
      const name = `buku-tabungan-${buku.nasabah.nomor.replace(/[^A-Za-z0-9-]/g, '')}${range.dari ? `-${range.dari}` : ''}${range.sampai ? `-${range.sampai}` : ''}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
