/**
 * What the operator's pages read besides the ledger: members to pick (search by name or number,
 * phone masked), a member with their balance, the induk banks a unit can sell to, a warga's own
 * memberships (the prices in force are in katalog-harga.ts). Nothing here writes.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { maskPhone } from '../../platform/privacy.ts';
import { saldoNasabah } from './ledger.ts';
import { sameTenant } from '../../platform/db/tenant-join.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NasabahPilihan {
  id: string;
  nomor: string;
  nama: string;
  /** Masked, e.g. 0812****7890. */
  telepon: string | null;
  aktif: boolean;
}

/** "%" and "_" are literal in a search. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Members of a bank whose name contains `q` or whose number starts with it (case-insensitive),
 * exact number first, then by name. Units that are members of an induk are included.
 */
export async function searchNasabah(
  trx: Tx,
  bankId: string,
  q: string,
  limit = 20,
): Promise<NasabahPilihan[]> {
  const term = q.trim().replace(/\s+/g, ' ');
  if (!term) return [];
  const like = likeEscape(term.toLowerCase());
  const rows = await trx
    .selectFrom('bank_sampah_nasabah')
    .select(['id', 'nomor', 'nama', 'telepon', 'aktif'])
    .where('bank_id', '=', bankId)
    .where((eb) =>
      eb.or([eb(sql`lower(nama)`, 'like', `%${like}%`), eb(sql`lower(nomor)`, 'like', `${like}%`)]),
    )
    .orderBy(sql`lower(nomor) = ${term.toLowerCase()}`, 'desc')
    .orderBy('aktif', 'desc')
    .orderBy(sql`lower(nama)`)
    .orderBy('nomor')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, telepon: maskPhone(r.telepon) }));
}

export interface NasabahRingkas extends NasabahPilihan {
  jenis: string;
  saldo: number;
}

/** One member of the bank with their balance, or undefined. */
export async function getNasabahSaldo(
  trx: Tx,
  bankId: string,
  nasabahId: string,
): Promise<NasabahRingkas | undefined> {
  if (!UUID_RE.test(nasabahId)) return undefined;
  const r = await trx
    .selectFrom('bank_sampah_nasabah')
    .select(['id', 'nomor', 'nama', 'telepon', 'aktif', 'jenis'])
    .where('bank_id', '=', bankId)
    .where('id', '=', nasabahId)
    .executeTakeFirst();
  if (!r) return undefined;
  return { ...r, telepon: maskPhone(r.telepon), saldo: await saldoNasabah(trx, bankId, r.id) };
}

/**
 * The member id in a member-card URL (`…/<city>/bank-sampah/<bankId>/nasabah/<id>`) of this bank,
 * or null (another bank's card, or not a card at all).
 */
export function nasabahDariKartu(text: string, city: string, bankId: string): string | null {
  const m =
    /\/([a-z][a-z0-9-]{1,39})\/bank-sampah\/([0-9a-f-]{36})\/nasabah\/([0-9a-f-]{36})\/?(?:[?#].*)?$/i.exec(
      text.trim(),
    );
  if (!m || m[1] !== city || m[2]?.toLowerCase() !== bankId.toLowerCase()) return null;
  return UUID_RE.test(m[3] ?? '') ? m[3]!.toLowerCase() : null;
}

export interface IndukPilihan {
  id: string;
  kode: string;
  nama: string;
}

/** Active induk banks of the city a bank may sell to (not itself). */
export async function listIndukAktif(trx: Tx, kecuali: string): Promise<IndukPilihan[]> {
  return trx
    .selectFrom('bank_sampah')
    .select(['id', 'kode', 'nama'])
    .where('tingkat', '=', 'induk')
    .where('aktif', '=', true)
    .where('id', '<>', kecuali)
    .orderBy('nama')
    .execute();
}

export interface Keanggotaan {
  bankId: string;
  bankNama: string;
  bankKode: string;
  nasabahId: string;
  nomor: string;
  nama: string;
  aktif: boolean;
  saldo: number;
}

/** The member records linked to a warga's account, with their balances. */
export async function listKeanggotaan(trx: Tx, user: CurrentUser): Promise<Keanggotaan[]> {
  const rows = await trx
    .selectFrom('bank_sampah_nasabah as n')
    .innerJoin('bank_sampah as b', sameTenant('b.id', 'n.bank_id'))
    .select([
      'n.id',
      'n.nomor',
      'n.nama',
      'n.aktif',
      'b.id as bank_id',
      'b.nama as bank_nama',
      'b.kode as bank_kode',
    ])
    .where('n.user_id', '=', user.id)
    .orderBy('b.nama')
    .orderBy('n.nomor')
    .execute();
  const out: Keanggotaan[] = [];
  for (const r of rows) {
    out.push({
      bankId: r.bank_id,
      bankNama: r.bank_nama,
      bankKode: r.bank_kode,
      nasabahId: r.id,
      nomor: r.nomor,
      nama: r.nama,
      aktif: r.aktif,
      saldo: await saldoNasabah(trx, r.bank_id, r.id),
    });
  }
  return out;
}
