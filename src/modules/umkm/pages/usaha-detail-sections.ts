/**
 * The sections of one business's page (/umkm/usaha/:id): verification, the full NIK, KBLI codes,
 * yearly figures and legality, each with its forms for those who may use them.
 */
import type { FastifyRequest } from 'fastify';
import { cityPath, csrfField, field } from '../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../platform/web/html.ts';
import {
  option,
  selectField,
  tableWrap,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formatDate, type Translator } from '../../../platform/i18n/index.ts';
import { can, type CurrentUser } from '../../../platform/auth/roles.ts';
import type { FieldError } from '../../../platform/http/problem.ts';
import { maskPhone } from '../../../platform/privacy.ts';
import type { RwRow } from '../../wilayah/api.ts';
import { UMKM_KELOLA } from '../permissions.ts';
import { thisYearWib } from '../../../platform/waktu.ts';
import { JENIS_LEGALITAS } from '../tables.ts';
import type { UsahaView } from '../usaha-service.ts';
import {
  angka,
  kelasText,
  nikDikirim,
  rupiah,
  sektorText,
  summary,
  textArea,
  type Failed,
  type Wilayah,
} from './usaha-parts.ts';
import { cariKbliForm, hasilKbli, usahaFields } from './usaha-fields.ts';

/** What the sections of one business's page are drawn from. */
export interface Detail {
  req: FastifyRequest;
  t: Translator;
  v: UsahaView;
  failed: Failed | undefined;
  /** The full NIK, once, after the "Lihat NIK" form. */
  nik: { nik: string | null; tujuan: string } | undefined;
  /** The KBLI search text of the page's URL. */
  cari: string | undefined;
  /** The page's path under the city, e.g. /umkm/usaha/<id>. */
  base: string;
  /** The city URL of a form of the page, e.g. post('/kbli'). */
  post: (path: string) => string;
  errorsOf: (form: string) => FormErrors;
  valuesOf: (form: string) => FormValues | undefined;
}

export function verifikasiSection(d: Detail): SafeHtml | '' {
  const { req, t, v, failed, post } = d;
  const ve = failed?.values ?? {};
  if (!v.hak.verifikasi) return '';
  const bolehPutus = v.status === 'diajukan';
  const bolehTolak = ['diajukan', 'dikembalikan', 'terverifikasi'].includes(v.status);
  if (!bolehPutus && !bolehTolak) return '';
  const e = failed?.errors ?? {};
  return html`<section aria-labelledby="h-verifikasi">
    <h2 id="h-verifikasi">${t('umkm.reg.verifikasi.title')}</h2>
    <p>${t('umkm.reg.verifikasi.intro')}</p>
    ${
      bolehPutus
        ? html`<form method="post" action="${post('/verifikasi')}" class="narrow card" novalidate>
              <h3>${t('umkm.reg.verifikasi.setuju')}</h3>
              ${csrfField(req)}
              ${textArea({ name: 'catatanSetuju', label: t('umkm.reg.verifikasi.catatanOpsional'), value: failed?.form === 'verifikasi' ? ve.catatanSetuju : '', error: failed?.form === 'verifikasi' ? e.catatanSetuju : undefined, maxlength: 2000 })}
              <button type="submit" class="primary">${t('umkm.reg.verifikasi.setujuTombol')}</button>
            </form>
            <form method="post" action="${post('/kembalikan')}" class="narrow card" novalidate>
              <h3>${t('umkm.reg.verifikasi.kembalikan')}</h3>
              ${csrfField(req)}
              ${textArea({ name: 'catatan', label: t('umkm.reg.verifikasi.catatan'), hint: t('umkm.reg.verifikasi.catatanHint'), required: true, value: failed?.form === 'kembalikan' ? ve.catatan : '', error: failed?.form === 'kembalikan' ? e.catatan : undefined, maxlength: 2000, rows: 4 })}
              <button type="submit">${t('umkm.reg.verifikasi.kembalikanTombol')}</button>
            </form>`
        : ''
    }
    ${
      bolehTolak
        ? html`<form method="post" action="${post('/tolak')}" class="narrow card" novalidate>
            <h3>${t('umkm.reg.verifikasi.tolak')}</h3>
            ${csrfField(req)}
            ${textArea({ name: 'alasan', label: t('umkm.reg.verifikasi.alasan'), hint: t('umkm.reg.verifikasi.alasanHint'), required: true, value: failed?.form === 'tolak' ? ve.alasan : '', error: failed?.form === 'tolak' ? e.alasan : undefined, maxlength: 2000 })}
            <button type="submit" class="button danger">${t('umkm.reg.verifikasi.tolakTombol')}</button>
          </form>`
        : ''
    }
  </section>`;
}

