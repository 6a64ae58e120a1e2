/** Reversing a disbursement or a spending report: what is reversed, and the reason. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { HttpProblem } from '../../../../platform/http/problem.ts';
import { cityPath, csrfField, sendPage } from '../../../../platform/web/layout.ts';
import { html } from '../../../../platform/web/html.ts';
import { breadcrumbs, queryString } from '../../../../platform/web/components.ts';
import { formatDate } from '../../../../platform/i18n/index.ts';
import { summary } from '../../kbs/pages/kbs-parts.ts';
import { cancelBelanja } from '../belanja-service.ts';
import { cancelPencairan } from '../pencairan-service.ts';
import { getRwPrakarsa } from '../rekap-service.ts';
import { PRAKARSA_KELOLA, PRAKARSA_LAPOR } from '../permissions-prakarsa.ts';
import {
  BatalForm,
  EntriParams,
  namaRw,
  prakarsaPost,
  rp,
  rwKembali,
  textarea,
  type Failed,
  fakta,
} from './prakarsa-parts.ts';

async function batalPage(
  req: FastifyRequest,
  reply: FastifyReply,
  jenis: 'pencairan' | 'belanja',
  rwId: string,
  id: string,
  failed?: Failed,
): Promise<FastifyReply> {
  const t = req.t;
  const v = await cityTx(req, (trx) => getRwPrakarsa(trx, userOf(req), rwId));
  const boleh = jenis === 'pencairan' ? v.boleh.kelola : v.boleh.lapor;
  let entri: { tahun: number; tanggal: string; jumlah: number; teks: string } | undefined;
  for (const a of v.alokasi) {
    if (jenis === 'pencairan') {
      const c = a.pencairan.find((x) => x.id === id && !x.membatalkanId);
      if (c)
        entri = {
          tahun: a.tahun,
          tanggal: c.tanggal,
          jumlah: c.jumlah,
          teks: t('sampah.prakarsa.tahapKe', { tahap: c.tahap }),
        };
    } else {
      const b = a.belanja.find((x) => x.id === id && !x.membatalkanId);
      if (b)
        entri = {
          tahun: a.tahun,
          tanggal: b.tanggal,
          jumlah: b.jumlah,
          teks: `${t(`sampah.prakarsa.kategori.${b.kategori}`)}: ${b.uraian}`,
        };
    }
  }
  if (!entri) throw new HttpProblem(404, 'sampah.prakarsa.err.entriTidakAda');
  if (!boleh) throw new HttpProblem(403, 'error.forbidden');
  const nama = namaRw(t, v.rw);
  const judul =
    jenis === 'pencairan' ? t('sampah.prakarsa.batalPencairan') : t('sampah.prakarsa.batalBelanja');
  const e = failed?.errors ?? {};
  return sendPage(req, reply, {
    title: `${judul} · ${nama}`,
    status: failed?.status ?? 200,
    body: html`${breadcrumbs(t('sampah.prakarsa.breadcrumbs'), [
        { href: cityPath(req, '/sampah/prakarsa'), label: t('sampah.prakarsa.title') },
        {
          href: cityPath(req, `/sampah/prakarsa/rw/${v.rw.id}${queryString({ tahun: entri.tahun })}`),
          label: nama,
        },
        { label: judul },
      ])}
      <h1>${judul}</h1>
      ${fakta([
        [t('sampah.prakarsa.tahun'), entri.tahun],
        [t('sampah.prakarsa.tanggal'), formatDate(entri.tanggal)],
        [t('sampah.prakarsa.uraian'), entri.teks],
        [t('sampah.prakarsa.jumlahRp'), rp(entri.jumlah)],
      ])}
      <p>${t('sampah.prakarsa.batalIntro')}</p>
      ${summary(t, e)}
      <form
        method="post"
        action="${cityPath(req, `/sampah/prakarsa/rw/${v.rw.id}/${jenis}/${id}/batal`)}"
        class="narrow"
        novalidate
      >
        ${csrfField(req)}
        ${textarea({ name: 'alasan', label: t('sampah.prakarsa.alasan'), hint: t('sampah.prakarsa.alasanHint'), value: failed?.values.alasan, error: e.alasan, required: true })}
        <p><button type="submit" class="button primary">${judul}</button></p>
      </form>`,
  });
}

export function entriBatalPage(app: BalaiApp): void {
  for (const jenis of ['pencairan', 'belanja'] as const) {
    const config = {
      access: { permission: jenis === 'pencairan' ? PRAKARSA_KELOLA : PRAKARSA_LAPOR },
    };
    app.get(
      `/:city/sampah/prakarsa/rw/:rwId/${jenis}/:id/batal`,
      { schema: { params: EntriParams }, config },
      async (req, reply) => {
        const { rwId, id } = req.params;
        return batalPage(req, reply, jenis, rwId, id);
      },
    );
    prakarsaPost(app, {
      path: `/:city/sampah/prakarsa/rw/:rwId/${jenis}/:id/batal`,
      config,
      params: EntriParams,
      body: BatalForm,
      form: 'batal',
      fields: ['alasan'],
      render: (req, reply, failed) => batalPage(req, reply, jenis, req.params.rwId, req.params.id, failed),
      save: async (req, b) => {
        const { rwId, id } = req.params;
        const run = jenis === 'pencairan' ? cancelPencairan : cancelBelanja;
        const a = await cityTx(req, (trx) => run(trx, userOf(req), id, b.alasan ?? '', { rwId }));
        return rwKembali(req, rwId, a.tahun, 'dibatalkan');
      },
    });
  }
}
