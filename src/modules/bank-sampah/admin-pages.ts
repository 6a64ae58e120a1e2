/**
 * The administration pages of bank sampah (server-rendered, work without JavaScript): the list
 * of banks, a new bank and its settings, pengurus, members (list, registration, member page with
 * the masked phone and NIK and the audited full-NIK action, edit), the bank's own items and its
 * price list with history. The printable member card is in kartu.ts. Forms post back, re-render
 * with errors next to their fields, and redirect after a successful change.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { daftarKategori } from './katalog-nama.ts';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../platform/module.ts';
import { cityTx, userOf } from '../../platform/http/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { bacaRupiah } from '../../platform/angka.ts';
import { CityParams } from '../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../platform/web/html.ts';
import {
  breadcrumbs,
  formValues,
  groupedOptions,
  option,
  pagination,
  queryString,
  selectField,
  submitForm,
  tableWrap,
  type FormErrors,
  type FormValues,
} from '../../platform/web/components.ts';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatRupiah,
  type Translator,
} from '../../platform/i18n/index.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import type { BankRights } from './access.ts';
import {
  LEMBAGA,
  JABATAN,
  adaBankUntuk,
  bacaNik,
  bankForEdit,
  bolehBacaNik,
  cariPengguna,
  createBank,
  getBank,
  getNasabah,
  hapusPengurus,
  kelurahanGroups,
  kelurahanTerlihat,
  kelurahanUntukBankBaru,
  listBanks,
  listInduk,
  listNasabah,
  listPengurus,
  nasabahForEdit,
  registerNasabah,
  suggestKode,
  tambahPengurus,
  updateBank,
  updateNasabah,
  type BankDetail,
  type BankInput,
  type BankView,
  type KelurahanGroups,
  type NasabahInput,
  type NasabahView,
} from './admin-service.ts';
import {
  KONDISI,
  SATUAN,
  daftarHarga,
  listJenis,
  riwayatHarga,
  setHarga,
  tambahJenis,
  type HargaKini,
  type HargaRiwayat,
} from './katalog-admin.ts';
import { KELOLA } from './permissions.ts';
import {
  BankForm,
  BankParams,
  CsrfForm,
  HargaForm,
  JenisForm,
  NasabahForm,
  NasabahParams,
  NikForm,
  PengurusForm,
  PengurusParams,
} from './admin-schemas.ts';
import { kartuPage } from './kartu.ts';
import { nomor3 } from '../wilayah/service.ts';

type Values = FormValues;
type Errors = FormErrors;

const forUser = { access: 'user' } as const;
const kelola = { access: { permission: KELOLA } } as const;

// ---- Shared bits ----

/** "1.000.000" or "1000000" (read as rupiah are) -> 1000000; "" -> null; anything else NaN (the service reports it). */
function intOf(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  if (v.trim() === '') return null;
  const r = bacaRupiah(v, { max: 999_999_999_999 });
  return r.ok ? r.nilai : Number.NaN;
}

const orNull = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? null : v);

const rupiah = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatRupiah(n));

function checkbox(o: { name: string; label: string; checked: boolean; hint?: string }): SafeHtml {
  const id = `f-${o.name}`;
  return html`<div class="field">
    <label
      ><input
        type="checkbox"
        id="${id}"
        name="${o.name}"
        value="1"
        ${o.checked ? raw('checked') : ''}
        ${o.hint ? html`aria-describedby="${id}-hint"` : ''}
      />
      ${o.label}</label
    >
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
  </div>`;
}

function kelurahanOptions(
  t: Translator,
  groups: KelurahanGroups,
  selected: string | undefined,
  emptyLabel: string,
): SafeHtml {
  return groupedOptions(
    emptyLabel,
    groups.map((g) => ({
      label: t('bankSampah.admin.kecamatanNama', { nama: g.nama }),
      options: g.kelurahan.map((k) => ({ value: k.kode, label: k.nama })),
    })),
    selected,
  );
}

/** Where a bank is, in words: "RW 001, Kel. Sukaraja", "Sekolah, Kel. …", "Induk (kota)". */
export function tempatBank(t: Translator, b: BankView): string {
  if (b.tingkat === 'induk')
    return b.kelurahanNama
      ? t('bankSampah.admin.tempat.indukDi', { kelurahan: b.kelurahanNama })
      : t('bankSampah.admin.tempat.induk');
  const kel = b.kelurahanNama ?? '';
  if (b.lembaga === 'rw')
    return t('bankSampah.admin.tempat.rw', {
      rw: b.rwNomor !== null ? nomor3(b.rwNomor) : '—',
      kelurahan: kel,
    });
  return t('bankSampah.admin.tempat.lembaga', {
    lembaga: t(`bankSampah.admin.lembaga.${b.lembaga}`),
    kelurahan: kel,
  });
}

/** The trail above a bank's pages: Bank sampah / <bank> / … */
function bankCrumbs(
  req: FastifyRequest,
  bank: { id: string; nama: string },
  rest: { href?: string; label: string }[],
) {
  const t = req.t;
  return breadcrumbs(t('bankSampah.admin.breadcrumbs'), [
    { href: cityPath(req, '/bank-sampah'), label: t('bankSampah.nav.bank') },
    { href: cityPath(req, `/bank-sampah/${bank.id}`), label: bank.nama },
    ...rest,
  ]);
}

/**
 * The links between a bank's pages (home, members, prices, items, pengurus, settings), the
 * current one marked. Usable by every page of a bank.
 */
