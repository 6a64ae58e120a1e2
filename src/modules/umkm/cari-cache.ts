/**
 * The catalogue search's result cache (see cari.ts's header): pages of ranked ids per process,
 * keyed by the city's catalogue token, today's date and the query as understood.
 */
import { sql } from 'kysely';
import { CacheLru } from '../../platform/cache/lru.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { Kueri } from './cari-kueri.ts';

/** A page of results as cached: the ranked ids of the page and the number of matches. */
export interface HasilTersimpan {
  ids: string[];
  jumlah: number;
}

/** Most pages of results cached per process (each a few hundred bytes). */
export const MAKS_CACHE_CARI = 5000;

/**
 * Cached pages of search results in this process: a few thousand small entries (a page's ids),
 * each usable for 10 minutes at most (an unchanged catalogue keeps its token; the age only frees
 * the memory of queries nobody repeats).
 */
export const cacheCari = new CacheLru<HasilTersimpan>({ maks: MAKS_CACHE_CARI, umurMs: 10 * 60_000 });

/**
 * The city's catalogue token and today's date, as one cache-key part; null when the city has no
 * token yet or this transaction has written the catalogue (it sees changes no token names yet):
 * nothing is cached or served from the cache then. Read first in a search: see the header.
 */
export async function readKatalogVersi(trx: Tx, tenantId: string): Promise<string | null> {
  const r = await sql<{ token: string | null; hari: string }>`
    select case when current_setting('balai.katalog_ditulis', true) is distinct from 'ya' then
        (select v.token::text from umkm_katalog_versi v where v.tenant_id = ${tenantId}) end as token,
      current_date::text as hari`.execute(trx);
  const x = r.rows[0];
  return x?.token ? `${x.token} ${x.hari}` : null;
}

export function cacheKey(
  jenis: string,
  tenantId: string,
  versi: string,
  kueri: Kueri,
  lain: unknown[],
  h: { page: number; perPage: number },
): string {
  return JSON.stringify([
    jenis,
    tenantId,
    versi,
    kueri.kata,
    kueri.awalan,
    kueri.lanjutan ?? null,
    ...lain,
    h.page,
    h.perPage,
  ]);
}
