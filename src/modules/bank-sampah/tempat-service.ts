/**
 * Where banks and members are, read through the wilayah module's face: kelurahan grouped by
 * kecamatan for pickers and filters, names of regions, an RW given by id or by kelurahan and
 * number, and the area that scopes a bank.
 */
import type { Tx } from '../../platform/db/transaction.ts';
import { can, covers, rwAreaKode, type CurrentUser } from '../../platform/auth/roles.ts';
import type { FieldError } from '../../platform/http/problem.ts';
import {
  findRwByNomor,
  findRwRow,
  findWilayah,
  listKecamatanRows,
  listKelurahanRows,
  type RwRow,
} from '../wilayah/api.ts';
import { visibleBankAreas } from './access.ts';
import { KELOLA } from './permissions.ts';
import { LEMBAGA, UUID_RE, field, type Lembaga, type Tingkat } from './admin-common.ts';

export interface Tempat {
  kelurahanKode: string;
  kelurahanNama: string;
  kecamatanKode: string;
  kecamatanNama: string;
}

/** Names of the city's kelurahan and their kecamatan, by kelurahan code. */
export async function regionIndex(trx: Tx, tenantId: string): Promise<Map<string, Tempat>> {
  const kec = new Map((await listKecamatanRows(trx, tenantId)).map((k) => [k.kode, k.nama]));
  const out = new Map<string, Tempat>();
  for (const k of await listKelurahanRows(trx, tenantId)) {
    out.set(k.kode, {
      kelurahanKode: k.kode,
      kelurahanNama: k.nama,
      kecamatanKode: k.induk ?? '',
      kecamatanNama: kec.get(k.induk ?? '') ?? '',
    });
  }
  return out;
}

export type KelurahanGroups = { kode: string; nama: string; kelurahan: { kode: string; nama: string }[] }[];

/** Kelurahan of the city grouped by kecamatan, those passing `keep` only (for pickers and filters). */
export async function kelurahanGroups(
  trx: Tx,
  tenantId: string,
  keep: (kode: string) => boolean = () => true,
): Promise<KelurahanGroups> {
  const kecamatan = await listKecamatanRows(trx, tenantId);
  const kelurahan = (await listKelurahanRows(trx, tenantId)).filter((k) => keep(k.kode));
  return kecamatan
    .map((kc) => ({
      kode: kc.kode,
      nama: kc.nama,
      kelurahan: kelurahan.filter((k) => k.induk === kc.kode).map((k) => ({ kode: k.kode, nama: k.nama })),
    }))
    .filter((g) => g.kelurahan.length > 0);
}

/** Kelurahan in which the user may create banks (all for the system). */
export function kelurahanForNewBank(trx: Tx, user: CurrentUser): Promise<KelurahanGroups> {
  const areas = can(user, KELOLA) ? visibleBankAreas(user, KELOLA) : [];
  return kelurahanGroups(trx, user.tenantId, (kode) =>
    areas === null ? true : areas.some((a) => covers(a, kode) || covers(kode, a)),
  );
}

/** Kelurahan with banks the user may see (filters of the bank list). */
export function visibleKelurahan(trx: Tx, user: CurrentUser): Promise<KelurahanGroups> {
  const areas = visibleBankAreas(user);
  return kelurahanGroups(trx, user.tenantId, (kode) =>
    areas === null ? true : areas.some((a) => covers(a, kode) || covers(kode, a)),
  );
}

export interface Place {
  lembaga: Lembaga;
  rw_id: string | null;
  kelurahan_kode: string | null;
  area_kode: string;
  /** Where a refusal of the area is reported. */
  pointer: string;
}

export async function kelurahanOf(trx: Tx, tenantId: string, kode: string | null | undefined) {
  if (!kode || !kode.startsWith(`${tenantId}.`)) return undefined;
  const w = await findWilayah(trx, kode);
  return w && w.tingkat === 'kelurahan' ? w : undefined;
}

/**
 * The RW given by id, or by kelurahan and number: the row, null when none is given, or the
 * field errors.
 */
