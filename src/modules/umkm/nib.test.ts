import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { maskNik as maskNikPlatform } from '../../platform/privacy.ts';
import { formatNpwp15, maskNik, normalisasiNomor, periksaNib, periksaNik, periksaNpwp } from './nib.ts';

describe('normalisasiNomor', () => {
  it('strips spaces, dots and dashes of any kind, and nothing else', () => {
    assert.equal(normalisasiNomor(' 01.234.567.8-901.000 '), '012345678901000');
    assert.equal(normalisasiNomor('01\u00a0234\t567\u20138\u2014901\u2212000'), '012345678901000');
    assert.equal(normalisasiNomor('12/34_5'), '12/34_5');
  });
});

describe('NIB', () => {
  it('accepts 13 digits and keeps leading zeros', () => {
    assert.deepEqual(periksaNib('9120001234567'), { ok: true, nilai: '9120001234567' });
    assert.deepEqual(periksaNib(' 0220 0012 3456 7 '), { ok: true, nilai: '0220001234567' });
    assert.deepEqual(periksaNib('0220-001-234-567'), { ok: true, nilai: '0220001234567' });
    assert.deepEqual(periksaNib('0220.001.234.567'), { ok: true, nilai: '0220001234567' });
  });

  it('refuses with a reason', () => {
    assert.deepEqual(periksaNib('912000123456'), { ok: false, alasan: 'panjang_salah', panjang: 12 });
    assert.deepEqual(periksaNib('91200012345678'), { ok: false, alasan: 'panjang_salah', panjang: 14 });
    assert.deepEqual(periksaNib('91200012345A7'), { ok: false, alasan: 'karakter_tidak_sah', karakter: 'A' });
    assert.deepEqual(periksaNib('912000123456\uff17'), {
      ok: false,
      alasan: 'karakter_tidak_sah',
      karakter: '\uff17',
    });
    assert.deepEqual(periksaNib('0000000000000'), { ok: false, alasan: 'semua_nol' });
    assert.deepEqual(periksaNib(''), { ok: false, alasan: 'kosong' });
    assert.deepEqual(periksaNib(' .- '), { ok: false, alasan: 'kosong' });
    assert.deepEqual(periksaNib(null), { ok: false, alasan: 'kosong' });
    assert.deepEqual(periksaNib(undefined), { ok: false, alasan: 'kosong' });
    // A number has already lost its leading zeros: refused.
    assert.deepEqual(periksaNib(9120001234567), { ok: false, alasan: 'bukan_teks' });
  });
});

describe('NPWP', () => {
  it('accepts the old 15-digit format, printed or bare', () => {
    const want = { ok: true, nilai: '012345678901000', jenis: 'lama', npwp15: '012345678901000' };
    assert.deepEqual(periksaNpwp('01.234.567.8-901.000'), want);
    assert.deepEqual(periksaNpwp('012345678901000'), want);
    assert.deepEqual(periksaNpwp('01 234 567 8 901 000'), want);
  });

  it('accepts 16 digits: 0 + the old 15 digits, or a NIK', () => {
    assert.deepEqual(periksaNpwp('0012345678901000'), {
      ok: true,
      nilai: '0012345678901000',
      jenis: 'enam_belas',
      npwp15: '012345678901000',
    });
    assert.deepEqual(periksaNpwp('3273 0101 0190 0001'), {
      ok: true,
      nilai: '3273010101900001',
      jenis: 'nik',
      npwp15: null,
    });
  });

  it('refuses with a reason, including the NIK reason of a NIK-based NPWP', () => {
    assert.deepEqual(periksaNpwp('01.234.567.8-901.00'), { ok: false, alasan: 'panjang_salah', panjang: 14 });
    assert.deepEqual(periksaNpwp('0.01.234.567.8-901.0000'), {
      ok: false,
      alasan: 'panjang_salah',
      panjang: 17,
    });
    assert.deepEqual(periksaNpwp('01.234.567.8-901.000/1'), {
      ok: false,
      alasan: 'karakter_tidak_sah',
      karakter: '/',
    });
    assert.deepEqual(periksaNpwp('00.000.000.0-000.000'), { ok: false, alasan: 'semua_nol' });
    assert.deepEqual(periksaNpwp('9973010101900001'), { ok: false, alasan: 'kode_wilayah' });
    assert.deepEqual(periksaNpwp('3273013201900001'), { ok: false, alasan: 'tanggal_lahir' });
    assert.deepEqual(periksaNpwp(''), { ok: false, alasan: 'kosong' });
    assert.deepEqual(periksaNpwp(12345678901234), { ok: false, alasan: 'bukan_teks' });
  });

  it('formats 15 digits as printed', () => {
    assert.equal(formatNpwp15('012345678901000'), '01.234.567.8-901.000');
    assert.equal(formatNpwp15('0123'), '0123');
  });
});

