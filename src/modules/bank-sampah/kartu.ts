/**
 * The printable member card: the city, the bank, the member's number and name, and a QR code of
 * the member page's absolute URL (the operator's deposit page scans it to pick the member). The
 * QR code is an SVG drawn on the server, so the card prints the same with or without JavaScript.
 */
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { BalaiApp } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { cityPath, sendPage } from '../../platform/web/layout.ts';
import { html, raw } from '../../platform/web/html.ts';
import { breadcrumbs } from '../../platform/web/components.ts';
import { getBank } from './bank-service.ts';
import { getNasabah } from './nasabah-service.ts';
import { NasabahParams } from './admin-schemas.ts';

/** The absolute URL of a member's page, from the request's protocol and host. */
export function memberUrl(req: FastifyRequest, bankId: string, nasabahId: string): string {
  return `${req.protocol}://${req.host}/${cityOf(req).slug}/bank-sampah/${bankId}/nasabah/${nasabahId}`;
}

/** A QR code of `text` as an SVG element (no fixed size: it fills its box). */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.trim();
}

/** Only the card is printed: the site's header, navigation, trail, footer and buttons are not. */
const PRINT_CSS = raw(`<style media="print">
  .site-header, .app-nav, .site-footer, .skip, .breadcrumbs, .no-print, [data-bs-cetak] { display: none !important; }
  main { padding: 0 !important; margin: 0 !important; max-width: none !important; }
  .bs-kartu { break-inside: avoid; border: 1px solid #000; padding: 4mm; width: 85.6mm; min-height: 54mm; box-sizing: border-box; }
  .bs-kartu-qr svg { width: 30mm; height: 30mm; }
</style>`);

/** The member card page. */
export function kartuPage(app: BalaiApp): void {
  app.get(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId/kartu',
    { schema: { params: NasabahParams }, config: { access: 'user' } },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const city = cityOf(req);
      const { bankId, nasabahId } = req.params;
      const { bank, n } = await cityTx(req, async (trx) => ({
        bank: await getBank(trx, user, bankId),
        n: await getNasabah(trx, user, bankId, nasabahId),
      }));
      const url = memberUrl(req, bank.id, n.id);
      const svg = await qrSvg(url);
      const title = t('bankSampah.admin.kartu.title', { nama: n.nama });
      return sendPage(req, reply, {
        title,
        head: PRINT_CSS,
        body: html`${breadcrumbs(t('bankSampah.admin.breadcrumbs'), [
            { href: cityPath(req, '/bank-sampah'), label: t('bankSampah.nav.bank') },
            { href: cityPath(req, `/bank-sampah/${bank.id}`), label: bank.nama },
            { href: cityPath(req, `/bank-sampah/${bank.id}/nasabah/${n.id}`), label: n.nama },
            { label: t('bankSampah.admin.kartu.short') },
          ])}
          <h1 class="no-print">${title}</h1>
          <p class="no-print">${t('bankSampah.admin.kartu.intro')}</p>
          <article class="bs-kartu" aria-labelledby="kartu-nama">
            <p class="bs-kartu-kota">${city.name}</p>
            <p class="bs-kartu-bank"><strong>${bank.nama}</strong> (${bank.kode})</p>
            <h2 id="kartu-nama" class="bs-kartu-nama">${n.nama}</h2>
            <p class="bs-kartu-nomor">${t('bankSampah.admin.kartu.nomor')} <strong>${n.nomor}</strong></p>
            ${bank.jamBuka ? html`<p class="bs-kartu-jam">${t('bankSampah.admin.kartu.jamBuka', { jam: bank.jamBuka })}</p>` : ''}
            <div
              class="bs-kartu-qr"
              role="img"
              aria-label="${t('bankSampah.admin.kartu.qrLabel', { nomor: n.nomor })}"
            >
              ${raw(svg)}
            </div>
            <p class="bs-kartu-petunjuk">${t('bankSampah.admin.kartu.petunjuk')}</p>
          </article>
          <p class="no-print">
            <button type="button" class="primary" data-bs-cetak hidden>
              ${t('bankSampah.admin.kartu.cetak')}
            </button>
            <a href="${cityPath(req, `/bank-sampah/${bank.id}/nasabah/${n.id}`)}"
              >${t('bankSampah.admin.kartu.kembali')}</a
            >
          </p>
          <noscript><p class="meta no-print">${t('bankSampah.admin.kartu.tanpaJs')}</p></noscript>`,
        scripts: ['/assets/js/bank-sampah.js'],
      });
    },
  );
}
