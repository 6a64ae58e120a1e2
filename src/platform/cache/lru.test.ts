import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CacheLru } from './lru.ts';

test('keeps at most maks entries, dropping the least recently used', () => {
  const c = new CacheLru<number>({ maks: 2, umurMs: 1000 });
  c.simpan('a', 1);
  c.simpan('b', 2);
  assert.equal(c.ambil('a'), 1); // a is now the most recent
  c.simpan('c', 3);
  assert.equal(c.ambil('b'), undefined, 'b was the least recently used');
  assert.equal(c.ambil('a'), 1);
  assert.equal(c.ambil('c'), 3);
  assert.deepEqual(c.statistik(), { kena: 3, luput: 1, ukuran: 2 });
});

test('an entry is forgotten once it is older than umurMs', () => {
  let t = 0;
  const c = new CacheLru<string>({ maks: 10, umurMs: 100, sekarang: () => t });
  c.simpan('k', 'v');
  t = 99;
  assert.equal(c.ambil('k'), 'v');
  t = 100;
  assert.equal(c.ambil('k'), undefined);
  assert.equal(c.statistik().ukuran, 0, 'the old entry is removed');
});

test('storing again replaces the value and its age', () => {
  let t = 0;
  const c = new CacheLru<string>({ maks: 10, umurMs: 100, sekarang: () => t });
  c.simpan('k', 'lama');
  t = 90;
  c.simpan('k', 'baru');
  t = 150;
  assert.equal(c.ambil('k'), 'baru');
  assert.equal(c.statistik().ukuran, 1);
});

test('maks 0 stores nothing; atur shrinks and can turn the cache off and on', () => {
  const c = new CacheLru<number>({ maks: 0, umurMs: 1000 });
  c.simpan('a', 1);
  assert.equal(c.ambil('a'), undefined);
  c.atur({ maks: 3 });
  for (const k of ['a', 'b', 'c']) c.simpan(k, 1);
  c.atur({ maks: 1 });
  assert.deepEqual(
    ['a', 'b', 'c'].map((k) => c.ambil(k)),
    [undefined, undefined, 1],
    'the most recent entry stays',
  );
  c.kosongkan();
  assert.equal(c.statistik().ukuran, 0);
});
