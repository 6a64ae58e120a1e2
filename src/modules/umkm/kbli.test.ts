import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TINGKAT_KBLI,
  VERSI_KBLI,
  VERSI_KBLI_BAKU,
  anakKbli,
  cariKbli,
  isVersiKbli,
  jalurKbli,
  kbli,
  semuaKbli,
  uraiKbliCsv,
  validKbli,
} from './kbli.ts';

describe('KBLI 2020 data', () => {
  it('has every level, with the counts of the file', () => {
    const semua = semuaKbli('2020');
    const count = (t: string) => semua.filter((e) => e.tingkat === t).length;
    assert.deepEqual(
      TINGKAT_KBLI.map((t) => count(t)),
      [87, 244, 565, 1790],
    );
    assert.ok(
      semua.every((e) => e.versi === '2020' && e.kode.length === TINGKAT_KBLI.indexOf(e.tingkat) + 2),
    );
  });

  it('is read once and shared (entries are frozen)', () => {
    assert.equal(semuaKbli(), semuaKbli('2020'));
    const e = kbli('10794');
    assert.ok(e);
    assert.ok(Object.isFrozen(e));
    assert.equal(kbli('10794'), e);
  });
});

describe('look-up by code', () => {
  it('finds known kelompok codes, with their version', () => {
    assert.deepEqual(kbli('10794'), {
      versi: '2020',
      kode: '10794',
      tingkat: 'kelompok',
      judul: 'Industri Kerupuk, Keripik, Peyek Dan Sejenisnya',
      induk: '1079',
    });
    assert.equal(kbli('10792')?.judul, 'Industri Kue Basah');
    assert.equal(kbli('56102', '2020')?.judul, 'Rumah/Warung Makan');
    assert.equal(kbli(' 10794 ')?.kode, '10794');
  });

  it('finds the higher levels too', () => {
    assert.equal(kbli('1079')?.tingkat, 'subgolongan');
    assert.equal(kbli('107')?.tingkat, 'golongan');
    assert.equal(kbli('10')?.tingkat, 'golongan_pokok');
    assert.equal(kbli('10')?.induk, null);
    assert.equal(kbli('01')?.kode, '01');
  });

  it('returns null for unknown codes and versions', () => {
    for (const kode of ['', '1', '99999', '10798', '107940', '1079A', 'abc'])
      assert.equal(kbli(kode), null, kode);
    assert.equal(kbli('10794', '2025'), null);
    assert.equal(kbli('10794', '2017'), null);
  });

  it('gives the path and the children of a code', () => {
    assert.deepEqual(
      jalurKbli('10794').map((e) => e.kode),
      ['10', '107', '1079', '10794'],
    );
    // 4942 is missing from the file: the path skips it.
    assert.deepEqual(
      jalurKbli('49421').map((e) => e.kode),
      ['49', '494', '49421'],
    );
    assert.deepEqual(jalurKbli('99999'), []);
    assert.deepEqual(
      anakKbli('1079').map((e) => e.kode),
      ['10791', '10792', '10793', '10794', '10795', '10796', '10799'],
    );
    assert.deepEqual(anakKbli('10794'), []);
    assert.deepEqual(anakKbli('10794', '2025'), []);
  });
});

describe('validKbli', () => {
  it('accepts 5-digit kelompok codes of the version', () => {
    assert.equal(validKbli('10794'), true);
    assert.equal(validKbli('10792', '2020'), true);
    assert.equal(validKbli('49421'), true); // its subgolongan is missing from the file
    assert.equal(validKbli('99000'), true);
  });

  it('refuses higher levels, unknown codes, bad input and other versions', () => {
    for (const kode of ['1079', '107', '10', '10798', '00000', '1079-4', '107944', '', '１０７９４']) {
      assert.equal(validKbli(kode), false, kode);
    }
    assert.equal(validKbli(10794 as unknown as string), false);
    assert.equal(validKbli('10794', '2025'), false);
    assert.equal(validKbli('10794', ''), false);
  });

  it('knows its versions', () => {
    assert.deepEqual([...VERSI_KBLI], ['2020']);
    assert.equal(VERSI_KBLI_BAKU, '2020');
    assert.equal(isVersiKbli('2020'), true);
    assert.equal(isVersiKbli('2025'), false);
    assert.equal(isVersiKbli(2020), false);
  });
});

describe('search by title', () => {
  it('finds keripik and kue', () => {
    assert.deepEqual(
      cariKbli('keripik').map((e) => e.kode),
      ['10794'],
    );
    assert.deepEqual(
      cariKbli('KERIPIK Peyek').map((e) => e.kode),
      ['10794'],
    );
    const kue = cariKbli('kue basah', { tingkat: 'kelompok' }).map((e) => e.kode);
    assert.deepEqual(kue, ['10792', '47242', '47822']);
  });

  it('matches word beginnings, not the middle of a word', () => {
    assert.ok(cariKbli('kerup').some((e) => e.kode === '10794'));
    // "ringan" is inside "Pengeringan" but begins no word there: only the soft drinks.
    assert.deepEqual(
      cariKbli('ringan').map((e) => e.kode),
      ['1104', '11040'],
    );
  });

  it('ranks whole-word matches first', () => {
    const hasil = cariKbli('warung');
    assert.equal(hasil[0]?.kode, '56102');
  });

  it('filters by level, limits, and accepts a code prefix', () => {
    const kelompok = cariKbli('makanan', { tingkat: 'kelompok', batas: 3 });
    assert.equal(kelompok.length, 3);
    assert.ok(kelompok.every((e) => e.tingkat === 'kelompok'));
    assert.deepEqual(
      cariKbli('1079 makanan').map((e) => e.kode),
      ['1079', '10791', '10793', '10799'],
    );
    assert.equal(cariKbli('a', { batas: 1000 }).length, 100);
    assert.equal(cariKbli('industri').length, 20);
  });

  it('finds nothing for an empty query or an unknown version', () => {
    assert.deepEqual(cariKbli(''), []);
    assert.deepEqual(cariKbli(' ,. '), []);
    assert.deepEqual(cariKbli('keripik', { versi: '2025' }), []);
    assert.deepEqual(cariKbli('zzzz'), []);
  });
});

describe('uraiKbliCsv', () => {
  const header = 'kode,tingkat,judul,induk\n';
  it('parses a well-formed file', () => {
    const e = uraiKbliCsv(`${header}10,golongan_pokok,"Industri Makanan",\n107,golongan,Lain,10\n`, '2020');
    assert.deepEqual(
      e.map((x) => [x.kode, x.induk]),
      [
        ['10', null],
        ['107', '10'],
      ],
    );
  });

  it('refuses a malformed file, naming the line', () => {
    assert.throws(() => uraiKbliCsv('code,level,title,parent\n', '2020'), /unexpected header/);
    assert.throws(() => uraiKbliCsv(`${header}10,kategori,X,\n`, '2020'), /line 2: unknown tingkat/);
    assert.throws(() => uraiKbliCsv(`${header}100,golongan_pokok,X,\n`, '2020'), /line 2: bad kode/);
    assert.throws(
      () => uraiKbliCsv(`${header}10,golongan_pokok,X,\n10,golongan_pokok,Y,\n`, '2020'),
      /line 3: duplicate/,
    );
    assert.throws(
      () => uraiKbliCsv(`${header}10,golongan_pokok,X,\n107,golongan,Y,11\n`, '2020'),
      /line 3: bad induk/,
    );
    assert.throws(() => uraiKbliCsv(`${header}10,golongan_pokok,,\n`, '2020'), /empty judul/);
  });
});