export function nikSection(d: Detail): SafeHtml | '' {
  const { req, t, v, post, errorsOf, valuesOf } = d;
  if (!v.hak.nik || !v.nikSamaran) return '';
  const e = errorsOf('nik');
  return html`<section aria-labelledby="h-nik" class="narrow">
    <h3 id="h-nik">${t('umkm.reg.nik.title')}</h3>
    ${
      d.nik
        ? html`<div class="alert alert-info" role="status">
            <p>${t('umkm.reg.nik.shown', { tujuan: d.nik.tujuan })}</p>
            <p><strong>${d.nik.nik ?? '—'}</strong></p>
          </div>`
        : html`<p>${t('umkm.reg.nik.intro')}</p>
            <form method="post" action="${post('/nik')}" novalidate>
              ${csrfField(req)}
              ${field({ name: 'tujuan', label: t('umkm.reg.nik.tujuan'), value: valuesOf('nik')?.tujuan, required: true, error: e.tujuan, hint: t('umkm.reg.nik.tujuanHint'), autocomplete: 'off', attrs: html`maxlength="200"` })}
              <button type="submit">${t('umkm.reg.nik.tombol')}</button>
            </form>`
    }
  </section>`;
}

export function kbliSection(d: Detail): SafeHtml {
  const { req, t, v, failed, post, errorsOf, valuesOf } = d;
  const e = errorsOf('kbli');
  const kv = valuesOf('kbli') ?? {};
  const daftar = v.kbli.map((k) => k.kode).join(', ');
  return html`<section aria-labelledby="h-kbli">
    <h2 id="h-kbli">${t('umkm.reg.kbli.title')}</h2>
    ${failed?.form === 'kbli' ? summary(t, e) : ''}
    ${
      v.kbli.length
        ? html`<ul>
            ${v.kbli.map(
              (k) =>
                html`<li>
                  <strong>${k.kode}</strong> — ${k.judul ?? '—'}
                  ${k.utama ? html`<span class="tag">${t('umkm.reg.kbli.utama')}</span>` : ''}
                  <span class="meta">KBLI ${k.versi}</span>
                  ${
                    v.hak.ubah
                      ? html`${kbliButton(d, 'hapus', k.kode, t('umkm.reg.kbli.hapusLabel', { kode: k.kode }), t('umkm.reg.hapus'))}
                        ${
                          k.utama
                            ? ''
                            : kbliButton(
                                d,
                                'utama',
                                k.kode,
                                t('umkm.reg.kbli.utamaLabel', { kode: k.kode }),
                                t('umkm.reg.kbli.jadikanUtama'),
                              )
                        }`
                      : ''
                  }
                </li>`,
            )}
          </ul>`
        : html`<p>${t('umkm.reg.kbli.kosong')}</p>`
    }
    ${
      v.hak.ubah
        ? html`<form method="post" action="${post('/kbli')}" class="narrow" novalidate>
              ${csrfField(req)}
              <input type="hidden" name="aksi" value="tambah" />
              ${field({ name: 'kode', label: t('umkm.reg.kbli.tambah'), value: kv.kode, error: e.kode, hint: t('umkm.reg.f.kbliHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="5"` })}
              <button type="submit">${t('umkm.reg.kbli.tambahTombol')}</button>
            </form>
            <details ${e.daftar ? raw('open') : ''}>
              <summary>${t('umkm.reg.kbli.ganti')}</summary>
              <form method="post" action="${post('/kbli')}" class="narrow" novalidate>
                ${csrfField(req)}
                <input type="hidden" name="aksi" value="ganti" />
                ${field({ name: 'daftar', label: t('umkm.reg.kbli.daftar'), value: kv.daftar ?? daftar, error: e.daftar, hint: t('umkm.reg.kbli.daftarHint'), autocomplete: 'off', attrs: html`maxlength="400"` })}
                <button type="submit">${t('form.save')}</button>
              </form>
            </details>
            <div id="cari-kbli">
              ${cariKbliForm(req, cityPath(req, d.base), d.cari)}
              ${hasilKbli(t, d.cari, (kode) =>
                v.kbli.some((k) => k.kode === kode)
                  ? html`<span class="meta">${t('umkm.reg.kbli.sudahAda')}</span>`
                  : kbliButton(
                      d,
                      'tambah',
                      kode,
                      t('umkm.reg.kbli.tambahLabel', { kode }),
                      t('umkm.reg.kbli.tambahTombol'),
                    ),
              )}
            </div>`
        : ''
    }
  </section>`;
}

export function keuanganSection(d: Detail): SafeHtml {
  const { req, t, v, failed, post, errorsOf, valuesOf } = d;
  const ke = valuesOf('keuangan') ?? { tahun: String(thisYearWib() - 1) };
  const e = errorsOf('keuangan');
  return html`<section aria-labelledby="h-keuangan">
    <h2 id="h-keuangan">${t('umkm.reg.keuangan.title')}</h2>
    <p class="hint">${t('umkm.reg.keuangan.intro')}</p>
    ${
      v.keuangan.length
        ? tableWrap(
            'cap-keuangan',
            t('umkm.reg.keuangan.caption'),
            html`<tr>
              <th scope="col">${t('umkm.reg.keuangan.tahun')}</th>
              <th scope="col" class="num">${t('umkm.reg.keuangan.modal')}</th>
              <th scope="col" class="num">${t('umkm.reg.keuangan.penjualan')}</th>
              <th scope="col" class="num">${t('umkm.reg.keuangan.pekerja')}</th>
              <th scope="col">${t('umkm.reg.keuangan.kelas')}</th>
              <th scope="col">${t('umkm.reg.keuangan.dasar')}</th>
              <th scope="col">${t('umkm.reg.keuangan.gerak')}</th>
            </tr>`,
            [...v.keuangan].reverse().map(
              (k) =>
                html`<tr>
                  <th scope="row">${String(k.tahun)}</th>
                  <td class="num">${rupiah(k.modal)}</td>
                  <td class="num">${rupiah(k.penjualan)}</td>
                  <td class="num">${angka(k.pekerja)}</td>
                  <td>${kelasText(t, k.kelas)}</td>
                  <td>${t(`umkm.reg.dasar.${k.dasar}`)}</td>
                  <td>${k.gerak ? t(`umkm.reg.gerak.${k.gerak}`) : '—'}</td>
                </tr>`,
            ),
          )
        : html`<p>${t('umkm.reg.keuangan.kosong')}</p>`
    }
    ${
      v.hak.ubah
        ? html`<h3>${t('umkm.reg.keuangan.atur')}</h3>
            ${failed?.form === 'keuangan' ? summary(t, e) : ''}
            <form method="post" action="${post('/keuangan')}" class="narrow" novalidate>
              ${csrfField(req)}
              ${field({ name: 'tahun', label: t('umkm.reg.keuangan.tahun'), value: ke.tahun, error: e.tahun, required: true, hint: t('umkm.reg.keuangan.tahunHint'), attrs: html`inputmode="numeric" maxlength="4"` })}
              ${field({ name: 'modal', label: t('umkm.reg.keuangan.modal'), value: ke.modal, error: e.modal, hint: t('umkm.reg.keuangan.modalHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="30"` })}
              ${field({ name: 'penjualan', label: t('umkm.reg.keuangan.penjualan'), value: ke.penjualan, error: e.penjualan, hint: t('umkm.reg.keuangan.penjualanHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="30"` })}
              ${field({ name: 'pekerja', label: t('umkm.reg.keuangan.pekerja'), value: ke.pekerja, error: e.pekerja, autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="6"` })}
              <button type="submit">${t('form.save')}</button>
            </form>`
        : ''
    }
  </section>`;
}

export function legalitasSection(d: Detail): SafeHtml {
  const { req, t, v, failed, post, errorsOf, valuesOf } = d;
  const le = valuesOf('legalitas') ?? {};
  const e = errorsOf('legalitas');
  return html`<section aria-labelledby="h-legalitas">
    <h2 id="h-legalitas">${t('umkm.reg.legalitas.title')}</h2>
    ${
      v.legalitas.length
        ? tableWrap(
            'cap-legalitas',
            t('umkm.reg.legalitas.caption'),
            html`<tr>
              <th scope="col">${t('umkm.reg.legalitas.jenis')}</th>
              <th scope="col">${t('umkm.reg.legalitas.nomor')}</th>
              <th scope="col">${t('umkm.reg.legalitas.terbit')}</th>
              <th scope="col">${t('umkm.reg.legalitas.berlakuSampai')}</th>
              <th scope="col">${t('umkm.reg.legalitas.keadaan')}</th>
              ${v.hak.ubah ? html`<th scope="col">${t('umkm.reg.aksi')}</th>` : ''}
            </tr>`,
            v.legalitas.map(
              (l) =>
                html`<tr>
                  <th scope="row">${t(`umkm.reg.jenis.${l.jenis}`)}</th>
                  <td>
                    ${l.nomor}${l.keterangan ? html`<br /><span class="meta">${l.keterangan}</span>` : ''}
                  </td>
                  <td>${l.terbit ? formatDate(l.terbit) : '—'}</td>
                  <td>
                    ${l.berlakuSampai ? formatDate(l.berlakuSampai) : t('umkm.reg.legalitas.tanpaBatas')}
                  </td>
                  <td>
                    ${
                      l.berlaku
                        ? t('umkm.reg.legalitas.berlaku')
                        : html`<strong class="tag">${t('umkm.reg.legalitas.kedaluwarsa')}</strong>`
                    }
                  </td>
                  ${
                    v.hak.ubah
                      ? html`<td>
                          <form method="post" action="${post(`/legalitas/${l.id}/hapus`)}" class="inline">
                            ${csrfField(req)}
                            <button
                              type="submit"
                              class="link"
                              aria-label="${t('umkm.reg.legalitas.hapusLabel', { jenis: t(`umkm.reg.jenis.${l.jenis}`), nomor: l.nomor })}"
                            >
                              ${t('umkm.reg.hapus')}
                            </button>
                          </form>
                        </td>`
                      : ''
                  }
                </tr>`,
            ),
          )
        : html`<p>${t('umkm.reg.legalitas.kosong')}</p>`
    }
    ${
      v.hak.ubah
        ? html`<h3>${t('umkm.reg.legalitas.tambah')}</h3>
            ${failed?.form === 'legalitas' ? summary(t, e) : ''}
            <form method="post" action="${post('/legalitas')}" class="narrow" novalidate>
              ${csrfField(req)}
              ${selectField({
                name: 'jenis',
                label: t('umkm.reg.legalitas.jenis'),
                error: e.jenis,
                required: true,
                options: html`${option('', t('umkm.reg.legalitas.pilihJenis'), le.jenis ?? '')}
                ${JENIS_LEGALITAS.map((j) => option(j, t(`umkm.reg.jenis.${j}`), le.jenis))}`,
              })}
              ${field({ name: 'nomor', label: t('umkm.reg.legalitas.nomor'), value: le.nomor, error: e.nomor, required: true, autocomplete: 'off', attrs: html`maxlength="60"` })}
              ${field({ name: 'terbit', label: t('umkm.reg.legalitas.terbit'), type: 'date', value: le.terbit, error: e.terbit })}
              ${field({ name: 'berlakuSampai', label: t('umkm.reg.legalitas.berlakuSampai'), type: 'date', value: le.berlakuSampai, error: e.berlakuSampai, hint: t('umkm.reg.legalitas.berlakuHint') })}
              ${field({ name: 'keterangan', label: t('umkm.reg.legalitas.keterangan'), value: le.keterangan, error: e.keterangan, attrs: html`maxlength="300"` })}
              <button type="submit">${t('umkm.reg.legalitas.tambahTombol')}</button>
            </form>`
        : ''
    }
  </section>`;
}

/** The profile form's values: those sent, or the business's own. */
function profilValues(v: UsahaView, rw: RwRow | undefined): FormValues {
  return {
    nama: v.nama,
    pemilikNama: v.pemilikNama,
    telepon: v.telepon ?? '',
    email: v.email ?? '',
    kelurahanKode: v.kelurahanKode,
    rwNomor: rw ? String(rw.nomor) : '',
    alamat: v.alamat ?? '',
    lat: v.lat !== null ? String(v.lat) : '',
    lng: v.lng !== null ? String(v.lng) : '',
    tahunBerdiri: v.tahunBerdiri !== null ? String(v.tahunBerdiri) : '',
    jumlahPekerja: v.jumlahPekerja !== null ? String(v.jumlahPekerja) : '',
    deskripsi: v.deskripsi ?? '',
    nib: v.nib ?? '',
    npwp: v.npwp ?? '',
    umkmCenter: v.umkmCenter ? '1' : '',
    sentra: v.sentra ?? '',
    inkubator: v.inkubator ?? '',
    sikap: v.sikap ? '1' : '',
    kswpValid: v.kswpValid ? '1' : '',
    kswpDicek: v.kswpDicek ?? '',
  };
}

/** What is still missing before submission, and the submit button once nothing is. */
export function ajukanSection(d: Detail, kurang: readonly FieldError[]): SafeHtml | '' {
  const { req, t, v, post } = d;
  if (!(v.hak.ubah && (v.status === 'draf' || v.status === 'dikembalikan'))) return '';
  const syarat: { kunci: string; label: string }[] = [
    { kunci: '/kbli', label: t('umkm.reg.syarat.kbli') },
    { kunci: '/keuangan', label: t('umkm.reg.syarat.keuangan') },
    { kunci: '/telepon', label: t('umkm.reg.syarat.kontak') },
  ];
  const kurangSet = new Set(kurang.map((k) => k.pointer));
  return html`<section aria-labelledby="h-ajukan">
    <h2 id="h-ajukan">${t('umkm.reg.ajukan.title')}</h2>
    <p>${t('umkm.reg.ajukan.intro')}</p>
    <ul>
      ${syarat.map((s) =>
        kurangSet.has(s.kunci)
          ? html`<li><strong>${t('umkm.reg.syarat.belum')}</strong> ${s.label}</li>`
          : html`<li>${t('umkm.reg.syarat.sudah')} ${s.label}</li>`,
      )}
    </ul>
    ${
      kurang.length
        ? html`<p>${t('umkm.reg.ajukan.lengkapiDulu')}</p>`
        : html`<form method="post" action="${post('/ajukan')}">
            ${csrfField(req)}
            <button type="submit" class="primary">${t('umkm.reg.ajukan.tombol')}</button>
          </form>`
    }
  </section>`;
}

/** The business's profile, the full-NIK form, and the profile form for those who may change it. */
export function profilSection(
  d: Detail,
  p: { w: Wilayah; rw: RwRow | undefined; user: CurrentUser },
): SafeHtml {
  const { req, t, v, failed, post, errorsOf, valuesOf } = d;
  const kelNama = p.w.nama.get(v.kelurahanKode) ?? v.kelurahanKode;
  const kecNama = p.w.nama.get(v.kecamatanKode) ?? v.kecamatanKode;
  return html`<section aria-labelledby="h-profil">
    <h2 id="h-profil">${t('umkm.reg.profil')}</h2>
    <dl class="facts">
      <dt>${t('umkm.reg.f.pemilikNama')}</dt>
      <dd>${v.pemilikNama}</dd>
      <dt>${t('umkm.reg.d.nik')}</dt>
      <dd>${v.nikSamaran ?? '—'}</dd>
      <dt>${t('umkm.reg.f.telepon')}</dt>
      <dd>${maskPhone(v.telepon) ?? '—'}</dd>
      <dt>${t('umkm.reg.f.email')}</dt>
      <dd>${v.email ?? '—'}</dd>
      <dt>${t('umkm.reg.f.kelurahan')}</dt>
      <dd>${t('umkm.reg.kelDiKec', { kelurahan: kelNama, kecamatan: kecNama })}</dd>
      <dt>${t('umkm.reg.d.rw')}</dt>
      <dd>${p.rw ? String(p.rw.nomor).padStart(3, '0') : '—'}</dd>
      <dt>${t('umkm.reg.f.alamat')}</dt>
      <dd>${v.alamat ?? '—'}</dd>
      <dt>${t('umkm.reg.f.tahunBerdiri')}</dt>
      <dd>${v.tahunBerdiri !== null ? String(v.tahunBerdiri) : '—'}</dd>
      <dt>${t('umkm.reg.f.jumlahPekerja')}</dt>
      <dd>${angka(v.jumlahPekerja)}</dd>
      <dt>${t('umkm.reg.d.nib')}</dt>
      <dd>${v.nib ?? '—'}</dd>
      <dt>${t('umkm.reg.d.npwp')}</dt>
      <dd>${v.npwp ?? '—'}</dd>
      <dt>${t('umkm.reg.sektor')}</dt>
      <dd>${sektorText(v.sektor)}</dd>
      <dt>${t('umkm.reg.f.keanggotaan')}</dt>
      <dd>
        ${
          [v.umkmCenter ? t('umkm.reg.f.umkmCenter') : '', v.sentra ?? '', v.inkubator ?? '']
            .filter(Boolean)
            .join(' · ') || '—'
        }
      </dd>
      <dt>${t('umkm.reg.f.deskripsi')}</dt>
      <dd>${v.deskripsi ?? '—'}</dd>
    </dl>
    ${nikSection(d)}
    ${
      v.hak.ubah
        ? html`<details ${failed?.form === 'profil' ? raw('open') : ''}>
            <summary>${t('umkm.reg.ubahProfil')}</summary>
            ${failed?.form === 'profil' ? summary(t, errorsOf('profil')) : ''}
            <form method="post" action="${post('/profil')}" class="narrow" novalidate>
              ${csrfField(req)}
              ${usahaFields(req, p.w, valuesOf('profil') ?? profilValues(v, p.rw), errorsOf('profil'), {
                baru: false,
                keepKelurahan: (kode) => v.hak.milik || can(p.user, UMKM_KELOLA, kode),
                nikSamaran: v.nikSamaran,
                nikDikirim: failed?.form === 'profil' && nikDikirim(req),
                kelola: can(p.user, UMKM_KELOLA, v.kelurahanKode),
              })}
              <button type="submit" class="primary">${t('form.save')}</button>
            </form>
          </details>`
        : ''
    }
  </section>`;
}

/** A one-button form that posts an action on one KBLI code (hapus, utama, tambah). */
function kbliButton(d: Detail, aksi: string, kode: string, label: string, text: string): SafeHtml {
  return html`<form method="post" action="${d.post('/kbli')}" class="inline">
    ${csrfField(d.req)}
    <input type="hidden" name="aksi" value="${aksi}" />
    <input type="hidden" name="kode" value="${kode}" />
    <button type="submit" class="link" aria-label="${label}">${text}</button>
  </form>`;
}
