/**
 * The fields of a bank sampah member (nasabah), declared once. From this list come the API body
 * schemas and the form schema (admin-schemas.ts), the controls of the register and edit form
 * (pages/nasabah-form.ts), the rows of the member page (pages/nasabah-detail.ts), the form to
 * service mapping (pages/admin-parts.ts), and for the stored kinds (text, phone, select) the
 * service's checks, columns and view (nasabah-service.ts). The other kinds are genuinely special
 * (the member number, the RW, the encrypted NIK, the linked account, active or not) and each of
 * those places handles them by kind. Adding a plain field: docs/CODE_STYLE.md, "Adding a field
 * to bank sampah members".
 */
import type { BankSampahNasabahTable } from './tables.ts';

interface FieldBase {
  /** The name in the API body, the form and the member's view. */
  name: string;
  /** Message key of the label (form control and member page row). */
  label: string;
  /** Message key of the member page row's label, when not the form's. */
  detailLabel?: string;
  /** Message key of the hint under the form control. */
  hint?: string;
  /** Only on the register form and API (create), or only on the edit form. */
  on?: 'create' | 'edit';
  /** false: not a row of the member page (shown elsewhere on it, or not at all). */
  detail?: boolean;
  /** The form's names of this field, with the longest text each accepts or 'checkbox'. */
  form: Readonly<Record<string, number | 'checkbox'>>;
}

/** A field stored as it is (after cleaning) in a column of its own, checked by the service. */
interface StoredField extends FieldBase {
  column: keyof BankSampahNasabahTable;
  /** Message key of the error when the value is not accepted. */
  err: string;
  /** Description in the API documentation. */
  description?: string;
}

/** Text: spaces cleaned, empty is null; min and max count characters after cleaning. */
export interface TextField extends StoredField {
  kind: 'text';
  required?: boolean;
  min?: number;
  max: number;
}

/** A phone number: read into the stored form (platform/telepon.ts), shown masked (UU PDP). */
export interface PhoneField extends StoredField {
  kind: 'phone';
  max: number;
  masked: true;
}

/** One of a list; each option's label is the message key optionLabel + option. */
export interface SelectField extends StoredField {
  kind: 'select';
  /** What may be chosen. */
  options: readonly string[];
  /** Every value a stored member may have, when more than may be chosen. */
  values?: readonly string[];
  optionLabel: string;
  default: string;
}

/** The special fields, handled by kind where they are used. */
export interface SpecialField extends FieldBase {
  kind: 'nomor' | 'rw' | 'nik' | 'akun' | 'aktif';
  masked?: boolean;
}

export type NasabahField = TextField | PhoneField | SelectField | SpecialField;

/** Kinds of members: a bank_unit member is a unit bank at its induk, registered by the system. */
export const JENIS_NASABAH = ['rumah_tangga', 'lembaga', 'bank_unit'] as const;

export const NASABAH_FIELDS = [
  {
    name: 'jenis',
    kind: 'select',
    column: 'jenis',
    label: 'bankSampah.admin.nasabah.jenis',
    options: ['rumah_tangga', 'lembaga'],
    values: JENIS_NASABAH,
    optionLabel: 'bankSampah.admin.jenisNasabah.',
    default: 'rumah_tangga',
    err: 'bankSampah.admin.err.jenisNasabah',
    form: { jenis: 20 },
  },
  {
    name: 'nama',
    kind: 'text',
    column: 'nama',
    label: 'bankSampah.admin.nama',
    required: true,
    min: 2,
    max: 120,
    err: 'bankSampah.admin.err.namaNasabah',
    detail: false,
    form: { nama: 200 },
  },
  {
    name: 'nomor',
    kind: 'nomor',
    label: 'bankSampah.admin.nasabah.nomor',
    hint: 'bankSampah.admin.nasabah.nomorHint',
    on: 'create',
    detail: false,
    form: { nomor: 40 },
  },
  {
    name: 'rw',
    kind: 'rw',
    label: 'bankSampah.admin.rw',
    form: { kelurahanKode: 30, rwNomor: 10 },
  },
  {
    name: 'alamat',
    kind: 'text',
    column: 'alamat',
    label: 'bankSampah.admin.alamat',
    max: 300,
    err: 'bankSampah.admin.err.alamat',
    form: { alamat: 400 },
  },
  {
    name: 'telepon',
    kind: 'phone',
    column: 'telepon',
    label: 'bankSampah.admin.telepon',
    hint: 'bankSampah.admin.teleponHint',
    max: 30,
    masked: true,
    err: 'bankSampah.admin.err.telepon',
    description: 'e.g. 081234567890',
    form: { telepon: 40 },
  },
  {
    name: 'nik',
    kind: 'nik',
    label: 'bankSampah.admin.nasabah.nik',
    masked: true,
    form: { nik: 40, nikTujuan: 300, hapusNik: 'checkbox' },
  },
  {
    name: 'userEmail',
    kind: 'akun',
    label: 'bankSampah.admin.nasabah.akunEmail',
    detailLabel: 'bankSampah.admin.nasabah.akun',
    hint: 'bankSampah.admin.nasabah.akunHint',
    form: { userEmail: 254 },
  },
  {
    name: 'aktif',
    kind: 'aktif',
    label: 'bankSampah.admin.nasabah.aktifLabel',
    hint: 'bankSampah.admin.nasabah.aktifHint',
    on: 'edit',
    detail: false,
    form: { aktif: 'checkbox' },
  },
] as const satisfies readonly NasabahField[];

type Declared = (typeof NASABAH_FIELDS)[number];
/** The declared fields of a kind, with their literal names. */
type OfKind<K extends NasabahField['kind']> = Extract<Declared, { kind: K }>;
/** The text and phone fields: plain strings in the input and the view. */
type Plain = OfKind<'text' | 'phone'>;

/** The plain fields as a service input: absent leaves a stored value as it is, null empties it. */
export type PlainInput = { [F in Plain as F['name']]?: string | null | undefined };
/** The plain fields in a member's view (phones masked); a required text is never null. */
export type PlainView = { [F in Plain as F['name']]: F extends { required: true } ? string : string | null };

export const isStored = (f: NasabahField): f is TextField | PhoneField | SelectField =>
  f.kind === 'text' || f.kind === 'phone' || f.kind === 'select';
export const isPlain = (f: NasabahField): f is TextField | PhoneField =>
  f.kind === 'text' || f.kind === 'phone';

/** Fields shown on a form (register when creating, edit otherwise). */
export const onForm = (f: NasabahField, creating: boolean): boolean =>
  f.on === undefined || f.on === (creating ? 'create' : 'edit');

/** The member form's body: each declared form name, as text. */
export type NasabahFormBody = { [N in FormNames<Declared>]?: string | undefined };
type FormNames<D> = D extends { form: infer F } ? keyof F & string : never;

/** Every name a member form may send, in the order of the form. */
export const NASABAH_FORM_NAMES: string[] = NASABAH_FIELDS.flatMap((f) => Object.keys(f.form));
