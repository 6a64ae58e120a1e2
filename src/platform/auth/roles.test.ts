import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  actingRole,
  areaLevelOf,
  areasFor,
  can,
  covers,
  registerPermissions,
  rwAreaKode,
  type CurrentUser,
} from './roles.ts';

registerPermissions('contoh', {
  'contoh.rw.kelola': ['admin_kota', 'petugas_kecamatan', 'petugas_kelurahan', 'petugas_dinas'],
  'contoh.lihat': ['warga', 'pengurus_rw'],
});

const user = (roles: CurrentUser['roles']): CurrentUser => ({
  id: 'u',
  tenantId: '32.73',
  email: 'u@x.id',
  name: 'U',
  mustChangePassword: false,
  roles,
});

describe('areas', () => {
  it('knows the level of each code and which area contains which', () => {
    assert.equal(areaLevelOf('32.73'), 'kota');
    assert.equal(areaLevelOf('32.73.01'), 'kecamatan');
    assert.equal(areaLevelOf('32.73.01.1001'), 'kelurahan');
    assert.equal(areaLevelOf('32.73.01.1001.005'), 'rw');
    assert.equal(areaLevelOf('32.73.1'), null);
    assert.equal(rwAreaKode('32.73.01.1001', 5), '32.73.01.1001.005');
    assert.ok(covers('32.73', '32.73.01.1001.005'));
    assert.ok(covers('32.73.01', '32.73.01'));
    assert.ok(
      !covers('32.73.01', '32.73.010'),
      'a prefix is not enough: 32.73.01 does not contain 32.73.010',
    );
    assert.ok(!covers('32.73.01.1001', '32.73.01.1002.001'));
  });
});

describe('can', () => {
  const lurah = user([{ role: 'petugas_kelurahan', areaKode: '32.73.01.1001', module: null }]);
  const camat = user([{ role: 'petugas_kecamatan', areaKode: '32.73.01', module: null }]);
  const dinasLain = user([{ role: 'petugas_dinas', areaKode: '32.73', module: 'umkm' }]);
  const dinasIni = user([{ role: 'petugas_dinas', areaKode: '32.73', module: 'contoh' }]);

  it('limits a role to its area', () => {
    assert.ok(can(lurah, 'contoh.rw.kelola', '32.73.01.1001.003'));
    assert.ok(!can(lurah, 'contoh.rw.kelola', '32.73.01.1002.003'));
    assert.ok(can(camat, 'contoh.rw.kelola', '32.73.01.1002.003'));
    assert.ok(!can(camat, 'contoh.rw.kelola', '32.73.02.1001.001'));
    assert.ok(can(lurah, 'contoh.rw.kelola'), 'without an area: holds it somewhere');
    assert.ok(!can(lurah, 'contoh.lihat'));
    assert.ok(!can(null, 'contoh.lihat'));
  });

  it('limits petugas dinas to their own module', () => {
    assert.ok(!can(dinasLain, 'contoh.rw.kelola', '32.73.01'));
    assert.ok(can(dinasIni, 'contoh.rw.kelola', '32.73.01'));
  });

  it('lists the areas where a user holds a permission, and the role they act in', () => {
    const both = user([
      { role: 'warga', areaKode: '32.73', module: null },
      { role: 'petugas_kelurahan', areaKode: '32.73.01.1001', module: null },
      { role: 'petugas_kelurahan', areaKode: '32.73.01.1002', module: null },
    ]);
    assert.deepEqual(areasFor(both, 'contoh.rw.kelola'), ['32.73.01.1001', '32.73.01.1002']);
    assert.equal(actingRole(both, 'contoh.rw.kelola'), 'petugas_kelurahan');
    assert.equal(actingRole(both, 'contoh.lihat'), 'warga');
    assert.throws(() => can(both, 'contoh.tidak.ada'), /Unknown permission/);
  });

  it('refuses a permission outside the module or a clashing re-registration', () => {
    assert.throws(() => registerPermissions('contoh', { 'lain.x': ['warga'] }), /must start with "contoh."/);
    assert.throws(
      () => registerPermissions('contoh', { 'contoh.lihat': ['admin_kota'] }),
      /registered twice/,
    );
    registerPermissions('contoh', { 'contoh.lihat': ['warga', 'pengurus_rw'] });
  });
});
