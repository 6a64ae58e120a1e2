/**
 * A bounded in-memory cache for one process: at most `maks` entries, the least recently used
 * dropped first, and each entry forgotten `umurMs` after it was stored. It holds derived answers
 * whose key says exactly what they were derived from (for example a search result keyed by the
 * catalogue's version token), so an entry is never wrong, only unused; the bounds keep memory
 * flat however many distinct keys arrive.
 */
export interface OpsiLru {
  /** Most entries kept (0 disables the cache: nothing is stored). */
  maks: number;
  /** How long an entry may be used after it was stored, in ms. */
  umurMs: number;
  /** Clock, for tests. */
  sekarang?: () => number;
}

export interface StatistikLru {
  kena: number;
  luput: number;
  ukuran: number;
}

export class CacheLru<V> {
  readonly #isi = new Map<string, { nilai: V; sampai: number }>();
  #opsi: Required<OpsiLru>;
  #kena = 0;
  #luput = 0;

  constructor(opsi: OpsiLru) {
    this.#opsi = { sekarang: () => performance.now(), ...opsi };
  }

  /** The entry under `kunci`, or undefined when absent or too old (it becomes the most recent). */
  ambil(kunci: string): V | undefined {
    const e = this.#isi.get(kunci);
    if (!e || e.sampai <= this.#opsi.sekarang()) {
      if (e) this.#isi.delete(kunci);
      this.#luput++;
      return undefined;
    }
    this.#isi.delete(kunci);
    this.#isi.set(kunci, e);
    this.#kena++;
    return e.nilai;
  }

  simpan(kunci: string, nilai: V): void {
    if (this.#opsi.maks <= 0) return;
    this.#isi.delete(kunci);
    this.#isi.set(kunci, { nilai, sampai: this.#opsi.sekarang() + this.#opsi.umurMs });
    while (this.#isi.size > this.#opsi.maks) this.#isi.delete(this.#isi.keys().next().value!);
  }

  /** Changes the bounds (a smaller `maks` drops the oldest entries now; 0 empties the cache). */
  atur(opsi: Partial<Omit<OpsiLru, 'sekarang'>>): void {
    this.#opsi = { ...this.#opsi, ...opsi };
    while (this.#isi.size > Math.max(0, this.#opsi.maks)) this.#isi.delete(this.#isi.keys().next().value!);
  }

  kosongkan(): void {
    this.#isi.clear();
  }

  statistik(): StatistikLru {
    return { kena: this.#kena, luput: this.#luput, ukuran: this.#isi.size };
  }
}
