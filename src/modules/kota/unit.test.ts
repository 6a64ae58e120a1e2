/** The kota rules that need no database: logo sniffing, module switches, audit diffs, CSV, WIB dates, messages. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { HttpProblem } from '../../platform/http/problem.ts';
import { hasMessage, registerMessages } from '../../platform/i18n/index.ts';
import { checkModules, normaliseContact, sniffLogo } from './settings-service.ts';
import { csvCell, diff, todayWib, wibMidnight, wibTimestamp } from './audit-service.ts';
import { temporaryPassword } from './users-service.ts';
import { kotaMessages } from './messages.ts';
import { kotaPermissions } from './permissions.ts';
import { JPEG, PNG, SVG, WEBP } from '../../../tests/helpers/kota.ts';

function problem(fn: () => unknown): HttpProblem {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpProblem) return err;
    throw err;
  }
  throw new Error('expected an HttpProblem');
}

describe('logo sniffing', () => {
  it('recognises the allowed types by their bytes', () => {
    assert.equal(sniffLogo(PNG).type, 'image/png');
    assert.equal(sniffLogo(JPEG).type, 'image/jpeg');
    assert.equal(sniffLogo(WEBP).type, 'image/webp');
    assert.equal(sniffLogo(SVG).type, 'image/svg+xml');
    assert.equal(sniffLogo(Buffer.from('\ufeff  <svg viewBox="0 0 1 1"></svg>')).type, 'image/svg+xml');
  });

  it('refuses everything else with a field error', () => {
    const cases: [unknown, string][] = [
      [undefined, 'kota.logo.missing'],
      ['iVBORw0KGgo', 'kota.logo.missing'],
      [Buffer.alloc(0), 'kota.logo.missing'],
      [Buffer.alloc(512 * 1024 + 1, 0x89), 'kota.logo.tooLarge'],
      [Buffer.from('GIF89a'), 'kota.logo.badType'],
      [Buffer.from('<html><svg></svg></html>'), 'kota.logo.badType'],
      [Buffer.from([0xff, 0xfe, 0x3c, 0x00]), 'kota.logo.badType'],
      [Buffer.from('<svg><script>x</script></svg>'), 'kota.logo.unsafeSvg'],
      [Buffer.from('<svg><SCRIPT href="x.js"/></svg>'), 'kota.logo.unsafeSvg'],
      [Buffer.from('<svg onload="x()"></svg>'), 'kota.logo.unsafeSvg'],
      [Buffer.from('<svg><rect onclick = "x()"/></svg>'), 'kota.logo.unsafeSvg'],
      [Buffer.from('<svg><a xlink:href="javascript:x()"/></svg>'), 'kota.logo.unsafeSvg'],
      [Buffer.from('<svg><foreignObject><div/></foreignObject></svg>'), 'kota.logo.unsafeSvg'],
      [
        Buffer.from('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>'),
        'kota.logo.badType',
      ],
    ];
    for (const [data, key] of cases) {
      const p = problem(() => sniffLogo(data));
      assert.equal(p.status, 400);
      assert.equal(p.titleKey, key, String(data).slice(0, 40));
      assert.deepEqual(
        p.errors?.map((e) => e.pointer),
        ['/body/logo'],
      );
    }
  });
});

describe('city settings rules', () => {
  const catalogue = [
    { name: 'wilayah', label: 'wilayah.module', optional: false },
    { name: 'umkm', label: 'umkm.module', optional: true },
    { name: 'sampah', label: 'sampah.module', optional: true },
  ];

  it('accepts only registered optional modules, in registry order', () => {
    assert.deepEqual(checkModules(['sampah', 'umkm', 'sampah'], catalogue), ['umkm', 'sampah']);
    assert.deepEqual(checkModules([], catalogue), []);
    assert.equal(problem(() => checkModules(['wilayah'], catalogue)).errors?.[0]?.pointer, '/body/modules');
    assert.equal(problem(() => checkModules(['pajak'], catalogue)).params?.name, 'pajak');
  });

  it('trims the contact, drops empty fields and requires an http(s) website', () => {
    assert.deepEqual(
      normaliseContact({ alamat: ' Jl. A ', telepon: '', email: 'A@B.ID', situs: 'https://x.id' }),
      {
        alamat: 'Jl. A',
        email: 'a@b.id',
        situs: 'https://x.id',
      },
    );
    assert.equal(
      problem(() => normaliseContact({ situs: 'javascript:alert(1)' })).errors?.[0]?.pointer,
      '/body/contact/situs',
    );
  });
});

describe('audit diffs and CSV', () => {
  it('an update lists the changed fields, without tenant and time stamp noise', () => {
    const changes = diff({
      action: 'update',
      before: { tenant_id: '32.73', id: 'u', name: 'A', phone: '081234567890', updated_at: '1' },
      after: { tenant_id: '32.73', id: 'u', name: 'B', phone: '081234567899', updated_at: '2' },
    });
    assert.deepEqual(changes, [
      { field: 'name', before: 'A', after: 'B' },
      { field: 'phone', before: '0812****7890', after: '0812****7899' },
    ]);
  });

  it('an update that only touched a redacted value shows that value', () => {
    const changes = diff({
      action: 'update',
      before: { password_hash: '[disamarkan]', name: 'A', updated_at: '1' },
      after: { password_hash: '[disamarkan]', name: 'A', updated_at: '2' },
    });
    assert.deepEqual(changes, [{ field: 'password_hash', before: '[disamarkan]', after: '[disamarkan]' }]);
  });

  it('inserts and deletes list the set fields', () => {
    assert.deepEqual(diff({ action: 'insert', before: null, after: { tenant_id: 'x', a: 1, b: null } }), [
      { field: 'a', before: null, after: 1 },
    ]);
    assert.deepEqual(
      diff({ action: 'delete', before: { a: [1], ketua_telepon: '0812345678' }, after: null }),
      [
        { field: 'a', before: [1], after: null },
        { field: 'ketua_telepon', before: '0812**5678', after: null },
      ],
    );
  });

  it('CSV cells are quoted when needed and never start a formula', () => {
    assert.equal(csvCell('biasa'), 'biasa');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('kata "kutip"'), '"kata ""kutip"""');
    assert.equal(csvCell('baris\nbaru'), '"baris\nbaru"');
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('+62'), "'+62");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('-x'), "'-x");
  });

  it('days are WIB days', () => {
    assert.equal(wibMidnight('2026-05-01')?.toISOString(), '2026-04-30T17:00:00.000Z');
    assert.equal(wibMidnight('2026-02-31'), null);
    assert.equal(wibMidnight('2026-13-01'), null);
    assert.equal(wibMidnight('kemarin'), null);
    assert.equal(todayWib(new Date('2026-04-30T17:30:00Z')), '2026-05-01');
    assert.equal(wibTimestamp('2026-04-30T17:30:05Z'), '2026-05-01 00:30:05');
  });
});

describe('kota odds and ends', () => {
  it('temporary passwords are long enough and differ', () => {
    const a = temporaryPassword();
    assert.equal(a.length, 14);
    assert.match(a, /^[a-km-zA-HJ-NP-Z2-9]+$/);
    assert.notEqual(a, temporaryPassword());
  });

  it('every message key used in the kota code exists in Bahasa Indonesia and English', () => {
    registerMessages(kotaMessages);
    const dir = import.meta.dirname;
    const permissions = new Set(Object.keys(kotaPermissions));
    const used = new Set<string>();
    // Recursive: the screens live in pages/.
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    )) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      for (const m of text.matchAll(/'(kota\.[a-zA-Z0-9_.]+)'/g))
        if (!permissions.has(m[1]!)) used.add(m[1]!);
    }
    assert.ok(used.size > 50);
    const missing = [...used].filter((k) => !hasMessage(k));
    assert.deepEqual(missing, []);
    // Keys built at run time.
    for (const k of [
      'kota.audit.action.insert',
      'kota.audit.action.update',
      'kota.audit.action.delete',
      'kota.area.level.rw',
    ]) {
      assert.ok(hasMessage(k), k);
    }
    assert.deepEqual(Object.keys(kotaMessages.id).sort(), Object.keys(kotaMessages.en).sort());
  });
});
