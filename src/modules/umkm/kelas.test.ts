import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BATAS_KELAS,
  KelasUsahaError,
  bandingkanKelas,
  kelasMenurut,
  kelasUsaha,
  periksaRupiah,
  pergerakanKelas,
  type AlasanKelas,
  type InputKelas,
  type KelasUsaha,
} from './kelas.ts';

const M = 1_000_000_000; // one miliar rupiah

function ditolak(fn: () => unknown, alasan: AlasanKelas, kolom?: KelasUsahaError['kolom']) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof KelasUsahaError, `expected KelasUsahaError, got ${String(e)}`);
    assert.equal(e.alasan, alasan);
    if (kolom !== undefined) assert.equal(e.kolom, kolom);
    return true;
  });
}

describe('kelas usaha by modal (PP 7/2021 Pasal 35 ayat 3)', () => {
  const cases: [number, KelasUsaha][] = [
    [0, 'mikro'],
    [1, 'mikro'],
    [1 * M, 'mikro'],
    [1 * M + 1, 'kecil'],
    [5 * M, 'kecil'],
    [5 * M + 1, 'menengah'],
    [10 * M, 'menengah'],
    [10 * M + 1, 'besar'],
    [Number.MAX_SAFE_INTEGER, 'besar'],
  ];
  for (const [modal, kelas] of cases) {
    it(`Rp${modal} of modal is ${kelas}`, () => {
      const h = kelasUsaha({ modal });
      assert.equal(h.kelas, kelas);
      assert.equal(h.dasar, 'modal');
      assert.equal(h.sebab, 'belum_ada_penjualan');
      assert.equal(h.nilai, modal);
      assert.deepEqual(h.menurut, { modal: kelas, penjualan: null });
    });
  }
});

describe('kelas usaha by annual sales (PP 7/2021 Pasal 35 ayat 5)', () => {
  const cases: [number, KelasUsaha][] = [
    [0, 'mikro'],
    [2 * M, 'mikro'],
    [2 * M + 1, 'kecil'],
    [15 * M, 'kecil'],
    [15 * M + 1, 'menengah'],
    [50 * M, 'menengah'],
    [50 * M + 1, 'besar'],
  ];
  for (const [penjualan, kelas] of cases) {
    it(`Rp${penjualan} of sales is ${kelas}`, () => {
      const h = kelasUsaha({ penjualan });
      assert.equal(h.kelas, kelas);
      assert.equal(h.dasar, 'penjualan');
      assert.equal(h.sebab, 'ada_penjualan');
      assert.deepEqual(h.menurut, { modal: null, penjualan: kelas });
    });
  }

  it('exposes the ceilings', () => {
    assert.deepEqual(BATAS_KELAS.modal, { mikro: 1 * M, kecil: 5 * M, menengah: 10 * M });
    assert.deepEqual(BATAS_KELAS.penjualan, { mikro: 2 * M, kecil: 15 * M, menengah: 50 * M });
    assert.equal(kelasMenurut('modal', 2 * M), 'kecil');
    assert.equal(kelasMenurut('penjualan', 2 * M), 'mikro');
  });
});

describe('the deciding criterion', () => {
  it('uses the annual sales when there is a figure, even if the modal says otherwise', () => {
    // modal says kecil (Rp3 M), sales say mikro (Rp1,5 M): a running business is mikro.
    const h = kelasUsaha({ modal: 3 * M, penjualan: 1.5 * M });
    assert.equal(h.kelas, 'mikro');
    assert.equal(h.dasar, 'penjualan');
    assert.equal(h.sebab, 'ada_penjualan');
    assert.equal(h.nilai, 1.5 * M);
    assert.deepEqual(h.menurut, { modal: 'kecil', penjualan: 'mikro' });
    // and the other way round: small modal, large sales -> menengah.
    assert.equal(kelasUsaha({ modal: 100_000_000, penjualan: 20 * M }).kelas, 'menengah');
  });

  it('uses the modal when there is no sales figure yet (null or undefined), but 0 is a figure', () => {
    assert.equal(kelasUsaha({ modal: 3 * M, penjualan: null }).dasar, 'modal');
    assert.equal(kelasUsaha({ modal: 3 * M, penjualan: undefined }).kelas, 'kecil');
    const nol = kelasUsaha({ modal: 3 * M, penjualan: 0 });
    assert.equal(nol.dasar, 'penjualan');
    assert.equal(nol.kelas, 'mikro');
  });

  it('follows an explicit dasar', () => {
    const h = kelasUsaha({ modal: 3 * M, penjualan: 1 * M, dasar: 'modal' });
    assert.equal(h.kelas, 'kecil');
    assert.equal(h.dasar, 'modal');
    assert.equal(h.sebab, 'dipilih');
    assert.equal(kelasUsaha({ modal: 3 * M, penjualan: 16 * M, dasar: 'penjualan' }).kelas, 'menengah');
  });

  it('refuses a dasar without its figure, an unknown dasar, and no figure at all', () => {
    ditolak(() => kelasUsaha({ penjualan: 1 * M, dasar: 'modal' }), 'dasar_tanpa_angka', 'modal');
    ditolak(() => kelasUsaha({ modal: 1 * M, dasar: 'penjualan' }), 'dasar_tanpa_angka', 'penjualan');
    ditolak(
      () => kelasUsaha({ modal: 1, dasar: 'omzet' } as unknown as InputKelas),
      'dasar_tidak_dikenal',
      'dasar',
    );
    ditolak(() => kelasUsaha({}), 'tanpa_angka', null);
    ditolak(() => kelasUsaha({ modal: null, penjualan: null }), 'tanpa_angka', null);
  });
});

