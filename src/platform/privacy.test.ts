import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, maskEmail, maskNik, maskPhone } from './privacy.ts';

describe('personal data masking', () => {
  it('masks phone numbers, NIK and emails', () => {
    assert.equal(maskPhone('081234567890'), '0812****7890');
    assert.equal(maskPhone('+6281234567890'), '+628******7890');
    assert.equal(maskPhone('12345678'), '********');
    assert.equal(maskPhone(null), null);
    assert.equal(maskNik('3273010101010001'), '3273********0001');
    assert.equal(maskNik(undefined), null);
    assert.equal(maskEmail('ani@contoh.id'), 'a**@contoh.id');
    assert.equal(maskEmail('x'), '***');
  });
});

describe('encryption at rest', () => {
  const key = randomBytes(32);

  it('round-trips, and the same value never encrypts to the same bytes', () => {
    const a = encrypt(key, '3273010101010001');
    const b = encrypt(key, '3273010101010001');
    assert.notDeepEqual(a, b);
    assert.equal(decrypt(key, a), '3273010101010001');
    assert.equal(decrypt(key, b), '3273010101010001');
    assert.ok(!a.toString('latin1').includes('3273010101010001'));
  });

  it('refuses a tampered value or a wrong key', () => {
    const sealed = encrypt(key, '3273010101010001');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    assert.throws(() => decrypt(key, tampered));
    assert.throws(() => decrypt(randomBytes(32), sealed));
    assert.throws(() => decrypt(key, Buffer.from([9, ...sealed.subarray(1)])), /Unknown encryption format/);
  });
});
