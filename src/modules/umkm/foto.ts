/**
 * Photos of products (and businesses): processing and serving.
 *
 * Processing (processFoto): the upload's type is read from its first bytes (JPEG, PNG or WebP; the
 * name and declared type are not trusted), at most FOTO_MAX_BYTES; sharp decodes it with a pixel
 * limit (decompression bombs), refuses truncated or undecodable files (400, never 500), turns it
 * upright by its EXIF orientation, drops every metadata (location, camera) and writes three
 * WebP sizes: besar (longest side at most 1600 px), sedang (640 px), kecil (240 px, for lists).
 * The image is decoded once, at the besar size; the smaller sizes are made from those pixels.
 *
 * Serving (fotoRoutes): GET /:city/umkm/foto/:id/:ukuran (kecil.webp, sedang.webp, besar.webp).
 * Photos of a verified business are public and immutable (a photo's id never changes content):
 * long public caching. Others only for who may see the business (access.ts), never cached by
 * shared caches. Both answer 304 to a matching If-None-Match without reading the bytes.
 */
import type { FastifyRequest } from 'fastify';
import sharp from 'sharp';
import { Type } from 'typebox';
import type { BalaiApp } from '../../platform/module.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { cityTx } from '../../platform/http/context.ts';
import { badRequest, notFound } from '../../platform/http/problem.ts';
import { CityParams, Uuid } from '../../platform/http/schemas.ts';
import { html, type SafeHtml } from '../../platform/web/html.ts';
import { isUuid, usahaUntuk } from './access.ts';

// Uploads are unique: libvips' operation cache would only hold memory.
sharp.cache(false);

/** Largest upload accepted (bytes). */
export const FOTO_MAX_BYTES = 8 * 1024 * 1024;
/** Longest side accepted (px): larger is no photo. */
export const FOTO_MAX_SISI = 12_000;
/** Most pixels decoded (width × height): beyond it a small file can expand into gigabytes. */
export const FOTO_MAX_PIKSEL = 64_000_000;

export const UKURAN_FOTO = ['kecil', 'sedang', 'besar'] as const;
export type UkuranFoto = (typeof UKURAN_FOTO)[number];
/** Longest side of each size (px). */
export const SISI_UKURAN: Record<UkuranFoto, number> = { kecil: 240, sedang: 640, besar: 1600 };

export interface Dimensi {
  lebar: number;
  tinggi: number;
}

export interface FotoOlahan extends Dimensi {
  besar: Buffer;
  sedang: Buffer;
  kecil: Buffer;
}

/** The field error of an unusable upload (detail: a message key, translated when shown). */
const fotoError = (detail: string) =>
  badRequest('umkm.foto.err.tidakBisa', [{ pointer: '/body/foto', detail }]);

function startsWith(buf: Buffer, bytes: number[], at = 0): boolean {
  return buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
}

/** The format of an upload from its first bytes; null when it is no JPEG, PNG or WebP. */
export function jenisFoto(data: Buffer): 'jpeg' | 'png' | 'webp' | null {
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8))
    return 'webp';
  return null;
}

/**
 * The dimensions of an image of lebar × tinggi fitted inside a square of `sisi` px (never
 * enlarged). Used both to resize and to state each size's width in srcset, so they agree.
 */
export function dimensiMuat(d: Dimensi, sisi: number): Dimensi {
  const skala = Math.min(1, sisi / Math.max(d.lebar, d.tinggi));
  return {
    lebar: Math.max(1, Math.round(d.lebar * skala)),
    tinggi: Math.max(1, Math.round(d.tinggi * skala)),
  };
}

/** Checks an upload and makes its three WebP sizes; 400 (pointer /body/foto) when it is unusable. */
export async function processFoto(data: unknown): Promise<FotoOlahan> {
  if (!Buffer.isBuffer(data) || data.length === 0) throw fotoError('umkm.foto.v.bukanFoto');
  if (data.length > FOTO_MAX_BYTES) throw fotoError('umkm.foto.v.terlaluBesar');
  const format = jenisFoto(data);
  if (!format) throw fotoError('umkm.foto.v.bukanFoto');
  const opsi = { failOn: 'truncated', limitInputPixels: FOTO_MAX_PIKSEL, autoOrient: true } as const;
  let asli: Dimensi;
  try {
    const meta = await sharp(data, opsi).metadata();
    if (meta.format !== format) throw new Error('format mismatch');
    asli = { lebar: meta.autoOrient.width, tinggi: meta.autoOrient.height };
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) throw fotoError('umkm.foto.v.terlaluLebar');
    throw fotoError('umkm.foto.v.rusak');
  }
  if (!(asli.lebar > 0 && asli.tinggi > 0)) throw fotoError('umkm.foto.v.rusak');
  if (Math.max(asli.lebar, asli.tinggi) > FOTO_MAX_SISI || asli.lebar * asli.tinggi > FOTO_MAX_PIKSEL)
    throw fotoError('umkm.foto.v.terlaluLebar');
  const besar = dimensiMuat(asli, SISI_UKURAN.besar);
  try {
    // One decode (JPEG shrinks on load), upright, at the besar size; metadata is not carried.
    const piksel = await sharp(data, opsi)
      .resize(besar.lebar, besar.tinggi, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width, height, channels } = piksel.info;
    const tulis = async (d: Dimensi): Promise<Buffer> =>
      sharp(piksel.data, { raw: { width, height, channels } })
        .resize(d.lebar, d.tinggi, { fit: 'fill' })
        .webp({ quality: 78 })
        .toBuffer();
    return {
      lebar: width,
      tinggi: height,
      besar: await tulis({ lebar: width, tinggi: height }),
      sedang: await tulis(dimensiMuat({ lebar: width, tinggi: height }, SISI_UKURAN.sedang)),
      kecil: await tulis(dimensiMuat({ lebar: width, tinggi: height }, SISI_UKURAN.kecil)),
    };
  } catch {
    throw fotoError('umkm.foto.v.rusak');
  }
}

