import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseTelepon, isTeleponValid } from './telepon.ts';

describe('phone numbers', () => {
  it('reads the ways Indonesians write a number into the one stored form', () => {
    for (const [typed, stored] of [
      ['+62 812 3456 7890', '081234567890'],
      ['0812-3456-7890', '081234567890'],
      ['0812.3456.7890', '081234567890'],
      ['62 812 3456 7890', '081234567890'],
      ['+62 (0)812-3456-7890', '081234567890'],
      ['(022) 4234793', '0224234793'],
      ['81234567890', '081234567890'],
      ['081234567890', '081234567890'],
      ['+65 9123 4567', '+6591234567'],
    ] as const) {
      const t = normaliseTelepon(typed);
      assert.equal(t, stored, typed);
      assert.ok(isTeleponValid(t!), typed);
    }
  });

  it('leaves nothing typed as nothing, and refuses what is no number', () => {
    assert.equal(normaliseTelepon(''), null);
    assert.equal(normaliseTelepon('  '), null);
    assert.equal(normaliseTelepon(null), null);
    assert.equal(normaliseTelepon(undefined), null);
    for (const typed of ['abc', '12ab', '0812', '+62', '12345678', '0812345678901234567'])
      assert.equal(isTeleponValid(normaliseTelepon(typed)!), false, typed);
  });
});
