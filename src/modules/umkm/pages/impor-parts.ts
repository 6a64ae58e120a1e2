/** Pieces shared by the import screens: who may use them, labels and number cells. */
import type { FastifyRequest } from 'fastify';
import { formatNumber } from '../../../platform/i18n/index.ts';
import type { ImporRingkas } from '../impor.ts';
import { UMKM_IMPOR } from '../permissions.ts';

export const access = { access: { permission: UMKM_IMPOR } } as const;
/** Rows of the preview per page. */
export const PER_HALAMAN = 100;

export const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatNumber(x));

export const statusLabel = (req: FastifyRequest, s: ImporRingkas['status']) =>
  req.t(`umkm.impor.status.${s}`);