// ---- URLs and markup ----

export interface FotoRingkas extends Dimensi {
  id: string;
  alt: string | null;
}

/** Public address of one size of a photo. */
export function urlFoto(citySlug: string, id: string, ukuran: UkuranFoto): string {
  return `/${citySlug}/umkm/foto/${id}/${ukuran}.webp`;
}

/** Each size's URL and dimensions (the besar dimensions are the stored lebar × tinggi). */
export function ukuranFoto(
  citySlug: string,
  f: Pick<FotoRingkas, 'id' | 'lebar' | 'tinggi'>,
): Record<UkuranFoto, Dimensi & { url: string }> {
  const out = {} as Record<UkuranFoto, Dimensi & { url: string }>;
  for (const u of UKURAN_FOTO)
    out[u] = { ...dimensiMuat(f, SISI_UKURAN[u]), url: urlFoto(citySlug, f.id, u) };
  return out;
}

/**
 * An <img> of a photo for a page: lazy, decoded off the main thread, with its three sizes in
 * srcset so the browser takes the smallest that fills `sizes` (a phone showing a list loads the
 * 240 px one). width/height give the box before the image arrives (display width `tampil`).
 */
export function gambarFoto(
  req: FastifyRequest,
  f: FotoRingkas,
  o: { tampil: UkuranFoto | number; sizes: string; altCadangan?: string },
): SafeHtml {
  const slug = req.city?.slug ?? '';
  const u = ukuranFoto(slug, f);
  const seen = new Set<number>();
  const srcset = UKURAN_FOTO.filter((k) => !seen.has(u[k].lebar) && seen.add(u[k].lebar))
    .map((k) => `${u[k].url} ${u[k].lebar}w`)
    .join(', ');
  const box = typeof o.tampil === 'number' ? dimensiMuat(f, o.tampil) : u[o.tampil];
  const src = typeof o.tampil === 'number' ? u.kecil.url : u[o.tampil].url;
  return html`<img
    src="${src}"
    srcset="${srcset}"
    sizes="${o.sizes}"
    width="${box.lebar}"
    height="${box.tinggi}"
    alt="${f.alt ?? o.altCadangan ?? ''}"
    loading="lazy"
    decoding="async"
  />`;
}

// ---- Serving ----

const FotoParams = Type.Object(
  {
    city: CityParams.properties.city,
    id: Uuid,
    ukuran: Type.Union([Type.Literal('kecil.webp'), Type.Literal('sedang.webp'), Type.Literal('besar.webp')]),
  },
  { additionalProperties: false },
);

/** The photo's access (404 when the user may not see it) and, unless only checked, its bytes. */
export async function readFoto(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  ukuran: UkuranFoto,
  denganIsi: boolean,
): Promise<{ publik: boolean; isi: Buffer | null }> {
  const f = isUuid(id)
    ? await trx
        .selectFrom('umkm_foto as f')
        .innerJoin('umkm_usaha as u', (j) =>
          j.onRef('u.tenant_id', '=', 'f.tenant_id').onRef('u.id', '=', 'f.usaha_id'),
        )
        .select(['f.usaha_id', 'u.status'])
        .where('f.id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!f) throw notFound();
  const publik = f.status === 'terverifikasi';
  if (!publik) {
    try {
      await usahaUntuk(trx, user, f.usaha_id, 'lihat');
    } catch {
      throw notFound();
    }
  }
  if (!denganIsi) return { publik, isi: null };
  const row = await trx.selectFrom('umkm_foto').select(ukuran).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return { publik, isi: (row as Record<UkuranFoto, Buffer>)[ukuran] };
}

/** Does If-None-Match name this entity tag (weak or strong, or "*")? */
function cocokEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}

export function fotoRoutes(app: BalaiApp): void {
  app.get(
    '/:city/umkm/foto/:id/:ukuran',
    {
      schema: { params: FotoParams },
      config: { access: 'public', page: false },
    },
    async (req, reply) => {
      const { id, ukuran: berkas } = req.params;
      const ukuran = berkas.slice(0, -'.webp'.length) as UkuranFoto;
      const etag = `"${id}-${ukuran}"`;
      const segar = cocokEtag(req.headers['if-none-match'], etag);
      const f = await cityTx(req, (trx) => readFoto(trx, req.user, id, ukuran, !segar));
      reply
        .header('etag', etag)
        .header('cache-control', f.publik ? 'public, max-age=31536000, immutable' : 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'");
      if (segar) return reply.status(304).send();
      return reply.type('image/webp').send(f.isi);
    },
  );
}
