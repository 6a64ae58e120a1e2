/** The frame of a bank's administration screens: its trail, title, menu, confirmation and intro. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { flash, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import type { BankRights } from '../access.ts';
import { bankCrumbs, bankMenu } from './admin-parts.ts';

/** A screen of the bank's menu (its key names the menu item and the trail's last label). */
export type BankScreen = 'nasabah' | 'harga' | 'jenis' | 'pengurus' | 'pengaturan';

/** A bank's administration page: trail, heading, menu (this screen current), `ok` message, intro, body. */
export function bankAdminPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bank: { id: string; nama: string; hak: BankRights },
  o: {
    screen: BankScreen;
    title: string;
    status?: number | undefined;
    ok?: string | undefined;
    lead?: string;
    body: SafeHtml;
  },
): FastifyReply {
  const t = req.t;
  return sendPage(req, reply, {
    title: o.title,
    status: o.status ?? 200,
    body: html`${bankCrumbs(req, bank, [{ label: t(`bankSampah.admin.menu.${o.screen}`) }])}
      <h1>${o.title}</h1>
      ${bankMenu(req, bank, bank.hak, o.screen)} ${flash(o.ok)}
      ${o.lead ? html`<p class="lead">${o.lead}</p>` : ''} ${o.body}`,
  });
}

/** The link to add one (a bank, a member) above a list, as a primary button. */
export function addLink(show: boolean, href: string, label: string): SafeHtml | '' {
  return show
    ? html`<p>
        <a class="button primary" href="${href}">${label}</a>
      </p>`
    : '';
}