export function bankMenu(
  req: FastifyRequest,
  bank: { id: string },
  hak: BankRights,
  current: 'beranda' | 'nasabah' | 'harga' | 'jenis' | 'pengurus' | 'pengaturan' | null,
): SafeHtml {
  const t = req.t;
  const items: { key: typeof current; path: string; label: string }[] = [
    { key: 'beranda', path: '', label: t('bankSampah.admin.menu.beranda') },
    { key: 'nasabah', path: '/nasabah', label: t('bankSampah.admin.menu.nasabah') },
    { key: 'harga', path: '/harga', label: t('bankSampah.admin.menu.harga') },
    { key: 'jenis', path: '/jenis', label: t('bankSampah.admin.menu.jenis') },
    { key: 'pengurus', path: '/pengurus', label: t('bankSampah.admin.menu.pengurus') },
    ...(hak.kelola
      ? [{ key: 'pengaturan' as const, path: '/pengaturan', label: t('bankSampah.admin.menu.pengaturan') }]
      : []),
  ];
  return html`<nav class="bank-menu" aria-label="${t('bankSampah.admin.menu.label')}">
    <ul class="tags">
      ${items.map(
        (i) =>
          html`<li>
            <a
              class="tag"
              href="${cityPath(req, `/bank-sampah/${bank.id}${i.path}`)}"
              ${i.key === current ? raw('aria-current="page"') : ''}
              >${i.label}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

const OkQuery = (...oks: string[]) =>
  Type.Object(
    { ok: Type.Optional(Type.Union(oks.map((o) => Type.Literal(o)))) },
    { additionalProperties: false },
  );

// ---- Forms to service input ----

function bankInputFrom(b: Static<typeof BankForm>, o: { creating: boolean; mayMove: boolean }): BankInput {
  const input: BankInput = {
    nama: b.nama ?? '',
    alamat: orNull(b.alamat) ?? null,
    jamBuka: orNull(b.jamBuka) ?? null,
    telepon: orNull(b.telepon) ?? null,
    ambangPersetujuan: intOf(b.ambangPersetujuan) ?? null,
    batasBarisKg: orNull(b.batasBarisKg) ?? null,
    batasSetoran: intOf(b.batasSetoran) ?? null,
    bagiHasilPersen: b.bagiHasilPersen?.trim() || 0,
    indukId: orNull(b.indukId) ?? null,
    warisiHargaInduk: b.warisiHargaInduk === '1',
  };
  if (o.creating) {
    input.tingkat = (b.tingkat || 'unit') as BankInput['tingkat'];
    input.kode = orNull(b.kode) ?? null;
  } else {
    input.aktif = b.aktif === '1';
  }
  // Only the place fields the form showed (an induk's form has no RW).
  if (o.mayMove) {
    if (b.lembaga) input.lembaga = b.lembaga as BankInput['lembaga'];
    if (b.kelurahanKode !== undefined) input.kelurahanKode = orNull(b.kelurahanKode) ?? null;
    if (b.rwNomor !== undefined) input.rwNomor = intOf(b.rwNomor) ?? null;
  }
  return input;
}

function nasabahInputFrom(b: Static<typeof NasabahForm>, creating: boolean): NasabahInput {
  const rwNomor = intOf(b.rwNomor);
  const input: NasabahInput = {
    jenis: (b.jenis || 'rumah_tangga') as NasabahInput['jenis'],
    nama: b.nama ?? '',
    alamat: orNull(b.alamat) ?? null,
    telepon: orNull(b.telepon) ?? null,
    nikTujuan: orNull(b.nikTujuan) ?? null,
    userEmail: orNull(b.userEmail)?.trim() ?? null,
  };
  if (rwNomor !== null && rwNomor !== undefined) {
    input.rwNomor = rwNomor;
    input.kelurahanKode = orNull(b.kelurahanKode) ?? null;
  } else if (!creating) {
    input.rwNomor = null;
  }
  const nik = orNull(b.nik)?.replace(/\s/g, '');
  if (creating) {
    input.nomor = orNull(b.nomor) ?? null;
    input.nik = nik ?? null;
  } else {
    if (b.hapusNik === '1') input.nik = null;
    else if (nik) input.nik = nik;
    input.aktif = b.aktif === '1';
  }
  return input;
}

const BANK_FIELDS = [
  'tingkat',
  'lembaga',
  'kelurahanKode',
  'rwNomor',
  'kode',
  'nama',
  'alamat',
  'jamBuka',
  'telepon',
  'ambangPersetujuan',
  'batasBarisKg',
  'batasSetoran',
  'bagiHasilPersen',
  'indukId',
  'warisiHargaInduk',
  'aktif',
];
const NASABAH_FIELDS = [
  'jenis',
  'nomor',
  'nama',
  'kelurahanKode',
  'rwNomor',
  'alamat',
  'telepon',
  'nik',
  'nikTujuan',
  'hapusNik',
  'userEmail',
  'aktif',
];

/** Today's date in WIB, YYYY-MM-DD. */
function todayWib(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function adminPages(app: FastifyInstance, ctx: ModuleContext): void {
  const dataKey = ctx.config.dataKey;

  // ---- Bank list ----

  const BankListQuery = Type.Object(
    {
      kecamatan: Type.Optional(Type.String({ maxLength: 30 })),
      kelurahan: Type.Optional(Type.String({ maxLength: 30 })),
      q: Type.Optional(Type.String({ maxLength: 100 })),
      page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    },
    { additionalProperties: false },
  );

  app.get(
    '/:city/bank-sampah',
    { schema: { params: CityParams, querystring: BankListQuery }, config: forUser },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const q = req.query as Static<typeof BankListQuery>;
      const filters = {
        kecamatan: /^\d{2}\.\d{2}\.\d{2}$/.test(q.kecamatan ?? '') ? q.kecamatan : undefined,
        kelurahan: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(q.kelurahan ?? '') ? q.kelurahan : undefined,
        q: q.q?.trim() || undefined,
      };
      const page = q.page ?? 1;
      const perPage = 50;
      const data = await cityTx(req, async (trx) => {
        if (!(await adaBankUntuk(trx, user))) return null;
        return {
          list: await listBanks(trx, user, { ...filters, page, perPage }),
          regions: await kelurahanTerlihat(trx, user),
        };
      });
      if (!data) return reply.redirect(cityPath(req, '/bank-sampah/saya'), 303);
      const { list, regions } = data;
      const pages = Math.max(1, Math.ceil(list.total / perPage));
      return sendPage(req, reply, {
        title: t('bankSampah.admin.bank.listTitle'),
        body: html`<h1>${t('bankSampah.admin.bank.listTitle')}</h1>
          <p class="lead">${t('bankSampah.admin.bank.listIntro')}</p>
          ${
            can(user, KELOLA)
              ? html`<p>
                  <a class="button primary" href="${cityPath(req, '/bank-sampah/baru')}"
                    >${t('bankSampah.admin.bank.add')}</a
                  >
                </p>`
              : ''
          }
          <form
            method="get"
            action="${cityPath(req, '/bank-sampah')}"
            class="filters"
            role="search"
            aria-label="${t('bankSampah.admin.bank.search')}"
          >
            ${selectField({
              name: 'kecamatan',
              label: t('bankSampah.admin.kecamatan'),
              options: html`${option('', t('bankSampah.admin.semua'), filters.kecamatan ?? '')}
              ${regions.map((g) => option(g.kode, g.nama, filters.kecamatan))}`,
            })}
            ${selectField({
              name: 'kelurahan',
              label: t('bankSampah.admin.kelurahan'),
              options: kelurahanOptions(t, regions, filters.kelurahan, t('bankSampah.admin.semua')),
            })}
            ${field({ name: 'q', label: t('bankSampah.admin.bank.searchLabel'), type: 'search', value: filters.q })}
            <button type="submit">${t('bankSampah.admin.tampilkan')}</button>
          </form>
          <p role="status">${t('bankSampah.admin.bank.found', { count: list.total })}</p>
          ${
            list.items.length
              ? html`${tableWrap(
                  'cap-bank',
                  t('bankSampah.admin.bank.listCaption', { page, pages }),
                  html`<tr>
                    <th scope="col">${t('bankSampah.admin.bank.nama')}</th>
                    <th scope="col">${t('bankSampah.admin.bank.kode')}</th>
                    <th scope="col">${t('bankSampah.admin.bank.tempat')}</th>
                    <th scope="col">${t('bankSampah.admin.kecamatan')}</th>
                    <th scope="col" class="num">${t('bankSampah.admin.bank.jumlahNasabah')}</th>
                    <th scope="col">${t('bankSampah.admin.status')}</th>
                  </tr>`,
                  list.items.map(
                    (b) =>
                      html`<tr>
                        <th scope="row"><a href="${cityPath(req, `/bank-sampah/${b.id}`)}">${b.nama}</a></th>
                        <td>${b.kode}</td>
                        <td>${tempatBank(t, b)}</td>
                        <td>${b.kecamatanNama ?? '—'}</td>
                        <td class="num">${formatNumber(b.jumlahNasabah)}</td>
                        <td>
                          ${b.tingkat === 'induk' ? html`<span class="tag">${t('bankSampah.admin.tingkat.induk')}</span>` : ''}
                          ${b.aktif ? '' : html`<span class="tag">${t('bankSampah.admin.nonaktif')}</span>`}
                          ${b.demo ? html`<span class="tag">${t('bankSampah.admin.demo')}</span>` : ''}
                          ${b.aktif && b.tingkat === 'unit' && !b.demo ? t('bankSampah.admin.aktif') : ''}
                        </td>
                      </tr>`,
                  ),
                )}
                ${pagination(t, t('bankSampah.admin.pagination'), page, pages, (p) =>
                  cityPath(req, `/bank-sampah${queryString({ ...filters, page: p })}`),
                )}`
              : html`<p>${t('bankSampah.admin.bank.none')}</p>`
          }`,
      });
    },
  );

  // ---- New bank and settings ----

  interface BankFormData {
    groups: KelurahanGroups;
    induk: { id: string; kode: string; nama: string; aktif: boolean }[];
    saran: { unit: string; induk: string };
  }

  async function bankFormData(req: FastifyRequest, current?: BankView): Promise<BankFormData> {
    const user = userOf(req);
    return cityTx(req, async (trx) => {
      const groups = await kelurahanUntukBankBaru(trx, user);
      // The bank's own kelurahan stays selectable even outside the user's areas.
      if (
        current?.kelurahanKode &&
        !groups.some((g) => g.kelurahan.some((k) => k.kode === current.kelurahanKode))
      ) {
        const all = await kelurahanGroups(trx, user.tenantId, (k) => k === current.kelurahanKode);
        groups.push(...all);
      }
      return {
        groups,
        induk: (await listInduk(trx)).filter((b) => b.id !== current?.id),
        saran: { unit: await suggestKode(trx, 'unit'), induk: await suggestKode(trx, 'induk') },
      };
    });
  }

  function bankFields(
    req: FastifyRequest,
    d: BankFormData,
    v: Values,
    e: Errors,
    o: { creating: boolean; mayMove: boolean; tingkat: 'unit' | 'induk'; mayInduk: boolean },
  ): SafeHtml {
    const t = req.t;
    const place = o.mayMove
      ? html`<fieldset>
          <legend>${t('bankSampah.admin.bank.tempatLegend')}</legend>
          ${
            o.tingkat === 'unit' || o.creating
              ? selectField({
                  name: 'lembaga',
                  label: t('bankSampah.admin.bank.lembaga'),
                  error: e.lembaga,
                  hint: o.creating ? t('bankSampah.admin.bank.lembagaHint') : undefined,
                  options: LEMBAGA.map((l) =>
                    option(l, t(`bankSampah.admin.lembaga.${l}`), v.lembaga || 'rw'),
                  ),
                })
              : ''
          }
          ${selectField({
            name: 'kelurahanKode',
            label: t('bankSampah.admin.kelurahan'),
            required: o.tingkat === 'unit',
            error: e.kelurahanKode,
            options: kelurahanOptions(t, d.groups, v.kelurahanKode, t('bankSampah.admin.pilihKelurahan')),
          })}
          ${
            o.tingkat === 'unit' || o.creating
              ? field({
                  name: 'rwNomor',
                  label: t('bankSampah.admin.bank.rwNomor'),
                  type: 'number',
                  value: v.rwNomor,
                  error: e.rwNomor ?? e.rwId,
                  hint: t('bankSampah.admin.bank.rwNomorHint'),
                  attrs: html`min="1" max="999" inputmode="numeric"`,
                })
              : ''
          }
        </fieldset>`
      : '';
    return html`${
      o.creating
        ? html`${
            o.mayInduk
              ? selectField({
                  name: 'tingkat',
                  label: t('bankSampah.admin.bank.tingkat'),
                  error: e.tingkat,
                  hint: t('bankSampah.admin.bank.tingkatHint'),
                  options: html`${option('unit', t('bankSampah.admin.tingkat.unit'), v.tingkat || 'unit')}
                  ${option('induk', t('bankSampah.admin.tingkat.induk'), v.tingkat)}`,
                })
              : ''
          }
          ${field({ name: 'nama', label: t('bankSampah.admin.bank.nama'), value: v.nama, required: true, error: e.nama, hint: t('bankSampah.admin.bank.namaHint') })}
          ${field({ name: 'kode', label: t('bankSampah.admin.bank.kode'), value: v.kode, error: e.kode, hint: t('bankSampah.admin.bank.kodeHint', { unit: d.saran.unit, induk: d.saran.induk }), autocomplete: 'off' })}`
        : field({
            name: 'nama',
            label: t('bankSampah.admin.bank.nama'),
            value: v.nama,
            required: true,
            error: e.nama,
          })
    }
    ${place}
    ${field({ name: 'alamat', label: t('bankSampah.admin.alamat'), value: v.alamat, error: e.alamat })}
    ${field({ name: 'jamBuka', label: t('bankSampah.admin.bank.jamBuka'), value: v.jamBuka, error: e.jamBuka, hint: t('bankSampah.admin.bank.jamBukaHint') })}
    ${field({ name: 'telepon', label: t('bankSampah.admin.telepon'), type: 'tel', value: v.telepon, error: e.telepon, hint: t('bankSampah.admin.teleponHint'), autocomplete: 'off' })}
    ${field({ name: 'ambangPersetujuan', label: t('bankSampah.admin.bank.ambang'), value: v.ambangPersetujuan, error: e.ambangPersetujuan, hint: t('bankSampah.admin.bank.ambangHint'), attrs: html`inputmode="numeric"` })}
    ${field({ name: 'batasBarisKg', label: t('bankSampah.admin.bank.batasBarisKg'), value: v.batasBarisKg, error: e.batasBarisKg, hint: t('bankSampah.admin.bank.batasBarisKgHint'), attrs: html`inputmode="decimal"` })}
    ${field({ name: 'batasSetoran', label: t('bankSampah.admin.bank.batasSetoran'), value: v.batasSetoran, error: e.batasSetoran, hint: t('bankSampah.admin.bank.batasSetoranHint'), attrs: html`inputmode="numeric"` })}
    ${field({ name: 'bagiHasilPersen', label: t('bankSampah.admin.bank.bagiHasil'), value: v.bagiHasilPersen, error: e.bagiHasilPersen, hint: t('bankSampah.admin.bank.bagiHasilHint'), attrs: html`inputmode="decimal"` })}
    ${
      o.tingkat === 'unit' || o.creating
        ? html`${selectField({
            name: 'indukId',
            label: t('bankSampah.admin.bank.induk'),
            error: e.indukId,
            hint: t('bankSampah.admin.bank.indukHint'),
            options: html`${option('', t('bankSampah.admin.bank.tanpaInduk'), v.indukId ?? '')}
            ${d.induk.map((b) => option(b.id, `${b.nama} (${b.kode})${b.aktif ? '' : ` — ${t('bankSampah.admin.nonaktif')}`}`, v.indukId))}`,
          })}
          ${checkbox({ name: 'warisiHargaInduk', label: t('bankSampah.admin.bank.warisi'), checked: v.warisiHargaInduk === '1', hint: t('bankSampah.admin.bank.warisiHint') })}
          ${e.warisiHargaInduk ? html`<p class="error" id="f-warisiHargaInduk-err">${e.warisiHargaInduk}</p>` : ''}`
        : ''
    }
    ${o.creating ? '' : checkbox({ name: 'aktif', label: t('bankSampah.admin.bank.aktifLabel'), checked: v.aktif === '1', hint: t('bankSampah.admin.bank.aktifHint') })}`;
  }

  async function newBankPage(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { values: Values; errors?: Errors; status?: number },
  ) {
    const t = req.t;
    const user = userOf(req);
    const d = await bankFormData(req);
    const e = o.errors ?? {};
    return sendPage(req, reply, {
      title: t('bankSampah.admin.bank.add'),
      status: o.status ?? 200,
      body: html`${breadcrumbs(t('bankSampah.admin.breadcrumbs'), [
          { href: cityPath(req, '/bank-sampah'), label: t('bankSampah.nav.bank') },
          { label: t('bankSampah.admin.bank.add') },
        ])}
        <section class="narrow">
          <h1>${t('bankSampah.admin.bank.add')}</h1>
          <p class="lead">${t('bankSampah.admin.bank.addIntro')}</p>
          ${errorSummary(t, e)}
          <form method="post" action="${cityPath(req, '/bank-sampah')}" novalidate>
            ${csrfField(req)}
            ${bankFields(req, d, o.values, e, {
              creating: true,
              mayMove: true,
              tingkat: o.values.tingkat === 'induk' ? 'induk' : 'unit',
              mayInduk: can(user, KELOLA, user.tenantId),
            })}
            <button type="submit" class="primary">${t('bankSampah.admin.bank.create')}</button>
            <a href="${cityPath(req, '/bank-sampah')}">${t('form.cancel')}</a>
          </form>
        </section>`,
    });
  }

  app.get(
    '/:city/bank-sampah/baru',
    { schema: { params: CityParams }, config: kelola },
    async (req, reply) => {
      const user = userOf(req);
      const groups = await cityTx(req, (trx) => kelurahanUntukBankBaru(trx, user));
      const only =
        groups.length === 1 && groups[0]!.kelurahan.length === 1 ? groups[0]!.kelurahan[0]!.kode : undefined;
      return newBankPage(req, reply, {
        values: { tingkat: 'unit', lembaga: 'rw', kelurahanKode: only ?? '' },
      });
    },
  );

  app.post(
    '/:city/bank-sampah',
    { schema: { params: CityParams, body: BankForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const user = userOf(req);
      const b = req.body as Static<typeof BankForm>;
      return submitForm(
        req,
        reply,
        BANK_FIELDS,
        (failed) => newBankPage(req, reply, failed),
        async () => {
          const bank = await cityTx(req, (trx) =>
            createBank(trx, user, bankInputFrom(b, { creating: true, mayMove: true })),
          );
          return cityPath(req, `/bank-sampah/${bank.id}/pengaturan?ok=dibuat`);
        },
      );
    },
  );

  function bankValues(b: BankView & { teleponLengkap: string | null }): Values {
    return {
      lembaga: b.lembaga,
      kelurahanKode: b.kelurahanKode ?? '',
      rwNomor: b.rwNomor !== null ? String(b.rwNomor) : '',
      nama: b.nama,
      alamat: b.alamat ?? '',
      jamBuka: b.jamBuka ?? '',
      telepon: b.teleponLengkap ?? '',
      ambangPersetujuan: b.ambangPersetujuan !== null ? String(b.ambangPersetujuan) : '',
      batasBarisKg: formatNumber(b.batasBarisKg),
      batasSetoran: String(b.batasSetoran),
      bagiHasilPersen: String(b.bagiHasilPersen),
      indukId: b.induk?.id ?? '',
      warisiHargaInduk: b.warisiHargaInduk ? '1' : '',
      aktif: b.aktif ? '1' : '',
    };
  }

  async function settingsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    bankId: string,
    o: { ok?: string | undefined; values?: Values; errors?: Errors; status?: number },
  ) {
    const t = req.t;
    const user = userOf(req);
    const bank = await cityTx(req, (trx) => bankForEdit(trx, user, bankId));
    const d = await bankFormData(req, bank);
    const e = o.errors ?? {};
    const mayMove = can(user, KELOLA);
    const title = t('bankSampah.admin.bank.settingsTitle', { nama: bank.nama });
    return sendPage(req, reply, {
      title,
      status: o.status ?? 200,
      body: html`${bankCrumbs(req, bank, [{ label: t('bankSampah.admin.menu.pengaturan') }])}
        <h1>${title}</h1>
        ${bankMenu(req, bank, bank.hak, 'pengaturan')}
        ${flash(o.ok === 'dibuat' ? t('bankSampah.admin.bank.created', { kode: bank.kode }) : o.ok === 'diubah' ? t('form.saved') : undefined)}
        ${o.ok === 'dibuat' ? html`<p>${t('bankSampah.admin.bank.nextSteps')}</p>` : ''}
        <dl class="facts">
          <dt>${t('bankSampah.admin.bank.kode')}</dt>
          <dd>${bank.kode}</dd>
          <dt>${t('bankSampah.admin.bank.tingkat')}</dt>
          <dd>${t(`bankSampah.admin.tingkat.${bank.tingkat}`)}</dd>
          <dt>${t('bankSampah.admin.bank.tempat')}</dt>
          <dd>${tempatBank(t, bank)}</dd>
          <dt>${t('bankSampah.admin.bank.area')}</dt>
          <dd>${bank.areaKode}</dd>
        </dl>
        <section class="narrow" aria-labelledby="h-ubah">
          <h2 id="h-ubah">${t('bankSampah.admin.bank.edit')}</h2>
          ${errorSummary(t, e)}
          <form method="post" action="${cityPath(req, `/bank-sampah/${bank.id}/pengaturan`)}" novalidate>
            ${csrfField(req)}
            ${bankFields(req, d, o.values ?? bankValues(bank), e, {
              creating: false,
              mayMove,
              tingkat: bank.tingkat,
              mayInduk: false,
            })}
            <button type="submit" class="primary">${t('form.save')}</button>
            <a href="${cityPath(req, `/bank-sampah/${bank.id}`)}">${t('form.cancel')}</a>
          </form>
        </section>`,
    });
  }

  app.get(
    '/:city/bank-sampah/:bankId/pengaturan',
    { schema: { params: BankParams, querystring: OkQuery('dibuat', 'diubah') }, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const { ok } = req.query as { ok?: string };
      return settingsPage(req, reply, bankId, { ok });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/pengaturan',
    { schema: { params: BankParams, body: BankForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const user = userOf(req);
      const b = req.body as Static<typeof BankForm>;
      return submitForm(
        req,
        reply,
        BANK_FIELDS,
        (failed) => settingsPage(req, reply, bankId, failed),
        async () => {
          await cityTx(req, (trx) =>
            updateBank(trx, user, bankId, bankInputFrom(b, { creating: false, mayMove: can(user, KELOLA) })),
          );
          return cityPath(req, `/bank-sampah/${bankId}/pengaturan?ok=diubah`);
        },
      );
    },
  );

  // ---- Pengurus ----

  const PengurusQuery = Type.Object(
    {
      q: Type.Optional(Type.String({ maxLength: 100 })),
      ok: Type.Optional(
        Type.Union([Type.Literal('ditambah'), Type.Literal('diubah'), Type.Literal('dihapus')]),
      ),
    },
    { additionalProperties: false },
  );

  async function pengurusPage(
    req: FastifyRequest,
    reply: FastifyReply,
    bankId: string,
    o: { q?: string | undefined; ok?: string | undefined; values?: Values; errors?: Errors; status?: number },
  ) {
    const t = req.t;
    const user = userOf(req);
    const q = o.q?.trim() ?? '';
    const data = await cityTx(req, async (trx) => {
      const bank = await getBank(trx, user, bankId);
      return {
        bank,
        pengurus: await listPengurus(trx, user, bankId),
        hasil: can(user, KELOLA, bank.areaKode) && q ? await cariPengguna(trx, user, bankId, q) : null,
      };
    });
    const { bank, pengurus, hasil } = data;
    const e = o.errors ?? {};
    const v = o.values ?? {};
    const title = t('bankSampah.admin.pengurus.title', { nama: bank.nama });
    const jabatanOptions = (selected: string | undefined) =>
      JABATAN.map((j) => option(j, t(`bankSampah.admin.jabatan.${j}`), selected ?? 'teller'));
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
                  ${selectField({ name: 'jabatan', label: t('bankSampah.admin.pengurus.jabatan'), required: true, error: e.jabatan, options: jabatanOptions(v.jabatan) })}
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
                              ? tableWrap(
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
                                          <form
                                            method="post"
                                            action="${cityPath(req, `/bank-sampah/${bank.id}/pengurus`)}"
                                            class="inline"
                                          >
                                            ${csrfField(req)}
                                            <input type="hidden" name="userId" value="${u.id}" />
                                            <label for="j-${u.id}"
                                              >${t('bankSampah.admin.pengurus.jabatanFor', { nama: u.nama })}</label
                                            >
                                            <select id="j-${u.id}" name="jabatan">
                                              ${jabatanOptions(u.jabatan ?? undefined)}
                                            </select>
                                            <button type="submit">
                                              ${u.jabatan ? t('bankSampah.admin.pengurus.change') : t('bankSampah.admin.pengurus.appoint')}
                                            </button>
                                          </form>
                                        </td>
                                      </tr>`,
                                  ),
                                )
                              : html`<p role="status">${t('bankSampah.admin.pengurus.noResults', { q })}</p>`
                        }`
                    : ''
                }
              </section>`
            : ''
        }`,
    });
  }

  app.get(
    '/:city/bank-sampah/:bankId/pengurus',
    { schema: { params: BankParams, querystring: PengurusQuery }, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const q = req.query as Static<typeof PengurusQuery>;
      return pengurusPage(req, reply, bankId, { q: q.q, ok: q.ok });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/pengurus',
    { schema: { params: BankParams, body: PengurusForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const b = req.body as Static<typeof PengurusForm>;
      return submitForm(
        req,
        reply,
        ['email', 'jabatan'],
        (failed) => pengurusPage(req, reply, bankId, failed),
        async () => {
          const r = await cityTx(req, (trx) =>
            tambahPengurus(trx, userOf(req), bankId, {
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
      const { bankId, userId } = req.params as Static<typeof PengurusParams>;
      await cityTx(req, (trx) => hapusPengurus(trx, userOf(req), bankId, userId));
      return reply.redirect(cityPath(req, `/bank-sampah/${bankId}/pengurus?ok=dihapus`), 303);
    },
  );

  // ---- Members ----

  const NasabahListQuery = Type.Object(
    {
      q: Type.Optional(Type.String({ maxLength: 100 })),
      status: Type.Optional(Type.Union([Type.Literal('aktif'), Type.Literal('nonaktif'), Type.Literal('')])),
      page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    },
    { additionalProperties: false },
  );

  app.get(
    '/:city/bank-sampah/:bankId/nasabah',
    { schema: { params: BankParams, querystring: NasabahListQuery }, config: forUser },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const { bankId } = req.params as Static<typeof BankParams>;
      const q = req.query as Static<typeof NasabahListQuery>;
      const filters = { q: q.q?.trim() || undefined, status: q.status || undefined };
      const page = q.page ?? 1;
      const perPage = 50;
      const { bank, list } = await cityTx(req, async (trx) => ({
        bank: await getBank(trx, user, bankId),
        list: await listNasabah(trx, user, bankId, {
          q: filters.q,
          aktif: filters.status === undefined ? undefined : filters.status === 'aktif',
          page,
          perPage,
        }),
      }));
      const pages = Math.max(1, Math.ceil(list.total / perPage));
      const title = t('bankSampah.admin.nasabah.listTitle', { nama: bank.nama });
      return sendPage(req, reply, {
        title,
        body: html`${bankCrumbs(req, bank, [{ label: t('bankSampah.admin.menu.nasabah') }])}
          <h1>${title}</h1>
          ${bankMenu(req, bank, bank.hak, 'nasabah')}
          ${
            bank.hak.transaksi && bank.aktif
              ? html`<p>
                  <a class="button primary" href="${cityPath(req, `/bank-sampah/${bank.id}/nasabah/baru`)}"
                    >${t('bankSampah.admin.nasabah.add')}</a
                  >
                </p>`
              : ''
          }
          <form
            method="get"
            action="${cityPath(req, `/bank-sampah/${bank.id}/nasabah`)}"
            class="filters"
            role="search"
            aria-label="${t('bankSampah.admin.nasabah.search')}"
          >
            ${field({ name: 'q', label: t('bankSampah.admin.nasabah.searchLabel'), type: 'search', value: filters.q })}
            ${selectField({
              name: 'status',
              label: t('bankSampah.admin.status'),
              options: html`${option('', t('bankSampah.admin.semua'), filters.status ?? '')}
              ${option('aktif', t('bankSampah.admin.aktif'), filters.status)}
              ${option('nonaktif', t('bankSampah.admin.nonaktif'), filters.status)}`,
            })}
            <button type="submit">${t('bankSampah.admin.cari')}</button>
          </form>
          <p role="status">${t('bankSampah.admin.nasabah.found', { count: list.total })}</p>
          ${
            list.items.length
              ? html`${tableWrap(
                  'cap-nasabah',
                  t('bankSampah.admin.nasabah.listCaption', { page, pages }),
                  html`<tr>
                    <th scope="col">${t('bankSampah.admin.nasabah.nomor')}</th>
                    <th scope="col">${t('bankSampah.admin.nama')}</th>
                    <th scope="col">${t('bankSampah.admin.rw')}</th>
                    <th scope="col">${t('bankSampah.admin.telepon')}</th>
                    <th scope="col" class="num">${t('bankSampah.admin.saldo')}</th>
                    <th scope="col">${t('bankSampah.admin.status')}</th>
                  </tr>`,
                  list.items.map(
                    (n) =>
                      html`<tr>
                        <td>${n.nomor}</td>
                        <th scope="row">
                          <a href="${cityPath(req, `/bank-sampah/${bank.id}/nasabah/${n.id}`)}">${n.nama}</a>
                        </th>
                        <td>
                          ${n.rw ? t('bankSampah.admin.rwSingkat', { nomor: nomor3(n.rw.nomor) }) : '—'}
                        </td>
                        <td>${n.telepon ?? '—'}</td>
                        <td class="num">${formatRupiah(n.saldo)}</td>
                        <td>
                          ${n.aktif ? t('bankSampah.admin.aktif') : html`<span class="tag">${t('bankSampah.admin.nonaktif')}</span>`}
                        </td>
                      </tr>`,
                  ),
                )}
                ${pagination(t, t('bankSampah.admin.pagination'), page, pages, (p) =>
                  cityPath(req, `/bank-sampah/${bank.id}/nasabah${queryString({ ...filters, page: p })}`),
                )}`
              : html`<p>${t('bankSampah.admin.nasabah.none')}</p>`
          }`,
      });
    },
  );

  function nasabahFields(
    req: FastifyRequest,
    groups: KelurahanGroups,
    v: Values,
    e: Errors,
    o: { creating: boolean; hasNik: boolean; nikMasked: string | null },
  ): SafeHtml {
    const t = req.t;
    return html`${selectField({
        name: 'jenis',
        label: t('bankSampah.admin.nasabah.jenis'),
        error: e.jenis,
        options: html`${option('rumah_tangga', t('bankSampah.admin.jenisNasabah.rumah_tangga'), v.jenis || 'rumah_tangga')}
        ${option('lembaga', t('bankSampah.admin.jenisNasabah.lembaga'), v.jenis)}`,
      })}
      ${field({ name: 'nama', label: t('bankSampah.admin.nama'), value: v.nama, required: true, error: e.nama, autocomplete: 'off' })}
      ${o.creating ? field({ name: 'nomor', label: t('bankSampah.admin.nasabah.nomor'), value: v.nomor, error: e.nomor, hint: t('bankSampah.admin.nasabah.nomorHint'), autocomplete: 'off' }) : ''}
      <fieldset>
        <legend>${t('bankSampah.admin.nasabah.rwLegend')}</legend>
        ${selectField({ name: 'kelurahanKode', label: t('bankSampah.admin.kelurahan'), error: e.kelurahanKode, options: kelurahanOptions(t, groups, v.kelurahanKode, t('bankSampah.admin.pilihKelurahan')) })}
        ${field({ name: 'rwNomor', label: t('bankSampah.admin.nasabah.rwNomor'), type: 'number', value: v.rwNomor, error: e.rwNomor ?? e.rwId, hint: t('bankSampah.admin.nasabah.rwHint'), attrs: html`min="1" max="999" inputmode="numeric"` })}
      </fieldset>
      ${field({ name: 'alamat', label: t('bankSampah.admin.alamat'), value: v.alamat, error: e.alamat, autocomplete: 'off' })}
      ${field({ name: 'telepon', label: t('bankSampah.admin.telepon'), type: 'tel', value: v.telepon, error: e.telepon, hint: t('bankSampah.admin.teleponHint'), autocomplete: 'off' })}
      <fieldset>
        <legend>${t('bankSampah.admin.nasabah.nikLegend')}</legend>
        <p class="hint">${t('bankSampah.admin.nasabah.nikIntro')}</p>
        ${o.hasNik ? html`<p>${t('bankSampah.admin.nasabah.nikTersimpan', { nik: o.nikMasked ?? '' })}</p>` : ''}
        ${field({ name: 'nik', label: o.hasNik ? t('bankSampah.admin.nasabah.nikBaru') : t('bankSampah.admin.nasabah.nik'), value: v.nik, error: e.nik, hint: t('bankSampah.admin.nasabah.nikHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="16"` })}
        ${field({ name: 'nikTujuan', label: t('bankSampah.admin.nasabah.nikTujuan'), value: v.nikTujuan, error: e.nikTujuan, hint: t('bankSampah.admin.nasabah.nikTujuanHint'), autocomplete: 'off' })}
        ${o.hasNik ? checkbox({ name: 'hapusNik', label: t('bankSampah.admin.nasabah.hapusNik'), checked: v.hapusNik === '1' }) : ''}
      </fieldset>
      ${field({ name: 'userEmail', label: t('bankSampah.admin.nasabah.akunEmail'), type: 'email', value: v.userEmail, error: e.userEmail, hint: t('bankSampah.admin.nasabah.akunHint'), autocomplete: 'off' })}
      ${o.creating ? '' : checkbox({ name: 'aktif', label: t('bankSampah.admin.nasabah.aktifLabel'), checked: v.aktif === '1', hint: t('bankSampah.admin.nasabah.aktifHint') })}`;
  }

  async function newNasabahPage(
    req: FastifyRequest,
    reply: FastifyReply,
    bankId: string,
    o: { values?: Values; errors?: Errors; status?: number },
  ) {
    const t = req.t;
    const user = userOf(req);
    const { bank, groups } = await cityTx(req, async (trx) => {
      const bank = await getBank(trx, user, bankId);
      if (!bank.hak.transaksi) throw new HttpProblem(403, 'error.forbidden');
      return { bank, groups: await kelurahanGroups(trx, user.tenantId) };
    });
    const e = o.errors ?? {};
    const values = o.values ?? {
      jenis: 'rumah_tangga',
      kelurahanKode: bank.kelurahanKode ?? '',
      rwNomor: bank.rwNomor !== null ? String(bank.rwNomor) : '',
    };
    return sendPage(req, reply, {
      title: t('bankSampah.admin.nasabah.add'),
      status: o.status ?? 200,
      body: html`${bankCrumbs(req, bank, [
          {
            href: cityPath(req, `/bank-sampah/${bank.id}/nasabah`),
            label: t('bankSampah.admin.menu.nasabah'),
          },
          { label: t('bankSampah.admin.nasabah.add') },
        ])}
        <section class="narrow">
          <h1>${t('bankSampah.admin.nasabah.add')}</h1>
          <p class="lead">${t('bankSampah.admin.nasabah.addIntro', { bank: bank.nama })}</p>
          ${errorSummary(t, e)}
          <form method="post" action="${cityPath(req, `/bank-sampah/${bank.id}/nasabah`)}" novalidate>
            ${csrfField(req)}
            ${nasabahFields(req, groups, values, e, { creating: true, hasNik: false, nikMasked: null })}
            <button type="submit" class="primary">${t('bankSampah.admin.nasabah.register')}</button>
            <a href="${cityPath(req, `/bank-sampah/${bank.id}/nasabah`)}">${t('form.cancel')}</a>
          </form>
        </section>`,
    });
  }

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/baru',
    { schema: { params: BankParams }, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      return newNasabahPage(req, reply, bankId, {});
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/nasabah',
    { schema: { params: BankParams, body: NasabahForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const b = req.body as Static<typeof NasabahForm>;
      return submitForm(
        req,
        reply,
        NASABAH_FIELDS,
        (failed) => newNasabahPage(req, reply, bankId, failed),
        async () => {
          const n = await cityTx(req, (trx) =>
            registerNasabah(trx, userOf(req), bankId, nasabahInputFrom(b, true), dataKey),
          );
          return cityPath(req, `/bank-sampah/${bankId}/nasabah/${n.id}?ok=dibuat`);
        },
      );
    },
  );

  async function memberPage(
    req: FastifyRequest,
    reply: FastifyReply,
    bankId: string,
    nasabahId: string,
    o: {
      ok?: string | undefined;
      nik?: { nik: string; nikTujuan: string | null } | null;
      nikValues?: Values;
      nikErrors?: Errors;
      status?: number;
    },
  ) {
    const t = req.t;
    const user = userOf(req);
    const { bank, n } = await cityTx(req, async (trx) => ({
      bank: await getBank(trx, user, bankId),
      n: await getNasabah(trx, user, bankId, nasabahId),
    }));
    return sendPage(req, reply, {
      title: t('bankSampah.admin.nasabah.pageTitle', { nama: n.nama, nomor: n.nomor }),
      status: o.status ?? 200,
      body: memberBody(req, user, bank, n, o),
    });
  }

  function memberBody(
    req: FastifyRequest,
    user: CurrentUser,
    bank: BankDetail,
    n: NasabahView,
    o: {
      ok?: string | undefined;
      nik?: { nik: string; nikTujuan: string | null } | null;
      nikValues?: Values;
      nikErrors?: Errors;
    },
  ): SafeHtml {
    const t = req.t;
    const base = `/bank-sampah/${bank.id}/nasabah/${n.id}`;
    const mayNik = bolehBacaNik(user, bank) && n.nik !== null;
    const ne = o.nikErrors ?? {};
    const OK: Record<string, string> = { dibuat: 'bankSampah.admin.nasabah.created', diubah: 'form.saved' };
    return html`${bankCrumbs(req, bank, [
        { href: cityPath(req, `/bank-sampah/${bank.id}/nasabah`), label: t('bankSampah.admin.menu.nasabah') },
        { label: n.nama },
      ])}
      <h1>${n.nama}</h1>
      ${flash(o.ok && OK[o.ok] ? t(OK[o.ok]!, { nomor: n.nomor }) : undefined)}
      <p class="lead">${t('bankSampah.admin.nasabah.nomorLabel', { nomor: n.nomor })}</p>
      ${n.aktif ? '' : html`<p><span class="tag">${t('bankSampah.admin.nasabah.nonaktifTag')}</span></p>`}
      <dl class="facts">
        <dt>${t('bankSampah.admin.saldo')}</dt>
        <dd><strong>${formatRupiah(n.saldo)}</strong></dd>
        <dt>${t('bankSampah.admin.nasabah.jenis')}</dt>
        <dd>${t(`bankSampah.admin.jenisNasabah.${n.jenis}`)}</dd>
        <dt>${t('bankSampah.admin.rw')}</dt>
        <dd>
          ${n.rw ? t('bankSampah.admin.tempat.rw', { rw: nomor3(n.rw.nomor), kelurahan: n.rw.kelurahanNama }) : '—'}
        </dd>
        <dt>${t('bankSampah.admin.alamat')}</dt>
        <dd>${n.alamat ?? '—'}</dd>
        <dt>${t('bankSampah.admin.telepon')}</dt>
        <dd>${n.telepon ?? '—'}</dd>
        <dt>${t('bankSampah.admin.nasabah.nik')}</dt>
        <dd>
          ${n.nik ?? '—'}
          ${n.nik && n.nikTujuan ? html`<br /><span class="meta">${t('bankSampah.admin.nasabah.nikTujuanShow', { tujuan: n.nikTujuan })}</span>` : ''}
        </dd>
        <dt>${t('bankSampah.admin.nasabah.akun')}</dt>
        <dd>${n.akun ? n.akun.nama : t('bankSampah.admin.nasabah.tanpaAkun')}</dd>
        <dt>${t('bankSampah.admin.nasabah.terdaftar')}</dt>
        <dd>${formatDate(n.createdAt)}</dd>
      </dl>
      <p>
        <a class="button primary" href="${cityPath(req, `${base}/buku`)}"
          >${t('bankSampah.admin.nasabah.buku')}</a
        >
        ${
          bank.hak.transaksi && n.aktif && bank.aktif
            ? html` <a
                class="button"
                href="${cityPath(req, `/bank-sampah/${bank.id}/setoran${queryString({ nasabah: n.id })}`)}"
                >${t('bankSampah.admin.nasabah.setoran')}</a
              >`
            : ''
        }
        <a class="button" href="${cityPath(req, `${base}/kartu`)}">${t('bankSampah.admin.nasabah.kartu')}</a>
        ${
          bank.hak.transaksi && n.jenis !== 'bank_unit'
            ? html` <a class="button" href="${cityPath(req, `${base}/ubah`)}"
                >${t('bankSampah.admin.nasabah.edit')}</a
              >`
            : ''
        }
      </p>
      ${
        mayNik
          ? html`<section aria-labelledby="h-nik" class="narrow">
              <h2 id="h-nik">${t('bankSampah.admin.nik.title')}</h2>
              ${
                o.nik
                  ? html`<div class="alert alert-info" role="status">
                      <p>${t('bankSampah.admin.nik.shown')}</p>
                      <p><strong>${o.nik.nik}</strong></p>
                    </div>`
                  : html`<p>${t('bankSampah.admin.nik.intro')}</p>
                      ${errorSummary(t, ne)}
                      <form method="post" action="${cityPath(req, `${base}/nik`)}" novalidate>
                        ${csrfField(req)}
                        ${field({ name: 'tujuan', label: t('bankSampah.admin.nik.tujuan'), value: o.nikValues?.tujuan, required: true, error: ne.tujuan, hint: t('bankSampah.admin.nik.tujuanHint'), autocomplete: 'off' })}
                        <button type="submit">${t('bankSampah.admin.nik.show')}</button>
                      </form>`
              }
            </section>`
          : ''
      }`;
  }

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId',
    { schema: { params: NasabahParams, querystring: OkQuery('dibuat', 'diubah') }, config: forUser },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params as Static<typeof NasabahParams>;
      const { ok } = req.query as { ok?: string };
      return memberPage(req, reply, bankId, nasabahId, { ok });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId/nik',
    { schema: { params: NasabahParams, body: NikForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params as Static<typeof NasabahParams>;
      const user = userOf(req);
      const values = formValues(req.body, ['tujuan']);
      const given = req.validationError
        ? undefined
        : (req.body as Static<typeof NikForm> | undefined)?.tujuan;
      const tujuan = typeof given === 'string' ? given.trim() : '';
      if (req.validationError || tujuan.length < 3 || tujuan.length > 200)
        return memberPage(req, reply, bankId, nasabahId, {
          nikValues: values,
          nikErrors: { tujuan: req.t('bankSampah.admin.err.nikBacaTujuan') },
          status: 400,
        });
      const nik = await cityTx(req, (trx) => bacaNik(trx, user, bankId, nasabahId, tujuan, dataKey));
      return memberPage(req, reply, bankId, nasabahId, { nik });
    },
  );

  async function editNasabahPage(
    req: FastifyRequest,
    reply: FastifyReply,
    bankId: string,
    nasabahId: string,
    o: { values?: Values; errors?: Errors; status?: number },
  ) {
    const t = req.t;
    const user = userOf(req);
    const { bank, n, groups } = await cityTx(req, async (trx) => ({
      bank: await getBank(trx, user, bankId),
      n: await nasabahForEdit(trx, user, bankId, nasabahId),
      groups: await kelurahanGroups(trx, user.tenantId),
    }));
    if (n.jenis === 'bank_unit') throw new HttpProblem(409, 'bankSampah.admin.err.nasabahBankUnit');
    const e = o.errors ?? {};
    const values = o.values ?? {
      jenis: n.jenis,
      nama: n.nama,
      kelurahanKode: n.rw?.kelurahanKode ?? '',
      rwNomor: n.rw ? String(n.rw.nomor) : '',
      alamat: n.alamat ?? '',
      telepon: n.teleponLengkap ?? '',
      nikTujuan: n.nikTujuan ?? '',
      userEmail: n.akunEmail ?? '',
      aktif: n.aktif ? '1' : '',
    };
    const title = t('bankSampah.admin.nasabah.editTitle', { nama: n.nama });
    const base = `/bank-sampah/${bank.id}/nasabah/${n.id}`;
    return sendPage(req, reply, {
      title,
      status: o.status ?? 200,
      body: html`${bankCrumbs(req, bank, [
          {
            href: cityPath(req, `/bank-sampah/${bank.id}/nasabah`),
            label: t('bankSampah.admin.menu.nasabah'),
          },
          { href: cityPath(req, base), label: n.nama },
          { label: t('bankSampah.admin.nasabah.edit') },
        ])}
        <section class="narrow">
          <h1>${title}</h1>
          <p class="lead">${t('bankSampah.admin.nasabah.nomorLabel', { nomor: n.nomor })}</p>
          ${errorSummary(t, e)}
          <form method="post" action="${cityPath(req, base)}" novalidate>
            ${csrfField(req)}
            ${nasabahFields(req, groups, values, e, { creating: false, hasNik: n.nik !== null, nikMasked: n.nik })}
            <button type="submit" class="primary">${t('form.save')}</button>
            <a href="${cityPath(req, base)}">${t('form.cancel')}</a>
          </form>
        </section>`,
    });
  }

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId/ubah',
    { schema: { params: NasabahParams }, config: forUser },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params as Static<typeof NasabahParams>;
      return editNasabahPage(req, reply, bankId, nasabahId, {});
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId',
    { schema: { params: NasabahParams, body: NasabahForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params as Static<typeof NasabahParams>;
      const b = req.body as Static<typeof NasabahForm>;
      return submitForm(
        req,
        reply,
        NASABAH_FIELDS,
        (failed) => editNasabahPage(req, reply, bankId, nasabahId, failed),
        async () => {
          await cityTx(req, (trx) =>
            updateNasabah(trx, userOf(req), bankId, nasabahId, nasabahInputFrom(b, false), dataKey),
          );
          return cityPath(req, `/bank-sampah/${bankId}/nasabah/${nasabahId}?ok=diubah`);
        },
      );
    },
  );

  kartuPage(app);

  // ---- Own items ----

  async function jenisPage(
    req: FastifyRequest,
    reply: FastifyReply,
    bankId: string,
    o: { ok?: string | undefined; values?: Values; errors?: Errors; status?: number },
  ) {
    const t = req.t;
    const user = userOf(req);
    const { bank, jenis, kategori } = await cityTx(req, async (trx) => ({
      bank: await getBank(trx, user, bankId),
      jenis: await listJenis(trx, user, bankId, req.locale),
      kategori: await daftarKategori(trx, req.locale),
    }));
    const namaKategori = new Map(kategori.map((k) => [k.kode, k.nama]));
    const e = o.errors ?? {};
    const v = o.values ?? { satuan: 'kg' };
    const title = t('bankSampah.admin.jenis.title', { nama: bank.nama });
    return sendPage(req, reply, {
      title,
      status: o.status ?? 200,
      body: html`${bankCrumbs(req, bank, [{ label: t('bankSampah.admin.menu.jenis') }])}
        <h1>${title}</h1>
        ${bankMenu(req, bank, bank.hak, 'jenis')}
        ${flash(o.ok === 'ditambah' ? t('bankSampah.admin.jenis.added') : undefined)}
        <p class="lead">${t('bankSampah.admin.jenis.intro')}</p>
        ${tableWrap(
          'cap-jenis',
          t('bankSampah.admin.jenis.caption', { count: jenis.length }),
          html`<tr>
            <th scope="col">${t('bankSampah.admin.jenis.nama')}</th>
            <th scope="col">${t('bankSampah.admin.jenis.kategori')}</th>
            <th scope="col">${t('bankSampah.admin.jenis.satuan')}</th>
            <th scope="col" class="num">${t('bankSampah.admin.jenis.kgPerSatuan')}</th>
            <th scope="col">${t('bankSampah.admin.jenis.kode')}</th>
          </tr>`,
          jenis.map(
            (j) =>
              html`<tr>
                <th scope="row">
                  ${j.nama}
                  ${j.milikBank ? html`<span class="tag">${t('bankSampah.admin.jenis.milikBank')}</span>` : ''}
                </th>
                <td>${namaKategori.get(j.kategoriKode) ?? j.kategoriKode}</td>
                <td>${t(`bankSampah.admin.satuan.${j.satuan}`)}</td>
                <td class="num">${formatNumber(j.kgPerSatuan)}</td>
                <td><code>${j.kode}</code></td>
              </tr>`,
          ),
        )}
        ${
          bank.hak.kelola
            ? html`<section aria-labelledby="h-tambah" class="narrow">
                <h2 id="h-tambah">${t('bankSampah.admin.jenis.addTitle')}</h2>
                ${errorSummary(t, e)}
                <form method="post" action="${cityPath(req, `/bank-sampah/${bank.id}/jenis`)}" novalidate>
                  ${csrfField(req)}
                  ${field({ name: 'nama', label: t('bankSampah.admin.jenis.nama'), value: v.nama, required: true, error: e.nama, autocomplete: 'off' })}
                  ${selectField({ name: 'kategoriKode', label: t('bankSampah.admin.jenis.kategori'), required: true, error: e.kategoriKode, options: html`${option('', t('bankSampah.admin.jenis.pilihKategori'), v.kategoriKode ?? '')}${kategori.map((k) => option(k.kode, k.nama, v.kategoriKode))}` })}
                  ${selectField({ name: 'satuan', label: t('bankSampah.admin.jenis.satuan'), required: true, error: e.satuan, options: SATUAN.map((s) => option(s, t(`bankSampah.admin.satuan.${s}`), v.satuan)) })}
                  ${field({ name: 'kgPerSatuan', label: t('bankSampah.admin.jenis.kgPerSatuan'), value: v.kgPerSatuan, error: e.kgPerSatuan, hint: t('bankSampah.admin.jenis.kgHint'), attrs: html`inputmode="decimal"` })}
                  ${field({ name: 'kode', label: t('bankSampah.admin.jenis.kode'), value: v.kode, error: e.kode, hint: t('bankSampah.admin.jenis.kodeHint'), autocomplete: 'off' })}
                  <button type="submit" class="primary">${t('bankSampah.admin.jenis.add')}</button>
                </form>
              </section>`
            : ''
        }`,
    });
  }

  app.get(
    '/:city/bank-sampah/:bankId/jenis',
    { schema: { params: BankParams, querystring: OkQuery('ditambah') }, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const { ok } = req.query as { ok?: string };
      return jenisPage(req, reply, bankId, { ok });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/jenis',
    { schema: { params: BankParams, body: JenisForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const b = req.body as Static<typeof JenisForm>;
      return submitForm(
        req,
        reply,
        ['nama', 'kategoriKode', 'satuan', 'kgPerSatuan', 'kode'],
        (failed) => jenisPage(req, reply, bankId, failed),
        async () => {
          await cityTx(req, (trx) =>
            tambahJenis(trx, userOf(req), bankId, {
              nama: b.nama ?? '',
              kategoriKode: b.kategoriKode ?? '',
              satuan: b.satuan ?? '',
              kgPerSatuan: b.kgPerSatuan?.trim() || null,
              kode: b.kode?.trim() || null,
            }),
          );
          return cityPath(req, `/bank-sampah/${bankId}/jenis?ok=ditambah`);
        },
      );
    },
  );

  // ---- Price list ----

  const HargaQuery = Type.Object(
    {
      jenis: Type.Optional(Type.String({ maxLength: 60 })),
      ok: Type.Optional(Type.Literal('disimpan')),
    },
    { additionalProperties: false },
  );

  function hargaCell(t: Translator, h: HargaKini): SafeHtml {
    return html`${h.harga === null ? (h.sumber ? t('bankSampah.admin.harga.tidakDibeli') : '—') : rupiah(h.harga)}
    ${h.sumber === 'induk' ? html`<span class="tag">${t('bankSampah.admin.harga.dariInduk')}</span>` : ''}
    ${
      h.terjadwal
        ? html`<br /><span class="meta"
              >${t('bankSampah.admin.harga.terjadwal', {
                harga:
                  h.terjadwal.harga === null
                    ? t('bankSampah.admin.harga.tidakDibeli')
                    : rupiah(h.terjadwal.harga),
                tanggal: formatDateTime(h.terjadwal.berlakuMulai),
              })}</span
            >`
        : ''
    }`;
  }

  function riwayatTable(t: Translator, id: string, caption: string, rows: HargaRiwayat[]): SafeHtml {
    return rows.length
      ? tableWrap(
          id,
          caption,
          html`<tr>
            <th scope="col">${t('bankSampah.admin.harga.berlakuMulai')}</th>
            <th scope="col">${t('bankSampah.admin.harga.kondisi')}</th>
            <th scope="col" class="num">${t('bankSampah.admin.harga.harga')}</th>
            <th scope="col">${t('bankSampah.admin.status')}</th>
            <th scope="col">${t('bankSampah.admin.harga.oleh')}</th>
          </tr>`,
          rows.map(
            (r) =>
              html`<tr>
                <th scope="row">${formatDateTime(r.berlakuMulai)}</th>
                <td>${t(`bankSampah.admin.kondisi.${r.kondisi}`)}</td>
                <td class="num">
                  ${r.harga === null ? t('bankSampah.admin.harga.tidakDibeli') : rupiah(r.harga)}
                </td>
                <td>${t(`bankSampah.admin.harga.status.${r.status}`)}</td>
                <td>${r.dibuatOleh?.nama ?? '—'}</td>
              </tr>`,
          ),
        )
      : html`<p>${t('bankSampah.admin.harga.belumAda')}</p>`;
  }

  async function hargaPage(
    req: FastifyRequest,
    reply: FastifyReply,
    bankId: string,
    o: {
      jenis?: string | undefined;
      ok?: string | undefined;
      values?: Values;
      errors?: Errors;
      status?: number;
    },
  ) {
    const t = req.t;
    const user = userOf(req);
    const jenisKode = o.jenis && /^(x-)?[a-z0-9-]{2,42}$/.test(o.jenis) ? o.jenis : undefined;
    const { bank, daftar, riwayat } = await cityTx(req, async (trx) => ({
      bank: await getBank(trx, user, bankId),
      daftar: await daftarHarga(trx, user, bankId, { locale: req.locale }),
      riwayat: jenisKode ? await riwayatHarga(trx, user, bankId, jenisKode, req.locale) : null,
    }));
    const e = o.errors ?? {};
    const v = o.values ?? { jenisKode: jenisKode ?? '', kondisi: 'bersih' };
    const title = t('bankSampah.admin.harga.title', { nama: bank.nama });
    const base = `/bank-sampah/${bank.id}/harga`;
    return sendPage(req, reply, {
      title,
      status: o.status ?? 200,
      body: html`${bankCrumbs(req, bank, [{ label: t('bankSampah.admin.menu.harga') }])}
        <h1>${title}</h1>
        ${bankMenu(req, bank, bank.hak, 'harga')}
        ${flash(o.ok === 'disimpan' ? t('bankSampah.admin.harga.saved') : undefined)}
        <p class="lead">${t('bankSampah.admin.harga.intro')}</p>
        ${daftar.induk ? html`<p>${t('bankSampah.admin.harga.mewarisi', { induk: daftar.induk.nama })}</p>` : ''}
        ${tableWrap(
          'cap-harga',
          t('bankSampah.admin.harga.caption', { waktu: formatDateTime(daftar.waktu) }),
          html`<tr>
            <th scope="col">${t('bankSampah.admin.jenis.nama')}</th>
            <th scope="col">${t('bankSampah.admin.jenis.satuan')}</th>
            <th scope="col">${t('bankSampah.admin.kondisi.bersih')}</th>
            <th scope="col">${t('bankSampah.admin.kondisi.kotor')}</th>
          </tr>`,
          daftar.items.map(
            (i) =>
              html`<tr>
                <th scope="row">
                  <a href="${cityPath(req, `${base}${queryString({ jenis: i.jenis.kode })}#riwayat`)}"
                    >${i.jenis.nama}</a
                  >
                </th>
                <td>${t(`bankSampah.admin.satuan.${i.jenis.satuan}`)}</td>
                <td>${hargaCell(t, i.harga.bersih)}</td>
                <td>${hargaCell(t, i.harga.kotor)}</td>
              </tr>`,
          ),
        )}
        ${
          riwayat
            ? html`<section id="riwayat" aria-labelledby="h-riwayat">
                <h2 id="h-riwayat">
                  ${t('bankSampah.admin.harga.riwayatTitle', { jenis: riwayat.jenis.nama })}
                </h2>
                ${riwayatTable(t, 'cap-riwayat', t('bankSampah.admin.harga.riwayatCaption', { jenis: riwayat.jenis.nama }), riwayat.bank)}
                ${
                  riwayat.induk && riwayat.indukBank
                    ? html`<h3>
                          ${t('bankSampah.admin.harga.riwayatInduk', { induk: riwayat.indukBank.nama })}
                        </h3>
                        ${riwayatTable(
                          t,
                          'cap-riwayat-induk',
                          t('bankSampah.admin.harga.riwayatIndukCaption', { induk: riwayat.indukBank.nama }),
                          riwayat.induk,
                        )}`
                    : ''
                }
              </section>`
            : ''
        }
        ${
          bank.hak.kelola
            ? html`<section aria-labelledby="h-atur" class="narrow">
                <h2 id="h-atur">${t('bankSampah.admin.harga.setTitle')}</h2>
                <p>${t('bankSampah.admin.harga.setIntro')}</p>
                ${errorSummary(t, e)}
                <form method="post" action="${cityPath(req, base)}" novalidate>
                  ${csrfField(req)}
                  ${selectField({ name: 'jenisKode', label: t('bankSampah.admin.jenis.nama'), required: true, error: e.jenisKode, options: html`${option('', t('bankSampah.admin.harga.pilihJenis'), v.jenisKode ?? '')}${daftar.items.map((i) => option(i.jenis.kode, `${i.jenis.nama} (${t(`bankSampah.admin.satuan.${i.jenis.satuan}`)})`, v.jenisKode))}` })}
                  ${selectField({ name: 'kondisi', label: t('bankSampah.admin.harga.kondisi'), required: true, error: e.kondisi, options: KONDISI.map((k) => option(k, t(`bankSampah.admin.kondisi.${k}`), v.kondisi)) })}
                  ${field({ name: 'harga', label: t('bankSampah.admin.harga.hargaLabel'), value: v.harga, error: e.harga, hint: t('bankSampah.admin.harga.hargaHint'), attrs: html`inputmode="numeric"` })}
                  ${checkbox({ name: 'berhenti', label: t('bankSampah.admin.harga.berhenti'), checked: v.berhenti === '1' })}
                  ${field({ name: 'berlakuMulai', label: t('bankSampah.admin.harga.berlakuMulai'), type: 'date', value: v.berlakuMulai, error: e.berlakuMulai, hint: t('bankSampah.admin.harga.berlakuHint'), attrs: html`min="${todayWib()}"` })}
                  <button type="submit" class="primary">${t('bankSampah.admin.harga.set')}</button>
                </form>
              </section>`
            : ''
        }`,
    });
  }

  app.get(
    '/:city/bank-sampah/:bankId/harga',
    { schema: { params: BankParams, querystring: HargaQuery }, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const q = req.query as Static<typeof HargaQuery>;
      return hargaPage(req, reply, bankId, { jenis: q.jenis, ok: q.ok });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/harga',
    { schema: { params: BankParams, body: HargaForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params as Static<typeof BankParams>;
      const b = req.body as Static<typeof HargaForm>;
      return submitForm(
        req,
        reply,
        ['jenisKode', 'kondisi', 'harga', 'berhenti', 'berlakuMulai'],
        (failed) => hargaPage(req, reply, bankId, failed),
        async () => {
          const tanggal = b.berlakuMulai?.trim() ?? '';
          let berlakuMulai: string | null = null;
          if (tanggal && tanggal !== todayWib())
            berlakuMulai = /^\d{4}-\d{2}-\d{2}$/.test(tanggal) ? `${tanggal}T00:00:00+07:00` : 'invalid';
          const harga = b.berhenti === '1' ? null : intOf(b.harga);
          await cityTx(req, (trx) =>
            setHarga(trx, userOf(req), bankId, {
              jenisKode: b.jenisKode ?? '',
              kondisi: b.kondisi ?? '',
              harga: harga === null && b.berhenti !== '1' ? undefined : harga,
              berlakuMulai,
            }),
          );
          return cityPath(
            req,
            `/bank-sampah/${bankId}/harga${queryString({ jenis: b.jenisKode, ok: 'disimpan' })}`,
          );
        },
      );
    },
  );
}