describe('NIK (format only)', () => {
  it('accepts a plausible NIK, men and women', () => {
    assert.deepEqual(periksaNik('3273010101900001'), { ok: true, nilai: '3273010101900001' });
    assert.deepEqual(periksaNik('3273014101900002'), { ok: true, nilai: '3273014101900002' }); // woman, 1 Jan
    assert.deepEqual(periksaNik('3673057112850123'), { ok: true, nilai: '3673057112850123' }); // woman, 31 Dec
    assert.deepEqual(periksaNik('32.7301.010190.0001'), { ok: true, nilai: '3273010101900001' });
    assert.equal(periksaNik('9601013006000001').ok, true); // a province formed since 2022
  });

  it('accepts 29 February only in a year divisible by 4', () => {
    assert.equal(periksaNik('3273012902000003').ok, true); // 2000
    assert.equal(periksaNik('3273016902040003').ok, true); // woman, 2004
    assert.deepEqual(periksaNik('3273012902010003'), { ok: false, alasan: 'tanggal_lahir' });
    assert.equal(periksaNik('3273013004900001').ok, true); // 30 April
    assert.deepEqual(periksaNik('3273013104900001'), { ok: false, alasan: 'tanggal_lahir' }); // 31 April
  });

  it('refuses an impossible region code', () => {
    for (const nik of [
      '9973010101900001',
      '0073010101900001',
      '2073010101900001',
      '3200010101900001',
      '3273000101900001',
    ]) {
      assert.deepEqual(periksaNik(nik), { ok: false, alasan: 'kode_wilayah' }, nik);
    }
  });

  it('refuses an impossible date of birth', () => {
    // day 00, 32, 40 (neither man nor woman), 72 (woman, 32); month 00, 13
    for (const nik of [
      '3273010001900001',
      '3273013201900001',
      '3273014001900001',
      '3273017201900001',
      '3273010100900001',
      '3273010113900001',
    ]) {
      assert.deepEqual(periksaNik(nik), { ok: false, alasan: 'tanggal_lahir' }, nik);
    }
  });

  it('refuses serial 0000, wrong lengths and other characters', () => {
    assert.deepEqual(periksaNik('3273010101900000'), { ok: false, alasan: 'nomor_urut' });
    assert.deepEqual(periksaNik('327301010190001'), { ok: false, alasan: 'panjang_salah', panjang: 15 });
    assert.deepEqual(periksaNik('32730101019000011'), { ok: false, alasan: 'panjang_salah', panjang: 17 });
    assert.deepEqual(periksaNik('3273O10101900001'), {
      ok: false,
      alasan: 'karakter_tidak_sah',
      karakter: 'O',
    });
    assert.deepEqual(periksaNik('0000000000000000'), { ok: false, alasan: 'semua_nol' });
    assert.deepEqual(periksaNik(undefined), { ok: false, alasan: 'kosong' });
  });

  it('masks with the platform helper: 3273********0001', () => {
    assert.equal(maskNik, maskNikPlatform);
    assert.equal(maskNik('3273010101900001'), '3273********0001');
  });
});