export async function findRw(
  trx: Tx,
  tenantId: string,
  input: {
    rwId?: string | null | undefined;
    kelurahanKode?: string | null | undefined;
    rwNomor?: number | null | undefined;
  },
): Promise<RwRow | null | FieldError[]> {
  if (input.rwId) {
    const rw = UUID_RE.test(input.rwId) ? await findRwRow(trx, input.rwId) : undefined;
    return rw ?? [field('rwId', 'bankSampah.admin.err.rwTidakAda')];
  }
  if (input.rwNomor !== undefined && input.rwNomor !== null) {
    if (!Number.isInteger(input.rwNomor) || input.rwNomor < 1 || input.rwNomor > 999)
      return [field('rwNomor', 'bankSampah.admin.err.rwNomor')];
    if (!(await kelurahanOf(trx, tenantId, input.kelurahanKode)))
      return [field('kelurahanKode', 'bankSampah.admin.err.kelurahan')];
    const found = await findRwByNomor(trx, input.kelurahanKode!, input.rwNomor);
    const rw = found ? await findRwRow(trx, found.id) : undefined;
    return rw ?? [field('rwNomor', 'bankSampah.admin.err.rwTidakAda')];
  }
  return null;
}

/** Where a bank is and the area that scopes it. */
export async function resolvePlace(
  trx: Tx,
  tenantId: string,
  tingkat: Tingkat,
  input: {
    lembaga?: Lembaga | undefined;
    rwId?: string | null | undefined;
    kelurahanKode?: string | null | undefined;
    rwNomor?: number | null | undefined;
  },
): Promise<Place | FieldError[]> {
  const lembaga = input.lembaga ?? (tingkat === 'induk' ? 'lainnya' : 'rw');
  if (!LEMBAGA.includes(lembaga)) return [field('lembaga', 'bankSampah.admin.err.lembaga')];
  if (tingkat === 'induk') {
    // An induk serves the whole city; a kelurahan is only where it stands.
    if (input.kelurahanKode && !(await kelurahanOf(trx, tenantId, input.kelurahanKode)))
      return [field('kelurahanKode', 'bankSampah.admin.err.kelurahan')];
    return {
      lembaga,
      rw_id: null,
      kelurahan_kode: input.kelurahanKode || null,
      area_kode: tenantId,
      pointer: '/body/tingkat',
    };
  }
  const rw = await findRw(trx, tenantId, input);
  if (Array.isArray(rw)) return rw;
  if (lembaga === 'rw') {
    if (!rw) return [field(input.kelurahanKode ? 'rwNomor' : 'rwId', 'bankSampah.admin.err.rwWajib')];
    return {
      lembaga,
      rw_id: rw.id,
      kelurahan_kode: rw.kelurahan_kode,
      area_kode: rwAreaKode(rw.kelurahan_kode, rw.nomor),
      pointer: input.rwId ? '/body/rwId' : '/body/rwNomor',
    };
  }
  const kel = await kelurahanOf(trx, tenantId, input.kelurahanKode ?? rw?.kelurahan_kode);
  if (!kel) return [field('kelurahanKode', 'bankSampah.admin.err.kelurahan')];
  if (rw && rw.kelurahan_kode !== kel.kode)
    return [field(input.rwId ? 'rwId' : 'rwNomor', 'bankSampah.admin.err.rwLuarKelurahan')];
  return {
    lembaga,
    rw_id: rw?.id ?? null,
    kelurahan_kode: kel.kode,
    area_kode: kel.kode,
    pointer: '/body/kelurahanKode',
  };
}

export interface RwRingkas {
  id: string;
  kode: string;
  nomor: number;
  kelurahanKode: string;
  kelurahanNama: string;
}

export async function rwMap(trx: Tx, ids: (string | null)[]): Promise<Map<string, RwRingkas>> {
  const out = new Map<string, RwRingkas>();
  for (const id of new Set(ids.filter((x): x is string => x !== null))) {
    const rw = await findRwRow(trx, id);
    if (rw)
      out.set(id, {
        id: rw.id,
        kode: rwAreaKode(rw.kelurahan_kode, rw.nomor),
        nomor: rw.nomor,
        kelurahanKode: rw.kelurahan_kode,
        kelurahanNama: rw.kelurahan_nama,
      });
  }
  return out;
}
