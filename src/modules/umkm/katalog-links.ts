/**
 * Links of the public UMKM catalogue for the API and the pages: absolute URLs, the paths of a
 * product and a business, the prefilled WhatsApp messages, and public JSON with an ETag.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cityOf } from '../../platform/http/context.ts';
import { t as translate } from '../../platform/i18n/index.ts';
import { waLink, type ProdukPublik, type UsahaPublik } from './katalog-service.ts';

/** Absolute URL of a path of this site (for links shared outside it). */
export function urlPenuh(req: FastifyRequest, path: string): string {
  return `${req.protocol}://${req.host}${path}`;
}

export const pathProduk = (city: string, slug: string) => `/${city}/umkm/p/${slug}`;
export const pathUsaha = (city: string, slug: string) => `/${city}/umkm/u/${slug}`;

/** The prefilled WhatsApp messages, always in Bahasa Indonesia (the seller's language). */
export function waProduk(req: FastifyRequest, p: ProdukPublik): string | null {
  if (!p.usaha.whatsapp) return null;
  const city = cityOf(req);
  return waLink(
    p.usaha.whatsapp,
    translate('id', 'umkm.katalog.wa.produk', {
      usaha: p.usaha.nama,
      produk: p.nama,
      kota: city.name,
      url: urlPenuh(req, pathProduk(city.slug, p.slug)),
    }),
  );
}

export function waUsaha(req: FastifyRequest, u: UsahaPublik): string | null {
  if (!u.whatsapp) return null;
  const city = cityOf(req);
  return waLink(
    u.whatsapp,
    translate('id', 'umkm.katalog.wa.usaha', {
      usaha: u.nama,
      kota: city.name,
      url: urlPenuh(req, pathUsaha(city.slug, u.slug)),
    }),
  );
}

/** Public JSON, cacheable for a short while by anyone (the same for every visitor), with an ETag. */
export function sendPublicJson(
  req: FastifyRequest,
  reply: FastifyReply,
  body: unknown,
  maxAge = 60,
): FastifyReply {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', `public, max-age=${maxAge}`).header('etag', etag);
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}
