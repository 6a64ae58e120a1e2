/**
 * The declaration of a member's fields (nasabah-fields.ts) is the one source: every declared field
 * is in the API bodies and the view, the form schema, the register and edit forms, the form to
 * service mapping, and the member page, with its labels in the catalogue.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasMessage, translator } from '../../platform/i18n/index.ts';
import { API, seedBank, useBankSampahBalai } from '../../../tests/helpers/bank-sampah-fixtures.ts';
import { NasabahCreateBody, NasabahForm, NasabahOut, NasabahPatchBody } from './admin-schemas.ts';
import { NASABAH_FIELDS, isPlain, isStored, onForm, type NasabahField } from './nasabah-fields.ts';
import type { NasabahView } from './nasabah-service.ts';
import { nasabahInputFrom } from './pages/admin-parts.ts';

const env = useBankSampahBalai();
const FIELDS: readonly NasabahField[] = NASABAH_FIELDS;
const props = (schema: unknown) => Object.keys((schema as { properties: object }).properties);

describe('the declaration of a member’s fields', () => {
  it('every stored field is in both API bodies and the view; every form name in the form schema', () => {
    for (const f of FIELDS.filter(isStored)) {
      assert.ok(props(NasabahCreateBody).includes(f.name), `register body: ${f.name}`);
      assert.ok(props(NasabahPatchBody).includes(f.name), `change body: ${f.name}`);
      assert.ok(props(NasabahOut).includes(f.name), `view: ${f.name}`);
    }
    for (const f of FIELDS) {
      for (const name of Object.keys(f.form)) assert.ok(props(NasabahForm).includes(name), `form: ${name}`);
      for (const key of [f.label, f.hint, f.detailLabel].filter((k) => k !== undefined))
        assert.ok(hasMessage(key), `message ${key}`);
    }
  });

  it('the form to service mapping carries every stored field', () => {
    const sent = Object.fromEntries(FIELDS.filter(isPlain).map((f) => [f.name, `isi ${f.name}`]));
    for (const creating of [true, false]) {
      const input = nasabahInputFrom(sent, creating) as Record<string, unknown>;
      for (const f of FIELDS.filter(isStored)) assert.ok(f.name in input, `input: ${f.name}`);
      for (const f of FIELDS.filter(isPlain)) assert.equal(input[f.name], `isi ${f.name}`);
    }
  });

  it('the register and edit forms have a control for every field, the member page a row', async () => {
    const t = translator('id');
    const op = await env.as('pengurus_rw');
    const bank = await seedBank(env.db);
    const base = `/bandung/bank-sampah/${bank.id}/nasabah`;
    const n = (
      await op.post(`${API}/banks/${bank.id}/nasabah`, {
        nama: 'Lengkap Sekali',
        alamat: 'Jl. Kenanga 3',
        telepon: '0812 3456 7890',
        nik: '3273012345670001',
        nikTujuan: 'Data bantuan',
      })
    ).json<NasabahView>();
    for (const [creating, url] of [
      [true, `${base}/baru`],
      [false, `${base}/${n.id}/ubah`],
    ] as const) {
      const form = await op.get(url); // (removing a NIK: only where one is stored)
      assert.equal(form.status, 200, form.body);
      for (const f of FIELDS.filter((x) => onForm(x, creating)))
        for (const name of Object.keys(f.form).filter((x) => !(creating && x === 'hapusNik')))
          assert.match(form.body, new RegExp(`name="${name}"`), `${url}: ${name}`);
    }
    const page = await op.get(`${base}/${n.id}`);
    for (const f of FIELDS.filter((x) => x.detail !== false))
      assert.ok(page.body.includes(`<dt>${t(f.detailLabel ?? f.label)}</dt>`), `row ${f.name}`);
    assert.ok(page.body.includes('Jl. Kenanga 3'));
    assert.ok(page.body.includes('0812****7890') && !page.body.includes('081234567890'), 'phone masked');
  });
});
