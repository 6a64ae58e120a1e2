import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readKuantitas, readRupiah, type Bacaan } from './angka.ts';
import { formatNumber, formatRupiah, registerMessages, t } from './i18n/index.ts';
import { platformMessages } from './i18n/messages.ts';

registerMessages(platformMessages);

const nilai = (b: Bacaan) => (b.ok ? b.nilai : null);
const galat = (b: Bacaan) => (b.ok ? null : b.galat);

describe('rupiah as typed', () => {
  it('reads digits, thousands dots and an Rp prefix', () => {
    assert.equal(nilai(readRupiah('1.000')), 1000);
    assert.equal(nilai(readRupiah('1.000.000')), 1_000_000);
    assert.equal(nilai(readRupiah('25000')), 25000);
    assert.equal(nilai(readRupiah(' Rp 10.000 ')), 10000);
    assert.equal(nilai(readRupiah('Rp10.000')), 10000);
    assert.equal(nilai(readRupiah('rp. 5.000')), 5000);
    assert.equal(nilai(readRupiah('0')), 0);
    assert.equal(nilai(readRupiah('Rp15.000,-')), 15000);
    assert.equal(nilai(readRupiah('1.500.000,00')), 1_500_000);
    assert.equal(nilai(readRupiah(7)), 7);
  });

  it('refuses odd forms with a message for each', () => {
    for (const s of [
      '0x10',
      '1e3',
      '-5',
      '+5',
      '1 000',
      '1,500,000',
      '10.00',
      '1.0000',
      '0.500',
      'abc',
      'Rp',
      'Infinity',
      '١٢',
    ])
      assert.equal(galat(readRupiah(s)), s === 'Rp' ? 'validation.required' : 'angka.rupiah.bukanAngka', s);
    assert.equal(galat(readRupiah('10.000,50')), 'angka.rupiah.desimal');
    assert.equal(galat(readRupiah('10,5')), 'angka.rupiah.desimal');
    assert.equal(galat(readRupiah(2.5)), 'angka.rupiah.desimal');
    assert.equal(galat(readRupiah(true)), 'angka.rupiah.bukanAngka');
    assert.equal(galat(readRupiah(-1)), 'angka.rupiah.bukanAngka');
    assert.equal(galat(readRupiah('')), 'validation.required');
    assert.equal(galat(readRupiah('0', { positif: true })), 'angka.harusPositif');
    const besar = readRupiah('1.000.000.001');
    assert.equal(galat(besar), 'angka.terlaluBesar');
    assert.ok(!besar.ok && besar.params.max === formatRupiah(1_000_000_000));
    assert.equal(galat(readRupiah('99999999999999999999999')), 'angka.terlaluBesar');
    assert.equal(galat(readRupiah('150', { max: 100 })), 'angka.terlaluBesar');
  });

  it('reads back every amount as the platform formats it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (n) => {
        assert.equal(nilai(readRupiah(formatNumber(n))), n);
        assert.equal(nilai(readRupiah(formatRupiah(n))), n);
        assert.equal(nilai(readRupiah(String(n))), n);
      }),
    );
  });

  it('never reads a string that is not digits in the accepted notation', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (s) => {
        const r = readRupiah(s);
        const core = s
          .trim()
          .replace(/^rp\.?\s*/i, '')
          .replace(/,(-|0{1,2})$/, '');
        if (r.ok) assert.match(core, /^(\d+|[1-9]\d{0,2}(\.\d{3})+)$/);
      }),
    );
  });
});

describe('quantities as typed', () => {
  it('reads digits with a decimal comma', () => {
    assert.equal(nilai(readKuantitas('1,5')), 1.5);
    assert.equal(nilai(readKuantitas('0,25')), 0.25);
    assert.equal(nilai(readKuantitas(' 3 ')), 3);
    assert.equal(nilai(readKuantitas('0,125')), 0.125);
    assert.equal(nilai(readKuantitas('1000')), 1000);
    assert.equal(nilai(readKuantitas(2.5)), 2.5);
  });

  it('refuses a dot, saying to use a comma and what "1.000" means', () => {
    const r = readKuantitas('1.000');
    assert.ok(!r.ok);
    assert.equal(r.galat, 'angka.kuantitas.ribuan');
    assert.deepEqual(r.params, { nilai: '1.000', polos: '1000', koma: '1,000' });
    const text = t('id', r.galat, r.params);
    assert.match(text, /1000/);
    assert.match(text, /koma/);
    const d = readKuantitas('2.5');
    assert.ok(!d.ok);
    assert.equal(d.galat, 'angka.kuantitas.titik');
    assert.match(t('id', d.galat, d.params), /tulis 2,5, bukan 2\.5.*"1\.000" dibaca seribu/);
  });

  it('refuses odd forms with a message for each', () => {
    for (const s of ['1e3', '0x10', '-1', '+1', '1,2,3', ',5', '5,', 'NaN', '1 000', true, null, {}])
      assert.equal(galat(readKuantitas(s)), 'angka.kuantitas.bukanAngka', String(s));
    assert.equal(galat(readKuantitas('1,2345')), 'angka.kuantitas.desimal');
    assert.equal(galat(readKuantitas(0.0001)), 'angka.kuantitas.desimal');
    assert.equal(galat(readKuantitas('0', { positif: true })), 'angka.harusPositif');
    assert.equal(galat(readKuantitas('0,000', { positif: true })), 'angka.harusPositif');
    assert.equal(galat(readKuantitas('100001', { max: 100000 })), 'angka.terlaluBesar');
    assert.equal(galat(readKuantitas('99999999999999999999')), 'angka.terlaluBesar');
    assert.equal(nilai(readKuantitas('1,123456', { desimal: 6 })), 1.123456);
  });

  it('reads back every quantity written with a comma, and refuses every one written with a dot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (milli) => {
        const whole = Math.floor(milli / 1000);
        const frac = String(milli % 1000).padStart(3, '0');
        assert.equal(nilai(readKuantitas(`${whole},${frac}`)), milli / 1000);
        const dotted = readKuantitas(`${formatNumber(whole)}.${frac}`);
        assert.equal(dotted.ok, false);
        if (whole >= 1000) assert.equal(nilai(readKuantitas(`${formatNumber(whole)},${frac}`)), null);
      }),
    );
  });
});