describe('bad amounts', () => {
  it('periksaRupiah names the fault', () => {
    assert.equal(periksaRupiah(0), null);
    assert.equal(periksaRupiah(Number.MAX_SAFE_INTEGER), null);
    assert.equal(periksaRupiah(-1), 'negatif');
    assert.equal(periksaRupiah(-Infinity), 'negatif');
    assert.equal(periksaRupiah(1.5), 'bukan_bulat');
    assert.equal(periksaRupiah(Number.MAX_SAFE_INTEGER + 1), 'tidak_aman');
    assert.equal(periksaRupiah(1e20), 'tidak_aman');
    assert.equal(periksaRupiah(Infinity), 'tidak_aman');
    assert.equal(periksaRupiah(NaN), 'bukan_angka');
    assert.equal(periksaRupiah('1000'), 'bukan_angka');
    assert.equal(periksaRupiah(1000n), 'bukan_angka');
  });

  it('kelasUsaha refuses them with the field at fault, even on the criterion not used', () => {
    ditolak(() => kelasUsaha({ modal: -1 }), 'negatif', 'modal');
    ditolak(() => kelasUsaha({ penjualan: 2 * M + 0.5 }), 'bukan_bulat', 'penjualan');
    ditolak(() => kelasUsaha({ modal: 2 ** 53 }), 'tidak_aman', 'modal');
    ditolak(() => kelasUsaha({ modal: NaN, penjualan: 1 }), 'bukan_angka', 'modal');
    ditolak(() => kelasUsaha({ modal: '5' as unknown as number }), 'bukan_angka', 'modal');
    ditolak(() => kelasUsaha({ modal: 1, penjualan: -5 }), 'negatif', 'penjualan');
  });
});

describe('pergerakanKelas', () => {
  it('reports each year, oldest first, with the move from the previous year', () => {
    const p = pergerakanKelas([
      { tahun: 2024, penjualan: 3 * M }, // kecil
      { tahun: 2021, modal: 500_000_000 }, // registration: mikro by modal
      { tahun: 2022, modal: 500_000_000, penjualan: 2 * M }, // mikro (exactly the ceiling)
      { tahun: 2023, penjualan: 2 * M + 1 }, // kecil
      { tahun: 2025, penjualan: 1 * M }, // back to mikro
    ]);
    assert.deepEqual(
      p.tahunan.map((t) => [t.tahun, t.kelas, t.dasar, t.gerak, t.kelasSebelum, t.langkah]),
      [
        [2021, 'mikro', 'modal', 'awal', null, 0],
        [2022, 'mikro', 'penjualan', 'tetap', 'mikro', 0],
        [2023, 'kecil', 'penjualan', 'naik', 'mikro', 1],
        [2024, 'kecil', 'penjualan', 'tetap', 'kecil', 0],
        [2025, 'mikro', 'penjualan', 'turun', 'kecil', -1],
      ],
    );
    assert.equal(p.kelasAwal, 'mikro');
    assert.equal(p.kelasAkhir, 'mikro');
    assert.equal(p.arah, 'tetap');
    assert.equal(p.naik, 1);
    assert.equal(p.turun, 1);
  });

  it('counts a jump of several classes and a gap between years', () => {
    const p = pergerakanKelas([
      { tahun: 2020, penjualan: 1 * M },
      { tahun: 2023, penjualan: 60 * M },
    ]);
    const akhir = p.tahunan[1];
    assert.equal(akhir?.gerak, 'naik');
    assert.equal(akhir?.langkah, 3);
    assert.equal(akhir?.tahunSebelum, 2020);
    assert.equal(p.arah, 'naik');
    assert.equal(p.kelasAkhir, 'besar');
  });

  it('reports a net move down', () => {
    const p = pergerakanKelas([
      { tahun: 2022, penjualan: 16 * M },
      { tahun: 2023, penjualan: 14 * M },
      { tahun: 2024, penjualan: 1 * M },
    ]);
    assert.deepEqual(
      p.tahunan.map((t) => t.gerak),
      ['awal', 'turun', 'turun'],
    );
    assert.equal(p.arah, 'turun');
    assert.equal(p.turun, 2);
  });

  it('handles an empty and a one-year history', () => {
    assert.deepEqual(pergerakanKelas([]), {
      tahunan: [],
      kelasAwal: null,
      kelasAkhir: null,
      arah: 'tetap',
      naik: 0,
      turun: 0,
    });
    const satu = pergerakanKelas([{ tahun: 2024, modal: 6 * M }]);
    assert.equal(satu.tahunan[0]?.kelas, 'menengah');
    assert.equal(satu.arah, 'tetap');
  });

  it('refuses bad years and bad amounts, naming the year', () => {
    ditolak(
      () =>
        pergerakanKelas([
          { tahun: 2023, penjualan: 1 },
          { tahun: 2023, penjualan: 2 },
        ]),
      'tahun_ganda',
      'tahun',
    );
    ditolak(() => pergerakanKelas([{ tahun: 2023.5, penjualan: 1 }]), 'tahun_tidak_sah', 'tahun');
    ditolak(() => pergerakanKelas([{ tahun: 1800, penjualan: 1 }]), 'tahun_tidak_sah', 'tahun');
    assert.throws(
      () =>
        pergerakanKelas([
          { tahun: 2022, penjualan: 1 },
          { tahun: 2023, penjualan: -1 },
        ]),
      (e: unknown) => e instanceof KelasUsahaError && e.alasan === 'negatif' && e.tahun === 2023,
    );
    ditolak(() => pergerakanKelas([{ tahun: 2023 }]), 'tanpa_angka', null);
  });

  it('orders the classes', () => {
    assert.equal(bandingkanKelas('mikro', 'kecil'), -1);
    assert.equal(bandingkanKelas('besar', 'menengah'), 1);
    assert.equal(bandingkanKelas('kecil', 'kecil'), 0);
  });
});
