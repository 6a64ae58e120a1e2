/**
 * Pieces shared by the administration screens of bank sampah: the bank's trail and menu, where a
 * bank is in words, form numbers read as rupiah, and the form-to-service conversions.
 */
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { oneOf } from '../../../platform/http/schemas.ts';
import { readRupiah } from '../../../platform/angka.ts';
import { cityPath } from '../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../platform/web/html.ts';
import { breadcrumbs, kelurahanOptions } from '../../../platform/web/components.ts';
import type { Translator } from '../../../platform/i18n/index.ts';
import type { BankRights } from '../access.ts';
import type { BankInput, BankView } from '../bank-service.ts';
import type { KelurahanGroups } from '../tempat-service.ts';
import type { NasabahInput } from '../nasabah-service.ts';
import {
  NASABAH_FIELDS,
  isStored,
  type NasabahField,
  type PhoneField,
  type SelectField,
  type TextField,
} from '../nasabah-fields.ts';
import { nomor3 } from '../../wilayah/api.ts';
import { KELOLA } from '../permissions.ts';
import type { BankForm, NasabahForm } from '../admin-schemas.ts';
export const forUser = { access: 'user' } as const;
export const kelola = { access: { permission: KELOLA } } as const;

// ---- Shared bits ----

/** "1.000.000" or "1000000" (read as rupiah are) -> 1000000; "" -> null; anything else NaN (the service reports it). */
export function intOf(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  if (v.trim() === '') return null;
  const r = readRupiah(v, { max: 999_999_999_999 });
  return r.ok ? r.nilai : Number.NaN;
}

export const orNull = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? null : v);

/** The city's kelurahan grouped by kecamatan, as options of a select. */
export function kelurahanChoices(
  t: Translator,
  groups: KelurahanGroups,
  selected: string | undefined,
  emptyLabel: string,
): SafeHtml {
  return kelurahanOptions(groups, selected, {
    emptyLabel,
    groupLabel: (nama) => t('bankSampah.admin.kecamatanNama', { nama }),
  });
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
export function bankCrumbs(
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

/** The query of a page shown after a change: which change (?ok=…) to confirm. */
export const OkQuery = <T extends string[]>(...oks: T) =>
  Type.Object({ ok: Type.Optional(oneOf(oks)) }, { additionalProperties: false });

// ---- Forms to service input ----

export function bankInputFrom(
  b: Static<typeof BankForm>,
  o: { creating: boolean; mayMove: boolean },
): BankInput {
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

/** A declared stored field's form text as service input: a select's default, a required text as sent, else "" as null. */
function storedInput(f: TextField | PhoneField | SelectField, v: string | undefined): string | null {
  if (f.kind === 'select') return v || f.default;
  if (f.kind === 'text' && f.required) return v ?? '';
  return orNull(v) ?? null;
}

export function nasabahInputFrom(b: Static<typeof NasabahForm>, creating: boolean): NasabahInput {
  const sent = b as Record<string, string | undefined>;
  const rwNomor = intOf(b.rwNomor);
  const stored = (NASABAH_FIELDS as readonly NasabahField[])
    .filter(isStored)
    .map((f) => [f.name, storedInput(f, sent[f.name])]);
  const input: NasabahInput = {
    ...(Object.fromEntries(stored) as Pick<NasabahInput, 'jenis'>),
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

export const BANK_FIELDS = [
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
